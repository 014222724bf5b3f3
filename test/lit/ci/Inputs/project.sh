#!/bin/sh
# project.sh DIR RUNTIME: a throw-away CMake project in a git repository DIR
# (branch main, pushed to the bare repository DIR.origin as `origin`) with an
# old bug in src/worker.cpp (a double close), then a branch `feature` whose
# commit adds a new bug (a send after close) to it.
set -e
dir=$1 runtime=$2
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
mkdir -p "$dir/src"
cd "$dir"
cat > CMakeLists.txt <<CMAKE
cmake_minimum_required(VERSION 3.20)
project(demo CXX)
set(CMAKE_CXX_STANDARD 20)
add_library(demo src/worker.cpp src/main.cpp)
target_include_directories(demo PRIVATE $runtime)
CMAKE
cat > src/worker.cpp <<'CPP'
#include <chan/chan.hpp>

void stop_twice() {
  auto jobs = chan::make<int>(4);
  jobs.close();
  jobs.close();
}
CPP
cat > src/main.cpp <<'CPP'
#include <chan/chan.hpp>

int main() {
  auto ch = chan::make<int>(1);
  ch.send(1);
  return ch.recv();
}
CPP
printf 'build/\n*.sarif\ngl-code-quality-report.json\n' > .gitignore
git init -q -b main
git add -A
git commit -qm base
git init -q --bare "$dir.origin"
git remote add origin "$dir.origin"
git push -q origin main
git fetch -q origin
git checkout -q -b feature
cat >> src/worker.cpp <<'CPP'

void send_late() {
  auto results = chan::make<int>(4);
  results.close();
  results.send(42);
}
CPP
git commit -qam "feature: send_late"

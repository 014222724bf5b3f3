#!/bin/sh
# git-repo.sh DIR SRC RUNTIME: a throw-away git repository in DIR with
# SRC/prog.cpp as src/a.cpp, cli/Inputs/clean.cpp as src/b.cpp, queue.h and
# uses-queue.cpp as src/c.cpp, a compile database in build/, committed on
# branch main.
set -e
dir=$1 src=$2 runtime=$3
mkdir -p "$dir/src" "$dir/build"
cp "$src/prog.cpp" "$dir/src/a.cpp"
cp "$src/../../cli/Inputs/clean.cpp" "$dir/src/b.cpp"
cp "$src/queue.h" "$dir/src/queue.h"
cp "$src/uses-queue.cpp" "$dir/src/c.cpp"
{
  echo '['
  for f in a b c; do
    sep=','; [ $f = c ] && sep=''
    echo "{\"directory\": \"$dir/build\", \"file\": \"../src/$f.cpp\", \"command\": \"c++ -std=c++20 -I$runtime -c ../src/$f.cpp -o $f.o\"}$sep"
  done
  echo ']'
} > "$dir/build/compile_commands.json"
printf 'build/\n' > "$dir/.gitignore"
git -C "$dir" init -q -b main
git -C "$dir" add -A
git -C "$dir" -c user.name=test -c user.email=test@example.com commit -qm base

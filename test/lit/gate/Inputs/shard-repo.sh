#!/bin/sh
# shard-repo.sh DIR SRC RUNTIME: DIR/src/u1.cpp .. u6.cpp, each with a bug of
# its own and including queue.h (whose bug every unit sees), and a compile
# database DIR/build/compile_commands.json.
set -e
dir=$1 src=$2 runtime=$3
mkdir -p "$dir/src" "$dir/build"
cp "$src/queue.h" "$dir/src/queue.h"
echo '[' > "$dir/build/compile_commands.json"
for i in 1 2 3 4 5 6; do
  cat > "$dir/src/u$i.cpp" <<CPP
#include "queue.h"

void unit$i() {
  auto ch = chan::make<int>(1);
  ch.close();
  ch.send($i);
}
CPP
  sep=','; [ $i = 6 ] && sep=''
  echo "{\"directory\": \"$dir/build\", \"file\": \"$dir/src/u$i.cpp\", \"arguments\": [\"c++\", \"-std=c++20\", \"-I$runtime\", \"-c\", \"$dir/src/u$i.cpp\"]}$sep" >> "$dir/build/compile_commands.json"
done
echo ']' >> "$dir/build/compile_commands.json"

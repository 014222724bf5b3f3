#!/usr/bin/env bash
# Configures and builds chcheck and the runtime into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
# Release, not RelWithDebInfo: debug info was a third of the compile time of
# every analyzer source (Clang's headers), and nothing here reads it.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build

#!/usr/bin/env bash
# Installs what is needed, builds everything, and runs every test:
#  1. the main build: GoogleTest suites, lit suites, corpus checks (ctest);
#  2. the runtime's tests again under ThreadSanitizer and AddressSanitizer
#     (clang-19), in runtime-only builds.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

scripts/install-deps.sh
scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"

for san in thread address; do
  echo "== runtime tests under -fsanitize=$san"
  cmake -S . -B "build-$san" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-19 -DCHCHECK_SANITIZE="$san" >/dev/null
  cmake --build "build-$san"
  # ThreadSanitizer sleeps a second at every exit (atexit_sleep_ms) so that
  # threads still running then can show races; over some 200 test processes
  # and the helpers they start, that sleep was most of the stage's time.
  # Races while the tests run are reported as before.
  TSAN_OPTIONS="atexit_sleep_ms=0 ${TSAN_OPTIONS:-}" \
    ctest --test-dir "build-$san" --output-on-failure -j "$(nproc)" -L runtime
done

echo "test.sh: all suites passed in $(( $(date +%s) - start ))s"

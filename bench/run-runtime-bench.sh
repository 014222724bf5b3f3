#!/usr/bin/env bash
# Runs the chan runtime's channel benchmarks next to Go's channels and a
# std::mutex + std::condition_variable queue, on this machine, in one go, and
# prints ns per message and the ratios the README reports.
#   bench/run-runtime-bench.sh            # build dir build-bench/
#   BUILD_DIR=build-x REPS=5 bench/run-runtime-bench.sh
# Installs Debian's golang-go if `go` is missing (apt-get update first).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-bench}
reps=${REPS:-3}

if ! command -v go >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends golang-go
fi

# Release, runtime and benchmark only: no LLVM, no tests.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCHCHECK_BUILD_CHECKER=OFF -DCHCHECK_BUILD_TESTS=OFF -DCHCHECK_BUILD_BENCH=ON >/dev/null
cmake --build "$build_dir" --target chan_bench >/dev/null

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== C++ (chan runtime and mutex+condvar baseline), $reps repetitions, median"
"$build_dir/bench/chan_bench" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/cpp.json" --benchmark_out_format=json >/dev/null
echo "== Go $(go version | awk '{print $3}'), GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, $reps runs, median"
GOCACHE="${GOCACHE:-$results/gocache}" GO111MODULE=off go run bench/go/chan_bench.go -count "$reps" > "$results/go.txt"

python3 - "$results/cpp.json" "$results/go.txt" <<'PY'
import json, sys
cpp = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name") == "median":
        impl, shape = b["run_name"].split("/")[:2]  # "chan/buffered_1to1/real_time"
        cpp[(impl, shape)] = b["ns_per_msg"] * 1e9
go = dict((line.split()[0], float(line.split()[1])) for line in open(sys.argv[2]) if line.strip())
shapes = ["pingpong_unbuffered", "buffered_1to1", "mpmc_4x4", "select_4"]
fmt = "| {:<20} | {:>10} | {:>10} | {:>14} | {:>9} | {:>16} |"
print(fmt.format("shape (ns/msg)", "chan", "Go", "mutex+condvar", "chan/Go", "condvar/chan"))
print(fmt.format("-" * 20, "-" * 10, "-" * 10, "-" * 14, "-" * 9, "-" * 16))
ratio = lambda a, b: "{:.2f}".format(a / b) if a and b else "n/a"
num = lambda x: "{:.1f}".format(x) if x else "n/a"
for s in shapes:
    c, g, m = cpp.get(("chan", s)), go.get(s), cpp.get(("condvar", s))
    print(fmt.format(s, num(c), num(g), num(m), ratio(c, g), ratio(m, c)))
print()
def target(label, ok):
    print("{:<58} {}".format(label, "reached" if ok else "NOT reached"))
c, g, m = cpp[("chan", "buffered_1to1")], go["buffered_1to1"], cpp[("condvar", "buffered_1to1")]
target("buffered 1:1 throughput >= Go's (chan/Go <= 1)", c <= g)
target("buffered 1:1 throughput >= 2x mutex+condvar (condvar/chan >= 2)", m >= 2 * c)
c, g = cpp[("chan", "pingpong_unbuffered")], go["pingpong_unbuffered"]
target("unbuffered ping-pong within 3x Go's (chan/Go <= 3)", c <= 3 * g)
PY

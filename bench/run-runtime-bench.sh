#!/usr/bin/env bash
# Runs the chan runtime's channel benchmarks side by side with Go's channels
# and a std::mutex + std::condition_variable queue, interleaved: every round
# runs each scenario once per implementation, in rotating order, so load
# changes on a shared machine hit all three alike.  Prints, per scenario,
# the median wall and CPU time per message, the ratios to Go and the
# context switches per 1000 messages; for pingpong:0 also the floor of a
# hand-off between two OS threads (chan_bench futex, run in the same rotation).
#   bench/run-runtime-bench.sh                         # build dir build-bench/, 5 rounds
#   BUILD_DIR=build-x ROUNDS=7 bench/run-runtime-bench.sh
#   SCENARIOS="spsc:128 mpmc:1024" bench/run-runtime-bench.sh
# Installs Debian's golang-go if `go` is missing (apt-get update first).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-bench}
rounds=${ROUNDS:-5}
scenarios=${SCENARIOS:-"pingpong:0 pingpong:1 spsc:0 spsc:1 spsc:128 spsc:1024 mpmc:0 mpmc:1 mpmc:128 mpmc:1024 select:0 select:1 select:128 select:1024"}
# Messages per run: each run takes a few tenths of a second.  Hand-offs
# (ping-pong, capacity 0 and 1) cost microseconds, buffered messages tens
# of nanoseconds.
pingpong_messages=${PINGPONG_MESSAGES:-100000}
handoff_messages=${HANDOFF_MESSAGES:-200000}
messages=${MESSAGES:-2000000}

if ! command -v go >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends golang-go
fi

# Release, runtime and benchmarks only: no LLVM, no tests.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCHCHECK_BUILD_CHECKER=OFF -DCHCHECK_BUILD_TESTS=OFF -DCHCHECK_BUILD_BENCH=ON >/dev/null
cmake --build "$build_dir" --target chan_bench goroutine_memory >/dev/null
GOCACHE="${GOCACHE:-$PWD/$build_dir/gocache}" GO111MODULE=off \
  go build -o "$build_dir/chan_bench_go" bench/go/chan_bench.go

results=$(mktemp)
trap 'rm -f "$results"' EXIT

echo "== $(nproc) CPUs, $(go version | awk '{print $3}') GOMAXPROCS=${GOMAXPROCS:-$(nproc)}, $rounds rounds," \
     "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
impls=(chan go condvar futex)
for ((round = 1; round <= rounds; ++round)); do
  printf 'round %d/%d ' "$round" "$rounds" >&2
  for scenario in $scenarios; do
    shape=${scenario%%:*}
    cap=${scenario##*:}
    n=$messages
    [ "$cap" -le 1 ] && n=$handoff_messages
    [ "$shape" = pingpong ] && n=$pingpong_messages
    # Rotate the order each round, so no implementation always runs first.
    for ((k = 0; k < 4; ++k)); do
      impl=${impls[$(((k + round) % 4))]}
      case $impl in
        chan) cmd=("$build_dir/bench/chan_bench" chan "$shape" "$cap" "$n") ;;
        go) cmd=("$build_dir/chan_bench_go" "$shape" "$cap" "$n") ;;
        condvar)
          # No rendezvous and no select in a condvar queue.
          if [ "$shape" = select ] || [ "$cap" = 0 ]; then continue; fi
          cmd=("$build_dir/bench/chan_bench" condvar "$shape" "$cap" "$n") ;;
        futex)
          # The raw two-thread hand-off exists for ping-pong at capacity 0 only.
          if [ "$shape" != pingpong ] || [ "$cap" != 0 ]; then continue; fi
          cmd=("$build_dir/bench/chan_bench" futex "$shape" "$cap" "$n") ;;
      esac
      echo "$impl $shape $cap $("${cmd[@]}")" >>"$results"
    done
    printf '.' >&2
  done
  echo >&2
done
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    impl, shape, cap, wall, cpu, switches = line.split()
    runs.setdefault((shape, int(cap), impl), []).append((float(wall), float(cpu), float(switches)))
def med(key, i):
    v = runs.get(key)
    return statistics.median(x[i] for x in v) if v else None
num = lambda x: "{:.0f}".format(x) if x is not None else "n/a"
num1 = lambda x: "{:.1f}".format(x) if x is not None else "n/a"
ratio = lambda a, b: "{:.2f}".format(a / b) if a and b else "n/a"
print("ns per message (per round trip for pingpong), medians; CPU = all threads of the process;")
print("sw/1k = context switches of the process (all threads) per 1000 messages (round trips)")
hdr = "| {:<15} | {:>9} | {:>9} | {:>9} | {:>8} | {:>8} | {:>8} | {:>9} | {:>9} | {:>7} | {:>7} | {:>7} |"
print(hdr.format("scenario", "chan wall", "Go wall", "cv wall", "chan CPU", "Go CPU", "cv CPU", "chan/Go", "chan/Go",
                 "chan", "Go", "cv"))
print(hdr.format("", "", "", "", "", "", "", "wall", "CPU", "sw/1k", "sw/1k", "sw/1k"))
print(hdr.format(*["-" * 15] + ["-" * 9] * 3 + ["-" * 8] * 3 + ["-" * 9] * 2 + ["-" * 7] * 3))
seen = []
for shape, cap, impl in sorted(runs, key=lambda k: (["pingpong", "spsc", "mpmc", "select"].index(k[0]), k[1])):
    if (shape, cap) in seen or impl == "futex":
        continue
    seen.append((shape, cap))
    c, g, v = (shape, cap, "chan"), (shape, cap, "go"), (shape, cap, "condvar")
    print(hdr.format("{}/{}".format(shape, cap), num(med(c, 0)), num(med(g, 0)), num(med(v, 0)),
                     num(med(c, 1)), num(med(g, 1)), num(med(v, 1)),
                     ratio(med(c, 0), med(g, 0)), ratio(med(c, 1), med(g, 1)),
                     num1(med(c, 2)), num1(med(g, 2)), num1(med(v, 2))))
print()
f = ("pingpong", 0, "futex")
if f in runs:
    print("floor of an OS-thread hand-off (two threads, one futex word each way, no spinning), per round trip:")
    print("  wall {}  CPU {}  sw/1k {}   (chan pingpong/0: wall {}  CPU {}  sw/1k {})".format(
        num(med(f, 0)), num(med(f, 1)), num1(med(f, 2)), num(med(("pingpong", 0, "chan"), 0)),
        num(med(("pingpong", 0, "chan"), 1)), num1(med(("pingpong", 0, "chan"), 2))))
    print()
def target(label, keys, limit):
    walls = [med(k + ("chan",), 0) / med(k + ("go",), 0) for k in keys if med(k + ("go",), 0)]
    cpus = [med(k + ("chan",), 1) / med(k + ("go",), 1) for k in keys if med(k + ("go",), 1)]
    if not walls:
        return
    ok = max(walls) <= limit
    print("{:<44} wall chan/Go {}  CPU chan/Go {}  -> {}".format(
        label, "/".join("{:.2f}".format(w) for w in walls), "/".join("{:.2f}".format(c) for c in cpus),
        "met" if ok else "NOT met"))
target("buffered 1:1 within 1.2x Go (cap 128, 1024)", [("spsc", 128), ("spsc", 1024)], 1.2)
target("4x4 MPMC within 1.2x Go (cap 128, 1024)", [("mpmc", 128), ("mpmc", 1024)], 1.2)
target("select over 4 within 1.2x Go (cap 128, 1024)", [("select", 128), ("select", 1024)], 1.2)
PY

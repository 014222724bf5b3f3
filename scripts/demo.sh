#!/usr/bin/env bash
# The README's first command: installs what is needed, builds, and runs the
# main job on the bundled examples.  Each section prints what it shows and
# whether the program behaved as expected; the script exits 0 only if every
# section did.  Sections are appended below (the analyzer's comes later).
set -uo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh || exit 1
scripts/build.sh || exit 1

BUILD=${BUILD:-build}
failures=0

# run_expect <title> <expected status> <regex the output must match> <cmd...>
run_expect() {
  local title=$1 want_status=$2 want_output=$3
  shift 3
  echo
  echo "=== $title"
  echo "\$ $*"
  local out status
  out=$("$@" 2>&1)
  status=$?
  printf '%s\n' "$out" | sed 's/^/  | /'
  if [ "$status" -eq "$want_status" ] && printf '%s\n' "$out" | grep -Eq -- "$want_output"; then
    if [ "$want_status" -ne 0 ]; then
      echo "  -> failed with status $status, AS EXPECTED"
    else
      echo "  -> ok"
    fi
  else
    echo "  -> UNEXPECTED: status $status (wanted $want_status) or output lacks /$want_output/"
    failures=$((failures + 1))
  fi
}

# ---- section: runtime examples --------------------------------------------
echo
echo "##### chan runtime: Go's channels in C++, with Go's run-time checks"
run_expect "a correct pipeline (generator -> 4 filters -> sum, WaitGroup + close)" \
  0 "sum of squares of odd numbers 1..1000 = 166666500" \
  "$BUILD/runtime/example_pipeline"
run_expect "misuse: send on a closed channel panics like Go, naming the line" \
  2 "panic: send on closed channel" \
  "$BUILD/runtime/example_panic_send_on_closed"
run_expect "deadlock: every goroutine blocked; Go's report with each one's operation and line" \
  2 "fatal error: all goroutines are asleep - deadlock!" \
  "$BUILD/runtime/example_deadlock"
run_expect "a stalled pipeline: the goroutine dump (SIGQUIT) and the JSON snapshot (SIGUSR1) an operator reads" \
  0 'goroutine [0-9]+ "pricer" \[chan send\]' \
  "$BUILD/runtime/example_blocked_pipeline"

# ---- section: the analyzer ------------------------------------------------
echo
echo "##### chcheck: the same bugs found before the program runs"
CHCHECK="$BUILD/bin/chcheck"
FLAGS=(-- -std=c++20 -Iruntime/include)
run_expect "an order service with four channel lifecycle bugs (text output, exit 1: findings)" \
  1 "CH101 send-on-closed.*|CH102|CH103|CH105" \
  "$CHCHECK" --no-progress examples/order_service_buggy.cpp "${FLAGS[@]}"
run_expect "the fixed service: no finding, exit 0" \
  0 "^$" \
  "$CHCHECK" --no-progress examples/order_service_fixed.cpp "${FLAGS[@]}"
mkdir -p "$BUILD/demo"
run_expect "SARIF 2.1.0 for a pull-request gate (written to $BUILD/demo/orders.sarif)" \
  1 "^$" \
  "$CHCHECK" --no-progress --format sarif -o "$BUILD/demo/orders.sarif" examples/order_service_buggy.cpp "${FLAGS[@]}"
run_expect "the SARIF file carries 4 results with rule ids and code flows" \
  0 "4 results: CH101 CH102 CH103 CH105" \
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; print(len(r), "results:", " ".join(sorted(x["ruleId"] for x in r)), "| codeFlows:", sum(1 for x in r if x.get("codeFlows")))' "$BUILD/demo/orders.sarif"
run_expect "the whole bug corpus: precision and recall (scripts/evaluate.py)" \
  0 "implemented rules" \
  python3 scripts/evaluate.py --chcheck "$CHCHECK"

echo
if [ "$failures" -eq 0 ]; then
  echo "demo: every example behaved as expected"
  exit 0
fi
echo "demo: $failures example(s) did not behave as expected"
exit 1

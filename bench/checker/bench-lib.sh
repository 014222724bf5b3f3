# Helpers shared by the checker benchmarks (sourced, not run).
#
# Timing: every command is run under /usr/bin/time, which gives its wall time
# and its CPU time (user + sys, children included).  On a loaded machine the
# wall time of a single-threaded tool grows with the load while its CPU time
# moves much less (cache contention still inflates it), so the scripts
# report both and take ratios of CPU time from interleaved runs.
# Instruction counts (perf if the kernel exposes the counter, else
# valgrind's cachegrind, ~25x slower) do not move with load at all.

bench_now() { date '+%Y-%m-%d %H:%M:%S %Z'; }
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
bench_calc() { awk "BEGIN { print $1 }"; }
bench_median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_time OK_STATUSES cmd...: runs cmd with its output discarded and sets
# BENCH_WALL and BENCH_CPU (seconds).  OK_STATUSES is a regex of acceptable
# exit statuses (chcheck exits 1 when it reports findings, which the corpus is
# meant to produce); anything else is a tool failure and ends the script.
bench_time() {
  local ok="$1"; shift
  local out status
  out=$(mktemp)
  status=0
  /usr/bin/time -f '%e %U %S' -o "$out" "$@" >/dev/null 2>"$out.err" || status=$?
  if ! [[ "$status" =~ ^($ok)$ ]]; then
    echo "bench: '$1' failed with status $status:" >&2
    grep -v '^Command exited' "$out.err" | head -5 >&2
    rm -f "$out" "$out.err"
    exit 2
  fi
  # With a non-zero status, time(1) writes "Command exited with non-zero
  # status N" before the figures: the figures are the last line.
  read -r BENCH_WALL user sys < <(tail -1 "$out")
  BENCH_CPU=$(bench_calc "$user + $sys")
  rm -f "$out" "$out.err"
}

# bench_instructions cmd...: prints the number of user-space instructions cmd
# executes, summed over every process it starts.  Exit status of cmd ignored.
bench_instructions() {
  local out
  out=$(mktemp)
  if perf stat -x, -e instructions:u -o "$out" true >/dev/null 2>&1 &&
     grep -q '^[0-9]' "$out"; then
    perf stat -x, -e instructions:u -o "$out" "$@" >/dev/null 2>&1 || true
    awk -F, '/instructions/ { s += $1 } END { print s }' "$out"
  else
    command -v valgrind >/dev/null || { echo "bench: neither perf counters nor valgrind" >&2; exit 2; }
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
      --trace-children=yes --log-file="$out.%p" "$@" >/dev/null 2>&1 || true
    cat "$out".* | awk '/I +refs:/ { gsub(",", "", $NF); s += $NF } END { print s }'
    rm -f "$out".*
  fi
  rm -f "$out"
}

# Which instruction counter bench_instructions uses, for the reports.
bench_instruction_counter() {
  local out
  out=$(mktemp)
  if perf stat -x, -e instructions:u -o "$out" true >/dev/null 2>&1 && grep -q '^[0-9]' "$out"; then
    echo "perf stat -e instructions:u"
  else
    echo "valgrind --tool=cachegrind (I refs)"
  fi
  rm -f "$out"
}

bench_machine() {
  printf '%s, %s cores, %s, load average %s\n' \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" \
    "$(nproc)" "$(uname -r)" "$(bench_load)"
}

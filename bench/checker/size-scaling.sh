#!/usr/bin/env bash
# How chcheck's time grows with the size of a translation unit: generates TUs
# of N functions (bench/checker/gen-scaling.py: pipelines, worker pools,
# select loops, servers closing struct fields, fan-ins, timeouts), and for
# each N times `clang++-19 -fsyntax-only` and `chcheck` on it, interleaved in
# one run.  The analysis alone is chcheck minus the parse.  Prints per size
# the medians, the analysis per function, and the growth exponent between
# successive sizes (time ~ N^k: k = 1 is linear; the header's fixed parse
# cost makes the total's k < 1 at small N, so judge the analysis' k).
#
# usage: bench/checker/size-scaling.sh [-r REPS] [-b BUILD_DIR] [-s "10 100 1000"]
#                                      [--instructions] [--run] [--keep DIR]
#   -s SIZES        function counts (default "10 100 1000"; add 3000 for the large run)
#   --instructions  also count instructions (perf or cachegrind: slow, ~25x)
#   --run           also compile each TU against BUILD_DIR's libchan.a and run it:
#                   it must print its checksum and exit 0 (the input is a real program)
#   --keep DIR      write the generated TUs to DIR instead of a temporary directory
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/checker/bench-lib.sh

reps=3 build=build sizes="10 100 1000" instructions=0 run=0 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    -r) reps="$2"; shift 2 ;;
    -b) build="$2"; shift 2 ;;
    -s) sizes="$2"; shift 2 ;;
    --instructions) instructions=1; shift ;;
    --run) run=1; shift ;;
    --keep) keep="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "size-scaling: unknown argument $1" >&2; exit 2 ;;
  esac
done

chcheck="$build/bin/chcheck"
clangxx="${CLANGXX:-clang++-19}"
[ -x "$chcheck" ] || { echo "size-scaling: $chcheck not built" >&2; exit 2; }
flags=(-std=c++20 -I"$PWD/runtime/include")

if [ -n "$keep" ]; then dir="$keep"; mkdir -p "$dir"; else dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; fi

echo "machine: $(bench_machine)"
echo "date:    $(bench_now)"
echo "tools:   $("$clangxx" --version | head -1); chcheck $("$chcheck" --version | head -1)"
echo "repetitions: $reps, interleaved; times are medians of CPU seconds (user+sys), wall in brackets"
[ "$instructions" -eq 1 ] && echo "instructions: $(bench_instruction_counter)"
echo

declare -A parse_cpu check_cpu parse_wall check_wall parse_ir check_ir lines
for n in $sizes; do
  tu="$dir/gen_$n.cpp"
  python3 bench/checker/gen-scaling.py "$n" -o "$tu"
  lines[$n]=$(wc -l <"$tu")
  "$clangxx" -fsyntax-only "${flags[@]}" "$tu" || { echo "size-scaling: generated TU $n does not compile" >&2; exit 2; }
  # The generated program is bug-free: a finding on it is a false alarm, and
  # would make the analysis measured here differ from a clean run.
  findings=$("$chcheck" --no-progress "$tu" -- "${flags[@]}" 2>&1) || {
    echo "size-scaling: chcheck reports on the bug-free generated TU ($n functions):" >&2
    echo "$findings" | head -10 >&2; exit 2; }
  if [ "$run" -eq 1 ]; then
    lib=$(find "$build" -name libchan.a | head -1)
    [ -n "$lib" ] || { echo "size-scaling: --run needs libchan.a in $build (build target chan)" >&2; exit 2; }
    "$clangxx" -O0 "${flags[@]}" "$tu" "$lib" -pthread -o "$dir/gen_$n"
    out=$(timeout 120 "$dir/gen_$n") || { echo "size-scaling: generated program $n failed" >&2; exit 2; }
    echo "ran gen_$n: $out"
  fi
  pc=() cc=() pw=() cw=()
  for ((i = 0; i < reps; i++)); do
    bench_time 0 "$clangxx" -fsyntax-only "${flags[@]}" "$tu"; pc+=("$BENCH_CPU"); pw+=("$BENCH_WALL")
    bench_time 0 "$chcheck" --no-progress "$tu" -- "${flags[@]}"; cc+=("$BENCH_CPU"); cw+=("$BENCH_WALL")
  done
  parse_cpu[$n]=$(printf '%s\n' "${pc[@]}" | bench_median)
  check_cpu[$n]=$(printf '%s\n' "${cc[@]}" | bench_median)
  parse_wall[$n]=$(printf '%s\n' "${pw[@]}" | bench_median)
  check_wall[$n]=$(printf '%s\n' "${cw[@]}" | bench_median)
  if [ "$instructions" -eq 1 ]; then
    parse_ir[$n]=$(bench_instructions "$clangxx" -fsyntax-only "${flags[@]}" "$tu")
    check_ir[$n]=$(bench_instructions "$chcheck" --no-progress "$tu" -- "${flags[@]}")
  fi
  # Each size's figures as soon as they are known (a long run can be cut short).
  echo "measured $n functions: parse ${parse_cpu[$n]} s, chcheck ${check_cpu[$n]} s CPU (wall ${parse_wall[$n]}, ${check_wall[$n]})${parse_ir[$n]:+, instructions ${parse_ir[$n]}, ${check_ir[$n]}} (load $(bench_load))" >&2
done

echo "| functions | lines | parse s | chcheck s | ratio | analysis s | analysis ms/function |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  a=$(bench_calc "${check_cpu[$n]} - ${parse_cpu[$n]}")
  printf '| %d | %d | %.2f (%.2f) | %.2f (%.2f) | %.3f | %.2f | %.3f |\n' "$n" "${lines[$n]}" \
    "${parse_cpu[$n]}" "${parse_wall[$n]}" "${check_cpu[$n]}" "${check_wall[$n]}" \
    "$(bench_calc "${check_cpu[$n]} / ${parse_cpu[$n]}")" "$a" "$(bench_calc "$a * 1000 / $n")"
done

if [ "$instructions" -eq 1 ]; then
  echo
  echo "| functions | parse instructions | chcheck instructions | ratio | analysis instructions | analysis instructions/function |"
  echo "|---:|---:|---:|---:|---:|---:|"
  for n in $sizes; do
    a=$(bench_calc "${check_ir[$n]} - ${parse_ir[$n]}")
    printf '| %d | %.3e | %.3e | %.3f | %.3e | %.3e |\n' "$n" "${parse_ir[$n]}" "${check_ir[$n]}" \
      "$(bench_calc "${check_ir[$n]} / ${parse_ir[$n]}")" "$a" "$(bench_calc "$a / $n")"
  done
fi

# Growth exponent k between successive sizes: k = ln(t2/t1) / ln(n2/n1).
echo
echo "growth exponent k between successive sizes (1 = linear, 2 = quadratic):"
prev=""
for n in $sizes; do
  if [ -n "$prev" ]; then
    exponent() { awk -v a="$1" -v b="$2" -v n1="$prev" -v n2="$n" \
      'BEGIN { if (a <= 0 || b <= 0) print "n/a (analysis below noise)"; else printf "%.2f", log(b / a) / log(n2 / n1) }'; }
    ap=$(bench_calc "${check_cpu[$prev]} - ${parse_cpu[$prev]}")
    an=$(bench_calc "${check_cpu[$n]} - ${parse_cpu[$n]}")
    # CPU times of repeated runs scatter by a few percent under load: an
    # analysis below 3% of the parse is within that scatter, and its
    # exponent would be noise (instruction counts do not have this problem).
    if [ "$(bench_calc "($ap > 0.03 * ${parse_cpu[$prev]} && $an > 0.03 * ${parse_cpu[$n]}) ? 1 : 0")" -eq 1 ]; then
      ak=$(exponent "$ap" "$an")
    else
      ak="n/a (analysis below 3% of the parse: CPU-time noise)"
    fi
    line="  $prev -> $n: parse k=$(exponent "${parse_cpu[$prev]}" "${parse_cpu[$n]}"), chcheck k=$(exponent "${check_cpu[$prev]}" "${check_cpu[$n]}"), analysis k=$ak"
    if [ "$instructions" -eq 1 ]; then
      line+=", analysis instructions k=$(exponent "$(bench_calc "${check_ir[$prev]} - ${parse_ir[$prev]}")" "$(bench_calc "${check_ir[$n]} - ${parse_ir[$n]}")")"
    fi
    echo "$line"
  fi
  prev=$n
done
echo "load average at the end: $(bench_load)"

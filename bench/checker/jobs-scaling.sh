#!/usr/bin/env bash
# How chcheck's wall time scales with -j (translation units analysed in
# parallel): runs `chcheck -j N` over the same files for each N, interleaved
# in one run, and prints the median wall time, CPU time and the speedup over
# -j 1.  The ideal speedup is N as long as N <= cores; the load average is
# printed because other processes competing for the cores cap the speedup.
# Also checks that every -j produces the same report (chcheck promises a
# byte-identical report for every N).
#
# usage: bench/checker/jobs-scaling.sh [-r REPS] [-b BUILD_DIR] [-j "1 2"] [--every K] [files...]
#   default files: test/corpus/**/*.cpp and examples/*.cpp; default -j: 1 and the core count
#   --every K  keep every K-th file of the sorted list (a sample, for a loaded machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/checker/bench-lib.sh

reps=3 build=build every=1 jobs="" files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -r) reps="$2"; shift 2 ;;
    -b) build="$2"; shift 2 ;;
    -j) jobs="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done
[ -n "$jobs" ] || jobs="1 $(nproc)"
[ "$jobs" != "1 1" ] || jobs="1"

chcheck="$build/bin/chcheck"
[ -x "$chcheck" ] || { echo "jobs-scaling: $chcheck not built" >&2; exit 2; }
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find test/corpus examples -name '*.cpp' | sort)
fi
if [ "$every" -gt 1 ]; then
  sample=()
  for ((i = 0; i < ${#files[@]}; i += every)); do sample+=("${files[i]}"); done
  files=("${sample[@]}")
fi
[ ${#files[@]} -gt 0 ] || { echo "jobs-scaling: no translation units" >&2; exit 2; }
flags=(-std=c++20 -Iruntime/include)

echo "machine: $(bench_machine)"
echo "date:    $(bench_now)"
sampled=""; [ "$every" -gt 1 ] && sampled=" (every ${every}-th file of the sorted list)"
echo "translation units: ${#files[@]}$sampled, repetitions: $reps, interleaved"

# Same report for every -j (the reference is the first N's).
reference=""
for n in $jobs; do
  report=$("$chcheck" --no-progress -j "$n" --format json "${files[@]}" -- "${flags[@]}" 2>/dev/null) || [ $? -eq 1 ] ||
    { echo "jobs-scaling: chcheck -j $n failed" >&2; exit 2; }
  if [ -z "$reference" ]; then reference="$report"
  elif [ "$report" != "$reference" ]; then echo "jobs-scaling: the report of -j $n differs from -j ${jobs%% *}" >&2; exit 1
  fi
done
echo "reports: identical for -j $jobs"

declare -A wall cpu
jl=($jobs)
for ((r = 0; r < reps; r++)); do
  for ((k = 0; k < ${#jl[@]}; k++)); do
    n=${jl[(r + k) % ${#jl[@]}]}
    bench_time '0|1' "$chcheck" --no-progress -j "$n" "${files[@]}" -- "${flags[@]}"
    wall[$n]+="$BENCH_WALL " cpu[$n]+="$BENCH_CPU "
  done
  echo "repetition $((r + 1)) done (load $(bench_load))" >&2
done

med() { tr ' ' '\n' <<<"$1" | grep . | bench_median; }
base=$(med "${wall[${jl[0]}]}")
echo
echo "| -j | wall s | CPU s | speedup (wall) | efficiency |"
echo "|---:|---:|---:|---:|---:|"
for n in $jobs; do
  w=$(med "${wall[$n]}") c=$(med "${cpu[$n]}")
  s=$(bench_calc "$base / $w")
  printf '| %d | %.2f | %.2f | %.2f | %.0f%% |\n' "$n" "$w" "$c" "$s" "$(bench_calc "$s / $n * 100")"
done
echo "load average at the end: $(bench_load)"

#!/usr/bin/env bash
# chcheck next to the tools a user already runs on the same code, on the same
# translation units with the same flags, in one run:
#   parse    clang++-19 -fsyntax-only (the floor: what any Clang tool pays)
#   chcheck  chcheck (parse + channel analysis)
#   tidy     clang-tidy-19 with one cheap check (readability-braces-around-statements)
#   analyze  clang++-19 --analyze -Xanalyzer -analyzer-output=text (Clang Static Analyzer, default checkers)
# Each tool is one process over all the files (as a user would run it).  The
# repetitions are interleaved and each starts with a different tool, so load
# drifts hit all tools alike.  Prints medians of CPU time (user+sys) with wall
# time in brackets, and each tool's ratio to the parse; the issue's target is
# chcheck/parse <= 1.25.
#
# usage: bench/checker/compare-tools.sh [-r REPS] [-b BUILD_DIR] [--every K] [--instructions] [files...]
#   default files: test/corpus/**/*.cpp and examples/*.cpp
#   --every K       keep every K-th file of the sorted list (a sample, for a loaded machine)
#   --instructions  also count each tool's instructions once (perf, else cachegrind: ~25x slower)
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/checker/bench-lib.sh

reps=3 build=build every=1 instructions=0 files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -r) reps="$2"; shift 2 ;;
    -b) build="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    --instructions) instructions=1; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) files+=("$(realpath "$1")"); shift ;;
  esac
done

chcheck="$(realpath "$build/bin/chcheck" 2>/dev/null || true)"
clangxx="${CLANGXX:-clang++-19}"
tidy="${CLANG_TIDY:-clang-tidy-19}"
[ -x "$chcheck" ] || { echo "compare-tools: $build/bin/chcheck not built" >&2; exit 2; }
for t in "$clangxx" "$tidy"; do command -v "$t" >/dev/null || { echo "compare-tools: $t not found" >&2; exit 2; }; done
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find "$PWD/test/corpus" "$PWD/examples" -name '*.cpp' | sort)
fi
if [ "$every" -gt 1 ]; then
  sample=()
  for ((i = 0; i < ${#files[@]}; i += every)); do sample+=("${files[i]}"); done
  files=("${sample[@]}")
fi
[ ${#files[@]} -gt 0 ] || { echo "compare-tools: no translation units" >&2; exit 2; }

flags=(-std=c++20 -I"$PWD/runtime/include")
# --analyze writes nothing with text output, but run every tool in a scratch
# directory so that no stray output lands in the tree.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

tools=(parse chcheck tidy analyze)
# run_tool NAME RUNNER: RUNNER is bench_time (with its accepted statuses) or
# bench_instructions.
tool_cmd() {
  case "$1" in
    parse)   cmd=("$clangxx" -fsyntax-only "${flags[@]}" "${files[@]}"); ok=0 ;;
    chcheck) cmd=("$chcheck" --no-progress "${files[@]}" -- "${flags[@]}"); ok='0|1' ;;  # 1: findings
    tidy)    cmd=("$tidy" --quiet -checks='-*,readability-braces-around-statements' "${files[@]}" -- "${flags[@]}"); ok=0 ;;
    analyze) cmd=("$clangxx" --analyze -Xanalyzer -analyzer-output=text "${flags[@]}" "${files[@]}"); ok=0 ;;
  esac
}

# Every tool must accept every file, or the comparison is meaningless.
tool_cmd parse
"${cmd[@]}" || { echo "compare-tools: clang++ rejects some of the files" >&2; exit 2; }

echo "machine: $(bench_machine)"
echo "date:    $(bench_now)"
echo "tools:   $("$clangxx" --version | head -1); $("$tidy" --version | grep -m1 -i version | sed 's/^ *//'); $("$chcheck" --version | head -1)"
sampled=""; [ "$every" -gt 1 ] && sampled=" (every ${every}-th file of the sorted list)"
echo "translation units: ${#files[@]}$sampled, repetitions: $reps, interleaved"

declare -A cpu wall
for ((r = 0; r < reps; r++)); do
  for ((k = 0; k < ${#tools[@]}; k++)); do
    t=${tools[(r + k) % ${#tools[@]}]}
    tool_cmd "$t"
    bench_time "$ok" "${cmd[@]}"
    cpu[$t]+="$BENCH_CPU "
    wall[$t]+="$BENCH_WALL "
  done
  echo "repetition $((r + 1)) done (load $(bench_load))" >&2
done

declare -A ir
if [ "$instructions" -eq 1 ]; then
  echo "instructions: $(bench_instruction_counter), one run each"
  for t in "${tools[@]}"; do
    tool_cmd "$t"
    ir[$t]=$(bench_instructions "${cmd[@]}")
    echo "counted $t (load $(bench_load))" >&2
  done
fi

med() { tr ' ' '\n' <<<"$1" | grep . | bench_median; }
base_cpu=$(med "${cpu[parse]}")
echo
if [ "$instructions" -eq 1 ]; then
  echo "| tool | CPU s (wall s) | ratio to parse (CPU) | instructions | ratio to parse (instructions) |"
  echo "|---|---:|---:|---:|---:|"
else
  echo "| tool | CPU s (wall s) | ratio to parse (CPU) |"
  echo "|---|---:|---:|"
fi
for t in "${tools[@]}"; do
  c=$(med "${cpu[$t]}") w=$(med "${wall[$t]}")
  row=$(printf '| %s | %.2f (%.2f) | %.3f |' "$t" "$c" "$w" "$(bench_calc "$c / $base_cpu")")
  if [ "$instructions" -eq 1 ]; then
    row+=$(printf ' %.4e | %.3f |' "${ir[$t]}" "$(bench_calc "${ir[$t]} / ${ir[parse]}")")
  fi
  echo "$row"
done
c=$(med "${cpu[chcheck]}")
verdict=$(bench_calc "(($c / $base_cpu <= 1.25) ? \"met\" : \"NOT met\")")
printf 'chcheck adds %+.1f%% CPU to the parse: target (<= +25%%) %s\n' "$(bench_calc "($c / $base_cpu - 1) * 100")" "$verdict"
if [ "$instructions" -eq 1 ]; then
  printf 'chcheck adds %+.1f%% instructions to the parse\n' "$(bench_calc "(${ir[chcheck]} / ${ir[parse]} - 1) * 100")"
fi
echo "load average at the end: $(bench_load)"

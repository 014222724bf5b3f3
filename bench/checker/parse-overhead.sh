#!/usr/bin/env bash
# Measures what chcheck's analysis adds to parsing: times `chcheck` and
# `clang++-19 -fsyntax-only` on the same translation units, interleaved in one
# run, and prints the median of each and their ratio.  The target (issue 4,
# "Speed") is a ratio of at most 1.25.
#
# usage: bench/checker/parse-overhead.sh [-r REPS] [-b BUILD_DIR] [--check] [files...]
#   default files: every test/corpus/**/*.cpp and runtime/examples/*.cpp
#   --check: exit 1 if the ratio exceeds 1.25
set -euo pipefail
cd "$(dirname "$0")/../.."

reps=5
build=build
check=0
files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -r) reps="$2"; shift 2 ;;
    -b) build="$2"; shift 2 ;;
    --check) check=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) files+=("$1"); shift ;;
  esac
done

chcheck="$build/bin/chcheck"
clangxx="${CLANGXX:-clang++-19}"
[ -x "$chcheck" ] || { echo "parse-overhead: $chcheck not built" >&2; exit 2; }
command -v "$clangxx" >/dev/null || { echo "parse-overhead: $clangxx not found" >&2; exit 2; }
if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(find test/corpus runtime/examples -name '*.cpp' 2>/dev/null | sort)
fi
[ ${#files[@]} -gt 0 ] || { echo "parse-overhead: no translation units" >&2; exit 2; }

flags=(-std=c++20 -Iruntime/include)

# Both tools must accept every file, or the comparison is meaningless.
if ! "$clangxx" -fsyntax-only "${flags[@]}" "${files[@]}" 2>/dev/null; then
  echo "parse-overhead: clang++ rejects some of the files" >&2; exit 2
fi

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

parse_times=() check_times=()
for ((i = 0; i < reps; i++)); do
  # Interleaved, so drifts in machine load hit both alike.
  t0=$(now)
  "$clangxx" -fsyntax-only "${flags[@]}" "${files[@]}" 2>/dev/null
  t1=$(now)
  status=0
  "$chcheck" --no-progress "${files[@]}" -- "${flags[@]}" >/dev/null 2>&1 || status=$?
  t2=$(now)
  if [ "$status" -eq 2 ]; then
    echo "parse-overhead: chcheck reported a tool error (exit 2):" >&2
    "$chcheck" --no-progress "${files[@]}" -- "${flags[@]}" 2>&1 >/dev/null | head -5 >&2
    exit 2
  fi
  parse_times+=("$(calc "$t1 - $t0")")
  check_times+=("$(calc "$t2 - $t1")")
done

parse=$(printf '%s\n' "${parse_times[@]}" | median)
analysis=$(printf '%s\n' "${check_times[@]}" | median)
ratio=$(calc "$analysis / $parse")
printf 'translation units:           %d\n' "${#files[@]}"
printf 'repetitions:                 %d\n' "$reps"
printf 'clang++ -fsyntax-only:       %.3f s (median)\n' "$parse"
printf 'chcheck:                     %.3f s (median)\n' "$analysis"
printf 'ratio chcheck / parse:       %.3f  (target <= 1.25; analysis adds %+.1f%%)\n' \
       "$ratio" "$(calc "($ratio - 1) * 100")"
if [ "$check" -eq 1 ] && [ "$(calc "$ratio > 1.25")" -eq 1 ]; then
  echo "parse-overhead: ratio above target" >&2
  exit 1
fi

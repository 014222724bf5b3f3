#!/usr/bin/env bash
# What the clang-tidy module costs, next to what a user already pays, on the
# translation units of a compilation database (the real-code runs:
# scripts/real-code.sh --databases-only), in one run:
#   parse    clang++-19 -fsyntax-only with each command's flags (parse-db.py)
#   uam      clang-tidy-19 -checks='-*,bugprone-use-after-move' -p DB (one cheap, flow-sensitive check)
#   channel  clang-tidy-19 -load libchcheck-tidy.so -checks='-*,channel-*' -p DB
# Each tool is one process (tree) over all the files.  Repetitions are
# interleaved, each starting with a different tool.  Prints medians of CPU
# time (user+sys) with wall time in brackets, and the ratios channel/uam and
# channel/parse.
#
# usage: bench/checker/tidy-cost.sh [-r REPS] [-b BUILD_DIR] [--every K] DB [files...]
#   DB          a compile_commands.json, or the directory holding one
#   files       default: every file of DB (in path order)
#   --every K   keep every K-th file of the sorted list (a sample, for a loaded machine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/bench-lib.sh"
# Paths on the command line are the caller's: made absolute before the cd below.
absolute() { realpath -e "$1" 2>/dev/null || { echo "tidy-cost: no such file: $1" >&2; exit 2; }; }

reps=3 build=build every=1 db="" files=()
while [ $# -gt 0 ]; do
  case "$1" in
    -r) reps="$2"; shift 2 ;;
    -b) build="$2"; shift 2 ;;
    --every) every="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) path="$(absolute "$1")"
       if [ -z "$db" ]; then db="$path"; else files+=("$path"); fi; shift ;;
  esac
done
build="$(realpath -m "$build")"
cd "$here/../.."
[ -n "$db" ] || { echo "tidy-cost: no compilation database (see --help)" >&2; exit 2; }
[ -d "$db" ] && db="$db/compile_commands.json"
[ -f "$db" ] || { echo "tidy-cost: no $db" >&2; exit 2; }
module="$(realpath "$build/lib/libchcheck-tidy.so" 2>/dev/null || true)"
[ -f "$module" ] || { echo "tidy-cost: $build/lib/libchcheck-tidy.so not built" >&2; exit 2; }
tidy="${CLANG_TIDY:-clang-tidy-19}"
clangxx="${CLANGXX:-clang++-19}"
for t in "$tidy" "$clangxx"; do command -v "$t" >/dev/null || { echo "tidy-cost: $t not found" >&2; exit 2; }; done

if [ ${#files[@]} -eq 0 ]; then
  mapfile -t files < <(python3 -c '
import json, os, sys
db = json.load(open(sys.argv[1]))
print("\n".join(sorted({os.path.realpath(os.path.join(e["directory"], e["file"])) for e in db})))' "$db")
fi
if [ "$every" -gt 1 ]; then
  sample=()
  for ((i = 0; i < ${#files[@]}; i += every)); do sample+=("${files[i]}"); done
  files=("${sample[@]}")
fi
[ ${#files[@]} -gt 0 ] || { echo "tidy-cost: no translation units" >&2; exit 2; }
dbdir=$(dirname "$db")

tools=(parse uam channel)
tool_cmd() {
  case "$1" in
    parse)   cmd=(python3 bench/checker/parse-db.py "$db" "${files[@]}") ;;
    uam)     cmd=("$tidy" --quiet -checks='-*,bugprone-use-after-move' -p "$dbdir" "${files[@]}") ;;
    channel) cmd=("$tidy" --quiet -load "$module" -checks='-*,channel-*' -p "$dbdir" "${files[@]}") ;;
  esac
}

echo "machine: $(bench_machine)"
echo "date:    $(bench_now)"
echo "tools:   $("$clangxx" --version | head -1); $("$tidy" --version | grep -m1 -i version | sed 's/^ *//')"
sampled=""; [ "$every" -gt 1 ] && sampled=" (every ${every}-th file of the sorted list)"
echo "database: $db"
echo "translation units: ${#files[@]}$sampled, repetitions: $reps, interleaved"

declare -A cpu wall
for ((r = 0; r < reps; r++)); do
  for ((k = 0; k < ${#tools[@]}; k++)); do
    t=${tools[(r + k) % ${#tools[@]}]}
    tool_cmd "$t"
    bench_time 0 "${cmd[@]}"
    cpu[$t]+="$BENCH_CPU "
    wall[$t]+="$BENCH_WALL "
  done
  echo "repetition $((r + 1)) done (load $(bench_load))" >&2
done

med() { tr ' ' '\n' <<<"$1" | grep . | bench_median; }
echo
echo "| tool | CPU s (wall s) | CPU / parse | CPU / uam |"
echo "|---|---:|---:|---:|"
for t in "${tools[@]}"; do
  c=$(med "${cpu[$t]}") w=$(med "${wall[$t]}")
  printf '| %s | %.2f (%.2f) | %.3f | %.3f |\n' "$t" "$c" "$w" \
    "$(bench_calc "$c / $(med "${cpu[parse]}")")" "$(bench_calc "$c / $(med "${cpu[uam]}")")"
done
echo "load average at the end: $(bench_load)"

#!/usr/bin/env python3
"""evaluate.py: precision and recall of chcheck on the bug corpus.

Runs chcheck (JSON output) over every program under test/corpus/, compares
its findings with the `// expect: CHnnn` annotations (a finding matches an
expectation of the same rule on the same line), and prints per rule and
overall: true positives, false positives, false negatives, precision and
recall, then every miss and every false alarm.  For the GoKer kernels it also
prints recall and precision per GoBench sub-class (from the programs'
headers) and, per GoBench class, next to the figures published for goleak,
go-deadlock, dingo-hunter and Golf; goker.py says what those figures are and
where they come from.

  evaluate.py --chcheck BIN [--jobs N] [--markdown] [--ratchet FILE] [--update] [--report FILE]

--report FILE   judge the findings of a corpus_report.py file (one chcheck run
                shared by the corpus tests) instead of running chcheck.

--ratchet FILE  fail (exit 1) if precision or recall fell below the figures
                recorded in FILE (test/corpus/eval-ratchet.json).
--update        with --ratchet: record the current figures where they are
                higher (the ratchet only moves up).
Exit status: 0 ok, 1 below the ratchet, 2 chcheck or input error."""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_report  # noqa: E402  (scripts/corpus_report.py)
import goker  # noqa: E402  (scripts/goker.py)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
EXPECT = re.compile(r"//\s*expect:\s*((?:CH\d{3}\s*,?\s*)+)")


def fail(message):
    """Input or chcheck error: exit status 2 (1 means below the ratchet)."""
    sys.stderr.write("evaluate: %s\n" % message)
    sys.exit(2)


def expectations(files):
    expected = set()
    for path in files:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                m = EXPECT.search(line)
                if m:
                    for rid in re.findall(r"CH\d{3}", m.group(1)):
                        expected.add((path, lineno, rid))
    return expected


def chcheck(cmd):
    """Runs chcheck; its stdout, or exit 2 if it cannot run or fails."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        fail("cannot run %s: %s" % (cmd[0], e))
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        fail("chcheck failed with status %d" % proc.returncode)
    return proc.stdout


def found_in(report):
    return {(os.path.realpath(f["location"]["file"]), f["location"]["line"], f["ruleId"])
            for f in report["findings"]}


def ratio(num, den):
    return num / den if den else 1.0


def pct(num, den):
    return "%.1f%%" % (100.0 * num / den) if den else "-"


def print_table(header, rows, markdown):
    """Rows of cells (strings) under HEADER: a markdown table, or columns
    aligned for a terminal (the first left, the others right)."""
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for r in [header] + rows:
        print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths))))


def print_goker_tables(programs, expected, found, markdown):
    kernels = {p.kernel for p in programs}
    print("\nGoKer kernels per GoBench sub-class (%d kernels; detected: an expected finding of the buggy "
          "program is reported; TP/FP/FN count findings):\n" % len(kernels))
    print_table(["suite", "class", "sub-class", "kernels", "detected", "TP", "FP", "FN", "precision", "recall"],
                [[*r["names"], str(len(r["kernels"])), str(r["detected"]), str(r["tp"]), str(r["fp"]),
                  str(r["fn"]), pct(r["tp"], r["tp"] + r["fp"]), pct(r["tp"], r["tp"] + r["fn"])]
                 for r in goker.subclass_rows(programs, expected, found)], markdown)
    print("\nGoKer blocking kernels per GoBench class: recall of chcheck on this corpus's kernels (FP: kernels "
          "with an unexpected finding on the buggy or the fixed program), of the other tools as published on "
          "all of GoKer's:\n")
    print_table(goker.COMPARISON_HEADER, goker.comparison_rows(programs, expected, found), markdown)
    print("\nSources: " + goker.SOURCES)


def check_ratchet(path, current, update):
    """0 if the CURRENT figures reach those recorded in PATH, else 1; with
    UPDATE, records the higher of each."""
    recorded = {}
    if os.path.exists(path):
        try:
            with open(path) as f:
                recorded = json.load(f)
        except (OSError, ValueError) as e:
            fail("cannot read the ratchet %s: %s" % (path, e))
    below = [k for k in current if current[k] + 1e-9 < recorded.get(k, 0.0)]
    if update:
        merged = {k: max(current[k], recorded.get(k, 0.0)) for k in current}
        with open(path, "w") as f:
            json.dump(merged, f, indent=2, sort_keys=True)
            f.write("\n")
        print("ratchet: recorded %s" % merged)
    if below:
        print("ratchet: FAILED, below the recorded figures: " +
              ", ".join("%s %.4f < %.4f" % (k, current[k], recorded[k]) for k in below))
        return 1
    print("ratchet: ok (%s)" % ", ".join("%s %.4f >= %.4f" % (k, current[k], recorded.get(k, 0.0))
                                         for k in sorted(current)))
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chcheck", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--ratchet")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--report", help="the corpus_report.py file to judge instead of running chcheck")
    args = ap.parse_args()

    files = sorted(os.path.realpath(p) for p in glob.glob(os.path.join(ROOT, "test", "corpus", "**", "*.cpp"),
                                                          recursive=True))
    if not files:
        fail("no corpus programs under test/corpus/")
    listing = chcheck([args.chcheck, "--list-rules"])
    implemented = {line.split()[0] for line in listing.splitlines() if re.match(r"CH\d{3}\s", line)}
    expected = expectations(files)
    programs = []
    for path in files:
        try:
            program = goker.read_program(path)
        except goker.HeaderError as e:
            fail("%s: %s" % (os.path.relpath(path, ROOT), e))
        if program:
            programs.append(program)
    if args.report:
        report = corpus_report.load(args.report, files, fail)
    else:
        report = corpus_report.run_chcheck(args.chcheck, files, args.jobs, fail)
    found = found_in(report)

    tp, fp, fn = expected & found, found - expected, expected - found
    per_rule = defaultdict(lambda: [0, 0, 0])
    for _, _, r in tp:
        per_rule[r][0] += 1
    for _, _, r in fp:
        per_rule[r][1] += 1
    for _, _, r in fn:
        per_rule[r][2] += 1

    def row(name, t, p, n):
        return (name, t, p, n, ratio(t, t + p), ratio(t, t + n))

    rows = [row(r + ("" if r in implemented else " (reserved)"), *per_rule[r]) for r in sorted(per_rule)]
    impl_fn = sum(1 for x in fn if x[2] in implemented)
    overall_impl = row("implemented rules", len(tp), len(fp), impl_fn)
    overall_all = row("all expectations", len(tp), len(fp), len(fn))

    rel = lambda p: os.path.relpath(p, ROOT)
    print_table(["rule", "TP", "FP", "FN", "precision", "recall"],
                [[r[0], str(r[1]), str(r[2]), str(r[3]), "%.1f%%" % (100 * r[4]), "%.1f%%" % (100 * r[5])]
                 for r in rows + [overall_impl, overall_all]], args.markdown)
    print("\n%d programs, %d expected findings, %d reported" % (len(files), len(expected), len(found)))
    print_goker_tables(programs, expected, found, args.markdown)
    if fp:
        print("\nfalse alarms:")
        for p, l, r in sorted(fp):
            print("  %s:%d %s" % (rel(p), l, r))
    misses = sorted(x for x in fn if x[2] in implemented)
    if misses:
        print("\nmisses (implemented rules):")
        for p, l, r in misses:
            print("  %s:%d %s" % (rel(p), l, r))
    reserved = len(fn) - len(misses)
    print("\nmisses of reserved (not yet implemented) rules: %d" % reserved)

    if not args.ratchet:
        return 0
    return check_ratchet(args.ratchet, {"precision": round(overall_impl[4], 4),
                                        "recall_implemented": round(overall_impl[5], 4),
                                        "recall_all": round(overall_all[5], 4)}, args.update)

if __name__ == "__main__":
    sys.exit(main())

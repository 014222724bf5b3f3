#!/usr/bin/env python3
"""evaluate.py: precision and recall of chcheck on the bug corpus.

Runs chcheck (JSON output) over every program under test/corpus/, compares
its findings with the `// expect: CHnnn` annotations (a finding matches an
expectation of the same rule on the same line), and prints per rule and
overall: true positives, false positives, false negatives, precision and
recall, then every miss and every false alarm.

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

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
EXPECT = re.compile(r"//\s*expect:\s*((?:CH\d{3}\s*,?\s*)+)")


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


def found_in(report):
    return {(os.path.realpath(f["location"]["file"]), f["location"]["line"], f["ruleId"])
            for f in report["findings"]}


def ratio(num, den):
    return num / den if den else 1.0


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
        sys.exit("evaluate: no corpus programs under test/corpus/")
    listing = subprocess.run([args.chcheck, "--list-rules"], capture_output=True, text=True, check=True).stdout
    implemented = {line.split()[0] for line in listing.splitlines() if re.match(r"CH\d{3}\s", line)}
    expected = expectations(files)
    def fail(message):
        sys.stderr.write("evaluate: %s\n" % message)
        sys.exit(2)

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
    if args.markdown:
        print("| rule | TP | FP | FN | precision | recall |")
        print("|---|---|---|---|---|---|")
        for r in rows + [overall_impl, overall_all]:
            print("| %s | %d | %d | %d | %.1f%% | %.1f%% |" % (r[0], r[1], r[2], r[3], 100 * r[4], 100 * r[5]))
    else:
        print("%-28s %4s %4s %4s %10s %8s" % ("rule", "TP", "FP", "FN", "precision", "recall"))
        for r in rows + [overall_impl, overall_all]:
            print("%-28s %4d %4d %4d %9.1f%% %7.1f%%" % (r[0], r[1], r[2], r[3], 100 * r[4], 100 * r[5]))
    print("\n%d programs, %d expected findings, %d reported" % (len(files), len(expected), len(found)))
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
    current = {"precision": round(overall_impl[4], 4), "recall_implemented": round(overall_impl[5], 4),
               "recall_all": round(overall_all[5], 4)}
    recorded = {}
    if os.path.exists(args.ratchet):
        with open(args.ratchet) as f:
            recorded = json.load(f)
    below = [k for k in current if current[k] + 1e-9 < recorded.get(k, 0.0)]
    if args.update:
        merged = {k: max(current[k], recorded.get(k, 0.0)) for k in current}
        with open(args.ratchet, "w") as f:
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


if __name__ == "__main__":
    sys.exit(main())

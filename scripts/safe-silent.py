#!/usr/bin/env python3
"""safe-silent.py: chcheck must report nothing on the precision suite.

Runs chcheck (JSON output, every implemented rule: chcheck's default) over
every program under test/corpus/safe/, the correct programs of the precision
suite, and lists each finding as a false alarm:

  test/corpus/safe/<name>.cpp:<line>:<column>: CH101 warning: <message>

  safe-silent.py --chcheck BIN [--jobs N] [--report FILE] [SOURCE...]

With --report, the findings are read from a corpus_report.py file (one
chcheck run shared by the corpus tests) instead of running chcheck.

SOURCE defaults to every test/corpus/safe/*.cpp.
test/corpus/safe/known-false-alarms.txt lists known false alarms (file:line
rule, each with its reason); they are shown but do not fail the run, and an
entry that is no longer reported fails it, so the list only shrinks.
Exit status: 0 no new finding, 1 new findings or stale entries (each listed),
2 chcheck or input error (no program found, chcheck failed, or a program it
could not analyse)."""
import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_report  # noqa: E402  (scripts/corpus_report.py)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SAFE_DIR = os.path.join(ROOT, "test", "corpus", "safe")
KNOWN = os.path.join(SAFE_DIR, "known-false-alarms.txt")


def read_known():
    known = set()
    try:
        with open(KNOWN) as f:
            for number, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                parts = line.split()
                if len(parts) != 2 or ":" not in parts[0]:
                    fail("%s:%d: expected 'file.cpp:line RULE'" % (os.path.relpath(KNOWN, ROOT), number))
                known.add((parts[0], parts[1]))
    except FileNotFoundError:
        pass
    return known


def fail(message):
    sys.stderr.write("safe-silent: %s\n" % message)
    sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chcheck", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--report", help="the corpus_report.py file to judge instead of running chcheck")
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()

    files = sorted(os.path.realpath(p) for p in (args.sources or glob.glob(os.path.join(SAFE_DIR, "*.cpp"))))
    if not files:
        fail("no programs under %s" % os.path.relpath(SAFE_DIR, ROOT))
    if args.report:
        report = corpus_report.load(args.report, files, fail)
    else:
        report = corpus_report.run_chcheck(args.chcheck, files, args.jobs, fail)
    wanted = set(files)
    findings = [f for f in report["findings"] if os.path.realpath(f["location"]["file"]) in wanted]

    known = read_known() if not args.sources else set()
    seen = set()
    new = []
    for f in findings:
        loc = f["location"]
        key = ("%s:%d" % (os.path.basename(loc["file"]), loc["line"]), f["ruleId"])
        seen.add(key)
        tag = "known false alarm" if key in known else "false alarm"
        if key not in known:
            new.append(f)
        print("%s:%d:%d: %s %s: %s [%s]" % (os.path.relpath(loc["file"], ROOT), loc["line"], loc["column"],
                                            f["ruleId"], f["severity"], f["message"], tag))
    stale = sorted(known - seen)
    for where, rule in stale:
        print("%s: %s: listed in %s but no longer reported: remove the entry" % (
            where, rule, os.path.relpath(KNOWN, ROOT)))
    flagged = len({f["location"]["file"] for f in findings})
    print("safe-silent: %d finding(s) in %d of %d correct programs, %d new, %d known, %d stale entries" % (
        len(findings), flagged, len(files), len(new), len(findings) - len(new), len(stale)))
    return 1 if new or stale else 0


if __name__ == "__main__":
    sys.exit(main())

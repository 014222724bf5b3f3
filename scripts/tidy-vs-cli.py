#!/usr/bin/env python3
"""tidy-vs-cli.py: the clang-tidy module reports what the chcheck CLI reports.

  tidy-vs-cli.py --chcheck BIN --clang-tidy BIN --module SO --runtime-include DIR
                 [--jobs N] [--cli-report FILE] PATH...

Every *.cpp under each PATH (a directory or a file) is analysed twice: by
`chcheck --format json` and by `clang-tidy -load SO --checks=-*,channel-*`
(one process per file, N at a time, every header shown).  The two must agree
on every finding: same file, same line, same rule (CHnnn <-> channel-<name>),
same message; and the notes the CLI gives a finding (its path) and the
module's notes for it must be at the same files and lines, no more, no
fewer.  Prints each difference; exits 1 if there is one, 2 if a tool fails or nothing is found.
With --cli-report (a corpus_report.py file), the CLI's findings on the files
it covers are read from it instead of running chcheck on them again, and of
those files only the ones with a CLI finding and their twins (X_buggy.cpp /
X_fixed.cpp) are run through clang-tidy: where the CLI says nothing the
corpus tests judge it already, and the module shares the CLI's engine, so
what can differ is the front end, which shows on the files with findings
(and on their fixed twins, the nearest silent program).  Files the report
does not cover (the rule tests' inputs, the examples) are all compared.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error|note): "
                  r"(?P<message>.*?)(?: \[(?P<checks>[^\]]+)\])?$")


def sources(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += glob.glob(os.path.join(p, "**", "*.cpp"), recursive=True)
        else:
            files.append(p)
    return sorted({os.path.realpath(f) for f in files})


def twin(path):
    for a, b in (("_buggy.cpp", "_fixed.cpp"), ("_fixed.cpp", "_buggy.cpp")):
        if path.endswith(a):
            return path[:-len(a)] + b
    return None


def cli_report(args, files):
    """chcheck's findings on `files`: those a --cli-report covers read from it,
    chcheck run on the rest; and the files to compare."""
    findings = []
    rest = files
    compared = files
    if args.cli_report:
        with open(args.cli_report) as f:
            saved = json.load(f)
        covered = {os.path.realpath(f) for f in saved["files"]}
        findings = [x for x in saved["report"]["findings"]
                    if os.path.realpath(x["location"]["file"]) in covered]
        rest = [f for f in files if f not in covered]
        reported = {os.path.realpath(x["location"]["file"]) for x in findings}
        reported |= {twin(f) for f in reported if twin(f)}
        compared = [f for f in files if f not in covered or f in reported]
    if rest:
        cmd = ([args.chcheck, "--format", "json", "--no-progress", "-j", str(args.jobs)] + rest +
               ["--", "-std=c++20", "-I" + args.runtime_include])
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            sys.stderr.write(proc.stderr)
            sys.exit("tidy-vs-cli: chcheck failed with status %d" % proc.returncode)
        findings += json.loads(proc.stdout)["findings"]
    return findings, compared


def cli_findings(args, files):
    """{(file, line, rule name): [(message, {(note file, note line)})]}, and
    the files to compare"""
    found = defaultdict(list)
    findings, compared = cli_report(args, files)
    for f in findings:
        loc = f["location"]
        notes = {(os.path.realpath(s["location"]["file"]), s["location"]["line"])
                 for s in f.get("path", [])}
        found[(os.path.realpath(loc["file"]), loc["line"], f["ruleName"])].append(
            (f["message"], notes))
    return found, compared


def tidy_one(args, path):
    cmd = [args.clang_tidy, "-load", args.module, "--checks=-*,channel-*", "--config={}",
           "--header-filter=.*", "--quiet", path, "--", "-std=c++20", "-I" + args.runtime_include]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
        return path, None, "exit status %d: %s" % (proc.returncode, "\n".join(tail))
    return path, proc.stdout, ""


def tidy_findings(args, files):
    found = defaultdict(list)
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for path, output, error in pool.map(lambda f: tidy_one(args, f), files):
            if output is None:
                failures.append("%s:\n%s" % (path, error))
                continue
            current = None
            for line in output.splitlines():
                m = DIAG.match(line)
                if not m:
                    continue
                where = (os.path.realpath(m["file"]), int(m["line"]))
                if m["level"] == "note":
                    if current is not None and not m["message"].startswith("expanded from macro"):
                        current[1].add(where)
                    continue
                checks = [c for c in (m["checks"] or "").split(",") if c.startswith("channel-")]
                if len(checks) != 1:
                    failures.append("%s: not a channel-* finding: %s" % (path, line))
                    current = None
                    continue
                current = (m["message"], set())
                found[where + (checks[0][len("channel-"):],)].append(current)
    if failures:
        sys.exit("tidy-vs-cli: clang-tidy failed on\n" + "\n".join(failures))
    # A header's finding is reported once per translation unit including it.
    return {k: sorted(set((m, frozenset(n)) for m, n in v), key=lambda x: x[0])
            for k, v in found.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chcheck", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--runtime-include", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--cli-report", help="a corpus_report.py file: chcheck's findings on the files it covers")
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()

    files = sources(args.paths)
    if not files:
        sys.exit(2)
    cli, compared = cli_findings(args, files)
    tidy = tidy_findings(args, compared)
    if not cli:
        print("tidy-vs-cli: chcheck found nothing in %d files: nothing to compare" % len(files))
        sys.exit(2)

    problems = []
    for key in sorted(set(cli) | set(tidy)):
        where = "%s:%d [%s]" % key
        c = sorted(cli.get(key, []), key=lambda x: x[0])
        t = tidy.get(key, [])
        if [m for m, _ in c] != [m for m, _ in t]:
            problems.append("%s\n  chcheck:    %s\n  clang-tidy: %s"
                            % (where, [m for m, _ in c] or "nothing", [m for m, _ in t] or "nothing"))
            continue
        for (message, cli_notes), (_, tidy_notes) in zip(c, t):
            missing, extra = sorted(cli_notes - tidy_notes), sorted(tidy_notes - cli_notes)
            if missing:
                problems.append("%s %s\n  notes chcheck shows and clang-tidy does not: %s"
                                % (where, message, ["%s:%d" % n for n in missing]))
            if extra:
                problems.append("%s %s\n  notes clang-tidy shows and chcheck does not: %s"
                                % (where, message, ["%s:%d" % n for n in extra]))
    for p in problems:
        print("tidy-vs-cli: " + p)
    count = sum(len(v) for v in cli.values())
    print("tidy-vs-cli: %d files compared (of %d: the rest are report files without a finding, "
          "nor the twin of one), %d chcheck findings, %d difference(s)"
          % (len(compared), len(files), count, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

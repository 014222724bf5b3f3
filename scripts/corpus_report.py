#!/usr/bin/env python3
"""corpus_report.py: one chcheck run over the corpus, shared by its tests.

Runs chcheck (JSON output, every rule it implements by default) once over
every program under test/corpus/ and writes what it analysed and what it
found, so that the evaluation (evaluate.py), the precision suite
(safe-silent.py) and the clang-tidy comparison (tidy-vs-cli.py) judge one
run instead of parsing each program again:
  {"files": [absolute paths], "report": <chcheck --format json report>}

usage:
  corpus_report.py --chcheck BIN [--jobs N] -o FILE

Exit status: 0 written, 2 chcheck failed (or reported a tool error: a
program it could not analyse would otherwise look like a silent one).
"""
import argparse
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def corpus_programs():
    return sorted(os.path.realpath(p) for p in glob.glob(
        os.path.join(ROOT, "test", "corpus", "**", "*.cpp"), recursive=True))


def run_chcheck(binary, files, jobs, fail):
    """chcheck's JSON report on `files`; calls fail(message) when there is none."""
    cmd = [binary, "--format", "json", "--no-progress", "-j", str(jobs)] + files + [
        "--", "-std=c++20", "-I" + os.path.join(ROOT, "runtime", "include")]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as error:
        fail("cannot run %s: %s" % (binary, error.strerror))
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(proc.stderr)
        fail("chcheck exited with status %d and no JSON report" % proc.returncode)
    if proc.returncode not in (0, 1) or report["toolErrors"]:
        for err in report["toolErrors"]:
            sys.stderr.write("chcheck: %s: %s\n" % (err["file"], err["message"]))
        sys.stderr.write(proc.stderr)
        fail("chcheck failed with status %d" % proc.returncode)
    return report


def load(path, files, fail):
    """The report of a corpus_report.py file, which must cover every one of `files`."""
    try:
        with open(path) as f:
            saved = json.load(f)
    except (OSError, json.JSONDecodeError) as error:
        fail("cannot read the corpus report %s: %s" % (path, error))
    missing = sorted(set(files) - set(saved["files"]))
    if missing:
        fail("the corpus report %s does not cover %d program(s), e.g. %s (re-run corpus_report.py)"
             % (path, len(missing), missing[0]))
    return saved["report"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chcheck", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("-o", dest="output", required=True)
    args = ap.parse_args()

    def fail(message):
        sys.stderr.write("corpus_report: %s\n" % message)
        sys.exit(2)

    files = corpus_programs()
    if not files:
        fail("no programs under test/corpus/")
    report = run_chcheck(args.chcheck, files, args.jobs, fail)
    tmp = args.output + ".tmp"
    with open(tmp, "w") as f:
        json.dump({"files": files, "report": report}, f)
    os.replace(tmp, args.output)
    print("corpus_report: %d programs, %d findings -> %s"
          % (len(files), len(report["findings"]), args.output))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""safe-silent.py: chcheck must report nothing on the precision suite.

Runs chcheck (JSON output, every implemented rule: chcheck's default) over
every program under test/corpus/safe/, the correct programs of the precision
suite, and lists each finding as a false alarm:

  test/corpus/safe/<name>.cpp:<line>:<column>: CH101 warning: <message>

  safe-silent.py --chcheck BIN [--jobs N] [SOURCE...]

SOURCE defaults to every test/corpus/safe/*.cpp.
Exit status: 0 no finding, 1 findings (each listed), 2 chcheck or input error
(no program found, chcheck failed, or a program it could not analyse)."""
import argparse
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SAFE_DIR = os.path.join(ROOT, "test", "corpus", "safe")


def fail(message):
    sys.stderr.write("safe-silent: %s\n" % message)
    sys.exit(2)


def run_chcheck(binary, files, jobs):
    cmd = [binary, "--format", "json", "--no-progress", "-j", str(jobs), "--fail-on", "note"] + files + [
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
            sys.stderr.write("safe-silent: chcheck: %s: %s\n" % (err["file"], err["message"]))
        sys.stderr.write(proc.stderr)
        fail("chcheck failed with status %d" % proc.returncode)
    return report["findings"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chcheck", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()

    files = sorted(os.path.realpath(p) for p in (args.sources or glob.glob(os.path.join(SAFE_DIR, "*.cpp"))))
    if not files:
        fail("no programs under %s" % os.path.relpath(SAFE_DIR, ROOT))
    findings = run_chcheck(args.chcheck, files, args.jobs)

    for f in findings:
        loc = f["location"]
        print("%s:%d:%d: %s %s: %s" % (os.path.relpath(loc["file"], ROOT), loc["line"], loc["column"],
                                       f["ruleId"], f["severity"], f["message"]))
    flagged = len({f["location"]["file"] for f in findings})
    print("safe-silent: %d finding(s) in %d of %d correct programs%s" % (
        len(findings), flagged, len(files), " (each one a false alarm)" if findings else ""))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs one bug-corpus program and checks the outcome its header promises.

usage: corpus-run-check.py [--timeout SECONDS] EXECUTABLE SOURCE

SOURCE's first comment block must hold the header described in
test/corpus/README.md:
    // corpus: goker/etcd_6857 buggy
    // origin: ...
    // mechanism: ...
    // run: exit0 | deadlock | panic: <message> | leak | nondeterministic
A program of the precision suite (safe/<name>.cpp, `corpus: safe/<name>`)
is a correct program: it must promise exit0, expects nothing, and runs with
CHAN_LEAKCHECK=1, so a goroutine left blocked at exit fails it.
The run line decides the check:
  exit0            status 0
  deadlock         non-zero status, stderr has Go's checkdead message
  panic: <msg>     status 2, stderr has "panic: <msg>"
  leak             run with CHAN_LEAKCHECK=1: non-zero status and a leak report
  nondeterministic terminates within the time limit and not by a signal
A program that outlives the time limit fails every mode.  The header is also
checked for consistency: `corpus:` must name the file, a fixed program must
promise exit0 and carry no `// expect:` annotation, and every expected id
must be one of docs/rule-ids.md.
Exit status: 0 pass, 1 fail, 2 usage or header error.
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

DEADLOCK_MESSAGE = "fatal error: all goroutines are asleep - deadlock!"
# The runtime's exit-time leak report (CHAN_LEAKCHECK=1) names the goroutines
# still blocked; its first line contains this phrase.
LEAK_MESSAGE = "leaked goroutine"
HEADER_KEYS = ("corpus", "origin", "mechanism", "run")
RUN_MODES = ("exit0", "deadlock", "leak", "nondeterministic")
REPO_ROOT = Path(__file__).resolve().parent.parent
EXPECT_RE = re.compile(r"//\s*expect:\s*(.*)$")
RULE_ID_RE = re.compile(r"\bCH\d{3}\b")


class HeaderError(Exception):
    pass


def parse_header(source: Path) -> dict:
    """Reads the leading `// key: value` comment block of SOURCE."""
    header = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = re.match(r"//\s*(\w+):\s*(.*\S)\s*$", stripped)
        if match and match.group(1) in HEADER_KEYS:
            if match.group(1) in header:
                raise HeaderError(f"duplicate '{match.group(1)}:' line")
            header[match.group(1)] = match.group(2)
    missing = [key for key in HEADER_KEYS if key not in header]
    if missing:
        raise HeaderError("header lacks " + ", ".join(f"'// {k}:'" for k in missing))
    return header


def known_rule_ids() -> set:
    table = REPO_ROOT / "docs" / "rule-ids.md"
    if not table.exists():
        return set()
    return set(re.findall(r"^\|\s*(CH\d{3})\s*\|", table.read_text(encoding="utf-8"), re.M))


def expected_ids(source: Path) -> list:
    """(line number, id) of every `// expect:` annotation."""
    found = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        match = EXPECT_RE.search(line)
        if match:
            ids = [part.strip() for part in match.group(1).split(",")]
            for rule_id in ids:
                if not re.fullmatch(r"CH\d{3}", rule_id):
                    raise HeaderError(f"line {number}: malformed expectation '{match.group(0)}'")
                found.append((number, rule_id))
    return found


def validate(source: Path, header: dict) -> tuple:
    """Checks the header against the file; returns (run mode, is a correct program)."""
    corpus = header["corpus"].split()
    safe = len(corpus) == 1 and corpus[0].startswith("safe/")
    if safe:
        expected_name = f"{corpus[0]}.cpp"
    elif len(corpus) == 2 and corpus[1] in ("buggy", "fixed"):
        expected_name = f"{corpus[0]}_{corpus[1]}.cpp"
    else:
        raise HeaderError(f"'corpus: {header['corpus']}' is neither '<group>/<name> buggy|fixed' nor 'safe/<name>'")
    source = source.resolve()
    actual_name = f"{source.parent.name}/{source.name}"
    if expected_name != actual_name:
        raise HeaderError(f"'corpus: {header['corpus']}' names {expected_name}, file is {actual_name}")

    run = header["run"]
    if not (run in RUN_MODES or re.fullmatch(r"panic: \S.*", run)):
        raise HeaderError(f"'run: {run}' is not one of {', '.join(RUN_MODES)}, panic: <message>")

    expectations = expected_ids(source)
    correct = safe or corpus[1] == "fixed"
    if correct:
        kind = "a precision-suite" if safe else "a fixed"
        if run != "exit0":
            raise HeaderError(f"{kind} program must be 'run: exit0', not '{run}'")
        if expectations:
            raise HeaderError(f"{kind} program expects nothing, line {expectations[0][0]} does")
    known = known_rule_ids()
    for number, rule_id in expectations:
        if known and rule_id not in known:
            raise HeaderError(f"line {number}: {rule_id} is not in docs/rule-ids.md")
    return run, safe


def check(executable: str, run: str, timeout: float, leakcheck: bool) -> tuple:
    """Runs EXECUTABLE; returns (ways the outcome broke its promise, stderr)."""
    env = dict(os.environ)
    env.pop("CHAN_LEAKCHECK", None)
    if run == "leak" or leakcheck:
        env["CHAN_LEAKCHECK"] = "1"
    try:
        proc = subprocess.run([executable], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, errors="replace",
                              timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr or b""
        if isinstance(stderr, bytes):
            stderr = stderr.decode(errors="replace")
        return [f"still running after {timeout:g} s (hang)"], stderr
    status, stderr = proc.returncode, proc.stderr
    problems = []
    if status < 0:
        problems.append(f"killed by signal {-status}")
    elif run == "exit0":
        if status != 0:
            problems.append(f"exit status {status}, expected 0")
        if leakcheck and LEAK_MESSAGE in stderr:
            problems.append("a goroutine was still blocked at exit (CHAN_LEAKCHECK=1)")
    elif run == "deadlock":
        if status == 0:
            problems.append("exit status 0, expected a deadlock failure")
        if DEADLOCK_MESSAGE not in stderr:
            problems.append(f"stderr lacks '{DEADLOCK_MESSAGE}'")
    elif run == "leak":
        if status == 0:
            problems.append("exit status 0 under CHAN_LEAKCHECK=1, expected a leak failure")
        if LEAK_MESSAGE not in stderr:
            problems.append(f"stderr lacks the leak report ('{LEAK_MESSAGE}')")
    elif run.startswith("panic: "):
        if status != 2:
            problems.append(f"exit status {status}, expected 2 (panic)")
        if run not in stderr:
            problems.append(f"stderr lacks '{run}'")
    # nondeterministic: any ending but a hang or a signal.
    return problems, stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("executable")
    parser.add_argument("source", type=Path)
    args = parser.parse_args()
    try:
        run, safe = validate(args.source, parse_header(args.source))
    except (HeaderError, OSError) as error:
        print(f"{args.source}: invalid corpus header: {error}", file=sys.stderr)
        return 2
    problems, stderr = check(args.executable, run, args.timeout, leakcheck=safe)
    if problems:
        print(f"{args.source}: 'run: {run}' does not hold:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("--- program stderr ---\n" + stderr, file=sys.stderr)
        return 1
    print(f"{args.source.name}: run: {run}{' (CHAN_LEAKCHECK=1)' if safe else ''}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

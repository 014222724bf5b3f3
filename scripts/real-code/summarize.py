#!/usr/bin/env python3
"""Summarises chcheck runs over real code (scripts/real-code.sh).

Each argument is a result directory holding meta.json, status, time.txt
(/usr/bin/time -v), stderr.log (stderr lines prefixed with an epoch stamp),
start (the epoch the run began) and report.json (chcheck --format json; absent
if chcheck died before writing it).  Prints a summary per package and a
Markdown table, writes summary.json next to the result directories, and exits
1 if chcheck crashed, hung or hit an internal error on any package.
"""
import collections
import json
import os
import re
import sys

# chcheck's exit statuses (docs/cli.md): anything else is a crash.
NORMAL_STATUSES = {0, 1, 2}
# timeout(1) exits 124 when the limit expired and chcheck ended on SIGTERM.
# It exits 128+N when chcheck died of signal N, including 137 (SIGKILL) after
# --kill-after when chcheck ignored SIGTERM, or when the OOM killer struck:
# those are crashes (time(1) sees timeout, not chcheck, so the status is the
# only trace of the signal).
TIMEOUT_STATUS = 124


def read(path, default=None):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return default


def parse_time_v(text):
    """The fields of /usr/bin/time -v we report."""
    out = {"wall_s": None, "user_s": None, "sys_s": None, "max_rss_kb": None, "signal": None}
    if not text:
        return out
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            clock = line.rsplit(" ", 1)[1]  # h:mm:ss or m:ss.ss
            seconds = 0.0
            for part in clock.split(":"):
                seconds = seconds * 60 + float(part)
            out["wall_s"] = seconds
        elif line.startswith("User time (seconds):"):
            out["user_s"] = float(line.split(":")[1])
        elif line.startswith("System time (seconds):"):
            out["sys_s"] = float(line.split(":")[1])
        elif line.startswith("Maximum resident set size (kbytes):"):
            out["max_rss_kb"] = int(line.split(":")[1])
        elif line.startswith("Command terminated by signal"):
            out["signal"] = int(line.rsplit(" ", 1)[1])
    return out


def database_units(path):
    """Entries and distinct files of a compilation database, split C / C++."""
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    files = {os.path.normpath(os.path.join(e["directory"], e["file"])) for e in entries}
    c_files = {f for f in files if f.endswith(".c")}
    return {"entries": len(entries), "files": len(files), "c_files": len(c_files)}


# "cannot parse FILE: WHERE: MESSAGE" -> MESSAGE, so failures group by cause.
PARSE_RE = re.compile(r"^cannot parse (?P<tu>\S+): (?:(?P<where>\S+:\d+:\d+): )?(?P<why>.*)$")


def classify_tool_errors(errors):
    parse_failures, internal, other = [], [], []
    for e in errors:
        msg = e["message"]
        m = PARSE_RE.match(msg)
        if m:
            parse_failures.append({"tu": e["file"], "where": m.group("where"), "why": m.group("why")})
        elif msg.startswith("internal error"):
            internal.append(e)
        else:
            other.append(e)
    return parse_failures, internal, other


def stderr_lines(directory):
    """(seconds since start, line) for each stderr line."""
    start = float(read(os.path.join(directory, "start"), "0").strip() or 0)
    out = []
    for raw in (read(os.path.join(directory, "stderr.log"), "") or "").splitlines():
        stamp, _, line = raw.partition(" ")
        try:
            out.append((float(stamp) - start, line))
        except ValueError:
            out.append((None, raw))
    return out


PROGRESS_RE = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")


def summarise(directory):
    meta = json.loads(read(os.path.join(directory, "meta.json")))
    status = int(read(os.path.join(directory, "status"), "-1").strip())
    timing = parse_time_v(read(os.path.join(directory, "time.txt")))
    db = database_units(meta["database"])
    report_text = read(os.path.join(directory, "report.json"))
    report = json.loads(report_text) if report_text else None
    findings = report["findings"] if report else []
    parse_failures, internal, other = classify_tool_errors(report["toolErrors"] if report else [])

    lines = stderr_lines(directory)
    progress = [(t, PROGRESS_RE.match(l)) for t, l in lines]
    started = [(t, m.group(3)) for t, m in progress if m]
    # stderr beyond progress and chcheck's own "error:" lines (which repeat
    # toolErrors) is unexpected: a crash dump, an assertion, a stray print.
    unexpected = [l for (t, l), (_, m) in zip(lines, progress)
                  if not m and not l.startswith("chcheck: error: ")]

    hung = status == TIMEOUT_STATUS
    if timing["signal"] is None and status > 128 and not hung:
        timing["signal"] = status - 128
    crashed = (status not in NORMAL_STATUSES and not hung) or timing["signal"] is not None
    return {
        "package": meta["package"],
        "version": meta["version"],
        "database": meta["database"],
        "db": db,
        "tus_started": len(started),
        "status": status,
        "crashed": crashed,
        "hung": hung,
        "last_started": [f for _, f in started[-2:]] if (crashed or hung) else [],
        "report_written": report is not None,
        "findings": findings,
        "parse_failures": parse_failures,
        "internal_errors": internal,
        "other_tool_errors": other,
        "unexpected_stderr": unexpected[:40],
        **timing,
    }


def fmt_seconds(s):
    if s is None:
        return "?"
    return f"{int(s // 60)}m{s % 60:04.1f}s" if s >= 60 else f"{s:.1f}s"


def fmt_rss(kb):
    return "?" if kb is None else f"{kb / 1024:.0f} MiB"


def print_package(r):
    db = r["db"]
    print(f"## {r['package']} {r['version']}")
    print(f"  database     {r['database']}")
    print(f"  TUs          {db['files']} files ({db['c_files']} C), {db['entries']} entries; "
          f"{r['tus_started']} started")
    state = ("HUNG (timeout)" if r["hung"] else "CRASHED" if r["crashed"] else "no crash")
    sig = f", signal {r['signal']}" if r["signal"] else ""
    print(f"  exit status  {r['status']}{sig} -> {state}")
    if r["last_started"]:
        # Progress is printed when a TU starts, so a slow TU started long
        # before these may be the one that crashed (zeromq3's did).
        print(f"  last TUs started: {', '.join(r['last_started'])} "
              f"(the culprit may have started earlier: run the TUs singly to find it)")
    if not r["report_written"]:
        print("  no report written")
    print(f"  time         wall {fmt_seconds(r['wall_s'])}, user {fmt_seconds(r['user_s'])}, "
          f"sys {fmt_seconds(r['sys_s'])}, max RSS {fmt_rss(r['max_rss_kb'])}")
    print(f"  findings     {len(r['findings'])}")
    for f in r["findings"]:
        loc = f["location"]
        print(f"    {loc['file']}:{loc['line']}:{loc['column']}: {f['severity']}: "
              f"{f['message']} [{f['ruleId']}]")
    print(f"  parse failures {len(r['parse_failures'])}")
    by_cause = collections.defaultdict(list)
    for p in r["parse_failures"]:
        by_cause[p["why"]].append(p)
    for why, group in sorted(by_cause.items(), key=lambda kv: -len(kv[1])):
        print(f"    {len(group)} x {why}")
        for p in group[:3]:
            print(f"        {p['tu']}  (at {p['where']})")
        if len(group) > 3:
            print(f"        ... and {len(group) - 3} more")
    for e in r["internal_errors"]:
        print(f"  INTERNAL ERROR {e['message']}")
    for e in r["other_tool_errors"]:
        print(f"  tool error   {e['message']}")
    if r["unexpected_stderr"]:
        print("  unexpected stderr:")
        for l in r["unexpected_stderr"]:
            print(f"    | {l}")
    print()


def markdown_table(results):
    rows = ["| package | version | TUs (commands) | findings | parse failures | crashes / hangs | internal errors | wall | user+sys | max RSS |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cpu = (r["user_s"] or 0) + (r["sys_s"] or 0)
        bad = "hang" if r["hung"] else ("crash" if r["crashed"] else "0")
        rows.append(f"| {r['package']} | {r['version']} | {r['db']['files']} ({r['db']['entries']}) | {len(r['findings'])} | "
                    f"{len(r['parse_failures'])} | {bad} | {len(r['internal_errors'])} | "
                    f"{fmt_seconds(r['wall_s'])} | {fmt_seconds(cpu)} | {fmt_rss(r['max_rss_kb'])} |")
    return "\n".join(rows)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    results = [summarise(d) for d in argv[1:]]
    for r in results:
        print_package(r)
    print(markdown_table(results))
    out = os.path.join(os.path.dirname(os.path.abspath(argv[1])), "summary.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
    failed = [r["package"] for r in results if r["crashed"] or r["hung"] or r["internal_errors"]]
    if failed:
        print(f"\nchcheck crashed, hung or failed internally on: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

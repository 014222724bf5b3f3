#!/usr/bin/env python3
"""Tests of summarize.py: crash, hang and parse-failure classification on
result directories shaped like real-code.sh's, with time(1) output from real
runs of processes that exit, die by a signal or are timed out.

Run: python3 scripts/real-code/test_summarize.py
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import summarize  # noqa: E402


def timed(command):
    """Runs command under /usr/bin/time -v (and timeout 1), as real-code.sh
    does; returns (exit status, time.txt text)."""
    with tempfile.NamedTemporaryFile("r") as t:
        status = subprocess.run(["/usr/bin/time", "-v", "-o", t.name, "timeout", "--kill-after=1", "1",
                                 "sh", "-c", command]).returncode
        return status, t.read()


class ResultDir:
    def __init__(self, root, name, status, time_text, report=None, stderr=""):
        self.path = os.path.join(root, name)
        os.makedirs(self.path)
        db = os.path.join(self.path, "compile_commands.json")
        with open(db, "w") as f:
            json.dump([{"directory": "/src", "file": "a.cc", "command": "c++ -c a.cc"},
                       {"directory": "/src", "file": "a.cc", "command": "c++ -fPIC -c a.cc"},
                       {"directory": "/src", "file": "b.c", "command": "cc -c b.c"}], f)
        self.write("meta.json", json.dumps({"package": name, "version": "1.0-1", "database": db}))
        self.write("status", f"{status}\n")
        self.write("time.txt", time_text)
        self.write("start", "100.0\n")
        self.write("stderr.log", stderr)
        if report is not None:
            self.write("report.json", json.dumps(report))

    def write(self, name, text):
        with open(os.path.join(self.path, name), "w") as f:
            f.write(text)


def report(findings=(), tool_errors=()):
    return {"format": "chcheck-findings", "version": 1, "findings": list(findings),
            "toolErrors": list(tool_errors)}


class SummariseTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_clean_run(self):
        status, text = timed("exit 0")
        d = ResultDir(self.tmp.name, "clean", status, text, report(),
                      "100.5 [1/2] /src/a.cc\n101.0 [2/2] /src/b.c\n")
        r = summarize.summarise(d.path)
        self.assertFalse(r["crashed"] or r["hung"])
        self.assertEqual(r["db"], {"entries": 3, "files": 2, "c_files": 1})
        self.assertEqual(r["tus_started"], 2)
        self.assertIsNotNone(r["wall_s"])
        self.assertGreater(r["max_rss_kb"], 0)
        self.assertEqual(r["unexpected_stderr"], [])
        self.assertEqual(summarize.main(["summarize", d.path]), 0)

    def test_parse_failures_are_grouped_and_not_fatal(self):
        status, text = timed("exit 2")
        errors = [{"file": "/src/a.cc", "message": "cannot parse /src/a.cc: /src/gen.h:3:10: 'platform.hpp' file not found"},
                  {"file": "/src/b.c", "message": "cannot parse /src/b.c: the compiler failed without a diagnostic"}]
        d = ResultDir(self.tmp.name, "parse", status, text, report(tool_errors=errors),
                      "100.5 [1/2] /src/a.cc\n100.6 chcheck: error: cannot parse /src/a.cc: ...\n")
        r = summarize.summarise(d.path)
        self.assertFalse(r["crashed"])
        self.assertEqual([p["why"] for p in r["parse_failures"]],
                         ["'platform.hpp' file not found", "the compiler failed without a diagnostic"])
        self.assertEqual(r["parse_failures"][0]["where"], "/src/gen.h:3:10")
        self.assertEqual(r["unexpected_stderr"], [])  # chcheck's own error lines are expected
        self.assertEqual(summarize.main(["summarize", d.path]), 0)

    def test_internal_error_fails_the_run(self):
        status, text = timed("exit 2")
        errors = [{"file": "/src/a.cc", "message": "internal error while analysing /src/a.cc: bad_alloc"}]
        d = ResultDir(self.tmp.name, "internal", status, text, report(tool_errors=errors))
        r = summarize.summarise(d.path)
        self.assertEqual(len(r["internal_errors"]), 1)
        self.assertEqual(r["parse_failures"], [])
        self.assertEqual(summarize.main(["summarize", d.path]), 1)

    def test_signal_is_a_crash(self):
        status, text = timed("kill -SEGV $$")
        d = ResultDir(self.tmp.name, "segv", status, text, None,
                      "100.5 [1/2] /src/a.cc\n100.7 Stack dump:\n")
        r = summarize.summarise(d.path)
        self.assertTrue(r["crashed"])
        self.assertFalse(r["hung"])
        self.assertEqual(r["signal"], 11)
        self.assertEqual(r["last_started"], ["/src/a.cc"])
        self.assertEqual(r["unexpected_stderr"], ["Stack dump:"])
        self.assertFalse(r["report_written"])
        self.assertEqual(summarize.main(["summarize", d.path]), 1)

    def test_timeout_is_a_hang(self):
        status, text = timed("sleep 5")
        self.assertEqual(status, 124)
        d = ResultDir(self.tmp.name, "hang", status, text, None, "100.5 [1/2] /src/a.cc\n")
        r = summarize.summarise(d.path)
        self.assertTrue(r["hung"])
        self.assertFalse(r["crashed"])
        self.assertEqual(summarize.main(["summarize", d.path]), 1)

    def test_findings_are_listed_but_not_fatal(self):
        status, text = timed("exit 1")
        finding = {"ruleId": "CH104", "severity": "error", "message": "recv on nil channel 'c'",
                   "location": {"file": "/src/a.cc", "line": 3, "column": 5}}
        d = ResultDir(self.tmp.name, "finding", status, text, report(findings=[finding]))
        r = summarize.summarise(d.path)
        self.assertEqual(len(r["findings"]), 1)
        self.assertFalse(r["crashed"])
        self.assertIn("| finding | 1.0-1 | 2 (3) | 1 | 0 | 0 | 0 |", summarize.markdown_table([r]))
        self.assertEqual(summarize.main(["summarize", d.path]), 0)

    def test_time_v_clock_formats(self):
        self.assertEqual(summarize.parse_time_v("\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03")["wall_s"], 3723)
        self.assertAlmostEqual(summarize.parse_time_v("\tElapsed (wall clock) time (h:mm:ss or m:ss): 2:05.50")["wall_s"], 125.5)


if __name__ == "__main__":
    unittest.main()

"""codequality.py REPORT: checks a GitLab code quality report (the fields
GitLab requires, unique fingerprints) and prints `check path:line severity`
per issue."""
import json
import sys

issues = json.load(open(sys.argv[1]))
assert isinstance(issues, list), "not a list"
prints = set()
for issue in issues:
    for key in ("description", "check_name", "fingerprint", "severity", "location"):
        assert key in issue, "missing " + key
    assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
    assert issue["fingerprint"] not in prints, "duplicate fingerprint"
    prints.add(issue["fingerprint"])
    loc = issue["location"]
    print("%s %s:%d %s" % (issue["check_name"], loc["path"], loc["lines"]["begin"], issue["severity"]))

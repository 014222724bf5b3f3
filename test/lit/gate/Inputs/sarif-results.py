"""sarif-results.py LOG...: prints `ruleId uri:line fingerprint` for every
result of every run of the logs, sorted (the multiset a code scanning
upload would see)."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    for run in json.load(open(path, encoding="utf-8-sig"))["runs"]:
        for r in run.get("results", []):
            loc = r["locations"][0]["physicalLocation"]
            rows.append("%s %s:%d %s" % (r["ruleId"], loc["artifactLocation"]["uri"],
                                         loc["region"]["startLine"],
                                         r["partialFingerprints"]["chcheckFingerprint/v2"]))
print("\n".join(sorted(rows)))

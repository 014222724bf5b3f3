"""Prints `ruleId startLine fingerprint` for each result of a SARIF log."""
import json
import sys

log = json.load(open(sys.argv[1]))
for result in log["runs"][0]["results"]:
    line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
    print(result["ruleId"], line, result["partialFingerprints"]["chcheckFingerprint/v2"])

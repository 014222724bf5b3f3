"""sarif-rules.py LOG: `ruleId line` of each result, one a line."""
import json
import sys

for run in json.load(open(sys.argv[1]))["runs"]:
    for r in run["results"]:
        print(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])

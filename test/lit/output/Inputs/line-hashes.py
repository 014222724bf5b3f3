"""line-hashes.py LOG MULTITOOL SCRATCH: fails unless every result of LOG
has a primaryLocationLineHash equal to the one Microsoft's sarif-multitool
computes for it (`rewrite --insert RollingHashPartialFingerprints`, a port of
GitHub's algorithm) from the same source files."""
import json
import subprocess
import sys

log_path, multitool, scratch = sys.argv[1:4]
log = json.load(open(log_path))
ours = []
for result in log["runs"][0]["results"]:
    ours.append(result["partialFingerprints"].pop("primaryLocationLineHash"))
stripped = scratch + ".in.sarif"
json.dump(log, open(stripped, "w"))
subprocess.run([multitool, "rewrite", stripped, "--insert", "RollingHashPartialFingerprints",
                "-o", scratch, "--log", "ForceOverwrite"], check=True, stdout=subprocess.DEVNULL)
theirs = [r["partialFingerprints"].get("primaryLocationLineHash")
          for r in json.load(open(scratch, encoding="utf-8-sig"))["runs"][0]["results"]]
if not ours or ours != theirs:
    sys.exit("primaryLocationLineHash differs: chcheck %s, sarif-multitool %s" % (ours, theirs))
print("%d line hashes agree" % len(ours))

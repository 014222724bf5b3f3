"""concurrent.py N OUTDIR COMMAND...: runs COMMAND N times at once, each
with stdout to OUTDIR/<i>.out; fails unless every run exits with 0 or 1
(findings) and all outputs are equal."""
import subprocess
import sys

n, outdir, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
runs = [subprocess.Popen(command, stdout=open("%s/%d.out" % (outdir, i), "w"))
        for i in range(n)]
codes = [p.wait() for p in runs]
outputs = [open("%s/%d.out" % (outdir, i)).read() for i in range(n)]
if any(c not in (0, 1) for c in codes) or len(set(outputs)) != 1 or not outputs[0]:
    sys.exit("concurrent runs differ: exit codes %s" % codes)

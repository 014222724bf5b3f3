#!/usr/bin/env python3
"""expect-exit.py CODE COMMAND [ARGS...]: runs COMMAND with inherited stdout
and stderr and succeeds only if it exits with status CODE exactly (lit's `not`
accepts any non-zero status; chcheck's 1 and 2 mean different things)."""
import subprocess
import sys

if len(sys.argv) < 3:
    sys.exit("usage: expect-exit.py CODE COMMAND [ARGS...]")
expected = int(sys.argv[1])
status = subprocess.call(sys.argv[2:])
if status != expected:
    sys.stdout.flush()
    sys.stderr.write("expect-exit: %s exited with %d, expected %d\n"
                     % (sys.argv[2], status, expected))
    sys.exit(1)

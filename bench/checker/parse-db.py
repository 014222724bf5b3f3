#!/usr/bin/env python3
"""parse-db.py DB FILE...: runs `clang++-19 -fsyntax-only` on every command
of the compilation database DB (a compile_commands.json) whose file is one of
FILE..., with that command's flags and in its directory: the parse a
database-driven tool (clang-tidy -p) pays, as one process tree to time.
Output flags (-c, -o X, -M* dependency options) are dropped.  Exits 1 if a
parse fails.  CLANGXX overrides the compiler."""
import json
import os
import shlex
import subprocess
import sys

clangxx = os.environ.get("CLANGXX", "clang++-19")
db_path, wanted = sys.argv[1], {os.path.realpath(f) for f in sys.argv[2:]}
with open(db_path) as f:
    entries = json.load(f)

TAKES_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-MP"}
status = 0
for e in entries:
    directory = e["directory"]
    path = os.path.realpath(os.path.join(directory, e["file"]))
    if path not in wanted:
        continue
    args = e["arguments"] if "arguments" in e else shlex.split(e["command"])
    flags, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
        elif a in TAKES_VALUE:
            skip = True
        elif a not in DROP and os.path.realpath(os.path.join(directory, a)) != path:
            flags.append(a)
    proc = subprocess.run([clangxx, "-fsyntax-only"] + flags + [path], cwd=directory,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write("parse-db: %s failed:\n%s" % (path, proc.stderr[-2000:]))
        status = 1
sys.exit(status)

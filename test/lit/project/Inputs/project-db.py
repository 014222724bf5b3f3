"""project-db.py OUT DIRECTORY FILE... -- FLAG...: writes a compile_commands.json
in OUT compiling each FILE in DIRECTORY with FLAGS (a project of several
translation units, made at test time)."""
import json
import sys

out, directory = sys.argv[1], sys.argv[2]
split = sys.argv.index("--")
files, flags = sys.argv[3:split], sys.argv[split + 1:]
entries = [{"directory": directory, "file": f, "arguments": ["c++"] + flags + ["-c", f]}
           for f in files]
json.dump(entries, open(out + "/compile_commands.json", "w"), indent=1)

"""make-db.py OUT DIRECTORY FILE COUNT [FLAG...]: writes a compile_commands.json
with COUNT entries compiling FILE in DIRECTORY with FLAGS, entry i writing
output obj/i.o (so the entries differ only in their output file)."""
import json
import sys

out, directory, source, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
flags = sys.argv[5:]
entries = [{"directory": directory, "file": source,
            "arguments": ["c++"] + flags + ["-c", source, "-o", "obj/%d.o" % i]}
           for i in range(count)]
json.dump(entries, open(out, "w"), indent=1)

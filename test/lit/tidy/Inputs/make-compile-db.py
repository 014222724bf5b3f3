"""make-compile-db.py OUT_DIR INCLUDE_DIR SOURCE...: writes
OUT_DIR/compile_commands.json compiling each source with -std=c++20 and
-I INCLUDE_DIR."""
import json
import os
import sys

out_dir, include = sys.argv[1], sys.argv[2]
entries = [{"directory": out_dir, "file": os.path.abspath(src),
            "arguments": ["c++", "-std=c++20", "-I" + include, "-c", os.path.abspath(src)]}
           for src in sys.argv[3:]]
with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=2)

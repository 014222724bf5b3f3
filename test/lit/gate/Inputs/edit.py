"""edit.py FILE shift N | replace OLD NEW | delete TEXT: edits FILE in place.
shift inserts N comment lines after the first line (code moves down);
replace changes the first line containing OLD; delete drops it."""
import sys

path, action = sys.argv[1], sys.argv[2]
lines = open(path).read().split("\n")
if action == "shift":
    lines[1:1] = ["// unrelated line %d" % i for i in range(int(sys.argv[3]))]
else:
    index = next(i for i, line in enumerate(lines) if sys.argv[3] in line)
    if action == "replace":
        lines[index] = lines[index].replace(sys.argv[3], sys.argv[4])
    else:
        del lines[index]
open(path, "w").write("\n".join(lines))

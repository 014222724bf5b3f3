"""has-escapes.py yes|no FILE: checks whether FILE contains clang's bold-red
"error:" colour sequence (yes) or no escape character at all (no)."""
import sys

text = open(sys.argv[2], encoding="utf-8").read()
if sys.argv[1] == "yes":
    sys.exit(0 if "\x1b[0;1;31merror: " in text else "no coloured 'error:' in " + sys.argv[2])
sys.exit("escape sequences in " + sys.argv[2] if "\x1b" in text else 0)

"""Succeeds if two outputs of fingerprints.py have the same rule ids and
fingerprints (line numbers may differ)."""
import sys


def prints(path):
    return [(f[0], f[2]) for f in (line.split() for line in open(path)) if f]


a, b = prints(sys.argv[1]), prints(sys.argv[2])
if not a or a != b:
    sys.exit("fingerprints differ: %s vs %s" % (a, b))

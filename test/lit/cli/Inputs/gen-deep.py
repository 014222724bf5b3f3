"""gen-deep.py OUT N: a translation unit whose function returns an N-term
sum: the analysis of so deep an expression overflows the stack."""
import sys

out, n = sys.argv[1], int(sys.argv[2])
with open(out, "w") as f:
    f.write("#include <chan/chan.hpp>\n\nint deep(int x) {\n  return ")
    f.write(" + ".join(["x"] * n))
    f.write(";\n}\n\nint main() {\n  auto ch = chan::make<int>(1);\n  ch.send(deep(1));\n}\n")

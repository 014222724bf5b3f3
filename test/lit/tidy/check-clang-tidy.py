#!/usr/bin/env python3
"""check-clang-tidy.py: runs a test file through the real clang-tidy with the
chcheck module loaded and checks its diagnostics the way clang-tidy's own
tests do (lit substitution %check_clang_tidy):

  // RUN: %check_clang_tidy %s CHECKS %t [-- CLANG_TIDY_ARGS [-- COMPILER_ARGS]]

  ch.send(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: send on channel 'ch' ... [channel-send-on-closed]

- The file is copied to TEMP.cpp with the text of every CHECK line removed
  (line numbers kept), so clang-tidy's echo of the source never matches a
  CHECK.
- clang-tidy runs with -load MODULE --checks=-*,CHECKS (and --config={}
  unless the test gives a configuration), the compiler with -std=c++20 and
  the runtime's include directory.  Its exit status must be 0 unless
  --expect-exit says otherwise.
- CHECK-MESSAGES lines are checked with FileCheck and
  -implicit-check-not={{warning|error}}: (any other warning fails);
  CHECK-NOTES lines likewise and notes must be expected too.  A file with
  neither expects no diagnostic at all.
- --check-suffix=X uses CHECK-MESSAGES-X / CHECK-NOTES-X instead, so one
  file can hold the expectations of several runs.
"""
import argparse
import os
import re
import subprocess
import sys

DIAGNOSTIC = re.compile(r"\b(warning|error|note): ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--module", required=True)
    ap.add_argument("--runtime-include", required=True)
    ap.add_argument("--expect-exit", type=int, default=0)
    ap.add_argument("--check-suffix", default="")
    ap.add_argument("input")
    ap.add_argument("checks")
    ap.add_argument("temp")
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    args = ap.parse_args(argv)
    tidy_args, compiler_args = extra, []
    if "--" in extra:
        i = extra.index("--")
        tidy_args, compiler_args = extra[:i], extra[i + 1:]

    with open(args.input, encoding="utf-8") as f:
        text = f.read()
    suffix = "-" + args.check_suffix if args.check_suffix else ""
    messages_prefix, notes_prefix = "CHECK-MESSAGES" + suffix, "CHECK-NOTES" + suffix
    has_messages = re.search(re.escape(messages_prefix) + ":", text) is not None
    has_notes = re.search(re.escape(notes_prefix) + ":", text) is not None
    if has_messages and has_notes:
        sys.exit("check-clang-tidy: use %s or %s, not both" % (messages_prefix, notes_prefix))

    temp = args.temp + ".cpp"
    with open(temp, "w", encoding="utf-8") as f:
        f.write(re.sub(r"// *CHECK-[A-Z0-9-]*:[^\r\n]*", "//", text))

    if not any(re.match(r"^--?config(-file)?=", a) for a in tidy_args):
        tidy_args = tidy_args + ["--config={}"]
    cmd = ([args.clang_tidy, "-load", args.module, "--checks=-*," + args.checks] + tidy_args +
           [temp, "--", "-std=c++20", "-I" + args.runtime_include] + compiler_args)
    print("running: " + " ".join(cmd))
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace")
    output = proc.stdout
    print("---- clang-tidy output ----\n" + output + "---------------------------")
    if proc.returncode != args.expect_exit:
        sys.exit("check-clang-tidy: clang-tidy exited with %d, expected %d"
                 % (proc.returncode, args.expect_exit))

    if not has_messages and not has_notes:
        if DIAGNOSTIC.search(output):
            sys.exit("check-clang-tidy: no diagnostic was expected, but found the ones above")
        return
    prefix, implicit = ((messages_prefix, "{{warning|error}}:") if has_messages else
                        (notes_prefix, "{{note|warning|error}}:"))
    messages = args.temp + ".msg"
    with open(messages, "w", encoding="utf-8") as f:
        f.write(output)
    check = subprocess.run(["FileCheck", "-input-file=" + messages, args.input,
                            "-check-prefix=" + prefix, "-implicit-check-not=" + implicit])
    sys.exit(check.returncode)


if __name__ == "__main__":
    main()

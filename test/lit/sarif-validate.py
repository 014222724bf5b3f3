#!/usr/bin/env python3
"""sarif-validate.py --multitool PATH FILE...: fails unless every FILE is a
valid SARIF 2.1.0 log.

Runs Microsoft's validator (`sarif-multitool validate -o LOG FILE`) and reads
its output log: any result of level "error" fails.  The validator exits 0 even
when it reports errors, and when a file does not deserialise (e.g. an unknown
enum value) it reports nothing at all, so we also (1) require that it wrote a
log with a results array and (2) check the file against the OASIS JSON schema
it ships, with python's jsonschema when that module is installed."""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def schema_errors(log, multitool):
    try:
        import jsonschema
    except ImportError:
        return []
    # The schema ships next to the native binary of the Linux package.
    # .../node_modules/.bin/sarif-multitool -> .../node_modules/@microsoft/...
    node_modules = os.path.dirname(os.path.dirname(os.path.abspath(multitool)))
    base = os.path.join(node_modules, "@microsoft", "sarif-multitool-linux", "sarif-2.1.0.json")
    if not os.path.exists(base):
        return []
    with open(base) as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    return ["schema: %s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message)
            for e in validator.iter_errors(log)]


def validate(path, multitool):
    problems = []
    try:
        with open(path) as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        return ["cannot read JSON: %s" % e]
    problems += schema_errors(log, multitool)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "validation.sarif")
        proc = subprocess.run([multitool, "validate", "-o", out, path],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not os.path.exists(out):
            return problems + ["the validator wrote no log (exit %d):\n%s"
                               % (proc.returncode, proc.stdout)]
        with open(out, encoding="utf-8-sig") as f:
            report = json.load(f)
    runs = report.get("runs") or [{}]
    if "results" not in runs[0]:
        problems.append("the validator's log has no results array")
    for result in runs[0].get("results", []):
        if result.get("level", "warning") == "error":
            message = result.get("message", {})
            args = message.get("arguments", [])
            problems.append("%s: %s" % (result.get("ruleId"), "; ".join(args) or message))
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--multitool", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if not os.path.exists(args.multitool):
        sys.exit("sarif-validate: %s not found; run scripts/install-deps.sh" % args.multitool)
    failed = False
    for path in args.files:
        for problem in validate(path, args.multitool):
            print("%s: error: %s" % (path, problem))
            failed = True
    if failed:
        sys.exit(1)
    print("sarif-validate: %d file(s) valid" % len(args.files))


if __name__ == "__main__":
    main()

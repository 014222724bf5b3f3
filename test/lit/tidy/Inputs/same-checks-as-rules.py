"""same-checks-as-rules.py CHECKS RULES: CHECKS is `clang-tidy --list-checks`
output, RULES `chcheck --list-rules` output; the channel-* checks must be
exactly channel-<name> for every rule listed."""
import sys

checks = {line.strip() for line in open(sys.argv[1]) if line.strip().startswith("channel-")}
rules = {"channel-" + line.split()[1] for line in open(sys.argv[2]) if line.strip()}
if not rules:
    sys.exit("same-checks-as-rules: chcheck listed no rules")
if checks != rules:
    sys.exit("checks without a rule: %s; rules without a check: %s"
             % (sorted(checks - rules), sorted(rules - checks)))
print("same-checks-as-rules: %d checks" % len(checks))

#!/usr/bin/env python3
"""check-rules.py [REPO]: every rule of the catalog (rules/*.json) is
complete: it has docs/rules/<ID>.md containing its help anchor, a `fixit`
entry (the clang-tidy fix-it it offers, or why none), lit tests under
test/lit/rules/ that name its id with at least one positive case (a CHECK
line expecting a finding of the rule) and one negative case (a CHECK-NOT
for the id, an --implicit-check-not that makes any unexpected finding fail,
or an `expect_exit 0` run), and a clang-tidy test under test/lit/tidy/rules/
that runs its check channel-<name> and expects a finding of it in
CHECK-MESSAGES (any other warning fails those tests).
The engine side (implementedRuleIds() == catalog) is a unit test.
Prints every problem and exits 1 if there is one."""
import json
import os
import re
import sys

root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                       os.path.join(os.path.dirname(__file__), ".."))
problems = []
rules_dir = os.path.join(root, "rules")
lit_dir = os.path.join(root, "test", "lit", "rules")
tidy_dir = os.path.join(root, "test", "lit", "tidy", "rules")


def read_tests(directory):
    found = {}
    for dirpath, _, files in os.walk(directory):
        for name in files:
            if name.endswith((".cpp", ".test")):
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    found[path] = f.read()
    return found


tests = read_tests(lit_dir)
tidy_tests = read_tests(tidy_dir)

rule_files = sorted(f for f in os.listdir(rules_dir) if f.endswith(".json"))
if not rule_files:
    problems.append("rules/: no rule files")
for name in rule_files:
    with open(os.path.join(rules_dir, name)) as f:
        rule = json.load(f)
    rid = rule.get("id", "?")
    doc = os.path.join(root, "docs", "rules", rid + ".md")
    if not os.path.exists(doc):
        problems.append("%s: missing docs page docs/rules/%s.md" % (name, rid))
    else:
        with open(doc) as f:
            text = f.read().lower()
        anchor = rule.get("help_anchor", "")
        # GitHub makes "## CH101 send-on-closed" into #ch101-send-on-closed.
        headings = [re.sub(r"[^a-z0-9 -]", "", h.strip()).replace(" ", "-")
                    for h in re.findall(r"^#+\s+(.*)$", text, re.M)]
        if anchor not in headings and ('id="%s"' % anchor) not in text:
            problems.append("%s: docs/rules/%s.md has no heading for anchor #%s"
                            % (name, rid, anchor))
    if not rule.get("fixit"):
        problems.append("%s: no 'fixit' entry (the clang-tidy fix-it the rule offers, or why none)"
                        % name)
    check = "channel-" + rule.get("name", "?")
    if not any(re.search(r"RUN:.*%s\b" % re.escape(check), t) and
               re.search(r"CHECK-MESSAGES[-A-Z0-9]*:.*\[%s\]" % re.escape(check), t)
               for t in tidy_tests.values()):
        problems.append("%s: no clang-tidy test under test/lit/tidy/rules/ running %s with a "
                        "CHECK-MESSAGES line expecting [%s]" % (name, check, check))
    naming = {p: t for p, t in tests.items() if rid in t}
    if not naming:
        problems.append("%s: no lit test under test/lit/rules/ names %s" % (name, rid))
        continue
    positive = any(re.search(r"CHECK[-A-Z]*:.*%s" % rid, t) and
                   not all("CHECK-NOT" in line for line in t.splitlines()
                           if rid in line and "CHECK" in line)
                   for t in naming.values())
    negative = any(re.search(r"CHECK-NOT:.*%s" % rid, t) or
                   "--implicit-check-not" in t or
                   re.search(r"expect_exit 0", t)
                   for t in naming.values())
    if not positive:
        problems.append("%s: no positive lit case (a CHECK line expecting %s)" % (name, rid))
    if not negative:
        problems.append("%s: no negative lit case (CHECK-NOT %s / --implicit-check-not, "
                        "or an `%%expect_exit 0` run)" % (name, rid))

for p in problems:
    print("check-rules: " + p)
if problems:
    sys.exit(1)
print("check-rules: %d rule(s) complete" % len(rule_files))

"""goker.py: the GoKer kernels of the bug corpus by GoBench class and sub-class,
and what other tools are published to detect on GoKer.  Used by evaluate.py.

Every GoKer program's header names the kernel and GoBench's classification of
it (gobench/configures/goker/blocking.json, nonblocking.json):
    // corpus: goker/cockroach_584 buggy
    // origin: GoBench GoKer cockroach#584 (blocking: resource deadlock, double locking)

Two measures:
- per sub-class, findings: an expected finding reported is a true positive, a
  reported finding nobody expected a false positive, an expected one not
  reported a false negative (as evaluate.py does per rule);
- per kernel, GoBench's measure for its tools: a kernel is detected when
  chcheck reports at least one of the buggy program's expected findings
  (a kernel whose buggy program expects nothing, because no rule describes
  its bug, is a miss), and it has a false alarm when chcheck reports anything
  unexpected on the buggy or the fixed program.

Published figures, and where they come from.  Nothing else is published
offline: GoBench gives no per-kernel results and no sub-class figures, so the
comparison is per class, over all GoKer kernels of the class, not over the
kernels of this corpus.
- goleak, go-deadlock, dingo-hunter: GoBench's artifact evaluation (CGO'21),
  Table IV "Blocking bugs reported in GoBench", rows GoKer / Resource,
  Communication and Mixed deadlock: the file cmd/pdf/index.html of
  github.com/timmyyuan/gobench (written by cmd/pdf/main.go from
  result/table4.goker.json, which artifact.go's WriteToJson computes).
  Counts are kernels (#TP, #FN, #FP); the 68 GoKer blocking kernels are 23
  resource, 29 communication and 16 mixed deadlocks.  (cmd/pdf/index.html.bk
  holds an older, inconsistent draft of the table: recall above 100%; it is
  not used.)
- Golf (ASPLOS'25): 94.8% of the 68 GoKer blocking kernels, as a whole; the
  paper's per-kernel data is not available offline.  94.8% is not a whole
  number of the 68 kernels (64/68 = 94.1%, 65/68 = 95.6%), so it is printed
  as stated, as a rate, not as a count.
"""
import re
from collections import namedtuple

ORIGIN_RE = re.compile(r"GoBench GoKer (\w+)#(\d+) \((blocking|nonblocking): ([^,()]+), ([^()]+)\)$")

Program = namedtuple("Program", "path kernel variant suite klass subclass")

# GoBench's classes (the `type` of blocking.json and nonblocking.json).
CLASSES = {"blocking": ("resource deadlock", "communication deadlock", "mixed deadlock"),
           "nonblocking": ("traditional", "go-specific")}


class HeaderError(Exception):
    pass


def _header(path):
    """The `// key: value` lines of the file's leading comment block."""
    header = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("//"):
                break
            m = re.match(r"//\s*(\w+):\s*(.*\S)\s*$", line)
            if m:
                header.setdefault(m.group(1), m.group(2))
    return header


def read_program(path):
    """The GoKer Program in PATH, None if it is not a GoKer kernel.  Raises
    HeaderError if its origin line names GoKer in another format."""
    header = _header(path)
    origin = header.get("origin", "")
    if not origin.startswith("GoBench GoKer"):
        return None
    m = ORIGIN_RE.fullmatch(origin)
    if not m:
        raise HeaderError("origin '%s' is not 'GoBench GoKer <project>#<id> "
                          "(blocking|nonblocking: <class>, <sub-class>)'" % origin)
    corpus = header.get("corpus", "").split()
    if len(corpus) != 2 or corpus[1] not in ("buggy", "fixed"):
        raise HeaderError("'corpus: %s' is not '<group>/<name> buggy|fixed'" % header.get("corpus"))
    project, number, suite, klass, subclass = m.groups()
    if klass.lower() not in CLASSES[suite]:
        raise HeaderError("'%s' is not a GoBench %s class (%s)" % (klass, suite, ", ".join(CLASSES[suite])))
    return Program(path, "%s_%s" % (project, number), corpus[1], suite, klass, subclass)


def _group(program):
    return (program.suite, program.klass.lower(), program.subclass.lower())


def subclass_rows(programs, expected, found):
    """Per (suite, class, sub-class): kernels, kernels detected, and finding
    TP, FP, FN.  EXPECTED and FOUND are sets of (path, line, rule)."""
    by_path = {p.path: p for p in programs}
    outcome = kernel_outcomes(programs, expected, found)
    rows = {}
    for p in programs:
        row = rows.setdefault(_group(p), {"names": (p.suite, p.klass, p.subclass), "kernels": set(),
                                          "detected": 0, "tp": 0, "fp": 0, "fn": 0})
        if p.kernel not in row["kernels"]:
            row["kernels"].add(p.kernel)
            row["detected"] += outcome[p.kernel]["detected"]
    for kind, findings in (("tp", expected & found), ("fp", found - expected), ("fn", expected - found)):
        for path, _, _ in findings:
            if path in by_path:
                rows[_group(by_path[path])][kind] += 1
    return [rows[k] for k in sorted(rows)]


def kernel_outcomes(programs, expected, found):
    """Per kernel: detected (an expected finding of the buggy program was
    reported), false_alarm (an unexpected finding on either program), covered
    (the buggy program expects something), klass and suite."""
    outcome = {}
    for p in programs:
        o = outcome.setdefault(p.kernel, {"detected": False, "false_alarm": False, "covered": False,
                                          "klass": p.klass, "suite": p.suite})
        mine_expected = {x for x in expected if x[0] == p.path}
        mine_found = {x for x in found if x[0] == p.path}
        if p.variant == "buggy":
            o["covered"] |= bool(mine_expected)
            o["detected"] |= bool(mine_expected & mine_found)
        o["false_alarm"] |= bool(mine_found - mine_expected)
    return outcome


# GoBench Table IV, GoKer rows: (TP, FN, FP) per tool and class (see the
# module docstring for the source).
GOBENCH_TOOLS = ("goleak", "go-deadlock", "dingo-hunter")
GOBENCH_GOKER_BLOCKING = {
    "resource deadlock": {"goleak": (14, 9, 0), "go-deadlock": (23, 0, 0), "dingo-hunter": (0, 23, 0)},
    "communication deadlock": {"goleak": (20, 9, 0), "go-deadlock": (0, 29, 0), "dingo-hunter": (1, 28, 0)},
    "mixed deadlock": {"goleak": (9, 7, 0), "go-deadlock": (5, 11, 0), "dingo-hunter": (0, 16, 0)},
}
GOLF_GOKER_BLOCKING_RECALL = 0.948  # over all 68 GoKer blocking kernels (see the module docstring)
SOURCES = ("goleak, go-deadlock, dingo-hunter: GoBench artifact evaluation, Table IV, GoKer rows "
           "(gobench cmd/pdf/index.html), over all GoKer blocking kernels of the class; "
           "Golf: ASPLOS'25, 94.8% of the 68 GoKer blocking kernels, as a whole. "
           "No per-kernel results are published for any of them.")


def _pct(num, den):
    return "%.1f%%" % (100.0 * num / den) if den else "-"


def _cell(tp, fn, fp):
    """Recall, with the counts it comes from: '60.9% (14/23, FP 0)'."""
    return "%s (%d/%d, FP %d)" % (_pct(tp, tp + fn), tp, tp + fn, fp)


def comparison_rows(programs, expected, found):
    """Rows of the per-class comparison: chcheck on this corpus's GoKer
    blocking kernels, the published tools on all GoKer blocking kernels; the
    last row is the total."""
    outcome = kernel_outcomes(programs, expected, found)
    rows = []
    total = [0, 0, 0, 0]  # corpus kernels, detected, false-alarm kernels, GoKer kernels
    tool_total = {t: (0, 0, 0) for t in GOBENCH_TOOLS}
    for klass, tools in GOBENCH_GOKER_BLOCKING.items():
        mine = [o for o in outcome.values() if o["suite"] == "blocking" and o["klass"].lower() == klass]
        counts = [len(mine), sum(o["detected"] for o in mine), sum(o["false_alarm"] for o in mine),
                  sum(tools["goleak"][:2])]
        rows.append([klass, "%d of %d" % (counts[0], counts[3]), _cell(counts[1], counts[0] - counts[1], counts[2])]
                    + [_cell(*tools[t]) for t in GOBENCH_TOOLS] + [""])
        total = [a + b for a, b in zip(total, counts)]
        tool_total = {t: tuple(a + b for a, b in zip(tool_total[t], tools[t])) for t in GOBENCH_TOOLS}
    rows.append(["all blocking", "%d of %d" % (total[0], total[3]), _cell(total[1], total[0] - total[1], total[2])]
                + [_cell(*tool_total[t]) for t in GOBENCH_TOOLS]
                + ["%.1f%% of %d" % (100 * GOLF_GOKER_BLOCKING_RECALL, total[3])])
    return rows


COMPARISON_HEADER = ["GoKer class", "kernels (corpus of GoKer)", "chcheck (corpus)"] + \
    ["%s (GoKer)" % t for t in GOBENCH_TOOLS] + ["Golf (GoKer)"]

"""Tests of scripts/goker.py: the GoKer classification read from corpus
headers, the per-sub-class and per-kernel measures, and the comparison rows.

  python3 test/corpus/test_goker.py
"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import goker  # noqa: E402


class GokerTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def program(self, name, variant, origin, body=""):
        path = os.path.join(self.dir.name, "%s_%s.cpp" % (name, variant))
        with open(path, "w", encoding="utf-8") as f:
            f.write("// corpus: goker/%s %s\n// origin: %s\n// mechanism: m\n// run: exit0\n%s" %
                    (name, variant, origin, body))
        return path

    def test_reads_the_classification(self):
        path = self.program("moby_7559", "buggy", "GoBench GoKer moby#7559 (blocking: resource deadlock, "
                            "double locking)")
        p = goker.read_program(path)
        self.assertEqual((p.kernel, p.variant, p.suite, p.klass, p.subclass),
                         ("moby_7559", "buggy", "blocking", "resource deadlock", "double locking"))

    def test_other_origins_are_not_goker(self):
        path = self.program("000_1", "buggy", "seed article 000, section 1")
        self.assertIsNone(goker.read_program(path))

    def test_rejects_a_goker_origin_without_class(self):
        path = self.program("moby_7559", "buggy", "GoBench GoKer moby#7559 (blocking: double locking)")
        with self.assertRaises(goker.HeaderError):
            goker.read_program(path)

    def test_rejects_an_unknown_class(self):
        path = self.program("moby_7559", "buggy", "GoBench GoKer moby#7559 (blocking: resource, double locking)")
        with self.assertRaises(goker.HeaderError):
            goker.read_program(path)

    def corpus(self):
        """Two double-locking kernels, one channel kernel; returns the programs
        and the expected findings."""
        dl = "GoBench GoKer %s (blocking: resource deadlock, double locking)"
        ch = "GoBench GoKer etcd#1 (blocking: communication deadlock, channel)"
        paths = {
            "a_buggy": self.program("moby_1", "buggy", dl % "moby#1"),
            "a_fixed": self.program("moby_1", "fixed", dl % "moby#1"),
            "b_buggy": self.program("moby_2", "buggy", dl % "moby#2"),
            "b_fixed": self.program("moby_2", "fixed", dl % "moby#2"),
            "c_buggy": self.program("etcd_1", "buggy", ch),
            "c_fixed": self.program("etcd_1", "fixed", ch),
        }
        programs = [goker.read_program(p) for p in paths.values()]
        expected = {(paths["a_buggy"], 10, "CH206"), (paths["a_buggy"], 20, "CH206"),
                    (paths["b_buggy"], 10, "CH206"), (paths["c_buggy"], 5, "CH201")}
        return paths, programs, expected

    def test_kernel_is_detected_by_one_expected_finding_and_flags_false_alarms(self):
        paths, programs, expected = self.corpus()
        found = {(paths["a_buggy"], 20, "CH206"), (paths["b_fixed"], 3, "CH206")}
        outcome = goker.kernel_outcomes(programs, expected, found)
        self.assertTrue(outcome["moby_1"]["detected"])
        self.assertFalse(outcome["moby_1"]["false_alarm"])
        self.assertFalse(outcome["moby_2"]["detected"])
        self.assertTrue(outcome["moby_2"]["false_alarm"])
        self.assertFalse(outcome["etcd_1"]["detected"])

    def test_subclass_rows_count_findings_and_kernels(self):
        paths, programs, expected = self.corpus()
        found = {(paths["a_buggy"], 20, "CH206"), (paths["b_fixed"], 3, "CH206")}
        rows = {r["names"][2]: r for r in goker.subclass_rows(programs, expected, found)}
        dl = rows["double locking"]
        self.assertEqual((len(dl["kernels"]), dl["detected"], dl["tp"], dl["fp"], dl["fn"]), (2, 1, 1, 1, 2))
        chan = rows["channel"]
        self.assertEqual((len(chan["kernels"]), chan["detected"], chan["tp"], chan["fp"], chan["fn"]),
                         (1, 0, 0, 0, 1))

    def test_comparison_rows_put_ours_next_to_the_published_class_figures(self):
        paths, programs, expected = self.corpus()
        found = {(paths["a_buggy"], 20, "CH206")}
        rows = {r[0]: r for r in goker.comparison_rows(programs, expected, found)}
        self.assertEqual(rows["resource deadlock"][1:4], ["2 of 23", "50.0% (1/2, FP 0)", "60.9% (14/23, FP 0)"])
        self.assertEqual(rows["mixed deadlock"][1:3], ["0 of 16", "- (0/0, FP 0)"])
        total = rows["all blocking"]
        self.assertEqual(total[1:3], ["3 of 68", "33.3% (1/3, FP 0)"])
        self.assertEqual(total[3:], ["63.2% (43/68, FP 0)", "41.2% (28/68, FP 0)", "1.5% (1/68, FP 0)",
                                     "94.8% of 68"])


if __name__ == "__main__":
    unittest.main()

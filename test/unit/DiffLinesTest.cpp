#include "DiffLines.h"
#include "Options.h"

#include <gtest/gtest.h>

using namespace chcheck::cli;

TEST(DiffLines, ZeroContextHunksFromGit) {
  const char *diff = "diff --git a/src/a.cpp b/src/a.cpp\n"
                     "index 1..2 100644\n"
                     "--- a/src/a.cpp\n"
                     "+++ b/src/a.cpp\n"
                     "@@ -3 +3 @@ void f() {\n"
                     "-  old();\n"
                     "+  changed();\n"
                     "@@ -10,0 +11,2 @@\n"
                     "+  added();\n"
                     "+  added2();\n"
                     "@@ -20,2 +22,0 @@\n"
                     "-  gone();\n"
                     "-  gone2();\n";
  ChangedLines lines = parseUnifiedDiff(diff, "/repo", "d");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines["/repo/src/a.cpp"], (std::set<unsigned>{3, 11, 12}));
}

TEST(DiffLines, ContextLinesCountButAreNotChanged) {
  const char *diff = "--- a/x.cpp\n"
                     "+++ b/x.cpp\n"
                     "@@ -1,4 +1,5 @@\n"
                     " a\n"
                     "-b\n"
                     "+B\n"
                     "+C\n"
                     " d\n"
                     "\n" // an empty context line whose space an editor dropped
                     "\\ No newline at end of file\n";
  ChangedLines lines = parseUnifiedDiff(diff, "/r", "d");
  EXPECT_EQ(lines["/r/x.cpp"], (std::set<unsigned>{2, 3}));
}

TEST(DiffLines, NewDeletedQuotedAndPlainDiffFiles) {
  const char *diff = "--- /dev/null\n"
                     "+++ b/new.cpp\n"
                     "@@ -0,0 +1,2 @@\n"
                     "+x\n"
                     "+y\n"
                     "--- a/old.cpp\n"
                     "+++ /dev/null\n"
                     "@@ -1,2 +0,0 @@\n"
                     "-x\n"
                     "-y\n"
                     "--- a/\"caf\\303\\251.cpp\"\n"
                     "+++ \"b/caf\\303\\251.cpp\"\n"
                     "@@ -1 +1 @@\n"
                     "-a\n"
                     "+b\n"
                     "--- plain.cpp\t2024-01-01 10:00:00\n"
                     "+++ plain.cpp\t2024-01-02 10:00:00\n"
                     "@@ -5 +5 @@\n"
                     "-a\n"
                     "+b\n";
  ChangedLines lines = parseUnifiedDiff(diff, "/r", "d");
  EXPECT_EQ(lines["/r/new.cpp"], (std::set<unsigned>{1, 2}));
  EXPECT_EQ(lines.count("/r/old.cpp"), 0u);
  EXPECT_EQ(lines["/r/caf\xc3\xa9.cpp"], (std::set<unsigned>{1}));
  EXPECT_EQ(lines["/r/plain.cpp"], (std::set<unsigned>{5}));
}

TEST(DiffLines, TruncatedAndMalformedDiffsAreErrors) {
  try {
    parseUnifiedDiff("+++ b/x.cpp\n@@ -1,3 +1,3 @@\n-a\n+b\n", "/r", "pr.diff");
    FAIL() << "a hunk that ends early must be an error";
  } catch (const UsageError &e) {
    EXPECT_EQ(e.message, "pr.diff: the last hunk ends early (a truncated diff?)");
  }
  try {
    parseUnifiedDiff("+++ b/x.cpp\n@@ -x +y @@\n", "/r", "pr.diff");
    FAIL() << "a malformed hunk header must be an error";
  } catch (const UsageError &e) {
    EXPECT_EQ(e.message, "pr.diff:2: malformed hunk header '@@ -x +y @@'");
  }
  try {
    parseUnifiedDiff("+++ b/x.cpp\n@@ -1,2 +1,2 @@\n a\ngarbage\n", "/r", "pr.diff");
    FAIL() << "a line that is no hunk line inside a hunk must be an error";
  } catch (const UsageError &e) {
    EXPECT_EQ(e.message, "pr.diff:4: the hunk ends early (a truncated diff?)");
  }
}

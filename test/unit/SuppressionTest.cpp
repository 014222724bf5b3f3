#include "chcheck/Suppression.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace chcheck;

namespace {
bool suppressed(std::string_view same, std::string_view previous = "") {
  return suppresses(same, previous, "CH101", "send-on-closed");
}
} // namespace

TEST(Suppression, ChcheckIgnoreOnTheLineOrTheLineBefore) {
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore CH101"));
  EXPECT_TRUE(suppressed("ch.send(1);", "// chcheck: ignore CH101"));
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore ch101"));
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore send-on-closed"));
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore CH102, send-on-closed"));
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore CH102,CH101 -- on purpose"));
  EXPECT_TRUE(suppressed("ch.send(1); // chcheck: ignore"));
  EXPECT_TRUE(suppressed("ch.send(1); /* chcheck: ignore */"));
  EXPECT_FALSE(suppressed("ch.send(1); // chcheck: ignore CH102"));
  EXPECT_FALSE(suppressed("ch.send(1); // chcheck: ignore CH1010"));
  EXPECT_FALSE(suppressed("ch.send(1); // chcheck: ignore CH102 CH101")); // list needs commas
  EXPECT_FALSE(suppressed("ch.send(1); // chcheck: ignored"));
  EXPECT_FALSE(suppressed("ch.send(1);"));
}

TEST(Suppression, Nolint) {
  EXPECT_TRUE(suppressed("ch.send(1); // NOLINT"));
  EXPECT_TRUE(suppressed("ch.send(1); // NOLINT(channel-send-on-closed)"));
  EXPECT_TRUE(suppressed("ch.send(1); // NOLINT(bugprone-*, channel-send-*)"));
  EXPECT_TRUE(suppressed("ch.send(1); // NOLINT(channel-*)"));
  EXPECT_TRUE(suppressed("ch.send(1); // NOLINT(*)"));
  EXPECT_FALSE(suppressed("ch.send(1); // NOLINT(channel-close-of-closed)"));
  EXPECT_FALSE(suppressed("ch.send(1); // NOLINT(send-on-closed)"));
  EXPECT_FALSE(suppressed("ch.send(1); // NOLINT(channel-send-on-closed"));  // unterminated
  EXPECT_FALSE(suppressed("ch.send(1); // NOLINTBEGIN"));
  // NOLINT on the line before does not reach the next line.
  EXPECT_FALSE(suppressed("ch.send(1);", "// NOLINT(channel-send-on-closed)"));
}

TEST(Suppression, NolintNextLine) {
  EXPECT_TRUE(suppressed("ch.send(1);", "// NOLINTNEXTLINE"));
  EXPECT_TRUE(suppressed("ch.send(1);", "// NOLINTNEXTLINE(channel-send-on-closed)"));
  EXPECT_TRUE(suppressed("ch.send(1);", "// NOLINTNEXTLINE(channel-*)"));
  EXPECT_FALSE(suppressed("ch.send(1);", "// NOLINTNEXTLINE(channel-close-*)"));
  EXPECT_FALSE(suppressed("ch.send(1); // NOLINTNEXTLINE(channel-send-on-closed)"));
}

// clang-tidy applies NOLINT itself: the module asks only about chcheck's own comments.
TEST(Suppression, IgnoreCommentAloneLeavesNolintToTheHost) {
  auto ignored = [](std::string_view same, std::string_view previous = "") {
    return ignoreCommentSuppresses(same, previous, "CH101", "send-on-closed");
  };
  EXPECT_TRUE(ignored("ch.send(1); // chcheck: ignore CH101"));
  EXPECT_TRUE(ignored("ch.send(1);", "// chcheck: ignore send-on-closed"));
  EXPECT_FALSE(ignored("ch.send(1); // chcheck: ignore CH102"));
  EXPECT_FALSE(ignored("ch.send(1); // NOLINT"));
  EXPECT_FALSE(ignored("ch.send(1);", "// NOLINTNEXTLINE(channel-send-on-closed)"));
}

TEST(Suppression, UnknownRuleOnlyByIdOrWildcard) {
  EXPECT_TRUE(suppresses("x; // chcheck: ignore CH900", "", "CH900", ""));
  EXPECT_TRUE(suppresses("x; // NOLINT", "", "CH900", ""));
  EXPECT_TRUE(suppresses("x; // NOLINT(*)", "", "CH900", ""));
  EXPECT_FALSE(suppresses("x; // NOLINT(channel-*)", "", "CH900", ""));
}

TEST(Suppression, RemoveSuppressedReadsTheSource) {
  std::string path = ::testing::TempDir() + "suppression_test.cpp";
  {
    std::ofstream out(path);
    out << "ch.send(1); // chcheck: ignore CH101\n"
           "// NOLINTNEXTLINE(channel-*)\n"
           "ch.send(2);\n"
           "ch.send(3);\n";
  }
  std::vector<Finding> findings;
  for (unsigned line : {1u, 3u, 4u}) {
    Finding f;
    f.ruleId = "CH101";
    f.loc = {path, line, 1};
    findings.push_back(f);
  }
  SourceCache sources;
  auto kept = removeSuppressed(findings, builtinCatalog(), sources);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].loc.line, 4u);
  std::remove(path.c_str());
}

TEST(Suppression, CommentsAsWritten) {
  auto comments = suppressionComments(
      "x; // chcheck: ignore CH101, close-of-closed -- why  NOLINT(bugprone-*, channel-x) "
      "NOLINTNEXTLINE NOLINTBEGIN");
  ASSERT_EQ(comments.size(), 3u);
  EXPECT_EQ(comments[0].kind, SuppressionComment::Kind::Ignore);
  EXPECT_FALSE(comments[0].everyRule);
  EXPECT_EQ(comments[0].items, (std::vector<std::string>{"CH101", "close-of-closed"}));
  EXPECT_EQ(comments[1].kind, SuppressionComment::Kind::Nolint);
  EXPECT_EQ(comments[1].items, (std::vector<std::string>{"bugprone-*", "channel-x"}));
  EXPECT_EQ(comments[2].kind, SuppressionComment::Kind::NolintNextLine);
  EXPECT_TRUE(comments[2].everyRule);
  EXPECT_TRUE(suppressionComments("x; // chcheck: ignore")[0].everyRule);
  EXPECT_TRUE(suppressionComments("x; // NOLINT(channel-x").empty()); // unterminated
}

TEST(Suppression, WhichLinesACommentCovers) {
  SuppressionComment ignore, nolint, next;
  nolint.kind = SuppressionComment::Kind::Nolint;
  next.kind = SuppressionComment::Kind::NolintNextLine;
  EXPECT_TRUE(ignore.covers(5, 5));
  EXPECT_TRUE(ignore.covers(5, 6));
  EXPECT_FALSE(ignore.covers(5, 7));
  EXPECT_FALSE(ignore.covers(5, 4));
  EXPECT_TRUE(nolint.covers(5, 5));
  EXPECT_FALSE(nolint.covers(5, 6));
  EXPECT_FALSE(next.covers(5, 5));
  EXPECT_TRUE(next.covers(5, 6));
}

// The clang-tidy module's pieces that need no clang-tidy process: one engine
// run per translation unit and group of rules, the notes of a finding, and
// the version gate.  The module itself is tested through the real
// clang-tidy-19 in test/lit/tidy/.
#include "HostVersion.h"
#include "Notes.h"
#include "SharedAnalysis.h"

#include "clang/AST/ASTContext.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include <gtest/gtest.h>

using namespace chcheck;
using namespace chcheck::tidy;

namespace {

std::unique_ptr<clang::ASTUnit> parse(const std::string &code) {
  return clang::tooling::buildASTFromCodeWithArgs(
      code, {"-std=c++20", "-I" CHCHECK_RUNTIME_INCLUDE,
             "-resource-dir=" CHCHECK_CLANG_RESOURCE_DIR});
}

// A runner that records what it was asked and returns one finding per rule.
struct RecordingRunner {
  std::vector<EngineOptions> *calls;
  TuFindings operator()(clang::ASTContext &, const EngineOptions &options) const {
    calls->push_back(options);
    TuFindings out;
    for (const std::string &rule : options.enabledRules)
      out.findings.push_back(LocatedFinding{rule});
    return out;
  }
};

clang::SourceLocation fakeLoc(unsigned n) { return clang::SourceLocation::getFromRawEncoding(n); }

} // namespace

TEST(SharedAnalysis, OneEngineRunForEveryCheckOfTheTranslationUnit) {
  auto ast = parse("int x;");
  std::vector<EngineOptions> calls;
  SharedAnalysis analysis(RecordingRunner{&calls});
  analysis.join("CH101", 1000);
  analysis.join("CH103", 1000);
  TuFindings &first = analysis.findings(ast->getASTContext(), 1000);
  TuFindings &second = analysis.findings(ast->getASTContext(), 1000);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].enabledRules, (std::set<std::string>{"CH101", "CH103"}));
  EXPECT_EQ(calls[0].stateBudget, 1000u);
  EXPECT_EQ(&first, &second);
  EXPECT_EQ(first.findings.size(), 2u);
}

TEST(SharedAnalysis, ChecksWithAnotherBudgetRunTheirOwnRules) {
  auto ast = parse("int x;");
  std::vector<EngineOptions> calls;
  SharedAnalysis analysis(RecordingRunner{&calls});
  analysis.join("CH101", 1000);
  analysis.join("CH102", 1000);
  analysis.join("CH104", 5);
  analysis.findings(ast->getASTContext(), 1000);
  analysis.findings(ast->getASTContext(), 5);
  analysis.findings(ast->getASTContext(), 1000);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].enabledRules, (std::set<std::string>{"CH101", "CH102"}));
  EXPECT_EQ(calls[1].enabledRules, (std::set<std::string>{"CH104"}));
  EXPECT_EQ(calls[1].stateBudget, 5u);
}

TEST(SharedAnalysis, AnotherTranslationUnitIsAnalysedAgain) {
  auto a = parse("int x;"), b = parse("int y;");
  std::vector<EngineOptions> calls;
  SharedAnalysis analysis(RecordingRunner{&calls});
  analysis.join("CH101", 1000);
  analysis.findings(a->getASTContext(), 1000);
  analysis.findings(b->getASTContext(), 1000);
  EXPECT_EQ(calls.size(), 2u);
}

TEST(SharedAnalysis, OnePerContextWhileAnyCheckHoldsIt) {
  int contextA = 0, contextB = 0;
  std::shared_ptr<SharedAnalysis> first = SharedAnalysis::of(&contextA);
  EXPECT_EQ(SharedAnalysis::of(&contextA), first);
  EXPECT_NE(SharedAnalysis::of(&contextB), first);
  // The next translation unit's checks are created after this one's are gone.
  std::weak_ptr<SharedAnalysis> old = first;
  first.reset();
  EXPECT_TRUE(old.expired());
}

TEST(SharedAnalysis, RunEngineFindsBugsAndSkipsBrokenTranslationUnits) {
  const std::string bug = "#include <chan/chan.hpp>\n"
                          "void f() { auto ch = chan::make<int>(1); ch.close(); ch.send(1); }\n";
  EngineOptions options;
  options.enabledRules = {"CH101"};
  auto good = parse(bug);
  TuFindings found = runEngine(good->getASTContext(), options);
  EXPECT_TRUE(found.failure.empty());
  ASSERT_EQ(found.findings.size(), 1u);
  EXPECT_EQ(found.findings[0].ruleId, "CH101");

  auto broken = parse(bug + "int broken = ;\n");
  ASSERT_TRUE(broken->getASTContext().getDiagnostics().hasErrorOccurred());
  TuFindings none = runEngine(broken->getASTContext(), options);
  EXPECT_TRUE(none.findings.empty());
  EXPECT_TRUE(none.failure.empty());
}

// The module passes only its enabled checks' rules, and relies on the engine
// to run only what those need: a lifecycle check never starts the explorer.
TEST(SharedAnalysis, OnlyTheAnalysesTheEnabledRulesNeedRun) {
  auto ast = parse("#include <chan/chan.hpp>\n"
                   "void f() {\n"
                   "  auto ch = chan::make<int>();\n"
                   "  chan::go([ch] { ch.send(1); });\n"
                   "}\n");
  EngineOptions lifecycle;
  lifecycle.enabledRules = {"CH101", "CH103"};
  EngineStats lifecycleStats;
  EXPECT_TRUE(analyzeTranslationUnit(ast->getASTContext(), lifecycle, &lifecycleStats).empty());
  EXPECT_EQ(lifecycleStats.regions, 0u);

  EngineOptions blocking;
  blocking.enabledRules = {"CH201"};
  EngineStats blockingStats;
  std::vector<LocatedFinding> found =
      analyzeTranslationUnit(ast->getASTContext(), blocking, &blockingStats);
  EXPECT_EQ(blockingStats.regions, 1u);
  ASSERT_EQ(found.size(), 1u); // the goroutine's send: nobody receives
  EXPECT_EQ(found[0].ruleId, "CH201");
}

TEST(Notes, ThePathInOrderWithoutUnlocatedSteps) {
  LocatedFinding f{"CH203"};
  f.path = {{fakeLoc(10), "'serve' starts a goroutine", 0},
            {clang::SourceLocation(), "lost", 0},
            {fakeLoc(20), "the goroutine started at line 7 locks 'mu'", 0}};
  // The engine also fills these for SARIF and --graph; the path already
  // holds the interleaving, so they must not repeat it as notes.
  f.threads = {{"main", {{fakeLoc(20), "main blocks on recv from 'done'", 0}}}};
  f.waits = {{0, 0, fakeLoc(20), "recv from 'done' waits for a sender"}};
  std::vector<Note> notes = notesOf(f);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].message, "'serve' starts a goroutine");
  EXPECT_EQ(notes[0].loc, fakeLoc(10));
  EXPECT_EQ(notes[1].message, "the goroutine started at line 7 locks 'mu'");
  EXPECT_EQ(notes[1].loc, fakeLoc(20));
}

TEST(HostVersion, ThisProcessRunsTheLlvmItWasBuiltWith) {
  EXPECT_EQ(hostVersion(), builtForVersion());
  EXPECT_EQ(versionMismatch(builtForVersion(), hostVersion()), "");
}

TEST(HostVersion, AMismatchIsOneLineNamingBoth) {
  EXPECT_EQ(versionMismatch("19.1.7", "14.0.6"),
            "chcheck-tidy: built for clang-tidy 19.1.7, loaded by clang-tidy 14.0.6; build "
            "chcheck against the clang-tidy that loads it (docs/clang-tidy.md)");
  EXPECT_NE(versionMismatch("19.1.7", "19.1.6"), "");
  EXPECT_NE(versionMismatch("19.1.7", "").find("loaded by a clang-tidy whose version cannot be read"),
            std::string::npos);
}

#include "chcheck/Output.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace chcheck;
using nlohmann::json;

namespace {

// A scratch source tree: <root>/src/prog.cpp with the given text.
class RendererTest : public ::testing::Test {
protected:
  void SetUp() override {
    root = std::filesystem::path(::testing::TempDir()) /
           ("chcheck_renderer_" + std::string(::testing::UnitTest::GetInstance()
                                                  ->current_test_info()
                                                  ->name()));
    std::filesystem::create_directories(root / "src");
    file = (root / "src" / "prog.cpp").string();
  }
  void TearDown() override { std::filesystem::remove_all(root); }

  void write(const std::string &text) {
    std::ofstream(file, std::ios::binary) << text;
  }

  // A CH101 finding on `sendLine`, made on `makeLine`, closed on `closeLine`.
  Finding ch101(unsigned makeLine, unsigned closeLine, unsigned sendLine, unsigned col = 3) {
    Finding f;
    f.ruleId = "CH101";
    f.severity = Severity::Error;
    f.loc = {file, sendLine, col};
    f.message = "send on channel 'ch' that is closed on every path";
    f.subject = "ch";
    f.function = "main";
    f.path = {{{file, makeLine, 8}, "channel 'ch' is made here"},
              {{file, closeLine, 3}, "closed here"}};
    return f;
  }

  RenderOptions options() {
    RenderOptions o;
    o.srcroot = root.string();
    o.toolVersion = "9.8.7";
    return o;
  }

  std::filesystem::path root;
  std::string file;
};

const char *kProgram = "int main() {\n"
                       "  auto ch = chan::make<int>(1);\n"
                       "  ch.close();\n"
                       "  ch.send(1);\n"
                       "}\n";

} // namespace

TEST_F(RendererTest, TextHasDiagnosticNotesAndCarets) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  renderText(out, {ch101(2, 3, 4)}, builtinCatalog(), sources, options());
  EXPECT_EQ(out.str(),
            file + ":4:3: error: send on channel 'ch' that is closed on every path "
                   "[CH101 send-on-closed]\n"
                   "  ch.send(1);\n"
                   "  ^\n" +
                file + ":2:8: note: channel 'ch' is made here\n"
                       "  auto ch = chan::make<int>(1);\n"
                       "       ^\n" +
                file + ":3:3: note: closed here\n"
                       "  ch.close();\n"
                       "  ^\n");
}

TEST_F(RendererTest, TextKeepsTabsInCaretLinesAndSurvivesMissingSource) {
  write("\tch.send(1);\n");
  Finding f = ch101(1, 1, 1, 2);
  f.path.clear();
  Finding gone = f;
  gone.loc.file = (root / "missing.cpp").string();
  SourceCache sources;
  std::ostringstream out;
  renderText(out, {f, gone}, builtinCatalog(), sources, options());
  std::string text = out.str();
  EXPECT_NE(text.find("\tch.send(1);\n\t^\n"), std::string::npos) << text;
  EXPECT_NE(text.find("missing.cpp:1:2: error: "), std::string::npos) << text;
}

TEST_F(RendererTest, TextColourOnlyWhenAsked) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream plain, coloured;
  RenderOptions o = options();
  renderText(plain, {ch101(2, 3, 4)}, builtinCatalog(), sources, o);
  o.color = true;
  renderText(coloured, {ch101(2, 3, 4)}, builtinCatalog(), sources, o);
  EXPECT_EQ(plain.str().find('\033'), std::string::npos);
  EXPECT_NE(coloured.str().find("\033[0;1;31merror: "), std::string::npos);
  EXPECT_NE(coloured.str().find("\033[0;1;30mnote: "), std::string::npos);
}

TEST_F(RendererTest, TextNamesUnknownRulesByIdOnly) {
  write(kProgram);
  Finding f = ch101(2, 3, 4);
  f.ruleId = "CH999";
  SourceCache sources;
  std::ostringstream out;
  renderText(out, {f}, builtinCatalog(), sources, options());
  EXPECT_NE(out.str().find("every path [CH999]\n"), std::string::npos);
}

TEST_F(RendererTest, JsonFollowsTheSchemaFields) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  std::vector<ToolError> errors = {{"/x/broken.cpp", "cannot parse /x/broken.cpp: oops"}};
  renderJson(out, {ch101(2, 3, 4)}, errors, builtinCatalog(), sources, options());
  json doc = json::parse(out.str());
  EXPECT_EQ(doc["format"], "chcheck-findings");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["tool"]["version"], "9.8.7");
  EXPECT_EQ(doc["srcroot"], root.string());
  ASSERT_EQ(doc["findings"].size(), 1u);
  const json &f = doc["findings"][0];
  EXPECT_EQ(f["ruleId"], "CH101");
  EXPECT_EQ(f["ruleName"], "send-on-closed");
  EXPECT_EQ(f["severity"], "error");
  EXPECT_EQ(f["subject"], "ch");
  EXPECT_EQ(f["function"], "main");
  EXPECT_EQ(f["location"]["file"], file);
  EXPECT_EQ(f["location"]["relativeFile"], "src/prog.cpp");
  EXPECT_EQ(f["location"]["line"], 4);
  EXPECT_EQ(f["location"]["column"], 3);
  ASSERT_EQ(f["path"].size(), 2u);
  EXPECT_EQ(f["path"][0]["message"], "channel 'ch' is made here");
  EXPECT_EQ(f["path"][1]["location"]["line"], 3);
  EXPECT_TRUE(f["fingerprint"].get<std::string>().ends_with(":0"));
  EXPECT_EQ(doc["toolErrors"][0]["file"], "/x/broken.cpp");
  EXPECT_EQ(doc["summary"]["findings"], 1);
  EXPECT_EQ(doc["summary"]["errors"], 1);
  EXPECT_EQ(doc["summary"]["toolErrors"], 1);
  // Keys in the documented order, so diffs of reports are readable.
  std::string text = out.str();
  EXPECT_LT(text.find("\"format\""), text.find("\"findings\""));
  EXPECT_LT(text.find("\"findings\""), text.find("\"summary\""));
}

TEST_F(RendererTest, JsonRelativeFileIsNullOutsideSrcroot) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  RenderOptions o = options();
  o.srcroot = "/somewhere/else";
  renderJson(out, {ch101(2, 3, 4)}, {}, builtinCatalog(), sources, o);
  EXPECT_TRUE(json::parse(out.str())["findings"][0]["location"]["relativeFile"].is_null());
}

TEST_F(RendererTest, SarifStructure) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  renderSarif(out, {ch101(2, 3, 4)}, {}, builtinCatalog(), sources, options());
  json log = json::parse(out.str());
  EXPECT_EQ(log["version"], "2.1.0");
  const json &run = log["runs"][0];
  const json &rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), builtinCatalog().size());
  EXPECT_EQ(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file://" + root.string() + "/");
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
  ASSERT_EQ(run["results"].size(), 1u);
  const json &r = run["results"][0];
  EXPECT_EQ(r["ruleId"], "CH101");
  std::size_t index = r["ruleIndex"];
  EXPECT_EQ(rules[index]["id"], "CH101");
  EXPECT_EQ(rules[index]["defaultConfiguration"]["level"], "error");
  EXPECT_EQ(r["level"], "error");
  EXPECT_EQ(r["message"]["text"], "send on channel 'ch' that is closed on every path.");
  const json &loc = r["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "src/prog.cpp");
  EXPECT_EQ(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_EQ(loc["region"]["startLine"], 4);
  EXPECT_EQ(loc["region"]["startColumn"], 3);
  ASSERT_EQ(r["relatedLocations"].size(), 2u);
  EXPECT_EQ(r["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(r["relatedLocations"][1]["physicalLocation"]["region"]["startLine"], 3);
  const json &flow = r["codeFlows"][0]["threadFlows"][0]["locations"];
  ASSERT_EQ(flow.size(), 3u); // made, closed, then the send itself
  EXPECT_EQ(flow[0]["location"]["physicalLocation"]["region"]["startLine"], 2);
  EXPECT_EQ(flow[2]["location"]["physicalLocation"]["region"]["startLine"], 4);
  EXPECT_EQ(flow[2]["executionOrder"], 3);
  EXPECT_TRUE(r["partialFingerprints"].contains("chcheckFingerprint/v1"));
}

TEST_F(RendererTest, SarifToolErrorsAndEncodedUris) {
  std::filesystem::create_directories(root / "with space");
  file = (root / "with space" / "prög.cpp").string();
  write("  /* ö */ ch.send(1);\n");
  Finding f = ch101(1, 1, 1, 13); // byte column 13 = code point 12
  f.path.clear();
  SourceCache sources;
  std::ostringstream out;
  renderSarif(out, {f}, {{"", "bad things"}}, builtinCatalog(), sources, options());
  json run = json::parse(out.str())["runs"][0];
  const json &loc = run["results"][0]["locations"][0]["physicalLocation"];
  EXPECT_EQ(loc["artifactLocation"]["uri"], "with%20space/pr%C3%B6g.cpp");
  EXPECT_EQ(loc["region"]["startColumn"], 12);
  EXPECT_FALSE(run["results"][0].contains("codeFlows"));
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], false);
  EXPECT_EQ(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"],
            "bad things.");
}

TEST_F(RendererTest, FingerprintsSurviveLineShiftsButNotChangedCode) {
  write(kProgram);
  SourceCache before;
  auto original = fingerprints({ch101(2, 3, 4)}, before, root.string());

  write(std::string("// new comment\n\nvoid other() {}\n") + kProgram);
  SourceCache shifted;
  auto moved = fingerprints({ch101(5, 6, 7)}, shifted, root.string());
  EXPECT_EQ(original, moved);

  std::string reindented = kProgram;
  reindented.replace(reindented.find("  ch.send(1);"), 13, "\tch.send( 1 );");
  write(reindented);
  SourceCache whitespace;
  EXPECT_EQ(fingerprints({ch101(2, 3, 4)}, whitespace, root.string()), original);

  std::string edited = kProgram;
  edited.replace(edited.find("ch.send(1)"), 10, "ch.send(2)");
  write(edited);
  SourceCache changed;
  EXPECT_NE(fingerprints({ch101(2, 3, 4)}, changed, root.string()), original);
}

TEST_F(RendererTest, IdenticalFindingsGetOccurrenceIndices) {
  write("ch.send(1);\nch.send(1);\n");
  SourceCache sources;
  Finding a = ch101(1, 1, 1), b = ch101(1, 1, 2);
  auto prints = fingerprints({a, b}, sources, root.string());
  ASSERT_EQ(prints.size(), 2u);
  EXPECT_EQ(prints[0].substr(0, 32), prints[1].substr(0, 32));
  EXPECT_TRUE(prints[0].ends_with(":0"));
  EXPECT_TRUE(prints[1].ends_with(":1"));
}

TEST(RelativeToRoot, OnlyBelowTheRoot) {
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a/"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/ab/c.cpp", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a/c.cpp", ""), std::nullopt);
}

#include "chcheck/Output.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
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
  EXPECT_TRUE(r["partialFingerprints"].contains("chcheckFingerprint/v2"));
  // GitHub's hash of line 4 of kProgram (computed by codeql-action's algorithm).
  EXPECT_EQ(r["partialFingerprints"]["primaryLocationLineHash"], "66d14fb15f60c150:1");
  EXPECT_EQ(run["automationDetails"]["id"], "chcheck/");
  // The region covers the token at the location: `ch` of `ch.send(1)`.
  EXPECT_EQ(loc["region"]["endLine"], 4);
  EXPECT_EQ(loc["region"]["endColumn"], 5);
  EXPECT_EQ(rules[index]["properties"]["precision"], "high");
  EXPECT_EQ(rules[index]["properties"]["tags"], json::array({"concurrency", "channels", "correctness"}));
  EXPECT_TRUE(rules[index]["help"].contains("markdown"));
  // A path-only flow: every step at nesting level 0.
  EXPECT_EQ(flow[0]["nestingLevel"], 0);
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

TEST_F(RendererTest, SarifCategoryIsTheAutomationId) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  RenderOptions o = options();
  o.sarifCategory = "chcheck/linux-clang/";
  renderSarif(out, {ch101(2, 3, 4)}, {}, builtinCatalog(), sources, o);
  EXPECT_EQ(json::parse(out.str())["runs"][0]["automationDetails"]["id"], "chcheck/linux-clang/");
}

// A blocking bug as the engine will report it: the whole interleaving in
// `path`, one flow per goroutine in `threads`, the cycle in `waits`.
Finding deadlock(const std::string &file) {
  Finding f;
  f.ruleId = "CH203";
  f.severity = Severity::Error;
  f.loc = {file, 4, 3};
  f.message = "goroutines 'main' and 'worker' wait for each other";
  f.subject = "results";
  f.function = "main";
  PathStep spawn{{file, 2, 3}, "goroutine 'worker' is started here", 0};
  PathStep workerBlocks{{file, 7, 5}, "'worker' blocks sending on 'results'", 1};
  PathStep mainBlocks{{file, 4, 3}, "'main' blocks receiving from 'done'", 0};
  f.path = {spawn, workerBlocks, mainBlocks};
  f.threads = {{"main", {spawn, mainBlocks}}, {"goroutine started at prog.cpp:2", {workerBlocks}}};
  f.waits = {{0, 1, {file, 4, 3}, "recv on 'done' waits for 'worker'"},
             {1, 0, {file, 7, 5}, "send on 'results' waits for a receiver"}};
  return f;
}

TEST_F(RendererTest, SarifHasAThreadFlowPerGoroutineWithNestingAndGlobalOrder) {
  write("int main() {\n  go(worker);\n  int x;\n  done.recv();\n}\nvoid worker() {\n    "
        "results.send(1);\n}\n");
  SourceCache sources;
  std::ostringstream out;
  renderSarif(out, {deadlock(file)}, {}, builtinCatalog(), sources, options());
  json run = json::parse(out.str())["runs"][0];
  json r = run["results"][0];
  ASSERT_TRUE(r.contains("ruleIndex"));
  EXPECT_EQ(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"], "CH203");
  ASSERT_EQ(r["codeFlows"].size(), 1u);
  const json &flows = r["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0]["message"]["text"], "main");
  EXPECT_EQ(flows[1]["message"]["text"], "goroutine started at prog.cpp:2");
  ASSERT_EQ(flows[0]["locations"].size(), 2u);
  // Execution order is the step's place in the whole interleaving.
  EXPECT_EQ(flows[0]["locations"][0]["executionOrder"], 1);
  EXPECT_EQ(flows[0]["locations"][1]["executionOrder"], 3);
  EXPECT_EQ(flows[1]["locations"][0]["executionOrder"], 2);
  EXPECT_EQ(flows[1]["locations"][0]["nestingLevel"], 1);
  EXPECT_EQ(flows[0]["locations"][1]["nestingLevel"], 0);
  EXPECT_EQ(flows[1]["locations"][0]["location"]["physicalLocation"]["region"]["startLine"], 7);
  EXPECT_EQ(flows[1]["locations"][0]["location"]["message"]["text"],
            "'worker' blocks sending on 'results'.");
  EXPECT_EQ(r["relatedLocations"].size(), 3u);
}

TEST_F(RendererTest, SarifSingleFlowCarriesStepNesting) {
  write(kProgram);
  Finding f = ch101(2, 3, 4);
  f.path[1].nesting = 2;
  SourceCache sources;
  std::ostringstream out;
  renderSarif(out, {f}, {}, builtinCatalog(), sources, options());
  json flow = json::parse(out.str())["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(flow.size(), 1u);
  EXPECT_FALSE(flow[0].contains("message"));
  EXPECT_EQ(flow[0]["locations"][1]["nestingLevel"], 2);
  EXPECT_EQ(flow[0]["locations"][2]["nestingLevel"], 0);
}

TEST_F(RendererTest, SarifStaysWithinCodeScanningLimits) {
  write(kProgram);
  std::vector<Finding> findings;
  for (std::size_t i = 0; i < kSarifMaxResults; ++i) {
    Finding f = ch101(2, 3, 4);
    f.path.clear();
    f.severity = Severity::Note;
    findings.push_back(f);
  }
  Finding last = ch101(2, 3, 4); // one error after 25,000 notes: kept, a note goes
  for (unsigned s = 0; s < 1500; ++s)
    last.path.push_back({{file, 2, 1}, "step"});
  last.threads = {{"main", std::vector<PathStep>(12000, PathStep{{file, 3, 1}, "step"})}};
  findings.push_back(last);
  SourceCache sources;
  std::ostringstream out;
  renderSarif(out, findings, {}, builtinCatalog(), sources, options());
  json run = json::parse(out.str())["runs"][0];
  ASSERT_EQ(run["results"].size(), kSarifMaxResults);
  const json &kept = run["results"][kSarifMaxResults - 1];
  EXPECT_EQ(kept["level"], "error");
  EXPECT_EQ(kept["locations"].size() + kept["relatedLocations"].size(), kSarifMaxLocations);
  EXPECT_EQ(kept["codeFlows"][0]["threadFlows"][0]["locations"].size(),
            kSarifMaxThreadFlowLocations);
  const json &note = run["invocations"][0]["toolExecutionNotifications"][0];
  EXPECT_EQ(note["level"], "warning");
  EXPECT_NE(note["message"]["text"].get<std::string>().find("1 results were left out"),
            std::string::npos);
  EXPECT_EQ(run["invocations"][0]["executionSuccessful"], true);
}

TEST_F(RendererTest, JsonCarriesThreadsWaitsAndNesting) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  renderJson(out, {deadlock(file), ch101(2, 3, 4)}, {}, builtinCatalog(), sources, options());
  json doc = json::parse(out.str());
  const json &f = doc["findings"][0];
  ASSERT_EQ(f["threads"].size(), 2u);
  EXPECT_EQ(f["threads"][1]["name"], "goroutine started at prog.cpp:2");
  EXPECT_EQ(f["threads"][1]["steps"][0]["nesting"], 1);
  EXPECT_EQ(f["threads"][1]["steps"][0]["location"]["line"], 7);
  EXPECT_EQ(f["path"][1]["nesting"], 1);
  ASSERT_EQ(f["waits"].size(), 2u);
  EXPECT_EQ(f["waits"][0]["from"], 0);
  EXPECT_EQ(f["waits"][0]["to"], 1);
  EXPECT_EQ(f["waits"][1]["label"], "send on 'results' waits for a receiver");
  EXPECT_EQ(f["waits"][1]["location"]["relativeFile"], "src/prog.cpp");
  EXPECT_TRUE(doc["findings"][1]["threads"].empty());
  EXPECT_TRUE(doc["findings"][1]["waits"].empty());
}

TEST_F(RendererTest, TextShowsThePathAsNotesOnly) {
  write("int main() {\n  go(worker);\n  int x;\n  done.recv();\n}\nvoid worker() {\n    "
        "results.send(1);\n}\n");
  SourceCache sources;
  std::ostringstream out;
  renderText(out, {deadlock(file)}, builtinCatalog(), sources, options());
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '^'), 4); // the finding and three path notes
  EXPECT_NE(text.find(":7:5: note: 'worker' blocks sending on 'results'\n"), std::string::npos);
}

TEST_F(RendererTest, WaitGraphHasAClusterPerFindingWithWaits) {
  write(kProgram);
  Finding cycle = deadlock(file);
  cycle.threads[0].name = "main \"loop\"";
  std::ostringstream out;
  renderWaitGraph(out, {ch101(2, 3, 4), cycle, cycle}, options());
  std::string dot = out.str();
  EXPECT_EQ(dot.rfind("digraph chcheck {\n", 0), 0u);
  EXPECT_NE(dot.find("subgraph cluster_0 {"), std::string::npos);
  EXPECT_NE(dot.find("subgraph cluster_1 {"), std::string::npos);
  EXPECT_EQ(dot.find("cluster_2"), std::string::npos); // the CH101 finding has no waits
  EXPECT_NE(dot.find("f0_t0 [label=\"main \\\"loop\\\"\"];"), std::string::npos) << dot;
  EXPECT_NE(dot.find("f1_t1 -> f1_t0 [label=\"send on 'results' waits for a receiver\\n"
                     "src/prog.cpp:7:5\"];"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("label=\"CH203 at src/prog.cpp:4:3\\ngoroutines"), std::string::npos)
      << dot;
}

TEST_F(RendererTest, WaitGraphWithoutWaitsIsAnEmptyDigraph) {
  std::ostringstream out;
  renderWaitGraph(out, {}, options());
  EXPECT_EQ(out.str().find("subgraph"), std::string::npos);
  EXPECT_EQ(out.str().back(), '\n');
}

TEST_F(RendererTest, CodeClimateIssuesForGitLab) {
  write(kProgram);
  SourceCache sources;
  std::ostringstream out;
  Finding warning = ch101(2, 3, 4);
  warning.severity = Severity::Warning;
  renderCodeClimate(out, {ch101(2, 3, 4), warning}, sources, options());
  json issues = json::parse(out.str());
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0]["type"], "issue");
  EXPECT_EQ(issues[0]["check_name"], "CH101");
  EXPECT_EQ(issues[0]["description"], "send on channel 'ch' that is closed on every path");
  EXPECT_EQ(issues[0]["severity"], "critical");
  EXPECT_EQ(issues[1]["severity"], "major");
  EXPECT_EQ(issues[0]["location"]["path"], "src/prog.cpp");
  EXPECT_EQ(issues[0]["location"]["lines"]["begin"], 4);
  // GitLab needs fingerprints unique per issue.
  EXPECT_NE(issues[0]["fingerprint"], issues[1]["fingerprint"]);
}

TEST_F(RendererTest, FingerprintsCoverWitnessLines) {
  write(kProgram);
  SourceCache before;
  auto original = fingerprints({ch101(2, 3, 4)}, before, root.string());
  std::string edited = kProgram;
  edited.replace(edited.find("ch.close();"), 11, "ch.close(); // why");
  write(edited);
  SourceCache changed;
  EXPECT_NE(fingerprints({ch101(2, 3, 4)}, changed, root.string()), original);
}

// Known answers from codeql-action's algorithm (and Microsoft's sarif-multitool
// `rewrite --insert RollingHashPartialFingerprints`, which agrees).
TEST(LineHash, MatchesGitHub) {
  auto prog = primaryLocationLineHashes(
      "int main() {\n  auto ch = chan::make<int>(1);\n  ch.close();\n  ch.send(1);\n}\n");
  ASSERT_EQ(prog.size(), 6u); // the end of the file starts a line of its own
  EXPECT_EQ(prog[0], "89cceb88b5fcf724:1");
  EXPECT_EQ(prog[1], "3bf96ed3103d1102:1");
  EXPECT_EQ(prog[3], "66d14fb15f60c150:1");
  EXPECT_EQ(prog[5], "c129715d7a2bc9a3:1");
  // CRLF, a lone CR, an empty line, spaces and tabs, 2-, 4-byte and invalid UTF-8.
  auto odd = primaryLocationLineHashes("a\r\nb\rc\n\n  x y\t z \xc3\xb6\xf0\x9f\x98\x80 "
                                       "\xff\xe0\x80 end\nsame\nsame\n");
  std::vector<std::string> expected = {"c5218dad5997df7b:1", "28d5fc2f8a790f24:1",
                                       "290ecc1d8b853690:1", "29349597c2584fc7:1",
                                       "fc7978e917a2f559:1", "54dd522503d971eb:1",
                                       "930af01a65e2307f:1", "c129715d7a2bc9a3:1"};
  EXPECT_EQ(odd, expected);
}

TEST(LineHash, CountsRepeatsAndDropsLeadingZeros) {
  std::string text;
  for (int i = 0; i < 150; ++i)
    text += "x;\n";
  auto hashes = primaryLocationLineHashes(text);
  ASSERT_EQ(hashes.size(), 151u);
  EXPECT_EQ(hashes[0], "5ce70cc0634d5465:1");
  EXPECT_EQ(hashes[1], "5ce70cc0634d5465:2");
  EXPECT_EQ(hashes[51], "5ce70cc0634d5465:52");
  EXPECT_EQ(hashes[147], "6e9cbbacdaa5e2a:1");
  EXPECT_EQ(hashes[149], "bd25d25d5cef3a8c:1");
}

namespace {
// Runs a validator on `text` written to a scratch file; "" if it accepts it.
std::string validate(const std::string &text, const std::string &command, const char *suffix) {
  std::string path = ::testing::TempDir() + "chcheck_validate" + suffix;
  std::ofstream(path, std::ios::binary) << text;
  std::string full = command + " " + path + " > " + path + ".log 2>&1";
  if (std::system(full.c_str()) == 0)
    return "";
  std::ifstream log(path + ".log");
  return full + ":\n" + std::string(std::istreambuf_iterator<char>(log), {});
}
} // namespace

// Documents with threads, waits and nesting (only the engine's blocking rules
// will produce them through the CLI) pass the validators of the lit tests.
TEST_F(RendererTest, ThreadsAndWaitsPassTheValidators) {
  write("int main() {\n  go(worker);\n  int x;\n  done.recv();\n}\nvoid worker() {\n    "
        "results.send(1);\n}\n");
  std::vector<Finding> findings = {deadlock(file), ch101(2, 3, 4)};
  SourceCache sources;
  std::ostringstream json, sarif, dot;
  renderJson(json, findings, {}, builtinCatalog(), sources, options());
  EXPECT_EQ(validate(json.str(),
                     std::string(CHCHECK_PYTHON) + " " + CHCHECK_SOURCE_DIR +
                         "/test/lit/output/Inputs/check-json-schema.py " + CHCHECK_SOURCE_DIR +
                         "/docs/chcheck-output.schema.json",
                     ".json"),
            "");
  renderSarif(sarif, findings, {}, builtinCatalog(), sources, options());
  if (std::filesystem::exists(CHCHECK_SARIF_MULTITOOL))
    EXPECT_EQ(validate(sarif.str(),
                       std::string(CHCHECK_PYTHON) + " " + CHCHECK_SOURCE_DIR +
                           "/test/lit/sarif-validate.py --multitool " + CHCHECK_SARIF_MULTITOOL,
                       ".sarif"),
              "");
  renderWaitGraph(dot, findings, options());
  if (std::system("command -v dot > /dev/null") == 0)
    EXPECT_EQ(validate(dot.str(), "dot -Tsvg -o /dev/null", ".dot"), "");
}

TEST(RelativeToRoot, OnlyBelowTheRoot) {
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/a/b/c.cpp", "/a/"), "b/c.cpp");
  EXPECT_EQ(relativeToRoot("/ab/c.cpp", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a", "/a"), std::nullopt);
  EXPECT_EQ(relativeToRoot("/a/c.cpp", ""), std::nullopt);
}

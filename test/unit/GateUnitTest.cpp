// Unit tests of the CLI's pieces that need no Clang: globs, .chcheck.yaml,
// the result codec and cache, worker processes.
#include "Config.h"
#include "Glob.h"
#include "Hash.h"
#include "Options.h"
#include "ResultCache.h"
#include "ResultCodec.h"
#include "Workers.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <unistd.h>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/stat.h>

using namespace chcheck;
using namespace chcheck::cli;

TEST(Glob, StarStaysInASegmentDoubleStarCrossesThem) {
  EXPECT_TRUE(globMatch("*.cpp", "a.cpp"));
  EXPECT_FALSE(globMatch("*.cpp", "dir/a.cpp"));
  EXPECT_TRUE(globMatch("third_party/**", "third_party/x/y.h"));
  EXPECT_TRUE(globMatch("**/gen/*.cpp", "gen/a.cpp"));
  EXPECT_TRUE(globMatch("**/gen/*.cpp", "src/gen/a.cpp"));
  EXPECT_FALSE(globMatch("**/gen/*.cpp", "src/gen/sub/a.cpp"));
  EXPECT_TRUE(globMatch("a?c", "abc"));
  EXPECT_FALSE(globMatch("a?c", "a/c"));
}

namespace {
std::string configError(const std::string &text) {
  try {
    parseConfig("/p/.chcheck.yaml", text);
  } catch (const UsageError &e) {
    return e.message;
  }
  return "";
}
} // namespace

TEST(Config, ParsesEverySetting) {
  Config c = parseConfig("/p/.chcheck.yaml", "enable: [CH101, close-of-closed]\n"
                                             "disable: CH105, CH104\n"
                                             "fail-on: error\n"
                                             "exclude:\n  - third_party/\n  - '*.pb.cc'\n"
                                             "state-budget: 1000\n");
  EXPECT_EQ(*c.enable, (std::vector<std::string>{"CH101", "close-of-closed"}));
  EXPECT_EQ(*c.disable, (std::vector<std::string>{"CH105", "CH104"}));
  EXPECT_EQ(*c.failOn, Severity::Error);
  EXPECT_EQ(*c.stateBudget, 1000u);
  EXPECT_TRUE(c.excludes("/p/third_party/lib/x.h"));
  EXPECT_TRUE(c.excludes("/p/src/gen/msg.pb.cc"));
  EXPECT_FALSE(c.excludes("/p/src/main.cpp"));
  EXPECT_FALSE(c.excludes("/other/third_party/x.h")); // outside the config's directory
  EXPECT_FALSE(parseConfig("/p/.chcheck.yaml", "").failOn);
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(configError("fail-on: error\ncolour: red\n"),
            "/p/.chcheck.yaml:2:1: unknown setting 'colour' (known: enable, disable, fail-on, "
            "exclude, state-budget)");
  EXPECT_EQ(configError("fail-on: fatal\n"),
            "/p/.chcheck.yaml:1:10: fail-on must be error, warning or note, not 'fatal'");
  EXPECT_EQ(configError("state-budget: -3\n"),
            "/p/.chcheck.yaml:1:15: state-budget must be a positive number, not '-3'");
  EXPECT_EQ(configError("- a\n- b\n"),
            "/p/.chcheck.yaml:1:1: the top level must be a mapping of settings");
  std::string nested = configError("exclude: {a: b}\n");
  EXPECT_EQ(nested.rfind("/p/.chcheck.yaml:1:", 0), 0u) << nested;
  EXPECT_NE(nested.find(": expected a single value"), std::string::npos) << nested;
  EXPECT_NE(configError("enable: [CH101\n").find("/p/.chcheck.yaml:"), std::string::npos);
}

TEST(ResultCodec, RoundTripsEveryField) {
  TuResult r;
  Finding f;
  f.ruleId = "CH203";
  f.severity = Severity::Error;
  f.loc = {"/a.cpp", 4, 3};
  f.message = "m \"quoted\"\n";
  f.subject = "results";
  f.function = "ns::main";
  f.path = {{{"/a.cpp", 2, 1}, "started", 0}, {{"/b.h", 7, 5}, "blocks", 2}};
  f.threads = {{"main", {f.path[0]}}, {"worker", {f.path[1]}}};
  f.waits = {{0, 1, {"/a.cpp", 4, 3}, "waits"}};
  r.findings = {f};
  r.stats = {1, 2, 3, 4};
  r.files = {{"/a.cpp", "abc", false}, {"/usr/include/x.h", "def", true}};
  auto back = decodeResult(encodeResult(r));
  ASSERT_TRUE(back);
  ASSERT_EQ(back->findings.size(), 1u);
  const Finding &g = back->findings[0];
  EXPECT_EQ(g.ruleId, f.ruleId);
  EXPECT_EQ(g.severity, f.severity);
  EXPECT_EQ(g.loc, f.loc);
  EXPECT_EQ(g.message, f.message);
  EXPECT_EQ(g.function, f.function);
  EXPECT_EQ(g.path[1].nesting, 2u);
  EXPECT_EQ(g.path[1].loc, f.path[1].loc);
  EXPECT_EQ(g.threads[1].name, "worker");
  EXPECT_EQ(g.threads[1].steps[0].message, "blocks");
  EXPECT_EQ(g.waits[0].to, 1u);
  EXPECT_EQ(g.waits[0].label, "waits");
  EXPECT_EQ(back->stats.states, 3u);
  EXPECT_EQ(back->stats.budgetHits, 4u);
  EXPECT_EQ(back->files[1].system, true);
  EXPECT_FALSE(decodeResult(encodeResult(r).substr(0, 40))); // truncated
  EXPECT_FALSE(decodeResult("{}"));
}

TEST(Workers, ACrashEndsOnlyItsOwnItem) {
  std::map<std::size_t, WorkerOutcome> outcomes;
  std::vector<std::size_t> started;
  runInWorkers(
      5, 2,
      [](std::size_t i) -> std::string {
        if (i == 2)
          std::raise(SIGSEGV);
        if (i == 3)
          _exit(7);
        return std::string(200000, static_cast<char>('a' + i)); // more than a pipe holds
      },
      [&](std::size_t i) { started.push_back(i); },
      [&](std::size_t i, WorkerOutcome o) { outcomes[i] = std::move(o); });
  EXPECT_EQ(started, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  ASSERT_EQ(outcomes.size(), 5u);
  for (std::size_t i : {0u, 1u, 4u}) {
    EXPECT_TRUE(outcomes[i].completed) << i;
    EXPECT_EQ(outcomes[i].payload, std::string(200000, static_cast<char>('a' + i)));
  }
  EXPECT_FALSE(outcomes[2].completed);
  EXPECT_EQ(outcomes[2].failure, "crashed (SIGSEGV, Segmentation fault)");
  EXPECT_FALSE(outcomes[3].completed);
  EXPECT_EQ(outcomes[3].failure, "stopped with exit status 7");
}

// ----- result cache -----

namespace {

class ResultCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    dir = std::filesystem::path(::testing::TempDir()) / "chcheck_result_cache";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    source = (dir / "a.cpp").string();
    std::ofstream(source) << "int main() {}\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  TuResult resultReading(const std::string &text) {
    TuResult r;
    r.files = {{source, contentHash(text), false}};
    Finding f;
    f.ruleId = "CH101";
    f.loc = {source, 1, 1};
    r.findings = {f};
    return r;
  }
  std::string keyFor(ResultCache &cache, const std::string &flag) {
    CompileCommand c{source, dir.string(), {"c++", flag, source}};
    return cache.key(c, EngineOptions{});
  }
  // Sets the last-use time of every entry of `key` to `secondsAgo`.
  void age(const std::string &key, int secondsAgo) {
    for (auto &e : std::filesystem::recursive_directory_iterator(dir / "cache"))
      if (e.path().filename() == key + ".json") {
        timespec times[2];
        clock_gettime(CLOCK_REALTIME, &times[0]);
        times[0].tv_sec -= secondsAgo;
        times[1] = times[0];
        utimensat(AT_FDCWD, e.path().c_str(), times, 0);
      }
  }

  std::filesystem::path dir;
  std::string source;
};

} // namespace

TEST_F(ResultCacheTest, HitsWhileTheFilesAreUnchanged) {
  ResultCache cache((dir / "cache").string(), 1 << 20, "tool-a");
  std::string error;
  ASSERT_TRUE(cache.open(error)) << error;
  std::string key = keyFor(cache, "-O2");
  EXPECT_FALSE(cache.lookup(key));
  cache.store(key, resultReading("int main() {}\n"));
  auto hit = cache.lookup(key);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->findings.size(), 1u);
  EXPECT_EQ(cache.hits(), 1u);
  // Another tool build, other flags: other keys.
  ResultCache rebuilt((dir / "cache").string(), 1 << 20, "tool-b");
  EXPECT_NE(rebuilt.key(CompileCommand{source, dir.string(), {"c++", "-O2", source}}, {}), key);
  EXPECT_NE(keyFor(cache, "-O3"), key);
  // The file changes: a miss (a new cache object: hashes are per run).
  std::ofstream(source) << "int main() { return 1; }\n";
  ResultCache later((dir / "cache").string(), 1 << 20, "tool-a");
  EXPECT_FALSE(later.lookup(key));
  // A skipped unit's include scan is kept apart from analysed results.
  TuResult scan = resultReading("int main() { return 1; }\n");
  scan.skipped = true;
  std::string scanned = keyFor(cache, "-DSCAN");
  later.store(scanned, scan);
  EXPECT_FALSE(later.lookup(scanned));
  ASSERT_TRUE(later.lookupScan(scanned));
  EXPECT_TRUE(later.lookupScan(scanned)->skipped);
  // Failures are not stored.
  TuResult failed = resultReading("x");
  failed.error = "cannot parse";
  std::string other = keyFor(cache, "-g");
  cache.store(other, failed);
  EXPECT_FALSE(cache.lookup(other));
}

TEST_F(ResultCacheTest, EvictsTheLeastRecentlyUsed) {
  std::string text = "int main() {}\n";
  ResultCache probe((dir / "cache").string(), 1 << 20, "t");
  std::string error;
  ASSERT_TRUE(probe.open(error));
  std::string k1 = keyFor(probe, "-DA"), k2 = keyFor(probe, "-DB"), k3 = keyFor(probe, "-DC");
  for (const std::string &k : {k1, k2, k3})
    probe.store(k, resultReading(text));
  std::uintmax_t entrySize = 0;
  for (auto &e : std::filesystem::recursive_directory_iterator(dir / "cache" / "results"))
    if (e.is_regular_file())
      entrySize = std::max(entrySize, e.file_size());
  age(k1, 300);
  age(k2, 200);
  age(k3, 100);
  ResultCache cache((dir / "cache").string(), entrySize * 5 / 2, "t");
  ASSERT_TRUE(cache.lookup(k1)); // k1 is used now: k2 is the least recently used
  cache.evict();
  EXPECT_TRUE(cache.lookup(k1));
  EXPECT_FALSE(cache.lookup(k2));
  EXPECT_TRUE(cache.lookup(k3));
}

TEST_F(ResultCacheTest, ADamagedEntryIsAMiss) {
  ResultCache cache((dir / "cache").string(), 1 << 20, "t");
  std::string error;
  ASSERT_TRUE(cache.open(error));
  std::string key = keyFor(cache, "-O2");
  cache.store(key, resultReading("int main() {}\n"));
  for (auto &e : std::filesystem::recursive_directory_iterator(dir / "cache" / "results"))
    if (e.is_regular_file())
      std::filesystem::resize_file(e.path(), 10);
  EXPECT_FALSE(cache.lookup(key));
}

TEST(Workers, ItemsShareTheirWorkerUntilItDies) {
  std::map<std::size_t, WorkerOutcome> outcomes;
  runInWorkers(
      6, 1,
      [](std::size_t i) -> std::string {
        if (i == 3)
          std::abort();
        return std::to_string(getpid());
      },
      [](std::size_t) {}, [&](std::size_t i, WorkerOutcome o) { outcomes[i] = std::move(o); });
  ASSERT_EQ(outcomes.size(), 6u);
  EXPECT_EQ(outcomes[0].payload, outcomes[1].payload);
  EXPECT_EQ(outcomes[1].payload, outcomes[2].payload);
  EXPECT_EQ(outcomes[3].failure, "crashed (SIGABRT, Aborted)");
  EXPECT_NE(outcomes[4].payload, outcomes[2].payload); // a new worker after the crash
  EXPECT_EQ(outcomes[4].payload, outcomes[5].payload);
}

TEST(Workers, EveryWorkerEndsWhenTheItemsDo) {
  // Workers started later must not hold earlier workers' pipes open, or the
  // first would never see the end of its input and this would hang.
  std::size_t done = 0;
  runInWorkers(
      12, 3, [](std::size_t i) { return std::string(i, 'x'); }, [](std::size_t) {},
      [&](std::size_t i, WorkerOutcome o) {
        EXPECT_TRUE(o.completed);
        EXPECT_EQ(o.payload, std::string(i, 'x'));
        ++done;
      });
  EXPECT_EQ(done, 12u);
}

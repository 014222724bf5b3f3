// What operators reach for: names (goroutines, channels, OS threads), the
// goroutine count, the goroutine dump (dump_goroutines, SIGQUIT), the JSON
// snapshot (snapshot_json, SIGUSR1), panic reports for exceptions escaping
// a goroutine, and the stack size setting.  Dumps and snapshots are parsed,
// not grepped: every goroutine block and every JSON field is checked
// against what the test set up.
#include "test_util.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace chan_test;
using nlohmann::json;

namespace {

// ---------------------------------------------------------------- dump parsing

struct DumpBlock {
  std::uint64_t id = 0;
  std::string name;                // empty if unnamed
  std::string state;               // the bracket's first part: "chan send", "sleep", ...
  std::string waited;              // the bracket's second part, if any ("3 seconds")
  std::vector<std::string> lines;  // the tab-indented lines, without the tab
};

// Parses Go's goroutine dump format: blocks separated by blank lines, each
// "goroutine <id> [\"<name>\"] [<state>[, <waited>]]:" then tab-indented lines.
std::vector<DumpBlock> parse_dump(const std::string& text) {
  static const std::regex header(R"re(^goroutine ([0-9]+)(?: "((?:[^"\\]|\\.)*)")? \[([^,\]]+)(?:, ([^\]]+))?\]:$)re");
  std::vector<DumpBlock> blocks;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, header)) {
      DumpBlock b;
      b.id = std::stoull(m[1]);
      b.name = m[2];
      b.state = m[3];
      b.waited = m[4];
      blocks.push_back(b);
    } else if (!line.empty() && line[0] == '\t') {
      if (blocks.empty()) ADD_FAILURE() << "indented line before any header: " << line;
      else blocks.back().lines.push_back(line.substr(1));
    } else if (!line.empty()) {
      ADD_FAILURE() << "unexpected dump line: " << line;
    }
  }
  return blocks;
}

const DumpBlock* block_named(const std::vector<DumpBlock>& blocks, const std::string& name) {
  for (const auto& b : blocks)
    if (b.name == name) return &b;
  return nullptr;
}

bool has_line_matching(const DumpBlock& b, const std::string& pattern) {
  const std::regex re(pattern);
  return std::any_of(b.lines.begin(), b.lines.end(), [&](const std::string& l) { return std::regex_match(l, re); });
}

const json* goroutine_named(const json& snapshot, const std::string& name) {
  for (const auto& g : snapshot["goroutines"])
    if (g["name"] == name) return &g;
  return nullptr;
}

const json* channel_named(const json& snapshot, const std::string& name) {
  for (const auto& c : snapshot["channels"])
    if (c["name"] == name) return &c;
  return nullptr;
}

const json* object_at(const json& list, const void* address) {
  char b[32];
  std::snprintf(b, sizeof b, "%p", address);
  for (const auto& o : list)
    if (o["address"] == b) return &o;
  return nullptr;
}

// Waits until the goroutine named `name` is blocked with `operation`.
std::uint64_t blocked_id(const std::string& name, const std::string& operation) {
  std::uint64_t id = 0;
  EXPECT_TRUE(eventually([&] {
    for (const auto& g : chan::blocked_goroutines())
      if (g.name == name && g.operation == operation) {
        id = g.id;
        return true;
      }
    return false;
  })) << name << " never blocked in " << operation;
  return id;
}

// Names unique in this process: goroutines and channels of earlier tests
// (or repetitions) may still be alive.
std::string fresh(const std::string& base) {
  static std::atomic<int> n{0};
  return base + "-" + std::to_string(++n);
}

std::string this_file_at(unsigned line) { return "[^ ]*diagnostics_test.cpp:" + std::to_string(line); }

// ---------------------------------------------------------------- names

TEST(Names, AChannelKeepsTheNameGivenToMake) {
  auto orders = chan::make<int>(3, "orders");
  EXPECT_EQ(orders.name(), "orders");
  EXPECT_EQ(chan::SendChan<int>(orders).name(), "orders");
  EXPECT_EQ(chan::RecvChan<int>(orders).name(), "orders");
  EXPECT_EQ(orders.cap(), 3u);
  EXPECT_EQ(chan::make<int>().name(), "");
  EXPECT_EQ(chan::Chan<int>().name(), "");
}

TEST(Names, BlockedGoroutinesCarryNameAndCreationSite) {
  const std::string flusher = fresh("flusher");
  auto orders = chan::make<int>(0, "orders");
  const unsigned go_line = __LINE__ + 1;
  chan::go_named(flusher, [orders]() mutable { (void)orders.recv(); });
  const std::uint64_t id = blocked_id(flusher, "chan receive");
  for (const auto& g : chan::blocked_goroutines()) {
    if (g.id != id) continue;
    EXPECT_EQ(g.created_at.line(), go_line);
    EXPECT_TRUE(std::string(g.created_at.file_name()).ends_with("diagnostics_test.cpp"));
    EXPECT_TRUE(g.object.starts_with("chan int \"orders\" 0x")) << g.object;
  }
  orders.send(1);
}

std::string thread_name() {
  std::ifstream f("/proc/thread-self/comm");
  std::string name;
  std::getline(f, name);
  return name;
}

TEST(Names, TheOSThreadCarriesTheGoroutinesName) {
  auto names = chan::make<std::string>(3);
  chan::go_named("flusher", [names]() mutable { names.send(thread_name()); });
  chan::go_named("a-name-longer-than-fifteen-bytes", [names]() mutable { names.send(thread_name()); });
  auto ids = chan::make<std::uint64_t>(1);
  chan::go([names, ids]() mutable {
    ids.send(chan::goroutine_id());
    names.send(thread_name());
  });
  std::vector<std::string> got{names.recv(), names.recv(), names.recv()};
  const std::string unnamed = "go-" + std::to_string(ids.recv());
  std::sort(got.begin(), got.end());
  std::vector<std::string> want{"a-name-longer-t", "flusher", unnamed};  // the kernel keeps 15 bytes
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

// In a child process of its own: in this one, goroutines of other tests
// may still be ending.
void count_goroutines() {
  const std::size_t untouched = chan::num_goroutines();  // main has not used the runtime yet
  auto release = chan::make<chan::Unit>();
  const std::size_t with_main = chan::num_goroutines();
  chan::WaitGroup done;
  done.add(3);
  for (int i = 0; i < 3; ++i)
    chan::go([release, &done] {
      (void)release.recv();
      done.done();
    });
  const std::size_t with_three = chan::num_goroutines();  // counted from the go() call
  release.close();
  done.wait();
  const bool back = eventually([&] { return chan::num_goroutines() == 1; });
  std::fprintf(stderr, "counts %zu %zu %zu %d\n", untouched, with_main, with_three, back);
  std::exit(0);
}

TEST(NumGoroutinesDeathTest, CountsMainAndGoroutinesUntilTheyReturn) {
  EXPECT_EXIT(count_goroutines(), testing::ExitedWithCode(0), "counts 0 1 4 1");
}

// ---------------------------------------------------------------- reports name things

bool exited_with_2(int status) { return WIFEXITED(status) && WEXITSTATUS(status) == 2; }

TEST(NamesDeathTest, TheDeadlockReportNamesGoroutinesAndChannels) {
  const unsigned send_line = __LINE__; auto stuck = [](chan::Chan<int> c) { c.send(1); };
  const unsigned go_line = __LINE__; auto body = [&] { auto orders = chan::make<int>(0, "orders"); chan::go_named("stuck", stuck, orders); (void)chan::make<int>(0, "replies").recv(); };
  EXPECT_EXIT(body(), exited_with_2,
              "goroutine [0-9]+ \"stuck\" \\[chan send\\]:\n\tsend on chan int \"orders\" 0x[0-9a-f]+ at " +
                  this_file_at(send_line) + "\n\tcreated by goroutine 1 at " + this_file_at(go_line) + "\n");
}

TEST(NamesDeathTest, ThePanicReportNamesTheGoroutineAndTheChannel) {
  const unsigned send_line = __LINE__; auto producer = [](chan::Chan<int> c) { c.send(1); };
  const unsigned go_line = __LINE__; auto body = [&] { auto jobs = chan::make<int>(1, "jobs"); jobs.close(); chan::go_named("producer", producer, jobs); chan::select(); };
  EXPECT_EXIT(body(), exited_with_2,
              "^panic: send on closed channel\n\ngoroutine [0-9]+ \"producer\" \\[running\\]:\n\tchan int \"jobs\" "
              "0x[0-9a-f]+ at " + this_file_at(send_line) + "\n\tcreated by goroutine 1 at " + this_file_at(go_line) +
                  "\n$");
}

// ---------------------------------------------------------------- exceptions escaping a goroutine

TEST(PanicDeathTest, AnExceptionEscapingAGoroutineIsGosPanicReport) {
  const unsigned go_line = __LINE__; auto body = [] { chan::go_named("worker", [] { throw std::runtime_error("disk full"); }); chan::select(); };
  EXPECT_EXIT(without_exceptions(body), exited_with_2,
              "^panic: disk full\n\ngoroutine [0-9]+ \"worker\" \\[running\\]:\n\tuncaught exception of type "
              "std::runtime_error\n\tcreated by goroutine 1 at " + this_file_at(go_line) + "\n$");
}

TEST(PanicDeathTest, ANonStandardExceptionIsNamedByItsType) {
  const unsigned go_line = __LINE__; auto body = [] { chan::go([] { throw 42; }); chan::select(); };
  EXPECT_EXIT(without_exceptions(body), exited_with_2,
              "^panic: uncaught exception of type int\n\ngoroutine [0-9]+ \\[running\\]:\n\tcreated by goroutine 1 at " +
                  this_file_at(go_line) + "\n$");
}

TEST(UncaughtException, InMainIsGosPanicReportToo) {
  auto r = run_helper_env("throw-main", {});
  EXPECT_EQ(r.exit_status, 2) << r.output;
  EXPECT_NE(r.output.find("panic: boom in main\n\ngoroutine 1 [running]:\n\tuncaught exception of type "
                          "std::runtime_error\n"),
            std::string::npos)
      << r.output;
}

// ---------------------------------------------------------------- dump

TEST(Dump, ListsEveryGoroutineWithStateObjectAndSites) {
  const std::string orders_name = fresh("orders"), sender_name = fresh("stuck-sender"),
                    sleeper_name = fresh("sleeper"), spinner_name = fresh("spinner");
  auto orders = chan::make<int>(0, orders_name);
  const unsigned send_line = __LINE__ + 2;
  const unsigned sender_go_line = __LINE__ + 1;
  chan::go_named(sender_name, [orders]() mutable { orders.send(1); });
  // Sleeps for good: a goroutine in nanosleep is "sleep" (leaked on purpose).
  chan::go_named(sleeper_name, [] { std::this_thread::sleep_for(std::chrono::hours(1)); });
  std::atomic<bool> stop{false};
  chan::WaitGroup spinner_done;
  spinner_done.add(1);
  chan::go_named(spinner_name, [&] {
    while (!stop.load()) {
    }
    spinner_done.done();
  });
  const std::uint64_t sender = blocked_id(sender_name, "chan send");
  std::ostringstream out;
  bool sleeping = false;
  // The sleeper reaches nanosleep soon after it starts.
  ASSERT_TRUE(eventually([&] {
    out.str("");
    chan::dump_goroutines(out);
    const auto parsed = parse_dump(out.str());
    const auto* s = block_named(parsed, sleeper_name);
    sleeping = s && s->state == "sleep";
    return sleeping;
  })) << out.str();
  const auto blocks = parse_dump(out.str());
  EXPECT_EQ(blocks.size(), chan::num_goroutines()) << out.str();

  const DumpBlock* b = block_named(blocks, sender_name);
  ASSERT_NE(b, nullptr) << out.str();
  EXPECT_EQ(b->id, sender);
  EXPECT_EQ(b->state, "chan send");
  EXPECT_TRUE(has_line_matching(*b, "send on chan int \"" + orders_name + "\" 0x[0-9a-f]+ at " + this_file_at(send_line))) << out.str();
  EXPECT_TRUE(has_line_matching(*b, "created by goroutine " + std::to_string(chan::goroutine_id()) + " at " +
                                        this_file_at(sender_go_line)))
      << out.str();
  EXPECT_TRUE(has_line_matching(*b, "OS thread [0-9]+")) << out.str();

  const DumpBlock* spinner = block_named(blocks, spinner_name);
  ASSERT_NE(spinner, nullptr);
  EXPECT_EQ(spinner->state, "running");  // runnable: R in /proc, whether on a CPU or waiting for one

  for (const auto& blk : blocks)
    if (blk.id == chan::goroutine_id()) EXPECT_EQ(blk.state, "running");  // dumping
  stop = true;
  spinner_done.wait();
  (void)orders.recv();
}

// Go's "[chan receive, 5 minutes]": how long the goroutine has waited, in
// whole seconds from one second on, in minutes from one minute on.
TEST(Dump, ShowsHowLongAGoroutineHasWaited) {
  const std::string name = fresh("patient");
  auto never = chan::make<int>();
  chan::go_named(name, [never]() mutable { (void)never.recv(); });
  (void)blocked_id(name, "chan receive");
  auto waited = [&] {
    std::ostringstream out;
    chan::dump_goroutines(out);
    const auto blocks = parse_dump(out.str());
    const DumpBlock* b = block_named(blocks, name);
    return b ? b->state + "|" + b->waited : out.str();
  };
  EXPECT_EQ(waited(), "chan receive|");  // just blocked: no duration
  std::this_thread::sleep_for(1100ms);
  const std::string later = waited();
  EXPECT_TRUE(std::regex_match(later, std::regex("chan receive\\|[1-9][0-9]* seconds"))) << later;
  never.close();
}

// ---------------------------------------------------------------- snapshot

TEST(Snapshot, DescribesGoroutinesChannelsAndSyncObjects) {
  const std::string orders_name = fresh("orders"), backlog_name = fresh("backlog"), finished_name = fresh("finished");
  const std::string sender_name = fresh("stuck-sender"), locker_name = fresh("locker"), writer_name = fresh("writer"),
                    waiter_name = fresh("waiter"), cond_waiter_name = fresh("cond-waiter");
  auto orders = chan::make<int>(0, orders_name);
  auto backlog = chan::make<std::string>(8, backlog_name);
  backlog.send("a");
  backlog.send("b");
  auto finished = chan::make<int>(2, finished_name);
  finished.close();
  chan::Mutex table;
  chan::Mutex idle;  // neither held nor waited on: not listed
  chan::RWMutex config;
  chan::WaitGroup workers;
  chan::Cond ready(table);
  workers.add(2);
  table.lock();  // held by this goroutine
  config.lock_shared();
  config.lock_shared();

  chan::WaitGroup released;  // each goroutine below, once it returned
  released.add(4);
  const unsigned send_line = __LINE__ + 1;
  chan::go_named(sender_name, [orders, &released]() mutable { orders.send(1); released.done(); });
  chan::go_named(locker_name, [&table, &released] { table.lock(); table.unlock(); released.done(); });
  chan::go_named(writer_name, [&config, &released] { config.lock(); config.unlock(); released.done(); });
  chan::go_named(waiter_name, [&workers, &released] { workers.wait(); released.done(); });
  const std::uint64_t sender = blocked_id(sender_name, "chan send");
  const std::uint64_t locker = blocked_id(locker_name, "sync.Mutex.Lock");
  const std::uint64_t writer = blocked_id(writer_name, "sync.RWMutex.Lock");
  const std::uint64_t waiter = blocked_id(waiter_name, "sync.WaitGroup.Wait");
  // A Cond waiter needs L: it takes the Mutex after locker_name is done with it.

  const json s = json::parse(chan::snapshot_json());
  EXPECT_EQ(s["pid"], ::getpid());
  EXPECT_EQ(s["num_goroutines"], s["goroutines"].size());

  const json* g = goroutine_named(s, sender_name);
  ASSERT_NE(g, nullptr) << s.dump(2);
  EXPECT_EQ((*g)["id"], sender);
  EXPECT_EQ((*g)["kind"], "go");
  EXPECT_EQ((*g)["state"], "chan send");
  EXPECT_EQ((*g)["blocked"], true);
  EXPECT_GT((*g)["os_thread"].get<std::int64_t>(), 0);
  EXPECT_TRUE((*g)["wait"]["file"].get<std::string>().ends_with("diagnostics_test.cpp"));
  EXPECT_EQ((*g)["wait"]["line"], send_line);
  EXPECT_GE((*g)["wait"]["waiting_ms"].get<std::int64_t>(), 0);
  EXPECT_EQ((*g)["created_by"]["goroutine"], chan::goroutine_id());
  EXPECT_EQ((*g)["created_by"]["line"], send_line);

  const json* o = channel_named(s, orders_name);
  ASSERT_NE(o, nullptr) << s.dump(2);
  EXPECT_EQ((*o)["elem_type"], "int");
  EXPECT_EQ((*o)["cap"], 0);
  EXPECT_EQ((*o)["len"], 0);
  EXPECT_EQ((*o)["closed"], false);
  EXPECT_EQ((*o)["queued_senders"], 1);
  EXPECT_EQ((*o)["queued_receivers"], 0);
  EXPECT_EQ((*o)["blocked_senders"], json::array({sender}));
  EXPECT_EQ((*o)["blocked_receivers"], json::array());
  EXPECT_EQ((*g)["wait"]["objects"][0]["address"], (*o)["address"]);

  const json* b = channel_named(s, backlog_name);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ((*b)["elem_type"], "std::string");
  EXPECT_EQ((*b)["len"], 2);
  EXPECT_EQ((*b)["cap"], 8);
  const json* f = channel_named(s, finished_name);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ((*f)["closed"], true);

  const json* m = object_at(s["mutexes"], &table);
  ASSERT_NE(m, nullptr) << s.dump(2);
  EXPECT_EQ((*m)["kind"], "sync.Mutex");
  EXPECT_EQ((*m)["locked"], true);
  EXPECT_EQ((*m)["owner"], chan::goroutine_id());
  EXPECT_EQ((*m)["waiters"], json::array({locker}));
  EXPECT_EQ(object_at(s["mutexes"], &idle), nullptr);

  const json* rw = object_at(s["mutexes"], &config);
  ASSERT_NE(rw, nullptr);
  EXPECT_EQ((*rw)["kind"], "sync.RWMutex");
  EXPECT_EQ((*rw)["readers"], 2);
  EXPECT_EQ((*rw)["owner"], nullptr);
  EXPECT_EQ((*rw)["waiters"], json::array({writer}));

  const json* wg = object_at(s["waitgroups"], &workers);
  ASSERT_NE(wg, nullptr);
  EXPECT_EQ((*wg)["counter"], 2);
  EXPECT_EQ((*wg)["waiters"], json::array({waiter}));

  // Release everybody, then a Cond waiter.
  (void)orders.recv();
  config.unlock_shared();
  config.unlock_shared();
  workers.add(-2);
  table.unlock();
  released.wait();
  chan::WaitGroup cond_waiter_done;
  cond_waiter_done.add(1);
  chan::go_named(cond_waiter_name, [&table, &ready, &cond_waiter_done] {
    {
      std::lock_guard lock(table);
      ready.wait();
    }
    cond_waiter_done.done();
  });
  const std::uint64_t cond_waiter = blocked_id(cond_waiter_name, "sync.Cond.Wait");
  const json s2 = json::parse(chan::snapshot_json());
  const json* c = object_at(s2["conds"], &ready);
  ASSERT_NE(c, nullptr) << s2.dump(2);
  EXPECT_EQ((*c)["waiters"], json::array({cond_waiter}));
  char l[32];
  std::snprintf(l, sizeof l, "%p", static_cast<void*>(&table));
  EXPECT_EQ((*c)["locker"], l);
  EXPECT_EQ(object_at(s2["mutexes"], &table), nullptr);  // free again, nobody waits
  ready.signal();
  cond_waiter_done.wait();  // it uses table and ready until here
}

// ---------------------------------------------------------------- the demo

TEST(BlockedPipelineExample, DumpAndSnapshotAgree) {
  auto r = run_program({CHAN_EXAMPLE_BLOCKED_PIPELINE});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  const std::string dump_marker = "=== goroutine dump", snapshot_marker = "=== snapshot";
  const auto d = r.output.find(dump_marker), sn = r.output.find(snapshot_marker);
  ASSERT_NE(d, std::string::npos) << r.output;
  ASSERT_NE(sn, std::string::npos) << r.output;
  const std::string dump_text = r.output.substr(r.output.find('\n', d) + 1, sn - r.output.find('\n', d) - 1);
  const std::string json_text = r.output.substr(r.output.find('\n', sn) + 1);
  const auto blocks = parse_dump(dump_text);
  const json s = json::parse(json_text);

  ASSERT_EQ(blocks.size(), s["goroutines"].size()) << dump_text;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    EXPECT_EQ(blocks[i].id, s["goroutines"][i]["id"]);
    EXPECT_EQ(blocks[i].state, s["goroutines"][i]["state"].get<std::string>());
    const json& name = s["goroutines"][i]["name"];
    EXPECT_EQ(blocks[i].name, name.is_null() ? "" : name.get<std::string>());
  }
  auto id_of = [&](const std::string& name) { return (*goroutine_named(s, name))["id"].get<std::uint64_t>(); };
  for (const char* name : {"reader", "pricer", "auditor", "writer"}) ASSERT_NE(goroutine_named(s, name), nullptr) << name;
  EXPECT_EQ((*goroutine_named(s, "reader"))["state"], "chan send");
  EXPECT_EQ((*goroutine_named(s, "pricer"))["state"], "chan send");
  EXPECT_EQ((*goroutine_named(s, "auditor"))["state"], "sync.Mutex.Lock");
  EXPECT_EQ((*goroutine_named(s, "writer"))["state"], "sync.Cond.Wait");

  const json* orders = channel_named(s, "orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ((*orders)["elem_type"], "Order");
  EXPECT_EQ((*orders)["len"], 4);
  EXPECT_EQ((*orders)["cap"], 4);
  EXPECT_EQ((*orders)["blocked_senders"], json::array({id_of("reader")}));
  const json* priced = channel_named(s, "priced");
  ASSERT_NE(priced, nullptr);
  EXPECT_EQ((*priced)["blocked_senders"], json::array({id_of("pricer")}));
  ASSERT_EQ(s["mutexes"].size(), 1u) << s["mutexes"].dump(2);
  EXPECT_EQ(s["mutexes"][0]["owner"], id_of("pricer"));
  EXPECT_EQ(s["mutexes"][0]["waiters"], json::array({id_of("auditor")}));
  ASSERT_EQ(s["conds"].size(), 1u);
  EXPECT_EQ(s["conds"][0]["waiters"], json::array({id_of("writer")}));

  const DumpBlock* pricer = block_named(blocks, "pricer");
  ASSERT_NE(pricer, nullptr);
  EXPECT_TRUE(has_line_matching(*pricer, "send on chan Order \"priced\" 0x[0-9a-f]+ at [^ ]*blocked_pipeline.cpp:[0-9]+"));
  EXPECT_TRUE(has_line_matching(*pricer, "created by goroutine 1 at [^ ]*blocked_pipeline.cpp:[0-9]+"));
}

// ---------------------------------------------------------------- signals

TEST(Sigquit, DumpsEveryGoroutineAndTheProcessKeepsRunning) {
  Child child({CHAN_THREADS_HELPER, "blocked-pipeline"});
  ASSERT_TRUE(child.read_until("ready\n")) << child.output();
  child.signal(SIGQUIT);
  ASSERT_TRUE(child.read_until("OS thread")) << child.output();
  ASSERT_TRUE(child.read_until("stuck-sender")) << child.output();
  ASSERT_TRUE(child.read_until("created by goroutine 1")) << child.output();
  EXPECT_NE(child.output().find("chan: SIGQUIT: goroutine dump (the process keeps running"), std::string::npos);
  EXPECT_NE(child.output().find("[chan send]:\n\tsend on chan int \"orders\" 0x"), std::string::npos) << child.output();
  child.write("go on\n");
  EXPECT_EQ(child.wait(), 0) << child.output();
  EXPECT_NE(child.output().find("still running"), std::string::npos) << child.output();
}

TEST(Sigquit, CallsAHandlerInstalledBeforeTheRuntimes) {
  Child child({CHAN_THREADS_HELPER, "chained-sigquit"});
  ASSERT_TRUE(child.read_until("ready\n")) << child.output();
  child.signal(SIGQUIT);
  ASSERT_TRUE(child.read_until("previous handler ran")) << child.output();
  ASSERT_TRUE(child.read_until("stuck-sender")) << child.output();
  child.write("go on\n");
  EXPECT_EQ(child.wait(), 0) << child.output();
}

TEST(Sigquit, CanBeTurnedOff) {
  Child child({CHAN_THREADS_HELPER, "blocked-pipeline"}, {"CHAN_SIGQUIT=0"});
  ASSERT_TRUE(child.read_until("ready\n")) << child.output();
  child.signal(SIGQUIT);
  EXPECT_EQ(child.wait(), 128 + SIGQUIT) << child.output();  // the default action: the process ends
  EXPECT_EQ(child.output().find("goroutine dump"), std::string::npos) << child.output();
}

TEST(Sigusr1, WritesTheSnapshotToTheConfiguredFile) {
  const std::string path = ::testing::TempDir() + "chan_snapshot_" + std::to_string(::getpid()) + ".json";
  std::remove(path.c_str());
  Child child({CHAN_THREADS_HELPER, "blocked-pipeline"}, {"CHAN_SNAPSHOT_FILE=" + path});
  ASSERT_TRUE(child.read_until("ready\n")) << child.output();
  child.signal(SIGUSR1);
  std::string text;
  ASSERT_TRUE(eventually([&] {
    std::ifstream f(path);
    text.assign(std::istreambuf_iterator<char>(f), {});
    return !text.empty();
  }, 60s));
  const json s = json::parse(text);  // written whole, then renamed: never partial
  const json* orders = channel_named(s, "orders");
  ASSERT_NE(orders, nullptr) << text;
  EXPECT_EQ((*orders)["blocked_senders"].size(), 1u);
  ASSERT_NE(goroutine_named(s, "stuck-sender"), nullptr);
  child.write("go on\n");
  EXPECT_EQ(child.wait(), 0) << child.output();
  std::remove(path.c_str());
}

TEST(Sigusr1, IsLeftAloneWithoutASnapshotFile) {
  Child child({CHAN_THREADS_HELPER, "blocked-pipeline"});
  ASSERT_TRUE(child.read_until("ready\n")) << child.output();
  child.signal(SIGUSR1);
  EXPECT_EQ(child.wait(), 128 + SIGUSR1) << child.output();
}

// ---------------------------------------------------------------- stack size

std::size_t goroutine_stack(const ProcessResult& r) {
  std::size_t bytes = 0;
  const auto at = r.output.find("stack ");
  if (at != std::string::npos) std::sscanf(r.output.c_str() + at, "stack %zu", &bytes);
  return bytes;
}

TEST(StackSize, DefaultsToOneMiB) {
  auto r = run_helper_env("stack-size", {});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(goroutine_stack(r), std::size_t{1} << 20) << r.output;
}

TEST(StackSize, IsSetByChanStackSize) {
  auto r = run_helper_env("stack-size", {"CHAN_STACK_SIZE=256K"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(goroutine_stack(r), std::size_t{256} << 10) << r.output;
  r = run_helper_env("stack-size", {"CHAN_STACK_SIZE=4194304"});
  ASSERT_EQ(r.exit_status, 0) << r.output;
  EXPECT_EQ(goroutine_stack(r), std::size_t{4} << 20) << r.output;
}

TEST(StackSize, BadValuesAreRejectedBeforeMain) {
  for (const char* bad : {"16K", "lots", "12Q", "-1M"}) {
    auto r = run_helper_env("stack-size", {std::string("CHAN_STACK_SIZE=") + bad});
    EXPECT_EQ(r.exit_status, 2) << bad << ": " << r.output;
    EXPECT_NE(r.output.find(std::string("chan: CHAN_STACK_SIZE=") + bad + ": "), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("stack "), std::string::npos) << r.output;
  }
}

}  // namespace

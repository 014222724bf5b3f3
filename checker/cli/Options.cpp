#include "Options.h"

#include <cstdlib>
#include <sstream>

namespace chcheck::cli {

const char *const kUsage = R"(usage: chcheck [options] <sources...> [-- <compiler flags>]
       chcheck -p <build dir> [options] [sources...] [-- <extra compiler flags>]

Finds channel lifecycle bugs in C++ code that uses the chan runtime.

input:
  -p <build dir>           read compile_commands.json from <build dir> (or a .json file);
                           with no sources, analyse every entry
  --extra-arg <flag>       append a flag to every compile command (repeatable)
  --extra-arg-before <flag>
                           insert a flag right after the compiler (repeatable)
  --remove-arg <glob>      drop compiler flags matching a glob, e.g. '-fconcepts-*' (repeatable)
  --shard K/N              analyse only the K-th of N parts of the translation units
rules:
  --enable <rules>         run only these rules (ids or names, comma-separated, repeatable)
  --disable <rules>        do not run these rules (ids or names, comma-separated, repeatable)
  --fail-on error|warning|note
                           lowest severity that makes the exit status 1 (default: warning)
  --state-budget N         states the explorer visits per region before giving up (default: 20000)
pull-request gate:
  --baseline <file>        report only findings that are not in <file> (repeatable)
  --write-baseline <file>  record this run's findings in <file>
  --baseline-report        list on stderr the baseline findings this run no longer has
  --diff <file|->          report only findings on lines a unified diff adds or changes
  --since <git revision>   the same, with the diff from the merge base of <revision> and HEAD
                           to the working tree
  --cache-dir <dir>        result cache (default: <build dir>/chcheck-cache with -p)
  --no-cache               neither read nor write the result cache
  --cache-size <size>      cap of the cache, e.g. 500M, 2G (default: 1G); least recently used
                           results are evicted
output:
  --format text|json|sarif|codeclimate
                           output format (default: text; codeclimate: GitLab code quality)
  -o <file>                write the report to <file> instead of standard output
  --sarif-category <id>    SARIF runAutomationDetails.id (default: chcheck/)
  --srcroot <dir>          root of relative paths and fingerprints (default: current dir)
  --graph <file.dot>       write the wait-for graphs of blocking bugs (Graphviz)
  --summary                print counts by rule and severity, new and baseline, on stderr
  --stats                  print the analysis counters on stderr
  --report-unused-suppressions
                           warn about suppression comments that suppress nothing
  -j N                     analyse N translation units in parallel (default: 1)
  --progress, --no-progress
                           print [i/n] <file> on stderr (default: on when stderr is a terminal)
  --color auto|always|never
                           colour text output (default: auto = when stdout is a terminal)
information:
  --list-rules             list the rules and exit
  --explain <id or name>   describe a rule and exit
  --version                print the version and exit
  --help                   print this help and exit

A .chcheck.yaml found upward from each source sets rules, fail-on, excluded paths and
budgets for it; command-line options win.
exit status: 0 no findings at or above --fail-on, 1 findings, 2 tool or input error.
suppress a finding with `// chcheck: ignore CH101` on its line or the line before,
or `// NOLINT(channel-send-on-closed)` / `// NOLINTNEXTLINE(channel-*)`.
)";

namespace {

std::vector<std::string> splitList(const std::string &list) {
  std::vector<std::string> items;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) {
    auto b = item.find_first_not_of(" \t"), e = item.find_last_not_of(" \t");
    if (b != std::string::npos)
      items.push_back(item.substr(b, e - b + 1));
  }
  return items;
}

std::optional<std::uint64_t> parseCount(const std::string &text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 18)
    return std::nullopt;
  return std::strtoull(text.c_str(), nullptr, 10);
}

// "500M", "2G", "64K", "1000000" (bytes).
std::optional<std::uint64_t> parseSize(std::string text) {
  std::uint64_t unit = 1;
  if (!text.empty()) {
    switch (text.back()) {
    case 'K': case 'k': unit = 1ULL << 10; break;
    case 'M': case 'm': unit = 1ULL << 20; break;
    case 'G': case 'g': unit = 1ULL << 30; break;
    default: break;
    }
    if (unit != 1)
      text.pop_back();
  }
  auto n = parseCount(text);
  if (!n || *n == 0 || *n > (1ULL << 50) / unit)
    return std::nullopt;
  return *n * unit;
}

Shard parseShard(const std::string &text) {
  auto slash = text.find('/');
  std::optional<std::uint64_t> k, n;
  if (slash != std::string::npos) {
    k = parseCount(text.substr(0, slash));
    n = parseCount(text.substr(slash + 1));
  }
  if (!k || !n || *n == 0 || *k == 0 || *k > *n || *n > 10000)
    throw UsageError{"--shard needs K/N with 1 <= K <= N, not '" + text + "'"};
  return {static_cast<unsigned>(*k), static_cast<unsigned>(*n)};
}

Severity parseSeverity(const std::string &v) {
  if (v == "error")
    return Severity::Error;
  if (v == "warning")
    return Severity::Warning;
  if (v == "note")
    return Severity::Note;
  throw UsageError{"--fail-on must be error, warning or note, not '" + v + "'"};
}

// Walks a command line, handing each option and its value to `handle`.
class ArgumentReader {
public:
  explicit ArgumentReader(const std::vector<std::string> &args) : args_(args) {}
  bool next() { return ++i_ < args_.size(); }
  const std::string &arg() const { return args_[i_]; }
  std::vector<std::string> rest() const { return {args_.begin() + i_ + 1, args_.end()}; }
  // `--opt value`, `--opt=value`, and for one-letter options also `-pvalue`.
  std::optional<std::string> value(const std::string &name) {
    const std::string &a = args_[i_];
    if (a == name) {
      if (i_ + 1 >= args_.size())
        throw UsageError{"option " + name + " needs a value"};
      return args_[++i_];
    }
    if (a.rfind(name + "=", 0) == 0)
      return a.substr(name.size() + 1);
    if (name.size() == 2 && a.size() > 2 && a.rfind(name, 0) == 0)
      return a.substr(2);
    return std::nullopt;
  }

private:
  const std::vector<std::string> &args_;
  std::size_t i_ = static_cast<std::size_t>(-1);
};

} // namespace

Options parseOptions(const std::vector<std::string> &args) {
  Options o;
  ArgumentReader r(args);
  while (r.next()) {
    const std::string arg = r.arg();
    if (arg == "--") {
      o.flags = r.rest();
      break;
    }
    if (arg == "--help" || arg == "-h")
      o.help = true;
    else if (arg == "--version")
      o.version = true;
    else if (arg == "--list-rules")
      o.listRules = true;
    else if (arg == "--progress")
      o.progress = true;
    else if (arg == "--no-progress")
      o.progress = false;
    else if (arg == "--stats")
      o.stats = true;
    else if (arg == "--summary")
      o.summary = true;
    else if (arg == "--baseline-report")
      o.baselineReport = true;
    else if (arg == "--no-cache")
      o.noCache = true;
    else if (arg == "--report-unused-suppressions")
      o.reportUnusedSuppressions = true;
    else if (auto v = r.value("--explain"))
      o.explain = *v;
    else if (auto v = r.value("--format"))
      o.format = *v;
    else if (auto v = r.value("--enable"))
      for (auto &item : splitList(*v))
        o.enable.push_back(item);
    else if (auto v = r.value("--disable"))
      for (auto &item : splitList(*v))
        o.disable.push_back(item);
    else if (auto v = r.value("--fail-on"))
      o.failOn = parseSeverity(*v);
    else if (auto v = r.value("--state-budget")) {
      o.stateBudget = parseCount(*v);
      if (!o.stateBudget || *o.stateBudget == 0)
        throw UsageError{"--state-budget needs a positive number, not '" + *v + "'"};
    } else if (auto v = r.value("--color"))
      o.color = *v;
    else if (auto v = r.value("--srcroot"))
      o.srcroot = *v;
    else if (auto v = r.value("--sarif-category")) {
      if (v->empty())
        throw UsageError{"--sarif-category must not be empty"};
      o.sarifCategory = *v;
    } else if (auto v = r.value("--graph"))
      o.graphFile = *v;
    else if (auto v = r.value("--baseline"))
      o.baselines.push_back(*v);
    else if (auto v = r.value("--write-baseline"))
      o.writeBaseline = *v;
    else if (auto v = r.value("--diff"))
      o.diffFile = *v;
    else if (auto v = r.value("--since")) {
      if (v->empty() || v->front() == '-')
        throw UsageError{"--since needs a git revision, not '" + *v + "'"};
      o.since = *v;
    } else if (auto v = r.value("--cache-dir"))
      o.cacheDir = *v;
    else if (auto v = r.value("--cache-size")) {
      o.cacheSizeBytes = parseSize(*v);
      if (!o.cacheSizeBytes)
        throw UsageError{"--cache-size needs a size such as 500M or 2G, not '" + *v + "'"};
    } else if (auto v = r.value("--shard"))
      o.shard = parseShard(*v);
    else if (auto v = r.value("--extra-arg-before"))
      o.extraArgsBefore.push_back(*v);
    else if (auto v = r.value("--extra-arg"))
      o.extraArgs.push_back(*v);
    else if (auto v = r.value("--remove-arg"))
      o.removeArgs.push_back(*v);
    else if (auto v = r.value("-p"))
      o.compileDatabase = *v;
    else if (auto v = r.value("-o"))
      o.outputFile = *v;
    else if (auto v = r.value("-j")) {
      auto n = parseCount(*v);
      if (!n || *n < 1 || *n > 1024)
        throw UsageError{"-j needs a positive number, not '" + *v + "'"};
      o.jobs = static_cast<unsigned>(*n);
    } else if (arg.size() > 1 && arg[0] == '-')
      throw UsageError{"unknown option '" + arg + "' (see --help)"};
    else
      o.sources.push_back(arg);
  }
  if (o.format != "text" && o.format != "json" && o.format != "sarif" &&
      o.format != "codeclimate")
    throw UsageError{"--format must be text, json, sarif or codeclimate, not '" + o.format + "'"};
  if (o.color != "auto" && o.color != "always" && o.color != "never")
    throw UsageError{"--color must be auto, always or never, not '" + o.color + "'"};
  if (o.diffFile && o.since)
    throw UsageError{"--diff and --since cannot be combined"};
  if (o.noCache && (o.cacheDir || o.cacheSizeBytes))
    throw UsageError{"--no-cache cannot be combined with --cache-dir or --cache-size"};
  for (const std::string &b : o.baselines)
    if (o.writeBaseline && b == *o.writeBaseline)
      throw UsageError{"--baseline and --write-baseline name the same file"};
  if (o.writeBaseline && (o.diffFile || o.since))
    throw UsageError{"--write-baseline records a whole run; it cannot be combined with --diff or "
                     "--since"};
  if (o.baselineReport && o.baselines.empty())
    throw UsageError{"--baseline-report needs --baseline <file>"};
  return o;
}

std::vector<std::string> outputFilesNamed(const std::vector<std::string> &args) {
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
    for (const char *name : {"-o", "--graph", "--write-baseline"}) {
      std::string n = name;
      if (args[i] == n && i + 1 < args.size())
        files.push_back(args[i + 1]);
      else if (args[i].rfind(n + "=", 0) == 0)
        files.push_back(args[i].substr(n.size() + 1));
      else if (n == "-o" && args[i].size() > 2 && args[i].rfind("-o", 0) == 0)
        files.push_back(args[i].substr(2));
    }
  }
  return files;
}

} // namespace chcheck::cli

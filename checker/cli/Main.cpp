// chcheck [options] <sources...> [-- <compiler flags>]
// Option parsing, rule selection, suppression, rendering and exit status.
// Everything Clang-specific is in Analyze.cpp.
#include "Analyze.h"

#include "chcheck/Catalog.h"
#include "chcheck/Output.h"
#include "chcheck/Suppression.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace {

using namespace chcheck;

constexpr int kExitClean = 0, kExitFindings = 1, kExitToolError = 2;

const char *kUsage = R"(usage: chcheck [options] <sources...> [-- <compiler flags>]

Finds channel lifecycle bugs in C++ code that uses the chan runtime.

options:
  -p <build dir>           read compile_commands.json from <build dir> (or a .json file);
                           with no sources, analyse every entry
  --format text|json|sarif output format (default: text)
  -o <file>                write the report to <file> instead of standard output
  --enable <rules>         run only these rules (ids or names, comma-separated, repeatable)
  --disable <rules>        do not run these rules (ids or names, comma-separated, repeatable)
  --fail-on error|warning|note
                           lowest severity that makes the exit status 1 (default: warning)
  -j N                     analyse N translation units in parallel (default: 1)
  --progress, --no-progress
                           print [i/n] <file> on stderr (default: on when stderr is a terminal)
  --color auto|always|never
                           colour text output (default: auto = when stdout is a terminal)
  --srcroot <dir>          root for relative paths in JSON and SARIF (default: current dir)
  --list-rules             list the rules and exit
  --explain <id or name>   describe a rule and exit
  --version                print the version and exit
  --help                   print this help and exit

exit status: 0 no findings at or above --fail-on, 1 findings, 2 tool or input error.
suppress a finding with `// chcheck: ignore CH101` on its line or the line before,
or `// NOLINT(channel-send-on-closed)` / `// NOLINTNEXTLINE(channel-*)`.
)";

struct Options {
  cli::AnalysisRequest request;
  std::string format = "text";
  std::optional<std::string> outputFile;
  std::vector<std::string> enable, disable;
  Severity failOn = Severity::Warning;
  std::optional<bool> progress;
  std::string color = "auto";
  std::string srcroot;
  bool listRules = false, version = false, help = false;
  std::optional<std::string> explain;
};

struct UsageError {
  std::string message;
};

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

Options parseOptions(int argc, char **argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "--") {
      o.request.extraFlags.assign(args.begin() + i + 1, args.end());
      break;
    }
    // `--opt value`, `--opt=value`, and for -p/-o/-j also `-pvalue`.
    auto value = [&](const std::string &name) -> std::optional<std::string> {
      if (arg == name) {
        if (i + 1 >= args.size())
          throw UsageError{"option " + name + " needs a value"};
        return args[++i];
      }
      if (arg.rfind(name + "=", 0) == 0)
        return arg.substr(name.size() + 1);
      if (name.size() == 2 && arg.size() > 2 && arg.rfind(name, 0) == 0)
        return arg.substr(2);
      return std::nullopt;
    };
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
    else if (auto v = value("--explain"))
      o.explain = *v;
    else if (auto v = value("--format"))
      o.format = *v;
    else if (auto v = value("--enable"))
      for (auto &item : splitList(*v))
        o.enable.push_back(item);
    else if (auto v = value("--disable"))
      for (auto &item : splitList(*v))
        o.disable.push_back(item);
    else if (auto v = value("--fail-on")) {
      if (*v == "error")
        o.failOn = Severity::Error;
      else if (*v == "warning")
        o.failOn = Severity::Warning;
      else if (*v == "note")
        o.failOn = Severity::Note;
      else
        throw UsageError{"--fail-on must be error, warning or note, not '" + *v + "'"};
    } else if (auto v = value("--color"))
      o.color = *v;
    else if (auto v = value("--srcroot"))
      o.srcroot = *v;
    else if (auto v = value("-p"))
      o.request.compileDatabase = *v;
    else if (auto v = value("-o"))
      o.outputFile = *v;
    else if (auto v = value("-j")) {
      char *end = nullptr;
      long n = std::strtol(v->c_str(), &end, 10);
      if (v->empty() || *end != '\0' || n < 1 || n > 1024)
        throw UsageError{"-j needs a positive number, not '" + *v + "'"};
      o.request.jobs = static_cast<unsigned>(n);
    } else if (arg.size() > 1 && arg[0] == '-')
      throw UsageError{"unknown option '" + arg + "' (see --help)"};
    else
      o.request.sources.push_back(arg);
  }
  if (o.format != "text" && o.format != "json" && o.format != "sarif")
    throw UsageError{"--format must be text, json or sarif, not '" + o.format + "'"};
  if (o.color != "auto" && o.color != "always" && o.color != "never")
    throw UsageError{"--color must be auto, always or never, not '" + o.color + "'"};
  return o;
}

std::set<std::string> selectRules(const Options &o, const std::vector<RuleInfo> &catalog) {
  auto resolve = [&](const std::string &item) {
    const RuleInfo *rule = findRule(catalog, item);
    if (!rule)
      throw UsageError{"unknown rule '" + item + "' (see --list-rules)"};
    return rule->id;
  };
  std::set<std::string> enabled;
  if (o.enable.empty())
    for (const auto &r : catalog)
      enabled.insert(r.id);
  for (const auto &item : o.enable)
    enabled.insert(resolve(item));
  for (const auto &item : o.disable)
    enabled.erase(resolve(item));
  return enabled;
}

void listRules(std::ostream &out, const std::vector<RuleInfo> &catalog) {
  std::size_t width = 0;
  for (const auto &r : catalog)
    width = std::max(width, r.name.size());
  for (const auto &r : catalog)
    out << r.id << "  " << std::left << std::setw(static_cast<int>(width)) << r.name << "  "
        << std::setw(7) << severityName(r.severity) << "  " << r.shortDescription << '\n';
}

void explainRule(std::ostream &out, const RuleInfo &r) {
  out << r.id << ' ' << r.name << " (default severity: " << severityName(r.severity)
      << ", clang-tidy: " << r.tidyCheckName() << ")\n\n"
      << r.shortDescription << ".\n\n"
      << r.fullDescription << "\n\nWhy: " << r.rationale << "\n\nBad:\n"
      << r.badExample << "\n\nGood:\n"
      << r.goodExample << "\n\nMore: " << r.helpUri() << '\n';
}

int run(int argc, char **argv) {
  Options o = parseOptions(argc, argv);
  if (o.help) {
    std::cout << kUsage;
    return kExitClean;
  }
  if (o.version) {
    std::cout << "chcheck " << CHCHECK_VERSION << '\n';
    return kExitClean;
  }
  const std::vector<RuleInfo> &catalog = builtinCatalog();
  if (o.listRules) {
    listRules(std::cout, catalog);
    return kExitClean;
  }
  if (o.explain) {
    const RuleInfo *rule = findRule(catalog, *o.explain);
    if (!rule)
      throw UsageError{"unknown rule '" + *o.explain + "' (see --list-rules)"};
    explainRule(std::cout, *rule);
    return kExitClean;
  }
  o.request.enabledRules = selectRules(o, catalog);
  if (o.request.sources.empty() && o.request.compileDatabase.empty())
    throw UsageError{"no source files given (and no -p <build dir>)"};
  o.request.progress = o.progress.value_or(isatty(STDERR_FILENO) == 1);

  std::error_code ec;
  std::filesystem::path root = std::filesystem::absolute(o.srcroot.empty() ? "." : o.srcroot, ec);
  std::string srcroot = root.lexically_normal().string();
  while (srcroot.size() > 1 && srcroot.back() == '/')
    srcroot.pop_back();

  cli::AnalysisResult analysis = cli::analyze(o.request);
  for (const ToolError &e : analysis.errors)
    std::cerr << "chcheck: error: " << e.message << '\n';

  SourceCache sources;
  std::vector<Finding> findings = removeSuppressed(std::move(analysis.findings), catalog, sources);

  RenderOptions render;
  render.srcroot = srcroot;
  render.toolVersion = CHCHECK_VERSION;
  render.color = o.color == "always" ||
                 (o.color == "auto" && !o.outputFile && isatty(STDOUT_FILENO) == 1);
  std::ostringstream report;
  if (o.format == "json")
    renderJson(report, findings, analysis.errors, catalog, sources, render);
  else if (o.format == "sarif")
    renderSarif(report, findings, analysis.errors, catalog, sources, render);
  else
    renderText(report, findings, catalog, sources, render);

  if (o.outputFile) {
    std::ofstream out(*o.outputFile, std::ios::binary);
    out << report.str();
    out.close();
    if (!out) {
      std::cerr << "chcheck: error: cannot write " << *o.outputFile << '\n';
      return kExitToolError;
    }
  } else {
    std::cout << report.str() << std::flush;
  }

  if (!analysis.errors.empty())
    return kExitToolError;
  for (const Finding &f : findings)
    if (f.severity >= o.failOn)
      return kExitFindings;
  return kExitClean;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(argc, argv);
  } catch (const UsageError &e) {
    std::cerr << "chcheck: error: " << e.message << '\n';
  } catch (const CatalogError &e) {
    std::cerr << "chcheck: error: invalid rule catalog: " << e.what() << '\n';
  } catch (const std::exception &e) {
    std::cerr << "chcheck: error: " << e.what() << '\n';
  }
  return kExitToolError;
}

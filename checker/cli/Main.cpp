// chcheck [options] <sources...> [-- <compiler flags>]
// Information commands (--help, --version, --list-rules, --explain) and the
// error handling around a run (Gate.cpp).
#include "FileUtil.h"
#include "Gate.h"
#include "Options.h"
#include "ResourceDir.h"

#include "chcheck/Catalog.h"

#include <clang/Basic/Version.h>

#include <iomanip>
#include <iostream>

namespace {

using namespace chcheck;
using namespace chcheck::cli;

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

void printVersion(std::ostream &out) {
  ResourceDir dir = findClangResourceDir();
  out << "chcheck " << CHCHECK_VERSION << '\n'
      << "Clang " << CLANG_VERSION_STRING << ", resource directory "
      << (dir.path.empty() ? "not found" : dir.path + " (" + dir.origin + ")") << '\n';
}

int run(const std::vector<std::string> &args) {
  Options o = parseOptions(args);
  if (o.help) {
    std::cout << kUsage;
    return kExitClean;
  }
  if (o.version) {
    printVersion(std::cout);
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
  if (o.sources.empty() && o.compileDatabase.empty())
    throw UsageError{"no source files given (and no -p <build dir>)"};
  return runGate(o, catalog);
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // A report of an earlier run must not survive a run that fails before
  // writing its own: CI would upload it as this run's.
  for (const std::string &file : outputFilesNamed(args)) {
    std::string error;
    if (!removeStale(file, error)) {
      std::cerr << "chcheck: error: cannot remove the old " << file << ": " << error << '\n';
      return kExitToolError;
    }
  }
  try {
    return run(args);
  } catch (const UsageError &e) {
    std::cerr << "chcheck: error: " << e.message << '\n';
  } catch (const CatalogError &e) {
    std::cerr << "chcheck: error: invalid rule catalog: " << e.what() << '\n';
  } catch (const std::exception &e) {
    std::cerr << "chcheck: error: " << e.what() << '\n';
  }
  return kExitToolError;
}

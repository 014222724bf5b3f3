#include "ArgAdjust.h"

#include <clang/Driver/Options.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <llvm/Option/ArgList.h>
#include <llvm/Option/OptTable.h>

#include <fnmatch.h>

namespace chcheck::cli {
namespace {

using clang::tooling::CommandLineArguments;

// The argv positions (1-based into argv) of flags Clang's driver does not
// know.  They would make the driver fail the whole command ("unknown
// argument"); a flag it knows but ignores only warns.
std::vector<unsigned> unknownFlags(const CommandLineArguments &argv) {
  std::vector<const char *> args;
  for (std::size_t i = 1; i < argv.size(); ++i)
    args.push_back(argv[i].c_str());
  unsigned missingIndex = 0, missingCount = 0;
  const llvm::opt::OptTable &table = clang::driver::getDriverOptTable();
  llvm::opt::InputArgList parsed =
      table.ParseArgs(args, missingIndex, missingCount,
                      llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::vector<unsigned> positions;
  for (const llvm::opt::Arg *a : parsed.filtered(clang::driver::options::OPT_UNKNOWN))
    positions.push_back(a->getIndex() + 1);
  return positions;
}

} // namespace

std::vector<std::string> ArgumentAdjuster::adjust(const std::vector<std::string> &argv,
                                                  const std::string &file) {
  using namespace clang::tooling;
  CommandLineArguments args = argv;
  args = getClangStripOutputAdjuster()(args, file);
  args = getClangStripDependencyFileAdjuster()(args, file);
  args = getClangSyntaxOnlyAdjuster()(args, file);
  if (!edits_.before.empty())
    args = getInsertArgumentAdjuster(edits_.before, ArgumentInsertPosition::BEGIN)(args, file);
  if (!edits_.after.empty())
    args = getInsertArgumentAdjuster(edits_.after, ArgumentInsertPosition::END)(args, file);
  if (!edits_.removeGlobs.empty()) {
    CommandLineArguments kept = {args.front()};
    for (std::size_t i = 1; i < args.size(); ++i) {
      bool drop = false;
      for (const std::string &glob : edits_.removeGlobs)
        drop = drop || fnmatch(glob.c_str(), args[i].c_str(), 0) == 0;
      if (!drop)
        kept.push_back(args[i]);
    }
    args = std::move(kept);
  }
  std::vector<unsigned> unknown = unknownFlags(args);
  for (auto it = unknown.rbegin(); it != unknown.rend(); ++it) {
    ++dropped_[args[*it]];
    args.erase(args.begin() + *it);
  }
  bool hasResourceDir = false;
  for (const std::string &a : args)
    hasResourceDir = hasResourceDir || a.rfind("-resource-dir", 0) == 0;
  if (!hasResourceDir && !edits_.resourceDir.empty())
    args.insert(args.begin() + 1, "-resource-dir=" + edits_.resourceDir);
  // Without carets the compiler does not print "N errors generated." behind
  // our back; chcheck reports a failed translation unit itself.
  args.push_back("-fno-caret-diagnostics");
  return args;
}

} // namespace chcheck::cli

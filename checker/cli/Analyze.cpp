#include "Analyze.h"

#include "chcheck/Engine.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

namespace chcheck::cli {
namespace {

using clang::tooling::CommandLineArguments;

std::string absolutePath(const std::string &path) {
  llvm::SmallString<256> p(path);
  llvm::sys::fs::make_absolute(p);
  llvm::sys::path::remove_dots(p, /*remove_dot_dot=*/true);
  return std::string(p);
}

// Records the first error of a translation unit instead of printing compiler
// diagnostics: chcheck reports findings, not the compiler's warnings, and
// worker threads must not interleave output.
class FirstErrorRecorder : public clang::DiagnosticConsumer {
public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error || !firstError.empty())
      return;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    std::string where;
    if (info.getLocation().isValid() && info.hasSourceManager()) {
      clang::PresumedLoc p = info.getSourceManager().getPresumedLoc(info.getLocation());
      if (p.isValid())
        where = std::string(p.getFilename()) + ":" + std::to_string(p.getLine()) + ":" +
                std::to_string(p.getColumn()) + ": ";
    }
    firstError = where + std::string(text);
  }
  std::string firstError;
};

// What one translation unit yields: findings, or why it could not be analysed.
struct TuOutcome {
  std::vector<Finding> findings;
  std::string internalError; // an exception from the engine
};

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const std::set<std::string> &rules, TuOutcome &out) : rules_(rules), out_(out) {}
  void HandleTranslationUnit(clang::ASTContext &ctx) override {
    // A TU with errors has a partial AST: analysing it would report nonsense.
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    // Exceptions must not unwind through Clang's frames (built without
    // exceptions); an engine failure becomes this TU's tool error.
    // A crash in the engine (a bug of ours) is contained to this TU: it is
    // reported as this TU's tool error and the other TUs are still analysed.
    static const bool recoveryEnabled = (llvm::CrashRecoveryContext::Enable(), true);
    (void)recoveryEnabled;
    std::vector<Finding> found;
    llvm::CrashRecoveryContext recovery;
    bool finished = recovery.RunSafely([&] {
      try {
        EngineOptions options;
        options.enabledRules = rules_;
        for (const LocatedFinding &f : analyzeTranslationUnit(ctx, options))
          found.push_back(locate(f, ctx.getSourceManager()));
      } catch (const std::exception &e) {
        out_.internalError = e.what();
      } catch (...) {
        out_.internalError = "unknown exception";
      }
    });
    if (!finished)
      out_.internalError = "the analysis crashed on this translation unit "
                           "(please report it with the file)";
    else
      out_.findings.insert(out_.findings.end(), found.begin(), found.end());
  }

private:
  const std::set<std::string> &rules_;
  TuOutcome &out_;
};

class AnalysisAction : public clang::ASTFrontendAction {
public:
  AnalysisAction(const std::set<std::string> &rules, TuOutcome &out)
      : rules_(rules), out_(out) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &,
                                                        llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(rules_, out_);
  }

private:
  const std::set<std::string> &rules_;
  TuOutcome &out_;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const std::set<std::string> &rules, TuOutcome &out)
      : rules_(rules), out_(out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(rules_, out_);
  }

private:
  const std::set<std::string> &rules_;
  TuOutcome &out_;
};

// Our binary is not installed next to clang's lib directory, so the driver
// cannot find the builtin headers (<stddef.h>, ...) by itself.
CommandLineArguments addResourceDir(const CommandLineArguments &args, llvm::StringRef) {
  for (const auto &a : args)
    if (llvm::StringRef(a).starts_with("-resource-dir"))
      return args;
  CommandLineArguments out = args;
  out.insert(out.begin() + (out.empty() ? 0 : 1), "-resource-dir=" CHCHECK_CLANG_RESOURCE_DIR);
  return out;
}

// Without carets the compiler does not print "N errors generated." behind
// our back; we report a failed TU ourselves.
CommandLineArguments quietCompiler(const CommandLineArguments &args, llvm::StringRef) {
  CommandLineArguments out = args;
  out.push_back("-fno-caret-diagnostics");
  return out;
}

struct TuResult {
  std::vector<Finding> findings;
  std::optional<ToolError> error;
};

TuResult analyzeOne(const clang::tooling::CompilationDatabase &db, const std::string &file,
                    const AnalysisRequest &request, bool appendExtraFlags) {
  TuResult result;
  // A private physical file system per worker: the default real file system
  // changes the process-wide working directory, which threads would race on.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs(
      llvm::vfs::createPhysicalFileSystem().release());
  clang::tooling::ClangTool tool(db, {file}, std::make_shared<clang::PCHContainerOperations>(),
                                 fs);
  tool.setPrintErrorMessage(false);
  tool.appendArgumentsAdjuster(addResourceDir);
  tool.appendArgumentsAdjuster(quietCompiler);
  if (appendExtraFlags && !request.extraFlags.empty())
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        request.extraFlags, clang::tooling::ArgumentInsertPosition::END));
  FirstErrorRecorder diagnostics;
  tool.setDiagnosticConsumer(&diagnostics);
  TuOutcome outcome;
  AnalysisActionFactory factory(request.enabledRules, outcome);
  int status = tool.run(&factory);
  result.findings = std::move(outcome.findings);
  if (!outcome.internalError.empty()) {
    result.findings.clear();
    result.error = ToolError{file, "internal error while analysing " + file + ": " +
                                       outcome.internalError};
  } else if (status != 0 || !diagnostics.firstError.empty()) {
    result.findings.clear(); // a failed TU contributes no findings
    std::string why = diagnostics.firstError.empty() ? "the compiler failed without a diagnostic"
                                                     : diagnostics.firstError;
    result.error = ToolError{file, "cannot parse " + file + ": " + why};
  }
  return result;
}

bool findingLess(const Finding &a, const Finding &b) {
  return std::tie(a.loc, a.ruleId, a.message, a.severity, a.subject, a.function) <
         std::tie(b.loc, b.ruleId, b.message, b.severity, b.subject, b.function);
}
bool findingSame(const Finding &a, const Finding &b) {
  return std::tie(a.loc, a.ruleId, a.message, a.severity, a.subject, a.function) ==
         std::tie(b.loc, b.ruleId, b.message, b.severity, b.subject, b.function);
}

} // namespace

AnalysisResult analyze(const AnalysisRequest &request) {
  AnalysisResult result;

  std::unique_ptr<clang::tooling::CompilationDatabase> db;
  if (!request.compileDatabase.empty()) {
    std::string path = request.compileDatabase;
    if (llvm::sys::fs::is_directory(path))
      path = (llvm::Twine(path) + "/compile_commands.json").str();
    std::string error;
    db = clang::tooling::JSONCompilationDatabase::loadFromFile(
        path, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (!db) {
      result.errors.push_back(
          {path, "cannot load compilation database " + path + ": " + error});
      return result;
    }
  } else {
    db = std::make_unique<clang::tooling::FixedCompilationDatabase>(".", request.extraFlags);
  }

  // The translation units, absolute, first occurrence only, in input order.
  std::vector<std::string> files;
  if (request.sources.empty() && !request.compileDatabase.empty()) {
    files = db->getAllFiles();
    std::sort(files.begin(), files.end());
    if (files.empty())
      result.errors.push_back({request.compileDatabase, "the compilation database has no entries"});
  } else {
    for (const auto &s : request.sources)
      files.push_back(absolutePath(s));
  }
  // Errors are kept per input file so they are reported in input order,
  // whichever worker finds them.
  std::vector<std::optional<ToolError>> fileErrors(files.size());
  std::vector<std::size_t> units; // indices into `files`
  std::set<std::string> seen;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string &f = files[i];
    if (!seen.insert(f).second)
      continue;
    if (!llvm::sys::fs::exists(f))
      fileErrors[i] = ToolError{f, "no such file: " + f};
    else if (llvm::sys::fs::is_directory(f) || !std::ifstream(f))
      fileErrors[i] = ToolError{f, "cannot read " + f};
    else if (!request.compileDatabase.empty() && db->getCompileCommands(f).empty())
      fileErrors[i] = ToolError{f, f + " is not in the compilation database"};
    else
      units.push_back(i);
  }

  std::vector<std::vector<Finding>> perUnit(units.size());
  std::atomic<std::size_t> next{0};
  std::size_t started = 0;
  std::mutex progressMutex;
  bool appendExtra = !request.compileDatabase.empty(); // the fixed database already has them
  auto worker = [&] {
    for (std::size_t u = next++; u < units.size(); u = next++) {
      const std::string &file = files[units[u]];
      if (request.progress) {
        std::lock_guard lock(progressMutex);
        std::cerr << '[' << ++started << '/' << units.size() << "] " << file << std::endl;
      }
      TuResult r = analyzeOne(*db, file, request, appendExtra);
      perUnit[u] = std::move(r.findings);
      fileErrors[units[u]] = std::move(r.error);
    }
  };
  unsigned threads =
      std::max<unsigned>(1, std::min<std::size_t>(request.jobs, units.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  worker();
  for (auto &t : pool)
    t.join();

  for (auto &found : perUnit)
    result.findings.insert(result.findings.end(), found.begin(), found.end());
  for (auto &e : fileErrors)
    if (e)
      result.errors.push_back(std::move(*e));
  // Headers shared by several TUs yield the same finding more than once.
  std::sort(result.findings.begin(), result.findings.end(), findingLess);
  result.findings.erase(
      std::unique(result.findings.begin(), result.findings.end(), findingSame),
      result.findings.end());
  return result;
}

} // namespace chcheck::cli

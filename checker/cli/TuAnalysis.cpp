#include "TuAnalysis.h"

#include "Hash.h"
#include "SummaryCodec.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>

namespace chcheck::cli {
namespace {

// Records the first error of a translation unit instead of printing compiler
// diagnostics: chcheck reports findings, not the compiler's warnings.
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

// Every file the source manager read, with the hash of the text it read (not
// of what is on disk now: an edit during the run must not poison the cache).
std::vector<FileDigest> filesRead(clang::SourceManager &sm) {
  std::vector<FileDigest> files;
  for (auto it = sm.fileinfo_begin(); it != sm.fileinfo_end(); ++it) {
    clang::FileEntryRef entry = it->first;
    std::optional<llvm::MemoryBufferRef> buffer = sm.getMemoryBufferForFileOrNone(entry);
    if (!buffer)
      continue;
    // Absolute, but with its "..": dropping "dir/.." is wrong when dir is a
    // symbolic link (/lib -> usr/lib), and the cache must reopen this file.
    llvm::SmallString<256> path(entry.getName());
    llvm::sys::fs::make_absolute(path);
    llvm::sys::path::remove_dots(path, /*remove_dot_dot=*/false);
    FileDigest d;
    d.path = std::string(path);
    d.hash = contentHash(std::string_view(buffer->getBufferStart(), buffer->getBufferSize()));
    clang::FileID id = sm.translateFile(entry);
    d.system = id.isValid() && clang::SrcMgr::isSystem(sm.getFileCharacteristic(
                                   sm.getLocForStartOfFile(id)));
    files.push_back(std::move(d));
  }
  std::sort(files.begin(), files.end(),
            [](const FileDigest &a, const FileDigest &b) { return a.path < b.path; });
  return files;
}

struct CrossUnit {
  bool exportSummaries = false;
  const SummaryIndex *imports = nullptr;
};

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const EngineOptions &options, const CrossUnit &crossUnit, TuResult &out,
                   std::string &internalError)
      : options_(options), crossUnit_(crossUnit), out_(out), internalError_(internalError) {}
  void HandleTranslationUnit(clang::ASTContext &ctx) override {
    // A TU with errors has a partial AST: analysing it would report nonsense.
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    // Exceptions must not unwind through Clang's frames (built without
    // exceptions); an engine exception becomes this TU's tool error.
    try {
      TranslationUnitSummaries exports;
      CrossUnitFacts facts{crossUnit_.imports, crossUnit_.exportSummaries ? &exports : nullptr};
      for (const LocatedFinding &f : analyzeTranslationUnit(ctx, options_, &out_.stats, facts))
        out_.findings.push_back(locate(f, ctx.getSourceManager()));
      if (crossUnit_.exportSummaries)
        out_.summaries = encodeSummaries(exports);
    } catch (const std::exception &e) {
      internalError_ = e.what();
    } catch (...) {
      internalError_ = "unknown exception";
    }
    out_.files = filesRead(ctx.getSourceManager());
  }

private:
  const EngineOptions &options_;
  const CrossUnit &crossUnit_;
  TuResult &out_;
  std::string &internalError_;
};

class AnalysisAction : public clang::ASTFrontendAction {
public:
  AnalysisAction(const EngineOptions &options, const CrossUnit &crossUnit, TuResult &out,
                 std::string &internalError)
      : options_(options), crossUnit_(crossUnit), out_(out), internalError_(internalError) {}
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance &,
                                                        llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(options_, crossUnit_, out_, internalError_);
  }

private:
  const EngineOptions &options_;
  const CrossUnit &crossUnit_;
  TuResult &out_;
  std::string &internalError_;
};

class IncludeScanAction : public clang::PreprocessOnlyAction {
public:
  explicit IncludeScanAction(TuResult &out) : out_(out) {}
  void EndSourceFileAction() override {
    out_.files = filesRead(getCompilerInstance().getSourceManager());
    PreprocessOnlyAction::EndSourceFileAction();
  }

private:
  TuResult &out_;
};

// Runs `action` on the command in the current directory (the worker process
// has changed into the command's); returns the first compiler error.
std::string run(const CompileCommand &command, std::unique_ptr<clang::FrontendAction> action) {
  llvm::IntrusiveRefCntPtr<clang::FileManager> files(
      new clang::FileManager(clang::FileSystemOptions(), llvm::vfs::getRealFileSystem()));
  clang::tooling::ToolInvocation invocation(command.arguments, std::move(action), files.get());
  FirstErrorRecorder diagnostics;
  invocation.setDiagnosticConsumer(&diagnostics);
  bool ok = invocation.run();
  if (!diagnostics.firstError.empty())
    return diagnostics.firstError;
  return ok ? "" : "the compiler failed without a diagnostic";
}

} // namespace

TuResult analyseCommand(const CompileCommand &command, const EngineOptions &options,
                        bool exportSummaries, const SummaryIndex *imports) {
  TuResult result;
  std::string internalError;
  CrossUnit crossUnit{exportSummaries, imports};
  std::string error =
      run(command, std::make_unique<AnalysisAction>(options, crossUnit, result, internalError));
  if (!internalError.empty()) {
    result.findings.clear();
    result.error = "internal error while analysing " + command.file + ": " + internalError;
  } else if (!error.empty()) {
    result.findings.clear(); // a failed TU contributes no findings
    result.error = "cannot parse " + command.file + ": " + error;
  }
  if (!result.error.empty()) {
    result.files.clear();
    result.summaries.reset();
  }
  return result;
}

TuResult scanIncludes(const CompileCommand &command) {
  TuResult result;
  result.error = run(command, std::make_unique<IncludeScanAction>(result));
  return result;
}

} // namespace chcheck::cli

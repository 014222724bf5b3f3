// chcheck-dump-skeleton FILE [--function NAME] -- FLAGS...
// Prints the synchronisation skeleton of every function in FILE (or of the
// functions whose qualified name contains NAME): the engine's view of the
// code, for tests of the skeleton builder and for engine developers.
#include "skeleton/Skeletons.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Tooling.h"

#include <iostream>

using namespace clang;

namespace {

std::string filter;


class Consumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &ctx) override {
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    chcheck::ir::Skeletons skeletons(ctx);
    for (const FunctionDecl *fd : chcheck::ir::functionsWithBodies(ctx)) {
      std::string name = fd->getQualifiedNameAsString();
      if (!filter.empty() && name.find(filter) == std::string::npos)
        continue;
      const chcheck::ir::Skeleton *sk = skeletons.get(fd);
      if (!sk)
        continue;
      std::cout << "== " << name << (sk->hasEvents ? "" : " (no events)") << "\n"
                << chcheck::ir::render(*sk, skeletons.places(), ctx.getSourceManager());
    }
  }
};

class Action : public ASTFrontendAction {
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, StringRef) override {
    return std::make_unique<Consumer>();
  }
};

} // namespace

int main(int argc, const char **argv) {
  std::vector<std::string> files, flags;
  bool afterDashes = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (afterDashes)
      flags.push_back(a);
    else if (a == "--")
      afterDashes = true;
    else if (a == "--function" && i + 1 < argc)
      filter = argv[++i];
    else
      files.push_back(a);
  }
  if (files.empty()) {
    std::cerr << "usage: chcheck-dump-skeleton FILE... [--function NAME] -- FLAGS...\n";
    return 2;
  }
  flags.push_back("-resource-dir=" CHCHECK_CLANG_RESOURCE_DIR);
  tooling::FixedCompilationDatabase db(".", flags);
  tooling::ClangTool tool(db, files);
  return tool.run(tooling::newFrontendActionFactory<Action>().get()) == 0 ? 0 : 2;
}

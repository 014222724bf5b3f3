// The clang-tidy module `channel`: one check per rule of the catalog
// (rules/*.json), named channel-<rule name>.  A new rule file is a new check,
// with no edit here.
#include "ChannelCheck.h"
#include "HostVersion.h"

#include "chcheck/Catalog.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "llvm/Support/ErrorHandling.h"

#include <cstdio>
#include <cstdlib>

namespace chcheck::tidy {
namespace {

class ChannelModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &factories) override {
    const std::vector<RuleInfo> *catalog = nullptr;
    try {
      catalog = &builtinCatalog();
    } catch (const CatalogError &e) {
      // The build checks the rule files; this is a broken build of chcheck.
      llvm::report_fatal_error(llvm::Twine("chcheck-tidy: ") + e.what(), false);
    }
    for (const RuleInfo &rule : *catalog)
      factories.registerCheckFactory(
          rule.tidyCheckName(),
          [&rule](llvm::StringRef name, clang::tidy::ClangTidyContext *context) {
            return std::make_unique<ChannelCheck>(name, context, rule);
          });
  }
};

// Runs when the module is loaded, before it registers anything with
// clang-tidy: a clang-tidy of another release would crash on the first call
// into it, so say why and stop instead.
bool checkHostVersion() {
  std::string mismatch = versionMismatch(builtForVersion(), hostVersion());
  if (mismatch.empty())
    return true;
  std::fprintf(stderr, "%s\n", mismatch.c_str());
  std::_Exit(1);
}

const bool hostVersionChecked = checkHostVersion();

clang::tidy::ClangTidyModuleRegistry::Add<ChannelModule>
    registration("channel-module", "Channel lifecycle checks of chcheck (channel-*).");

} // namespace
} // namespace chcheck::tidy

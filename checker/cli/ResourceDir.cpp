#include "ResourceDir.h"

#include <clang/Basic/Version.h>
#include <clang/Driver/Driver.h>
#include <clang/Driver/Options.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <dlfcn.h>

namespace chcheck::cli {
namespace {

bool hasBuiltinHeaders(const std::string &dir) {
  return !dir.empty() && llvm::sys::fs::exists(dir + "/include/stddef.h");
}

} // namespace

ResourceDir findClangResourceDir() {
  // 1. Next to the libclang-cpp this process loaded: <libdir>/clang/<major>,
  //    which is where Clang's own packages put it.
  Dl_info info;
  if (dladdr(reinterpret_cast<void *>(&clang::driver::getDriverOptTable), &info) != 0 &&
      info.dli_fname) {
    llvm::SmallString<256> dir(llvm::sys::path::parent_path(info.dli_fname));
    llvm::sys::path::append(dir, "clang", CLANG_VERSION_MAJOR_STRING);
    if (hasBuiltinHeaders(std::string(dir)))
      return {std::string(dir), std::string("next to ") + info.dli_fname};
  }
  // 2. Where clang would look for a binary installed next to chcheck.
  std::string self = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  std::string besideSelf = clang::driver::Driver::GetResourcesPath(self);
  if (hasBuiltinHeaders(besideSelf))
    return {besideSelf, "relative to " + self};
  // 3. Where it was when chcheck was built.
  if (hasBuiltinHeaders(CHCHECK_CLANG_RESOURCE_DIR))
    return {CHCHECK_CLANG_RESOURCE_DIR, "the build machine's"};
  return {};
}

} // namespace chcheck::cli

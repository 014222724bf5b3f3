#include "HostVersion.h"

#include "llvm/Config/llvm-config.h"

#include <dlfcn.h>

#include <regex>

namespace chcheck::tidy {

std::string_view builtForVersion() { return LLVM_VERSION_STRING; }

std::string hostVersion() {
  using GetVersion = void (*)(unsigned *, unsigned *, unsigned *);
  if (void *symbol = dlsym(RTLD_DEFAULT, "LLVMGetVersion")) {
    unsigned major = 0, minor = 0, patch = 0;
    reinterpret_cast<GetVersion>(symbol)(&major, &minor, &patch);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  }
  // clang::getClangFullVersion() (every release): "Debian clang version 14.0.6".
  // Its signature, std::string(), has not changed since it was added.
  using FullVersion = std::string (*)();
  if (void *symbol = dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev")) {
    std::string text = reinterpret_cast<FullVersion>(symbol)();
    std::smatch m;
    if (std::regex_search(text, m, std::regex(R"(version (\d+\.\d+\.\d+))")))
      return m[1];
  }
  return "";
}

std::string versionMismatch(std::string_view builtFor, std::string_view host) {
  if (host == builtFor)
    return "";
  std::string loadedBy = host.empty() ? "a clang-tidy whose version cannot be read"
                                      : "clang-tidy " + std::string(host);
  return "chcheck-tidy: built for clang-tidy " + std::string(builtFor) + ", loaded by " +
         loadedBy + "; build chcheck against the clang-tidy that loads it (docs/clang-tidy.md)";
}

} // namespace chcheck::tidy

// A clang-tidy module is bound to the clang-tidy it was built against: its
// checks derive from clang-tidy's classes and call into Clang's C++ API,
// neither of which is stable across releases.  These read both versions
// without relying on that API, so a mismatch can be reported before any of
// it is touched.
#pragma once

#include <string>
#include <string_view>

namespace chcheck::tidy {

// "19.1.7": the LLVM release whose headers this module was compiled with.
std::string_view builtForVersion();

// "major.minor.patch" of the LLVM in this process (the clang-tidy that loaded
// the module), or "" when it cannot be read.  Uses C entry points found by
// name, never a C++ class: LLVMGetVersion (LLVM 16 and later), else the text
// of clang::getClangFullVersion().
std::string hostVersion();

// The one line to print when `host` is not `builtFor`; empty when they match.
std::string versionMismatch(std::string_view builtFor, std::string_view host);

} // namespace chcheck::tidy

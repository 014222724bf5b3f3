// Clang's resource directory (builtin headers such as <stddef.h>), found at
// run time so an installed chcheck works wherever it is put.
#pragma once

#include <string>

namespace chcheck::cli {

struct ResourceDir {
  std::string path;   // empty if none was found
  std::string origin; // how it was found, for --version
};

ResourceDir findClangResourceDir();

} // namespace chcheck::cli

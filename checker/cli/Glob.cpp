#include "Glob.h"

namespace chcheck::cli {

bool globMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty())
    return text.empty();
  if (pattern.substr(0, 2) == "**") {
    std::string_view rest = pattern.substr(2);
    // "**/x" also matches "x" (zero directories).
    if (rest.substr(0, 1) == "/" && globMatch(rest.substr(1), text))
      return true;
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (globMatch(rest, text.substr(i)))
        return true;
    return false;
  }
  if (pattern[0] == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (globMatch(pattern.substr(1), text.substr(i)))
        return true;
      if (i < text.size() && text[i] == '/')
        break;
    }
    return false;
  }
  if (text.empty())
    return false;
  if (pattern[0] == '?' ? text[0] != '/' : pattern[0] == text[0])
    return globMatch(pattern.substr(1), text.substr(1));
  return false;
}

} // namespace chcheck::cli

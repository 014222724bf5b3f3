#include "chcheck/Output.h"
#include "OutputCommon.h"

namespace chcheck {
namespace {

// The escape sequences clang's TextDiagnostic uses.
constexpr const char *kReset = "\033[0m";
constexpr const char *kBold = "\033[1m";
constexpr const char *kCaretColor = "\033[0;1;32m";

const char *severityColor(Severity s) {
  switch (s) {
  case Severity::Error: return "\033[0;1;31m";
  case Severity::Warning: return "\033[0;1;35m";
  case Severity::Note: return "\033[0;1;30m";
  }
  return kBold;
}

// One diagnostic line (`file:line:col: level: message`), then the source line
// and a caret under the column when the source is readable.
void emit(std::ostream &out, const SourcePoint &loc, Severity level, const std::string &message,
          const std::string &tag, SourceCache &sources, bool color) {
  if (color)
    out << kBold;
  out << loc.file << ':' << loc.line << ':' << loc.column << ": ";
  if (color)
    out << severityColor(level);
  out << severityText(level) << ": ";
  if (color)
    out << kReset << kBold;
  out << message;
  if (!tag.empty())
    out << " [" << tag << ']';
  if (color)
    out << kReset;
  out << '\n';

  auto text = sources.line(loc.file, loc.line);
  if (!text)
    return;
  out << *text << '\n';
  // Keep tabs so the caret lines up with the line above in any tab width.
  std::string indent;
  unsigned column = loc.column == 0 ? 1 : loc.column;
  for (std::size_t i = 0; i + 1 < column && i < text->size(); ++i)
    indent += (*text)[i] == '\t' ? '\t' : ' ';
  out << indent;
  if (color)
    out << kCaretColor;
  out << '^';
  if (color)
    out << kReset;
  out << '\n';
}

} // namespace

void renderText(std::ostream &out, const std::vector<Finding> &findings,
                const std::vector<RuleInfo> &catalog, SourceCache &sources,
                const RenderOptions &options) {
  for (const Finding &f : findings) {
    const RuleInfo *rule = ruleOf(catalog, f.ruleId);
    std::string tag = rule ? f.ruleId + " " + rule->name : f.ruleId;
    emit(out, f.loc, f.severity, f.message, tag, sources, options.color);
    for (const PathStep &step : f.path)
      emit(out, step.loc, Severity::Note, step.message, "", sources, options.color);
  }
}

} // namespace chcheck

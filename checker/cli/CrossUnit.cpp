#include "CrossUnit.h"

#include "Hash.h"
#include "SummaryCodec.h"

#include <set>

namespace chcheck::cli {

ProjectSummaries::ProjectSummaries(const std::vector<std::optional<TuResult>> &units) {
  units_.resize(units.size());
  // A function defined twice with different summaries (an ODR violation, or
  // two configurations of one file): neither is the callee, so none is used.
  std::set<std::string> conflicting;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::optional<TuResult> &r = units[i];
    if (!r || !r->error.empty() || r->skipped || !r->summaries)
      continue;
    units_[i] = decodeSummaries(*r->summaries);
    if (!units_[i])
      continue;
    for (const FunctionSummary &f : units_[i]->functions) {
      auto [it, inserted] = all_.emplace(f.usr, f);
      if (!inserted && !(it->second == f))
        conflicting.insert(f.usr);
    }
  }
  for (const std::string &usr : conflicting)
    all_.erase(usr);
}

std::vector<const TranslationUnitSummaries *> ProjectSummaries::units() const {
  std::vector<const TranslationUnitSummaries *> out;
  for (const auto &u : units_)
    out.push_back(u ? &*u : nullptr);
  return out;
}

SummaryIndex ProjectSummaries::importsOf(std::size_t i) const {
  SummaryIndex imports;
  if (!units_[i])
    return imports;
  for (const std::string &usr : units_[i]->unseenCallees)
    if (auto it = all_.find(usr); it != all_.end())
      imports.insert(*it);
  return imports;
}

std::string importsHash(const SummaryIndex &imports) {
  ContentHasher h;
  h.add("chcheck-imports/1");
  for (const auto &[usr, f] : imports)
    h.add(encodeFunction(f));
  return h.hex();
}

} // namespace chcheck::cli

// The catalog (rules/*.json) and the engine's rule units must list the same
// ids: a rule without metadata cannot be rendered, metadata without a rule
// promises a check that does not exist.
#include "chcheck/Catalog.h"
#include "chcheck/Engine.h"

#include <gtest/gtest.h>

TEST(CatalogMatchesEngine, SameRuleIds) {
  std::vector<std::string> catalogIds;
  for (const auto &rule : chcheck::builtinCatalog())
    catalogIds.push_back(rule.id);
  EXPECT_EQ(chcheck::implementedRuleIds(), catalogIds)
      << "rules/*.json and the engine's implementedRuleIds() disagree";
}

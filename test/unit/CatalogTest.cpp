#include "chcheck/Catalog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace chcheck;

namespace {

const char *kValid = R"({
  "id": "CH901", "name": "test-rule", "severity": "warning",
  "short": "A test rule", "full": "Finds nothing.", "rationale": "Tests.",
  "bad": "bad();", "good": "good();", "help_anchor": "ch901-test-rule",
  "precision": "high", "tags": ["concurrency", "channels"]
})";

// kValid with one field replaced (or removed when value is empty).
std::string withField(const std::string &key, const std::string &value) {
  nlohmann::json doc = nlohmann::json::parse(kValid);
  if (value.empty())
    doc.erase(key);
  else
    doc[key] = value;
  return doc.dump();
}

std::string errorOf(std::string_view fileName, const std::string &text) {
  try {
    parseRule(fileName, text);
  } catch (const CatalogError &e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(Catalog, ParsesAValidRule) {
  RuleInfo r = parseRule("CH901-test-rule.json", kValid);
  EXPECT_EQ(r.id, "CH901");
  EXPECT_EQ(r.name, "test-rule");
  EXPECT_EQ(r.severity, Severity::Warning);
  EXPECT_EQ(r.shortDescription, "A test rule");
  EXPECT_EQ(r.badExample, "bad();");
  EXPECT_EQ(r.tidyCheckName(), "channel-test-rule");
  EXPECT_EQ(r.docsPath(), "docs/rules/CH901.md");
  EXPECT_EQ(r.precision, "high");
  EXPECT_EQ(r.tags, (std::vector<std::string>{"concurrency", "channels"}));
  EXPECT_NE(r.helpUri().find("docs/rules/CH901.md#ch901-test-rule"), std::string::npos);
}

TEST(Catalog, RejectsMissingField) {
  for (const char *key : {"id", "name", "severity", "short", "full", "rationale", "bad", "good",
                          "help_anchor", "precision", "tags"}) {
    std::string error = errorOf("CH901-test-rule.json", withField(key, ""));
    EXPECT_NE(error.find(std::string("missing field '") + key + "'"), std::string::npos)
        << key << ": " << error;
    EXPECT_NE(error.find("rules/CH901-test-rule.json"), std::string::npos) << error;
  }
}

TEST(Catalog, RejectsBadValues) {
  EXPECT_NE(errorOf("CH9-test-rule.json", withField("id", "CH9")).find("not of the form CHnnn"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-Test_Rule.json", withField("name", "Test_Rule")).find("kebab-case"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-test--rule.json", withField("name", "test--rule")).find("kebab-case"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-test-rule.json", withField("severity", "fatal")).find("severity"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-test-rule.json", withField("short", "Ends with a period."))
                .find("period"),
            std::string::npos);
}

TEST(Catalog, RejectsBadPrecisionAndTags) {
  EXPECT_NE(errorOf("CH901-test-rule.json", withField("precision", "perfect"))
                .find("precision 'perfect' is not very-high, high, medium or low"),
            std::string::npos);
  nlohmann::json doc = nlohmann::json::parse(kValid);
  doc["tags"] = "concurrency";
  EXPECT_NE(errorOf("CH901-test-rule.json", doc.dump()).find("'tags' must be a list"),
            std::string::npos);
  doc["tags"] = nlohmann::json::array();
  EXPECT_NE(errorOf("CH901-test-rule.json", doc.dump()).find("'tags' must be a list"),
            std::string::npos);
  doc["tags"] = {"Concurrency"};
  EXPECT_NE(errorOf("CH901-test-rule.json", doc.dump()).find("tag \"Concurrency\" is not"),
            std::string::npos);
}

TEST(Catalog, FileNameMustMatchIdAndName) {
  EXPECT_NE(errorOf("CH902-test-rule.json", kValid).find("file name must be 'CH901-test-rule.json'"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-other.json", kValid).find("file name must be"), std::string::npos);
}

TEST(Catalog, RejectsMalformedJsonAndWrongTypes) {
  EXPECT_NE(errorOf("CH901-test-rule.json", "{ \"id\": ").find("malformed JSON"),
            std::string::npos);
  EXPECT_NE(errorOf("CH901-test-rule.json", "[1, 2]").find("must be an object"), std::string::npos);
  nlohmann::json numericDoc = nlohmann::json::parse(kValid);
  numericDoc["severity"] = 3;
  std::string numeric = numericDoc.dump();
  EXPECT_NE(errorOf("CH901-test-rule.json", numeric).find("'severity' must be a non-empty string"),
            std::string::npos);
  nlohmann::json fixitDoc = nlohmann::json::parse(kValid);
  fixitDoc["fixit"] = nlohmann::json::array();
  EXPECT_NE(errorOf("CH901-test-rule.json", fixitDoc.dump()).find("'fixit' must be a non-empty string"),
            std::string::npos);
  fixitDoc["fixit"] = "None: the fix needs the author.";
  EXPECT_EQ(errorOf("CH901-test-rule.json", fixitDoc.dump()), "");
  std::string extra = kValid;
  extra.insert(1, "\"colour\": \"red\",");
  EXPECT_NE(errorOf("CH901-test-rule.json", extra).find("unknown field 'colour'"),
            std::string::npos);
}

TEST(Catalog, SortsByIdAndRejectsDuplicates) {
  nlohmann::json secondDoc = nlohmann::json::parse(kValid);
  secondDoc["id"] = "CH900";
  secondDoc["name"] = "other-rule";
  std::string second = secondDoc.dump();
  auto rules = parseCatalog({{"CH901-test-rule.json", kValid}, {"CH900-other-rule.json", second}});
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].id, "CH900");
  EXPECT_EQ(rules[1].id, "CH901");

  EXPECT_THROW(parseCatalog({{"CH901-test-rule.json", kValid}, {"CH901-test-rule.json", kValid}}),
               CatalogError);
  std::string sameName = withField("id", "CH902");
  EXPECT_THROW(parseCatalog({{"CH901-test-rule.json", kValid}, {"CH902-test-rule.json", sameName}}),
               CatalogError);
}

TEST(Catalog, BuiltinCatalogIsEmbeddedAndValid) {
  const auto &catalog = builtinCatalog();
  ASSERT_FALSE(catalog.empty());
  const RuleInfo *ch101 = findRule(catalog, "CH101");
  ASSERT_NE(ch101, nullptr);
  EXPECT_EQ(ch101->name, "send-on-closed");
  EXPECT_EQ(ch101->severity, Severity::Error);
  EXPECT_EQ(ch101->sourceFile, "CH101-send-on-closed.json");
  for (std::size_t i = 1; i < catalog.size(); ++i)
    EXPECT_LT(catalog[i - 1].id, catalog[i].id);
}

TEST(Catalog, FindsRulesByIdOrName) {
  const auto &catalog = builtinCatalog();
  EXPECT_EQ(findRule(catalog, "send-on-closed"), findRule(catalog, "CH101"));
  EXPECT_EQ(findRule(catalog, "ch101"), findRule(catalog, "CH101"));
  EXPECT_EQ(findRule(catalog, "CH999"), nullptr);
  EXPECT_EQ(findRule(catalog, "channel-send-on-closed"), nullptr);
}

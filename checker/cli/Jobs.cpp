#include "Jobs.h"

#include "Hash.h"

#include <algorithm>
#include <sstream>
#include <tuple>

namespace chcheck::cli {
namespace {

// Rule ids from `enable` (all rules if empty) minus `disable`; `where`
// prefixes the error for an unknown rule.
std::set<std::string> selectRules(const std::vector<std::string> &enable,
                                  const std::vector<std::string> &disable,
                                  const std::vector<RuleInfo> &catalog, const std::string &where) {
  auto resolve = [&](const std::string &item) {
    const RuleInfo *rule = findRule(catalog, item);
    if (!rule)
      throw UsageError{where + "unknown rule '" + item + "' (see --list-rules)"};
    return rule->id;
  };
  std::set<std::string> enabled;
  if (enable.empty())
    for (const auto &r : catalog)
      enabled.insert(r.id);
  for (const auto &item : enable)
    enabled.insert(resolve(item));
  for (const auto &item : disable)
    enabled.erase(resolve(item));
  return enabled;
}

} // namespace

JobPlanner::JobPlanner(const Options &options, const std::vector<RuleInfo> &catalog,
                       ConfigFinder &configs, ArgumentEdits edits)
    : options_(options), catalog_(catalog), configs_(configs), adjuster_(std::move(edits)),
      cliRules_(commandLineRules(options, catalog)) {}

std::optional<std::set<std::string>>
JobPlanner::commandLineRules(const Options &options, const std::vector<RuleInfo> &catalog) {
  if (options.enable.empty() && options.disable.empty())
    return std::nullopt;
  return selectRules(options.enable, options.disable, catalog, "");
}

bool inShard(const std::string &file, const Shard &shard, const std::string &srcroot) {
  std::string key = relativeToRoot(file, srcroot).value_or(file);
  return stableHash(key) % shard.count == shard.index - 1;
}

JobList JobPlanner::plan(std::vector<CompileCommand> commands, const std::string &srcroot) {
  JobList out;
  std::map<const Config *, Job> settings; // per config: rules, budget, fail-on
  for (CompileCommand &command : commands) {
    const Config *config = configs_.forFile(command.file);
    if (config && config->excludes(command.file)) {
      ++out.excluded;
      continue;
    }
    if (options_.shard && !inShard(command.file, *options_.shard, srcroot))
      continue;
    auto it = settings.find(config);
    if (it == settings.end()) {
      Job s;
      s.config = config;
      if (cliRules_)
        s.engine.enabledRules = *cliRules_;
      else if (config && (config->enable || config->disable))
        s.engine.enabledRules =
            selectRules(config->enable.value_or(std::vector<std::string>{}),
                        config->disable.value_or(std::vector<std::string>{}), catalog_,
                        config->path + ": ");
      else
        s.engine.enabledRules = selectRules({}, {}, catalog_, "");
      s.engine.stateBudget = options_.stateBudget.value_or(
          config && config->stateBudget ? *config->stateBudget : EngineOptions{}.stateBudget);
      s.failOn = options_.failOn.value_or(config && config->failOn ? *config->failOn
                                                                   : Severity::Warning);
      it = settings.emplace(config, std::move(s)).first;
    }
    Job job = it->second;
    job.command = std::move(command);
    job.command.arguments = adjuster_.adjust(job.command.arguments, job.command.file);
    out.jobs.push_back(std::move(job));
  }

  auto key = [](const Job &j) {
    return std::tie(j.command.file, j.command.arguments, j.command.directory,
                    j.engine.enabledRules, j.engine.stateBudget);
  };
  std::stable_sort(out.jobs.begin(), out.jobs.end(),
                   [&](const Job &a, const Job &b) { return key(a) < key(b); });
  std::size_t before = out.jobs.size();
  out.jobs.erase(std::unique(out.jobs.begin(), out.jobs.end(),
                             [&](const Job &a, const Job &b) { return key(a) == key(b); }),
                 out.jobs.end());
  out.duplicates = before - out.jobs.size();

  if (!adjuster_.droppedUnknown().empty()) {
    std::ostringstream message;
    message << "ignoring compiler flags Clang does not know:";
    const char *separator = " ";
    for (const auto &[flag, count] : adjuster_.droppedUnknown()) {
      message << separator << flag << " (" << count << (count == 1 ? " command)" : " commands)");
      separator = ", ";
    }
    out.warnings.push_back({"", message.str(), true});
  }
  return out;
}

} // namespace chcheck::cli

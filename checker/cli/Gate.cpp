#include "Gate.h"

#include "Baseline.h"
#include "CrossUnit.h"
#include "DiffLines.h"
#include "FileUtil.h"
#include "Hash.h"
#include "Jobs.h"
#include "ResourceDir.h"
#include "ResultCache.h"
#include "ResultCodec.h"
#include "Summary.h"
#include "SuppressionReport.h"
#include "TuAnalysis.h"
#include "Workers.h"

#include "chcheck/Output.h"
#include "chcheck/Suppression.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <tuple>

namespace chcheck::cli {
namespace {

constexpr std::uint64_t kDefaultCacheBytes = 1ULL << 30;

// A finding with the lowest --fail-on of the translation units that found it.
struct GateFinding {
  Finding finding;
  Severity failOn;
};

auto findingKey(const Finding &f) {
  return std::tie(f.loc, f.ruleId, f.message, f.severity, f.subject, f.function);
}

std::string normalizedRoot(const std::string &srcroot) {
  return absolutePath(srcroot.empty() ? "." : srcroot);
}

bool onChangedLine(const Finding &f, const ChangedLines &changed) {
  auto hit = [&](const SourcePoint &p) {
    auto it = changed.find(p.file);
    return it != changed.end() && it->second.count(p.line) > 0;
  };
  if (hit(f.loc))
    return true;
  for (const PathStep &s : f.path)
    if (hit(s.loc))
      return true;
  for (const ThreadFlow &t : f.threads)
    for (const PathStep &s : t.steps)
      if (hit(s.loc))
        return true;
  return false;
}

bool touchesChangedFile(const TuResult &scan, const ChangedLines &changed) {
  for (const FileDigest &d : scan.files) {
    auto it = changed.find(absolutePath(d.path));
    if (it != changed.end() && !it->second.empty())
      return true;
  }
  return false;
}

// Runs `analyse` in the command's directory (in a worker process: the
// change of directory is the worker's own).
template <typename Analyse> TuResult inDirectoryOf(const CompileCommand &command, Analyse analyse) {
  if (::chdir(command.directory.c_str()) != 0) {
    TuResult failed;
    failed.error = "cannot change into " + command.directory;
    return failed;
  }
  return analyse();
}

// Where results are cached, if anywhere: --cache-dir, else next to the
// compilation database.
std::optional<std::string> cacheDirectory(const Options &o) {
  if (o.noCache)
    return std::nullopt;
  if (o.cacheDir)
    return absolutePath(*o.cacheDir);
  if (o.compileDatabase.empty())
    return std::nullopt;
  std::filesystem::path db(absolutePath(o.compileDatabase));
  std::error_code ec;
  if (!std::filesystem::is_directory(db, ec))
    db = db.parent_path();
  return (db / "chcheck-cache").string();
}

class GateRun {
public:
  GateRun(const Options &o, const std::vector<RuleInfo> &catalog)
      : o_(o), catalog_(catalog), srcroot_(normalizedRoot(o.srcroot)) {}
  int run();

private:
  std::vector<CompileCommand> readCommands();
  void analyse(const std::vector<Job> &jobs);
  void analyseWithSummaries(const std::vector<Job> &jobs, const std::vector<std::string> &keys);
  void report(const std::vector<GateFinding> &inScope, const std::vector<std::string> &prints,
              const std::vector<bool> &isNew);
  bool writeOutput(const std::optional<std::string> &file, const std::string &text);

  const Options &o_;
  const std::vector<RuleInfo> &catalog_;
  const std::string srcroot_;
  std::vector<ToolError> problems_; // errors and warnings, in the order found
  std::optional<ChangedLines> changed_;
  std::optional<Baseline> baseline_;
  std::unique_ptr<ResultCache> cache_;
  std::vector<std::optional<TuResult>> results_; // per job
  std::optional<ProjectSummaries> project_;      // a whole-project run's phase-1 summaries
  RunCounts counts_;
  EngineStats stats_;
};

std::vector<CompileCommand> GateRun::readCommands() {
  CommandList list;
  if (o_.compileDatabase.empty()) {
    list = commandsForSources(o_.sources, o_.flags);
  } else {
    list = readCompileDatabase(o_.compileDatabase);
    if (!o_.sources.empty() && !list.commands.empty())
      list = selectSources(std::move(list), o_.sources);
  }
  list = checkInputs(std::move(list));
  problems_.insert(problems_.end(), list.errors.begin(), list.errors.end());
  return std::move(list.commands);
}

void GateRun::analyse(const std::vector<Job> &jobs) {
  results_.assign(jobs.size(), std::nullopt);
  // Phase 1 of a whole-project run exports each unit's summaries; a single
  // file has no other unit to tell.
  const bool wholeProject = jobs.size() > 1;
  std::vector<std::string> keys(jobs.size());
  std::vector<std::size_t> pending; // indices of jobs to analyse now
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (cache_) {
      keys[i] = cache_->key(jobs[i].command, jobs[i].engine);
      if ((results_[i] = cache_->lookup(keys[i], wholeProject))) {
        ++counts_.cached;
        continue;
      }
      // Diff mode: the includes of an earlier scan, while still valid, tell
      // without a worker whether the change touches the unit.
      if (changed_) {
        auto scan = cache_->lookupScan(keys[i]);
        if (scan && !touchesChangedFile(*scan, *changed_)) {
          results_[i] = std::move(scan);
          continue;
        }
      }
    }
    pending.push_back(i);
  }
  bool progress = o_.progress.value_or(isatty(STDERR_FILENO) == 1);
  std::size_t started = 0;
  runInWorkers(
      pending.size(), o_.jobs,
      [&](std::size_t k) {
        const Job &job = jobs[pending[k]];
        return encodeResult(inDirectoryOf(job.command, [&] {
          if (changed_) {
            TuResult scan = scanIncludes(job.command);
            if (scan.error.empty() && !touchesChangedFile(scan, *changed_)) {
              scan.skipped = true;
              return scan;
            }
          }
          return analyseCommand(job.command, job.engine, wholeProject);
        }));
      },
      [&](std::size_t k) {
        if (progress)
          std::cerr << '[' << ++started << '/' << pending.size() << "] "
                    << jobs[pending[k]].command.file << std::endl;
      },
      [&](std::size_t k, WorkerOutcome outcome) {
        std::size_t i = pending[k];
        const std::string &file = jobs[i].command.file;
        std::optional<TuResult> result;
        if (outcome.completed)
          result = decodeResult(outcome.payload);
        if (!result) {
          result.emplace();
          result->error = "internal error while analysing " + file + ": the analysis " +
                          (outcome.completed ? "returned an unreadable result" : outcome.failure) +
                          "; the other files are still analysed (please report it with the file)";
        }
        if (cache_)
          cache_->store(keys[i], *result);
        results_[i] = std::move(result);
      });
  if (wholeProject)
    analyseWithSummaries(jobs, keys);
  if (cache_)
    cache_->evict();
}

// Phase 2: each unit that calls a function another unit summarised is
// analysed again with those summaries (cached under its phase-1 key and
// their hash, so an edit elsewhere that leaves them alone costs nothing).
// Its phase-1 result stands if this fails: phase 2 only adds what calls
// across files show.
void GateRun::analyseWithSummaries(const std::vector<Job> &jobs, const std::vector<std::string> &keys) {
  project_.emplace(results_);
  const ProjectSummaries &project = *project_;
  if (project.empty())
    return;
  std::vector<SummaryIndex> imports(jobs.size());
  std::vector<std::string> phase2Keys(jobs.size());
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    imports[i] = project.importsOf(i);
    if (imports[i].empty())
      continue;
    if (cache_) {
      phase2Keys[i] = contentHash(keys[i] + "/" + importsHash(imports[i]));
      if (auto cached = cache_->lookup(phase2Keys[i])) {
        results_[i] = std::move(cached);
        ++counts_.withSummariesCached;
        continue;
      }
    }
    pending.push_back(i);
  }
  bool progress = o_.progress.value_or(isatty(STDERR_FILENO) == 1);
  std::size_t started = 0;
  runInWorkers(
      pending.size(), o_.jobs,
      [&](std::size_t k) {
        std::size_t i = pending[k];
        return encodeResult(inDirectoryOf(jobs[i].command, [&] {
          return analyseCommand(jobs[i].command, jobs[i].engine, false, &imports[i]);
        }));
      },
      [&](std::size_t k) {
        if (progress)
          std::cerr << '[' << ++started << '/' << pending.size() << "] " << jobs[pending[k]].command.file
                    << " (calls into other files)" << std::endl;
      },
      [&](std::size_t k, WorkerOutcome outcome) {
        std::size_t i = pending[k];
        std::optional<TuResult> result;
        if (outcome.completed)
          result = decodeResult(outcome.payload);
        if (!result || !result->error.empty()) {
          problems_.push_back({jobs[i].command.file,
                               "cannot analyse " + jobs[i].command.file +
                                   " with the summaries of other files (" +
                                   (result ? result->error : outcome.completed ? "unreadable result" : outcome.failure) +
                                   "): its calls into other files are unknown calls",
                               true});
          return;
        }
        if (cache_)
          cache_->store(phase2Keys[i], *result);
        results_[i] = std::move(result);
        ++counts_.withSummaries;
      });
}

bool GateRun::writeOutput(const std::optional<std::string> &file, const std::string &text) {
  if (!file) {
    std::cout << text << std::flush;
    return true;
  }
  std::string error;
  if (writeAtomically(*file, text, error))
    return true;
  std::cerr << "chcheck: error: cannot write " << *file << ": " << error << '\n';
  return false;
}

int GateRun::run() {
  // Inputs that stop the run at once when malformed: before any analysis.
  for (const std::string &path : o_.baselines) {
    Baseline b = readBaseline(path);
    if (!baseline_)
      baseline_.emplace();
    baseline_->entries.insert(baseline_->entries.end(), b.entries.begin(), b.entries.end());
  }
  if (o_.diffFile || o_.since) {
    std::string cwd = absolutePath(".");
    if (o_.since) {
      changed_ = changedSince(*o_.since, cwd);
    } else {
      std::string error;
      auto diff = readInput(*o_.diffFile, error);
      if (!diff)
        throw UsageError{"cannot read diff " + *o_.diffFile + ": " + error};
      std::string top = gitTopLevel(cwd);
      changed_ = parseUnifiedDiff(*diff, top.empty() ? srcroot_ : top,
                                  *o_.diffFile == "-" ? "<stdin>" : *o_.diffFile);
    }
  }
  ResourceDir resourceDir = findClangResourceDir();
  ArgumentEdits edits;
  edits.before = o_.extraArgsBefore;
  if (!o_.compileDatabase.empty())
    edits.after = o_.flags; // without a database they are the commands' flags already
  edits.after.insert(edits.after.end(), o_.extraArgs.begin(), o_.extraArgs.end());
  edits.removeGlobs = o_.removeArgs;
  edits.resourceDir = resourceDir.path;
  if (auto dir = cacheDirectory(o_)) {
    cache_ = std::make_unique<ResultCache>(
        *dir, o_.cacheSizeBytes.value_or(kDefaultCacheBytes), ResultCache::currentToolId());
    std::string error;
    if (!cache_->open(error)) {
      problems_.push_back({"", error + "; running without the cache", true});
      cache_.reset();
    }
  }

  ConfigFinder configs;
  JobPlanner planner(o_, catalog_, configs, edits);
  std::vector<CompileCommand> commands = readCommands();
  if (resourceDir.path.empty() && !commands.empty())
    problems_.push_back({"", "cannot find Clang's builtin headers (resource directory); pass "
                             "--extra-arg=-resource-dir=<dir> if <stddef.h> is not found",
                         true});
  JobList plan = planner.plan(std::move(commands), srcroot_);
  problems_.insert(problems_.end(), plan.warnings.begin(), plan.warnings.end());
  counts_.units = plan.jobs.size();
  counts_.excluded = plan.excluded;
  analyse(plan.jobs);
  std::vector<GateFinding> all;
  if (project_) {
    // A unit whose rules leave CH204 out takes no part.
    std::vector<const TranslationUnitSummaries *> units = project_->units();
    for (std::size_t i = 0; i < units.size(); ++i)
      if (!plan.jobs[i].engine.enabledRules.count("CH204"))
        units[i] = nullptr;
    EngineOptions lockRules;
    lockRules.enabledRules = {"CH204"};
    Severity failOn = Severity::Error; // the strictest of the units'
    for (const Job &job : plan.jobs)
      failOn = std::min(failOn, job.failOn);
    for (Finding &f : checkProject(units, lockRules))
      all.push_back({std::move(f), failOn});
  }

  // Merge: each unit's findings outside its config's excluded paths.
  std::set<std::string> userFiles;
  for (std::size_t i = 0; i < plan.jobs.size(); ++i) {
    const Job &job = plan.jobs[i];
    const TuResult &r = *results_[i];
    if (!r.error.empty()) {
      problems_.push_back({job.command.file, r.error});
      ++counts_.failed;
      continue;
    }
    if (r.skipped) {
      ++counts_.skipped;
      continue;
    }
    addStats(stats_, r.stats);
    for (const FileDigest &d : r.files) {
      std::string file = absolutePath(d.path); // as findings name it
      if (!d.system && !(job.config && job.config->excludes(file)))
        userFiles.insert(file);
    }
    for (const Finding &f : r.findings)
      if (!(job.config && job.config->excludes(f.loc.file)))
        all.push_back({f, job.failOn});
  }
  counts_.analysed = plan.jobs.size() - counts_.cached - counts_.skipped - counts_.failed;
  // Headers shared by several units yield the same finding more than once.
  std::sort(all.begin(), all.end(), [](const GateFinding &a, const GateFinding &b) {
    return findingKey(a.finding) < findingKey(b.finding);
  });
  std::vector<GateFinding> merged;
  for (GateFinding &g : all) {
    if (!merged.empty() && findingKey(merged.back().finding) == findingKey(g.finding))
      merged.back().failOn = std::min(merged.back().failOn, g.failOn);
    else
      merged.push_back(std::move(g));
  }

  // Suppression comments.
  SourceCache sources;
  {
    std::vector<Finding> unsuppressed;
    for (const GateFinding &g : merged)
      unsuppressed.push_back(g.finding);
    auto warnings = suppressionWarnings({userFiles.begin(), userFiles.end()}, unsuppressed,
                                        catalog_, sources, o_.reportUnusedSuppressions);
    problems_.insert(problems_.end(), warnings.begin(), warnings.end());
  }
  std::vector<GateFinding> kept;
  for (GateFinding &g : merged) {
    const Finding &f = g.finding;
    const RuleInfo *rule = findRule(catalog_, f.ruleId);
    std::string same = sources.line(f.loc.file, f.loc.line).value_or("");
    std::string previous =
        f.loc.line > 1 ? sources.line(f.loc.file, f.loc.line - 1).value_or("") : "";
    if (!suppresses(same, previous, f.ruleId, rule ? std::string_view(rule->name) : ""))
      kept.push_back(std::move(g));
  }

  // Fingerprints over the whole run, before diff mode and the baseline pick
  // a subset: occurrence counts must not depend on what is reported.
  std::vector<Finding> plain;
  for (const GateFinding &g : kept)
    plain.push_back(g.finding);
  std::vector<std::string> prints = fingerprints(plain, sources, srcroot_);

  bool ok = true;
  if (o_.writeBaseline) {
    std::vector<BaselineEntry> entries;
    for (std::size_t i = 0; i < plain.size(); ++i)
      entries.push_back({prints[i], plain[i].ruleId,
                         relativeToRoot(plain[i].loc.file, srcroot_).value_or(plain[i].loc.file),
                         plain[i].loc.line, plain[i].function, plain[i].message});
    ok = writeOutput(o_.writeBaseline, baselineText(entries, CHCHECK_VERSION)) && ok;
  }

  std::vector<GateFinding> inScope;
  std::vector<std::string> scopePrints;
  for (std::size_t i = 0; i < kept.size(); ++i)
    if (!changed_ || onChangedLine(kept[i].finding, *changed_)) {
      inScope.push_back(std::move(kept[i]));
      scopePrints.push_back(prints[i]);
    }

  std::vector<bool> isNew(inScope.size(), true);
  if (baseline_) {
    counts_.hasBaseline = true;
    auto remaining = baseline_->counts();
    // A finding matches a baseline entry with its fingerprint, each entry once.
    for (std::size_t i = 0; i < plain.size(); ++i) {
      auto it = remaining.find(prints[i]);
      if (it != remaining.end() && it->second > 0)
        --it->second;
    }
    auto inBaseline = baseline_->counts();
    for (std::size_t i = 0; i < inScope.size(); ++i)
      isNew[i] = inBaseline.count(scopePrints[i]) == 0;
    // Resolved: entries nothing matched, in files this run analysed.
    std::set<std::string> analysedFiles;
    for (const std::string &f : userFiles)
      analysedFiles.insert(relativeToRoot(f, srcroot_).value_or(f));
    for (const BaselineEntry &e : baseline_->entries) {
      auto it = remaining.find(e.fingerprint);
      if (it == remaining.end() || it->second == 0 || !analysedFiles.count(e.file))
        continue;
      --it->second;
      ++counts_.resolved;
      if (o_.baselineReport)
        std::cerr << "chcheck: resolved: " << e.file << ':' << e.line << ": " << e.message << " ["
                  << e.ruleId << "] (in " << e.function << ")\n";
    }
  }

  for (const ToolError &p : problems_)
    std::cerr << "chcheck: " << (p.warning ? "warning: " : "error: ") << p.message << '\n';
  counts_.toolErrors = static_cast<std::size_t>(std::count_if(
      problems_.begin(), problems_.end(), [](const ToolError &p) { return !p.warning; }));

  std::vector<Finding> reported;
  std::vector<std::string> reportedPrints;
  bool failing = false;
  for (std::size_t i = 0; i < inScope.size(); ++i) {
    if (!isNew[i])
      continue;
    failing = failing || inScope[i].finding.severity >= inScope[i].failOn;
    reported.push_back(inScope[i].finding);
    reportedPrints.push_back(scopePrints[i]);
  }

  RenderOptions render;
  render.srcroot = srcroot_;
  render.toolVersion = CHCHECK_VERSION;
  render.sarifCategory = o_.sarifCategory;
  render.fingerprints = reportedPrints;
  render.color = o_.color == "always" ||
                 (o_.color == "auto" && !o_.outputFile && isatty(STDOUT_FILENO) == 1);
  std::ostringstream text;
  if (o_.format == "json")
    renderJson(text, reported, problems_, catalog_, sources, render);
  else if (o_.format == "sarif")
    renderSarif(text, reported, problems_, catalog_, sources, render);
  else if (o_.format == "codeclimate")
    renderCodeClimate(text, reported, sources, render);
  else
    renderText(text, reported, catalog_, sources, render);
  if (o_.format == "sarif" && reported.size() > kSarifMaxResults)
    std::cerr << "chcheck: warning: the SARIF report keeps the " << kSarifMaxResults
              << " most severe of " << reported.size()
              << " findings: code scanning accepts no more per run\n";
  ok = writeOutput(o_.outputFile, text.str()) && ok;
  if (o_.graphFile) {
    std::ostringstream dot;
    renderWaitGraph(dot, reported, render);
    ok = writeOutput(o_.graphFile, dot.str()) && ok;
  }

  if (o_.summary) {
    std::vector<Finding> scope;
    for (const GateFinding &g : inScope)
      scope.push_back(g.finding);
    printSummary(std::cerr, scope, isNew, counts_, catalog_);
  }
  if (o_.stats)
    printStats(std::cerr, stats_, counts_);

  if (counts_.toolErrors > 0 || !ok)
    return kExitToolError;
  return failing ? kExitFindings : kExitClean;
}

} // namespace

int runGate(const Options &options, const std::vector<RuleInfo> &catalog) {
  return GateRun(options, catalog).run();
}

} // namespace chcheck::cli

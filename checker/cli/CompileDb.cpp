#include "CompileDb.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/StringSaver.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

#include "FileUtil.h"

namespace chcheck::cli {

std::string absolutePath(const std::string &path, const std::string &base) {
  std::filesystem::path p(path);
  if (p.is_relative()) {
    std::error_code ec;
    p = (base.empty() ? std::filesystem::current_path(ec) : std::filesystem::path(base)) / p;
  }
  std::string out = p.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/')
    out.pop_back();
  return out;
}

namespace {

// nlohmann's message without its exception id: "line 1, column 46: syntax
// error while parsing object - unexpected string literal; expected '}'".
std::string jsonErrorText(const nlohmann::json::parse_error &e) {
  std::string what = e.what();
  auto at = what.find("parse error at ");
  return at == std::string::npos ? what : what.substr(at + 15);
}

std::vector<std::string> tokenize(const std::string &command) {
  llvm::BumpPtrAllocator allocator;
  llvm::StringSaver saver(allocator);
  llvm::SmallVector<const char *, 64> argv;
  llvm::cl::TokenizeGNUCommandLine(command, saver, argv);
  return {argv.begin(), argv.end()};
}

} // namespace

CommandList readCompileDatabase(const std::string &given) {
  CommandList list;
  std::string path = given;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    path = (std::filesystem::path(path) / "compile_commands.json").string();
  std::string error;
  auto text = readInput(path, error);
  const std::string prefix = "cannot load compilation database " + path + ": ";
  if (!text) {
    list.errors.push_back({path, prefix + error});
    return list;
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error &e) {
    std::string why = e.byte >= text->size() ? "the JSON ends early (a truncated file?)"
                                             : "not valid JSON: " + jsonErrorText(e);
    list.errors.push_back({path, prefix + why});
    return list;
  }
  if (!doc.is_array()) {
    list.errors.push_back({path, prefix + "not a JSON array of compile commands"});
    return list;
  }
  if (doc.empty()) {
    list.errors.push_back({path, "the compilation database has no entries"});
    return list;
  }
  const std::string databaseDir = absolutePath(std::filesystem::path(path).parent_path().string());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const nlohmann::json &entry = doc[i];
    std::string where = path + " entry " + std::to_string(i + 1);
    auto text = [&](const char *key) -> std::optional<std::string> {
      if (!entry.is_object() || !entry.contains(key) || !entry[key].is_string())
        return std::nullopt;
      return entry[key].get<std::string>();
    };
    auto file = text("file"), directory = text("directory"), command = text("command");
    std::vector<std::string> arguments;
    if (entry.is_object() && entry.contains("arguments")) {
      bool ok = entry["arguments"].is_array() && !entry["arguments"].empty();
      for (const auto &a : ok ? entry["arguments"] : nlohmann::json::array())
        if (a.is_string())
          arguments.push_back(a.get<std::string>());
        else
          ok = false;
      if (!ok) {
        list.errors.push_back({where, where + ": \"arguments\" must be a list of strings"});
        continue;
      }
    } else if (command) {
      arguments = tokenize(*command);
    }
    if (!file || !directory || arguments.empty()) {
      list.errors.push_back(
          {where, where + ": needs \"directory\", \"file\" and \"arguments\" or \"command\""});
      continue;
    }
    CompileCommand c;
    // The database standard: `directory` is absolute; `file` is relative to it.
    c.directory = absolutePath(*directory, databaseDir);
    c.file = absolutePath(*file, c.directory);
    c.arguments = std::move(arguments);
    list.commands.push_back(std::move(c));
  }
  return list;
}

CommandList selectSources(CommandList all, const std::vector<std::string> &sources) {
  CommandList out;
  out.errors = std::move(all.errors);
  std::set<std::string> done;
  for (const std::string &source : sources) {
    std::string file = absolutePath(source);
    if (!done.insert(file).second)
      continue;
    bool found = false;
    for (const CompileCommand &c : all.commands)
      if (c.file == file) {
        out.commands.push_back(c);
        found = true;
      }
    if (!found) {
      struct stat st;
      if (::stat(file.c_str(), &st) != 0)
        out.errors.push_back({file, "no such file: " + file});
      else
        out.errors.push_back({file, file + " is not in the compilation database"});
    }
  }
  return out;
}

CommandList commandsForSources(const std::vector<std::string> &sources,
                               const std::vector<std::string> &flags) {
  CommandList out;
  std::string cwd = absolutePath(".");
  for (const std::string &source : sources) {
    CompileCommand c;
    c.file = absolutePath(source);
    c.directory = cwd;
    // The driver name decides nothing here: the file's extension picks the
    // language, as with FixedCompilationDatabase.
    c.arguments.push_back("clang-tool");
    c.arguments.insert(c.arguments.end(), flags.begin(), flags.end());
    c.arguments.push_back(c.file);
    out.commands.push_back(std::move(c));
  }
  return out;
}

CommandList checkInputs(CommandList list) {
  CommandList out;
  out.errors = std::move(list.errors);
  std::set<std::string> reported;
  for (CompileCommand &c : list.commands) {
    auto fail = [&](std::string message) {
      if (reported.insert(c.file).second)
        out.errors.push_back({c.file, std::move(message)});
    };
    struct stat st;
    if (::stat(c.file.c_str(), &st) != 0) {
      fail(errno == ENOENT ? "no such file: " + c.file
                           : "cannot read " + c.file + ": " + std::strerror(errno));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      fail("cannot read " + c.file + ": it is a directory");
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      const char *kind = S_ISFIFO(st.st_mode)   ? "a FIFO"
                         : S_ISCHR(st.st_mode)  ? "a character device"
                         : S_ISBLK(st.st_mode)  ? "a block device"
                         : S_ISSOCK(st.st_mode) ? "a socket"
                                                : "not a regular file";
      fail("cannot analyse " + c.file + ": it is " + kind + ", not a regular file");
      continue;
    }
    if (::access(c.file.c_str(), R_OK) != 0) {
      fail("cannot read " + c.file + ": " + std::strerror(errno));
      continue;
    }
    if (::stat(c.directory.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      fail("cannot analyse " + c.file + ": the directory of its compile command, " +
           c.directory + ", does not exist");
      continue;
    }
    out.commands.push_back(std::move(c));
  }
  return out;
}

} // namespace chcheck::cli

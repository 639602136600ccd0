#include "io/read_any.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include <fmt/format.h>

#include "base/codes.h"
#include "io/tjp/tjp_reader.h"
#include "model/validate.h"

namespace cairn::io {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trim_front(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  return s;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  return line.substr(0, word.size()) == word &&
         (line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t');
}

// The first key of a JSON object (`body` starts with '{'), empty when there is none in the head.
std::string_view first_json_key(std::string_view body) {
  body = trim_front(body.substr(1));
  if (body.empty() || body.front() != '"') return {};
  const size_t end = body.find('"', 1);
  return end == std::string_view::npos ? std::string_view{} : body.substr(1, end - 1);
}

std::optional<InputFormat> json_kind(std::string_view body) {
  if (body.front() == '[') return InputFormat::kGithubJson;
  const std::string_view key = first_json_key(body);
  if (key == "issues" || key == "events") return InputFormat::kGithubJson;
  if (key == "program" || key == "include" || key == "teams" || key == "items")
    return InputFormat::kPlanJson;
  if (body.find("\"program\"") != std::string_view::npos) return InputFormat::kPlanJson;
  if (body.find("\"issues\"") != std::string_view::npos) return InputFormat::kGithubJson;
  return std::nullopt;
}

// The first line that is not blank or a comment tells a TaskJuggler file (`project`, `macro`,
// `include "..."`, a property keyword) from a YAML plan (`key:`).
std::optional<InputFormat> text_kind(std::string_view body) {
  bool in_block_comment = false;
  while (!body.empty()) {
    const size_t eol = body.find('\n');
    std::string_view line = trim_front(body.substr(0, eol));
    body = eol == std::string_view::npos ? std::string_view{} : body.substr(eol + 1);
    if (in_block_comment) {
      if (line.find("*/") != std::string_view::npos) in_block_comment = false;
      continue;
    }
    if (line.substr(0, 2) == "/*") {
      in_block_comment = line.find("*/", 2) == std::string_view::npos;
      continue;
    }
    if (line.empty() || line.front() == '#' || line.substr(0, 2) == "//" || line == "---") continue;
    static constexpr std::array<std::string_view, 9> kTjpWords = {
        "project", "macro", "include",    "resource", "task",
        "account", "shift", "supplement", "flags"};
    for (std::string_view w : kTjpWords)
      if (starts_with_word(line, w)) return InputFormat::kTjp;
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && colon > 0 && line.find_first_of(" \t\"'{[") > colon)
      return InputFormat::kPlan;
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<InputFormat> by_extension(const std::string& path, std::string_view body) {
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  if (ext == ".yaml" || ext == ".yml") return InputFormat::kPlan;
  if (ext == ".tjp" || ext == ".tji") return InputFormat::kTjp;
  if (ext == ".xml" || ext == ".mspdi") return InputFormat::kMspdi;
  if (ext == ".csv") return InputFormat::kJiraCsv;
  if (ext == ".json")
    return !body.empty() && body.front() == '{' ? InputFormat::kPlanJson : InputFormat::kGithubJson;
  return std::nullopt;
}

bool is_plan(InputFormat f) {
  return f == InputFormat::kPlan || f == InputFormat::kPlanJson;
}

// The first 4 KiB of a file (empty for a directory or an unreadable file: the reader reports it).
std::string head_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in ? head.size() : in.gcount()));
  return head;
}

std::unexpected<Error> unknown_format(const std::string& path, std::string message) {
  return std::unexpected(Error{codes::kUnknownFormat, std::move(message), Location{path, 0, 0, {}},
                               fmt::format("Cairn reads: {}", accepted_formats())});
}

// The format `path` is read as: the content's, else the hint's, else the extension's.
Result<InputFormat> choose_format(const std::string& path, std::optional<InputFormat> hint) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    if (hint && !is_plan(*hint))
      return unknown_format(path, fmt::format("a directory is read as a plan directory, not as {}",
                                              to_string(*hint)));
    return InputFormat::kPlan;
  }
  if (!std::filesystem::exists(path, ec)) return hint.value_or(InputFormat::kPlan);
  bool by_content = false;
  const auto detected = detect_input_format(head_of(path), path, &by_content);
  if (hint) {
    if (!detected || !by_content || *detected == *hint || (is_plan(*detected) && is_plan(*hint)))
      return *hint;
    return std::unexpected(Error{codes::kUnknownFormat,
                                 fmt::format("the file looks like {}, not {} as --format says",
                                             to_string(*detected), to_string(*hint)),
                                 Location{path, 0, 0, {}},
                                 fmt::format("leave --format out to read it as {}; Cairn reads: {}",
                                             to_string(*detected), accepted_formats())});
  }
  if (!detected)
    return unknown_format(path, "cannot tell what kind of file this is from its content or name");
  return *detected;
}

Result<AnyInput> read_import(const std::string& path, InputFormat f, Diagnostics& diags,
                             const ReadAnyOptions& options) {
  auto imported = import_file(path, import_format(f), options.import, diags);
  if (!imported) return std::unexpected(imported.error());
  AnyInput in;
  in.format = f;
  in.plan.program = std::move(imported->program);
  in.plan.sources = std::move(imported->sources);
  in.plan.files = {path};
  // The importers ran the limit checks already (import.h); the rest of validate() here.
  if (options.validate_imports) check_semantics(in.plan.program, in.plan.sources, diags);
  return in;
}

}  // namespace

std::optional<ImportFormat> import_format(InputFormat f) {
  switch (f) {
    case InputFormat::kMspdi:
      return ImportFormat::kMspdi;
    case InputFormat::kJiraCsv:
      return ImportFormat::kJiraCsv;
    case InputFormat::kGithubJson:
      return ImportFormat::kGithubJson;
    default:
      return std::nullopt;
  }
}

const char* to_string(InputFormat f) {
  switch (f) {
    case InputFormat::kPlan:
      return "plan";
    case InputFormat::kPlanJson:
      return "plan-json";
    case InputFormat::kTjp:
      return "tjp";
    case InputFormat::kMspdi:
      return "mspdi";
    case InputFormat::kJiraCsv:
      return "jira-csv";
    case InputFormat::kGithubJson:
      return "github-json";
  }
  return "?";
}

std::optional<InputFormat> parse_input_format(std::string_view text) {
  using F = InputFormat;
  static constexpr std::pair<std::string_view, InputFormat> kNames[] = {
      {"plan", F::kPlan},
      {"yaml", F::kPlan},
      {"yml", F::kPlan},
      {"plan-json", F::kPlanJson},
      {"json", F::kPlanJson},
      {"tjp", F::kTjp},
      {"tji", F::kTjp},
      {"taskjuggler", F::kTjp},
      {"mspdi", F::kMspdi},
      {"msproject", F::kMspdi},
      {"ms-project", F::kMspdi},
      {"xml", F::kMspdi},
      {"jira-csv", F::kJiraCsv},
      {"jira", F::kJiraCsv},
      {"github-json", F::kGithubJson},
      {"github", F::kGithubJson}};
  const std::string t = ascii_lower(text);
  for (const auto& [name, f] : kNames)
    if (t == name) return f;
  return std::nullopt;
}

const char* accepted_formats() {
  return "a YAML plan (plan), the canonical JSON plan (plan-json), TaskJuggler .tjp (tjp), MS "
         "Project XML (mspdi), a Jira CSV export (jira-csv), a GitHub issues JSON export "
         "(github-json)";
}

std::optional<InputFormat> detect_input_format(std::string_view head, const std::string& path,
                                               bool* by_content) {
  if (by_content) *by_content = true;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const std::string_view body = trim_front(head);
  if (!body.empty() && body.front() == '<')
    return head.find("<Project") != std::string_view::npos ? std::optional(InputFormat::kMspdi)
                                                           : std::nullopt;
  if (!body.empty() && (body.front() == '[' || body.front() == '{'))
    if (auto f = json_kind(body)) return f;
  if (ascii_lower(body.substr(0, body.find_first_of("\r\n"))).find("issue key") !=
      std::string::npos)
    return InputFormat::kJiraCsv;
  if (!body.empty() && body.front() != '[' && body.front() != '{')
    if (auto f = text_kind(body)) return f;
  if (by_content) *by_content = false;
  return by_extension(path, body);
}

Result<AnyInput> read_any(const std::vector<std::string>& paths, std::optional<InputFormat> hint,
                          Diagnostics& diags, const ReadAnyOptions& options) {
  if (paths.empty())
    return make_error(codes::kUsage, "no input file given", {},
                      fmt::format("name a file: {}", accepted_formats()));
  std::vector<InputFormat> formats;
  for (const auto& p : paths) {
    auto f = choose_format(p, hint);
    if (!f) return std::unexpected(f.error());
    formats.push_back(*f);
  }
  if (paths.size() > 1)
    for (size_t i = 0; i < paths.size(); ++i)
      if (!is_plan(formats[i]))
        return make_error(
            codes::kUsage,
            fmt::format("{} is {}, which is read on its own", paths[i], to_string(formats[i])),
            Location{paths[i], 0, 0, {}},
            "give several files only for one YAML plan; give other files one at a "
            "time");
  const InputFormat f = formats.front();
  if (f == InputFormat::kTjp) {
    TjpReadOptions tjp;
    tjp.scenario = options.tjp_scenario;
    auto plan = read_tjp(paths.front(), diags, tjp);
    if (!plan) return std::unexpected(plan.error());
    return AnyInput{std::move(*plan), f};
  }
  if (is_plan(f)) {
    auto plan = plan::read_plan(paths, diags);
    if (!plan) return std::unexpected(plan.error());
    return AnyInput{std::move(*plan), f};
  }
  return read_import(paths.front(), f, diags, options);
}

}  // namespace cairn::io

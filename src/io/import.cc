#include "io/import.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/codes.h"
#include "base/read_all.h"
#include "io/github/github_issues.h"
#include "io/jira/jira_csv.h"
#include "io/mspdi/mspdi.h"
#include "io/read_any.h"
#include "model/validate.h"
#include "plan/plan.h"

namespace cairn::io {

const char* to_string(ImportFormat f) {
  switch (f) {
    case ImportFormat::kJiraCsv:
      return "jira-csv";
    case ImportFormat::kGithubJson:
      return "github-json";
    case ImportFormat::kMspdi:
      return "mspdi";
  }
  return "?";
}

std::optional<ImportFormat> parse_import_format(std::string_view text) {
  const std::string t = ascii_lower(text);
  if (t == "jira-csv" || t == "jira") return ImportFormat::kJiraCsv;
  if (t == "github-json" || t == "github") return ImportFormat::kGithubJson;
  if (t == "mspdi" || t == "msproject" || t == "ms-project") return ImportFormat::kMspdi;
  return std::nullopt;
}

std::optional<ImportFormat> detect_format(std::string_view head, const std::string& path) {
  const auto f = detect_input_format(head, path);
  return f ? import_format(*f) : std::nullopt;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string file_stem(const std::string& path) {
  std::string stem = std::filesystem::path(path).stem().string();
  return stem.empty() ? std::string("import") : stem;
}

Result<std::string> read_text_file(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error(codes::kFileNotFound, fmt::format("{} does not exist", path), Location{path},
                      "check the path");
  if (std::filesystem::is_directory(path, ec))
    return make_error(codes::kUnreadableFile, fmt::format("{} is a directory", path),
                      Location{path}, "give the exported file itself");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > max_bytes)
    return make_error(codes::kFileTooLarge,
                      fmt::format("{} has {} bytes; at most {} are read", path, size, max_bytes),
                      Location{path}, "split the export");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(codes::kUnreadableFile, fmt::format("cannot open {}", path), Location{path});
  std::string text = read_all(in, ec ? 0 : size);
  if (in.bad())
    return make_error(codes::kUnreadableFile, fmt::format("cannot read {}", path), Location{path});
  return text;
}

Result<ImportResult> import_text(std::string_view text, const std::string& name,
                                 std::optional<ImportFormat> format, const ImportOptions& options,
                                 Diagnostics& diags) {
  if (!format) format = detect_format(text.substr(0, 4096), name);
  if (!format)
    return make_error(codes::kUnknownFormat,
                      fmt::format("cannot tell what kind of file {} is", name), Location{name},
                      "give --format jira-csv, github-json or mspdi");
  if (text.size() > options.max_file_bytes)
    return make_error(codes::kFileTooLarge,
                      fmt::format("{} is larger than {} bytes", name, options.max_file_bytes),
                      Location{name}, "split the export");
  // XML declares its own encoding; CSV and JSON must be UTF-8 text.
  if (*format != ImportFormat::kMspdi) {
    if (auto ok = plan::check_text(text, name); !ok) return std::unexpected(ok.error());
  }
  Diagnostics local;
  Result<ImportResult> r = [&]() -> Result<ImportResult> {
    switch (*format) {
      case ImportFormat::kJiraCsv:
        return read_jira_csv(text, name, options, local);
      case ImportFormat::kGithubJson:
        return read_github_issues(text, name, options, local);
      case ImportFormat::kMspdi:
        return read_mspdi(text, name, options, local);
    }
    return make_error(codes::kUnknownFormat, "unknown format", Location{name});
  }();
  // Numbers and dates the engines cannot represent are errors in every import (exit 2, nothing
  // stored); the rest of validate() is the caller's choice.
  if (r) check_limits(r->program, r->sources, local);
  // All or nothing: the diagnostics of a failed import are not reported, only its error.
  if (r) diags.merge(local);
  return r;
}

Result<ImportResult> import_file(const std::string& path, std::optional<ImportFormat> format,
                                 const ImportOptions& options, Diagnostics& diags) {
  auto text = read_text_file(path, options.max_file_bytes);
  if (!text) return std::unexpected(text.error());
  return import_text(*text, path, format, options, diags);
}

}  // namespace cairn::io

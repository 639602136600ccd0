// Importing the files other tools write (Jira CSV, GitHub issues JSON, Microsoft Project XML) into
// a Program, and the types every importer and exporter shares (docs/import.md has each mapping).
//
// An import is all-or-nothing: it returns an Error (naming file, line or JSON pointer, and the
// field) and no Program when the input is bad; warnings and notes (a link to an unknown issue, a
// resource type Cairn has no use for) go to the Diagnostics. Item keys are derived from the
// external key (Jira `PAY-12`, GitHub `owner/repo#123`, MSPDI `T<UID>` unless the file carries
// Cairn keys), so a store can merge a re-import by key. Pure conversion: no database, no clock.
// Thread-safe on distinct arguments.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::io {

enum class ImportFormat { kJiraCsv, kGithubJson, kMspdi };

const char* to_string(ImportFormat f);  // "jira-csv", "github-json", "mspdi"
std::optional<ImportFormat> parse_import_format(std::string_view text);

struct ImportOptions {
  // Program key and name. Default: the file name without its extension.
  std::string program_key;
  std::string program_name;
  // GitHub: stands for `owner/repo` in item, team and milestone keys (`P#123`). MSPDI: prefixes
  // `T<UID>` and `R<UID>` keys (`P-T12`). Jira: unused (Jira keys are unique already). Default
  // none.
  std::string key_prefix;
  // Jira: the site URL, e.g. https://acme.atlassian.net; items link to <url>/browse/<key>. Default
  // none: the link is the bare key.
  std::string jira_url;
  // Jira: sprint length in calendar days, used to guess sprint dates (the CSV has none).
  // Default 14.
  int sprint_days = 14;
  // Larger files are refused. Default 1 GiB.
  size_t max_file_bytes = size_t{1} << 30;
};

// A Program read from a foreign file. `sources` points entities and fields at file:line (CSV) or
// a JSON pointer (GitHub) or an XML element path with line (MSPDI).
struct ImportResult {
  Program program;
  SourceMap sources;
  ImportFormat format = ImportFormat::kJiraCsv;
  std::string file;
};

// Guesses the format from the first bytes and the file name: an MSPDI `<Project` root in the
// Microsoft Project namespace, a JSON array or object, or a CSV header with `Issue key`.
// nullopt when none fits.
std::optional<ImportFormat> detect_format(std::string_view head, const std::string& path);

// Reads `path` (format detected when not given) into a Program. Errors: `file-not-found`,
// `unreadable-file`, `file-too-large`, `unknown-format`, and each reader's own.
Result<ImportResult> import_file(const std::string& path, std::optional<ImportFormat> format,
                                 const ImportOptions& options, Diagnostics& diags);
// The same on text in memory; `name` labels locations and gives the default program key.
Result<ImportResult> import_text(std::string_view text, const std::string& name,
                                 std::optional<ImportFormat> format, const ImportOptions& options,
                                 Diagnostics& diags);

// Planned or forecast dates per item, handed to exporters by whoever computed them (scheduler,
// forecast) so io does not depend on those engines. Dates are inclusive working days.
struct ItemDates {
  Date start;
  Date finish;
  std::optional<Date> p50;  // forecast finish, 50 % confidence
  std::optional<Date> p85;  // forecast finish, 85 % confidence
};
using ScheduleDates = std::unordered_map<WorkItemId, ItemDates>;

// `s` with ASCII letters in lower case (format names, column headers, extensions).
std::string ascii_lower(std::string_view s);
// The file name without folders and extension ("exports/PAY.csv" -> "PAY").
std::string file_stem(const std::string& path);
// Reads a whole file; errors `file-not-found`, `unreadable-file`, `file-too-large`.
Result<std::string> read_text_file(const std::string& path, size_t max_bytes);

}  // namespace cairn::io

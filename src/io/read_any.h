// Reading a program from any file Cairn understands, for every command that reads one: the YAML
// plan (files or a plan directory), the canonical JSON plan, a TaskJuggler project (.tjp), a
// Microsoft Project XML file (MSPDI), a Jira CSV export or a GitHub issues JSON export.
//
// The format is told by content first (an MSPDI `<Project` root; a JSON object whose keys name a
// plan, or a GitHub array / `{"issues": ...}`; a CSV header with `Issue key`; a TaskJuggler
// `project` line; a YAML mapping), by extension second. A hint (`--format`) that contradicts the
// content, or a file whose format cannot be told, is an `unknown-format` error naming what was
// detected and the formats read. Several paths are one YAML plan (read as if each included the
// next); the other formats are read one file at a time.
//
// Pure conversion: no database, no clock. Thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "io/import.h"
#include "plan/plan.h"

namespace cairn::io {

enum class InputFormat { kPlan, kPlanJson, kTjp, kMspdi, kJiraCsv, kGithubJson };

// "plan", "plan-json", "tjp", "mspdi", "jira-csv", "github-json".
const char* to_string(InputFormat f);
// The names above and their aliases: yaml, yml (plan); json (plan-json); taskjuggler, tji (tjp);
// msproject, ms-project, xml (mspdi); jira (jira-csv); github (github-json). Case-insensitive.
std::optional<InputFormat> parse_input_format(std::string_view text);
// The import format of `f` (Jira, GitHub, MSPDI); nullopt for plans and TaskJuggler.
std::optional<ImportFormat> import_format(InputFormat f);
// "YAML plan, canonical JSON plan, TaskJuggler .tjp, ..." for messages.
const char* accepted_formats();
// The format of one file from its first bytes (up to 4 KiB is enough) and its name; nullopt when
// neither tells. `by_content` (when given) says whether the content decided.
std::optional<InputFormat> detect_input_format(std::string_view head, const std::string& path,
                                               bool* by_content = nullptr);

struct ReadAnyOptions {
  ImportOptions import;      // Jira CSV, GitHub JSON, MSPDI: program key, key prefix, ...
  std::string tjp_scenario;  // TaskJuggler: the scenario read (empty, default: the first)
  // Imports (Jira, GitHub, MSPDI) run model validation like the plan reader does. Default true.
  bool validate_imports = true;
};

struct AnyInput {
  plan::LoadedPlan plan;  // the program, its source map and the files read
  InputFormat format = InputFormat::kPlan;
};

// Reads `paths` (one file of any format, or the files or directory of one YAML plan). `hint`
// forces a format when the content does not contradict it. Errors: `unknown-format`, `usage`
// (several files that are not all YAML plan files), and each reader's own (file-not-found, ...);
// findings go to `diags`.
Result<AnyInput> read_any(const std::vector<std::string>& paths, std::optional<InputFormat> hint,
                          Diagnostics& diags, const ReadAnyOptions& options = {});

}  // namespace cairn::io

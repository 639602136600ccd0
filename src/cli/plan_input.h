// Loading the program a command works on, whatever the file's format (io/read_any.h), and printing
// diagnostics the same way in every command.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "io/read_any.h"

namespace cairn::cli {

// The FILE argument's help text of every command that reads a program.
inline constexpr const char* kInputFilesHelp =
    "A plan (YAML files, or a directory: its plan.yaml), or one TaskJuggler .tjp, MS Project XML, "
    "Jira CSV or GitHub issues JSON file (told by content)";

// Whether a diagnostic means the input could not be used at all (exit code 2): not found, not
// text, not YAML, too large, too deep (base/codes.h marks them `unusable`).
bool is_unusable(const Diagnostic& d);

// Reads the program in `paths`: a YAML plan (files or a directory), a canonical JSON plan, a
// TaskJuggler .tjp, an MSPDI file, a Jira CSV or a GitHub issues export, told by content
// (`hint`: --format of import/convert). Findings go to `diags`.
Result<io::AnyInput> read_input(const std::vector<std::string>& paths, Diagnostics& diags,
                                const io::ReadAnyOptions& options = {},
                                std::optional<io::InputFormat> hint = std::nullopt);

// `--format NAME` of the input (io::parse_input_format): false, with a usage error printed and
// `exit_code` = 2, when NAME is no format; an empty NAME leaves `hint` unset.
bool parse_format_hint(const std::string& name, std::optional<io::InputFormat>& hint,
                       int& exit_code);

// Reads a program for a command that needs a usable one. Prints the errors (and warnings when
// `show_warnings`) to `err`. Returns nullopt, with `exit_code` = 2, when the input is unusable or
// has errors.
std::optional<io::AnyInput> load_input_or_report(
    const std::vector<std::string>& paths, std::ostream& err, int& exit_code,
    bool show_warnings = false, const io::ReadAnyOptions& options = {},
    std::optional<io::InputFormat> hint = std::nullopt);

// The same, for commands that need only the plan. `scenario`: the TaskJuggler scenario to
// import (empty: the first).
std::optional<plan::LoadedPlan> load_plan_or_report(const std::vector<std::string>& paths,
                                                    std::ostream& err, int& exit_code,
                                                    bool show_warnings = false,
                                                    const std::string& scenario = {});

// Prints the errors (and warnings when `show_warnings`) of a program just read; false, with
// `exit_code` = 2, when there are errors.
bool report_read_diagnostics(const Diagnostics& diags, std::ostream& err, int& exit_code,
                             bool show_warnings);

}  // namespace cairn::cli

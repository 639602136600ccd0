// Loading the plan a command works on, and printing diagnostics the same way in every command.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "io/plan_yaml.h"

namespace cairn::cli {

// Whether a diagnostic means the input could not be used at all (exit code 2): not found, not
// text, not YAML, too large, too deep (base/codes.h marks them `unusable`).
bool is_unusable(const Diagnostic& d);

// Reads the plan in `paths`, whatever its format: TaskJuggler (.tjp) by its extension, else the
// YAML plan (a directory stands for its plan.yaml). `scenario`: the TaskJuggler scenario to
// import (empty: the first).
Result<io::LoadedPlan> read_input(const std::vector<std::string>& paths, Diagnostics& diags,
                                  const std::string& scenario = {});

// Reads a plan for a command that needs a usable program. Prints the errors (and warnings when
// `show_warnings`) to `err`. Returns nullopt, with `exit_code` = 2, when the plan is unusable or
// has errors.
std::optional<io::LoadedPlan> load_plan_or_report(const std::vector<std::string>& paths,
                                                  std::ostream& err, int& exit_code,
                                                  bool show_warnings = false,
                                                  const std::string& scenario = {});

}  // namespace cairn::cli

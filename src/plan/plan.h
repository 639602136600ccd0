// The YAML plan file (docs/plan-format.md): reading a plan, with its includes, into a Program, and
// writing a Program back as canonical YAML or JSON.
//
// Reading reports every problem it finds at once into a Diagnostics (each with file:line:column,
// a stable id and a hint) and then runs model validation. It returns an Error only when the input
// is unusable as a whole (missing file, not UTF-8, not YAML, too large, too deep); the caller still
// gets the diagnostics found before that. Thread-safe on distinct arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::plan {

struct PlanReadOptions {
  size_t max_file_bytes = size_t{32} << 20;  // per file; default 32 MiB
  int max_include_depth = 16;                // nested include: levels; default 16
  bool validate = true;                      // run model validation after reading; default true
};

// A date assertion of a TaskJuggler file (minstart, maxstart, minend, maxend; the ${FixStart} /
// ${FixEnd} macros of TaskJuggler's scheduler tests): bounds the item's scheduled start or finish
// must meet. Instants are exclusive finishes / inclusive starts, wall-clock time of the project.
struct TjpAssertion {
  WorkItemId item;
  std::optional<DateTime> min_start, max_start, min_end, max_end;
  Location where;
};

struct LoadedPlan {
  Program program;
  SourceMap sources;
  std::vector<std::string> files;            // every file read, the given ones first
  std::vector<TjpAssertion> tjp_assertions;  // read from .tjp input only; empty otherwise
};

// Reads one plan from one or more files (read as if each included the next). A directory stands
// for its plan.yaml.
Result<LoadedPlan> read_plan(const std::vector<std::string>& paths, Diagnostics& diags,
                             const PlanReadOptions& options = {});
// Reads a plan from text; `name` labels locations. include: is an error here (no file system).
Result<LoadedPlan> read_plan_text(std::string_view text, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options = {});

// Reads a plan from a JSON document of the canonical form (what plan_to_json writes, or any JSON
// plan). Faster than going through text: the store loads programs this way. Locations name
// `name` and a JSON pointer, not lines.
Result<LoadedPlan> read_plan_json(const nlohmann::json& doc, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options = {});
Result<LoadedPlan> read_plan_json(const nlohmann::ordered_json& doc, const std::string& name,
                                  Diagnostics& diags, const PlanReadOptions& options = {});

// The canonical document of a program: sections and fields in a fixed order, references by key,
// dates as ISO 8601, defaults left out. YAML → model → YAML → model gives an equal model.
nlohmann::ordered_json plan_to_json(const Program& program);
std::string write_plan_json(const Program& program);  // pretty, 2-space indent, trailing newline
std::string write_plan_yaml(const Program& program);

// Checks that `text` is UTF-8 with no NUL byte; the error names line and column of the first bad
// byte. Used by every text reader.
Result<void> check_text(std::string_view text, const std::string& name);

}  // namespace cairn::plan

// What the analysis commands (flow, sprints, evm, deps, risks) share: where they take the program
// from (plan files, or a stored program, `--db`, `--program`, when no file is given; the store
// stays open for commands that read more of it, evm its newest baseline), `--as-of`, `--format
// table|json|csv` and printing the result with its exit code.
#pragma once

#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "base/diagnostics.h"
#include "cli/output.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"
#include "report/check.h"
#include "report/document.h"
#include "store/history.h"
#include "store/store.h"

namespace cairn::cli {

struct ProgramSource {
  std::vector<std::string> files;
  std::string db;
  std::string program;
  bool relevel = false;  // --relevel (add_relevel_option): a stored program's order searched anew
};

struct LoadedProgram {
  Program program;
  SourceMap sources;  // where each entity is in the plan files (empty for a stored program)
  std::unique_ptr<store::Store> store;  // set when the program came from the store
  std::string key;
};

// Adds FILE... (not required), --db and --program.
CLI::Option* add_program_source(CLI::App* cmd, ProgramSource& src);
// Adds --db and --program only (for commands that take their files themselves).
void add_store_options(CLI::App* cmd, ProgramSource& src);
// Adds --relevel, for the commands that level people's work (add_program_source first).
CLI::Option* add_relevel_option(CLI::App* cmd, ProgramSource& src);
// Reads the files, or the stored program when there are none; prints the error and sets
// exit_code (2) on failure.
std::optional<LoadedProgram> load_program_source(const ProgramSource& src, int& exit_code);

struct AnalysisOutput {
  std::string as_of;  // --as-of, empty when not given
  std::string format;
};

// Adds --as-of (with its help) and --format table|json|csv.
void add_analysis_output(CLI::App* cmd, AnalysisOutput& out, const std::string& as_of_help);
// The --as-of date in `as_of` (unset when not given); false, with the usage error printed and
// exit_code 2, when it is not a date.
bool parse_as_of(const AnalysisOutput& out, std::optional<Date>& as_of, int& exit_code);
// The start of every analysis command: the --as-of date and the program. nullopt, with the error
// printed and exit_code set (2), when either fails.
struct AnalysisStart {
  LoadedProgram loaded;
  std::optional<Date> as_of;
  // The locations findings point to: the plan files' (nullptr for a stored program).
  const SourceMap* sources() const { return loaded.sources.empty() ? nullptr : &loaded.sources; }
};
std::optional<AnalysisStart> start_analysis(const ProgramSource& src, const AnalysisOutput& out,
                                            int& exit_code);

// A stored program is scheduled and forecast keeping its newest baseline's order of people's work
// (store::keep_baseline_order), as the server's views and `cairn snapshot` do, unless --relevel;
// plan files are searched anew. Sets `o.previous` and `o.previous_source`.
template <typename Options>
void keep_stored_order(const AnalysisStart& s, const ProgramSource& src, Options& o) {
  o.previous.clear();
  o.previous_source.clear();
  if (s.loaded.store && !src.relevel)
    store::keep_baseline_order(*s.loaded.store, s.loaded.key, s.loaded.program, o);
}

// Adds --trials, --seed and --threads of the forecast a command builds on.
void add_forecast_options(CLI::App* cmd, forecast::ForecastOptions& options, int default_trials);

// Whether an engine's run gave a result; when not, prints its diagnostics and error to stderr,
// sets exit_code and returns false: `if (!ran(r, diags, ctx.exit_code)) return;`.
template <typename T>
bool ran(const Result<T>& r, const Diagnostics& diags, int& exit_code) {
  if (r) return true;
  report::diagnostics_table(diags, std::cerr);
  return fail(r.error(), exit_code);
}

// Prints the result as the format asks (`json` makes the document) and sets exit_code 1 when a
// finding is a warning.
void print_analysis(const std::string& format, const Diagnostics& diags,
                    const std::function<report::Json()>& json,
                    const std::function<void(std::ostream&)>& csv,
                    const std::function<void(std::ostream&)>& table, int& exit_code);

}  // namespace cairn::cli

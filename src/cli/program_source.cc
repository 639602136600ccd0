#include "cli/program_source.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"

namespace cairn::cli {

CLI::Option* add_program_source(CLI::App* cmd, ProgramSource& src) {
  auto* files = cmd->add_option("FILE", src.files,
                                std::string(kInputFilesHelp) + "; none: the stored program");
  add_store_options(cmd, src);
  return files;
}

void add_store_options(CLI::App* cmd, ProgramSource& src) {
  add_db_option(cmd, src.db);
  cmd->add_option("--program", src.program,
                  "The stored program's key (may be left out when the store holds one)");
}

CLI::Option* add_relevel_option(CLI::App* cmd, ProgramSource& src) {
  return cmd->add_flag(
      "--relevel", src.relevel,
      "With a stored program: search the order of people's work anew instead of keeping "
      "its newest baseline's (the default, as the server's views)");
}

std::optional<LoadedProgram> load_program_source(const ProgramSource& src, int& exit_code) {
  LoadedProgram out;
  if (!src.files.empty()) {
    auto plan = load_plan_or_report(src.files, std::cerr, exit_code);
    if (!plan) return std::nullopt;
    out.program = std::move(plan->program);
    out.sources = std::move(plan->sources);
    out.key = out.program.key;
    return out;
  }
  out.store = open_store_or_report(src.db, false, exit_code);
  if (!out.store) return std::nullopt;
  auto key = program_or_report(*out.store, src.program, exit_code);
  if (!key) return std::nullopt;
  auto stored = out.store->load(*key);
  if (!stored) {
    fail(stored.error(), exit_code);
    return std::nullopt;
  }
  out.program = std::move(stored->program);
  out.key = *key;
  return out;
}

void add_analysis_output(CLI::App* cmd, AnalysisOutput& out, const std::string& as_of_help) {
  cmd->add_option("--as-of", out.as_of, as_of_help);
  add_format_option(cmd, out.format, {"table", "json", "csv"});
}

bool parse_as_of(const AnalysisOutput& out, std::optional<Date>& as_of, int& exit_code) {
  if (out.as_of.empty()) return true;
  as_of = parse_date_option("--as-of", out.as_of, exit_code);
  return as_of.has_value();
}

std::optional<AnalysisStart> start_analysis(const ProgramSource& src, const AnalysisOutput& out,
                                            int& exit_code) {
  std::optional<Date> as_of;
  if (!parse_as_of(out, as_of, exit_code)) return std::nullopt;
  auto loaded = load_program_source(src, exit_code);
  if (!loaded) return std::nullopt;
  return AnalysisStart{std::move(*loaded), as_of};
}

void add_forecast_options(CLI::App* cmd, forecast::ForecastOptions& options, int default_trials) {
  options.trials = default_trials;
  cmd->add_option(
         "--trials", options.trials,
         "Monte Carlo trials of the forecast (default " + std::to_string(default_trials) + ")")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", options.seed, "Random seed (default 1)");
  cmd->add_option("--threads", options.threads,
                  "Worker threads, 0 = all cores (default); results do not depend on it")
      ->check(CLI::Range(0, 1024));
}

void print_analysis(const std::string& format, const Diagnostics& diags,
                    const std::function<report::Json()>& json,
                    const std::function<void(std::ostream&)>& csv,
                    const std::function<void(std::ostream&)>& table, int& exit_code) {
  if (format == "json")
    print(json(), std::cout);
  else if (format == "csv")
    csv(std::cout);
  else
    table(std::cout);
  if (diags.count(Severity::kWarning) > 0) exit_code = 1;
}

}  // namespace cairn::cli

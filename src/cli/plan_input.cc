#include "cli/plan_input.h"

#include <ostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/output.h"
#include "report/check.h"

namespace cairn::cli {

bool is_unusable(const Diagnostic& d) {
  const codes::CodeInfo* c = codes::find(d.id);
  return d.severity == Severity::kError && c && c->unusable;
}

Result<io::AnyInput> read_input(const std::vector<std::string>& paths, Diagnostics& diags,
                                const io::ReadAnyOptions& options,
                                std::optional<io::InputFormat> hint) {
  return io::read_any(paths, hint, diags, options);
}

bool parse_format_hint(const std::string& name, std::optional<io::InputFormat>& hint,
                       int& exit_code) {
  if (name.empty()) return true;
  hint = io::parse_input_format(name);
  if (hint) return true;
  return fail_usage(fmt::format("--format {}: no such input format", name), exit_code,
                    fmt::format("give one of plan, plan-json, tjp, mspdi, jira-csv, github-json "
                                "({}), or leave it out to detect it",
                                io::accepted_formats()));
}

bool report_read_diagnostics(const Diagnostics& diags, std::ostream& err, int& exit_code,
                             bool show_warnings) {
  Diagnostics shown;
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError || show_warnings) shown.add(d);
  report::diagnostics_table(shown, err);
  if (!diags.has_errors()) return true;
  err << fmt::format("{} error(s) in the plan; run `cairn check` for all findings\n",
                     diags.count(Severity::kError));
  exit_code = 2;
  return false;
}

std::optional<io::AnyInput> load_input_or_report(const std::vector<std::string>& paths,
                                                 std::ostream& err, int& exit_code,
                                                 bool show_warnings,
                                                 const io::ReadAnyOptions& options,
                                                 std::optional<io::InputFormat> hint) {
  Diagnostics diags;
  auto in = read_input(paths, diags, options, hint);
  if (!in) {
    fail(in.error(), exit_code);
    return std::nullopt;
  }
  if (!report_read_diagnostics(diags, err, exit_code, show_warnings)) return std::nullopt;
  return std::move(*in);
}

std::optional<plan::LoadedPlan> load_plan_or_report(const std::vector<std::string>& paths,
                                                    std::ostream& err, int& exit_code,
                                                    bool show_warnings,
                                                    const std::string& scenario) {
  io::ReadAnyOptions options;
  options.tjp_scenario = scenario;
  auto in = load_input_or_report(paths, err, exit_code, show_warnings, options);
  if (!in) return std::nullopt;
  return std::move(in->plan);
}

}  // namespace cairn::cli

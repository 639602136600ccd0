// `cairn health [FILE...] [--db D --program P] [--as-of DATE] [--trials N] [--seed S]
// [--threshold NAME=VALUE]... [--format table|json|csv]`: the derived RAG of the program, each
// milestone, team and cross-team dependency with its reasons in numbers, the typed status beside
// it (analysis/health.h). A stored program adds its newest baseline (planned value and P85 slip)
// and its last forecast snapshot before the as-of day (P85 slip since).
#include <charconv>
#include <cmath>
#include <iostream>

#include "analysis/health.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/health.h"
#include "store/history.h"

namespace cairn::cli {
namespace {

// NAME=VALUE into the thresholds; false, with the error printed and exit code 2, when malformed.
bool apply_thresholds(const std::vector<std::string>& specs, analysis::HealthThresholds& t,
                      int& exit_code) {
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    double value = 0;
    const char* first = eq == std::string::npos ? nullptr : spec.data() + eq + 1;
    const char* last = spec.data() + spec.size();
    auto parsed = first ? std::from_chars(first, last, value) : std::from_chars_result{};
    if (!first || parsed.ec != std::errc{} || parsed.ptr != last || first == last ||
        !std::isfinite(value))
      return fail_usage("--threshold '" + spec + "': expected NAME=NUMBER, e.g. on_time_red=0.4",
                        exit_code, "the names and defaults are in docs/formulas.md, \"Health\"");
    if (auto r = analysis::set_threshold(t, spec.substr(0, eq), value); !r)
      return fail_usage("--threshold: " + r.error().message, exit_code, r.error().hint);
  }
  return true;
}

}  // namespace

void register_health(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "health", "Derived RAG of the program, milestones, teams and dependencies, with reasons");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::HealthOptions options;
    std::vector<std::string> thresholds;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_relevel_option(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status date (default the program's)");
  add_forecast_options(cmd, a->options.forecast, 2000);
  cmd->add_option("--threshold", a->thresholds,
                  "NAME=VALUE: a health threshold (repeatable; names and defaults in "
                  "docs/formulas.md, e.g. on_time_red=0.5, spi_amber=0.95)");
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    // The program's thresholds, then the command line's over them.
    if (auto r = analysis::apply_program_thresholds(p, a->options.thresholds, s->sources()); !r)
      return (void)fail(r.error(), ctx.exit_code);
    if (!apply_thresholds(a->thresholds, a->options.thresholds, ctx.exit_code)) return;
    auto& fo = a->options.forecast;
    fo.as_of = s->as_of;
    fo.ablation_trials = 0;
    fo.effect_drivers = 0;
    analysis::HealthInput input;
    if (s->loaded.store) {
      Date as_of = s->as_of.value_or(p.as_of.value_or(p.start));
      input = store::health_history(*s->loaded.store, s->loaded.key, p, as_of, fo);
      if (a->src.relevel) fo.previous.clear(), fo.previous_source.clear();
    } else if (auto b = analysis::planned_from_baseline_dates(p); !b.empty()) {
      input.evm.planned = std::move(b);
      input.evm.planned_source = "baseline";
    }
    Diagnostics diags;
    auto r = analysis::analyze_health(p, a->options, input, diags, s->sources());
    if (!ran(r, diags, ctx.exit_code)) return;
    print_analysis(
        a->out.format, diags, [&] { return report::health_json(header(p, r->as_of), *r, diags); },
        [&](std::ostream& o) { report::health_csv(*r, o); },
        [&](std::ostream& o) { report::health_table(*r, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

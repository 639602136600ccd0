// `cairn deps [FILE...] [--db D --program P] [--as-of DATE] [--trials N] [--seed S]
// [--effect-trials N] [--top N] [--format table|json|csv]`: the cross-team dependency register
// (analysis/deps.h).
#include <iostream>

#include "analysis/deps.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/deps.h"

namespace cairn::cli {

void register_deps(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "deps",
      "Cross-team dependencies: need-by vs provider P85, odds, state, what moves milestones");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::DepsOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_relevel_option(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status date (default the program's)");
  add_forecast_options(cmd, a->options.forecast, 10000);
  cmd->add_option("--effect-trials", a->options.effect_trials,
                  "Trials of each dependency's what-if (default 1000; 0: none)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--top", a->options.top, "Dependencies listed per milestone (default 3)")
      ->check(CLI::Range(0, 100));
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    a->options.forecast.as_of = s->as_of;
    keep_stored_order(*s, a->src, a->options.forecast);
    Diagnostics diags;
    auto r = analysis::analyze_deps(p, a->options, diags, s->sources());
    if (!ran(r, diags, ctx.exit_code)) return;
    print_analysis(
        a->out.format, diags, [&] { return report::deps_json(header(p, r->as_of), *r, p, diags); },
        [&](std::ostream& o) { report::deps_csv(*r, o); },
        [&](std::ostream& o) { report::deps_table(*r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

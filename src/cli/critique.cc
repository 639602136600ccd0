// `cairn critique [FILE...] [--db D --program P] [--as-of DATE] [--trials N] [--seed S]
// [--fixes N] [--screen-trials N] [--on-time-target P] [--stale-days N] [--bus-factor-items N]
// [--load-tolerance F] [--detail] [--format table|json|csv]`: what a seasoned TPM would flag,
// grouped and most urgent first, with the evidence, the place in the plan and a fix; for each
// milestone at risk, fixes measured by what-if (analysis/critique.h).
#include <iostream>

#include "analysis/critique.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/critique.h"

namespace cairn::cli {

void register_critique(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "critique", "Findings a TPM would raise, with evidence and fixes measured by what-if");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::CritiqueOptions options;
    bool detail = false;
  };
  auto a = std::make_shared<Args>();
  auto& o = a->options;
  add_program_source(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status date (default the program's)");
  add_forecast_options(cmd, o.forecast, 2000);
  cmd->add_option("--fixes", o.fixes, "Measured fixes shown per milestone at risk (default 3)")
      ->check(CLI::Range(0, 20));
  cmd->add_option("--screen-trials", o.screen_trials,
                  "Trials of each candidate fix's first screening (default 300)")
      ->check(CLI::Range(10, 1000000));
  cmd->add_option("--on-time-target", o.on_time_target,
                  "A milestone is at risk below these odds of finishing on time (default 0.85)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--stale-days", o.stale_days,
                  "In progress and unchanged for more calendar days than this is stale "
                  "(default 14)")
      ->check(CLI::Range(1, 3650));
  cmd->add_option("--bus-factor-items", o.bus_factor_items,
                  "Open items of an epic, all one person's, that make a bus factor of 1 "
                  "(default 3)")
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--load-tolerance", o.load.tolerance,
                  "Fraction above a person's weekly capacity allowed before it is flagged "
                  "(default 0)")
      ->check(CLI::Range(0.0, 10.0));
  cmd->add_flag("--detail", a->detail,
                "The table lists every finding one by one after the groups (default: groups)");
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    a->options.forecast.as_of = s->as_of;
    Diagnostics diags;
    auto r = analysis::critique(p, a->options, diags, s->sources());
    if (!ran(r, diags, ctx.exit_code)) return;
    print_analysis(
        a->out.format, diags, [&] { return report::critique_json(header(p, r->as_of), *r, diags); },
        [&](std::ostream& o) { report::critique_csv(*r, o); },
        [&](std::ostream& o) { report::critique_table(*r, diags, o, a->detail); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

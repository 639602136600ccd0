// `cairn load [FILE...] [--db D --program P] [--as-of DATE] [--tolerance F]
// [--format table|json|csv]`: people load by ISO week, leveled and as written, with the
// over-allocated person-weeks and the items causing them (analysis/load.h).
#include <iostream>

#include "analysis/load.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/load.h"
#include "schedule/schedule.h"

namespace cairn::cli {

void register_load(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "load", "People load by ISO week (leveled and as written) and who is over-allocated when");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::LoadOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_relevel_option(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status date (default the program's)");
  cmd->add_option("--tolerance", a->options.tolerance,
                  "Fraction above capacity allowed before a week is flagged (default 0)")
      ->check(CLI::Range(0.0, 10.0));
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    schedule::ScheduleOptions so;
    so.as_of = s->as_of;
    keep_stored_order(*s, a->src, so);
    Diagnostics diags;
    auto sched = schedule::schedule_program(p, so, diags);
    if (!ran(sched, diags, ctx.exit_code)) return;
    auto r = analysis::analyze_load(p, *sched, a->options);
    print_analysis(
        a->out.format, diags,
        [&] { return report::load_json(header(p, s->as_of), r, a->options, diags); },
        [&](std::ostream& o) { report::load_csv(r, o); },
        [&](std::ostream& o) { report::load_table(r, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

// `cairn sprints [FILE...] [--db D --program P] [--last N] [--as-of DATE]
// [--format table|json|csv]`: Scrum metrics of a program's sprints (analysis/sprints.h).
#include <iostream>

#include "analysis/sprints.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/sprints.h"

namespace cairn::cli {

void register_sprints(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "sprints", "Scrum: velocity, say/do, carry-over, scope change, burndown and burn-up");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::SprintOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  cmd->add_option("--last", a->options.last, "Closed sprints in the velocity (default 3)")
      ->check(CLI::Range(1, 100));
  add_analysis_output(cmd, a->out, "The day sprints are judged on (default the program's)");
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    Diagnostics diags;
    auto r = analysis::analyze_sprints(p, a->options, diags, s->as_of, s->sources());
    print_analysis(
        a->out.format, diags, [&] { return report::sprints_json(header(p, r.as_of), r, diags); },
        [&](std::ostream& o) { report::sprints_csv(r, o); },
        [&](std::ostream& o) { report::sprints_table(r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

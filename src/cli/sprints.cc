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
    std::string as_of, format;
    analysis::SprintOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  cmd->add_option("--last", a->options.last, "Closed sprints in the velocity (default 3)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--as-of", a->as_of, "The day sprints are judged on (default the program's)");
  add_format_option(cmd, a->format, {"table", "json", "csv"});
  cmd->callback([&ctx, a] {
    std::optional<Date> as_of;
    if (!a->as_of.empty() && !(as_of = parse_date_option("--as-of", a->as_of, ctx.exit_code)))
      return;
    auto loaded = load_program_source(a->src, ctx.exit_code);
    if (!loaded) return;
    Diagnostics diags;
    auto r = analysis::analyze_sprints(loaded->program, a->options, diags, as_of);
    if (a->format == "json")
      print(report::sprints_json(header(loaded->program, r.as_of), r, diags), std::cout);
    else if (a->format == "csv")
      report::sprints_csv(r, std::cout);
    else
      report::sprints_table(r, diags, std::cout);
    if (diags.count(Severity::kWarning) > 0) ctx.exit_code = 1;
  });
}

}  // namespace cairn::cli

// `cairn evm [FILE...] [--db D --program P] [--as-of DATE] [--step DAYS]
// [--format table|json|csv]`: earned value and earned schedule (analysis/evm.h). Planned value
// comes from the newest stored baseline (a stored program), else the items' baseline dates, else
// the current schedule (a finding says so).
#include <iostream>

#include "analysis/evm.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/evm.h"
#include "schedule/schedule.h"
#include "store/history.h"

namespace cairn::cli {
void register_evm(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "evm", "Earned value (PV, EV, AC, SPI, CPI, EAC, TCPI) and earned schedule, per team");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::EvmOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status day (default the program's)");
  cmd->add_option("--step", a->options.step_days, "Days between points of the series (default 7)")
      ->check(CLI::Range(1, 366));
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const auto& loaded = s->loaded;
    const Program& p = loaded.program;
    Diagnostics diags;
    Diagnostics sd;  // the schedule's own findings are not the earned value's
    auto input = store::evm_input(loaded.store.get(), loaded.key, p, sd);
    if (!ran(input, sd, ctx.exit_code)) return;
    auto r = analysis::analyze_evm(p, *input, a->options, diags, s->as_of, s->sources());
    print_analysis(
        a->out.format, diags, [&] { return report::evm_json(header(p, r.as_of), r, diags); },
        [&](std::ostream& o) { report::evm_csv(r, o); },
        [&](std::ostream& o) { report::evm_table(r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

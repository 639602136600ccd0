// `cairn summary FILE...`: the program at a glance.
#include <iostream>

#include "analysis/summary.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "report/summary.h"

namespace cairn::cli {

void register_summary(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("summary", "Print a program's summary");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("FILE", *files, kInputFilesHelp)->required();
  add_format_option(cmd, *format, {"table", "json"});
  cmd->callback([&ctx, files, format] {
    auto plan = load_plan_or_report(*files, std::cerr, ctx.exit_code);
    if (!plan) return;
    auto s = analysis::summarize(plan->program);
    if (*format == "json")
      print(report::summary_json(header(plan->program), s), std::cout);
    else
      report::summary_table(s, std::cout);
  });
}

}  // namespace cairn::cli

// `cairn check FILE...`: validates a plan and reports every finding at once.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "report/check.h"

namespace cairn::cli {

void register_check(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("check", "Validate a plan and report every problem at once");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  cmd->add_option("FILE", *files, kInputFilesHelp)->required();
  add_format_option(cmd, *format, {"table", "json"});
  cmd->add_flag("--strict", *strict, "Treat warnings as findings (exit 1)");
  cmd->callback([&ctx, files, format, strict] {
    Diagnostics diags;
    auto plan = read_input(*files, diags);
    if (!plan) diags.add_error(plan.error());
    const Program* program = plan ? &plan->plan.program : nullptr;
    if (*format == "json")
      print(report::check_json(program ? header(*program) : report::Header{}, diags, program),
            std::cout);
    else
      report::check_table(diags, program, std::cout);
    size_t errors = diags.count(Severity::kError), warnings = diags.count(Severity::kWarning);
    bool unusable = !plan;
    for (const auto& d : diags.items())
      unusable = unusable || is_unusable(d);
    if (unusable)
      ctx.exit_code = 2;
    else if (errors > 0 || (*strict && warnings > 0))
      ctx.exit_code = 1;
  });
}

}  // namespace cairn::cli

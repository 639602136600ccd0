// `cairn check FILE...`: validates a plan and reports every finding at once.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "io/plan_yaml.h"

namespace cairn::cli {

void register_check(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("check", "Validate a plan and report every problem at once");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("text");
  auto strict = std::make_shared<bool>(false);
  cmd->add_option("FILE", *files, "Plan files (a directory stands for its plan.yaml; or one .tjp)")
      ->required();
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--strict", *strict, "Treat warnings as findings (exit 1)");
  cmd->callback([&ctx, files, format, strict] {
    Diagnostics diags;
    auto plan = read_input(*files, diags);
    if (!plan) diags.add_error(plan.error());
    print_diagnostics(diags, *format, std::cout);
    size_t errors = diags.count(Severity::kError), warnings = diags.count(Severity::kWarning);
    if (*format == "text") {
      if (plan && errors == 0)
        std::cout << fmt::format(
            "{}: {} teams, {} people, {} items, {} dependencies: {} errors, {} "
            "warnings\n",
            plan->program.key, plan->program.teams.size(), plan->program.people.size(),
            plan->program.items.size(), plan->program.dependencies.size(), errors, warnings);
      else
        std::cout << fmt::format("{} errors, {} warnings\n", errors, warnings);
    }
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

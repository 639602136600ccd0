// `cairn export --format json|yaml FILE...`: the canonical form of a plan's model.
#include <iostream>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "io/plan_yaml.h"

namespace cairn::cli {

void register_export(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("export", "Print the canonical form of a plan (YAML or JSON)");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("yaml");
  cmd->add_option("FILE", *files, "Plan files (a directory stands for its plan.yaml)")->required();
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"yaml", "json"}));
  cmd->callback([&ctx, files, format] {
    auto plan = load_plan_or_report(*files, std::cerr, ctx.exit_code);
    if (!plan) return;
    std::cout << (*format == "json" ? io::write_plan_json(plan->program)
                                    : io::write_plan_yaml(plan->program));
  });
}

}  // namespace cairn::cli

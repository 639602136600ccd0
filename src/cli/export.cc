// `cairn export [FILE...] [--db D] [--program P] [--format json|yaml]`: the canonical form of a
// plan's model, or, without FILE, of a stored program (`--program` may be left out when the store
// holds one program).
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "plan/plan.h"
#include "store/store.h"

namespace cairn::cli {

void register_export(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "export", "Print the canonical form of a plan, or of a stored program (YAML or JSON)");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("yaml");
  auto db = std::make_shared<std::string>();
  auto program = std::make_shared<std::string>();
  cmd->add_option("FILE", *files, std::string(kInputFilesHelp) + "; none: export from the store");
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"yaml", "json"}));
  add_db_option(cmd, *db);
  cmd->add_option("--program", *program,
                  "The stored program's key (may be left out when the store holds one)");
  cmd->callback([&ctx, files, format, db, program] {
    if (!files->empty()) {
      auto plan = load_plan_or_report(*files, std::cerr, ctx.exit_code);
      if (!plan) return;
      std::cout << (*format == "json" ? cairn::plan::write_plan_json(plan->program)
                                      : cairn::plan::write_plan_yaml(plan->program));
      return;
    }
    auto s = open_store_or_report(*db, false, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, *program, ctx.exit_code);
    if (!key) return;
    auto stored = s->load(*key);
    if (!stored) {
      fail(stored.error(), ctx.exit_code);
      return;
    }
    std::cout << (*format == "json" ? cairn::plan::write_plan_json(stored->program)
                                    : cairn::plan::write_plan_yaml(stored->program));
  });
}

}  // namespace cairn::cli

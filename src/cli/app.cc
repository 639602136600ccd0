#include "cli/app.h"

#include <iostream>

#include <fmt/format.h>

#include "base/version.h"
#include "cli/commands.h"

namespace cairn::cli {

int run(int argc, char** argv) {
  CLI::App app{"cairn: an engine for technical program management", "cairn"};
  app.set_version_flag("--version", fmt::format("cairn {}", cairn_version()));
  app.require_subcommand(1);
  Context ctx;
  register_check(app, ctx);
  register_export(app, ctx);
  register_summary(app, ctx);
  register_convert(app, ctx);
  register_schedule(app, ctx);
  register_forecast(app, ctx);
  register_backtest(app, ctx);
  register_init(app, ctx);
  register_diff(app, ctx);
  register_apply(app, ctx);
  register_log(app, ctx);
  register_import(app, ctx);
  register_baseline(app, ctx);
  register_snapshot(app, ctx);
  register_trend(app, ctx);
  register_bench(app, ctx);
  register_flow(app, ctx);
  register_sprints(app, ctx);
  register_evm(app, ctx);
  register_deps(app, ctx);
  register_risks(app, ctx);
  register_whatif(app, ctx);
  register_critique(app, ctx);
  register_load(app, ctx);
  register_health(app, ctx);
  register_serve(app, ctx);
  register_token(app, ctx);
  register_user(app, ctx);
  register_webhook(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}

}  // namespace cairn::cli

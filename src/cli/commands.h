// Each subcommand registers itself on the app. A register_* function adds its CLI11 subcommand and
// a callback that sets `exit_code` (0 fine, 1 findings, 2 bad usage or input).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

namespace cairn::store {
class Store;
}

namespace cairn::cli {

struct Context {
  int exit_code = 0;
};

void register_check(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_summary(CLI::App& app, Context& ctx);
void register_convert(CLI::App& app, Context& ctx);   // convert.cc
void register_schedule(CLI::App& app, Context& ctx);  // schedule.cc
void register_forecast(CLI::App& app, Context& ctx);  // forecast.cc
void register_backtest(CLI::App& app, Context& ctx);  // backtest.cc
// The store commands (store_cmds.cc): init, diff, apply, log.
void register_init(CLI::App& app, Context& ctx);
void register_diff(CLI::App& app, Context& ctx);
void register_apply(CLI::App& app, Context& ctx);
void register_log(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);    // import_cmd.cc
void register_baseline(CLI::App& app, Context& ctx);  // baseline_cmd.cc (create/list/show/compare)
void register_snapshot(CLI::App& app, Context& ctx);  // baseline_cmd.cc
void register_trend(CLI::App& app, Context& ctx);     // baseline_cmd.cc

// Shared by the commands that use the store (store_cmds.cc).
// Adds --db (a SQLite path or a postgresql:// URL; empty means store::default_location()).
void add_db_option(CLI::App* cmd, std::string& db);
// Opens the store (creating a missing SQLite file only when `create`); prints the error and sets
// exit_code = 2 on failure.
std::unique_ptr<store::Store> open_store_or_report(const std::string& db, bool create,
                                                   int& exit_code);
// `program`, or the store's only program when empty; prints the error (none, several) otherwise.
std::optional<std::string> program_or_report(store::Store& s, const std::string& program,
                                             int& exit_code);
// A store location fit to print (a URL's password hidden).
std::string store_display(const std::string& location);
void register_bench(CLI::App& app, Context& ctx);
void register_flow(CLI::App& app, Context& ctx);      // flow.cc
void register_sprints(CLI::App& app, Context& ctx);   // sprints.cc
void register_evm(CLI::App& app, Context& ctx);       // evm.cc
void register_deps(CLI::App& app, Context& ctx);      // deps.cc
void register_risks(CLI::App& app, Context& ctx);     // risks.cc
void register_whatif(CLI::App& app, Context& ctx);    // whatif.cc
void register_critique(CLI::App& app, Context& ctx);  // critique.cc
void register_load(CLI::App& app, Context& ctx);      // load.cc
void register_health(CLI::App& app, Context& ctx);    // health.cc
void register_serve(CLI::App& app, Context& ctx);     // serve.cc
void register_token(CLI::App& app, Context& ctx);     // token.cc
void register_user(CLI::App& app, Context& ctx);      // user.cc
void register_webhook(CLI::App& app, Context& ctx);   // webhook.cc

}  // namespace cairn::cli

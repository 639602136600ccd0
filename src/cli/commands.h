// Each subcommand registers itself on the app. A register_* function adds its CLI11 subcommand and
// a callback that sets `exit_code` (0 fine, 1 findings, 2 bad usage or input).
#pragma once

#include <CLI/CLI.hpp>

namespace cairn::cli {

struct Context {
  int exit_code = 0;
};

void register_check(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_summary(CLI::App& app, Context& ctx);
void register_bench(CLI::App& app, Context& ctx);  // bench_psplib.cc

}  // namespace cairn::cli

// `cairn bench psplib DIR... [--reference FILE]... [--schedules N] [--seed S]
// [--format table|json] [--threads T]`: the command line of the PSPLIB benchmark, which lives in
// the RCPSP satellite (rcpsp/bench.h says what it does and its exit codes).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "rcpsp/bench.h"

namespace cairn::cli {

void register_bench(CLI::App& app, Context& ctx) {
  auto* bench = app.add_subcommand("bench", "Benchmarks of the engines against published data");
  bench->require_subcommand(1);
  auto opt = std::make_shared<rcpsp::BenchOptions>();
  auto* ps = bench->add_subcommand(
      "psplib",
      "Solve every PSPLIB .sm file of each DIR (a set, e.g. j30) and compare with the reference "
      "makespans");
  ps->add_option("DIR", opt->dirs, "directories of .sm files")->required();
  ps->add_option("--reference", opt->references,
                 "reference table, repeatable (merged per instance): Cairn's CSV "
                 "(set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal) or a PSPLIB solution "
                 "file (j30opt.sm, j60hrs.sm, j60lb.sm, ...); default "
                 "DIR/../reference/reference.csv when it exists")
      ->allow_extra_args(false);
  ps->add_option("--schedules", opt->schedules, "schedule budget per instance (SGS passes)")
      ->capture_default_str();
  ps->add_option("--seed", opt->seed, "random seed")->capture_default_str();
  ps->add_option("--format", opt->format, "table or json")->capture_default_str();
  ps->add_option("--threads", opt->threads, "worker threads (0: one per core)")
      ->capture_default_str();
  ps->callback(
      [opt, &ctx] { ctx.exit_code = rcpsp::run_psplib_bench(*opt, std::cout, std::cerr); });
}

}  // namespace cairn::cli

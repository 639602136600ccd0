// `cairn forecast FILE... [--trials N] [--seed S] [--format table|json]`: the odds of each
// milestone (P50/P85/P95 dates, on-time probability, S-curve, criticality, drivers). Without files,
// the stored program (`--db`, `--program`), its people in its newest baseline's order unless
// `--relevel`, as the server's forecast view.
#include <iostream>

#include "cli/commands.h"
#include "cli/keep_order.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "cli/program_source.h"
#include "forecast/calibration.h"
#include "forecast/program_forecast.h"
#include "report/calibration.h"
#include "report/check.h"
#include "report/forecast.h"

namespace cairn::cli {

void register_forecast(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("forecast", "Monte Carlo forecast of milestone dates");
  struct Args {
    std::vector<std::string> files;
    ProgramSource stored;  // --db, --program, --relevel: used when no FILE is given
    std::string format;
    std::string distribution = "pert";
    std::string people = "leveled";
    std::string as_of;
    std::string scenario;
    std::string keep_order;  // baseline | a previous schedule's JSON; empty: search anew
    forecast::ForecastOptions options;
    bool calibration = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->files, std::string(kInputFilesHelp) + "; none: the stored program");
  add_store_options(cmd, a->stored);
  auto* relevel = add_relevel_option(cmd, a->stored);
  cmd->add_option("--trials", a->options.trials, "Monte Carlo trials (default 10000)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", a->options.seed, "Random seed (default 1)");
  cmd->add_option("--threads", a->options.threads,
                  "Worker threads, 0 = all cores (default); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  add_format_option(cmd, a->format, {"table", "json"});
  cmd->add_option("--distribution", a->distribution,
                  "Three-point distribution: pert (default), triangular, lognormal")
      ->check(CLI::IsMember({"pert", "triangular", "lognormal"}));
  cmd->add_option("--people", a->people,
                  "Keep each person's work in the order of: leveled (the leveled schedule, "
                  "default), mean-order (a mean-duration schedule), none (ignore people)")
      ->check(CLI::IsMember({"leveled", "mean-order", "none"}));
  cmd->add_option("--window", a->options.throughput_window_weeks,
                  "Weeks of throughput history for unestimated work (default 12)")
      ->check(CLI::Range(1, 520));
  cmd->add_option("--as-of", a->as_of, "Status date YYYY-MM-DD (default: the plan's as_of)");
  cmd->add_option("--scenario", a->scenario,
                  "TaskJuggler input: the scenario to forecast (default: the first)");
  cmd->add_option("--top", a->options.top_drivers, "Drivers listed per milestone (default 5)")
      ->check(CLI::Range(0, 100));
  add_keep_order_option(cmd, a->keep_order)->excludes(relevel);
  cmd->add_flag("--calibration", a->calibration,
                "Also replay the throughput forecast on the plan's own item history and show how "
                "often its odds held (as cairn backtest --plan)");
  cmd->callback([&ctx, a] {
    if (!a->as_of.empty()) {
      a->options.as_of = parse_date_option("--as-of", a->as_of, ctx.exit_code);
      if (!a->options.as_of) return;
    }
    forecast::parse_distribution(a->distribution, a->options.distribution);
    a->options.resource_order = a->people == "none"         ? forecast::ResourceOrder::kNone
                                : a->people == "mean-order" ? forecast::ResourceOrder::kMeanOrder
                                                            : forecast::ResourceOrder::kLeveled;
    if (!a->files.empty() && !a->stored.db.empty())
      return void(fail_usage("give plan files or --db, not both", ctx.exit_code,
                             "without files the stored program is forecast"));
    std::optional<plan::LoadedPlan> read;
    LoadedProgram stored;
    if (a->files.empty()) {
      auto s = load_program_source(a->stored, ctx.exit_code);
      if (!s) return;
      stored = std::move(*s);
      read.emplace();
      read->program = std::move(stored.program);
    } else {
      io::ReadAnyOptions read_options;
      read_options.tjp_scenario = a->scenario;
      auto in = load_input_or_report(a->files, std::cerr, ctx.exit_code, false, read_options);
      if (!in) return;
      read = std::move(in->plan);
    }
    auto* plan = &*read;
    // Or the previous schedule's with --keep-order; a stored program its newest baseline's.
    if (!keep_order(a->keep_order, plan->program, a->options.previous, a->options.previous_source,
                    ctx.exit_code))
      return;
    if (stored.store && a->keep_order.empty() && !a->stored.relevel)
      store::keep_baseline_order(*stored.store, stored.key, plan->program, a->options);
    Diagnostics diags;
    auto f = forecast::forecast_program(plan->program, a->options, diags);
    if (!f) {
      report::diagnostics_table(diags, std::cerr);
      fail(f.error(), ctx.exit_code);
      return;
    }
    const Program& p = plan->program;
    // Exit 1 as `cairn schedule` does for a late milestone: here, a milestone more likely late
    // than not (on-time probability under 50 %).
    for (const auto& m : f->milestones)
      if (m.on_time_probability && *m.on_time_probability < 0.5) ctx.exit_code = 1;
    std::optional<forecast::ProgramCalibration> calibration;
    if (a->calibration) {
      auto c = forecast::calibrate_program(
          p, {.backtest = {.window_weeks = a->options.throughput_window_weeks,
                           .seed = a->options.seed},
              .as_of = f->as_of});
      if (c) calibration = std::move(*c);
    }
    if (a->format == "json") {
      auto doc = report::forecast_json(header(p, f->as_of), *f, diags);
      if (calibration)
        doc["calibration"] = report::calibration_json(header(p, f->as_of), *calibration);
      print(doc, std::cout);
      return;
    }
    report::diagnostics_table(diags, std::cerr);
    report::forecast_table(*f, p.name.empty() ? p.key : p.name, std::cout);
    if (calibration) {
      std::cout << "\n";
      report::calibration_table(*calibration, std::cout);
    }
  });
}

}  // namespace cairn::cli

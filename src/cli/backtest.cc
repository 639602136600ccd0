// `cairn backtest HISTORY.csv --created COL --resolved COL [--items M --weeks K]`: replays a real
// issue history and checks how well throughput forecasts would have done (forecast/backtest.h).
#include <iostream>
#include <map>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "forecast/backtest.h"
#include "forecast/calibration.h"
#include "io/history/history_csv.h"
#include "report/backtest.h"
#include "report/calibration.h"
#include "report/check.h"

namespace cairn::cli {
namespace {

using forecast::pool;

// `cairn backtest --plan FILE`: the calibration on the plan's own item history.
template <typename Args>
void run_plan_calibration(const Args& a, bool step_given, Context& ctx) {
  auto plan = load_plan_or_report(a.plan, std::cerr, ctx.exit_code);
  if (!plan) return;
  forecast::CalibrationOptions o{.backtest = a.options};
  if (step_given) o.step_days = a.options.step_days;
  auto r = forecast::calibrate_program(plan->program, o);
  if (!r) {
    fail(r.error(), ctx.exit_code);
    return;
  }
  if (a.format == "json")
    print(report::calibration_json(report::header_of(plan->program, r->as_of, generated_at()), *r),
          std::cout);
  else
    report::calibration_table(*r, std::cout, a.points);
}

}  // namespace

void register_backtest(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "backtest", "Replay an issue history and check the calibration of throughput forecasts");
  struct Args {
    std::string file;
    io::HistoryCsvOptions csv;
    forecast::BacktestOptions options;
    std::string model = "adaptive";
    std::string format;
    std::vector<std::string> plan;
    bool points = false;
    std::string end;
  };
  auto a = std::make_shared<Args>();
  auto* history =
      cmd->add_option("HISTORY", a->file, "Issue history CSV (Jira, GitHub or any export)");
  auto* plan =
      cmd->add_option("--plan", a->plan,
                      "Instead of a CSV: replay the throughput forecast on this plan's own "
                      "item history (the program and each team; YAML plan or directory)");
  history->excludes(plan);
  plan->excludes(history);
  cmd->add_flag("--points", a->points, "With --plan: list every replayed as-of date (table)");
  cmd->add_option("--created", a->csv.created,
                  "Column of the creation date (default: the first of created, created_date, "
                  "created_at, creation date, opened... the header has)");
  cmd->add_option("--resolved", a->csv.resolved,
                  "Column of the resolution date (default: the first of resolved, "
                  "resolutiondate, resolved_at, closed_at, finished_date, completed_at, "
                  "done_date... the header has)");
  cmd->add_option("--group", a->csv.group,
                  "Column that splits the history into separate streams (e.g. a project)");
  cmd->add_option("--items", a->options.items,
                  "M: forecast when the next M items are finished (default 10)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--weeks", a->options.weeks,
                  "K: forecast how many items are finished in the next K weeks (default 4)")
      ->check(CLI::Range(1, 520));
  cmd->add_option("--window", a->options.window_weeks,
                  "Weeks of throughput history each forecast sees (default 12)")
      ->check(CLI::Range(1, 520));
  auto* step = cmd->add_option("--step", a->options.step_days,
                               "Days between forecast dates (default 7; 1 with --plan)")
                   ->check(CLI::Range(1, 3650));
  auto* end =
      cmd->add_option("--end", a->end,
                      "The day the history is complete up to, YYYY-MM-DD, exclusive: later "
                      "resolutions are left out and outcomes from it on are unknown (default: the "
                      "day after the newest creation, since an export lists the issues created up "
                      "to its date, when at most a twentieth of the resolutions come later; else "
                      "the day after the last resolution)");
  end->excludes(plan);
  cmd->add_option("--trials", a->options.trials, "Monte Carlo trials per forecast (default 2000)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", a->options.seed, "Random seed (default 1)");
  cmd->add_option("--model", a->model,
                  "Weekly throughput sampling: adaptive (default: Bayesian bootstrap times a level "
                  "drift learned from the history), bayesian (Bayesian bootstrap), bootstrap "
                  "(classic: every past week equally likely) or block (runs of --block weeks)")
      ->check(CLI::IsMember({"adaptive", "bootstrap", "block", "bayesian"}));
  cmd->add_option("--block", a->options.block_weeks, "Block length in weeks (default 4)")
      ->check(CLI::Range(1, 520));
  add_format_option(cmd, a->format, {"table", "json"});
  cmd->callback([&ctx, a, step] {
    a->options.model = a->model == "block"      ? forecast::ThroughputModel::kBlockBootstrap
                       : a->model == "bayesian" ? forecast::ThroughputModel::kBayesianBootstrap
                       : a->model == "adaptive" ? forecast::ThroughputModel::kAdaptive
                                                : forecast::ThroughputModel::kBootstrap;
    if (!a->plan.empty()) {
      run_plan_calibration(*a, step->count() > 0, ctx);
      return;
    }
    if (a->file.empty()) {
      fail_usage("give an issue history CSV or --plan FILE", ctx.exit_code,
                 "cairn backtest HISTORY.csv --created COL --resolved COL, or cairn backtest "
                 "--plan plan.yaml");
      return;
    }
    Diagnostics diags;
    auto h = io::read_history_csv_file(a->file, a->csv, diags);
    report::diagnostics_table(diags, std::cerr);
    if (!h) {
      fail(h.error(), ctx.exit_code);
      return;
    }
    if (!a->end.empty()) {
      a->options.end = parse_date_option("--end", a->end, ctx.exit_code);
      if (!a->options.end) return;
    } else {
      a->options.end = io::record_end(*h);
    }
    auto groups = io::issue_streams(*h);
    report::BacktestRun run;
    run.file = a->file;
    run.rows = h->rows;
    run.resolved_items = h->records.size();
    run.created_column = h->created_column;
    run.resolved_column = h->resolved_column;
    run.created_format = h->created_format;
    run.resolved_format = h->resolved_format;
    run.options = a->options;
    run.end_given = !a->end.empty();
    run.grouped = !a->csv.group.empty();
    for (auto& [name, stream] : groups) {
      if (stream.resolved.empty()) continue;  // nothing resolved in this stream
      forecast::BacktestOptions options = a->options;
      options.created = std::move(stream.created);
      auto r = forecast::backtest(stream.resolved, options);
      if (!r) {
        if (groups.size() == 1) {
          fail(r.error(), ctx.exit_code);
          return;
        }
        continue;  // a group too small to test
      }
      pool(run.when, r->when);
      pool(run.count, r->count);
      run.after_end += r->after_end;
      run.forecasts += r->points.size();
      for (const auto& p : r->points)
        if (p.cadence_weeks > 1) ++run.cadence_dates[std::min(p.cadence_weeks, 4)];
      if (run.grouped) run.groups.push_back({name, r->points.size(), r->when, r->count});
    }
    if (run.forecasts == 0) {
      const Error none{codes::kNoBacktestHistory, "no forecast date has enough history", Location{},
                       "shorten --window or use a longer history"};
      fail(none, ctx.exit_code);
      return;
    }
    if (a->format == "json")
      print(report::backtest_json(report::Header{{}, {}, std::nullopt, generated_at()}, run),
            std::cout);
    else
      report::backtest_table(run, std::cout);
  });
}

}  // namespace cairn::cli

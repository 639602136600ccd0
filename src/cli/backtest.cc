// `cairn backtest HISTORY.csv --created COL --resolved COL [--items M --weeks K]`: replays a real
// issue history and checks how well throughput forecasts would have done (forecast/backtest.h).
#include <iostream>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "forecast/backtest.h"
#include "io/history_csv.h"

namespace cairn::cli {
namespace {

using forecast::Calibration;

// Pools calibrations weighted by the forecasts they checked.
void pool(Calibration& into, const Calibration& c) {
  const double n = static_cast<double>(into.checked + c.checked);
  if (n == 0) return;
  auto mix = [&](double a, double b) { return (a * into.checked + b * c.checked) / n; };
  into.coverage_p50 = mix(into.coverage_p50, c.coverage_p50);
  into.coverage_p85 = mix(into.coverage_p85, c.coverage_p85);
  into.coverage_p95 = mix(into.coverage_p95, c.coverage_p95);
  into.mean_error = mix(into.mean_error, c.mean_error);
  into.mean_abs_error = mix(into.mean_abs_error, c.mean_abs_error);
  into.checked += c.checked;
}

nlohmann::ordered_json calibration_json(const Calibration& c, const char* unit) {
  nlohmann::ordered_json j;
  j["checked"] = c.checked;
  j["coverage_p50"] = c.coverage_p50;
  j["coverage_p85"] = c.coverage_p85;
  j["coverage_p95"] = c.coverage_p95;
  j[fmt::format("mean_error_{}", unit)] = c.mean_error;
  j[fmt::format("mean_abs_error_{}", unit)] = c.mean_abs_error;
  return j;
}

}  // namespace

void register_backtest(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "backtest", "Replay an issue history and check the calibration of throughput forecasts");
  struct Args {
    std::string file;
    io::HistoryCsvOptions csv;
    forecast::BacktestOptions options;
    std::string model = "bayesian";
    std::string format = "table";
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("HISTORY", a->file, "Issue history CSV (Jira, GitHub or any export)")->required();
  cmd->add_option("--created", a->csv.created, "Column of the creation date (default created)");
  cmd->add_option("--resolved", a->csv.resolved,
                  "Column of the resolution date (default resolved)");
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
  cmd->add_option("--step", a->options.step_days, "Days between forecast dates (default 7)")
      ->check(CLI::Range(1, 3650));
  cmd->add_option("--trials", a->options.trials, "Monte Carlo trials per forecast (default 2000)")
      ->check(CLI::Range(1, 1000000));
  cmd->add_option("--seed", a->options.seed, "Random seed (default 1)");
  cmd->add_option("--model", a->model,
                  "Weekly throughput sampling: bayesian (Bayesian bootstrap, default), bootstrap "
                  "(classic: every past week equally likely) or block (runs of --block weeks)")
      ->check(CLI::IsMember({"bootstrap", "block", "bayesian"}));
  cmd->add_option("--block", a->options.block_weeks, "Block length in weeks (default 4)")
      ->check(CLI::Range(1, 520));
  cmd->add_option("--format", a->format, "Output format (default table)")
      ->check(CLI::IsMember({"table", "text", "json"}));
  cmd->callback([&ctx, a] {
    a->options.model = a->model == "block"      ? forecast::ThroughputModel::kBlockBootstrap
                       : a->model == "bayesian" ? forecast::ThroughputModel::kBayesianBootstrap
                                                : forecast::ThroughputModel::kBootstrap;
    Diagnostics diags;
    auto h = io::read_history_csv_file(a->file, a->csv, diags);
    print_diagnostics(diags, "text", std::cerr);
    if (!h) {
      std::cerr << h.error().to_string() << "\n";
      ctx.exit_code = 2;
      return;
    }
    std::map<std::string, std::vector<Date>> groups;
    for (const auto& r : h->records)
      if (r.resolved) groups[r.group].push_back(*r.resolved);
    Calibration when, count;
    size_t forecasts = 0;
    auto group_rows = nlohmann::ordered_json::array();
    std::string table;
    for (const auto& [name, dates] : groups) {
      auto r = forecast::backtest(dates, a->options);
      if (!r) {
        if (groups.size() == 1) {
          std::cerr << r.error().to_string() << "\n";
          ctx.exit_code = 2;
          return;
        }
        continue;  // a group too small to test
      }
      pool(when, r->when);
      pool(count, r->count);
      forecasts += r->points.size();
      if (!a->csv.group.empty()) {
        group_rows.push_back({{"group", name},
                              {"forecasts", r->points.size()},
                              {"when", calibration_json(r->when, "days")},
                              {"how_many", calibration_json(r->count, "items")}});
        table +=
            fmt::format("  {:<24} {:>6} {:>6.0f}% {:>6.0f}% {:>6.0f}% {:>9.1f}\n",
                        name.substr(0, 24), r->when.checked, 100 * r->when.coverage_p50,
                        100 * r->when.coverage_p85, 100 * r->when.coverage_p95, r->when.mean_error);
      }
    }
    if (forecasts == 0) {
      std::cerr << "no forecast date has enough history; shorten --window or use a longer "
                   "history\n";
      ctx.exit_code = 2;
      return;
    }
    if (a->format == "json") {
      nlohmann::ordered_json j;
      j["file"] = a->file;
      j["rows"] = h->rows;
      j["resolved_items"] = h->records.size();
      j["created_format"] = h->created_format;
      j["resolved_format"] = h->resolved_format;
      j["items"] = a->options.items;
      j["weeks"] = a->options.weeks;
      j["window_weeks"] = a->options.window_weeks;
      j["model"] = to_string(a->options.model);
      j["forecasts"] = forecasts;
      j["checked"] = when.checked;
      j["coverage_p50"] = when.coverage_p50;
      j["coverage_p85"] = when.coverage_p85;
      j["coverage_p95"] = when.coverage_p95;
      j["mean_error_days"] = when.mean_error;
      j["mean_abs_error_days"] = when.mean_abs_error;
      j["how_many"] = calibration_json(count, "items");
      if (!a->csv.group.empty()) j["groups"] = group_rows;
      std::cout << j.dump(2) << "\n";
      return;
    }
    std::cout << fmt::format(
        "Backtest of {}: {} rows, dates {} / {}; {} forecast dates, {} model, {}-week window\n\n",
        a->file, h->rows, h->created_format, h->resolved_format, forecasts,
        to_string(a->options.model), a->options.window_weeks);
    std::cout << fmt::format("When will the next {} items be finished? ({} forecasts checked)\n",
                             a->options.items, when.checked);
    std::cout << fmt::format(
        "  real finish at or before P50: {:.0f}%, P85: {:.0f}%, P95: {:.0f}%\n"
        "  mean error of P50: {:+.1f} days (positive: forecast too late), mean |error| {:.1f} "
        "days\n",
        100 * when.coverage_p50, 100 * when.coverage_p85, 100 * when.coverage_p95, when.mean_error,
        when.mean_abs_error);
    std::cout << fmt::format("How many items in the next {} weeks? ({} forecasts checked)\n",
                             a->options.weeks, count.checked);
    std::cout << fmt::format(
        "  real count at or above P50: {:.0f}%, P85: {:.0f}%, P95: {:.0f}%\n"
        "  mean error of P50: {:+.1f} items, mean |error| {:.1f} items\n",
        100 * count.coverage_p50, 100 * count.coverage_p85, 100 * count.coverage_p95,
        count.mean_error, count.mean_abs_error);
    if (!table.empty()) {
      std::cout << fmt::format("\n  {:<24} {:>6} {:>7} {:>7} {:>7} {:>9}\n", "group", "checked",
                               "P50", "P85", "P95", "err (d)");
      std::cout << table;
    }
  });
}

}  // namespace cairn::cli

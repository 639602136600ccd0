#include "report/backtest.h"

#include <numeric>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

namespace cairn::report {
namespace {

Json calibration_json(const forecast::Calibration& c, const char* unit) {
  Json j;
  j["checked"] = c.checked;
  if (std::string_view(unit) == "days") j["unasked"] = c.unasked;
  j["coverage_p50"] = c.coverage_p50;
  j["coverage_p85"] = c.coverage_p85;
  j["coverage_p95"] = c.coverage_p95;
  j["coverage_interval_90"] = coverage_interval_json(c);
  j[fmt::format("mean_error_{}", unit)] = c.mean_error;
  j[fmt::format("mean_abs_error_{}", unit)] = c.mean_abs_error;
  return j;
}

// "53% (47-60)": a coverage and its 90% interval, in percent.
std::string with_interval(const forecast::Calibration& c, int level, double v) {
  const auto range = forecast::coverage_interval(c, level);
  if (!range) return fmt::format("{:.0f}% (?)", 100 * v);
  return fmt::format("{:.0f}% ({:.0f}-{:.0f})", 100 * v, 100 * (*range)[0], 100 * (*range)[1]);
}

}  // namespace

Json coverage_interval_json(const forecast::Calibration& c) {
  if (c.checked == 0) return nullptr;
  Json j;
  const char* names[3] = {"p50", "p85", "p95"};
  for (int k = 0; k < 3; ++k) {
    const auto range = forecast::coverage_interval(c, k);
    if (!range) return nullptr;
    j[names[k]] = Json::array({(*range)[0], (*range)[1]});
  }
  return j;
}

Json backtest_json(const Header& h, const BacktestRun& run) {
  Json j = document("backtest", h);
  j["file"] = run.file;
  j["rows"] = run.rows;
  j["resolved_items"] = run.resolved_items;
  j["created_column"] = run.created_column;
  j["resolved_column"] = run.resolved_column;
  j["created_format"] = run.created_format;
  j["resolved_format"] = run.resolved_format;
  j["items"] = run.options.items;
  j["weeks"] = run.options.weeks;
  j["window_weeks"] = run.options.window_weeks;
  j["model"] = to_string(run.options.model);
  if (run.options.end) j["end"] = run.options.end->to_string();
  j["end_from"] = run.end_given     ? "option"
                  : run.options.end ? "newest creation"
                                    : "last resolution";
  j["resolutions_after_end"] = run.after_end;
  j["forecasts"] = run.forecasts;
  Json cadence = Json::object();
  for (int p = 2; p <= 4; ++p)
    if (run.cadence_dates[p]) cadence[std::to_string(p)] = run.cadence_dates[p];
  j["cadence_dates"] = cadence;
  // The 'when' calibration at the top level (docs/forecasting.md), the count one as `how_many`.
  const Json when = calibration_json(run.when, "days");
  for (auto it = when.begin(); it != when.end(); ++it)
    j[it.key()] = it.value();
  j["how_many"] = calibration_json(run.count, "items");
  if (run.grouped) {
    Json groups = Json::array();
    for (const auto& g : run.groups)
      groups.push_back({{"group", g.name},
                        {"forecasts", g.forecasts},
                        {"when", calibration_json(g.when, "days")},
                        {"how_many", calibration_json(g.count, "items")}});
    j["groups"] = groups;
  }
  return j;
}

void backtest_table(const BacktestRun& run, std::ostream& out) {
  const auto& when = run.when;
  const auto& count = run.count;
  out << fmt::format(
      "Backtest of {}: {} rows, {} ({}) to {} ({}); {} forecast dates, {} model, {}-week "
      "window\n",
      run.file, run.rows, run.created_column, run.created_format, run.resolved_column,
      run.resolved_format, run.forecasts, to_string(run.options.model), run.options.window_weeks);
  if (run.options.end)
    out << fmt::format("Known up to {} (exclusive; {}){}\n", run.options.end->to_string(),
                       run.end_given ? "--end" : "the day after the newest creation",
                       run.after_end
                           ? fmt::format(": {} later resolution(s) left out{}", run.after_end,
                                         run.end_given ? ""
                                                       : ", as the issues created after it "
                                                         "are missing")
                           : "");
  std::string cadence;
  for (int p = 2; p <= 4; ++p)
    if (run.cadence_dates[p])
      cadence += fmt::format("{}{} date(s) in blocks of {} weeks", cadence.empty() ? "" : ", ",
                             run.cadence_dates[p], p);
  if (!cadence.empty())
    out << fmt::format(
        "Items finish in batches a few weeks apart (a sprint's cadence): {} of {} forecast "
        "dates drew their weeks ahead as whole past sprints ({})\n",
        std::accumulate(run.cadence_dates.begin(), run.cadence_dates.end(), size_t{0}),
        run.forecasts, cadence);
  out << "\n";
  out << fmt::format("When will the next {} items be finished? ({} forecasts checked{})\n",
                     run.options.items, when.checked,
                     when.unasked ? fmt::format("; not asked on {} date(s) with fewer than {} "
                                                "items open",
                                                when.unasked, run.options.items)
                                  : "");
  out << fmt::format(
      "  real finish at or before P50: {}, P85: {}, P95: {}\n"
      "  mean error of P50: {:+.1f} days (positive: forecast too late), mean |error| {:.1f} "
      "days\n",
      with_interval(when, 0, when.coverage_p50), with_interval(when, 1, when.coverage_p85),
      with_interval(when, 2, when.coverage_p95), when.mean_error, when.mean_abs_error);
  out << fmt::format("How many items in the next {} weeks? ({} forecasts checked)\n",
                     run.options.weeks, count.checked);
  out << fmt::format(
      "  real count at or above P50: {}, P85: {}, P95: {}\n"
      "  mean error of P50: {:+.1f} items, mean |error| {:.1f} items\n",
      with_interval(count, 0, count.coverage_p50), with_interval(count, 1, count.coverage_p85),
      with_interval(count, 2, count.coverage_p95), count.mean_error, count.mean_abs_error);
  out << "  (in brackets: the central 90% of each share over stretches of this history, a "
         "moving-block bootstrap of the forecast dates, ? when it is too short to tell; ties "
         "split by the randomized PIT)\n";
  if (!run.grouped || run.groups.empty()) return;
  out << fmt::format("\n  {:<24} {:>6} {:>7} {:>7} {:>7} {:>9}\n", "group", "checked", "P50", "P85",
                     "P95", "err (d)");
  for (const auto& g : run.groups)
    out << fmt::format("  {:<24} {:>6} {:>6.0f}% {:>6.0f}% {:>6.0f}% {:>9.1f}\n",
                       g.name.substr(0, 24), g.when.checked, 100 * g.when.coverage_p50,
                       100 * g.when.coverage_p85, 100 * g.when.coverage_p95, g.when.mean_error);
}

}  // namespace cairn::report

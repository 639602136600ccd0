#include "report/calibration.h"

#include <ostream>

#include <fmt/format.h>

#include "report/backtest.h"

namespace cairn::report {
namespace {

Json share_or_null(const forecast::Calibration& c, double v) {
  return c.checked ? Json(v) : Json(nullptr);
}

Json coverage_json(const forecast::Calibration& c, const char* unit) {
  return {{"checked", c.checked},
          {"censored", c.censored},
          {"unasked", c.unasked},
          {"coverage_p50", share_or_null(c, c.coverage_p50)},
          {"coverage_p85", share_or_null(c, c.coverage_p85)},
          {"coverage_p95", share_or_null(c, c.coverage_p95)},
          {"coverage_interval_90", coverage_interval_json(c)},
          {fmt::format("mean_error_{}", unit), share_or_null(c, c.mean_error)}};
}

Json point_json(const forecast::BacktestPoint& p) {
  auto opt = [](const std::optional<int>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"as_of", p.at.to_string()},
          {"window_items", p.window_items},
          {"cadence_weeks", p.cadence_weeks},
          {"open_items", opt(p.open_items)},
          {"when_days", {{"p50", p.when_p50}, {"p85", p.when_p85}, {"p95", p.when_p95}}},
          {"when_actual_days", opt(p.when_actual)},
          {"how_many", {{"p50", p.count_p50}, {"p85", p.count_p85}, {"p95", p.count_p95}}},
          {"how_many_actual", opt(p.count_actual)}};
}

// Checked, but with fewer than two blocks of dates: the coverages' spread is unknown.
bool too_short_of(const forecast::Calibration& c) {
  return c.checked > 0 && !forecast::coverage_interval(c, 0);
}

std::string percent(const forecast::Calibration& c, double v) {
  return c.checked ? fmt::format("{:.0f}%", 100 * v) : "-";
}

}  // namespace

Json calibration_json(const Header& h, const forecast::ProgramCalibration& c) {
  Json j = document("calibration", h);
  j["model"] = c.model;
  j["items"] = c.items;
  Json streams = Json::array();
  for (const auto& s : c.streams) {
    Json points = Json::array();
    for (const auto& p : s.points)
      points.push_back(point_json(p));
    streams.push_back({{"team", s.team.empty() ? Json(nullptr) : Json(s.team)},
                       {"done_items", s.done_items},
                       {"first", date_or_null(s.first)},
                       {"last", date_or_null(s.last)},
                       {"window_weeks", s.window_weeks},
                       {"weeks", s.weeks},
                       {"when", coverage_json(s.when, "days")},
                       {"how_many", coverage_json(s.count, "items")},
                       {"note", s.note.empty() ? Json(nullptr) : Json(s.note)},
                       {"points", points}});
  }
  j["streams"] = streams;
  return j;
}

void calibration_table(const forecast::ProgramCalibration& c, std::ostream& out, bool points) {
  out << fmt::format(
      "Calibration on the program's own history (as of {}, {} model): how often the throughput "
      "odds held\n",
      c.as_of.to_string(), c.model);
  out << fmt::format("  {:<10} {:>5} {:>6} | {:>27} | {:>27} | {}\n", "stream", "done", "window",
                     fmt::format("next {} items done by P50/85/95", c.items),
                     "count at least P50/85/95", "note");
  for (const auto& s : c.streams) {
    auto cov = [](const forecast::Calibration& k) {
      return fmt::format("{:>4} {:>5} {:>5} {:>5}", k.checked, percent(k, k.coverage_p50),
                         percent(k, k.coverage_p85), percent(k, k.coverage_p95));
    };
    out << fmt::format("  {:<10} {:>5} {:>5}w | {:>27} | {:>27} | {}\n",
                       s.team.empty() ? "program" : s.team.substr(0, 10), s.done_items,
                       s.window_weeks, cov(s.when), cov(s.count), s.note);
  }
  out << "  (checked, then the share of real outcomes the P50/P85/P95 covered; well calibrated: "
         "about 50/85/95%)\n";
  // How far the shares are known (forecast::coverage_interval), where the history can tell.
  size_t too_short = 0;
  for (const auto& s : c.streams) {
    std::string known;
    for (const auto* k : {&s.when, &s.count}) {
      if (k->checked == 0) continue;
      if (too_short_of(*k)) {
        ++too_short;
        continue;
      }
      std::string ranges;
      for (int level = 0; level < 3; ++level) {
        const auto r = *forecast::coverage_interval(*k, level);
        ranges += fmt::format("{}{:.0f}-{:.0f}%", level ? " / " : "", 100 * r[0], 100 * r[1]);
      }
      known += fmt::format("{}{} {}", known.empty() ? "" : "; ",
                           k == &s.when ? "done by" : "count at least", ranges);
    }
    if (!known.empty())
      out << fmt::format("  {}, 90% of its stretches: {}\n", s.team.empty() ? "program" : s.team,
                         known);
  }
  if (too_short)
    out << fmt::format(
        "  (for {} of the checked questions above, the history is too short to tell how far the "
        "shares are known: fewer than two stretches of window + counts)\n",
        too_short);
  if (!points || c.streams.empty()) return;
  out << fmt::format("\n  {:<10} {:>20} {:>7} {:>20} {:>7}\n", "as of", "when P50/85/95 (d)",
                     "real", "count P50/85/95", "real");
  for (const auto& p : c.streams.front().points)
    out << fmt::format(
        "  {:<10} {:>6.1f} {:>6.1f} {:>6.1f} {:>7} {:>6.1f} {:>6.1f} {:>6.1f} {:>7}\n",
        p.at.to_string(), p.when_p50, p.when_p85, p.when_p95,
        p.when_actual ? std::to_string(*p.when_actual) : "-", p.count_p50, p.count_p85, p.count_p95,
        p.count_actual ? std::to_string(*p.count_actual) : "-");
}

}  // namespace cairn::report

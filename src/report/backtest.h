// The `backtest` document (schema/report/backtest.schema.json) and its table: how well
// throughput forecasts would have done on a real issue history (forecast/backtest.h). Coverages
// and errors are exact in JSON (shares 0..1; days or items), rounded in the table.
#pragma once

#include <array>
#include <iosfwd>
#include <string>
#include <vector>

#include "forecast/backtest.h"
#include "report/document.h"

namespace cairn::report {

struct BacktestGroup {
  std::string name;
  size_t forecasts = 0;
  forecast::Calibration when, count;
};

// What `cairn backtest` measured: the input, the options, the pooled calibration and, when the
// history was split into groups, each group's.
struct BacktestRun {
  std::string file;
  size_t rows = 0, resolved_items = 0;
  std::string created_column, resolved_column;  // the headers read
  std::string created_format, resolved_format;
  forecast::BacktestOptions options;  // `end`: the day the history is known up to (exclusive)
  bool end_given = false;             // set by the user; else the day after the newest creation
  size_t after_end = 0;               // resolutions on or after `end`, left out
  size_t forecasts = 0;
  // Forecast dates whose weeks were drawn in blocks of a cadence (forecast::cadence_weeks), by
  // the block's weeks (index 2 to 4).
  std::array<size_t, 5> cadence_dates{};
  forecast::Calibration when, count;  // pooled over the groups, weighted by forecasts checked
  bool grouped = false;
  std::vector<BacktestGroup> groups;
};

// The central 90% of each coverage over the moving-block bootstrap of the forecast dates
// (forecast::coverage_interval): {"p50": [lo, hi], "p85": ..., "p95": ...}; null when nothing was
// checked or the history is too short to tell. Also used by the calibration document.
Json coverage_interval_json(const forecast::Calibration& c);

Json backtest_json(const Header& h, const BacktestRun& run);
void backtest_table(const BacktestRun& run, std::ostream& out);

}  // namespace cairn::report

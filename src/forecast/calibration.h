// How far a program's own throughput odds have been right before: the backtest (backtest.h) run
// on the program's item history.
//
// The finish dates of the program's done leaf items (Program::actual_finish: the last move into a
// done state) up to the status date form one stream for the whole program and one per team. At
// every past as-of date of each stream the forecast's throughput method (ThroughputModel, the same
// window as `cairn forecast --window`) answers "when will the next M items be finished" and "how
// many in the next K weeks" from what had happened before that date only, and the answer is checked
// against what happened next. Coverage of P50/P85/P95 near 50/85/ 95% means the odds could be
// trusted; lower means the forecasts were too optimistic.
//
// A plan often has only weeks of history: when the stream is shorter than two windows plus the
// K weeks, the window shrinks to half the span (at least 2 weeks) and K to the window, and the
// stream says so (`window_weeks`, `weeks`); a stream too short or too small for any check says why
// in `note`. Only throughput is checked: a plan's past estimates and remaining work are not
// recorded, so the estimate-based part of a forecast cannot be replayed.
//
// Pure function of the program; deterministic for a seed; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/error.h"
#include "forecast/backtest.h"
#include "model/program.h"

namespace cairn::forecast {

struct CalibrationOptions {
  // Window, M (`items`), K (`weeks`), trials, seed and model of the replayed forecasts; defaults
  // as BacktestOptions. Its `step_days` and `end` are ignored (below; the status date is the end).
  BacktestOptions backtest;
  int step_days = 1;          // days between as-of dates; default 1 (a plan's history is short)
  std::optional<Date> as_of;  // default: the program's as_of, else its start
  bool per_team = true;       // also one stream per team; default true
  int min_items = 10;         // a stream needs at least this many done items; default 10
};

struct CalibrationStream {
  std::string team;  // team key; empty for the whole program
  size_t done_items = 0;
  std::optional<Date> first, last;  // first and last finish
  int window_weeks = 0;             // the window and K actually used
  int weeks = 0;
  std::vector<BacktestPoint> points;  // every past as-of date: what was said, what happened
  Calibration when, count;            // coverage of the checked points (see backtest.h)
  std::string note;                   // why the stream was not (fully) checked; empty if it was
};

struct ProgramCalibration {
  Date as_of;
  std::string model;                       // to_string(ThroughputModel)
  int items = 0;                           // M
  std::vector<CalibrationStream> streams;  // the program first, then teams in plan order
};

// Error `invalid-options` for options the backtest refuses. A stream without enough history is
// not an error: it is returned with a note.
Result<ProgramCalibration> calibrate_program(const Program& program,
                                             const CalibrationOptions& options);

}  // namespace cairn::forecast

#include "forecast/calibration.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::forecast {

namespace {

// Backtests one stream of finish dates (sorted) known up to `end` (exclusive).
CalibrationStream calibrate_stream(std::string team, std::vector<Date> finishes,
                                   std::vector<Date> created, Date end,
                                   const CalibrationOptions& o) {
  CalibrationStream s;
  s.team = std::move(team);
  s.done_items = finishes.size();
  s.window_weeks = o.backtest.window_weeks;
  s.weeks = o.backtest.weeks;
  if (finishes.empty()) {
    s.note = "no done item with a finish date";
    return s;
  }
  // Only the last kYears of history: a replay costs about the square of its span, and an older
  // finish (or one typed centuries early) says little about today's odds.
  constexpr int kYears = 3;
  const Date since = end - 365 * kYears;
  const auto old_end = std::lower_bound(finishes.begin(), finishes.end(), since);
  const size_t older = static_cast<size_t>(old_end - finishes.begin());
  finishes.erase(finishes.begin(), old_end);
  if (finishes.empty()) {
    s.note = fmt::format("no done item in the {} years before the status date", kYears);
    return s;
  }
  s.first = finishes.front();
  s.last = finishes.back();
  if (static_cast<int>(finishes.size()) < o.min_items) {
    s.note =
        fmt::format("only {} done item(s); at least {} are needed", finishes.size(), o.min_items);
    return s;
  }
  // A short history: the window shrinks to half the span, K to the window.
  const int span_weeks = (end - finishes.front()) / 7;
  if (span_weeks < 2 * s.window_weeks + s.weeks) {
    s.window_weeks = std::min(s.window_weeks, span_weeks / 2);
    s.weeks = std::min(s.weeks, s.window_weeks);
  }
  if (s.window_weeks < 2) {
    s.note = fmt::format("the history spans {} week(s); at least 4 are needed", span_weeks);
    return s;
  }
  BacktestOptions b = o.backtest;
  b.window_weeks = s.window_weeks;
  b.weeks = s.weeks;
  b.end = end;
  b.step_days = o.step_days;
  b.created = std::move(created);
  auto r = backtest(finishes, b);
  if (!r) {
    s.note = r.error().message;
    return s;
  }
  s.points = std::move(r->points);
  s.when = r->when;
  s.count = r->count;
  if (s.when.checked == 0 && s.count.checked == 0)
    s.note = "no replayed forecast has a known outcome yet";
  else if (s.window_weeks != o.backtest.window_weeks || s.weeks != o.backtest.weeks)
    s.note = fmt::format("short history ({} weeks): a {}-week window and {}-week counts",
                         span_weeks, s.window_weeks, s.weeks);
  else if (older > 0)
    s.note = fmt::format("the last {} years: {} older done item(s) left out", kYears, older);
  return s;
}

}  // namespace

Result<ProgramCalibration> calibrate_program(const Program& program, const CalibrationOptions& o) {
  const BacktestOptions& b = o.backtest;
  if (b.items < 1 || b.weeks < 1 || b.window_weeks < 1 || o.step_days < 1 || b.trials < 1 ||
      b.block_weeks < 1 || o.min_items < 1)
    return make_error(codes::kInvalidOptions,
                      "items, weeks, window, step, trials, block length and the minimum number "
                      "of items must be positive");
  ProgramCalibration out;
  out.as_of = o.as_of.value_or(program.as_of.value_or(program.start));
  out.model = to_string(b.model);
  out.items = b.items;
  const Date end = out.as_of + 1;  // the status date's finishes are known
  const uint32_t n = static_cast<uint32_t>(program.items.size());
  std::vector<uint8_t> has_kids(n, 0);
  for (const auto& it : program.items)
    if (it.parent.valid() && it.parent.index() < n) has_kids[it.parent.index()] = 1;
  // Per stream the finish dates of its done leaves and the creation dates of all its leaves (an
  // item without `created` has been in the plan since its start; one finished before it was
  // created counts as created that day): 'when' is asked only with M items open
  // (BacktestOptions::created).
  std::vector<Date> all, all_created;
  std::vector<std::vector<Date>> by_team(program.teams.size()), created_by_team(by_team.size());
  for (uint32_t i = 0; i < n; ++i) {
    if (has_kids[i]) continue;
    const WorkItem& it = program.items[i];
    Date created = it.created ? it.created->date() : program.start;
    const TeamId t = it.team;
    const bool in_team = t.valid() && t.index() < by_team.size();
    if (program.category(WorkItemId{i}) == StateCategory::kDone) {
      const auto f = program.actual_finish(WorkItemId{i});
      if (!f) continue;  // done without a date: neither open nor in the throughput
      if (f->date() < end) {
        all.push_back(f->date());
        if (in_team) by_team[t.index()].push_back(f->date());
      }
      created = std::min(created, f->date());
    }
    all_created.push_back(created);
    if (in_team) created_by_team[t.index()].push_back(created);
  }
  std::sort(all.begin(), all.end());
  out.streams.push_back(calibrate_stream("", std::move(all), std::move(all_created), end, o));
  if (o.per_team)
    for (size_t t = 0; t < program.teams.size(); ++t) {
      std::sort(by_team[t].begin(), by_team[t].end());
      out.streams.push_back(calibrate_stream(program.teams[t].key, std::move(by_team[t]),
                                             std::move(created_by_team[t]), end, o));
    }
  return out;
}

}  // namespace cairn::forecast

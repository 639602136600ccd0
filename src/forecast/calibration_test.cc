#include "forecast/calibration.h"

#include <gtest/gtest.h>

namespace cairn::forecast {
namespace {

Date d(const char* s) {
  return *Date::parse(s);
}

// A program whose team A finishes one item every day from `first` for `days` days, and whose team
// B finished 3 items.
Program steady_program(Date first, int days, Date as_of) {
  Program p;
  p.key = "P";
  p.start = first;
  p.as_of = as_of;
  for (const char* key : {"A", "B"}) {
    Team t;
    t.key = key;
    p.teams.push_back(t);
  }
  auto add = [&](size_t team, Date finish, int i) {
    WorkItem it;
    it.key = "I-" + std::to_string(i);
    it.team = TeamId{team};
    it.state = "Done";
    it.history = {{"In Progress", DateTime::from_date(finish - 2)},
                  {"Done", DateTime::from_date(finish, 600)}};
    p.items.push_back(it);
  };
  for (int i = 0; i < days; ++i)
    add(0, first + i, i);
  for (int i = 0; i < 3; ++i)
    add(1, first + 10 * i, days + i);
  WorkItem open;  // not done: not in the history
  open.key = "OPEN";
  open.team = TeamId{0};
  p.items.push_back(open);
  p.reindex();
  return p;
}

TEST(Calibration, SteadyProgramHistoryIsReplayed) {
  const Date first = d("2026-01-05");
  const auto p = steady_program(first, 200, first + 199);
  // The classic bootstrap, so that a steady history replays exactly (the Bayesian-bootstrap
  // models add half an item of prior count, forecast/throughput.h).
  auto r = calibrate_program(
      p, {.backtest = {.trials = 200, .model = forecast::ThroughputModel::kBootstrap},
          .step_days = 7});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_EQ(r->streams.size(), 3u);
  const auto& prog = r->streams[0];
  EXPECT_EQ(prog.team, "");
  EXPECT_EQ(prog.done_items, 203u);
  EXPECT_EQ(prog.window_weeks, 12);  // 28 weeks of history: the full window fits
  EXPECT_EQ(prog.weeks, 4);
  EXPECT_TRUE(prog.note.empty()) << prog.note;
  // Dates every 7 days from first + 84 up to the status date; those whose next 10 items are known.
  EXPECT_EQ(prog.points.size(), static_cast<size_t>((199 - 84) / 7 + 1));
  EXPECT_GT(prog.when.checked, 10u);
  const auto& a = r->streams[1];
  EXPECT_EQ(a.team, "A");
  EXPECT_EQ(a.done_items, 200u);
  // Seven a day each week, every week: the replayed P50 of the 10th item is exact (9.5 days), so
  // each outcome is the forecast's one value and every percentile covers its own share
  // (randomized PIT, forecast/backtest.cc).
  EXPECT_NEAR(a.points.front().when_p50, 9.5, 1e-9);
  EXPECT_EQ(*a.points.front().when_actual, 9);
  EXPECT_DOUBLE_EQ(a.when.coverage_p50, 0.5);
  EXPECT_NEAR(a.count.coverage_p85, 0.85, 1e-12);
  const auto& b = r->streams[2];
  EXPECT_EQ(b.done_items, 3u);
  EXPECT_TRUE(b.points.empty());
  EXPECT_EQ(b.note, "only 3 done item(s); at least 10 are needed");
}

TEST(Calibration, ShortHistoryShrinksTheWindow) {
  const Date first = d("2026-01-05");
  const auto p = steady_program(first, 50, first + 49);  // 7 weeks
  auto r = calibrate_program(p, {.backtest = {.trials = 100}, .per_team = false});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->streams.size(), 1u);
  EXPECT_EQ(r->streams[0].window_weeks, 3);  // half of the 7 weeks
  EXPECT_EQ(r->streams[0].weeks, 3);
  // Every day from first + 21 to the status date is an as-of date.
  EXPECT_EQ(r->streams[0].points.size(), 29u);
  EXPECT_NE(r->streams[0].note.find("short history (7 weeks)"), std::string::npos);
}

// Only the last 3 years of history are replayed: a finish date typed centuries early (1628 for
// 2026, found by fuzzing) had made `cairn forecast --calibration` replay 400 years (a minute).
TEST(Calibration, OnlyTheLastYearsAreReplayed) {
  const Date first = d("2026-01-05");
  auto p = steady_program(first, 200, first + 199);
  const CalibrationOptions o{.backtest = {.trials = 50}, .per_team = false};
  auto plain = calibrate_program(p, o);
  p.items[0].history = {{"In Progress", DateTime::from_date(d("1628-01-01"))},
                        {"Done", DateTime::from_date(d("1628-01-03"), 600)}};
  auto r = calibrate_program(p, o);
  ASSERT_TRUE(r.has_value() && plain.has_value());
  const auto& s = r->streams[0];
  EXPECT_EQ(s.done_items, 203u);
  EXPECT_EQ(s.first, first);  // item 0 left out; team B finished one that day too
  EXPECT_EQ(s.points.size(), plain->streams[0].points.size());
  EXPECT_EQ(s.note, "the last 3 years: 1 older done item(s) left out");
}

TEST(Calibration, OutcomesAfterTheStatusDateAreUnknown) {
  const Date first = d("2026-01-05");
  // Finishes go on to day 199 but the status date is day 150: later finishes are not history.
  const auto p = steady_program(first, 200, first + 150);
  auto r = calibrate_program(p, {.backtest = {.trials = 100}, .step_days = 7, .per_team = false});
  ASSERT_TRUE(r.has_value());
  for (const auto& pt : r->streams[0].points) {
    EXPECT_LE(pt.at, first + 150);
    if (pt.count_actual) {
      EXPECT_LE(pt.at + 28, first + 151);
    }
  }
}

TEST(Calibration, RejectsBadOptions) {
  const auto p = steady_program(d("2026-01-05"), 20, d("2026-02-01"));
  EXPECT_EQ(calibrate_program(p, {.min_items = 0}).error().code, "invalid-options");
}

}  // namespace
}  // namespace cairn::forecast

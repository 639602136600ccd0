#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "base/version.h"
#include "report/baseline.h"
#include "report/calibration.h"
#include "report/changes.h"
#include "report/check.h"
#include "report/document.h"
#include "report/forecast.h"
#include "report/json_stream.h"

namespace cairn::report {
namespace {

Header atlas_header() {
  return Header{"ATLAS", "Atlas", Date::parse("2026-11-23"), DateTime{1780000000}};
}

TEST(Document, HeaderIsTheSameShapeEverywhere) {
  Json j = document("schedule", atlas_header());
  EXPECT_EQ(j["document"], "schedule");
  EXPECT_EQ(j["cairn_version"], std::string(cairn_version()));
  EXPECT_EQ(j["program"]["key"], "ATLAS");
  EXPECT_EQ(j["program"]["name"], "Atlas");
  EXPECT_EQ(j["as_of"], "2026-11-23");
  EXPECT_EQ(j["generated_at"], "2026-05-28T20:26:40Z");
  // No program, no time: program is null and generated_at is left out.
  Json none = document("backtest", Header{});
  EXPECT_TRUE(none["program"].is_null());
  EXPECT_TRUE(none["as_of"].is_null());
  EXPECT_FALSE(none.contains("generated_at"));
}

TEST(Document, DiagnosticsCarryLocationAndHint) {
  Diagnostics d;
  d.error("dependency-cycle", "a cycle", Location{"plan.yaml", 12, 3, "/items/4"}, "remove a link");
  Json j = check_json(atlas_header(), d, nullptr);
  ASSERT_EQ(j["diagnostics"].size(), 1u);
  const Json& x = j["diagnostics"][0];
  EXPECT_EQ(x["id"], "dependency-cycle");
  EXPECT_EQ(x["severity"], "error");
  EXPECT_EQ(x["file"], "plan.yaml");
  EXPECT_EQ(x["line"], 12);
  EXPECT_EQ(x["column"], 3);
  EXPECT_EQ(x["pointer"], "/items/4");
  EXPECT_EQ(x["hint"], "remove a link");
  EXPECT_EQ(j["errors"], 1);
  EXPECT_FALSE(j.contains("counts"));  // no program read
}

TEST(Document, RoundsToTheGivenDecimals) {
  EXPECT_DOUBLE_EQ(rounded(2025.666666666667, 2), 2025.67);
  EXPECT_DOUBLE_EQ(rounded(38.675000000000004, 2), 38.68);
  EXPECT_DOUBLE_EQ(rounded(-1.005, 0), -1.0);
}

// A number that is not finite is null: RapidJSON writes nothing for it, which left `"slack": ,` in
// a schedule document (found by fuzzing, session 24).
TEST(JsonStream, NonFiniteNumbersAreNull) {
  JsonStream w(256);
  w.begin_object();
  w.field("nan", std::numeric_limits<double>::quiet_NaN());
  w.field("inf", std::numeric_limits<double>::infinity());
  w.field("dom", Json{{"x", -std::numeric_limits<double>::infinity()}});
  w.field("one", 1.5);
  w.end_object();
  std::ostringstream out;
  w.write_to(out);
  Json j = Json::parse(out.str());
  EXPECT_TRUE(j["nan"].is_null());
  EXPECT_TRUE(j["inf"].is_null());
  EXPECT_TRUE(j["dom"]["x"].is_null());
  EXPECT_EQ(j["one"], 1.5);
}

// The calibration table says how far each share is known, or that the history is too short.
TEST(Calibration, TableGivesTheSharesSpreadOrSaysItIsUnknown) {
  forecast::ProgramCalibration c{Date::parse("2026-11-23").value(), "adaptive", 10, {}};
  forecast::CalibrationStream program{.team = "", .done_items = 80, .window_weeks = 12, .weeks = 4};
  program.when = {.checked = 40, .coverage_p50 = 0.5, .coverage_p85 = 0.8, .coverage_p95 = 0.9};
  // Eleven replicates: P50 shares 0.40, 0.42, ..., 0.60 (5th to 95th percentile: 0.41-0.59);
  // P85 and P95 the same in each.
  for (int i = 0; i <= 10; ++i)
    program.when.replicates.push_back({16 + 0.8 * i, 34, 38, 40, 40, 40});
  forecast::CalibrationStream team{.team = "PAY", .done_items = 20, .window_weeks = 3, .weeks = 3};
  team.count = {.checked = 12, .coverage_p50 = 0.6, .spread_unknown = true};
  c.streams = {program, team};
  std::ostringstream out;
  calibration_table(c, out, false);
  const std::string t = out.str();
  EXPECT_NE(t.find("program, 90% of its stretches: done by 41-59% / 85-85% / 95-95%"),
            std::string::npos)
      << t;
  EXPECT_EQ(t.find("PAY, 90%"), std::string::npos) << t;
  EXPECT_NE(t.find("for 1 of the checked questions above, the history is too short"),
            std::string::npos)
      << t;
}

TEST(Forecast, EndIsReadFromNewAndOldDocuments) {
  Json now{{"program", {{"key", "ATLAS"}, {"name", "Atlas"}}}, {"end", {{"p85", "2027-06-01"}}}};
  Json old{{"program", {{"key", "program"}, {"p85", "2027-05-01"}}}};
  ASSERT_NE(forecast_end(now), nullptr);
  EXPECT_EQ((*forecast_end(now))["p85"], "2027-06-01");
  ASSERT_NE(forecast_end(old), nullptr);
  EXPECT_EQ((*forecast_end(old))["p85"], "2027-05-01");
  EXPECT_EQ(forecast_end(Json{{"program", {{"key", "ATLAS"}}}}), nullptr);
}

TEST(Baseline, ComparisonCountsSlipInWorkingDays) {
  // Friday 2027-01-08 -> Tuesday 2027-01-12 is two working days later.
  Json base_sched{{"end", "2027-01-08"},
                  {"milestones", Json::array({{{"key", "M1"}, {"date", "2027-01-08"}}})},
                  {"items", {{"A", {"2027-01-04", "2027-01-08"}}, {"GONE", nullptr}}}};
  Json now_sched{{"end", "2027-01-12"},
                 {"milestones", Json::array({{{"key", "M1"}, {"date", "2027-01-12"}}})},
                 {"items", {{"A", {"2027-01-04", "2027-01-12"}}, {"NEW", nullptr}}}};
  Json base_fc{{"milestones", Json::array({{{"key", "M1"}, {"p85", "2027-01-11"}}})},
               {"program", {{"key", "program"}, {"p85", "2027-01-11"}}}};
  Json now_fc{{"milestones", Json::array({{{"key", "M1"}, {"p85", "2027-01-11"}}})},
              {"end", {{"p85", "2027-01-13"}}}};
  WorkingCalendar cal;
  ComparisonInput in{BaselineInfo{"v1", 3, "2027-01-01T00:00:00Z", "me"},
                     &base_sched,
                     &base_fc,
                     5,
                     &now_sched,
                     &now_fc,
                     &cal};
  Json c = baseline_comparison_json(atlas_header(), in);
  EXPECT_EQ(c["document"], "baseline-comparison");
  EXPECT_EQ(c["milestones"][0]["date_slip_days"], 2);
  EXPECT_EQ(c["milestones"][0]["p85_slip_days"], 0);
  EXPECT_EQ(c["end"]["date_slip_days"], 2);
  EXPECT_EQ(c["end"]["p85_slip_days"], 2);  // old `program` against new `end`
  ASSERT_EQ(c["items_moved"].size(), 1u);
  EXPECT_EQ(c["items_moved"][0]["slip_days"], 2);
  EXPECT_EQ(c["items_added"], Json::array({"NEW"}));
  EXPECT_EQ(c["items_removed"], Json::array({"GONE"}));
  std::ostringstream table;
  baseline_comparison_table(c, table);
  EXPECT_NE(table.str().find("ATLAS: now at revision 5, compared with baseline v1"),
            std::string::npos)
      << table.str();
}

TEST(Baseline, FrozenOrderIsReadBackFromBothForms) {
  Program p;
  p.people.push_back(Person{});
  p.people.back().key = "alice";
  for (const char* key : {"A", "B", "C"}) {
    p.items.push_back(WorkItem{});
    p.items.back().key = key;
  }
  p.reindex();
  Json doc{{"items",
            {{"A", {"2027-01-04", "2027-01-08", "2027-01-04T13:00:00Z", "alice"}},
             {"B", {"2027-01-05", "2027-01-06"}},  // a baseline from before start instants
             {"C", nullptr},
             {"GONE", {"2027-01-04", "2027-01-04", "2027-01-04T09:00:00Z", "bob"}}}}};
  auto got = baseline_doc_placements(doc, p);
  ASSERT_EQ(got.size(), 3u);
  ASSERT_TRUE(got[0].start && got[0].finish);
  EXPECT_EQ(got[0].start->to_string(), "2027-01-04T13:00:00Z");
  EXPECT_EQ(got[0].finish->date().to_string(), "2027-01-09");  // the end of the finish day
  EXPECT_EQ(got[0].person, p.find_person("alice"));
  ASSERT_TRUE(got[1].start);
  EXPECT_EQ(got[1].start->to_string(), "2027-01-05T00:00:00Z");
  EXPECT_FALSE(got[1].person.valid());
  EXPECT_FALSE(got[2].start.has_value());
  EXPECT_TRUE(got[0].seats.empty());  // one seat: the person alone
}

TEST(Baseline, SeatsAreFrozenAndReadBack) {
  Program p;
  for (const char* key : {"alice", "bob"}) {
    p.people.push_back(Person{});
    p.people.back().key = key;
  }
  for (const char* key : {"A", "B"}) {
    p.items.push_back(WorkItem{});
    p.items.back().key = key;
  }
  p.reindex();
  schedule::ScheduleResult r;
  for (uint32_t i = 0; i < 2; ++i) {
    schedule::ItemSchedule it;
    it.item = WorkItemId{i};
    it.scheduled = true;
    it.start = *DateTime::parse("2027-01-04T09:00:00Z");
    it.finish = *DateTime::parse("2027-01-06T17:00:00Z");
    it.start_date = *Date::parse("2027-01-04");
    it.finish_date = *Date::parse("2027-01-06");
    it.assignee = p.find_person("alice");
    r.items.push_back(it);
  }
  // A: bob joined a day later; B: bob's seat did nothing.
  r.items[0].seats = {{p.find_person("alice"), r.items[0].start},
                      {p.find_person("bob"), *DateTime::parse("2027-01-05T09:00:00Z")}};
  r.items[1].seats = {{p.find_person("alice"), r.items[1].start}, {PersonId{}, r.items[1].start}};
  Json doc = baseline_schedule_json(p, r);
  EXPECT_EQ(doc["items"]["A"][4], Json::array({Json::array({"alice", "2027-01-04T09:00:00Z"}),
                                               Json::array({"bob", "2027-01-05T09:00:00Z"})}))
      << doc.dump();
  auto got = baseline_doc_placements(doc, p);
  ASSERT_EQ(got[0].seats.size(), 2u);
  EXPECT_EQ(got[0].seats[1].person, p.find_person("bob"));
  ASSERT_TRUE(got[0].seats[1].start);
  EXPECT_EQ(got[0].seats[1].start->to_string(), "2027-01-05T09:00:00Z");
  ASSERT_EQ(got[1].seats.size(), 2u);
  EXPECT_TRUE(got[1].seats[0].person.valid());
  EXPECT_FALSE(got[1].seats[1].person.valid());  // nobody: kept empty
  // A person no longer in the plan: the seats are chosen anew.
  doc["items"]["A"][4][1][0] = "carol";
  EXPECT_TRUE(baseline_doc_placements(doc, p)[0].seats.empty());
}

TEST(Trend, ProgramEndUnderProgramKey) {
  std::vector<std::pair<Date, Json>> snaps;
  snaps.push_back({*Date::parse("2026-03-01"),
                   Json{{"milestones", Json::array({{{"key", "M1"}, {"p85", "2026-05-01"}}})},
                        {"end", {{"p85", "2026-06-01"}}},
                        {"revision", 4}}});
  Json t = trend_json(atlas_header(), snaps);
  ASSERT_EQ(t["snapshots"].size(), 1u);
  EXPECT_EQ(t["snapshots"][0]["p85"]["M1"], "2026-05-01");
  EXPECT_EQ(t["snapshots"][0]["p85"]["program"], "2026-06-01");
  EXPECT_EQ(t["snapshots"][0]["revision"], 4);
  std::ostringstream table;
  trend_table(t, table);
  EXPECT_NE(table.str().find("2026-06-01"), std::string::npos) << table.str();
}

TEST(Changes, UpdatesListOldAndNewValues) {
  Json was = 3, is = 5;
  DiffView d{{ChangeView{"update", "item", "A-1", {{"estimate", &was, &is}}}}, false, 0, 1, 0};
  Json j = diff_json(atlas_header(), d);
  EXPECT_EQ(j["updated"], 1);
  EXPECT_EQ(j["changes"][0]["fields"][0]["old"], 3);
  EXPECT_EQ(j["changes"][0]["fields"][0]["new"], 5);
  std::ostringstream table;
  diff_table("ATLAS", d, table);
  EXPECT_NE(table.str().find("~ item A-1\n    estimate: 3 -> 5"), std::string::npos) << table.str();
  EXPECT_NE(table.str().find("0 to create, 1 to update, 0 to remove"), std::string::npos);
}

}  // namespace
}  // namespace cairn::report

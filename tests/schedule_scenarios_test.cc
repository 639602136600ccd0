// The scheduling scenario runner: every testdata/schedule/*.yaml is a plan plus an `expect:`
// section with hand-computed results. The runner removes `expect:`, reads the plan, schedules it
// (twice: the result must be the same) and checks:
//   options:     {slot_minutes, level, schedules, seed}           (ScheduleOptions)
//   project_end: DATE                                             (inclusive last day)
//   items:       KEY: {start, finish, slack, free_slack, critical, assignee, deadline_slack,
//                      feeds}
//                start/finish: a DATE compares the shown dates (finish inclusive), a DATETIME
//                (with T) the exact instants; slack in working days (±0.01); deadline_slack:
//                working days to the deadline it feeds (may be negative); feeds: that milestone
//   milestones:  KEY: {date, unleveled, late, days_late, slack_days, chain, why}
//                why: the chain in words (schedule::describe), step by step
//   chain:       [KEY, KEY:resource, KEY:dependency, ...]           (the critical chain, in order)
//   diagnostics: [id, ...]                   (each must be reported, reading or scheduling)
//   load:        PERSON: {WEEK_MONDAY: [booked_hours, capacity_hours]}
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "test_plans.h"

#include "plan/plan.h"
#include "schedule/chain.h"
#include "schedule/leveling.h"
#include "schedule/schedule.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;
using schedule::ScheduleOptions;
using schedule::ScheduleResult;

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  fs::path dir = fs::path(CAIRN_SOURCE_DIR) / "testdata" / "schedule";
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") out.push_back(e.path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

using test_plans::read_text;
using test_plans::strip_expect;

void expect_time(const ScheduleResult& r, const std::string& what, const std::string& text,
                 DateTime instant, Date shown) {
  if (text.find('T') != std::string::npos) {
    auto t = DateTime::parse(text);
    ASSERT_TRUE(t) << what << ": bad expected instant " << text;
    EXPECT_EQ(instant.to_string(), t->to_string()) << what;
  } else {
    auto d = Date::parse(text);
    ASSERT_TRUE(d) << what << ": bad expected date " << text;
    EXPECT_EQ(shown.to_string(), d->to_string()) << what;
  }
  (void)r;
}

// A chain against [KEY, KEY:resource, KEY:dependency, ...]; links are checked only where the
// expectation names one.
void expect_chain(const Program& p, const std::vector<schedule::ChainStep>& chain,
                  const YAML::Node& expected, const std::string& what) {
  std::vector<std::string> want, got;
  for (const auto& c : expected)
    want.push_back(c.as<std::string>());
  for (size_t i = 0; i < chain.size(); ++i) {
    const auto& st = chain[i];
    std::string s = p.item(st.item).key;
    if (i < want.size() && want[i].find(':') != std::string::npos)
      s += std::string(":") + schedule::to_string(st.link);
    got.push_back(s);
  }
  EXPECT_EQ(got, want) << what;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, MeetsExpectations) {
  fs::path path = fs::path(CAIRN_SOURCE_DIR) / "testdata" / "schedule" / (GetParam() + ".yaml");
  std::string text = read_text(path);
  YAML::Node doc = YAML::Load(text);
  YAML::Node expect = doc["expect"];
  ASSERT_TRUE(expect.IsMap()) << "no expect: section in " << path;
  Diagnostics read_diags;
  auto plan = plan::read_plan_text(strip_expect(text), path.string(), read_diags);
  ASSERT_TRUE(plan) << plan.error().to_string();
  for (const auto& d : read_diags.items())
    ASSERT_NE(d.severity, Severity::kError) << format_diagnostic(d);
  const Program& p = plan->program;

  ScheduleOptions opt;
  if (auto o = expect["options"]) {
    if (o["slot_minutes"]) opt.slot_minutes = o["slot_minutes"].as<int>();
    if (o["level"]) opt.level = o["level"].as<bool>();
    if (o["schedules"]) opt.schedules = o["schedules"].as<int>();
    if (o["seed"]) opt.seed = o["seed"].as<uint64_t>();
  }
  Diagnostics diags;
  auto res = schedule::schedule_program(p, opt, diags);
  ASSERT_TRUE(res) << res.error().to_string();
  const ScheduleResult& r = *res;

  // Determinism: a second run gives the same dates, people and chain.
  Diagnostics diags2;
  auto again = schedule::schedule_program(p, opt, diags2);
  ASSERT_TRUE(again);
  for (size_t i = 0; i < r.items.size(); ++i) {
    EXPECT_EQ(r.items[i].start_slot, again->items[i].start_slot);
    EXPECT_EQ(r.items[i].finish_slot, again->items[i].finish_slot);
    EXPECT_EQ(r.items[i].assignee, again->items[i].assignee);
  }
  EXPECT_EQ(r.critical_chain.size(), again->critical_chain.size());

  if (auto e = expect["project_end"]) {
    EXPECT_EQ(r.project_end_date.to_string(), e.as<std::string>()) << "project_end";
  }

  if (auto items = expect["items"]) {
    for (const auto& kv : items) {
      std::string key = kv.first.as<std::string>();
      WorkItemId id = p.find_item(key);
      ASSERT_TRUE(id.valid()) << "unknown item " << key;
      const auto& it = r.items[id.index()];
      const YAML::Node& x = kv.second;
      ASSERT_TRUE(it.scheduled) << key << " is not scheduled";
      if (x["start"])
        expect_time(r, key + " start", x["start"].as<std::string>(), it.start, it.start_date);
      if (x["finish"])
        expect_time(r, key + " finish", x["finish"].as<std::string>(), it.finish, it.finish_date);
      if (x["slack"]) {
        EXPECT_NEAR(it.total_slack_days, x["slack"].as<double>(), 0.01) << key << " slack";
      }
      if (x["free_slack"]) {
        EXPECT_NEAR(it.free_slack_days, x["free_slack"].as<double>(), 0.01) << key << " free slack";
      }
      if (x["critical"]) {
        EXPECT_EQ(it.critical, x["critical"].as<bool>()) << key << " critical";
      }
      if (x["deadline_slack"]) {
        ASSERT_TRUE(it.deadline_slack_days.has_value()) << key << " feeds no deadline";
        EXPECT_NEAR(*it.deadline_slack_days, x["deadline_slack"].as<double>(), 0.01)
            << key << " deadline slack";
      }
      if (x["feeds"]) {
        ASSERT_TRUE(it.feeds.valid()) << key << " feeds no milestone";
        EXPECT_EQ(p.milestones[it.feeds.index()].key, x["feeds"].as<std::string>()) << key;
      }
      if (x["assignee"]) {
        ASSERT_TRUE(it.assignee.valid()) << key << " has no assignee";
        EXPECT_EQ(p.person(it.assignee).key, x["assignee"].as<std::string>()) << key << " who";
      }
    }
  }

  if (auto ms = expect["milestones"]) {
    for (const auto& kv : ms) {
      std::string key = kv.first.as<std::string>();
      MilestoneId id = p.find_milestone(key);
      ASSERT_TRUE(id.valid()) << "unknown milestone " << key;
      const auto& m = r.milestones[id.index()];
      const YAML::Node& x = kv.second;
      ASSERT_TRUE(m.scheduled) << key;
      if (x["date"]) {
        EXPECT_EQ(m.date.to_string(), x["date"].as<std::string>()) << key;
      }
      if (x["unleveled"]) {
        EXPECT_EQ(m.unleveled_date.to_string(), x["unleveled"].as<std::string>()) << key;
      }
      if (x["late"]) {
        EXPECT_EQ(m.late, x["late"].as<bool>()) << key << " late";
      }
      if (x["days_late"]) {
        EXPECT_EQ(m.days_late, x["days_late"].as<int>()) << key << " days late";
      }
      if (x["slack_days"]) {
        ASSERT_TRUE(m.slack_days.has_value()) << key << " has no deadline";
        EXPECT_EQ(*m.slack_days, x["slack_days"].as<int>()) << key << " slack days";
      }
      if (x["chain"]) expect_chain(p, m.chain, x["chain"], key + " chain");
      if (x["why"]) {  // the chain in words, step by step
        std::vector<std::string> want, got;
        for (const auto& w : x["why"])
          want.push_back(w.as<std::string>());
        for (size_t i = 0; i < m.chain.size(); ++i)
          got.push_back(schedule::describe(m.chain[i], i ? &m.chain[i - 1] : nullptr, p, r));
        EXPECT_EQ(got, want) << key << " chain in words";
      }
    }
  }

  if (auto chain = expect["chain"]) expect_chain(p, r.critical_chain, chain, "critical chain");

  if (auto ids = expect["diagnostics"]) {
    for (const auto& id : ids) {
      EXPECT_TRUE(diags.has(id.as<std::string>()) || read_diags.has(id.as<std::string>()))
          << "missing diagnostic " << id.as<std::string>();
    }
  }

  if (auto load = expect["load"]) {
    for (const auto& kv : load) {
      PersonId who = p.find_person(kv.first.as<std::string>());
      ASSERT_TRUE(who.valid());
      for (const auto& wk : kv.second) {
        auto monday = Date::parse(wk.first.as<std::string>());
        ASSERT_TRUE(monday);
        auto at = std::find(r.weeks.begin(), r.weeks.end(), *monday);
        ASSERT_NE(at, r.weeks.end()) << "no load week " << monday->to_string();
        size_t w = at - r.weeks.begin();
        EXPECT_NEAR(r.load[who.index()].booked_hours[w], wk.second[0].as<double>(), 0.01)
            << kv.first.as<std::string>() << " booked";
        EXPECT_NEAR(r.load[who.index()].capacity_hours[w], wk.second[1].as<double>(), 0.01)
            << kv.first.as<std::string>() << " capacity";
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Schedule, Scenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn

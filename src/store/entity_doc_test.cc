#include "store/entity_doc.h"

#include <gtest/gtest.h>

#include "plan/canonical.h"
#include "plan/plan.h"
#include "store/plan_diff.h"

namespace cairn::store {
namespace {

using ojson = nlohmann::ordered_json;

constexpr const char* kPlan = R"yaml(
program: {key: P, start: 2026-01-05, calendar: {weekdays: [mon, tue, wed, thu], hours: ["09:00-13:00"]}}
teams:
  - {key: a, workflow: [To Do, {name: Doing, category: in-progress}, {name: Done, category: done}]}
  - {key: b, channels: ["#b"]}
people:
  - {key: x, team: a, allocation: 50%, leave: [{from: 2026-02-02, to: 2026-02-06}]}
  - {key: y, team: b, calendar: {weekdays: [mon, tue]}}
items:
  - {key: I1, team: a, estimate: 3, state: Doing, history: [{state: Doing, at: 2026-01-06}],
     baseline_start: "2026-01-05T09:00:00Z", baseline_finish: "2026-01-09T13:00:00Z"}
  - {key: I2, team: b, allocate: [[x, y], y, {people: [x], mandatory: true}], estimate: [1, 2, 3],
     start_no_earlier_than: 2026-01-07, finish_no_later_than: "2026-03-01T17:00:00Z", alap: true}
dependencies:
  - {from: I1, to: I2}
  - {from: I1, to: I2, type: SS}
milestones: [{key: M, items: [I1, I2], gates: ["bugs <= 0"]}]
status_updates:
  - {date: 2026-01-09, rag: amber}
  - {date: 2026-01-09, rag: red}
decisions: [{date: 2026-01-06, text: a}]
actions: [{text: b, owner: x}, {key: A2, text: c}]
budget: {total: 10, planned: [{period_end: 2026-01-31, amount: 5}]}
)yaml";

Program read_yaml(const std::string& text) {
  Diagnostics diags;
  auto p = plan::read_plan_text(text, "t.yaml", diags);
  EXPECT_TRUE(p);
  return std::move(p->program);
}

TEST(CanonicalReader, GivesTheSameProgramAsTheYamlReader) {
  Program yaml = read_yaml(kPlan);
  Diagnostics diags;
  auto fast = plan::read_canonical_plan_text(plan::write_plan_json(yaml), "t.json", diags);
  ASSERT_TRUE(fast) << fast.error().to_string();
  EXPECT_TRUE(fast->program.same_content(yaml));
  EXPECT_EQ(plan::write_plan_json(fast->program), plan::write_plan_json(yaml));
}

TEST(CanonicalReader, RoundTripsBaselineDates) {
  Program yaml = read_yaml(R"yaml(
program: {key: P, start: 2026-01-05}
items:
  - {key: A, estimate: 2, baseline_start: "2026-01-05T09:00:00Z",
     baseline_finish: 2026-01-07T17:30:00Z}
  - {key: B, estimate: 1, baseline_finish: 2026-01-12}
  - {key: C, estimate: 1}
)yaml");
  Diagnostics diags;
  auto fast = plan::read_canonical_plan_text(plan::write_plan_json(yaml), "t.json", diags);
  ASSERT_TRUE(fast) << fast.error().to_string();
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(fast->program.items, yaml.items);
  const auto& items = fast->program.items;
  ASSERT_EQ(items.size(), 3u);
  ASSERT_TRUE(items[0].baseline_start && items[0].baseline_finish);
  EXPECT_EQ(items[0].baseline_start->to_string(), "2026-01-05T09:00:00Z");
  EXPECT_EQ(items[0].baseline_finish->to_string(), "2026-01-07T17:30:00Z");
  EXPECT_FALSE(items[1].baseline_start);
  ASSERT_TRUE(items[1].baseline_finish);
  EXPECT_EQ(items[1].baseline_finish->to_string(), "2026-01-12T00:00:00Z");
  EXPECT_FALSE(items[2].baseline_start || items[2].baseline_finish);
  // Through the store's rows too (assemble_program reads them with the canonical reader).
  Diagnostics rows_diags;
  auto back = assemble_program(split_program(yaml), "rows", rows_diags);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->items, yaml.items);
}

TEST(CanonicalReader, RefusesABadBaselineDateWithAPointer) {
  Diagnostics diags;
  auto r = plan::read_canonical_plan_text(
      R"({"program": {"key": "P", "start": "2026-01-05"}, "items": [{"key": "I"},)"
      R"( {"key": "J", "baseline_finish": "next week"}]})",
      "t.json", diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not-canonical");
  EXPECT_EQ(r.error().where.pointer, "/items/1/baseline_finish");
  EXPECT_NE(r.error().message.find("must be a date or an instant"), std::string::npos)
      << r.error().message;
}

TEST(CanonicalReader, RefusesShorthandWithAPointer) {
  Diagnostics diags;
  auto r = plan::read_canonical_plan_text(
      R"({"program": {"key": "P", "start": "2026-01-05"}, "items": [{"key": "I", "estimate": 3}]})",
      "t.json", diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not-canonical");
  EXPECT_EQ(r.error().where.pointer, "/items/0/estimate");
}

TEST(EntityDoc, IdentitiesAreStableAndUnique) {
  auto rows = split_program(read_yaml(kPlan));
  std::vector<std::string> ids;
  for (const auto& r : rows)
    ids.push_back(r.kind + ":" + r.key);
  auto has = [&](const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  EXPECT_TRUE(has("program:"));
  EXPECT_TRUE(has("budget:"));
  EXPECT_TRUE(has("dependency:I1->I2"));
  EXPECT_TRUE(has("dependency:I1->I2 start-start"));
  EXPECT_TRUE(has("status_update:2026-01-09/*/*"));
  EXPECT_TRUE(has("status_update:2026-01-09/*/*#2"));
  EXPECT_TRUE(has("decision:~2026-01-06/*"));
  EXPECT_TRUE(has("action:~x/*"));
  EXPECT_TRUE(has("action:A2"));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST(EntityDoc, AssembledRowsGiveTheCanonicalDocument) {
  Program p = read_yaml(kPlan);
  auto rows = split_program(p);
  std::reverse(rows.begin(), rows.end());
  sort_rows(rows);
  EXPECT_EQ(ojson::parse(assemble_text(rows)).dump(), plan::plan_to_json(p).dump());
  Diagnostics diags;
  auto back = assemble_program(rows, "rows", diags);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->same_content(p));
}

TEST(PlanDiff, MergeItemKeepsStoredHistoryAndStampsStateChanges) {
  ojson stored = ojson::parse(
      R"({"key":"I","state":"To Do","history":[{"state":"To Do","at":"2026-01-01T00:00:00Z"}]})");
  ojson plan = ojson::parse(R"({"key":"I","state":"Doing","labels":["x"]})");
  ojson merged = merge_item(stored, plan, *DateTime::parse("2026-02-01T10:00:00Z"));
  EXPECT_EQ(
      merged.dump(),
      R"({"key":"I","state":"Doing","history":[{"state":"To Do","at":"2026-01-01T00:00:00Z"},)"
      R"({"state":"Doing","at":"2026-02-01T10:00:00Z"}],"labels":["x"]})");
  // Merging again (same state) adds nothing.
  EXPECT_EQ(merge_item(merged, plan, *DateTime::parse("2026-03-01T00:00:00Z")).dump(),
            merged.dump());
}

}  // namespace
}  // namespace cairn::store

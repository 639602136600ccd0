#include "schedule/tj_order.h"

#include <gtest/gtest.h>

namespace cairn::schedule {
namespace {

// A: 5 days of effort on ann; B: 1 day on ann after A; C: 3 days on bob, independent; L: a
// 1-day length task after A; M: a milestone after L.
Program program() {
  Program p;
  p.key = "p";
  p.start = Date::from_ymd(2024, 1, 1);  // a Monday
  for (const char* key : {"ann", "bob"}) {
    Person per;
    per.key = key;
    p.people.push_back(per);
  }
  auto add = [&](const char* key, EstimateBasis basis, double days, int person) {
    WorkItem it;
    it.key = key;
    it.basis = basis;
    it.estimate = ThreePoint{days, days, days};
    if (person >= 0) it.assignee = PersonId{static_cast<uint32_t>(person)};
    p.items.push_back(it);
  };
  add("A", EstimateBasis::kEffort, 5, 0);
  add("B", EstimateBasis::kEffort, 1, 0);
  add("C", EstimateBasis::kEffort, 3, 1);
  add("L", EstimateBasis::kLength, 1, -1);
  add("M", EstimateBasis::kLength, 0, -1);
  auto dep = [&](uint32_t a, uint32_t b) {
    Dependency d;
    d.predecessor = WorkItemId{a};
    d.successor = WorkItemId{b};
    p.dependencies.push_back(d);
  };
  dep(0, 1);
  dep(0, 3);
  dep(3, 4);
  p.reindex();
  return p;
}

TEST(TjOrder, PathCriticalnessPutsTheLongerLoadedChainFirst) {
  Program p = program();
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g) << g.error().to_string();
  CpmResult cpm = critical_path(*g);
  std::vector<double> keys = taskjuggler_keys(*g, cpm);
  auto key = [&](uint32_t item) { return keys[g->item_node[item]]; };
  // ann carries 6 days of effort, bob 3: A (5 days of ann, then B and the milestone) first.
  EXPECT_LT(key(0), key(2));
  EXPECT_LT(key(0), key(1));
  // The milestone weighs its priority / 500 = 1; the length task nothing of its own.
  EXPECT_DOUBLE_EQ(key(4), -1.0);
  EXPECT_DOUBLE_EQ(key(3), -1.0);
  // A's path holds B's criticalness too, more than C alone though C's effort is less loaded.
  EXPECT_LT(key(0), key(3));
}

// tj3 measures a person's load up to the project end: effort allocated / free working slots. A
// milestone's criticalness (priority / 500) does not scale with it, so the horizon changes the
// order between effort work and milestones.
TEST(TjOrder, LoadIsMeasuredUpToTheProjectEnd) {
  Program p = program();
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g) << g.error().to_string();
  CpmResult cpm = critical_path(*g);
  // Four weeks: ann has 20 working days = 160 slots and carries A (40) + B (8) = 48: load 0.3.
  // A: 40 x 0.3 = 12, plus the larger of B's 8 x 0.3 = 2.4 and the milestone's 1.
  const Slot four_weeks = g->program_start + 28 * 24;
  std::vector<double> keys = taskjuggler_keys(*g, cpm, four_weeks);
  EXPECT_NEAR(keys[g->item_node[0]], -14.4, 1e-9);
  EXPECT_NEAR(keys[g->item_node[1]], -2.4, 1e-9);
  EXPECT_NEAR(keys[g->item_node[4]], -1.0, 1e-9);
  // Forty weeks: the load is a tenth, and B (0.24) now weighs less than the milestone.
  keys = taskjuggler_keys(*g, cpm, g->program_start + 280 * 24);
  EXPECT_NEAR(keys[g->item_node[0]], -(1.2 + 1.0), 1e-9);
  EXPECT_GT(keys[g->item_node[1]], keys[g->item_node[4]]);
}

TEST(TjOrder, LengthTaskStartsWhereItsPredecessorEndsAsInTj3) {
  Program p = program();
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g) << g.error().to_string();
  CpmResult cpm = critical_path(*g);
  std::vector<Slot> start = cpm.start, finish = cpm.finish;
  const uint32_t a = g->item_node[0], l = g->item_node[3], m = g->item_node[4];
  ASSERT_GT(start[l], finish[a]);  // Cairn: the next working slot (Monday 09:00)
  const Slot l_finish = finish[l];
  taskjuggler_length_starts(*g, start, finish);
  EXPECT_EQ(start[l], finish[a]);  // tj3: Friday 17:00, the end of A
  EXPECT_EQ(finish[l], l_finish);  // the same work and end
  EXPECT_EQ(start[m], cpm.start[m]);
  EXPECT_EQ(start[a], cpm.start[a]);  // effort work starts at its first booked slot
}

// tj3's walk, on the tasks of testdata/tjp/semantics/path_criticalness.tjp (own criticalness as
// tj3 reports it): p1 -> big, p2 -> big, q alone. big is first reached from p1 and stored with
// its own 17.78; p2, reaching it again, gets 17.78 - 17.78, so it stores its own 3.2 (tj3's
// report: p1 17.96, big 17.78, q 3.2, p2 3.2), not 3.2 + 17.78.
TEST(TjOrder, Tj3PathCriticalnessCountsATaskOnceWhereTj3Does) {
  Program p;
  for (const char* key : {"p1", "big", "q", "p2"}) {
    WorkItem it;
    it.key = key;
    p.items.push_back(it);
  }
  auto dep = [&](uint32_t a, uint32_t b, DependencyType type = DependencyType::kFinishStart) {
    Dependency d;
    d.predecessor = WorkItemId{a};
    d.successor = WorkItemId{b};
    d.type = type;
    p.dependencies.push_back(d);
  };
  dep(0, 1);
  dep(3, 1);
  const std::vector<double> own = {0.17778, 17.7778, 3.2, 3.2};
  auto path = tj3_path_criticalness(p, own);
  ASSERT_EQ(path.size(), 4u);
  EXPECT_NEAR(path[0], 0.17778 + 17.7778, 1e-9);
  EXPECT_NEAR(path[1], 17.7778, 1e-9);
  EXPECT_NEAR(path[2], 3.2, 1e-9);
  EXPECT_NEAR(path[3], 3.2, 1e-9);

  // A container: entered at its start, the largest of its children; a leaf's end successors
  // include its ancestors'. c (container) holds x; x's parent c precedes y; z depends on c.
  Program q;
  for (const char* key : {"c", "x", "y", "z"}) {
    WorkItem it;
    it.key = key;
    q.items.push_back(it);
  }
  q.items[1].parent = WorkItemId{0};
  p = q;
  dep(0, 2);  // c -> y
  dep(0, 3);  // c -> z
  path = tj3_path_criticalness(p, {0, 1, 5, 2});
  EXPECT_NEAR(path[1], 1 + 5, 1e-9);  // x: its own + the best end successor of its parent (y)
  EXPECT_NEAR(path[0], 6, 1e-9);      // c: its child x's path (containers have none of their own)
  EXPECT_NEAR(path[2], 5, 1e-9);
  EXPECT_NEAR(path[3], 2, 1e-9);

  // Reached first at its end (finish-finish), a task stores the path behind it without its own.
  Program r;
  for (const char* key : {"a", "b"}) {
    WorkItem it;
    it.key = key;
    r.items.push_back(it);
  }
  p = r;
  dep(0, 1, DependencyType::kFinishFinish);
  path = tj3_path_criticalness(p, {1, 4});
  EXPECT_NEAR(path[1], 0, 1e-9);  // b, first reached at its end: nothing after it
  EXPECT_NEAR(path[0], 1, 1e-9);  // a: its own + b at its end (0)
}

}  // namespace
}  // namespace cairn::schedule

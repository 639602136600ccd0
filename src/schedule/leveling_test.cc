#include "schedule/leveling.h"

#include <gtest/gtest.h>

#include "schedule/leveling_moves.h"
#include "schedule/schedule.h"
#include "schedule/synthetic.h"

namespace cairn::schedule {
namespace {

Program small_program(uint64_t seed, int items = 300, int people = 20) {
  SyntheticOptions o;
  o.items = items;
  o.people = people;
  o.seed = seed;
  return synthetic_program(o);
}

TEST(Leveling, EveryGenerationSchemeIsFeasible) {
  Program p = small_program(3);
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g);
  CpmResult cpm = critical_path(*g);
  Leveler lev(*g, cpm, {});
  LeveledSchedule s;
  std::string why;
  for (PriorityRule r : {PriorityRule::kLatestFinish, PriorityRule::kMinSlack,
                         PriorityRule::kMostSuccessors, PriorityRule::kFileOrder}) {
    lev.serial(lev.priority_list(r), s);
    EXPECT_TRUE(is_feasible(*g, s, &why)) << to_string(r) << ": " << why;
    EXPECT_GE(s.end, cpm.end);
    lev.parallel(r, s);
    EXPECT_TRUE(is_feasible(*g, s, &why)) << "parallel " << to_string(r) << ": " << why;
    LeveledSchedule fb;
    if (lev.forward_backward(s, fb)) {
      EXPECT_TRUE(is_feasible(*g, fb, &why)) << "fbi: " << why;
    }
  }
}

// TaskJuggler order books one-seat effort slot by slot: items split around earlier work, each
// split seat's segments are in order, inside [start, finish), and hold exactly its work; nobody
// is booked twice.
TEST(Leveling, TaskJugglerOrderSplitsWorkIntoFreeSlots) {
  Program p = small_program(5);
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g);
  CpmResult cpm = critical_path(*g);
  Leveler lev(*g, cpm, {});
  LevelOptions o;
  o.fixed_keys.resize(g->nodes());
  for (uint32_t n = 0; n < g->nodes(); ++n)  // reverse file order: later items first
    o.fixed_keys[n] = -double(n);
  LeveledSchedule s = lev.level(o);
  std::string why;
  EXPECT_TRUE(is_feasible(*g, s, &why)) << why;
  ASSERT_FALSE(s.segments.empty());
  std::vector<int64_t> worked(g->cand_begin.size() - 1, 0);
  std::vector<Slot> last(worked.size(), -kNever);
  for (const auto& sg : s.segments) {
    EXPECT_LT(sg.from, sg.to);
    EXPECT_GE(sg.from, last[sg.seat]);
    last[sg.seat] = sg.to;
    ASSERT_NE(s.seat_person[sg.seat], kNoNode);
  }
  for (uint32_t n = 0; n < g->nodes(); ++n)
    for (uint32_t k = g->seat_begin[n]; k < g->seat_begin[n + 1]; ++k) {
      if (last[k] == -kNever) continue;
      const uint32_t person = s.seat_person[k];
      const SlotCalendar& cal = g->calendars[g->calendar_for(n, person)];
      int64_t sum = 0;
      for (const auto& sg : s.segments)
        if (sg.seat == k) {
          EXPECT_GE(sg.from, s.start[n]);
          EXPECT_LE(sg.to, s.finish[n]);
          sum += cal.cum(sg.to) - cal.cum(sg.from);
        }
      EXPECT_EQ(sum, g->work_for(n, person)) << "node " << n;
      EXPECT_EQ(last[k], s.finish[n]);
    }
}

TEST(Leveling, SearchIsNeverWorseThanTheFirstRule) {
  Program p = small_program(5);
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g);
  CpmResult cpm = critical_path(*g);
  Leveler lev(*g, cpm, {});
  LeveledSchedule first;
  lev.serial(lev.priority_list(PriorityRule::kLatestFinish), first);
  LevelOptions opt;
  opt.schedules = 60;
  LevelStats stats;
  LeveledSchedule best = lev.level(opt, &stats);
  EXPECT_LE(best.end, first.end);
  EXPECT_LE(stats.schedules_used, 60);
  std::string why;
  EXPECT_TRUE(is_feasible(*g, best, &why)) << why;
}

TEST(Leveling, SameSeedSameScheduleWhateverTheThreads) {
  Program p = small_program(7, 400, 24);
  ScheduleOptions one;
  one.schedules = 40;
  ScheduleOptions two = one;
  two.threads = 2;
  Diagnostics d1, d2;
  auto a = schedule_program(p, one, d1);
  auto b = schedule_program(p, two, d2);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->project_end, b->project_end);
  ASSERT_EQ(a->items.size(), b->items.size());
  for (size_t i = 0; i < a->items.size(); ++i) {
    EXPECT_EQ(a->items[i].start_slot, b->items[i].start_slot) << i;
    EXPECT_EQ(a->items[i].assignee, b->items[i].assignee) << i;
  }
}

TEST(Leveling, ResourceLinksKeepTheLeveledEndInAForwardPass) {
  Program p = small_program(11);
  Diagnostics diags;
  GraphOptions go;
  auto g = build_task_graph(p, go, diags);
  ASSERT_TRUE(g);
  auto r = schedule_graph(p, *g, ScheduleOptions{}, diags);
  TaskGraph lg = leveled_task_graph(*g, r);
  std::vector<Slot> s(lg.nodes()), f(lg.nodes());
  forward_pass(lg, lg.work, lg.calendar, s, f);
  Slot end = latest_finish_of(lg, f);
  CpmResult cpm = critical_path(*g);
  EXPECT_LE(end, r.nodes.end);
  EXPECT_GE(end, cpm.end);
  // The chain ends at the project end and every step is critical.
  ASSERT_FALSE(r.critical_chain.empty());
  EXPECT_EQ(r.items[r.critical_chain.back().item.index()].finish, r.project_end);
  for (const auto& st : r.critical_chain)
    EXPECT_TRUE(r.items[st.item.index()].critical);
}

TEST(Leveling, NobodyWorksMoreThanTheirAllocation) {
  Program p = small_program(13);
  Diagnostics diags;
  ScheduleOptions opt;
  auto r = schedule_program(p, opt, diags);
  ASSERT_TRUE(r);
  for (const auto& pl : r->load)
    for (size_t w = 0; w < r->weeks.size(); ++w)
      EXPECT_LE(pl.booked_hours[w], pl.capacity_hours[w] + 1e-6)
          << p.person(pl.person).key << " week " << r->weeks[w].to_string();
}

TEST(Leveling, CycleIsAnError) {
  Program p = small_program(1, 20, 4);
  Dependency back;
  back.predecessor = p.dependencies.back().successor;
  back.successor = p.dependencies.back().predecessor;
  p.dependencies.push_back(back);
  Diagnostics diags;
  auto r = schedule_program(p, {}, diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "dependency-cycle");
}

TEST(Leveling, TeamWithoutPeopleIsReported) {
  Program p;
  p.key = "X";
  p.start = Date::from_ymd(2026, 3, 2);
  p.teams.push_back(Team{.key = "ghost"});
  WorkItem w;
  w.key = "A";
  w.team = TeamId{0};
  w.estimate = ThreePoint{2, 2, 2};
  p.items.push_back(w);
  p.reindex();
  Diagnostics diags;
  auto r = schedule_program(p, {}, diags);
  ASSERT_TRUE(r);
  EXPECT_TRUE(diags.has("team-without-people"));
  EXPECT_EQ(r->items[0].finish_date, Date::from_ymd(2026, 3, 3));
}

// The moves along late chains (leveling_moves.h), from a list that misses deadlines another
// list meets: they lower the tardiness, the list they leave decodes to the schedule they return,
// the schedule is feasible, no item is listed before one of a higher priority it came after, the
// passes stay within the limit, and the same input gives the same result.
TEST(Leveling, MovesAlongLateChainsLowerTheTardiness) {
  Program p = small_program(7, 150, 12);
  Diagnostics diags;
  auto g = build_task_graph(p, {}, diags);
  ASSERT_TRUE(g);
  for (uint32_t n = 0; n < g->nodes(); ++n)  // three priority tiers
    g->priority[n] =
        400 + 100 * static_cast<int32_t>(n % 3 == 0) + 100 * static_cast<int32_t>(n % 7 == 0);
  CpmResult cpm = critical_path(*g);
  // Deadlines every group can meet: its finish in a schedule by one rule.
  Leveler ref_lev(*g, cpm, {});
  LeveledSchedule ref;
  ref_lev.serial(ref_lev.priority_list(PriorityRule::kLatestFinish), ref);
  std::vector<DueGroup> groups;
  for (uint32_t first = 0; first + 10 <= g->nodes(); first += 12) {
    DueGroup grp;
    for (uint32_t n = first; n < first + 10; ++n)
      if (g->kind[n] == NodeKind::kItem) grp.nodes.push_back(n);
    if (grp.nodes.empty()) continue;
    grp.due = -kNever;
    for (uint32_t n : grp.nodes)
      grp.due = std::max(grp.due, ref.finish[n]);
    groups.push_back(grp);
  }
  ASSERT_GE(groups.size(), 5u);
  leveling::Targets targets(*g, cpm, groups);
  leveling::Worker w(*g, cpm, targets);
  const std::vector<uint32_t> start_list = w.priority_list(PriorityRule::kShortestWork);
  LeveledSchedule start;
  w.serial(start_list, start);
  ASSERT_GT(start.tardiness, 0);
  auto run = [&](LeveledSchedule& best, std::vector<uint32_t>& list, int& used) {
    best = start;
    list = start_list;
    used = 0;
    leveling::MoveLimits lim;
    lim.most = 600;
    return leveling::chain_moves(w, targets, best, list, lim, used, [] { return false; });
  };
  LeveledSchedule best;
  std::vector<uint32_t> list;
  int used = 0;
  const int gained = run(best, list, used);
  EXPECT_GT(gained, 0);
  EXPECT_LT(best.tardiness, start.tardiness);
  EXPECT_LE(used, 600);
  std::string why;
  EXPECT_TRUE(is_feasible(*g, best, &why)) << why;
  LeveledSchedule again;
  w.serial(list, again);
  EXPECT_EQ(again.tardiness, best.tardiness);
  EXPECT_EQ(again.start, best.start);
  // Priorities rule the list as in a list from keys: each item is of the highest priority among
  // the items ready when it is listed (all their predecessors listed before).
  auto by_priority = [&](const std::vector<uint32_t>& l) {
    std::vector<uint32_t> left(g->nodes());
    for (uint32_t n = 0; n < g->nodes(); ++n)
      left[n] = g->pred_begin[n + 1] - g->pred_begin[n];
    std::vector<uint8_t> listed(g->nodes(), 0);
    int bad = 0;
    for (uint32_t v : l) {
      for (uint32_t u = 0; u < g->nodes(); ++u)
        if (!listed[u] && left[u] == 0 &&
            leveling::list_priority(*g, u) > leveling::list_priority(*g, v))
          ++bad;
      listed[v] = 1;
      for (uint32_t a = g->succ_begin[v]; a < g->succ_begin[v + 1]; ++a)
        --left[g->succ_node[a]];
    }
    return bad;
  };
  ASSERT_EQ(by_priority(start_list), 0);
  EXPECT_EQ(by_priority(list), 0);
  LeveledSchedule best2;
  std::vector<uint32_t> list2;
  int used2 = 0;
  run(best2, list2, used2);
  EXPECT_EQ(list2, list);
  EXPECT_EQ(used2, used);
}

}  // namespace
}  // namespace cairn::schedule

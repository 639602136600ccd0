#include "schedule/task_graph.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/pace.h"
#include "schedule/bookings.h"

namespace cairn::schedule {
namespace {

// Weeks of history that time items without estimates (the forecast's default window).
constexpr int kPaceWindowWeeks = 12;

struct ArcTmp {
  uint32_t from;
  uint32_t to;
  uint8_t flags;
  int32_t lag;
};

int32_t ceil_slots(double x) {
  if (x <= 0) return 0;
  double c = std::ceil(x - 1e-6);
  return c >= kNever ? kNever : static_cast<int32_t>(c);
}

// Fills the CSR arrays (both ways) and the topological order. False on a cycle.
bool finalize_arcs(TaskGraph& g, const std::vector<ArcTmp>& arcs, uint32_t* stuck) {
  const uint32_t n = g.nodes();
  const size_t m = arcs.size();
  g.succ_begin.assign(n + 1, 0);
  g.pred_begin.assign(n + 1, 0);
  for (const auto& a : arcs) {
    ++g.succ_begin[a.from + 1];
    ++g.pred_begin[a.to + 1];
  }
  for (uint32_t i = 0; i < n; ++i) {
    g.succ_begin[i + 1] += g.succ_begin[i];
    g.pred_begin[i + 1] += g.pred_begin[i];
  }
  g.succ_node.resize(m);
  g.succ_flags.resize(m);
  g.succ_lag.resize(m);
  g.pred_node.resize(m);
  g.pred_flags.resize(m);
  g.pred_lag.resize(m);
  std::vector<uint32_t> sp(g.succ_begin.begin(), g.succ_begin.end() - 1);
  std::vector<uint32_t> pp(g.pred_begin.begin(), g.pred_begin.end() - 1);
  for (const auto& a : arcs) {
    uint32_t i = sp[a.from]++;
    g.succ_node[i] = a.to;
    g.succ_flags[i] = a.flags;
    g.succ_lag[i] = a.lag;
    uint32_t j = pp[a.to]++;
    g.pred_node[j] = a.from;
    g.pred_flags[j] = a.flags;
    g.pred_lag[j] = a.lag;
  }
  // Kahn's algorithm, FIFO from the lowest index: deterministic.
  std::vector<uint32_t> indeg(n);
  for (uint32_t i = 0; i < n; ++i)
    indeg[i] = g.pred_begin[i + 1] - g.pred_begin[i];
  g.topo.clear();
  g.topo.reserve(n);
  for (uint32_t i = 0; i < n; ++i)
    if (indeg[i] == 0) g.topo.push_back(i);
  for (size_t head = 0; head < g.topo.size(); ++head) {
    uint32_t v = g.topo[head];
    for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a)
      if (--indeg[g.succ_node[a]] == 0) g.topo.push_back(g.succ_node[a]);
  }
  if (g.topo.size() != n) {
    for (uint32_t i = 0; i < n; ++i)
      if (indeg[i] > 0) {
        *stuck = i;
        break;
      }
    return false;
  }
  return true;
}

}  // namespace

int32_t TaskGraph::work_for(uint32_t n, uint32_t person) const {
  if (basis[n] != EstimateBasis::kEffort) return work[n];
  double rate = person_rate[person];
  if (rate <= 0) return kNever;
  return ceil_slots(base_work[n] / rate);
}

uint16_t TaskGraph::calendar_for(uint32_t n, uint32_t person) const {
  if (basis[n] != EstimateBasis::kEffort) return calendar[n];
  if (!limited.empty() && limited[n] && !cand_calendar.empty())
    for (uint32_t k = seat_begin[n]; k < seat_begin[n + 1]; ++k)
      for (uint32_t c = cand_begin[k]; c < cand_begin[k + 1]; ++c)
        if (cand_person[c] == person) return cand_calendar[c];
  return person_calendar[person];
}

Result<TaskGraph> build_task_graph(const Program& p, const GraphOptions& opt, Diagnostics& diags) {
  if (opt.slot_minutes <= 0 || 1440 % opt.slot_minutes != 0)
    return make_error(
        "invalid-resolution",
        fmt::format("a time slot of {} minutes does not divide a day", opt.slot_minutes), {},
        "use 1, 5, 15, 30 or 60 minutes");
  TaskGraph g;
  const size_t items = p.items.size();
  const Date as_of = opt.as_of.value_or(p.as_of.value_or(p.start));

  // Actual dates from history, once.
  std::vector<std::optional<DateTime>> ast(items), afin(items);
  std::vector<StateCategory> cat(items);
  Date earliest = std::min(p.start, as_of);
  for (uint32_t i = 0; i < items; ++i) {
    WorkItemId id{i};
    cat[i] = p.category(id);
    if (cat[i] == StateCategory::kTodo) continue;
    ast[i] = p.actual_start(id);
    afin[i] = p.actual_finish(id);
    if (ast[i]) earliest = std::min(earliest, ast[i]->date());
    if (afin[i]) earliest = std::min(earliest, afin[i]->date());
  }
  g.axis = TimeAxis::around(earliest, opt.slot_minutes);
  const TimeAxis& axis = g.axis;
  g.calendars.push_back(SlotCalendar::build(axis, p.calendar));
  g.calendars.push_back(SlotCalendar::always());
  g.day_slots = static_cast<double>(p.calendar.day_minutes()) / opt.slot_minutes;
  g.program_start = axis.day_start(p.start);
  g.status_slot = std::max(g.program_start, axis.day_start(as_of));
  const double spd = axis.slots_per_day();

  // People: one slot calendar per distinct (calendar, leave).
  const size_t people = p.people.size();
  std::vector<const WorkingCalendar*> person_wcal(people, &p.calendar);
  std::vector<std::vector<DateRange>> person_closed(people);
  g.person_calendar.assign(people, TaskGraph::kProgramCalendar);
  g.person_rate.assign(people, 0.0);
  {
    struct Key {
      const WorkingCalendar* cal;
      std::vector<DateRange> closed;
      const std::vector<Shift>* shifts;
      uint16_t index;
    };
    std::unordered_map<uint64_t, std::vector<Key>> seen;
    for (uint32_t i = 0; i < people; ++i) {
      const Person& per = p.people[i];
      const WorkingCalendar* cal = per.calendar ? &*per.calendar : &p.calendar;
      std::vector<DateRange> closed;
      closed.reserve(per.leave.size());
      for (const auto& l : per.leave)
        closed.push_back(l.dates);
      uint64_t h = per.calendar ? 1469598103934665603ull : 7 + per.shifts.size();
      for (const auto& r : closed)
        h = (h ^ static_cast<uint64_t>(r.from.days)) * 1099511628211ull,
        h = (h ^ static_cast<uint64_t>(r.to.days)) * 1099511628211ull;
      auto& bucket = seen[h];
      int found = -1;
      for (const auto& k : bucket)
        if (*k.cal == *cal && k.closed == closed && *k.shifts == per.shifts) found = k.index;
      if (found < 0) {
        if (!per.calendar && closed.empty() && per.shifts.empty()) {
          found = TaskGraph::kProgramCalendar;
        } else {
          found = static_cast<int>(g.calendars.size());
          SlotCalendar::Spec spec;
          spec.calendar = cal;
          spec.closed = closed;
          spec.shifts = per.shifts;
          g.calendars.push_back(SlotCalendar::build(axis, spec));
        }
        bucket.push_back({cal, std::move(closed), &per.shifts, static_cast<uint16_t>(found)});
      }
      g.person_calendar[i] = static_cast<uint16_t>(found);
      person_wcal[i] = cal;
      for (const auto& l : per.leave)
        person_closed[i].push_back(l.dates);
      const SlotCalendar& sc = g.calendars[found];
      bool has_time =
          sc.has_work() && (sc.week_work() > 0 || sc.cum(kNever / 2) > sc.cum(g.status_slot));
      if (!has_time) {
        diags.warning("person-without-time",
                      fmt::format("{} has no working time after the status date", per.key), {},
                      "check their calendar and leave");
      } else if (per.allocation > 0) {
        g.person_rate[i] = per.allocation / 100.0;
      }
    }
  }
  std::vector<std::vector<uint32_t>> team_members(p.teams.size());
  for (uint32_t i = 0; i < people; ++i) {
    TeamId t = p.people[i].team;
    if (t.valid() && t.index() < p.teams.size() && g.person_rate[i] > 0)
      team_members[t.index()].push_back(i);
  }

  // Children (CSR) to tell leaves from epics.
  std::vector<uint32_t> child_begin(items + 1, 0), child_list;
  for (const auto& it : p.items)
    if (it.parent.valid() && it.parent.index() < items) ++child_begin[it.parent.index() + 1];
  for (size_t i = 0; i < items; ++i)
    child_begin[i + 1] += child_begin[i];
  child_list.resize(child_begin[items]);
  {
    std::vector<uint32_t> pos(child_begin.begin(), child_begin.end() - 1);
    for (uint32_t i = 0; i < items; ++i) {
      WorkItemId par = p.items[i].parent;
      if (par.valid() && par.index() < items) child_list[pos[par.index()]++] = i;
    }
  }
  auto is_leaf = [&](uint32_t i) { return child_begin[i] == child_begin[i + 1]; };

  // Actual work (WorkItem::bookings), counted on the people's calendars.
  std::vector<FixedSpan> fixed_spans;
  const std::vector<BookedWork> booked = booked_work(p, g, person_wcal, fixed_spans);

  // Leaf nodes.
  g.item_node.assign(items, kNoNode);
  size_t leaves = 0;
  for (uint32_t i = 0; i < items; ++i)
    leaves += is_leaf(i);
  auto reserve = [&](size_t n) {
    g.node_item.reserve(n);
    g.kind.reserve(n);
    g.state.reserve(n);
    g.basis.reserve(n);
    g.work.reserve(n);
    g.calendar.reserve(n);
    g.work_per_day.reserve(n);
    g.base_work.reserve(n);
    g.release.reserve(n);
    g.actual_start.reserve(n);
    g.actual_finish.reserve(n);
    g.priority.reserve(n);
    g.finish_bound.reserve(n);
    g.backward.reserve(n);
  };
  reserve(leaves);
  g.seat_begin.reserve(leaves + 1);
  g.seat_begin.push_back(0);
  g.cand_begin.push_back(0);
  std::vector<uint32_t> seat_tmp;
  std::vector<const Allocation*> seat_src;  // per seat: its allocation, if any
  // Open items with points but no estimate, or neither, take their days from the pace their team's
  // history shows (model/pace.h; measured once, when needed). Per team: items so timed, and items
  // left at 0 days for want of history.
  std::optional<ProgramPace> pace;
  auto pace_of = [&]() -> const ProgramPace& {
    if (!pace) pace = measure_pace(p, as_of, kPaceWindowWeeks);
    return *pace;
  };
  std::vector<int> paced_points(p.teams.size() + 1, 0), paced_flow(p.teams.size() + 1, 0);
  std::vector<double> team_fte;
  std::vector<std::string> zero_days;
  for (uint32_t i = 0; i < items; ++i) {
    if (!is_leaf(i)) continue;
    const WorkItem& it = p.items[i];
    const uint32_t n = g.nodes();
    g.item_node[i] = n;
    g.node_item.push_back(i);
    g.kind.push_back(NodeKind::kItem);
    g.priority.push_back(it.priority);
    g.finish_bound.push_back(it.finish_no_later_than ? axis.floor_slot(*it.finish_no_later_than)
                                                     : kNever);
    g.backward.push_back(it.alap && cat[i] == StateCategory::kTodo);
    g.basis.push_back(it.basis);
    NodeState st = cat[i] == StateCategory::kDone         ? NodeState::kDone
                   : cat[i] == StateCategory::kInProgress ? NodeState::kStarted
                                                          : NodeState::kTodo;
    // Bookings make an open item started, or done when they cover its work.
    std::optional<BookingOutcome> bo;
    if (!booked.empty() && booked[i].slots > 0 && st != NodeState::kDone) {
      bo = booking_outcome(booked[i], it, g);
      st = bo->done && !it.remaining ? NodeState::kDone : NodeState::kStarted;
    }
    g.state.push_back(st);

    // Seats and their candidates.
    size_t seats_before = g.cand_begin.size();
    auto add_seat = [&](const std::vector<uint32_t>& cands, bool mandatory = false,
                        const Allocation* src = nullptr) {
      if (cands.empty()) return;
      seat_src.push_back(src);
      g.cand_person.insert(g.cand_person.end(), cands.begin(), cands.end());
      g.cand_begin.push_back(static_cast<uint32_t>(g.cand_person.size()));
      g.seat_mandatory.push_back(mandatory);
    };
    if (!it.allocations.empty()) {
      for (const auto& a : it.allocations) {
        seat_tmp.clear();
        for (PersonId c : a.candidates)
          if (c.valid() && c.index() < people && g.person_rate[c.index()] > 0)
            seat_tmp.push_back(c.value);
        if (seat_tmp.empty() && st != NodeState::kDone)
          diags.warning("no-candidate",
                        fmt::format("{} has an allocation whose people cannot work", it.key), {},
                        "allocate someone with working time");
        add_seat(seat_tmp, a.mandatory, &a);
      }
    } else if (it.assignee.valid() && it.assignee.index() < people &&
               g.person_rate[it.assignee.index()] > 0) {
      add_seat({it.assignee.value});
    } else if (it.team.valid() && it.team.index() < p.teams.size()) {
      if (team_members[it.team.index()].empty() && st != NodeState::kDone)
        diags.warning("team-without-people",
                      fmt::format("{} belongs to team {}, which has no one who can work on it; it "
                                  "is scheduled without a person",
                                  it.key, p.teams[it.team.index()].key),
                      {}, "add people to the team or assign the item");
      add_seat(team_members[it.team.index()]);
    }
    size_t nseats = g.cand_begin.size() - seats_before;
    g.seat_begin.push_back(static_cast<uint32_t>(g.cand_begin.size() - 1));

    // Days of work left.
    double days = it.estimate ? it.estimate->likely : 0.0;
    Slot a_start = ast[i] ? axis.floor_slot(*ast[i]) : bo ? bo->start : g.status_slot;
    if (st == NodeState::kStarted) {
      if (!ast[i] && !bo)
        diags.info("started-without-date",
                   fmt::format("{} is in progress but its history has no start; the status date "
                               "stands for it",
                               it.key));
      if (it.remaining) {
        days = *it.remaining;
      } else if (bo) {
        days = bo->days_left;
      } else if (it.estimate) {  // without one, the pace below decides
        double elapsed = static_cast<double>(g.program_calendar().cum(g.status_slot) -
                                             g.program_calendar().cum(a_start)) /
                         g.day_slots;
        days = std::max(0.0, days - std::max(0.0, elapsed));
        diags.info("remaining-assumed",
                   fmt::format("{} is in progress without `remaining`; assuming {:.1f} days left "
                               "(estimate minus working days since it started)",
                               it.key, days));
      }
    }
    if (st != NodeState::kDone && !it.estimate && !(st == NodeState::kStarted && it.remaining)) {
      // Points: the team's mean working days per point. Neither points nor estimate: the team's
      // flow, one item per (people at their allocation x working days a week / items done a week)
      // person-days, so that its people together finish items at the rate they did.
      const size_t team =
          it.team.valid() && it.team.index() < p.teams.size() ? it.team.index() : p.teams.size();
      double paced = 0;
      if (it.points && *it.points > 0) {
        paced = *it.points * pace_of().mean_days_per_point(it.team);
        if (paced > 0) ++paced_points[team];
      } else if (team < p.teams.size() && !team_members[team].empty() &&
                 pace_of().teams[team].mean_weekly_done > 0) {
        if (team_fte.empty()) {  // the teams' people at their allocation, once
          team_fte.assign(p.teams.size(), 0.0);
          for (size_t t = 0; t < p.teams.size(); ++t)
            for (uint32_t m : team_members[t])
              team_fte[t] += g.person_rate[m];
        }
        paced =
            team_fte[team] * p.calendar.weekdays().size() / pace_of().teams[team].mean_weekly_done;
        ++paced_flow[team];
      }
      if (paced <= 0 && zero_days.size() < 6) zero_days.push_back(it.key);
      if (st == NodeState::kStarted && !bo) {
        double elapsed = static_cast<double>(g.program_calendar().cum(g.status_slot) -
                                             g.program_calendar().cum(a_start)) /
                         g.day_slots;
        paced = std::max(paced * 0.1, paced - std::max(0.0, elapsed));
        diags.info("remaining-assumed",
                   fmt::format("{} is in progress without `remaining`; assuming {:.1f} days left "
                               "(its team's pace minus working days since it started, at least "
                               "10%)",
                               it.key, paced));
      }
      if (st == NodeState::kTodo || !bo) days = paced;
    }

    // Work on the planned performer.
    int32_t w = 0;
    uint16_t cal = TaskGraph::kProgramCalendar;
    double per_day = g.day_slots, base = 0;
    switch (it.basis) {
      case EstimateBasis::kEffort: {
        double seats = static_cast<double>(std::max<size_t>(1, nseats));
        base = days * g.day_slots / seats;
        w = ceil_slots(base);
        per_day = g.day_slots / seats;
        for (size_t s = 0; s < nseats; ++s) {
          // The seat's fastest candidate (the first of equals): the critical path is then what
          // the work takes with the best people and no waiting, a true bound for the leveler.
          const uint32_t k = static_cast<uint32_t>(seats_before - 1 + s);
          uint32_t first = g.cand_person[g.cand_begin[k]];
          for (uint32_t c = g.cand_begin[k] + 1; c < g.cand_begin[k + 1]; ++c)
            if (g.person_rate[g.cand_person[c]] > g.person_rate[first]) first = g.cand_person[c];
          int32_t ws = ceil_slots(base / g.person_rate[first]);
          if (s == 0 || ws > w) {
            w = ws;
            if (s == 0) cal = g.person_calendar[first];
            per_day = g.day_slots / seats / g.person_rate[first];
          }
        }
        break;
      }
      case EstimateBasis::kLength:
        w = ceil_slots(days * g.day_slots);
        base = w;
        break;
      case EstimateBasis::kDuration:
        w = ceil_slots(days * spd);
        base = w;
        cal = TaskGraph::kAlwaysCalendar;
        per_day = spd;
        break;
    }
    g.work.push_back(w);
    g.calendar.push_back(cal);
    g.work_per_day.push_back(per_day);
    g.base_work.push_back(base);

    Slot rel = g.status_slot;
    if (it.start_no_earlier_than) rel = std::max(rel, axis.ceil_slot(*it.start_no_earlier_than));
    // Work booked after the status date: what is left runs from the first booking, not before.
    if (bo && st == NodeState::kStarted) rel = std::max(rel, bo->start);
    g.release.push_back(rel);
    if (st == NodeState::kDone) {
      if (!ast[i] && !afin[i] && !bo)
        diags.info("done-without-dates",
                   fmt::format("{} is done but its history has no dates; it is taken as done at "
                               "the program start",
                               it.key));
      Slot f = afin[i] ? axis.ceil_slot(*afin[i])
               : bo    ? bo->finish
                       : (ast[i] ? a_start : g.program_start);
      Slot s = ast[i] || bo ? std::min(a_start, f) : f;
      g.actual_start.push_back(s);
      g.actual_finish.push_back(f);
    } else {
      g.actual_start.push_back(st != NodeState::kStarted ? kNever
                               : bo                      ? a_start
                                                         : std::min(a_start, g.status_slot));
      g.actual_finish.push_back(kNever);
    }
  }

  for (size_t t = 0; t <= p.teams.size(); ++t) {
    if (paced_points[t] + paced_flow[t] == 0) continue;
    const std::string team = t < p.teams.size() ? p.teams[t].key : "no team";
    std::string how;
    if (paced_points[t] > 0)
      how = fmt::format("{} with story points at {:.2f} working days per point", paced_points[t],
                        pace_of().mean_days_per_point(t < p.teams.size() ? TeamId{t} : TeamId{}));
    if (paced_flow[t] > 0)
      how +=
          fmt::format("{}{} without estimate at {:.1f} items done per week",
                      how.empty() ? "" : "; ", paced_flow[t], pace_of().teams[t].mean_weekly_done);
    diags.info("estimate-from-pace",
               fmt::format("{}: open items without an estimate in days are timed from the "
                           "team's history over {} weeks ({})",
                           team, kPaceWindowWeeks, how),
               {}, "estimate them in days to plan with your own numbers");
  }
  if (!zero_days.empty())
    diags.warning(
        "item-without-estimate",
        fmt::format("open items without an estimate, and without team history to time "
                    "them by, are scheduled as 0 days: {}{}",
                    fmt::join(zero_days.begin(),
                              zero_days.begin() + std::min<size_t>(5, zero_days.size()), ", "),
                    zero_days.size() > 5 ? ", ..." : ""),
        {}, "estimate them, or record when the team's done items finished (history)");

  // Epic gates, created on demand, each linked to the epic's children.
  std::unordered_map<uint64_t, uint32_t> gates;
  std::vector<ArcTmp> arcs;
  arcs.reserve(p.dependencies.size());
  auto add_node = [&](uint32_t epic, NodeKind k) {
    uint32_t n = g.nodes();
    g.node_item.push_back(epic);
    g.kind.push_back(k);
    g.state.push_back(NodeState::kTodo);
    g.basis.push_back(EstimateBasis::kDuration);
    g.work.push_back(0);
    g.calendar.push_back(TaskGraph::kAlwaysCalendar);
    g.work_per_day.push_back(0);
    g.base_work.push_back(0);
    g.release.push_back(-kNever);
    g.actual_start.push_back(kNever);
    g.actual_finish.push_back(kNever);
    g.priority.push_back(p.items[epic].priority);
    g.finish_bound.push_back(kNever);
    g.backward.push_back(2);  // a gate: backward when all its successors are
    g.seat_begin.push_back(g.seat_begin.back());
    return n;
  };
  auto dropped = [&](uint32_t to, uint8_t flags) {
    if (g.state[to] == NodeState::kDone) return true;
    return g.state[to] == NodeState::kStarted && arc_to_start(flags);
  };
  auto push_arc = [&](uint32_t from, uint32_t to, uint8_t flags, int32_t lag) {
    if (!dropped(to, flags)) arcs.push_back({from, to, flags, lag});
  };
  constexpr uint8_t kSS = static_cast<uint8_t>(DependencyType::kStartStart);
  constexpr uint8_t kFF = static_cast<uint8_t>(DependencyType::kFinishFinish);
  std::function<uint32_t(uint32_t, NodeKind, int)> gate = [&](uint32_t epic, NodeKind k,
                                                              int depth) -> uint32_t {
    uint64_t key = uint64_t{epic} * 8 + static_cast<uint64_t>(k);
    if (auto f = gates.find(key); f != gates.end()) return f->second;
    uint32_t n = add_node(epic, k);
    gates.emplace(key, n);
    if (depth > 64) return n;
    for (uint32_t c = child_begin[epic]; c < child_begin[epic + 1]; ++c) {
      uint32_t child = child_list[c];
      uint32_t cn = is_leaf(child) ? g.item_node[child] : gate(child, k, depth + 1);
      switch (k) {
        case NodeKind::kEpicStartIn:
          push_arc(n, cn, kSS, 0);
          break;
        case NodeKind::kEpicFinishIn:
          push_arc(n, cn, kFF, 0);
          break;
        case NodeKind::kEpicStartOut:
          push_arc(cn, n, kSS, 0);
          break;
        case NodeKind::kEpicFinishOut:
          push_arc(cn, n, kFF, 0);
          break;
        case NodeKind::kItem:
          break;
      }
    }
    return n;
  };
  for (const Dependency& d : p.dependencies) {
    if (!d.predecessor.valid() || !d.successor.valid() || d.predecessor.index() >= items ||
        d.successor.index() >= items || d.predecessor == d.successor)
      continue;
    uint8_t flags = static_cast<uint8_t>(d.type);
    int32_t lag;
    if (d.lag_unit == LagUnit::kCalendarDays) {
      flags |= kArcCalendarLag;
      lag = static_cast<int32_t>(std::lround(d.lag * spd));
    } else {
      lag = static_cast<int32_t>(std::lround(d.lag * g.day_slots));
    }
    uint32_t pi = d.predecessor.value, si = d.successor.value;
    uint32_t from =
        is_leaf(pi)
            ? g.item_node[pi]
            : gate(pi, arc_from_finish(flags) ? NodeKind::kEpicFinishOut : NodeKind::kEpicStartOut,
                   0);
    uint32_t to =
        is_leaf(si)
            ? g.item_node[si]
            : gate(si, arc_to_start(flags) ? NodeKind::kEpicStartIn : NodeKind::kEpicFinishIn, 0);
    push_arc(from, to, flags, lag);
  }

  g.cand_work.resize(g.cand_person.size());
  g.cand_calendar.resize(g.cand_person.size());
  for (uint32_t n = 0; n < g.nodes(); ++n)
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        g.cand_work[c] = g.work_for(n, g.cand_person[c]);
        g.cand_calendar[c] = g.calendar_for(n, g.cand_person[c]);
      }

  // Own calendars: the candidates of effort nodes with limits or shifts (the item's or their
  // seat's) work in their calendar cut by them.
  {
    std::map<std::tuple<uint32_t, std::string, int32_t, int64_t, const void*>, uint16_t> own;
    for (uint32_t i = 0; i < items; ++i) {
      const WorkItem& it = p.items[i];
      uint32_t n = g.item_node[i];
      if (n == kNoNode || g.basis[n] != EstimateBasis::kEffort) continue;
      bool seat_shifts = false;
      for (const auto& a : it.allocations)
        seat_shifts = seat_shifts || !a.shifts.empty();
      if (it.limits.empty() && it.shifts.empty() && !seat_shifts) continue;
      const Date release = axis.date_of(std::max(g.release[n], Slot{0}));
      bool any = false;
      for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
        const Allocation* src = seat_src[k];
        for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
          const uint32_t per = g.cand_person[c];
          SlotCalendar::Spec spec;
          spec.calendar = person_wcal[per];
          spec.closed = person_closed[per];
          spec.shifts = p.people[per].shifts;
          spec.release = release;
          spec.until = release + 14;
          std::string caps;
          for (const WorkLimit& l : it.limits) {
            if (!l.people.empty() &&
                std::find(l.people.begin(), l.people.end(), PersonId{per}) == l.people.end())
              continue;
            SlotCalendar::Cap cap{l.per, static_cast<int>(std::lround(std::max(0.0, l.hours) * 60)),
                                  l.from.value_or(p.start), l.until};
            spec.caps.push_back(cap);
            if (l.per == WorkLimit::Per::kMonth || l.per == WorkLimit::Per::k30Days)
              spec.until = std::max(spec.until, release + 3 * 366);
            if (l.until) spec.until = std::max(spec.until, *l.until + 31);
            caps += fmt::format("{}:{}:{}:{};", static_cast<int>(cap.per), cap.minutes,
                                cap.from.days, l.until ? l.until->days : -1);
          }
          for (const Shift& sh : it.shifts)
            spec.only.push_back(&sh);
          if (src)
            for (const Shift& sh : src->shifts)
              spec.only.push_back(&sh);
          if ((spec.caps.empty() && spec.only.empty()) || g.calendars.size() >= 0xff00) continue;
          auto key = std::make_tuple(
              per, caps, spec.caps.empty() ? 0 : release.days, it.shifts.empty() ? -1 : int64_t{i},
              src && !src->shifts.empty() ? static_cast<const void*>(src) : nullptr);
          auto f = own.find(key);
          if (f == own.end()) {
            g.calendars.push_back(SlotCalendar::build(axis, spec));
            f = own.emplace(key, static_cast<uint16_t>(g.calendars.size() - 1)).first;
          }
          g.cand_calendar[c] = f->second;
          if (c == g.cand_begin[g.seat_begin[n]]) g.calendar[n] = f->second;
          any = true;
        }
      }
      if (any) {
        if (g.limited.empty()) g.limited.assign(g.nodes(), 0);
        g.limited[n] = 1;
      }
    }
  }

  // Limits of epics, shared by their leaf descendants' work.
  {
    std::vector<std::vector<uint32_t>> over(g.nodes());
    bool any = false;
    const Date day0 = axis.origin.date();
    for (uint32_t e = 0; e < items; ++e) {
      if (is_leaf(e) || p.items[e].limits.empty()) continue;
      std::vector<uint32_t> ids;
      for (const WorkLimit& l : p.items[e].limits) {
        TaskGraph::SharedLimit sl;
        sl.per = l.per;
        sl.max_slots =
            static_cast<int32_t>(std::floor(std::max(0.0, l.hours) * 60 / opt.slot_minutes + 1e-9));
        Date from = l.from.value_or(p.start);
        auto snap = [&](Date d) {
          switch (l.per) {
            case WorkLimit::Per::kDay:
              return d;
            case WorkLimit::Per::kWeek:
              return d - static_cast<int>(d.weekday());
            default:
              return Date::from_ymd(d.year(), d.month(), 1);
          }
        };
        sl.begin_day = snap(from) - day0;
        sl.anchor_day = sl.begin_day;
        sl.end_day = l.until ? snap(*l.until) - day0 : std::numeric_limits<int32_t>::max();
        for (PersonId q : l.people)
          sl.people.push_back(q.value);
        ids.push_back(static_cast<uint32_t>(g.shared_limits.size()));
        g.shared_limits.push_back(std::move(sl));
      }
      std::vector<uint32_t> stack{e};
      for (int guard = 0; !stack.empty() && guard < 1 << 24; ++guard) {
        uint32_t x = stack.back();
        stack.pop_back();
        if (is_leaf(x)) {
          uint32_t n = g.item_node[x];
          if (n != kNoNode && g.basis[n] == EstimateBasis::kEffort) {
            over[n].insert(over[n].end(), ids.begin(), ids.end());
            any = true;
          }
          continue;
        }
        for (uint32_t c = child_begin[x]; c < child_begin[x + 1]; ++c)
          stack.push_back(child_list[c]);
      }
    }
    if (any) {
      g.shared_begin.assign(g.nodes() + 1, 0);
      for (uint32_t n = 0; n < g.nodes(); ++n) {
        g.shared_begin[n + 1] = g.shared_begin[n] + static_cast<uint32_t>(over[n].size());
        g.shared_index.insert(g.shared_index.end(), over[n].begin(), over[n].end());
      }
    }
  }
  set_fixed_spans(g, std::move(fixed_spans));

  uint32_t stuck = 0;
  if (!finalize_arcs(g, arcs, &stuck)) {
    return make_error("dependency-cycle",
                      fmt::format("the dependencies form a cycle through {}; nothing can be "
                                  "scheduled",
                                  p.items[g.node_item[stuck]].key),
                      {}, "run `cairn check` to see the cycle, then remove one dependency");
  }
  // Backward nodes: ALAP items (and gates with successors) whose successors are all backward.
  std::vector<std::string_view> forced_forward;  // ALAP items with a forward successor
  for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
    uint32_t n = *it;
    if (!g.backward[n]) continue;
    bool gate = g.backward[n] == 2;
    bool ok = !gate || g.succ_begin[n + 1] > g.succ_begin[n];
    for (uint32_t a = g.succ_begin[n]; ok && a < g.succ_begin[n + 1]; ++a)
      ok = g.backward[g.succ_node[a]] != 0;
    g.backward[n] = ok;
    g.any_backward = g.any_backward || (ok && !gate);
    if (!ok && !gate) forced_forward.push_back(p.items[g.node_item[n]].key);
  }
  if (!forced_forward.empty()) {
    diags.warning(
        "alap-before-forward",
        fmt::format(
            "{} ALAP item(s) come before work scheduled as soon as possible, so they are "
            "scheduled as soon as possible too (Cairn schedules an item backward only "
            "when all its successors are ALAP): {}{}",
            forced_forward.size(),
            fmt::join(forced_forward.begin(),
                      forced_forward.begin() + std::min<size_t>(5, forced_forward.size()), ", "),
            forced_forward.size() > 5 ? ", ..." : ""),
        {}, "mark their successors ALAP too, or give the items a start or a finish bound instead");
  }
  if (!g.any_backward) std::fill(g.backward.begin(), g.backward.end(), 0);
  return g;
}

TaskGraph with_extra_arcs(const TaskGraph& graph,
                          const std::vector<std::pair<uint32_t, uint32_t>>& links) {
  TaskGraph g = graph;
  std::vector<ArcTmp> arcs;
  arcs.reserve(graph.arcs() + links.size());
  for (uint32_t v = 0; v < graph.nodes(); ++v)
    for (uint32_t a = graph.succ_begin[v]; a < graph.succ_begin[v + 1]; ++a)
      arcs.push_back({v, graph.succ_node[a], graph.succ_flags[a], graph.succ_lag[a]});
  for (auto [a, b] : links)
    if (a < g.nodes() && b < g.nodes() && a != b)
      arcs.push_back({a, b, static_cast<uint8_t>(DependencyType::kFinishStart), 0});
  uint32_t stuck = 0;
  if (!finalize_arcs(g, arcs, &stuck)) g.topo = graph.topo;
  // The links may run from a backward node to a forward one: the graph is for forward passes.
  std::fill(g.backward.begin(), g.backward.end(), 0);
  g.any_backward = false;
  return g;
}

}  // namespace cairn::schedule

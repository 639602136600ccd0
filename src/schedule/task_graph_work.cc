// build_task_graph, the work's side: days of work left (estimate, remaining, bookings, the teams'
// pace), the work on the planned performer, release and actual dates, and the limits that epics
// share (task_graph_build.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/codes.h"
#include "schedule/cpm.h"
#include "schedule/task_graph_build.h"

namespace cairn::schedule::detail {

const ProgramPace& GraphBuild::pace_of() {
  if (!pace) pace = measure_pace(p, as_of, kPaceWindowWeeks);
  return *pace;
}

double GraphBuild::days_left(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo,
                             Slot a_start) {
  const WorkItem& it = p.items[i];
  double days = !it.estimate                            ? 0.0
                : opt.estimates == EstimateValue::kMean ? it.estimate->pert_mean()
                                                        : it.estimate->likely;
  if (st == NodeState::kStarted) {
    if (!ast[i] && !bo)
      diags.info(codes::kStartedWithoutDate,
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
      diags.info(codes::kRemainingAssumed,
                 fmt::format("{} is in progress without `remaining`; assuming {:.1f} days left "
                             "(estimate minus working days since it started)",
                             it.key, days));
    }
  }
  if (st != NodeState::kDone && !it.estimate && !(st == NodeState::kStarted && it.remaining)) {
    const double paced = paced_days(i, st, bo, a_start);
    if (st == NodeState::kTodo || !bo) days = paced;
  }
  return days;
}

// Open items with points but no estimate, or neither, take their days from the pace their team's
// history shows (model/pace.h). Points: the team's mean working days per point. Neither points
// nor estimate: the team's flow, one item per (people at their allocation x working days a week /
// items done a week) person-days, so that its people together finish items at the rate they did;
// a team with nobody in the plan takes them one after another, each in (working days a week /
// items done a week) working days (a lane: team_lanes), as the forecast's queue does; one that
// someone is assigned or allocated to takes as long, on that person, outside the lane.
double GraphBuild::paced_days(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo,
                              Slot a_start) {
  const WorkItem& it = p.items[i];
  const size_t team =
      it.team.valid() && it.team.index() < p.teams.size() ? it.team.index() : p.teams.size();
  double paced = 0;
  if (it.points && *it.points > 0) {
    paced = *it.points * pace_of().mean_days_per_point(it.team);
    if (paced > 0) ++paced_points[team];
  } else if (team < p.teams.size() && pace_of().teams[team].mean_weekly_done > 0) {
    if (team_fte.empty()) {  // the teams' people at their allocation, once
      team_fte.assign(p.teams.size(), 0.0);
      for (size_t t = 0; t < p.teams.size(); ++t)
        for (uint32_t m : team_members[t])
          team_fte[t] += g.person_rate[m];
    }
    const bool lane = team_members[team].empty();
    paced = (lane ? 1.0 : team_fte[team]) * p.calendar.weekdays().size() /
            pace_of().teams[team].mean_weekly_done;
    // An item someone else works on (its assignee or allocation, on loan) is not in the lane.
    const uint32_t node = g.item_node[i];
    const bool own_people = g.cand_begin[g.seat_begin[node + 1]] > g.cand_begin[g.seat_begin[node]];
    if (lane && !own_people) lanes[team].push_back(node);
    ++paced_flow[team];
  }
  if (paced <= 0 && zero_days.size() < 6) zero_days.push_back(it.key);
  if (st == NodeState::kStarted && !bo) {
    double elapsed = static_cast<double>(g.program_calendar().cum(g.status_slot) -
                                         g.program_calendar().cum(a_start)) /
                     g.day_slots;
    paced = std::max(paced * 0.1, paced - std::max(0.0, elapsed));
    diags.info(codes::kRemainingAssumed,
               fmt::format("{} is in progress without `remaining`; assuming {:.1f} days left "
                           "(its team's pace minus working days since it started, at least "
                           "10%)",
                           it.key, paced));
  }
  return paced;
}

// Work on the planned performer. Effort work is per seat at 100% here; planned_performers() puts
// it on the seats' fastest people once their own calendars exist.
void GraphBuild::planned_work(const WorkItem& it, size_t nseats, double days) {
  int32_t w = 0;
  uint16_t cal = TaskGraph::kProgramCalendar;
  double per_day = g.day_slots, base = 0;
  switch (it.basis) {
    case EstimateBasis::kEffort: {
      double seats = static_cast<double>(std::max<size_t>(1, nseats));
      base = days * g.day_slots / seats;
      w = ceil_slots(base);
      per_day = g.day_slots / seats;
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
}

// The planned performer of effort work: each seat's fastest candidate from the node's release
// (fastest_candidate, cpm.h: the same rule as the dates with unlimited people), so that the
// critical path is what the work takes with the best people and no waiting, a true bound for the
// leveler. The node takes the longest seat's work and its first seat's calendar. A seat whose
// person does no effort (efficiency 0: a room, a truck) is booked beside the others, who share
// the effort among them.
void GraphBuild::planned_performers() {
  std::vector<uint32_t> fastest;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    if (g.basis[n] != EstimateBasis::kEffort || sb == se) continue;
    fastest.clear();
    uint32_t doers = 0;
    for (uint32_t k = sb; k < se; ++k) {
      uint32_t c = fastest_candidate(g, k, {g.release[n], -kNever}).cand;
      if (c == kNoNode) c = g.cand_begin[k];  // nobody can do it: the first, as listed
      fastest.push_back(c);
      doers += g.person_rate[g.cand_person[c]] > 0;
    }
    const double seats = doers > 0 ? doers : se - sb;
    const double share = double(se - sb) / seats;  // 1 unless someone does no effort
    bool first = true;
    for (uint32_t k = sb; k < se; ++k) {
      const uint32_t c = fastest[k - sb];
      const double rate = g.person_rate[g.cand_person[c]];
      if (rate <= 0 && doers > 0) continue;
      const int32_t ws =
          share == 1.0 || rate <= 0 ? g.cand_work[c] : ceil_slots(g.base_work[n] * share / rate);
      if (first || ws > g.work[n]) {
        g.work[n] = ws;
        // With limits counted in what it books (node_caps), their calendar without them.
        if (first) g.calendar[n] = g.node_capped(n) ? g.cand_free_calendar[c] : g.cand_calendar[c];
        g.work_per_day[n] = rate > 0 ? g.day_slots / seats / rate : 0;
        first = false;
      }
    }
  }
}

// Release (status date, start_no_earlier_than, the first booking of started work) and the actual
// dates of started and done work.
void GraphBuild::item_dates(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo,
                            Slot a_start) {
  const WorkItem& it = p.items[i];
  Slot rel = g.status_slot;
  if (it.start_no_earlier_than) rel = std::max(rel, g.axis.ceil_slot(*it.start_no_earlier_than));
  // Work booked after the status date: what is left runs from the first booking, not before.
  if (bo && st == NodeState::kStarted) rel = std::max(rel, bo->start);
  g.release.push_back(rel);
  if (st == NodeState::kDone) {
    if (!ast[i] && !afin[i] && !bo)
      diags.info(codes::kDoneWithoutDates,
                 fmt::format("{} is done but its history has no dates; it is taken as done at "
                             "the program start",
                             it.key));
    Slot f = afin[i] ? g.axis.ceil_slot(*afin[i])
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

void GraphBuild::report_pace() {
  for (size_t t = 0; t < without_people.size(); ++t) {
    const auto& keys = without_people[t];
    if (keys.empty()) continue;
    diags.warning(
        codes::kTeamWithoutPeople,
        fmt::format("team {} has no one who can work on its {} open item(s) ({}); they are "
                    "scheduled without a person{}",
                    p.teams[t].key, keys.size(), some_names(keys),
                    t < lanes.size() && !lanes[t].empty()
                        ? ", those without an estimate one after another at the team's pace"
                        : ""),
        {}, "add people to the team or assign the items");
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
          fmt::format("{}{} without estimate at {:.1f} items done per week{}",
                      how.empty() ? "" : "; ", paced_flow[t], pace_of().teams[t].mean_weekly_done,
                      t < lanes.size() && !lanes[t].empty()
                          ? ", one after another: the team has no people in the plan"
                          : "");
    diags.info(codes::kEstimateFromPace,
               fmt::format("{}: open items without an estimate in days are timed from the "
                           "team's history over {} weeks ({})",
                           team, kPaceWindowWeeks, how),
               {}, "estimate them in days to plan with your own numbers");
  }
  if (!zero_days.empty())
    diags.warning(codes::kItemWithoutEstimate,
                  fmt::format("open items without an estimate, and without team history to time "
                              "them by, are scheduled as 0 days: {}",
                              some_names(zero_days)),
                  {}, "estimate them, or record when the team's done items finished (history)");
}

TaskGraph::SharedLimit GraphBuild::window_limit(WorkLimit::Per per, double minutes,
                                                std::optional<Date> from,
                                                std::optional<Date> until) const {
  TaskGraph::SharedLimit sl;
  sl.per = per;
  sl.max_slots = static_cast<int32_t>(std::floor(std::max(0.0, minutes) / opt.slot_minutes + 1e-9));
  auto snap = [&](Date d) {
    switch (per) {
      case WorkLimit::Per::kDay:
        return d;
      case WorkLimit::Per::kWeek:
        return d - static_cast<int>(d.weekday());
      default:
        return Date::from_ymd(d.year(), d.month(), 1);
    }
  };
  const Date day0 = g.axis.origin.date();
  sl.begin_day = snap(from.value_or(p.start)) - day0;
  sl.anchor_day = sl.begin_day;
  sl.end_day = until ? snap(*until) - day0 : std::numeric_limits<int32_t>::max();
  return sl;
}

// Limits of epics, shared by their leaf descendants' work.
void GraphBuild::shared_limits() {
  std::vector<std::vector<uint32_t>> over(g.nodes());
  bool any = false;
  for (uint32_t e = 0; e < items; ++e) {
    if (is_leaf(e) || p.items[e].limits.empty()) continue;
    std::vector<uint32_t> ids;
    for (TaskGraph::SharedLimit& sl : window_limits(p.items[e].limits)) {
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

}  // namespace cairn::schedule::detail

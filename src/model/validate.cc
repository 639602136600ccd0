#include "model/validate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_set>

#include <fmt/format.h>

namespace cairn {
namespace {

using K = EntityKind;

void check_three_point(const ThreePoint& e, const char* field, K kind, uint32_t i,
                       const std::string& owner, const SourceMap& src, Diagnostics& d) {
  if (e.optimistic < 0 || e.likely < 0 || e.pessimistic < 0) {
    d.error("negative-estimate", fmt::format("{} of {} is negative", field, owner),
            src.at(kind, i, field), "estimates are working days and must be 0 or more");
    return;
  }
  if (e.optimistic > e.likely || e.likely > e.pessimistic) {
    d.error("estimate-order",
            fmt::format("{} of {} is out of order: optimistic {}, likely {}, pessimistic {}", field,
                        owner, e.optimistic, e.likely, e.pessimistic),
            src.at(kind, i, field),
            "write the three points as [optimistic, likely, pessimistic] with optimistic <= likely "
            "<= pessimistic");
  }
}

// Shifts: each range in order; people's ranges must not overlap (which one would apply?).
void check_limit_ranges(const std::vector<WorkLimit>& limits, const std::string& owner,
                        const Location& where, Diagnostics& d) {
  for (const auto& l : limits)
    if (l.from && l.until && *l.until <= *l.from)
      d.error("invalid-range",
              fmt::format("a limit of {} ends ({}) before it starts ({})", owner,
                          l.until->to_string(), l.from->to_string()),
              where, "until is the first day the limit no longer applies");
}

void check_shifts(const std::vector<Shift>& shifts, bool exclusive, const std::string& owner,
                  const Location& where, Diagnostics& d) {
  for (size_t a = 0; a < shifts.size(); ++a) {
    const DateRange& r = shifts[a].dates;
    if (r.to < r.from) {
      d.error("invalid-range",
              fmt::format("a shift of {} ends ({}) before it starts ({})", owner, r.to.to_string(),
                          r.from.to_string()),
              where, "swap from and to");
      continue;
    }
    if (!exclusive) continue;
    for (size_t b = 0; b < a; ++b) {
      const DateRange& o = shifts[b].dates;
      if (o.from <= r.to && r.from <= o.to)
        d.error("overlapping-shifts",
                fmt::format("shifts of {} overlap: {}..{} and {}..{}", owner, o.from.to_string(),
                            o.to.to_string(), r.from.to_string(), r.to.to_string()),
                where, "a person has one shift per day: split or shorten one of them");
    }
  }
}

bool in_workflow(const std::vector<WorkflowState>& wf, const std::string& s) {
  return std::any_of(wf.begin(), wf.end(), [&](const WorkflowState& w) { return w.name == s; });
}

std::string state_list(const std::vector<WorkflowState>& wf) {
  std::string out;
  for (size_t i = 0; i < wf.size(); ++i)
    out += (i ? ", " : "") + wf[i].name;
  return out;
}

// The guards of check_limits(): each number the engines turn into time and each date.
class LimitCheck {
 public:
  LimitCheck(const Program& p, const SourceMap& src, Diagnostics& d) : p_(p), src_(src), d_(d) {}

  // A number that must be finite and at most `max` (negative values are validate()'s concern).
  void at_most(double v, double max, const std::string& what, const char* unit, const char* hint,
               const Location& at) {
    if (std::isfinite(v) && v <= max) return;
    d_.error("value-too-large",
             fmt::format("{}: {} {}, more than the {} that can be scheduled", what, v, unit, max),
             at, hint);
  }
  void days(double v, const std::string& what, const Location& at) {
    at_most(v, kMaxPlanDays, what, "working days",
            "estimates and remaining effort are working days, at most 36500 (100 years): split "
            "the work or fix the number",
            at);
  }
  void three_point(const ThreePoint& e, const std::string& what, const Location& at) {
    double worst = std::max({e.optimistic, e.likely, e.pessimistic});
    if (!std::isfinite(e.optimistic) || !std::isfinite(e.likely) || !std::isfinite(e.pessimistic))
      worst = std::numeric_limits<double>::infinity();
    days(worst, what, at);
  }
  void date(Date v, const std::string& what, const Location& at) {
    const int year = v.year();
    if (year < 1 || year > 9999) {
      d_.error("date-out-of-range",
               fmt::format("{} is {}, outside the years 1 to 9999", what, v.to_string()), at,
               "write a date between 0001-01-01 and 9999-12-31 (check the year)");
      return;
    }
    const int window = kMaxYearsFromStart * 365 + kMaxYearsFromStart / 4;
    const int from_start = v - p_.start;
    if (std::abs(from_start) <= window) return;
    d_.error(
        "date-out-of-range",
        fmt::format("{} is {}, more than {} years {} the program starts ({})", what, v.to_string(),
                    kMaxYearsFromStart, from_start > 0 ? "after" : "before", p_.start.to_string()),
        at,
        fmt::format("check the year; the scheduler works within {} years of the program's "
                    "start",
                    kMaxYearsFromStart));
  }
  void date(DateTime v, const std::string& what, const Location& at) { date(v.date(), what, at); }
  void range(const DateRange& r, const std::string& what, const Location& at) {
    date(r.from, what, at);
    if (r.to != r.from) date(r.to, what, at);
  }
  void shifts(const std::vector<Shift>& v, const std::string& owner, const Location& at) {
    for (const Shift& s : v) {
      range(s.dates, fmt::format("a shift of {}", owner), at);
      for (Date d : s.leave)
        date(d, fmt::format("a day off in a shift of {}", owner), at);
    }
  }
  void calendar(const WorkingCalendar& c, const std::string& owner, const Location& at) {
    for (const Holiday& h : c.holidays())
      date(h.date, fmt::format("a holiday of {}", owner), at);
  }
  // `people`: how many people's work the limits may count together (1 for a person's own).
  void limits(const std::vector<WorkLimit>& v, const std::string& owner, const Location& at,
              size_t people = 1);
  void item(uint32_t i);

 private:
  const Program& p_;
  const SourceMap& src_;
  Diagnostics& d_;
};

// The window length in hours of a work limit (its largest hours per window).
double window_hours(WorkLimit::Per per) {
  switch (per) {
    case WorkLimit::Per::kDay:
      return 24;
    case WorkLimit::Per::kWeek:
      return 7 * 24;
    case WorkLimit::Per::kMonth:
      return 31 * 24;
    case WorkLimit::Per::k30Days:
      return 30 * 24;
  }
  return 31 * 24;
}

void LimitCheck::limits(const std::vector<WorkLimit>& v, const std::string& owner,
                        const Location& at, size_t people) {
  for (const WorkLimit& l : v) {
    // An item's limit counts the work of all its people (an epic's, of all its leaves' people):
    // up to the window's hours for each person of the program.
    at_most(l.hours, window_hours(l.per) * static_cast<double>(std::max<size_t>(1, people)),
            fmt::format("a limit of {}", owner), "hours per window",
            people > 1 ? "an item's limit caps the hours its people work per day, week or month "
                         "together: at most the window's hours (24 a day, 168 a week, 744 a month) "
                         "for each person of the program"
                       : "a limit caps the hours worked per day, week or month: at most the hours "
                         "the window has (24 a day, 168 a week, 744 a month)",
            at);
    if (l.from) date(*l.from, fmt::format("a limit of {}", owner), at);
    if (l.until) date(*l.until, fmt::format("a limit of {}", owner), at);
  }
}

void LimitCheck::item(uint32_t i) {
  const WorkItem& it = p_.items[i];
  auto at = [&](std::string_view field) { return src_.at(K::kItem, i, field); };
  if (it.estimate)
    three_point(*it.estimate, fmt::format("the estimate of {}", it.key), at("estimate"));
  if (it.points)
    at_most(*it.points, kMaxPlanPoints, fmt::format("points of {}", it.key), "points",
            "story points become days through the team's pace; give at most 36500 points per "
            "item or split it",
            at("points"));
  if (it.remaining)
    days(*it.remaining, fmt::format("remaining effort of {}", it.key), at("remaining"));
  for (size_t h = 0; h < it.history.size(); ++h)
    date(it.history[h].at, fmt::format("a history date of {}", it.key),
         at(fmt::format("history/{}", h)));
  const auto opt_date = [&](const auto& v, const char* field) {
    if (v) date(*v, fmt::format("{} of {}", field, it.key), at(field));
  };
  opt_date(it.created, "created");
  opt_date(it.start_no_earlier_than, "start_no_earlier_than");
  opt_date(it.finish_no_later_than, "finish_no_later_than");
  opt_date(it.baseline_start, "baseline_start");
  opt_date(it.baseline_finish, "baseline_finish");
  opt_date(it.due, "due");
  limits(it.limits, it.key, at("limits"), p_.people.size());
  shifts(it.shifts, it.key, at("shifts"));
  for (const Allocation& a : it.allocations)
    shifts(a.shifts, it.key, at("allocate"));
  for (size_t b = 0; b < it.bookings.size(); ++b) {
    const Location where = at(fmt::format("bookings/{}", b));
    date(it.bookings[b].start, fmt::format("a booking of {}", it.key), where);
    date(it.bookings[b].end, fmt::format("a booking of {}", it.key), where);
  }
}

}  // namespace

namespace {
// Whether item i is its own ancestor (a loop of parent: links).
bool own_ancestor(const Program& p, uint32_t i) {
  WorkItemId cur = p.items[i].parent;
  for (size_t steps = 0; cur.valid() && cur.index() < p.items.size() && steps <= p.items.size();
       ++steps) {
    if (cur.index() == i) return true;
    cur = p.items[cur.index()].parent;
  }
  return false;
}
}  // namespace

std::vector<std::vector<WorkItemId>> find_dependency_cycles(const Program& p) {
  // The graph the scheduler builds: a leaf is one node; an epic is four gates (the start and the
  // finish that its predecessors reach, the start and the finish its successors wait for), linked
  // to its children's, so that a cycle through an epic and its own items is found too.
  const size_t items = p.items.size();
  std::vector<uint8_t> epic(items, 0);
  for (const WorkItem& it : p.items)
    if (it.parent.valid() && it.parent.index() < items) epic[it.parent.index()] = 1;
  enum Gate { kStartIn, kFinishIn, kStartOut, kFinishOut };
  auto node = [&](uint32_t i, Gate g) {
    return epic[i] ? static_cast<uint32_t>(items + 4 * size_t{i} + g) : i;
  };
  const size_t n = 5 * items;
  std::vector<std::vector<uint32_t>> succ(n);
  for (const auto& dep : p.dependencies) {
    if (!dep.predecessor.valid() || !dep.successor.valid()) continue;
    if (dep.predecessor.index() >= items || dep.successor.index() >= items) continue;
    if (dep.predecessor == dep.successor) continue;  // reported as self-dependency
    const bool from_finish =
        dep.type == DependencyType::kFinishStart || dep.type == DependencyType::kFinishFinish;
    const bool to_start =
        dep.type == DependencyType::kFinishStart || dep.type == DependencyType::kStartStart;
    succ[node(dep.predecessor.value, from_finish ? kFinishOut : kStartOut)].push_back(
        node(dep.successor.value, to_start ? kStartIn : kFinishIn));
  }
  for (uint32_t c = 0; c < items; ++c) {
    const WorkItemId e = p.items[c].parent;
    // A loop of parent: links is reported as parent-cycle, not as a dependency cycle.
    if (!e.valid() || e.index() >= items || own_ancestor(p, c)) continue;
    // As in the scheduler, history has made the epic's hold on a done item moot, and its hold on
    // the start of one in progress.
    const StateCategory cat = epic[c] ? StateCategory::kTodo : p.category(WorkItemId{c});
    for (Gate g : {kStartIn, kFinishIn})
      if (cat != StateCategory::kDone && !(cat == StateCategory::kInProgress && g == kStartIn))
        succ[node(e.value, g)].push_back(node(c, g));
    for (Gate g : {kStartOut, kFinishOut})
      succ[node(c, g)].push_back(node(e.value, g));
  }
  auto item_of = [&](uint32_t v) { return v < items ? v : static_cast<uint32_t>((v - items) / 4); };
  // Tarjan's strongly connected components, iterative.
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<char> on_stack(n, 0);
  std::vector<uint32_t> stack;
  std::vector<std::pair<uint32_t, size_t>> call;
  int counter = 0;
  std::vector<std::vector<WorkItemId>> cycles;
  for (uint32_t root = 0; root < n; ++root) {
    if (index[root] >= 0) continue;
    call.push_back({root, 0});
    while (!call.empty()) {
      auto& [v, next] = call.back();
      if (next == 0 && index[v] < 0) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = 1;
      }
      if (next < succ[v].size()) {
        uint32_t w = succ[v][next++];
        if (index[w] < 0) {
          call.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::vector<uint32_t> comp;
        uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          comp.push_back(w);
        } while (w != v);
        if (comp.size() > 1) {
          // Find one concrete cycle inside the component: walk from its smallest member.
          std::unordered_set<uint32_t> in(comp.begin(), comp.end());
          uint32_t start = *std::min_element(comp.begin(), comp.end());
          std::vector<uint32_t> path{start};
          std::vector<int> pos(n, -1);
          pos[start] = 0;
          uint32_t cur = start;
          while (true) {
            uint32_t nxt = cur;
            for (uint32_t s : succ[cur])
              if (in.count(s)) {
                nxt = s;
                break;
              }
            if (pos[nxt] >= 0) {
              // Items in order, an epic's gates one step.
              std::vector<WorkItemId> cyc;
              for (size_t k = static_cast<size_t>(pos[nxt]); k < path.size(); ++k)
                if (cyc.empty() || cyc.back().value != item_of(path[k]))
                  cyc.emplace_back(item_of(path[k]));
              while (cyc.size() > 1 && cyc.back() == cyc.front())
                cyc.pop_back();
              if (cyc.size() > 1) cycles.push_back(std::move(cyc));
              break;
            }
            pos[nxt] = static_cast<int>(path.size());
            path.push_back(nxt);
            cur = nxt;
          }
        }
      }
      uint32_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
    }
  }
  return cycles;
}

void check_limits(const Program& p, const SourceMap& src, Diagnostics& d) {
  LimitCheck c(p, src, d);
  c.date(p.start, "the program start", src.at(K::kProgram, 0, "start"));
  if (p.as_of) c.date(*p.as_of, "the status date as_of", src.at(K::kProgram, 0, "as_of"));
  c.calendar(p.calendar, "the program", src.at(K::kProgram, 0, "calendar"));
  for (uint32_t i = 0; i < p.people.size(); ++i) {
    const Person& per = p.people[i];
    for (const Leave& l : per.leave)
      c.range(l.dates, fmt::format("leave of {}", per.key), src.at(K::kPerson, i, "leave"));
    c.shifts(per.shifts, per.key, src.at(K::kPerson, i, "shifts"));
    if (per.calendar) c.calendar(*per.calendar, per.key, src.at(K::kPerson, i, "calendar"));
    c.limits(per.limits, per.key, src.at(K::kPerson, i, "limits"));
  }
  for (uint32_t i = 0; i < p.items.size(); ++i)
    c.item(i);
  for (uint32_t k = 0; k < p.dependencies.size(); ++k) {
    const Dependency& dep = p.dependencies[k];
    c.at_most(std::abs(dep.lag), kMaxPlanDays, "the lag of a dependency", "days",
              "a lag is days (see lag_unit), at most 36500 (100 years) either way: fix the number",
              src.at(K::kDependency, k, "lag"));
    if (dep.need_by)
      c.date(*dep.need_by, "need_by of a dependency", src.at(K::kDependency, k, "need_by"));
  }
  for (uint32_t m = 0; m < p.milestones.size(); ++m)
    if (p.milestones[m].deadline)
      c.date(*p.milestones[m].deadline, fmt::format("the deadline of {}", p.milestones[m].key),
             src.at(K::kMilestone, m, "deadline"));
  for (uint32_t r = 0; r < p.risks.size(); ++r) {
    const Risk& risk = p.risks[r];
    if (risk.impact)
      c.three_point(*risk.impact, fmt::format("the impact of risk {}", risk.key),
                    src.at(K::kRisk, r, "impact"));
    if (risk.trigger_date)
      c.date(*risk.trigger_date, fmt::format("trigger_date of risk {}", risk.key),
             src.at(K::kRisk, r, "trigger_date"));
  }
  for (uint32_t s = 0; s < p.sprints.size(); ++s) {
    c.date(p.sprints[s].start, fmt::format("the start of sprint {}", p.sprints[s].key),
           src.at(K::kSprint, s, "start"));
    c.date(p.sprints[s].end, fmt::format("the end of sprint {}", p.sprints[s].key),
           src.at(K::kSprint, s, "end"));
  }
  if (p.budget) {
    for (const auto& period : p.budget->planned)
      c.date(period.period_end, "a planned budget period_end", src.at(K::kBudget, 0, "planned"));
    for (const auto& period : p.budget->actual)
      c.date(period.period_end, "an actual budget period_end", src.at(K::kBudget, 0, "actual"));
  }
  for (uint32_t u = 0; u < p.status_updates.size(); ++u)
    c.date(p.status_updates[u].date, "the date of a status update",
           src.at(K::kStatusUpdate, u, "date"));
  for (uint32_t u = 0; u < p.decisions.size(); ++u)
    c.date(p.decisions[u].date, "the date of a decision", src.at(K::kDecision, u, "date"));
  for (uint32_t u = 0; u < p.actions.size(); ++u)
    if (p.actions[u].due)
      c.date(*p.actions[u].due, "the due date of an action", src.at(K::kAction, u, "due"));
}

namespace {

// The program itself and its teams' workflows.
void check_program_and_teams(const Program& p, const SourceMap& src, Diagnostics& d) {
  if (p.as_of && *p.as_of < p.start)
    d.error("invalid-range",
            fmt::format("the status date as_of {} is before the program starts ({})",
                        p.as_of->to_string(), p.start.to_string()),
            src.at(K::kProgram, 0, "as_of"), "as_of is the date the plan describes; move it");
  if (p.end && p.end->date() <= p.start)
    d.error("invalid-range",
            fmt::format("the program end {} is not after the program start ({})",
                        p.end->to_string(), p.start.to_string()),
            src.at(K::kProgram, 0, "end"),
            "end is the instant the work must be done by (a date alone is 00:00 of that day); "
            "move it after the start or remove it");
  if (p.calendar.weekdays().empty())
    d.error("empty-calendar", "the program calendar has no working weekday",
            src.at(K::kProgram, 0, "calendar"),
            "list the worked days, e.g. weekdays: [mon, tue, wed, thu, fri]");

  for (uint32_t t = 0; t < p.teams.size(); ++t) {
    const Team& team = p.teams[t];
    if (!team.workflow.empty() &&
        std::none_of(team.workflow.begin(), team.workflow.end(),
                     [](const WorkflowState& s) { return s.category == StateCategory::kDone; }))
      d.error("workflow-without-done",
              fmt::format("team {}'s workflow has no done state", team.key),
              src.at(K::kTeam, t, "workflow"), "give at least one state `category: done`");
    for (const auto& s : team.workflow)
      if (s.wip_limit && *s.wip_limit <= 0)
        d.error(
            "invalid-wip-limit",
            fmt::format("WIP limit of state '{}' in team {} must be positive", s.name, team.key),
            src.at(K::kTeam, t, "workflow"), "remove the limit or make it 1 or more");
  }
}

// Allocation, cost, leave and shifts of each person.
void check_people(const Program& p, const SourceMap& src, Diagnostics& d) {
  for (uint32_t i = 0; i < p.people.size(); ++i) {
    const Person& per = p.people[i];
    if (!(per.allocation > 0 && per.allocation <= 100))
      d.error("invalid-allocation",
              fmt::format("allocation of {} is {}%; it must be more than 0 and at most 100",
                          per.key, per.allocation),
              src.at(K::kPerson, i, "allocation"), "give the percent of a full day, e.g. 50");
    if (!(per.efficiency >= 0 && per.efficiency <= 100))
      d.error("invalid-efficiency",
              fmt::format("efficiency of {} is {}; it must be 0 to 100", per.key, per.efficiency),
              src.at(K::kPerson, i, "efficiency"),
              "give the effort done per hour worked: 1 for one person, 5 for a team of five, 0 "
              "for a room or a machine that is booked but does no effort");
    if (per.cost_per_day < 0)
      d.error("negative-cost", fmt::format("cost_per_day of {} is negative", per.key),
              src.at(K::kPerson, i, "cost_per_day"), "give a daily rate of 0 or more");
    for (const auto& l : per.leave)
      if (l.dates.to < l.dates.from)
        d.error("invalid-range",
                fmt::format("leave of {} ends ({}) before it starts ({})", per.key,
                            l.dates.to.to_string(), l.dates.from.to_string()),
                src.at(K::kPerson, i, "leave"), "swap from and to");
    check_shifts(per.shifts, true, per.key, src.at(K::kPerson, i, "shifts"), d);
    check_limit_ranges(per.limits, per.key, src.at(K::kPerson, i, "limits"), d);
  }
}

// One work item: estimates, team, state and history, shifts, limits and bookings.
void check_item(const Program& p, const SourceMap& src, Diagnostics& d, uint32_t i) {
  const WorkItem& it = p.items[i];
  if (it.estimate) check_three_point(*it.estimate, "estimate", K::kItem, i, it.key, src, d);
  if (it.points && *it.points < 0)
    d.error("negative-estimate", fmt::format("points of {} are negative", it.key),
            src.at(K::kItem, i, "points"), "story points must be 0 or more");
  if (it.remaining && *it.remaining < 0)
    d.error("negative-estimate", fmt::format("remaining effort of {} is negative", it.key),
            src.at(K::kItem, i, "remaining"), "remaining is working days left, 0 or more");
  // Work that needs nobody is scheduled without a team: a length or duration (calendar time) and
  // a milestone (no work at all, e.g. a TaskJuggler milestone).
  const bool needs_nobody =
      it.basis != EstimateBasis::kEffort ||
      (it.estimate && it.estimate->pessimistic == 0 && !it.points && !it.remaining);
  if (!it.team.valid() && !it.assignee.valid() && it.allocations.empty() &&
      it.kind != WorkItemKind::kEpic && !needs_nobody)
    d.warning("item-without-team", fmt::format("{} has no team and no assignee", it.key),
              src.at(K::kItem, i), "give it a team: or an assignee: so it can be scheduled");
  if (it.assignee.valid() && it.team.valid() && p.person(it.assignee).team.valid() &&
      p.person(it.assignee).team != it.team)
    d.warning("assignee-not-in-team",
              fmt::format("{} belongs to team {} but is assigned to {} of team {}", it.key,
                          p.team(it.team).key, p.person(it.assignee).key,
                          p.team(p.person(it.assignee).team).key),
              src.at(K::kItem, i, "assignee"),
              "fine for a loan; otherwise move the item or assign a member of its team");
  const auto& wf = p.workflow(it.team);
  if (!it.state.empty() && !in_workflow(wf, it.state))
    d.error("state-not-in-workflow",
            fmt::format("state '{}' of {} is not in {}'s workflow", it.state, it.key,
                        it.team.valid() ? p.team(it.team).key : std::string("the default")),
            src.at(K::kItem, i, "state"), fmt::format("use one of: {}", state_list(wf)));
  for (size_t h = 0; h < it.history.size(); ++h) {
    if (!in_workflow(wf, it.history[h].state))
      d.error("history-state-not-in-workflow",
              fmt::format("history of {} has state '{}', which is not in the workflow", it.key,
                          it.history[h].state),
              src.at(K::kItem, i, fmt::format("history/{}", h)),
              fmt::format("use one of: {}", state_list(wf)));
    if (h > 0 && it.history[h].at < it.history[h - 1].at)
      d.warning("history-out-of-order",
                fmt::format("history of {} goes back in time at '{}'", it.key, it.history[h].state),
                src.at(K::kItem, i, fmt::format("history/{}", h)), "list changes oldest first");
  }
  if (p.as_of && !it.history.empty() && it.history.back().at.date() > *p.as_of)
    d.warning("history-after-as-of",
              fmt::format("history of {} has a change on {}, after the status date {}", it.key,
                          it.history.back().at.date().to_string(), p.as_of->to_string()),
              src.at(K::kItem, i, "history"), "move as_of forward or fix the timestamp");
  if (!it.history.empty() && !it.state.empty() && it.history.back().state != it.state)
    d.warning("state-history-mismatch",
              fmt::format("{} is in state '{}' but its history ends in '{}'", it.key, it.state,
                          it.history.back().state),
              src.at(K::kItem, i, "state"), "add the last transition to history");
  // Effort that only people with efficiency 0 (booked, no effort) could do is never done.
  if (it.basis == EstimateBasis::kEffort && !needs_nobody && it.kind != WorkItemKind::kEpic &&
      p.category(WorkItemId{i}) != StateCategory::kDone) {
    auto idle = [&](PersonId c) {
      return c.valid() && c.index() < p.people.size() && p.people[c.index()].efficiency == 0;
    };
    size_t named = 0, idle_named = 0;
    for (const auto& a : it.allocations)
      for (PersonId c : a.candidates) {
        ++named;
        idle_named += idle(c);
      }
    const bool all_idle =
        it.allocations.empty() ? idle(it.assignee) : named > 0 && idle_named == named;
    if (all_idle)
      d.error("effort-without-effort-people",
              fmt::format("{} has effort, but its people all have efficiency 0 (booked, no "
                          "effort): it can never be done",
                          it.key),
              src.at(K::kItem, i, it.allocations.empty() ? "assignee" : "allocate"),
              "allocate someone who does the work beside them");
  }
  check_shifts(it.shifts, false, it.key, src.at(K::kItem, i, "shifts"), d);
  for (const auto& a : it.allocations)
    check_shifts(a.shifts, false, it.key, src.at(K::kItem, i, "allocate"), d);
  check_limit_ranges(it.limits, it.key, src.at(K::kItem, i, "limits"), d);
  for (size_t b = 0; b < it.bookings.size(); ++b) {
    const Booking& bk = it.bookings[b];
    Location where = src.at(K::kItem, i, fmt::format("bookings/{}", b));
    if (bk.end <= bk.start)
      d.error("invalid-range",
              fmt::format("a booking of {} ends ({}) at or before it starts ({})", it.key,
                          bk.end.to_string(), bk.start.to_string()),
              where, "a booking is the interval [start, end) worked");
    else if (p.as_of && bk.start.date() >= *p.as_of)
      d.warning("booking-after-as-of",
                fmt::format("a booking of {} starts on {}, on or after the status date {}", it.key,
                            bk.start.date().to_string(), p.as_of->to_string()),
                where, "bookings are work already done: move as_of forward");
  }
  if (!it.bookings.empty() && it.kind == WorkItemKind::kEpic)
    d.warning("booking-on-epic",
              fmt::format("{} is an epic; its bookings are ignored by the scheduler", it.key),
              src.at(K::kItem, i, "bookings"), "book the work on the items under it");
  if (it.remaining && *it.remaining > 0 && p.category(WorkItemId{i}) == StateCategory::kDone)
    d.warning("remaining-on-done-item",
              fmt::format("{} is done but has {} days remaining", it.key, *it.remaining),
              src.at(K::kItem, i, "remaining"), "set remaining: 0 or move it out of done");
}

// Parent chains must end.
void check_parents(const Program& p, const SourceMap& src, Diagnostics& d) {
  for (uint32_t i = 0; i < p.items.size(); ++i)
    if (own_ancestor(p, i))
      d.error("parent-cycle", fmt::format("{} is its own ancestor", p.items[i].key),
              src.at(K::kItem, i, "parent"), "break the loop of parent: links");
}

// Self, duplicate and cyclic dependencies.
void check_dependencies(const Program& p, const SourceMap& src, Diagnostics& d) {
  std::set<std::tuple<uint32_t, uint32_t, int>> seen;
  for (uint32_t k = 0; k < p.dependencies.size(); ++k) {
    const Dependency& dep = p.dependencies[k];
    if (!dep.predecessor.valid() || !dep.successor.valid()) continue;
    if (dep.predecessor == dep.successor) {
      d.error("self-dependency", fmt::format("{} depends on itself", p.item(dep.successor).key),
              src.at(K::kDependency, k), "remove this dependency");
      continue;
    }
    if (!seen.insert({dep.predecessor.value, dep.successor.value, static_cast<int>(dep.type)})
             .second)
      d.warning("duplicate-dependency",
                fmt::format("{} -> {} is listed twice", p.item(dep.predecessor).key,
                            p.item(dep.successor).key),
                src.at(K::kDependency, k), "remove one of them");
  }
  for (const auto& cyc : find_dependency_cycles(p)) {
    std::string path;
    for (WorkItemId id : cyc)
      path += p.item(id).key + " -> ";
    path += p.item(cyc.front()).key;
    // Point at the dependency that closes the cycle.
    Location where = src.at(K::kItem, cyc.front().value);
    for (uint32_t k = 0; k < p.dependencies.size(); ++k)
      if (p.dependencies[k].predecessor == cyc.back() && p.dependencies[k].successor == cyc.front())
        where = src.at(K::kDependency, k);
    d.error("dependency-cycle", fmt::format("dependency cycle: {}", path), where,
            "remove or reverse one dependency of the cycle");
  }
}

// Milestones, the budget's periods and risks.
void check_milestones_budget_risks(const Program& p, const SourceMap& src, Diagnostics& d) {
  for (uint32_t m = 0; m < p.milestones.size(); ++m) {
    const Milestone& ms = p.milestones[m];
    if (ms.items.empty())
      d.warning("milestone-without-items", fmt::format("milestone {} has no items", ms.key),
                src.at(K::kMilestone, m), "list the items it waits for under items:");
    if (ms.deadline && *ms.deadline < p.start)
      d.warning("deadline-before-start",
                fmt::format("milestone {}'s deadline {} is before the program starts ({})", ms.key,
                            ms.deadline->to_string(), p.start.to_string()),
                src.at(K::kMilestone, m, "deadline"), "check the dates");
  }

  if (p.budget) {
    auto ordered = [](const auto& v) {
      for (size_t k = 1; k < v.size(); ++k)
        if (v[k].period_end <= v[k - 1].period_end) return false;
      return true;
    };
    if (p.budget->total < 0)
      d.error("negative-cost", fmt::format("the budget's total is {}", p.budget->total),
              src.at(K::kBudget, 0, "total"), "give the approved total, 0 or more");
    auto no_negative = [&](const auto& periods, const char* field) {
      if (std::any_of(periods.begin(), periods.end(), [](const auto& x) { return x.amount < 0; }))
        d.error("negative-cost", fmt::format("a budget {} amount is negative", field),
                src.at(K::kBudget, 0, field),
                "give each period's spend, 0 or more (a correction lowers the period's amount, "
                "not below 0)");
    };
    no_negative(p.budget->planned, "planned");
    no_negative(p.budget->actual, "actual");
    if (!ordered(p.budget->planned) || !ordered(p.budget->actual))
      d.warning("budget-periods-out-of-order", "budget periods are not in date order",
                src.at(K::kBudget, 0), "list periods by period_end, oldest first, each once");
  }

  for (uint32_t r = 0; r < p.risks.size(); ++r) {
    const Risk& risk = p.risks[r];
    if (!(risk.probability >= 0 && risk.probability <= 1))
      d.error("invalid-probability",
              fmt::format("probability of risk {} is {}; it must be between 0 and 1", risk.key,
                          risk.probability),
              src.at(K::kRisk, r, "probability"), "write 0.3 or 30%");
    if (risk.impact) check_three_point(*risk.impact, "impact", K::kRisk, r, risk.key, src, d);
    if (risk.cost_impact < 0)
      d.error("negative-cost", fmt::format("cost_impact of risk {} is negative", risk.key),
              src.at(K::kRisk, r, "cost_impact"), "give what it costs when it fires, 0 or more");
  }
}

// Sprints: their team, committed items, overlaps and dates.
void check_sprints(const Program& p, const SourceMap& src, Diagnostics& d) {
  for (uint32_t s = 0; s < p.sprints.size(); ++s) {
    const Sprint& sp = p.sprints[s];
    if (sp.team.valid() && p.team(sp.team).method == TeamMethod::kKanban)
      d.warning("sprint-of-kanban-team",
                fmt::format("sprint {} belongs to {}, a Kanban team", sp.key, p.team(sp.team).key),
                src.at(K::kSprint, s, "team"), "Kanban teams have no sprints; check the team");
    for (WorkItemId it : sp.committed)
      if (sp.team.valid() && p.item(it).team.valid() && p.item(it).team != sp.team)
        d.warning("sprint-item-other-team",
                  fmt::format("sprint {} of {} commits to {}, an item of {}", sp.key,
                              p.team(sp.team).key, p.item(it).key, p.team(p.item(it).team).key),
                  src.at(K::kSprint, s, "committed"), "commit items of the sprint's own team");
    for (uint32_t o = 0; o < s; ++o) {
      const Sprint& other = p.sprints[o];
      if (other.team == sp.team && sp.team.valid() && sp.start <= other.end &&
          other.start <= sp.end)
        d.warning(
            "overlapping-sprints",
            fmt::format("sprints {} and {} of {} overlap", other.key, sp.key, p.team(sp.team).key),
            src.at(K::kSprint, s, "start"), "a team runs one sprint at a time");
    }
    if (sp.end < sp.start)
      d.error("invalid-range",
              fmt::format("sprint {} ends ({}) before it starts ({})", sp.key, sp.end.to_string(),
                          sp.start.to_string()),
              src.at(K::kSprint, s, "end"), "swap start and end");
  }
}

}  // namespace

void check_semantics(const Program& p, const SourceMap& src, Diagnostics& d) {
  check_program_and_teams(p, src, d);
  check_people(p, src, d);
  for (uint32_t i = 0; i < p.items.size(); ++i)
    check_item(p, src, d, i);
  check_parents(p, src, d);
  check_dependencies(p, src, d);
  check_milestones_budget_risks(p, src, d);
  check_sprints(p, src, d);
}

void validate(const Program& p, const SourceMap& src, Diagnostics& d) {
  check_limits(p, src, d);
  check_semantics(p, src, d);
}

}  // namespace cairn

#include "analysis/load.h"

#include <algorithm>
#include <map>
#include <optional>

namespace cairn::analysis {
namespace {

struct Window {
  Date from, to;  // inclusive
};

Date last_day(DateTime finish) {  // finish is exclusive
  Date d = finish.date();
  return finish.minute_of_day() == 0 ? d - 1 : d;
}

std::optional<Window> planned_window(const Program& p, WorkItemId id) {
  const WorkItem& it = p.item(id);
  if (it.baseline_start && it.baseline_finish)
    return Window{it.baseline_start->date(), last_day(*it.baseline_finish)};
  for (const Sprint& s : p.sprints)
    if (std::find(s.committed.begin(), s.committed.end(), id) != s.committed.end())
      return Window{s.start, s.end};
  if (it.start_no_earlier_than) {
    if (it.due) return Window{it.start_no_earlier_than->date(), *it.due};
    if (it.finish_no_later_than)
      return Window{it.start_no_earlier_than->date(), last_day(*it.finish_no_later_than)};
  }
  return std::nullopt;
}

PersonId person_of(const WorkItem& it) {
  if (it.assignee.valid()) return it.assignee;
  if (!it.allocations.empty() && !it.allocations[0].candidates.empty())
    return it.allocations[0].candidates[0];
  return PersonId{};
}

bool on_leave(const Person& person, Date d) {
  for (const auto& l : person.leave)
    if (l.dates.contains(d)) return true;
  return false;
}

using Weeks = std::map<int32_t, WeekLoad>;  // by Monday's day number

std::vector<WeekLoad> flatten(Weeks& w) {
  std::vector<WeekLoad> out;
  for (auto& [_, wl] : w) {
    std::sort(wl.items.begin(), wl.items.end(),
              [](const ItemHours& a, const ItemHours& b) { return a.hours > b.hours; });
    out.push_back(std::move(wl));
  }
  return out;
}

void add_capacity(const Program& p, PersonId person, Date from, Date to, Weeks& weeks) {
  const Person& who = p.person(person);
  const WorkingCalendar& cal = p.calendar_of(person);
  for (Date d = from; d <= to; d = d + 1) {
    WeekLoad& wl = weeks[week_of(d).days];
    wl.week = week_of(d);
    if (!on_leave(who, d)) wl.capacity += cal.working_minutes(d) / 60.0 * who.rate();
  }
}

// Spreads one item's effort over the working days of its window on `person`.
void spread(const Program& p, PersonId person, const WorkItem& it, Window w, double days,
            Weeks& weeks) {
  const WorkingCalendar& cal = p.calendar_of(person);
  int working = 0;
  for (Date d = w.from; d <= w.to; d = d + 1)
    working += cal.is_working_day(d) ? 1 : 0;
  if (working == 0) return;
  for (Date d = w.from; d <= w.to; d = d + 1) {
    if (!cal.is_working_day(d)) continue;
    double h = days / working * cal.working_minutes(d) / 60.0;
    WeekLoad& wl = weeks[week_of(d).days];
    wl.week = week_of(d);
    wl.booked += h;
    auto at = std::find_if(wl.items.begin(), wl.items.end(),
                           [&](const ItemHours& x) { return x.item == it.key; });
    if (at == wl.items.end())
      wl.items.push_back({it.key, h});
    else
      at->hours += h;
  }
}

std::string team_of(const Program& p, PersonId id) {
  TeamId t = p.person(id).team;
  return t.valid() ? p.team(t).key : "";
}

void flag(const std::string& view, const std::vector<PersonWeeks>& rows, double tolerance,
          std::vector<OverAllocation>& over) {
  for (const auto& row : rows)
    for (const auto& w : row.weeks)
      if (w.booked > w.capacity * (1 + tolerance) + 1e-6)
        over.push_back({view, row.person, w.week, w.booked, w.capacity, w.items});
}

}  // namespace

Date week_of(Date d) {
  return d - static_cast<int>(d.weekday());
}

LoadReport analyze_load(const Program& p, const schedule::ScheduleResult& s,
                        const LoadOptions& options) {
  LoadReport r;
  for (const auto& pl : s.load) {
    PersonWeeks row{p.person(pl.person).key, team_of(p, pl.person), {}};
    for (size_t k = 0; k < s.weeks.size(); ++k) {
      double b = k < pl.booked_hours.size() ? pl.booked_hours[k] : 0;
      double c = k < pl.capacity_hours.size() ? pl.capacity_hours[k] : 0;
      if (b > 0 || c > 0) row.weeks.push_back({s.weeks[k], b, c, {}});
    }
    r.leveled.push_back(std::move(row));
  }
  std::vector<char> parent(p.items.size(), 0);
  for (const auto& it : p.items)
    if (it.parent.valid()) parent[it.parent.index()] = 1;
  std::vector<Weeks> by_person(p.people.size());
  std::vector<std::optional<Window>> span(p.people.size());
  for (size_t i = 0; i < p.items.size(); ++i) {
    WorkItemId id{static_cast<uint32_t>(i)};
    const WorkItem& it = p.items[i];
    if (it.kind == WorkItemKind::kEpic || parent[i]) continue;
    if (p.category(id) == StateCategory::kDone) continue;
    double days = it.remaining ? *it.remaining : it.estimate ? it.estimate->pert_mean() : 0;
    if (days <= 0) continue;
    PersonId who = person_of(it);
    auto w = planned_window(p, id);
    if (!who.valid() || !w) {
      ++r.unplaced;
      continue;
    }
    spread(p, who, it, *w, days, by_person[who.index()]);
    auto& sp = span[who.index()];
    sp = sp ? Window{std::min(sp->from, w->from), std::max(sp->to, w->to)} : *w;
  }
  for (size_t i = 0; i < p.people.size(); ++i) {
    if (!span[i]) continue;
    PersonId id{static_cast<uint32_t>(i)};
    add_capacity(p, id, week_of(span[i]->from), week_of(span[i]->to) + 6, by_person[i]);
    r.written.push_back({p.people[i].key, team_of(p, id), flatten(by_person[i])});
  }
  flag("leveled", r.leveled, options.tolerance, r.over);
  flag("written", r.written, options.tolerance, r.over);
  return r;
}

}  // namespace cairn::analysis

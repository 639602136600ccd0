// build_task_graph, the people's side: their slot calendars and rates, every item's seats and
// candidates, and the candidates' own calendars (task_graph_build.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "base/codes.h"
#include "schedule/task_graph_build.h"

namespace cairn::schedule::detail {

// People: one slot calendar per distinct (calendar, leave, shifts).
void GraphBuild::people_calendars() {
  person_wcal.assign(people, &p.calendar);
  person_closed.assign(people, {});
  g.person_calendar.assign(people, TaskGraph::kProgramCalendar);
  g.person_rate.assign(people, 0.0);
  person_works.assign(people, 0);
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
        g.calendars.push_back(SlotCalendar::build(g.axis, spec));
      }
      bucket.push_back({cal, std::move(closed), &per.shifts, static_cast<uint16_t>(found)});
    }
    g.person_calendar[i] = static_cast<uint16_t>(found);
    person_wcal[i] = cal;
    for (const auto& l : per.leave)
      person_closed[i].push_back(l.dates);
    if (!per.limits.empty()) person_limits(i);
    const SlotCalendar& sc = g.calendars[found];
    bool has_time =
        sc.has_work() && (sc.week_work() > 0 || sc.cum(kNever / 2) > sc.cum(g.status_slot));
    if (!has_time) {
      diags.warning(codes::kPersonWithoutTime,
                    fmt::format("{} has no working time after the status date", per.key), {},
                    "check their calendar and leave");
    } else if (per.allocation > 0) {
      g.person_rate[i] = per.rate();
      person_works[i] = 1;
    }
  }
  if (!g.person_caps.empty()) {  // per person the end of their caps (CSR)
    for (uint32_t i = 1; i <= people; ++i)
      g.person_cap_begin[i] = std::max(g.person_cap_begin[i], g.person_cap_begin[i - 1]);
  }
  team_members.assign(p.teams.size(), {});
  for (uint32_t i = 0; i < people; ++i) {
    TeamId t = p.people[i].team;
    if (t.valid() && t.index() < p.teams.size() && g.person_rate[i] > 0)
      team_members[t.index()].push_back(i);
  }
}

std::string GraphBuild::add_caps(SlotCalendar::Spec& spec, const std::vector<WorkLimit>& limits,
                                 uint32_t per, Date release) const {
  std::string key;
  for (const WorkLimit& l : limits) {
    if (!l.people.empty() &&
        std::find(l.people.begin(), l.people.end(), PersonId{per}) == l.people.end())
      continue;
    SlotCalendar::Cap cap{l.per, static_cast<int>(std::lround(std::max(0.0, l.hours) * 60)),
                          l.from.value_or(p.start), l.until};
    spec.caps.push_back(cap);
    if (l.per == WorkLimit::Per::kMonth || l.per == WorkLimit::Per::k30Days)
      spec.until = std::max(spec.until, release + 3 * 366);
    if (l.until) spec.until = std::max(spec.until, *l.until + 31);
    key += fmt::format("{}:{}:{}:{};", static_cast<int>(cap.per), cap.minutes, cap.from.days,
                       l.until ? l.until->days : -1);
  }
  return key;
}

// A person with limits: their calendar gets the caps (Cairn's own order counts them so from the
// program start), and TaskJuggler's order counts them in what is booked (person_caps) over their
// working time without caps (uncapped_calendar).
void GraphBuild::person_limits(uint32_t i) {
  const Person& per = p.people[i];
  if (g.calendars.size() >= 0xff00) return;
  if (g.person_cap_begin.empty()) g.person_cap_begin.assign(people + 1, 0);
  SlotCalendar::Spec spec;
  spec.calendar = person_wcal[i];
  spec.closed = person_closed[i];
  spec.shifts = per.shifts;
  spec.release = p.start;
  spec.until = p.start + 14;
  add_caps(spec, per.limits, i, p.start);
  const auto capped = static_cast<uint16_t>(g.calendars.size());
  g.calendars.push_back(SlotCalendar::build(g.axis, spec));
  spec.caps.clear();
  spec.ignore_daily_max = true;
  const auto free = static_cast<uint16_t>(g.calendars.size());
  g.calendars.push_back(SlotCalendar::build(g.axis, spec));
  g.person_calendar[i] = capped;
  const size_t had = g.uncapped_calendar.size();
  g.uncapped_calendar.resize(g.calendars.size());
  for (size_t c = had; c < g.calendars.size(); ++c)
    g.uncapped_calendar[c] = static_cast<uint16_t>(c);
  g.uncapped_calendar[capped] = free;

  for (const WorkLimit& l : per.limits)
    g.person_caps.push_back(window_limit(l.per, l.hours * 60, l.from, l.until));
  if (person_wcal[i]->daily_max_minutes() > 0)
    g.person_caps.push_back(window_limit(WorkLimit::Per::kDay, person_wcal[i]->daily_max_minutes(),
                                         std::nullopt, std::nullopt));
  g.person_cap_begin[i + 1] = static_cast<uint32_t>(g.person_caps.size());
}

// Seats and their candidates: the item's allocations, else its assignee, else its team.
size_t GraphBuild::add_seats(const WorkItem& it, NodeState st) {
  const size_t seats_before = g.cand_begin.size();
  auto add_seat = [&](std::span<const uint32_t> cands, bool mandatory = false,
                      const Allocation* src = nullptr) {
    if (cands.empty()) return;
    seat_src.push_back(src);
    g.cand_person.insert(g.cand_person.end(), cands.begin(), cands.end());
    g.cand_begin.push_back(static_cast<uint32_t>(g.cand_person.size()));
    g.seat_mandatory.push_back(mandatory);
    g.seat_persistent.push_back(src && src->persistent);
  };
  auto works = [&](PersonId c) {
    return c.valid() && c.index() < people && person_works[c.index()];
  };
  if (!it.allocations.empty()) {
    // Someone with efficiency 0 (booked, no effort) takes a seat of an effort item only beside
    // someone who does the effort (validate reports an item that nobody can do).
    bool effort_done = it.basis != EstimateBasis::kEffort;
    for (const auto& a : it.allocations)
      for (PersonId c : a.candidates)
        effort_done = effort_done || (works(c) && g.person_rate[c.index()] > 0);
    std::vector<uint32_t> seat;
    for (const auto& a : it.allocations) {
      seat.clear();
      for (PersonId c : a.candidates)
        if (works(c) && (effort_done || g.person_rate[c.index()] > 0)) seat.push_back(c.value);
      if (seat.empty() && st != NodeState::kDone)
        diags.warning(codes::kNoCandidate,
                      fmt::format("{} has an allocation whose people cannot work", it.key), {},
                      "allocate someone with working time");
      add_seat(seat, a.mandatory, &a);
    }
  } else if (works(it.assignee) &&
             (g.person_rate[it.assignee.index()] > 0 || it.basis != EstimateBasis::kEffort)) {
    const uint32_t one = it.assignee.value;
    add_seat({&one, 1});
  } else if (it.team.valid() && it.team.index() < p.teams.size()) {
    if (team_members[it.team.index()].empty() && st != NodeState::kDone)
      without_people[it.team.index()].push_back(it.key);
    add_seat(team_members[it.team.index()]);
  }
  return g.cand_begin.size() - seats_before;
}

// Each candidate's work and calendar; then own calendars: the candidates of effort nodes with
// limits or shifts (the item's or their seat's) work in their calendar cut by them, and those of
// length and duration nodes book their span there (cand_span_calendar).
void GraphBuild::candidate_calendars() {
  g.cand_work.resize(g.cand_person.size());
  g.cand_calendar.resize(g.cand_person.size());
  for (uint32_t n = 0; n < g.nodes(); ++n)
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        g.cand_work[c] = g.work_for(n, g.cand_person[c]);
        g.cand_calendar[c] = g.calendar_for(n, g.cand_person[c]);
        if (g.basis[n] == EstimateBasis::kEffort) continue;
        if (g.cand_span_calendar.empty()) g.cand_span_calendar.assign(g.cand_person.size(), 0);
        g.cand_span_calendar[c] = g.person_calendar[g.cand_person[c]];
      }

  CalendarCache own;
  std::vector<std::vector<TaskGraph::SharedLimit>> caps_of(g.nodes());
  for (uint32_t i = 0; i < items; ++i) {
    const WorkItem& it = p.items[i];
    uint32_t n = g.item_node[i];
    if (n == kNoNode) continue;
    const bool effort = g.basis[n] == EstimateBasis::kEffort;
    // A length item counts the working time of its own shifts (TaskJuggler's task `shifts`): in
    // each shift's range the shift's hours instead of the program's, as tj3 counts a length
    // (`TaskScenario#onShift?`); its people are booked where they work within them (below).
    if (g.basis[n] == EstimateBasis::kLength && !it.shifts.empty() && g.calendars.size() < 0xff00) {
      SlotCalendar::Spec spec;
      spec.calendar = &p.calendar;
      spec.shifts = it.shifts;
      g.calendars.push_back(SlotCalendar::build(g.axis, spec));
      g.calendar[n] = static_cast<uint16_t>(g.calendars.size() - 1);
    }
    bool seat_shifts = false;
    for (const auto& a : it.allocations)
      seat_shifts = seat_shifts || !a.shifts.empty();
    if (it.limits.empty() && it.shifts.empty() && !seat_shifts) continue;
    const Date release = g.axis.date_of(std::max(g.release[n], Slot{0}));
    // TaskJuggler order: the leaf's own limits are counted in what it books (node_caps), and its
    // candidates slot by slot in their calendars without them (cand_free_calendar).
    const bool node_caps = opt.order == ScheduleOrder::kTaskJuggler && effort &&
                           !it.limits.empty() && g.seat_begin[n] < g.seat_begin[n + 1];
    if (node_caps) {
      if (g.cand_free_calendar.empty()) g.cand_free_calendar = g.cand_calendar;
      caps_of[n] = window_limits(it.limits);
    }
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
        std::string caps = add_caps(spec, it.limits, per, release);
        const bool own_caps = !spec.caps.empty();
        add_caps(spec, p.people[per].limits, per, release);  // the person's own, too
        for (const Shift& sh : it.shifts)
          spec.only.push_back(&sh);
        if (src)
          for (const Shift& sh : src->shifts)
            spec.only.push_back(&sh);
        if (node_caps) g.cand_free_calendar[c] = free_calendar(spec, per, own_caps, i, src, own);
        if ((spec.caps.empty() && spec.only.empty()) || g.calendars.size() >= 0xff00) continue;
        auto key = std::make_tuple(
            per, caps, own_caps ? release.days : 0, it.shifts.empty() ? -1 : int64_t{i},
            src && !src->shifts.empty() ? static_cast<const void*>(src) : nullptr);
        auto f = own.find(key);
        if (f == own.end()) {
          g.calendars.push_back(SlotCalendar::build(g.axis, spec));
          f = own.emplace(key, static_cast<uint16_t>(g.calendars.size() - 1)).first;
        }
        (effort ? g.cand_calendar : g.cand_span_calendar)[c] = f->second;
        any = effort;
      }
    }
    if (any) {
      if (g.limited.empty()) g.limited.assign(g.nodes(), 0);
      g.limited[n] = 1;
    }
  }
  if (g.cand_free_calendar.empty()) return;
  g.node_cap_begin.assign(g.nodes() + 1, 0);
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    g.node_caps.insert(g.node_caps.end(), caps_of[n].begin(), caps_of[n].end());
    g.node_cap_begin[n + 1] = static_cast<uint32_t>(g.node_caps.size());
  }
}

// An item's limits as caps counted in what is booked (TaskGraph::node_caps, shared_limits): a
// limit naming people is one for each of them (WorkLimit::people; tj3 makes one per resource).
std::vector<TaskGraph::SharedLimit> GraphBuild::window_limits(
    const std::vector<WorkLimit>& limits) const {
  std::vector<TaskGraph::SharedLimit> out;
  for (const WorkLimit& l : limits) {
    TaskGraph::SharedLimit sl = window_limit(l.per, l.hours * 60, l.from, l.until);
    if (l.people.empty()) {
      out.push_back(sl);
      continue;
    }
    for (PersonId q : l.people) {
      if (!q.valid() || q.index() >= people) continue;
      sl.people = {q.value};
      out.push_back(sl);
    }
  }
  return out;
}

// A candidate's calendar without the item's limits: spec with those caps taken out; the person's
// own calendar when nothing else cuts it.
uint16_t GraphBuild::free_calendar(SlotCalendar::Spec spec, uint32_t per, bool own_caps,
                                   uint32_t item, const Allocation* src, CalendarCache& own) {
  size_t item_caps = 0;
  for (const WorkLimit& l : p.items[item].limits)
    if (l.people.empty() ||
        std::find(l.people.begin(), l.people.end(), PersonId{per}) != l.people.end())
      ++item_caps;
  if (own_caps) spec.caps.erase(spec.caps.begin(), spec.caps.begin() + item_caps);
  if (spec.only.empty()) return g.person_calendar[per];  // their own limits are in it
  std::string caps;
  for (const auto& cap : spec.caps)
    caps += fmt::format("{}:{}:{};", static_cast<int>(cap.per), cap.minutes, cap.from.days);
  // The person's own caps in it count from the release, as in their other own calendars.
  auto key = std::make_tuple(per, "free:" + caps, spec.caps.empty() ? 0 : spec.release.days,
                             p.items[item].shifts.empty() ? -1 : int64_t{item},
                             src && !src->shifts.empty() ? static_cast<const void*>(src) : nullptr);
  auto f = own.find(key);
  if (f == own.end()) {
    if (g.calendars.size() >= 0xff00) return g.person_calendar[per];
    g.calendars.push_back(SlotCalendar::build(g.axis, spec));
    f = own.emplace(key, static_cast<uint16_t>(g.calendars.size() - 1)).first;
  }
  return f->second;
}

}  // namespace cairn::schedule::detail

#include "schedule/chain.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace cairn::schedule {
namespace {

struct Booked {
  Slot start;
  Slot finish;
  uint32_t node;
  uint32_t person;
};

// Every (work_start, finish, node, person) booking of started and open work, by person then time.
std::vector<Booked> bookings(const TaskGraph& g, const LeveledSchedule& s) {
  std::vector<Booked> out;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.state[n] == NodeState::kDone || s.finish[n] <= s.work_start[n]) continue;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
      if (s.seat_person[k] != kNoNode && seat_work_start(s, n, k) < s.finish[n])
        out.push_back({seat_work_start(s, n, k), s.finish[n], n, s.seat_person[k]});
  }
  std::sort(out.begin(), out.end(), [](const Booked& a, const Booked& b) {
    return std::tie(a.person, a.start, a.node) < std::tie(b.person, b.start, b.node);
  });
  return out;
}

// Calls fn(before, node, person) for each booked node and the item its person does before it:
// on that person, among the nodes booked before it (by start), the one that finishes last, when
// that finish is no later than its start. Work split around other work (TaskJuggler order) gets
// no link to the work it interleaves with, so no finish-to-start link contradicts the schedule.
template <class Fn>
void for_each_person_link(const TaskGraph& g, const LeveledSchedule& s, Fn&& fn) {
  auto b = bookings(g, s);
  uint32_t last = kNoNode;  // the node finishing last so far on b[i].person
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 0 || b[i].person != b[i - 1].person) last = kNoNode;
    const uint32_t n = b[i].node;
    if (last != kNoNode && last != n && s.finish[last] <= b[i].start) fn(last, n, b[i].person);
    if (last == kNoNode || s.finish[n] >= s.finish[last]) last = n;
  }
}

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> resource_order(const TaskGraph& g,
                                                          const LeveledSchedule& s) {
  std::vector<std::pair<uint32_t, uint32_t>> links;
  for_each_person_link(g, s, [&](uint32_t a, uint32_t n, uint32_t) { links.emplace_back(a, n); });
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

namespace {

// Why node n (the first step of a chain) starts when it does.
ChainStart start_reason(const TaskGraph& g, const LeveledSchedule& s, uint32_t n) {
  if (g.state[n] == NodeState::kDone) return ChainStart::kDone;
  if (g.state[n] == NodeState::kStarted) return ChainStart::kInProgress;
  const SlotCalendar& cal = g.calendars[s.calendar[n]];
  if (cal.start_at_or_after(g.release[n]) < s.work_start[n]) return ChainStart::kAvailability;
  if (g.release[n] > g.status_slot) return ChainStart::kStartConstraint;
  if (g.status_slot > g.program_start) return ChainStart::kStatusDate;
  return ChainStart::kProgramStart;
}

}  // namespace

PersonBefore person_before(const TaskGraph& g, const LeveledSchedule& s) {
  PersonBefore pb;
  pb.node.assign(g.nodes(), kNoNode);
  pb.person.assign(g.nodes(), kNoNode);
  for_each_person_link(g, s, [&](uint32_t a, uint32_t n, uint32_t person) {
    if (pb.node[n] == kNoNode || s.finish[a] > s.finish[pb.node[n]]) {
      pb.node[n] = a;
      pb.person[n] = person;
    }
  });
  return pb;
}

std::vector<ChainStep> critical_chain(const TaskGraph& g, const LeveledSchedule& s,
                                      const CpmResult& times, uint32_t end_node) {
  return critical_chain(g, s, times, person_before(g, s), end_node);
}

std::vector<ChainStep> critical_chain(const TaskGraph& g, const LeveledSchedule& s,
                                      const CpmResult& times, const PersonBefore& before,
                                      uint32_t end_node) {
  std::vector<ChainStep> steps;
  const uint32_t nn = g.nodes();
  const std::vector<uint32_t>& rprev = before.node;
  const std::vector<uint32_t>& rperson = before.person;
  // The item that ends the schedule: the latest finish, then the least slack, then lowest index.
  uint32_t cur = end_node;
  for (uint32_t n = 0; n < nn && end_node == kNoNode; ++n) {
    if (g.kind[n] != NodeKind::kItem || s.finish[n] >= kNever) continue;
    if (cur == kNoNode || s.finish[n] > s.finish[cur] ||
        (s.finish[n] == s.finish[cur] && times.total_slack[n] < times.total_slack[cur]))
      cur = n;
  }
  for (uint32_t guard = 0; cur != kNoNode && guard <= nn; ++guard) {
    uint32_t n = cur;
    ChainLink link = ChainLink::kStart;
    uint32_t person = kNoNode;
    cur = kNoNode;
    const SlotCalendar& cal = g.calendars[s.calendar[n]];
    const int64_t w = g.kind[n] == NodeKind::kItem ? s.work[n] : 0;
    const Slot ws = s.work_start[n];
    auto drives = [&](EarlyBounds eb) { return earliest_start(cal, w, eb) >= ws; };
    // A start constraint that holds the item where it is ends the chain: nothing before it could
    // make it start earlier.
    const bool held = g.release[n] > g.status_slot && drives({g.release[n], -kNever});
    if (g.state[n] == NodeState::kTodo && !held) {
      uint32_t best = kNoNode;
      for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
        uint32_t p = g.pred_node[a];
        uint8_t f = g.pred_flags[a];
        Slot t = pred_arc_bound(g, a, s.start.data(), s.finish.data());
        bool tight = arc_to_start(f) ? drives({t, -kNever}) : drives({-kNever, t});
        if (tight && (best == kNoNode || s.finish[p] > s.finish[best])) best = p;
      }
      if (best != kNoNode) {
        link = ChainLink::kDependency;
        cur = best;
      } else if (rprev[n] != kNoNode && drives({s.finish[rprev[n]], -kNever})) {
        link = ChainLink::kResource;
        person = rperson[n];
        cur = rprev[n];
      }
    }
    if (g.kind[n] == NodeKind::kItem) {
      ChainStep st;
      st.item = WorkItemId{g.node_item[n]};
      st.link = link;
      if (person != kNoNode) st.person = PersonId{person};
      if (link == ChainLink::kStart) st.start = start_reason(g, s, n);
      steps.push_back(st);
    } else if (!steps.empty() && link == ChainLink::kStart) {
      steps.back().link = ChainLink::kStart;
      steps.back().start = start_reason(g, s, n);
    }
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

namespace {
std::string describe_link(const ChainStep& step, const ChainStep* prev, const Program& program,
                          const ScheduleResult& r);
}  // namespace

std::string describe(const ChainStep& step, const ChainStep* prev, const Program& program,
                     const ScheduleResult& r) {
  std::string words = describe_link(step, prev, program, r);
  // Leave inside the item's span stretches it: say whose, so the date can be explained.
  const ItemSchedule& is = r.items[step.item.index()];
  if (is.assignee.valid() && is.assignee.index() < program.people.size()) {
    const Person& who = program.people[is.assignee.index()];
    for (const Leave& l : who.leave)
      if (l.dates.from <= is.finish_date && l.dates.to >= is.start_date)
        words += fmt::format(" (across {}'s leave {}..{})", who.key, l.dates.from.to_string(),
                             l.dates.to.to_string());
  }
  return words;
}

namespace {

std::string describe_link(const ChainStep& step, const ChainStep* prev, const Program& program,
                          const ScheduleResult& r) {
  const WorkItem& it = program.items[step.item.index()];
  const ItemSchedule& is = r.items[step.item.index()];
  switch (step.link) {
    case ChainLink::kDependency:
      return fmt::format("{} waits for {} (it depends on it)", it.key,
                         prev ? program.items[prev->item.index()].key : std::string("?"));
    case ChainLink::kResource: {
      std::string who = step.person.valid() && step.person.index() < program.people.size()
                            ? program.people[step.person.index()].key
                            : std::string("its person");
      return fmt::format("{} waits for {}, who does {} first", it.key, who,
                         prev ? program.items[prev->item.index()].key : std::string("?"));
    }
    case ChainLink::kStart:
      break;
  }
  switch (step.start) {
    case ChainStart::kStartConstraint:
      return fmt::format("{} starts at its start_no_earlier_than {}", it.key,
                         it.start_no_earlier_than ? it.start_no_earlier_than->date().to_string()
                                                  : is.start_date.to_string());
    case ChainStart::kInProgress:
      return fmt::format("{} is in progress since {}", it.key, is.start_date.to_string());
    case ChainStart::kDone:
      return fmt::format("{} is done", it.key);
    case ChainStart::kStatusDate:
      return fmt::format("{} starts at the status date {}", it.key, is.start_date.to_string());
    case ChainStart::kAvailability:
      return fmt::format("{} starts {}, when its person has working time for it", it.key,
                         is.start_date.to_string());
    case ChainStart::kProgramStart:
    case ChainStart::kNone:
      break;
  }
  return fmt::format("{} starts at the program start {}", it.key, is.start_date.to_string());
}

}  // namespace

void weekly_load(const TaskGraph& g, const LeveledSchedule& s, Slot first, Slot last,
                 ScheduleResult& r) {
  const TimeAxis& axis = g.axis;
  const Slot spw = axis.slots_per_week();
  const Slot w0 = std::max<Slot>(0, first) / spw;
  const Slot w1 = std::max(w0, std::min<Slot>((std::max(last, first + 1) - 1) / spw, w0 + 1039));
  const int weeks = w1 - w0 + 1;
  const double slot_hours = axis.slot_minutes / 60.0;
  r.weeks.clear();
  for (int w = 0; w < weeks; ++w)
    r.weeks.push_back(axis.date_of((w0 + w) * spw));
  const size_t people = g.person_rate.size();
  r.load.assign(people, {});
  for (size_t p = 0; p < people; ++p) {
    PersonLoad& pl = r.load[p];
    pl.person = PersonId{static_cast<uint32_t>(p)};
    pl.booked_hours.assign(weeks, 0.0);
    pl.capacity_hours.assign(weeks, 0.0);
    const SlotCalendar& cal = g.calendars[g.person_calendar[p]];
    for (int w = 0; w < weeks; ++w) {
      Slot a = (w0 + w) * spw;
      pl.capacity_hours[w] = double(cal.cum(a + spw) - cal.cum(a)) * slot_hours * g.person_rate[p];
    }
  }
  for_each_booked(g, s, [&](uint32_t n, uint32_t, uint32_t p, Slot a, Slot z) {
    if (s.finish[n] <= s.work_start[n]) return;
    const SlotCalendar& cal = g.calendars[g.person_calendar[p]];
    z = std::min(z, (w1 + 1) * spw);
    for (Slot w = std::max(w0, a / spw); w <= w1 && w * spw < z; ++w) {
      Slot ws = std::max(a, w * spw), we = std::min(z, (w + 1) * spw);
      if (we <= ws) continue;
      r.load[p].booked_hours[w - w0] +=
          double(cal.cum(we) - cal.cum(ws)) * slot_hours * g.person_rate[p];
    }
  });
}

}  // namespace cairn::schedule

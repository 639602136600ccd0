#include "schedule/chain.h"

#include <algorithm>
#include <tuple>

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

}  // namespace

std::vector<std::pair<uint32_t, uint32_t>> resource_order(const TaskGraph& g,
                                                          const LeveledSchedule& s) {
  std::vector<std::pair<uint32_t, uint32_t>> links;
  auto b = bookings(g, s);
  for (size_t i = 1; i < b.size(); ++i)
    if (b[i].person == b[i - 1].person && b[i].node != b[i - 1].node)
      links.emplace_back(b[i - 1].node, b[i].node);
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

std::vector<ChainStep> critical_chain(const TaskGraph& g, const TaskGraph& /*aug*/,
                                      const LeveledSchedule& s, const CpmResult& times,
                                      const Program& /*program*/) {
  std::vector<ChainStep> steps;
  const uint32_t nn = g.nodes();
  // The previous booking of each node on the same person (the latest finishing one).
  std::vector<uint32_t> rprev(nn, kNoNode), rperson(nn, kNoNode);
  auto b = bookings(g, s);
  for (size_t i = 1; i < b.size(); ++i) {
    if (b[i].person != b[i - 1].person || b[i].node == b[i - 1].node) continue;
    uint32_t n = b[i].node, p = b[i - 1].node;
    if (rprev[n] == kNoNode || s.finish[p] > s.finish[rprev[n]]) {
      rprev[n] = p;
      rperson[n] = b[i].person;
    }
  }
  // The item that ends the schedule: the latest finish, then the least slack, then lowest index.
  uint32_t cur = kNoNode;
  for (uint32_t n = 0; n < nn; ++n) {
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
    if (g.state[n] == NodeState::kTodo) {
      const SlotCalendar& cal = g.calendars[s.calendar[n]];
      const int64_t w = g.kind[n] == NodeKind::kItem ? s.work[n] : 0;
      const Slot ws = s.work_start[n];
      auto drives = [&](EarlyBounds eb) { return earliest_start(cal, w, eb) >= ws; };
      uint32_t best = kNoNode;
      for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
        uint32_t p = g.pred_node[a];
        uint8_t f = g.pred_flags[a];
        Slot t = g.lagged(arc_from_finish(f) ? s.finish[p] : s.start[p], f, g.pred_lag[a]);
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
      steps.push_back(st);
    } else if (!steps.empty() && link == ChainLink::kStart) {
      steps.back().link = ChainLink::kStart;
    }
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

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
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.state[n] == NodeState::kDone || s.finish[n] <= s.work_start[n]) continue;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      uint32_t p = s.seat_person[k];
      if (p == kNoNode) continue;
      const SlotCalendar& cal = g.calendars[g.person_calendar[p]];
      Slot a = seat_work_start(s, n, k), z = std::min(s.finish[n], (w1 + 1) * spw);
      for (Slot w = std::max(w0, a / spw); w <= w1 && w * spw < z; ++w) {
        Slot ws = std::max(a, w * spw), we = std::min(z, (w + 1) * spw);
        if (we <= ws) continue;
        r.load[p].booked_hours[w - w0] +=
            double(cal.cum(we) - cal.cum(ws)) * slot_hours * g.person_rate[p];
      }
    }
  }
}

}  // namespace cairn::schedule

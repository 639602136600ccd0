#include "schedule/bookings.h"

#include <algorithm>
#include <cmath>

namespace cairn::schedule {
namespace {

bool on_leave(const Person& per, const WorkingCalendar& cal, Date d) {
  if (cal.is_holiday(d)) return true;
  for (const auto& l : per.leave)
    if (l.dates.contains(d)) return true;
  return false;
}

// Counts the slots of [a, z) that are not on a leave day or holiday of the person.
BookedWork off_hours(const TimeAxis& axis, const Person& per, const WorkingCalendar& cal, Slot a,
                     Slot z) {
  BookedWork w;
  const int spd = axis.slots_per_day();
  for (Slot day = a - ((a % spd) + spd) % spd; day < z; day += spd) {
    if (on_leave(per, cal, axis.date_of(day))) continue;
    Slot from = std::max(a, day), to = std::min(z, day + spd);
    if (to <= from) continue;
    w.slots += to - from;
    w.first = std::min(w.first, from);
    w.last = std::max(w.last, to);
  }
  return w;
}

}  // namespace

std::vector<BookedWork> booked_work(const Program& p, const TaskGraph& g,
                                    const std::vector<const WorkingCalendar*>& person_wcal,
                                    std::vector<FixedSpan>& spans) {
  std::vector<BookedWork> out;
  std::vector<char> parent(p.items.size(), 0);  // epics' bookings are not scheduled
  for (const WorkItem& it : p.items)
    if (it.parent.valid() && it.parent.index() < p.items.size()) parent[it.parent.index()] = 1;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (parent[i]) continue;
    for (const Booking& b : it.bookings) {
      if (!b.person.valid() || b.person.index() >= p.people.size()) continue;
      const uint32_t per = b.person.value;
      Slot a = g.axis.floor_slot(b.start), z = g.axis.ceil_slot(b.end);
      if (z <= a) continue;
      BookedWork w;
      switch (b.counts) {
        case BookingCounts::kWorkingTime: {
          const SlotCalendar& cal = g.calendars[g.person_calendar[per]];
          w.slots = cal.cum(z) - cal.cum(a);
          if (w.slots > 0) {
            w.first = cal.start_at_or_after(a);
            w.last = cal.finish_at_or_before(z);
          }
          break;
        }
        case BookingCounts::kOffHours:
          w = off_hours(g.axis, p.people[per], *person_wcal[per], a, z);
          break;
        case BookingCounts::kAll:
          w = {z - a, a, z};
          break;
      }
      if (w.slots <= 0) continue;
      if (out.empty()) out.resize(p.items.size());
      BookedWork& t = out[i];
      t.slots += w.slots;
      t.first = std::min(t.first, w.first);
      t.last = std::max(t.last, w.last);
      spans.push_back({per, w.first, w.last, i});
    }
  }
  return out;
}

BookingOutcome booking_outcome(const BookedWork& b, const WorkItem& it, const TaskGraph& g) {
  BookingOutcome o;
  const double days = it.estimate ? it.estimate->likely : 0.0;
  o.start = b.first;
  if (it.basis != EstimateBasis::kEffort && it.start_no_earlier_than)
    o.start = std::min(o.start, g.axis.ceil_slot(*it.start_no_earlier_than));
  switch (it.basis) {
    case EstimateBasis::kEffort: {
      double left = days * g.day_slots - static_cast<double>(b.slots);
      o.done = left <= 1e-6;
      o.finish = b.last;
      o.days_left = std::max(0.0, left / g.day_slots);
      break;
    }
    case EstimateBasis::kLength:
    case EstimateBasis::kDuration: {
      const bool length = it.basis == EstimateBasis::kLength;
      const SlotCalendar& cal = length ? g.program_calendar() : g.calendars[g.kAlwaysCalendar];
      const double per_day = length ? g.day_slots : g.axis.slots_per_day();
      auto slots = static_cast<int64_t>(std::ceil(days * per_day - 1e-6));
      Slot natural = cal.finish_after(cal.start_at_or_after(o.start), slots);
      if (natural <= g.status_slot) {
        o.done = true;
        o.finish = std::max(natural, b.last);
      } else {
        // Bookings after the status date: nothing of the span has elapsed yet.
        int64_t elapsed = std::max<int64_t>(0, cal.cum(g.status_slot) - cal.cum(o.start));
        o.days_left = std::max<double>(0, static_cast<double>(slots - elapsed) / per_day);
      }
      break;
    }
  }
  return o;
}

void set_fixed_spans(TaskGraph& g, std::vector<FixedSpan> spans) {
  if (spans.empty()) return;
  std::sort(spans.begin(), spans.end(), [](const FixedSpan& a, const FixedSpan& b) {
    return std::tie(a.person, a.from, a.to, a.item) < std::tie(b.person, b.from, b.to, b.item);
  });
  const uint32_t people = static_cast<uint32_t>(g.person_rate.size());
  g.fixed_begin.assign(people + 1, 0);
  uint32_t last_person = people;
  for (const FixedSpan& s : spans) {
    if (s.person >= people) continue;
    if (s.person == last_person && g.fixed_to.back() >= s.from) {  // overlaps: merge
      g.fixed_to.back() = std::max(g.fixed_to.back(), s.to);
      continue;
    }
    last_person = s.person;
    uint32_t n = g.item_node[s.item];
    g.fixed_from.push_back(s.from);
    g.fixed_to.push_back(s.to);
    g.fixed_node.push_back(n == kNoNode ? 0 : n);
    ++g.fixed_begin[s.person + 1];
  }
  for (uint32_t p = 0; p < people; ++p)
    g.fixed_begin[p + 1] += g.fixed_begin[p];
}

}  // namespace cairn::schedule

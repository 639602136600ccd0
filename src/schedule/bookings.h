// Actual work on the time axis: what WorkItem::bookings mean for the task graph (internal to
// src/schedule; build_task_graph uses it).
//
// A booking counts the working slots of its person in its interval (BookingCounts: their working
// time, also off-hours but not leave or holidays, or every slot). Those slots count against an
// effort item's estimate; the item started at its first booked slot (length and duration items:
// at their start bound when that is earlier) and what is left of it runs from the status date.
// Length and duration items whose span ends before the status date are done at the later of that
// end and their last booked slot. Every booking occupies its person from its first to its last
// counted slot. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "model/program.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

struct BookedWork {
  int64_t slots = 0;  // counted slots
  Slot first = kNever;
  Slot last = -kNever;  // the end of the last counted slot
};

struct FixedSpan {
  uint32_t person;
  Slot from, to;
  uint32_t item;
};

// Per item (empty when no item has bookings; items with children have none: their bookings are
// not scheduled); the occupied spans go to `spans`. Needs g.axis,
// g.calendars and g.person_calendar; `person_wcal` is each person's working calendar.
std::vector<BookedWork> booked_work(const Program& p, const TaskGraph& g,
                                    const std::vector<const WorkingCalendar*>& person_wcal,
                                    std::vector<FixedSpan>& spans);

// What bookings make of a leaf item: its actual start, whether they finish it (and when), and
// the working days left otherwise (in the unit of the item's basis).
struct BookingOutcome {
  Slot start = 0;
  bool done = false;
  Slot finish = 0;
  double days_left = 0;
};
BookingOutcome booking_outcome(const BookedWork& b, const WorkItem& it, const TaskGraph& g);

// Fills g.fixed_* from the spans (merged per person), g.item_node must be set.
void set_fixed_spans(TaskGraph& g, std::vector<FixedSpan> spans);

}  // namespace cairn::schedule

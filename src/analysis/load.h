// People load (issue 13 item 9, docs/formulas.md "People load"): each person's hours by ISO week
// (weeks start on Monday), two ways:
//   * leveled: the leveled schedule's booked and available hours (ScheduleResult::load);
//   * as written: each open leaf item's effort (remaining, else the PERT mean of its estimate,
//     working days) on its person (the assignee, else the first candidate of its first seat) spread
//     evenly over the working days of its planned window: the baseline (baseline_start ..
//     baseline_finish), else the sprint it is committed to, else start_no_earlier_than .. due (or
//     finish_no_later_than). A working day of the item is worth the person's working minutes that
//     day; their capacity that day is those minutes × allocation, 0 on leave.
// A person-week is over-allocated when booked > capacity × (1 + tolerance); the over-allocation
// names the items working in that week (by hours, most first). Items with no person or no planned
// window are not in the as-written view (counted in `unplaced`). Used by `cairn load`, `cairn
// health` and `cairn critique`. Pure; thread-safe on distinct arguments.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::analysis {

struct LoadOptions {
  double tolerance = 0.0;  // fraction above capacity allowed before flagging; default 0
};

struct ItemHours {
  std::string item;  // key
  double hours = 0;
};

struct WeekLoad {
  Date week;  // Monday
  double booked = 0, capacity = 0;
  std::vector<ItemHours> items;  // as written only: by hours, most first
};

struct PersonWeeks {
  std::string person, team;
  std::vector<WeekLoad> weeks;  // weeks with any booking or capacity, in order
};

struct OverAllocation {
  std::string view;  // "leveled" or "written"
  std::string person;
  Date week;
  double booked = 0, capacity = 0;
  double excess() const { return booked - capacity; }
  std::vector<ItemHours> items;  // the items working that week (as written), most hours first
};

struct LoadReport {
  std::vector<PersonWeeks> leveled;  // by person, in order
  std::vector<PersonWeeks> written;  // people with planned work, in order
  std::vector<OverAllocation> over;  // leveled first, then written; by person, week
  size_t unplaced = 0;               // open leaf items with no person or no planned window
};

// `schedule` is the leveled schedule of `p` with weekly_load on.
LoadReport analyze_load(const Program& p, const schedule::ScheduleResult& schedule,
                        const LoadOptions& options = {});

// The Monday of `d`'s ISO week.
Date week_of(Date d);

}  // namespace cairn::analysis

// A work item: an epic, story, task or bug, with its estimate, state and history.
//
// Estimates are in working days of effort (person-days) unless `basis` says otherwise: a 50%
// allocated person takes twice as long on effort-based work. A three-point estimate (optimistic,
// likely, pessimistic) feeds the forecast; story points use the team's measured days per point.
// Value type; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"
#include "model/shift.h"
#include "model/work_limit.h"

namespace cairn {

enum class WorkItemKind { kEpic, kStory, kTask, kBug };

// What an item's estimate measures.
enum class EstimateBasis {
  kEffort,    // person-days of work; scales with allocation and number of people
  kLength,    // working days on the calendar, whoever works on it
  kDuration,  // calendar days, worked or not
};

struct ThreePoint {
  double optimistic = 0;
  double likely = 0;
  double pessimistic = 0;
  double pert_mean() const { return (optimistic + 4 * likely + pessimistic) / 6; }
  friend bool operator==(const ThreePoint&, const ThreePoint&) = default;
};

struct StateChange {
  std::string state;
  DateTime at;
  friend bool operator==(const StateChange&, const StateChange&) = default;
};

// One seat on an item: one of `candidates` does it (the first is preferred; the scheduler may take
// another that is free sooner).
struct Allocation {
  std::vector<PersonId> candidates;
  // TaskJuggler's `mandatory`: the item is worked only in time slots where this seat's person is
  // available (other seats wait too). Default false: seats work whenever their person can.
  bool mandatory = false;
  // TaskJuggler's `persistent`: in TaskJuggler's order, the seat keeps the first of its candidates
  // it booked for the whole item (its work waits where that person is busy) instead of taking, slot
  // by slot, whoever is free. Default false. Cairn's own order keeps one person per seat anyway.
  bool persistent = false;
  // TaskJuggler's allocation `shifts`: in each shift's date range, this seat's person works on the
  // item only in the shift's hours. Empty: whenever the person works.
  std::vector<Shift> shifts;
  friend bool operator==(const Allocation&, const Allocation&) = default;
};

struct WorkItem {
  std::string key;
  std::string title;
  WorkItemKind kind = WorkItemKind::kTask;
  WorkItemId parent;
  TeamId team;
  PersonId assignee;  // invalid: any member of the team
  std::vector<Allocation>
      allocations;  // advanced: several seats or alternatives; overrides assignee
  EstimateBasis basis = EstimateBasis::kEffort;
  std::optional<ThreePoint> estimate;  // working days (see basis)
  std::optional<double> points;        // story points
  std::optional<double> remaining;     // working days of effort left, for work in progress
  std::string state;                   // a state of the team's workflow; empty: the first one
  std::vector<StateChange> history;    // oldest first
  std::optional<DateTime> created;
  std::optional<DateTime> start_no_earlier_than;  // a date means the start of that day
  // The latest the item may finish (TaskJuggler's `end`); an instant, exclusive like every finish.
  // Unset: no such bound. With `alap`, the item is placed to finish here (or before its
  // successors), as late as its work allows.
  std::optional<DateTime> finish_no_later_than;
  // Scheduled as late as possible (TaskJuggler's `scheduling alap`, an `end` without a `start`, or
  // `precedes`). Default false: as soon as possible.
  bool alap = false;
  std::optional<Date> due;  // a wish, not a constraint; reported when missed
  int priority = 500;       // 1..1000, higher first (TaskJuggler's scale)
  std::string link;         // external URL or key (Jira, GitHub)
  std::vector<std::string> labels;
  // The approved plan of record (MS Project's baseline 0): when the item was planned to start and
  // finish when the baseline was set. Unset when there is no baseline. Added for MSPDI import.
  std::optional<DateTime> baseline_start;
  std::optional<DateTime> baseline_finish;
  std::vector<WorkLimit> limits;  // caps on the work per day, week or month; empty: none
  // Restrictions of when the item is worked (TaskJuggler's task `shifts`): in each shift's date
  // range, only in its hours. Empty: whenever its people work. A length item counts its working
  // days in the shifts' hours there instead of the program's.
  std::vector<Shift> shifts;
  // Actual work already done, oldest first (TaskJuggler's `booking`). Booked time counts against
  // the estimate (effort) and occupies the person; the item started at its first booked hour, and
  // what is left runs from the status date. Empty: none.
  std::vector<Booking> bookings;

  friend bool operator==(const WorkItem&, const WorkItem&) = default;
};

const char* to_string(WorkItemKind k);
const char* to_string(EstimateBasis b);

}  // namespace cairn

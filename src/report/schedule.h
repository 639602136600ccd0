// The `schedule` document (schema/report/schedule.schema.json) and the schedule as a person reads
// it.
//
// JSON, after the common header (report/document.h): the program's start and end, the milestones
// (date, deadline, how late), the critical chain (each step with why it waits for the previous
// one), every item (dates, slack, critical, state; the stretches of work split around other work,
// `segments`, and "split in N" in the table), each person's load by week (when computed) and the
// diagnostics. It is written as a stream (RapidJSON): a 10,000-item schedule is ~5 MB of JSON
// and building a DOM first cost more than scheduling it. Adding a field is one line in
// schedule.cc (one `field(...)` call in the item, milestone or chain writer) and one in the schema.
//
// `state` is the item's progress category everywhere (JSON and CSV): "todo", "in-progress" or
// "done"; `workflow_state` is the state name of the team's workflow the plan gives (empty: the
// workflow's first state).
//
// Units: dates are calendar days (finish inclusive), times UTC instants (finish exclusive); slack
// in working days of the program calendar, exact in JSON and CSV, one decimal in tables; load in
// hours. Pure functions of their arguments; thread-safe on distinct streams.
#pragma once

#include <iosfwd>
#include <string>

#include "base/error.h"
#include "model/program.h"
#include "report/document.h"
#include "schedule/schedule.h"

namespace cairn::report {

struct ScheduleView {
  bool all = false;       // list every item (default: milestones, late and critical-chain items)
  std::string team;       // list the items of this team (key)
  std::string milestone;  // list the items of this milestone (key; epics bring their children)
  std::string person;     // list the items this person works on (key)
  bool times = false;     // times of day next to dates
  bool load = false;      // each person's load by week (table and JSON)
};

void schedule_json(const Header& h, const Program& p, const schedule::ScheduleResult& r,
                   const Diagnostics& diags, const ScheduleView& view, std::ostream& out);
// One row per item: key, kind, assignee, start, finish, start_time, finish_time, slack,
// free_slack, critical, state, title, team, workflow_state.
void schedule_csv(const Program& p, const schedule::ScheduleResult& r, std::ostream& out);
// The table: milestones first, then what is late and the critical chain; with `all` or a filter,
// the item list. An unknown team, milestone or person key is an error (nothing printed).
Result<void> schedule_table(const Program& p, const schedule::ScheduleResult& r,
                            const ScheduleView& view, std::ostream& out);

// The progress category of a scheduled item: "todo", "in-progress", "done".
const char* state_name(schedule::NodeState s);

}  // namespace cairn::report

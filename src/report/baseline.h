// Baselines and forecast snapshots as documents (schema/report/baseline-*.schema.json,
// trend.schema.json): the frozen form a baseline stores, a baseline shown and listed, the
// comparison of a baseline with the program now, and the P85 trend over snapshots.
//
// A baseline stores two documents: the schedule in the compact form of baseline_schedule_json
// (per item [start, finish], per milestone date and deadline) and the forecast in the compact form
// of forecast_json. Both stay readable across versions: documents stored before the common header
// (the program end forecast under `program`) are read too (forecast_end()).
// Slips are in working days of the program calendar, positive when later. Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "base/calendar.h"
#include "report/document.h"
#include "schedule/schedule.h"

namespace cairn::report {

// {"start", "end", "method", "milestones": [{key, name, date, deadline, days_late}],
//  "items": {KEY: [start, finish, start instant, person(, seats)] | null}}: the schedule a
// baseline freezes (older baselines have [start, finish] only; seats, for an item with several:
// per seat [person or null, start instant or null]).
Json baseline_schedule_json(const Program& p, const schedule::ScheduleResult& r);
// The order a stored baseline's schedule document (report::baseline_schedule_json) froze: each
// item's start (instant, or the start of its start day in older baselines) and person.
std::vector<schedule::PreviousPlacement> baseline_doc_placements(const Json& schedule_doc,
                                                                 const Program& p);

struct BaselineInfo {
  std::string name;
  int64_t revision = 0;
  std::string created_at, actor;
};

Json baseline_list_json(const Header& h, const std::vector<BaselineInfo>& baselines);
void baseline_list_table(const std::string& program, const std::vector<BaselineInfo>& baselines,
                         std::ostream& out);

Json baseline_show_json(const Header& h, const BaselineInfo& b, const Json& schedule,
                        const Json& forecast);
void baseline_show_table(const std::string& program, const BaselineInfo& b, const Json& schedule,
                         const Json& forecast, std::ostream& out);

// The baseline's documents and the program's now, at `revision`.
struct ComparisonInput {
  BaselineInfo baseline;
  const Json* baseline_schedule = nullptr;
  const Json* baseline_forecast = nullptr;
  int64_t revision = 0;
  const Json* schedule = nullptr;
  const Json* forecast = nullptr;
  const WorkingCalendar* calendar = nullptr;
};

// Milestone and end slips (scheduled date and P85), items whose finish moved (largest slip
// first), items added and removed.
Json baseline_comparison_json(const Header& h, const ComparisonInput& in);
void baseline_comparison_table(const Json& comparison, std::ostream& out);

// Each snapshot day's P85 per milestone and for the program end (key "program" in `p85`).
Json trend_json(const Header& h, const std::vector<std::pair<Date, Json>>& snapshots);
void trend_table(const Json& trend, std::ostream& out);

}  // namespace cairn::report

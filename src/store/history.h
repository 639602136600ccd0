// What the store remembers of a program's past, as the analyses take it: the newest baseline (its
// planned spans for earned value, its milestones' dates) and the newest forecast snapshot before a
// day. Used by `cairn evm` and `cairn health` and by the server's evm and health views. One Store
// connection: one thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/evm.h"
#include "analysis/health.h"
#include "base/date.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "schedule/schedule.h"
#include "store/store.h"

namespace cairn::store {

// The newest stored baseline (highest revision, then newest), with its documents; none when the
// program has none.
std::optional<Baseline> newest_baseline(Store& s, const std::string& key);

// The order of people's work that every schedule and forecast of a stored program keeps (the CLI's
// analyses with --db, the server's views, `cairn snapshot`): the newest baseline's, so that an
// edit moves dates only by what it changed (docs/store.md). Sets `previous` and `previous_source`
// ("baseline NAME") of `o` (ScheduleOptions or ForecastOptions); leaves them empty when the program
// has no baseline (the order is then searched anew). Returns the baseline's name, if any.
template <typename Options>
std::optional<std::string> keep_baseline_order(Store& s, const std::string& key, const Program& p,
                                               Options& o);

// The planned spans of a baseline's schedule document, by WorkItemId of `p` (items it lacks: none).
std::vector<std::optional<analysis::PlannedSpan>> baseline_spans(const Baseline& b,
                                                                 const Program& p);

// Each milestone's date `field` in a document's `milestones` ("date" of a baseline's schedule,
// report::baseline_schedule_json; "p85" of a forecast, report::forecast_json); milestones without
// one are left out.
std::vector<std::pair<std::string, Date>> milestone_dates(const nlohmann::ordered_json& doc,
                                                          const char* field = "date");

// The newest forecast snapshot taken before `day`: its day and document; none when there is none.
std::optional<std::pair<Date, nlohmann::ordered_json>> snapshot_before(Store& s,
                                                                       const std::string& key,
                                                                       Date day);

// The inputs `cairn health` takes from the store: the newest baseline's milestone dates and
// planned spans, the last snapshot's P85 before `as_of`; `fo.previous` gets the baseline's order
// of people's work, so that the forecast's P85 compares with the snapshots' (as `cairn snapshot`).
analysis::HealthInput health_history(Store& s, const std::string& key, const Program& p, Date as_of,
                                     forecast::ForecastOptions& fo);

// What `cairn evm` (and the server's evm view) measures against: the newest stored baseline's
// planned spans ("baseline NAME"), else analysis::planned_from_plan (the plan's baseline dates,
// else the schedule; its findings go to `schedule_diags`). `s` may be null: no store.
Result<analysis::EvmInput> evm_input(Store* s, const std::string& key, const Program& p,
                                     Diagnostics& schedule_diags);

// The previous placements of a baseline's schedule, with their source in words.
void baseline_order(const Baseline& b, const Program& p,
                    std::vector<schedule::PreviousPlacement>& previous, std::string& source);

template <typename Options>
std::optional<std::string> keep_baseline_order(Store& s, const std::string& key, const Program& p,
                                               Options& o) {
  o.previous.clear();
  o.previous_source.clear();
  auto b = newest_baseline(s, key);
  if (!b) return std::nullopt;
  baseline_order(*b, p, o.previous, o.previous_source);
  return b->name;
}

}  // namespace cairn::store

// What the store remembers of a program's past, as the analyses take it: the newest baseline (its
// planned spans for earned value, its milestones' P85) and the newest forecast snapshot before a
// day. Used by `cairn evm` and `cairn health`. One Store connection: one thread.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/evm.h"
#include "base/date.h"
#include "model/program.h"
#include "store/store.h"

namespace cairn::cli {

// The newest stored baseline (highest revision, then newest), with its documents; none when the
// program has none.
std::optional<store::Baseline> newest_baseline(store::Store& s, const std::string& key);

// The planned spans of a baseline's schedule document, by WorkItemId of `p` (items it lacks: none).
std::vector<std::optional<analysis::PlannedSpan>> baseline_spans(const store::Baseline& b,
                                                                 const Program& p);

// Each milestone's date `field` in a document's `milestones` ("date" of a baseline's schedule,
// report::baseline_schedule_json; "p85" of a forecast, report::forecast_json); milestones without
// one are left out.
std::vector<std::pair<std::string, Date>> milestone_dates(const nlohmann::ordered_json& doc,
                                                          const char* field = "date");

// The newest forecast snapshot taken before `day`: its day and document; none when there is none.
std::optional<std::pair<Date, nlohmann::ordered_json>> snapshot_before(store::Store& s,
                                                                       const std::string& key,
                                                                       Date day);

}  // namespace cairn::cli

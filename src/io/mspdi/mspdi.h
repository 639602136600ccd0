// Microsoft Project XML (MSPDI, the `Project` schema of MS Project 2003–2019 and ProjectLibre),
// read into a Program and written from one.
//
// Reading: tasks become work items (outline levels give parents; summary tasks are epics;
// MS Project milestones are zero-length items plus a Milestone of the same key), durations become
// single-point estimates of basis length (or duration, for elapsed units), links of every type
// become dependencies with their lag in working or calendar days, work resources become people,
// assignments become assignees (several: allocations), the project calendar (with exceptions as
// holidays) becomes the program calendar, resource calendars give people their own week and leave,
// baseline 0 gives baseline_start/finish, actual start/finish and percent complete give the state
// and history. Keys are `T<UID>` / `R<UID>` (with `key_prefix-` in front when given) unless the
// file carries Cairn's own fields, which write_mspdi adds as custom text fields (Text1 "Cairn key",
// Text2 team, Text3 state, Text4 estimate, Text5 labels, Text6 kind, Text7 points), so that
// export → import gives the same model. docs/import.md lists every field.
//
// Bad input (not XML, not a Project, a UID or duration that does not parse, a repeated UID) is an
// Error naming file:line:column and the element; nothing is returned then. Thread-safe on distinct
// arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/import.h"

namespace cairn::io {

Result<ImportResult> read_mspdi(std::string_view text, const std::string& name,
                                const ImportOptions& options, Diagnostics& diags);

// The program as an MSPDI document (SaveVersion 14, MS Project 2010+; opens in MS Project and
// ProjectLibre). Task start and finish come from `dates` when given, else from a simple estimate
// (program start or the item's start constraint, plus its length in working days); MS Project
// reschedules auto-scheduled tasks on opening anyway. Deterministic.
std::string write_mspdi(const Program& program, const ScheduleDates* dates = nullptr);

// "PT8H30M0S" as minutes (fractions kept); nullopt when it is not such a duration.
std::optional<double> parse_mspdi_duration_minutes(std::string_view text);

// Cairn's own fields in MSPDI custom fields, shared by the reader and the writer. The aliases find
// the fields when reading (whatever FieldID a tool gave them); the FieldIDs are MS Project's task
// Text1..Text7 and resource Text1.
inline constexpr const char* kCairnKey = "Cairn key";
inline constexpr const char* kCairnTeam = "Cairn team";
inline constexpr const char* kCairnState = "Cairn state";
inline constexpr const char* kCairnEstimate = "Cairn estimate";
inline constexpr const char* kCairnLabels = "Cairn labels";
inline constexpr const char* kCairnKind = "Cairn kind";
inline constexpr const char* kCairnPoints = "Cairn points";
// The Cairn kind of a task that stands for a Cairn milestone (not a work item).
inline constexpr const char* kCairnMilestoneKind = "milestone";
// "length 1 2 4": basis and optimistic, likely, pessimistic working days.
std::string format_cairn_estimate(EstimateBasis basis, const ThreePoint& estimate);
std::optional<std::pair<EstimateBasis, ThreePoint>> parse_cairn_estimate(std::string_view text);
// Labels joined by ", " and split back (labels are trimmed; empty ones dropped).
std::string join_labels(const std::vector<std::string>& labels);
std::vector<std::string> split_labels(std::string_view text);

}  // namespace cairn::io

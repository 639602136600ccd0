// The Jira CSV export ("Export Excel CSV (all fields)") read into a Program.
//
// One team per Jira project (its statuses become the team's workflow, categories guessed from the
// names), one work item per row keyed by its issue key, people from Assignee, dependencies from
// `Outward/Inward issue link (Blocks|Dependency)` columns, sprints from the repeated `Sprint`
// columns, milestones from `Fix Version/s`. Columns are found by name (case-insensitive, any
// order); repeated columns are all read. docs/import.md lists every column and rule.
//
// Bad input (not CSV, a row with the wrong number of fields, a date or number that does not parse,
// a repeated issue key, no `Issue key` column) is an Error naming file:line:column and the column;
// nothing is returned then. Odd but usable input (a link to an issue not in the file) is a warning.
// Thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/date.h"
#include "io/import.h"
#include "model/team.h"

namespace cairn::io {

Result<ImportResult> read_jira_csv(std::string_view text, const std::string& name,
                                   const ImportOptions& options, Diagnostics& diags);

// Jira date forms: "12/Mar/24 3:14 PM", "12/Mar/2024 15:14", "12/Mar/24", ISO 8601
// ("2024-03-12", "2024-03-12 15:14", "2024-03-12T15:14:00.000+0000"). No zone means UTC.
std::optional<DateTime> parse_jira_date(std::string_view text);
// A Jira time estimate as working days (8-hour days, 5-day weeks): seconds ("28800", "28800.0")
// or Jira's duration text ("1w 2d 4h 30m"). nullopt when it is neither.
std::optional<double> parse_jira_duration_days(std::string_view text);
// The category of a status by its name: To Do / Open / Backlog / New / Selected for Development →
// todo; Done / Closed / Resolved / Released / Won't Do / Cancelled / Rejected → done; else
// in progress.
StateCategory guess_state_category(std::string_view status);

}  // namespace cairn::io

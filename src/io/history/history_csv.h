// Reading an issue history from CSV (a Jira or GitHub export, a data set): when each issue was
// created and when it was resolved, for throughput backtests (forecast/backtest.h).
//
// Columns are chosen by header name (case-insensitive; surrounding spaces ignored): `created` and
// `resolved`, and optionally `group` (e.g. a project column, to split the history into
// independent streams) and `key` (the issue key, to name records). Without a name, the created
// and resolved columns are found among the names exports use (spaces, '_' and '-' ignored):
// created, created date, created at, creation date, date created, opened (at); resolved,
// resolution date, resolved at, closed (at), finished (date), completed (at), completion date,
// done (date); the first listed that the header has wins (IssueHistory::created_column and
// resolved_column say which). The CSV is RFC 4180 (io/csv.h: quoted fields with commas, quotes
// and line breaks).
//
// Dates: the format of each column is detected from its values, among
//   ISO 8601 "2024-03-12", "2024-03-12T15:14:00.000+0000", "2024-03-12 15:14:00" (also "/" or "."
//   for the dashes), Jira "12/Mar/24 3:14 PM" and "12/Mar/2024", day-first "12/03/2024" or
//   "12.03.2024", month-first "03/12/2024" (US), and Unix seconds.
// "12/03/2024" is read day-first when some value of the column has a first number above 12,
// month-first when none has but some has a second number above 12, and day-first when the column
// cannot tell. The date of a date-time is the one written (its time zone is not applied). An
// empty `resolved` means still open.
//
// Rows whose created date does not parse are skipped and counted. Rows resolved before they were
// created are kept, since their resolution is a real finish (throughput counts it): resolved one
// day before (a date written in another time zone) they read as created the day they were
// resolved; resolved earlier (a data migration rewrote the created date) their created date is
// unknown (`created_unknown`: no cycle time). Diagnostics: `history-missing-column` (error),
// `history-bad-date` and `history-resolved-before-created` (warnings, one per file with a count
// and the first line). Pure functions over text; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"

namespace cairn::io {

struct HistoryCsvOptions {
  std::string created;   // header of the creation date column; empty: found by its usual names
  std::string resolved;  // header of the resolution date column; empty: found by its usual names
  std::string group;     // header of a grouping column; default none
  // Header of the issue key column; default: a column named "key", "issue key" or "id", if any.
  std::string key;
  char delimiter = ',';  // default ','
};

struct IssueRecord {
  Date created;  // the resolution day when the row was resolved before it was created
  std::optional<Date> resolved;
  std::string group;  // empty without a group column
  std::string key;    // the issue's key; empty without a key column
  int line = 0;       // its line in the file
  // Resolved more than a day before it was created: its start is not known (no cycle time).
  bool created_unknown = false;
};

struct IssueHistory {
  std::vector<IssueRecord> records;  // in file order
  size_t rows = 0;                   // data rows read
  size_t skipped_bad_date = 0;
  // Rows resolved before they were created (kept): by one day, and by more (`created_unknown`).
  size_t resolved_day_before_created = 0;
  size_t resolved_long_before_created = 0;
  std::string created_column;  // the headers read, as the file writes them
  std::string resolved_column;
  std::string created_format;  // the detected formats, e.g. "iso", "jira", "day-first"
  std::string resolved_format;
};

// Detected date formats.
enum class DateFormat { kIso, kJira, kDayFirst, kMonthFirst, kUnixSeconds, kUnknown };
const char* to_string(
    DateFormat f);  // "iso", "jira", "day-first", "month-first", "unix", "unknown"

// The format that reads every non-empty value (kUnknown when none does).
DateFormat detect_date_format(const std::vector<std::string>& values);
// Parses one value in a format; nullopt when it does not fit.
std::optional<Date> parse_date_as(std::string_view text, DateFormat format);

// Errors: `invalid-csv` (from the CSV reader), `history-missing-column`, `empty-history`.
Result<IssueHistory> read_history_csv(std::string_view text, const std::string& name,
                                      const HistoryCsvOptions& options, Diagnostics& diags);
// Reads a file; error `file-not-found` when it cannot be read.
Result<IssueHistory> read_history_csv_file(const std::string& path,
                                           const HistoryCsvOptions& options, Diagnostics& diags);

// One stream of a history (a group, or the whole file): the resolution dates of its resolved
// issues and the creation dates of all of them, open ones too (a resolution before its creation
// counts as created that day), as forecast::backtest takes them (BacktestOptions::created).
struct IssueStream {
  std::vector<Date> resolved;
  std::vector<Date> created;
};
// The streams by group name (one, named "", without a group column), in file order within each.
std::map<std::string, IssueStream> issue_streams(const IssueHistory& history);

// The day the history is complete up to (exclusive), as forecast::BacktestOptions::end takes it,
// when its creations end before its resolutions do: an export lists the issues created up to
// some date, so a resolution after the newest creation is one of the few older issues finished
// later, while the issues created after it, and finished, are missing; counting finishes there
// would read the export's cut as the team stopping (rueedlinger's data set: issues created up to
// 2018-02-26, then seven resolutions up to 2019-08-08 where both projects had been finishing about
// 30 a month). The day after the newest creation (of any group; a resolution before its creation
// counts as created that day) when at most a twentieth of the resolutions (kRecordTail) lie on or
// after it; nullopt otherwise (a backlog created early and worked off after its last creation,
// which is throughput), and when the history has no record.
inline constexpr double kRecordTail = 0.05;
std::optional<Date> record_end(const IssueHistory& history);

}  // namespace cairn::io

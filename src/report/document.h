// The parts every report document shares: the header and the diagnostics.
//
// Every JSON document Cairn prints (check, summary, schedule, forecast, backtest, baseline, trend,
// diff, log) starts with the same header:
//   "document": "schedule",             which document this is
//   (schema/report/<document>.schema.json) "cairn_version": "0.1.0",           from CMake's
//   project() version "program": {"key": ..., "name": ...}  (null when no program could be read)
//   "as_of": "YYYY-MM-DD" | null,       the status date the result is computed for
//   "generated_at": "...Z" | absent     when the document was made; the caller decides (the CLI
//                                       takes the clock, or SOURCE_DATE_EPOCH when set)
// and carries diagnostics in one shape: severity, id (base/codes.h), message, file, line, column
// (0 when unknown), pointer (a JSON pointer, when known) and hint.
//
// Numbers in JSON are exact (doubles as computed) unless a field says it is rounded; tables round
// for people. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/diagnostics.h"
#include "model/program.h"

namespace cairn::report {

using Json = nlohmann::ordered_json;

struct Header {
  std::string program_key;  // empty: no program (e.g. a plan that could not be read)
  std::string program_name;
  std::optional<Date> as_of;
  std::optional<DateTime> generated_at;  // unset: the field is left out
};

// The header of a document about `p`; `as_of` overrides the program's status date.
Header header_of(const Program& p, std::optional<Date> as_of = {},
                 std::optional<DateTime> generated_at = {});

// {"document", "cairn_version", "program", "as_of", "generated_at"?}: the start of every document.
Json document(std::string_view kind, const Header& h);

// One diagnostic / a list of them, in the shape above.
Json diagnostic_json(const Diagnostic& d);
Json diagnostics_json(const Diagnostics& diags);

// `v` rounded to `digits` decimals (for figures whose precision is known: days to 0.01, money to
// cents); exact halves round away from zero.
double rounded(double v, int digits);

// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s);

// A date, or null.
Json date_or_null(const std::optional<Date>& d);
// A number, or null.
Json number_or_null(const std::optional<double>& v);

}  // namespace cairn::report

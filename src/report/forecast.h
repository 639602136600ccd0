// The `forecast` document (schema/report/forecast.schema.json) and its table.
//
// JSON, after the common header: the options the forecast ran with, one entry per milestone and
// one for the program's end (`end`): P50/P85/P95 dates, the probability of meeting the deadline
// (0..1, exact), the S-curve, the most critical items and the drivers; then cross-team
// dependencies, throughput-forecast teams, every item's criticality index and the diagnostics.
// The compact form (stored with baselines and snapshots) keeps only the dates and probabilities.
// Pure functions; thread-safe.
#pragma once

#include <iosfwd>

#include "forecast/program_forecast.h"
#include "report/document.h"

namespace cairn::report {

enum class ForecastDetail { kFull, kCompact };

Json forecast_json(const Header& h, const forecast::ProgramForecast& f, const Diagnostics& diags,
                   ForecastDetail detail = ForecastDetail::kFull);
// `title`: the program's name (or key).
void forecast_table(const forecast::ProgramForecast& f, const std::string& title,
                    std::ostream& out);

// The program-end target of a stored forecast document, new (`end`) or from before the common
// header (`program`); null when neither is there.
const Json* forecast_end(const Json& doc);

}  // namespace cairn::report

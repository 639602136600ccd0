// The `calibration` document and its table: how far a program's own throughput odds have been
// right before (forecast/calibration.h). For the whole program and each team: the window and K
// used, the coverage of P50/P85/P95 for "when will the next M items be done" and "how many in K
// weeks", and every replayed as-of date with what was said and what happened. Coverages are exact
// shares (0..1) in JSON, null when nothing was checked; the table rounds them. Pure functions;
// thread-safe.
#pragma once

#include <iosfwd>

#include "forecast/calibration.h"
#include "report/document.h"

namespace cairn::report {

Json calibration_json(const Header& h, const forecast::ProgramCalibration& c);
// `points`: also list the program's replayed as-of dates.
void calibration_table(const forecast::ProgramCalibration& c, std::ostream& out,
                       bool points = false);

}  // namespace cairn::report

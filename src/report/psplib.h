// The `psplib-schedule` document (schema/report/psplib-schedule.schema.json): `cairn schedule
// FILE.sm`, the RCPSP satellite's schedule of one PSPLIB instance (rcpsp/rcpsp.h). Times are the
// instance's integer periods, not dates; the header names the instance as the program (its file
// stem, no name) with no status date. Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "rcpsp/rcpsp.h"
#include "report/document.h"

namespace cairn::report {

Json psplib_schedule_json(const Header& h, const rcpsp::RcpspInstance& in,
                          const rcpsp::RcpspSolution& sol);
// One line per job (job, start, finish, duration), then the makespan with its bounds.
void psplib_schedule_table(const rcpsp::RcpspInstance& in, const rcpsp::RcpspSolution& sol,
                           std::ostream& out);

}  // namespace cairn::report

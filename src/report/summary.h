// The `summary` document: the program at a glance (schema/report/summary.schema.json).
// Effort in working days and money in the program's currency are rounded to 0.01 in JSON (their
// precision); the table rounds further.
#pragma once

#include <iosfwd>

#include "analysis/summary.h"
#include "report/document.h"

namespace cairn::report {

Json summary_json(const Header& h, const analysis::ProgramSummary& s);
void summary_table(const analysis::ProgramSummary& s, std::ostream& out);

}  // namespace cairn::report

// The `health` document (schema/report/health.schema.json): the derived RAG of the program, each
// milestone, team and cross-team dependency with its reasons (analysis/health.h), the typed status
// beside it, and the thresholds used. Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/health.h"
#include "report/document.h"

namespace cairn::report {

Json health_json(const Header& h, const analysis::HealthReport& r, const Diagnostics& diags);
// The program, then each milestone and team with every reason; dependencies that are not green
// (and a count of the green ones); disagreements with the typed status.
void health_table(const analysis::HealthReport& r, std::ostream& out);
// One line per subject: kind,key,name,rag,typed,reasons (the summary).
void health_csv(const analysis::HealthReport& r, std::ostream& out);

}  // namespace cairn::report

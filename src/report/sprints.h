// The `sprints` document (schema/report/sprints.schema.json): Scrum metrics (analysis/sprints.h) —
// per team the velocity over its last closed sprints, per sprint commitment, say/do, scope change,
// carry-over and the burndown / burn-up series. Amounts in the team's unit (points or items),
// exact in JSON. Pure functions; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/sprints.h"
#include "report/document.h"

namespace cairn::report {

Json sprints_json(const Header& h, const analysis::SprintReport& r, const Diagnostics& diags);
void sprints_table(const analysis::SprintReport& r, const Diagnostics& diags, std::ostream& out);
// The burndown and burn-up series: sprint,date,scope,done,remaining,ideal.
void sprints_csv(const analysis::SprintReport& r, std::ostream& out);

}  // namespace cairn::report

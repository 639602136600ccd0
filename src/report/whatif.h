// The `whatif` document (schema/report/whatif.schema.json): the edits as written and, for the whole
// program and each milestone, the deadline, the leveled schedule's date, P50, P85 and on-time
// probability before and after them, on the same random numbers (analysis/whatif.h). Pure;
// thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/whatif.h"
#include "report/document.h"

namespace cairn::report {

Json whatif_json(const Header& h, const analysis::WhatIfReport& r, const Diagnostics& diags);
// One line per target (milestones, then "program"): key,deadline_before,deadline_after,
// scheduled_before,scheduled_after,p50_before,p50_after,p85_before,p85_after,on_time_before,
// on_time_after,p85_change_days.
void whatif_csv(const analysis::WhatIfReport& r, std::ostream& out);
void whatif_table(const analysis::WhatIfReport& r, const Diagnostics& diags, std::ostream& out);

}  // namespace cairn::report

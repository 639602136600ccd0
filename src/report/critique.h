// The `critique` document (schema/report/critique.schema.json): the critique's findings
// (analysis/critique.h) with their evidence and fix, and each milestone at risk's measured fixes.
// Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/critique.h"
#include "report/document.h"

namespace cairn::report {

Json critique_json(const Header& h, const analysis::CritiqueReport& r, const Diagnostics& diags);
void critique_table(const analysis::CritiqueReport& r, const Diagnostics& diags, std::ostream& out);
// The fixes: milestone,edit,p85_before,p85_after,p85_change_days,on_time_before,on_time_after.
void critique_csv(const analysis::CritiqueReport& r, std::ostream& out);

}  // namespace cairn::report

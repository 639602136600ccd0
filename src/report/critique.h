// The `critique` document (schema/report/critique.schema.json): the critique's findings
// (analysis/critique.h) grouped and ranked, each with its evidence, place and fix, every single
// finding as a diagnostic, and each milestone at risk's measured fixes. Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/critique.h"
#include "report/document.h"

namespace cairn::report {

Json critique_json(const Header& h, const analysis::CritiqueReport& r, const Diagnostics& diags);
// The ranked groups (read first), then the measured fixes; with `detail`, every single finding.
void critique_table(const analysis::CritiqueReport& r, const Diagnostics& diags, std::ostream& out,
                    bool detail = false);
// The fixes: milestone,edit,p85_before,p85_after,p85_change_days,on_time_before,on_time_after.
void critique_csv(const analysis::CritiqueReport& r, std::ostream& out);

}  // namespace cairn::report

// The `risks` document (schema/report/risks.schema.json): the risk register (analysis/risks.h):
// each risk's exposure in days and money, its band in the 5×5 matrix, overdue reviews, its measured
// effect on each milestone's P85, and the trend of total exposure over the stored history.
// Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/risks.h"
#include "report/document.h"

namespace cairn::report {

Json risks_json(const Header& h, const analysis::RiskReport& r, const Diagnostics& diags);
void risks_table(const analysis::RiskReport& r, const Diagnostics& diags, std::ostream& out);
// The trend series: revision,at,open,exposure_days,exposure_money.
void risks_csv(const analysis::RiskReport& r, std::ostream& out);

}  // namespace cairn::report

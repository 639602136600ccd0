// The `evm` document (schema/report/evm.schema.json): earned value and earned schedule
// (analysis/evm.h) for the program and each team, with the PV/EV/AC series. Money in the unit the
// document names (the currency, or person-days), exact in JSON; days are calendar days.
// Pure functions; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/evm.h"
#include "report/document.h"

namespace cairn::report {

Json evm_json(const Header& h, const analysis::EvmResult& r, const Diagnostics& diags);
void evm_table(const analysis::EvmResult& r, const Diagnostics& diags, std::ostream& out);
// The series: group,date,pv,ev,ac (the program's group is named "program").
void evm_csv(const analysis::EvmResult& r, std::ostream& out);

}  // namespace cairn::report

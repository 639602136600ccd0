// The `load` document (schema/report/load.schema.json): people load by ISO week
// (analysis/load.h), leveled and as written, and the over-allocated person-weeks with the items
// causing them. Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/load.h"
#include "report/document.h"

namespace cairn::report {

Json load_json(const Header& h, const analysis::LoadReport& r, const analysis::LoadOptions& o,
               const Diagnostics& diags);
// Per person: peak week of each view; then each over-allocation with its items.
void load_table(const analysis::LoadReport& r, std::ostream& out);
// The series, one line per person-week: view,person,team,week,booked_hours,capacity_hours,over.
void load_csv(const analysis::LoadReport& r, std::ostream& out);

}  // namespace cairn::report

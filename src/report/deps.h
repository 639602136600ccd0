// The `deps` document (schema/report/deps.schema.json): the cross-team dependency register
// (analysis/deps.h): the provider × consumer matrix, each dependency with its need-by date, the
// provider's P85, the probability of being met and the agreement state, and per milestone the
// dependencies that move its P85 most (working days, measured by what-if). Pure; thread-safe.
#pragma once

#include <iosfwd>

#include "analysis/deps.h"
#include "report/document.h"

namespace cairn::report {

Json deps_json(const Header& h, const analysis::DepsReport& r, const Program& p,
               const Diagnostics& diags);
void deps_table(const analysis::DepsReport& r, const Diagnostics& diags, std::ostream& out);
// One line per dependency: provider_item,consumer_item,provider_team,consumer_team,need_by,
// state,provider_p85,probability,margin_days,max_effect_days.
void deps_csv(const analysis::DepsReport& r, std::ostream& out);

}  // namespace cairn::report

// The critique's measured fixes (analysis/critique.h): candidate edits for one milestone at risk,
// screened with few trials and the best confirmed with the forecast's trials. Pure.
#pragma once

#include <vector>

#include "analysis/critique.h"

namespace cairn::analysis {

// The candidates for milestone `milestone` (index in the program; `t` its forecast), best first,
// `options.fixes` at most, only those that bring its P85 earlier or its on-time odds up.
// `screened` grows by the number of candidates tried. Diagnostics of the what-ifs go to `scratch`.
std::vector<CritiqueFix> measured_fixes(const Program& p, const forecast::TargetForecast& t,
                                        size_t milestone, const CritiqueOptions& options,
                                        size_t& screened, Diagnostics& scratch);

}  // namespace cairn::analysis

// The critique's measured fixes (analysis/critique.h): candidate edits for one milestone at risk,
// screened with few trials and the best confirmed with the forecast's trials. Pure.
#pragma once

#include <vector>

#include "analysis/critique.h"

namespace cairn::analysis {

// The forecasts of the program as it is, with the screening's options and with the full ones:
// what each candidate is compared with (the same options, hence the same random numbers).
struct FixBaselines {
  const forecast::ProgramForecast& screen;
  const forecast::ProgramForecast& full;
  forecast::ForecastOptions screen_options, full_options;
};

// The candidates for milestone `milestone` (index in the program), best first, `options.fixes` at
// most, only those that bring its P85 earlier or its on-time odds up. `screened` grows by the
// number of candidates tried. Diagnostics of the forecasts go to `scratch`.
std::vector<CritiqueFix> measured_fixes(const Program& p, const FixBaselines& base,
                                        size_t milestone, const CritiqueOptions& options,
                                        size_t& screened, Diagnostics& scratch);

}  // namespace cairn::analysis

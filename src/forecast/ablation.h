// "Why later than the plan" (TargetForecast::why_later): each target's P50 minus the schedule's
// date split into its sources by ablation on the same random numbers (the first
// ForecastOptions::ablation_trials trials). The anchored network (forecast/anchor.h) reproduces the
// schedule with every source off; the sources are then switched on one after the other, each
// part being the P50 change it makes (whole working days):
//   spread       three-point estimates vary along the target's own critical chain of the plan
//                only (the chain alone: its items in their planned order, every other path as if
//                it did not exist);
//   merge        estimates vary everywhere; the target also waits for its parallel paths
//                (dependencies and epics) when they run longer than the chain. Same-person links
//                off every target's plan chain are cut here (never bind);
//   people       those same-person links bind again: an item that runs long delays its person's
//                next items in the schedule's order (the order is fixed within a trial);
//   unestimated  the teams' pace varies (story points, unestimated work, team levels);
//   risks        open risks fire (the full forecast);
//   rest         the Monte Carlo difference between the ablation trials and the whole run.
// Each step only adds constraints or spread to the one before, so per trial spread <= merge <=
// people (the parts are >= 0 up to the day rounding). Pure; thread-safe on distinct arguments.
#pragma once

#include <span>
#include <vector>

#include "forecast/program_forecast.h"
#include "forecast/program_network.h"
#include "model/program.h"

namespace cairn::forecast {

// Fills why_later of targets[tg] (0: the program, 1 + m: milestone m) that have a scheduled date
// and a days_after_schedule. `full` is the whole forecast's finish per trial
// ([target * options.trials + trial]). Leaves them empty when a network cannot be built.
void explain_delays(const Program& program, const ForecastOptions& options,
                    const ProgramNetwork& pn, std::span<const float> full,
                    std::span<TargetForecast* const> targets);

}  // namespace cairn::forecast

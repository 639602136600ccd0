// Forwarding header: the plan document lives in src/plan/ (plan/plan.h). Kept so that readers
// and commands written against io:: keep compiling; new code includes plan/plan.h.
#pragma once

#include "plan/plan.h"

namespace cairn::io {

using plan::check_text;
using plan::LoadedPlan;
using plan::plan_to_json;
using plan::PlanReadOptions;
using plan::read_plan;
using plan::read_plan_json;
using plan::read_plan_text;
using plan::TjpAssertion;
using plan::write_plan_json;
using plan::write_plan_yaml;

}  // namespace cairn::io

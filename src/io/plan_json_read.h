// Forwarding header: the canonical plan reader lives in src/plan/ (plan/canonical.h).
#pragma once

#include "io/plan_yaml.h"
#include "plan/canonical.h"

namespace cairn::io {

using plan::CanonicalReadOptions;
using plan::read_canonical_plan;
using plan::read_canonical_plan_text;

}  // namespace cairn::io

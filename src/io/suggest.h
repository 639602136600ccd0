// Forwarding header: "did you mean" help lives in base/suggest.h.
#pragma once

#include "base/suggest.h"

namespace cairn::io {

using cairn::closest;
using cairn::join;

}  // namespace cairn::io

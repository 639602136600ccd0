// Forwarding header: read_all lives in base/read_all.h.
#pragma once

#include "base/read_all.h"

namespace cairn::io {

using cairn::read_all;

}  // namespace cairn::io

// The version of Cairn, as CMake's project(cairn VERSION ...) states it. Thread-safe.
#pragma once

#include <string_view>

namespace cairn {

// "MAJOR.MINOR.PATCH", e.g. "0.1.0".
std::string_view cairn_version();

}  // namespace cairn

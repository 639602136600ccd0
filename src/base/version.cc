#include "base/version.h"

#ifndef CAIRN_VERSION
#error "CAIRN_VERSION is set by CMakeLists.txt from project(cairn VERSION ...)"
#endif

namespace cairn {

std::string_view cairn_version() {
  return CAIRN_VERSION;
}

}  // namespace cairn

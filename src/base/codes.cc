#include "base/codes.h"

#include <algorithm>
#include <array>

namespace cairn::codes {
namespace {

#define CAIRN_CODE_INFO(name, id, unusable) CodeInfo{id, unusable},
constexpr CodeInfo kAll[] = {CAIRN_CODES(CAIRN_CODE_INFO)};
#undef CAIRN_CODE_INFO

}  // namespace

std::span<const CodeInfo> all() {
  return kAll;
}

const CodeInfo* find(std::string_view id) {
  auto it =
      std::find_if(std::begin(kAll), std::end(kAll), [&](const CodeInfo& c) { return c.id == id; });
  return it == std::end(kAll) ? nullptr : &*it;
}

}  // namespace cairn::codes

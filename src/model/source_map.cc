#include "model/source_map.h"

#include <fmt/format.h>

namespace cairn {

const char* section_name(EntityKind k) {
  static const char* const kNames[] = {"program",      "teams",          "people",    "items",
                                       "dependencies", "milestones",     "risks",     "sprints",
                                       "budget",       "status_updates", "decisions", "actions"};
  return kNames[static_cast<int>(k)];
}

std::string SourceMap::key(EntityKind kind, uint32_t index, std::string_view field) {
  return fmt::format("{}/{}/{}", static_cast<int>(kind), index, field);
}

void SourceMap::set(EntityKind kind, uint32_t index, std::string_view field, Location where) {
  map_[key(kind, index, field)] = std::move(where);
}

Location SourceMap::at(EntityKind kind, uint32_t index, std::string_view field) const {
  if (!field.empty()) {
    auto it = map_.find(key(kind, index, field));
    if (it != map_.end()) return it->second;
  }
  auto it = map_.find(key(kind, index, {}));
  if (it != map_.end()) return it->second;
  Location loc;
  if (kind == EntityKind::kProgram || kind == EntityKind::kBudget)
    loc.pointer = fmt::format("/{}", section_name(kind));
  else
    loc.pointer = fmt::format("/{}/{}", section_name(kind), index);
  if (!field.empty()) loc.pointer += fmt::format("/{}", field);
  return loc;
}

}  // namespace cairn

#include "model/source_map.h"

#include <fmt/format.h>

namespace cairn {

const char* section_name(EntityKind k) {
  static const char* const kNames[] = {"program",      "teams",          "people",    "items",
                                       "dependencies", "milestones",     "risks",     "sprints",
                                       "budget",       "status_updates", "decisions", "actions"};
  return kNames[static_cast<int>(k)];
}

uint64_t SourceMap::key(EntityKind kind, uint32_t index, std::string_view field) {
  // FNV-1a over the field name, mixed with kind and index: 64 bits make collisions between the
  // few field names of one entity practically impossible.
  uint64_t h = 1469598103934665603ull;
  for (char c : field)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  h ^= (uint64_t{static_cast<uint32_t>(kind)} << 56) ^ (uint64_t{index} * 0x9E3779B97F4A7C15ull);
  return h;
}

void SourceMap::set(EntityKind kind, uint32_t index, std::string_view field, Location where) {
  uint32_t f = 0;
  while (f < files_.size() && files_[f] != where.file)
    ++f;
  if (f == files_.size()) files_.push_back(where.file);
  map_[key(kind, index, field)] = Pos{f, where.line, where.column, std::move(where.pointer)};
}

Location SourceMap::at(EntityKind kind, uint32_t index, std::string_view field) const {
  auto to_location = [this](const Pos& p) {
    return Location{files_[p.file], p.line, p.column, p.pointer};
  };
  if (!field.empty()) {
    auto it = map_.find(key(kind, index, field));
    if (it != map_.end()) return to_location(it->second);
  }
  auto it = map_.find(key(kind, index, {}));
  if (it != map_.end()) return to_location(it->second);
  Location loc;
  if (kind == EntityKind::kProgram || kind == EntityKind::kBudget)
    loc.pointer = fmt::format("/{}", section_name(kind));
  else
    loc.pointer = fmt::format("/{}/{}", section_name(kind), index);
  if (!field.empty()) loc.pointer += fmt::format("/{}", field);
  return loc;
}

}  // namespace cairn

// Where each entity and field of a Program came from (file:line:column), so that findings about the
// model can point into the plan file. Filled by readers; empty for programs built in code (then
// findings carry a JSON pointer such as /items/3/estimate instead). Thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/error.h"

namespace cairn {

enum class EntityKind {
  kProgram,
  kTeam,
  kPerson,
  kItem,
  kDependency,
  kMilestone,
  kRisk,
  kSprint,
  kBudget,
  kStatusUpdate,
  kDecision,
  kAction
};

// "teams", "people", "items", ... as in the plan file.
const char* section_name(EntityKind k);

class SourceMap {
 public:
  void set(EntityKind kind, uint32_t index, std::string_view field, Location where);
  // The field's location; else the entity's; else a JSON pointer /section/index/field.
  Location at(EntityKind kind, uint32_t index, std::string_view field = {}) const;
  bool empty() const { return map_.empty(); }

 private:
  struct Pos {
    uint32_t file = 0;  // index into files_
    int line = 0;
    int column = 0;
    std::string pointer;
  };
  static uint64_t key(EntityKind kind, uint32_t index, std::string_view field);
  std::unordered_map<uint64_t, Pos> map_;
  std::vector<std::string> files_;  // distinct file names, so entries stay small
};

}  // namespace cairn

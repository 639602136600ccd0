// A sprint of a Scrum team: its dates and the items committed at planning. Value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"

namespace cairn {

struct Sprint {
  std::string key;
  std::string name;
  TeamId team;
  Date start;
  Date end;  // inclusive
  std::vector<WorkItemId> committed;
  std::string goal;
  friend bool operator==(const Sprint&, const Sprint&) = default;
};

}  // namespace cairn

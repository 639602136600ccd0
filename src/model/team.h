// A team: the unit that owns work, with its own workflow (ordered states), WIP limits and
// communication channels. Value type; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/ids.h"

namespace cairn {

enum class StateCategory { kTodo, kInProgress, kDone };
enum class TeamMethod { kScrum, kKanban, kOther };

struct WorkflowState {
  std::string name;
  StateCategory category = StateCategory::kTodo;
  // Whether work in this state is being worked on (true) or waiting (false, e.g. "Ready for
  // review"). Flow efficiency counts active time only. Default: true for in-progress states.
  bool active = true;
  std::optional<int> wip_limit;  // items at most in this state at once; none when unset
  friend bool operator==(const WorkflowState&, const WorkflowState&) = default;
};

struct Channel {
  std::string kind;  // "slack", "email", "meeting", ...
  std::string name;  // "#payments-dev", "payments@corp", "Tuesday sync"
  std::string purpose;
  friend bool operator==(const Channel&, const Channel&) = default;
};

struct Team {
  std::string key;
  std::string name;
  TeamMethod method = TeamMethod::kScrum;
  std::vector<WorkflowState> workflow;  // in order; empty means the default workflow
  std::vector<Channel> channels;

  // The index of a state in the workflow, or nullopt.
  std::optional<size_t> state_index(const std::string& state) const;
  friend bool operator==(const Team&, const Team&) = default;
};

// The workflow a team gets when its plan gives none: To Do, In Progress, In Review (waiting), Done.
std::vector<WorkflowState> default_workflow();

const char* to_string(StateCategory c);
const char* to_string(TeamMethod m);

}  // namespace cairn

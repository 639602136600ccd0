#include "model/program.h"

#include <functional>

namespace cairn {
namespace {

template <typename T>
void build_index(const std::vector<T>& v, std::unordered_map<std::string, uint32_t>& idx) {
  idx.clear();
  idx.reserve(v.size());
  for (uint32_t i = 0; i < v.size(); ++i)
    idx.emplace(v[i].key, i);
}

template <typename IdT>
IdT lookup(const std::unordered_map<std::string, uint32_t>& idx, const std::string& key) {
  auto it = idx.find(key);
  return it == idx.end() ? IdT{} : IdT{it->second};
}

}  // namespace

TeamId Program::find_team(const std::string& k) const {
  return lookup<TeamId>(team_index_, k);
}
PersonId Program::find_person(const std::string& k) const {
  return lookup<PersonId>(person_index_, k);
}
WorkItemId Program::find_item(const std::string& k) const {
  return lookup<WorkItemId>(item_index_, k);
}
MilestoneId Program::find_milestone(const std::string& k) const {
  return lookup<MilestoneId>(milestone_index_, k);
}
RiskId Program::find_risk(const std::string& k) const {
  return lookup<RiskId>(risk_index_, k);
}
SprintId Program::find_sprint(const std::string& k) const {
  return lookup<SprintId>(sprint_index_, k);
}

void Program::reindex() {
  build_index(teams, team_index_);
  build_index(people, person_index_);
  build_index(items, item_index_);
  build_index(milestones, milestone_index_);
  build_index(risks, risk_index_);
  build_index(sprints, sprint_index_);
}

const std::vector<WorkflowState>& Program::workflow(TeamId id) const {
  static const std::vector<WorkflowState> kDefault = default_workflow();
  if (!id.valid() || id.index() >= teams.size() || teams[id.index()].workflow.empty())
    return kDefault;
  return teams[id.index()].workflow;
}

StateCategory Program::category(WorkItemId id) const {
  const WorkItem& it = items[id.index()];
  const auto& wf = workflow(it.team);
  if (it.state.empty()) return wf.empty() ? StateCategory::kTodo : wf.front().category;
  for (const auto& s : wf)
    if (s.name == it.state) return s.category;
  return StateCategory::kTodo;
}

const WorkingCalendar& Program::calendar_of(PersonId id) const {
  if (id.valid() && id.index() < people.size() && people[id.index()].calendar)
    return *people[id.index()].calendar;
  return calendar;
}

std::optional<DateTime> Program::actual_start(WorkItemId id) const {
  const WorkItem& it = items[id.index()];
  const auto& wf = workflow(it.team);
  for (const auto& h : it.history)
    for (const auto& s : wf)
      if (s.name == h.state && s.category != StateCategory::kTodo) return h.at;
  return std::nullopt;
}

std::optional<DateTime> Program::actual_finish(WorkItemId id) const {
  if (category(id) != StateCategory::kDone) return std::nullopt;
  const WorkItem& it = items[id.index()];
  const auto& wf = workflow(it.team);
  std::optional<DateTime> out;
  bool prev_done = false;
  for (const auto& h : it.history) {
    bool done = false;
    for (const auto& s : wf)
      if (s.name == h.state) done = s.category == StateCategory::kDone;
    if (done && !prev_done) out = h.at;
    prev_done = done;
  }
  return out;
}

std::vector<WorkItemId> Program::children(WorkItemId id) const {
  std::vector<WorkItemId> out;
  for (uint32_t i = 0; i < items.size(); ++i)
    if (items[i].parent == id) out.emplace_back(i);
  return out;
}

std::vector<PersonId> Program::members(TeamId team) const {
  std::vector<PersonId> out;
  for (uint32_t i = 0; i < people.size(); ++i)
    if (people[i].team == team) out.emplace_back(i);
  return out;
}

namespace {

// Children of each item, by index (out-of-range parents are ignored).
std::vector<std::vector<uint32_t>> children_of(const std::vector<WorkItem>& items) {
  std::vector<std::vector<uint32_t>> kids(items.size());
  for (uint32_t i = 0; i < items.size(); ++i)
    if (items[i].parent.valid() && items[i].parent.index() < items.size())
      kids[items[i].parent.index()].push_back(i);
  return kids;
}

std::vector<WorkItemId> leaves_under(const std::vector<WorkItemId>& roots,
                                     const std::vector<std::vector<uint32_t>>& kids,
                                     std::vector<char>& seen, std::vector<uint32_t>& touched) {
  std::vector<WorkItemId> out;
  std::vector<uint32_t> stack;
  for (WorkItemId root : roots) {
    if (!root.valid() || root.index() >= kids.size()) continue;
    stack.push_back(root.value);
    while (!stack.empty()) {
      uint32_t i = stack.back();
      stack.pop_back();
      if (seen[i]) continue;
      seen[i] = 1;
      touched.push_back(i);
      if (kids[i].empty()) {
        out.emplace_back(i);
      } else {
        for (auto it = kids[i].rbegin(); it != kids[i].rend(); ++it)
          stack.push_back(*it);
      }
    }
  }
  return out;
}

}  // namespace

std::vector<std::vector<WorkItemId>> Program::milestone_leaf_items() const {
  auto kids = children_of(items);
  std::vector<char> seen(items.size(), 0);
  std::vector<uint32_t> touched;
  std::vector<std::vector<WorkItemId>> out(milestones.size());
  for (size_t m = 0; m < milestones.size(); ++m) {
    out[m] = leaves_under(milestones[m].items, kids, seen, touched);
    for (uint32_t i : touched)
      seen[i] = 0;
    touched.clear();
  }
  return out;
}

void Program::fill_default_teams() {
  for (auto& it : items)
    if (!it.team.valid() && it.assignee.valid()) it.team = people[it.assignee.index()].team;
  for (auto& d : dependencies) {
    TeamId a = items[d.predecessor.index()].team;
    TeamId b = items[d.successor.index()].team;
    if (a.valid() && b.valid() && a != b) {
      if (!d.provider.valid()) d.provider = a;
      if (!d.consumer.valid()) d.consumer = b;
    }
  }
}

bool Program::same_content(const Program& o) const {
  return key == o.key && name == o.name && goal == o.goal && start == o.start && as_of == o.as_of &&
         currency == o.currency && calendar == o.calendar &&
         health_thresholds == o.health_thresholds && teams == o.teams && people == o.people &&
         items == o.items && dependencies == o.dependencies && milestones == o.milestones &&
         risks == o.risks && sprints == o.sprints && budget == o.budget &&
         status_updates == o.status_updates && decisions == o.decisions && actions == o.actions;
}

}  // namespace cairn

#include "analysis/summary.h"

namespace cairn::analysis {

ProgramSummary summarize(const Program& p) {
  ProgramSummary s;
  s.key = p.key;
  s.name = p.name;
  s.start = p.start;
  s.currency = p.currency;
  s.teams = p.teams.size();
  s.people = p.people.size();
  s.items = p.items.size();
  s.team_rows.resize(p.teams.size());
  for (size_t t = 0; t < p.teams.size(); ++t) {
    s.team_rows[t].key = p.teams[t].key;
    s.team_rows[t].name = p.teams[t].name;
    s.team_rows[t].method = to_string(p.teams[t].method);
  }
  for (const auto& per : p.people) {
    if (!per.team.valid()) continue;
    auto& row = s.team_rows[per.team.index()];
    ++row.people;
    row.capacity += per.rate();
  }
  std::vector<char> has_children(p.items.size(), 0);
  for (const auto& it : p.items)
    if (it.parent.valid()) has_children[it.parent.index()] = 1;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    switch (it.kind) {
      case WorkItemKind::kEpic:
        ++s.epics;
        break;
      case WorkItemKind::kStory:
        ++s.stories;
        break;
      case WorkItemKind::kTask:
        ++s.tasks;
        break;
      case WorkItemKind::kBug:
        ++s.bugs;
        break;
    }
    StateCategory cat = p.category(WorkItemId{i});
    if (has_children[i]) continue;  // containers: their children count
    TeamSummary* row = it.team.valid() ? &s.team_rows[it.team.index()] : nullptr;
    if (row) ++row->items;
    if (cat == StateCategory::kDone) {
      ++s.done;
      if (row) ++row->done;
    } else if (cat == StateCategory::kInProgress) {
      ++s.in_progress;
      if (row) ++row->in_progress;
    } else {
      ++s.todo;
    }
    if (it.estimate) {
      double mean = it.estimate->pert_mean();
      s.total_effort += mean;
      if (cat != StateCategory::kDone) {
        double left = it.remaining ? *it.remaining : mean;
        s.remaining_effort += left;
        if (row) row->remaining_effort += left;
      }
    } else if (!it.points && cat != StateCategory::kDone && row) {
      ++row->unestimated_open;
    }
  }
  s.dependencies = p.dependencies.size();
  for (const auto& d : p.dependencies) {
    if (d.provider.valid() && d.consumer.valid() && d.provider != d.consumer) {
      ++s.cross_team;
      if (!d.state || *d.state != CrossTeamState::kDelivered) ++s.cross_team_open;
    }
  }
  for (const auto& r : p.risks) {
    if (r.status != RiskStatus::kOpen) continue;
    ++s.risks_open;
    if (r.impact) s.risk_exposure_days += r.probability * r.impact->pert_mean();
  }
  s.sprints = p.sprints.size();
  if (p.budget) s.budget_total = p.budget->total;
  for (const auto& u : p.status_updates)
    if (!u.team.valid() && (!s.latest_status || s.latest_status->date <= u.date))
      s.latest_status = u;
  const auto milestone_leaves = p.milestone_leaf_items();
  for (uint32_t m = 0; m < p.milestones.size(); ++m) {
    MilestoneSummary row;
    row.key = p.milestones[m].key;
    row.name = p.milestones[m].name;
    row.deadline = p.milestones[m].deadline;
    row.gates = p.milestones[m].gates.size();
    for (WorkItemId id : milestone_leaves[m]) {
      ++row.items;
      if (p.category(id) == StateCategory::kDone) ++row.done;
    }
    s.milestone_rows.push_back(row);
  }
  return s;
}

}  // namespace cairn::analysis

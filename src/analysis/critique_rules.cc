// The critique's rules on the forecast and the plan (analysis/critique_rules.h).
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "analysis/critique_rules.h"
#include "analysis/gates.h"
#include "base/codes.h"

namespace cairn::analysis::critique_detail {
namespace {

bool unestimated(const WorkItem& w) {
  return !w.estimate && !w.points && !w.remaining;
}

std::string team_key(const Program& p, TeamId t) {
  return t.valid() ? p.team(t).key : std::string("-");
}

// The open items on a milestone's critical chain, most critical first.
std::vector<forecast::ItemCriticality> chain(const Context& c, const forecast::TargetForecast& t) {
  std::vector<forecast::ItemCriticality> out;
  for (const auto& ci : t.critical_items)
    if (ci.index >= c.o.critical_index && open_item(c.p, ci.item)) out.push_back(ci);
  return out;
}

void gate_rule(const Context& c, size_t i) {
  const Milestone& m = c.p.milestones[i];
  for (const auto& g : evaluate_gates(c.p, MilestoneId{static_cast<uint32_t>(i)}))
    if (g.state == GateState::kFail)
      c.sink.add({codes::kCritiqueGateFailing, Severity::kWarning, m.key, g.metric, g.reason, 1,
                  fmt::format("milestone {}: gate {}", m.key, g.reason),
                  c.at(EntityKind::kMilestone, i, "gates"),
                  "fix what the gate measures before the milestone, or agree a new threshold"});
}

void at_risk_rule(const Context& c, size_t i, const forecast::TargetForecast& t) {
  const Milestone& m = c.p.milestones[i];
  auto ch = chain(c, t);
  std::string names;
  for (const auto& ci : ch)
    names += fmt::format("{}{} ({:.0f} %)", names.empty() ? "" : ", ", ci.key, 100 * ci.index);
  int late = c.p.calendar.working_days_between(*t.deadline, t.p85);
  c.sink.add(
      {codes::kCritiqueMilestoneAtRisk, Severity::kWarning, m.key, m.key,
       fmt::format("P85 {}, {:+d} working days, on time {}", t.p85.to_string(), late,
                   percent(t.on_time_probability)),
       static_cast<double>(std::max(late, 0)),
       fmt::format("milestone {} '{}': P85 {} is {} working days {} its deadline {}; on time {} "
                   "(target {}); critical chain: {}",
                   m.key, m.name, t.p85.to_string(), std::abs(late),
                   t.p85 > *t.deadline ? "after" : "before", t.deadline->to_string(),
                   percent(t.on_time_probability), percent(c.o.on_time_target),
                   names.empty() ? "none above the threshold" : names),
       c.at(EntityKind::kMilestone, i, "deadline"),
       "apply one of the measured fixes below, or move the deadline with the stakeholders"});
  for (const auto& ci : ch) {
    const WorkItem& w = c.p.item(ci.item);
    if (unestimated(w))
      c.sink.add({codes::kCritiqueUnestimatedCritical, Severity::kWarning, m.key, w.key, w.key, 1,
                  fmt::format("item {} is on milestone {}'s critical chain ({:.0f} % of "
                              "trials) with no estimate, points or remaining effort",
                              w.key, m.key, 100 * ci.index),
                  c.at(EntityKind::kItem, ci.item.index()),
                  "estimate it (three-point, working days): the forecast counts it by the "
                  "team's throughput, or as nothing"});
  }
}

void leaves(const Program& p, WorkItemId id, std::vector<WorkItemId>& out) {
  auto kids = p.children(id);
  if (kids.empty()) out.push_back(id);
  for (auto k : kids)
    leaves(p, k, out);
}

}  // namespace

bool open_item(const Program& p, WorkItemId id) {
  return p.category(id) != StateCategory::kDone;
}

bool is_leaf(const Program& p, WorkItemId id) {
  return p.children(id).empty();
}

std::string percent(std::optional<double> p) {
  return p ? fmt::format("{:.0f} %", 100 * *p) : "-";
}

bool at_risk(const CritiqueOptions& o, const forecast::TargetForecast& t) {
  return t.deadline && !t.complete && t.on_time_probability &&
         *t.on_time_probability < o.on_time_target;
}

void milestone_rules(const Context& c, const forecast::ProgramForecast& f) {
  for (size_t i = 0; i < f.milestones.size(); ++i) {
    const auto& t = f.milestones[i];
    const Milestone& m = c.p.milestones[i];
    if (t.complete) continue;
    if (m.gates.empty())
      c.sink.add({codes::kCritiqueMilestoneNoGate, Severity::kInfo, "program", m.key, m.key, 1,
                  fmt::format("milestone {} '{}' has work left and no quality gate", m.key, m.name),
                  c.at(EntityKind::kMilestone, i),
                  "add a gate (e.g. open_blockers <= 0) so 'done' means releasable"});
    gate_rule(c, i);
    if (at_risk(c.o, t)) at_risk_rule(c, i, t);
  }
}

void need_by_rule(const Context& c, const forecast::ProgramForecast& f) {
  for (const auto& d : f.dependencies) {
    if (d.p85 <= d.need_by) continue;
    int late = c.p.calendar.working_days_between(d.need_by, d.p85);
    c.sink.add({codes::kDependencyNeedByAtRisk, Severity::kWarning, d.provider_team,
                d.provider_item + " -> " + d.consumer_item,
                fmt::format("{} for {} {:+d} wd", d.provider_item, d.consumer_item, late),
                static_cast<double>(late),
                fmt::format("{} ({}) needs {} ({}) by {}, but its P85 is {} ({} working days "
                            "later); on time {}",
                            d.consumer_item, d.consumer_team, d.provider_item, d.provider_team,
                            d.need_by.to_string(), d.p85.to_string(), late,
                            percent(d.on_time_probability)),
                c.at(EntityKind::kDependency, d.dependency.index(), "need_by"),
                "agree a later need-by date with the consumer or pull the provider's work "
                "forward"});
  }
}

void item_rules(const Context& c) {
  for (size_t i = 0; i < c.p.items.size(); ++i) {
    const WorkItem& w = c.p.items[i];
    WorkItemId id{static_cast<uint32_t>(i)};
    // Containers are in progress while any of their items is: their items speak for them.
    if (c.p.category(id) != StateCategory::kInProgress || !is_leaf(c.p, id)) continue;
    std::string team = team_key(c.p, w.team);
    if (!w.assignee.valid() && w.allocations.empty())
      c.sink.add({codes::kCritiqueUnownedInProgress, Severity::kWarning, team, w.key, w.key, 1,
                  fmt::format("item {} is '{}' but has no assignee", w.key, w.state),
                  c.at(EntityKind::kItem, i, "state"),
                  "name who is working on it (assignee), or move it back to the backlog"});
    if (w.history.empty()) continue;
    Date last = w.history.back().at.date();
    int days = c.as_of - last;
    if (days > c.o.stale_days)
      c.sink.add({codes::kCritiqueStaleInProgress, Severity::kWarning, team, w.key,
                  fmt::format("{} {} d", w.key, days), static_cast<double>(days),
                  fmt::format("item {} has been '{}' since {} ({} days, threshold {})", w.key,
                              w.state, last.to_string(), days, c.o.stale_days),
                  c.at(EntityKind::kItem, i, "state"),
                  "ask the owner: blocked (say on what), done, or back to the backlog"});
  }
}

void bus_factor_rule(const Context& c) {
  for (size_t i = 0; i < c.p.items.size(); ++i) {
    const WorkItem& e = c.p.items[i];
    if (e.kind != WorkItemKind::kEpic || !e.team.valid()) continue;
    std::vector<WorkItemId> ls;
    leaves(c.p, WorkItemId{static_cast<uint32_t>(i)}, ls);
    std::set<uint32_t> owners;
    size_t open = 0;
    for (auto l : ls) {
      if (l.index() == i || !open_item(c.p, l)) continue;
      ++open;
      const WorkItem& w = c.p.item(l);
      owners.insert(w.assignee.valid() ? w.assignee.index() : UINT32_MAX);
    }
    if (open < static_cast<size_t>(c.o.bus_factor_items) || owners.size() != 1 ||
        *owners.begin() == UINT32_MAX || c.p.members(e.team).size() < 2)
      continue;
    const std::string& who = c.p.people[*owners.begin()].key;
    c.sink.add({codes::kCritiqueBusFactor, Severity::kInfo, c.p.team(e.team).key, e.key,
                fmt::format("{} ({}, {} items)", e.key, who, open), static_cast<double>(open),
                fmt::format("epic {}: all {} open items are {}'s (bus factor 1; team {} has {} "
                            "people)",
                            e.key, open, who, c.p.team(e.team).key, c.p.members(e.team).size()),
                c.at(EntityKind::kItem, i),
                "pair someone on it or move an item to another member of the team"});
  }
}

void risk_rules(const Context& c) {
  for (size_t i = 0; i < c.p.risks.size(); ++i) {
    const Risk& r = c.p.risks[i];
    if (r.status != RiskStatus::kOpen) continue;
    std::vector<std::string> missing;
    if (!r.owner.valid()) missing.push_back("owner");
    if (r.mitigation.empty()) missing.push_back("mitigation");
    if (!r.trigger_date) missing.push_back("trigger_date (review date)");
    if (missing.empty()) continue;
    c.sink.add({codes::kCritiqueRiskIncomplete, Severity::kWarning, "program", r.key,
                fmt::format("{} (no {})", r.key, fmt::join(missing, ", no ")), r.probability,
                fmt::format("open risk {} '{}' (probability {:.0f} %) has no {}", r.key, r.title,
                            100 * r.probability, fmt::join(missing, ", no ")),
                c.at(EntityKind::kRisk, i),
                "give it " + fmt::format("{}", fmt::join(missing, ", "))});
  }
}

}  // namespace cairn::analysis::critique_detail

#include "analysis/critique_fixes.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

namespace cairn::analysis {
namespace {

bool is_open(const Program& p, WorkItemId id) {
  return p.category(id) != StateCategory::kDone;
}

// Each person's open work: the PERT mean (or the remaining effort) of their open leaf items.
std::vector<double> loads(const Program& p) {
  std::vector<double> out(p.people.size(), 0.0);
  for (size_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& w = p.items[i];
    WorkItemId id{static_cast<uint32_t>(i)};
    if (!w.assignee.valid() || !is_open(p, id) || !p.children(id).empty()) continue;
    out[w.assignee.index()] += w.remaining  ? *w.remaining
                               : w.estimate ? w.estimate->pert_mean()
                                            : 0;
  }
  return out;
}

Edit make(EditKind k, std::string key, std::string person = {}) {
  Edit e;
  e.kind = k;
  e.key = std::move(key);
  e.person = std::move(person);
  return e;
}

// The chain's open leaf items with a team (at most 3): those on the critical path in at least
// critical_index of the trials, else the most critical ones.
std::vector<WorkItemId> chain_items(const Program& p, const forecast::TargetForecast& t,
                                    const CritiqueOptions& o) {
  std::vector<WorkItemId> out;
  for (double floor : {o.critical_index, 0.0}) {
    for (const auto& ci : t.critical_items)
      if (out.size() < 3 && ci.index >= floor && ci.index > 0 && is_open(p, ci.item) &&
          p.item(ci.item).team.valid() && p.children(ci.item).empty())
        out.push_back(ci.item);
    if (!out.empty()) break;
  }
  return out;
}

// The highest priority of the team's other open leaf items.
int top_priority(const Program& p, WorkItemId item) {
  int top = 0;
  for (size_t i = 0; i < p.items.size(); ++i) {
    WorkItemId id{static_cast<uint32_t>(i)};
    const WorkItem& w = p.items[i];
    if (id != item && w.team == p.item(item).team && is_open(p, id) && p.children(id).empty())
      top = std::max(top, w.priority);
  }
  return top;
}

// Move, re-prioritise and split one chain item.
void item_candidates(const Program& p, WorkItemId id, const std::vector<double>& load,
                     std::vector<Edit>& out) {
  const WorkItem& w = p.item(id);
  PersonId best;
  for (PersonId m : p.members(w.team))
    if (m != w.assignee && (!best.valid() || load[m.index()] < load[best.index()])) best = m;
  if (best.valid() && w.assignee.valid())
    out.push_back(make(EditKind::kMoveItem, w.key, p.person(best).key));
  if (int top = top_priority(p, id); w.priority <= top && top < 1000) {
    Edit e = make(EditKind::kPriority, w.key);
    e.priority = top + 1;
    out.push_back(e);
  }
  bool work = w.estimate || w.points || w.remaining;
  if (best.valid() && work && w.basis == EstimateBasis::kEffort)
    out.push_back(make(EditKind::kSplit, w.key, p.person(best).key));
}

std::vector<Edit> candidates(const Program& p, const forecast::TargetForecast& t, size_t milestone,
                             const CritiqueOptions& o) {
  std::vector<Edit> out;
  auto load = loads(p);
  std::set<uint32_t> teams;
  for (WorkItemId id : chain_items(p, t, o)) {
    teams.insert(p.item(id).team.index());
    item_candidates(p, id, load, out);
  }
  for (uint32_t team : teams)
    out.push_back(make(EditKind::kAddPerson, p.teams[team].key));
  // Descope: the milestone's lowest-priority open item that no other milestone needs.
  auto per = p.milestone_leaf_items();
  std::set<uint32_t> elsewhere;
  for (size_t m = 0; m < per.size(); ++m)
    if (m != milestone)
      for (auto id : per[m])
        elsewhere.insert(id.index());
  std::optional<WorkItemId> low;
  size_t open = 0;
  for (auto id : per[milestone]) {
    if (!is_open(p, id)) continue;
    ++open;
    if (elsewhere.contains(id.index())) continue;
    if (!low || p.item(id).priority <= p.item(*low).priority) low = id;
  }
  if (low && open >= 2) out.push_back(make(EditKind::kDescope, p.item(*low).key));
  return out;
}

std::string describe(const Edit& e) {
  switch (e.kind) {
    case EditKind::kMoveItem:
      return fmt::format("move {} to {}", e.key, e.person);
    case EditKind::kAddPerson:
      return fmt::format("add a person to {}", e.key);
    case EditKind::kDescope:
      return fmt::format("descope {}", e.key);
    case EditKind::kPriority:
      return fmt::format("raise {}'s priority to {}", e.key, e.priority);
    case EditKind::kSplit:
      return fmt::format("split {} with {}", e.key, e.person);
    default:
      return e.text();
  }
}

std::optional<CritiqueFix> measure(const Program& p, const Edit& e, size_t milestone,
                                   const forecast::ProgramForecast& before,
                                   const forecast::ForecastOptions& fo, Diagnostics& scratch) {
  Edit edits[] = {e};
  auto edited = apply_edits(p, edits);
  if (!edited) return std::nullopt;
  auto after = forecast::forecast_program(*edited, fo, scratch);
  if (!after || milestone >= after->milestones.size() || milestone >= before.milestones.size())
    return std::nullopt;
  const auto& b = before.milestones[milestone];
  const auto& a = after->milestones[milestone];
  CritiqueFix f{b.key,
                e,
                b.p85,
                a.p85,
                working_day_change(p.calendar, b.p85, a.p85),
                b.on_time_probability,
                a.on_time_probability,
                {}};
  f.text = fmt::format("{}: {} P85 {:+d} working days, on time {:.0f} % -> {:.0f} %", describe(e),
                       b.key, f.p85_days, 100 * f.on_time_before.value_or(0),
                       100 * f.on_time_after.value_or(0));
  return f;
}

// Higher on-time odds first (in whole percent, as they read), then the earlier P85.
bool better(const CritiqueFix& a, const CritiqueFix& b) {
  double oa = std::round(100 * a.on_time_after.value_or(0));
  double ob = std::round(100 * b.on_time_after.value_or(0));
  if (oa != ob) return oa > ob;
  return a.p85_days < b.p85_days;
}

bool helps(const CritiqueFix& f) {
  return f.p85_days < 0 || f.on_time_after.value_or(0) > f.on_time_before.value_or(0);
}

}  // namespace

std::vector<CritiqueFix> measured_fixes(const Program& p, const FixBaselines& base,
                                        size_t milestone, const CritiqueOptions& o,
                                        size_t& screened, Diagnostics& scratch) {
  std::vector<CritiqueFix> tried;
  for (const Edit& e : candidates(p, base.full.milestones[milestone], milestone, o)) {
    ++screened;
    auto f = measure(p, e, milestone, base.screen, base.screen_options, scratch);
    if (f && helps(*f)) tried.push_back(*f);
  }
  std::stable_sort(tried.begin(), tried.end(), better);
  if (tried.size() > static_cast<size_t>(o.fixes)) tried.resize(o.fixes);
  std::vector<CritiqueFix> out;
  for (const auto& f : tried)
    if (auto c = measure(p, f.edit, milestone, base.full, base.full_options, scratch);
        c && helps(*c))
      out.push_back(*c);
  std::stable_sort(out.begin(), out.end(), better);
  return out;
}

}  // namespace cairn::analysis

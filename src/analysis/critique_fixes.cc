#include "analysis/critique_fixes.h"

#include <algorithm>
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

std::vector<Edit> candidates(const Program& p, const forecast::TargetForecast& t, size_t milestone,
                             const CritiqueOptions& o) {
  std::vector<Edit> out;
  auto load = loads(p);
  std::set<uint32_t> teams;
  size_t taken = 0;
  for (const auto& ci : t.critical_items) {
    if (ci.index < o.critical_index || !is_open(p, ci.item) || taken == 3) continue;
    const WorkItem& w = p.item(ci.item);
    if (!w.team.valid() || !p.children(ci.item).empty()) continue;
    ++taken;
    teams.insert(w.team.index());
    if (!w.assignee.valid()) continue;
    PersonId best;
    for (PersonId m : p.members(w.team))
      if (m != w.assignee && (!best.valid() || load[m.index()] < load[best.index()])) best = m;
    if (best.valid()) out.push_back(make(EditKind::kMoveItem, w.key, p.person(best).key));
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
    default:
      return e.text();
  }
}

std::optional<CritiqueFix> measure(const Program& p, const Edit& e, size_t milestone,
                                   const forecast::ForecastOptions& fo, Diagnostics& scratch) {
  Edit edits[] = {e};
  auto r = whatif(p, edits, fo, scratch);
  if (!r || milestone >= r->milestones.size()) return std::nullopt;
  const auto& m = r->milestones[milestone];
  CritiqueFix f{m.key,           e, m.before.p85, m.after.p85, m.p85_days, m.before.on_time,
                m.after.on_time, {}};
  f.text = fmt::format("{}: {} P85 {:+d} working days, on time {:.0f} % -> {:.0f} %", describe(e),
                       m.key, f.p85_days, 100 * f.on_time_before.value_or(0),
                       100 * f.on_time_after.value_or(0));
  return f;
}

// Higher on-time odds first, then the earlier P85.
bool better(const CritiqueFix& a, const CritiqueFix& b) {
  double oa = a.on_time_after.value_or(0), ob = b.on_time_after.value_or(0);
  if (oa != ob) return oa > ob;
  return a.p85_days < b.p85_days;
}

bool helps(const CritiqueFix& f) {
  return f.p85_days < 0 || f.on_time_after.value_or(0) > f.on_time_before.value_or(0);
}

}  // namespace

std::vector<CritiqueFix> measured_fixes(const Program& p, const forecast::TargetForecast& t,
                                        size_t milestone, const CritiqueOptions& o,
                                        size_t& screened, Diagnostics& scratch) {
  forecast::ForecastOptions screen = o.forecast;
  screen.trials = std::min(o.screen_trials, o.forecast.trials);
  screen.ablation_trials = 0;
  screen.effect_drivers = 0;
  std::vector<CritiqueFix> tried;
  for (const Edit& e : candidates(p, t, milestone, o)) {
    ++screened;
    if (auto f = measure(p, e, milestone, screen, scratch); f && helps(*f)) tried.push_back(*f);
  }
  std::sort(tried.begin(), tried.end(), better);
  if (tried.size() > static_cast<size_t>(o.fixes)) tried.resize(o.fixes);
  forecast::ForecastOptions full = screen;
  full.trials = o.forecast.trials;
  std::vector<CritiqueFix> out;
  for (const auto& f : tried)
    if (auto c = measure(p, f.edit, milestone, full, scratch); c && helps(*c)) out.push_back(*c);
  std::stable_sort(out.begin(), out.end(), better);
  return out;
}

}  // namespace cairn::analysis

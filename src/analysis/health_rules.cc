#include "analysis/health_rules.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analysis/risks.h"

namespace cairn::analysis::health_detail {
namespace {

std::string pct(double p) {
  return fmt::format("{:.0f} %", 100 * p);
}

void add(HealthStatus& s, std::string rule, std::optional<Rag> rag, std::string text,
         std::optional<double> value = {}, std::optional<double> limit = {}) {
  s.reasons.push_back({std::move(rule), rag, std::move(text), value, limit});
  if (rag) s.rag = worst(s.rag, *rag);
}

// The threshold a value was judged against: the one crossed, else the amber one.
double crossed(Rag r, double red, double amber) {
  return r == Rag::kRed ? red : amber;
}

bool open_item(const Program& p, WorkItemId id) {
  return p.category(id) != StateCategory::kDone;
}

bool is_leaf(const Program& p, WorkItemId id) {
  return p.children(id).empty();
}

bool contains_ci(std::string_view text, std::string_view word) {
  auto it = std::search(text.begin(), text.end(), word.begin(), word.end(),
                        [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  return it != text.end();
}

// Blocked: the state or a label says so, or in progress with a finish-start predecessor not done
// (it cannot finish before its input exists).
std::optional<std::string> blocked_reason(const Program& p, WorkItemId id) {
  const WorkItem& w = p.item(id);
  if (contains_ci(w.state, "block")) return "state '" + w.state + "'";
  for (const auto& l : w.labels)
    if (contains_ci(l, "blocked")) return "label '" + l + "'";
  if (p.category(id) != StateCategory::kInProgress) return std::nullopt;
  for (const auto& d : p.dependencies)
    if (d.successor == id && d.type == DependencyType::kFinishStart && open_item(p, d.predecessor))
      return "waits for " + p.item(d.predecessor).key;
  return std::nullopt;
}

std::optional<int> stale_days(const Facts& x, WorkItemId id) {
  const WorkItem& w = x.p.item(id);
  if (x.p.category(id) != StateCategory::kInProgress || w.history.empty()) return std::nullopt;
  int days = x.as_of - w.history.back().at.date();
  if (days <= x.t.stale_days) return std::nullopt;
  return days;
}

bool has_work(const WorkItem& w) {
  return w.estimate || w.points || w.remaining;
}

// Someone with time could do it: an assignee or seat candidate, else a team member, with
// allocation > 0.
bool has_capacity(const Program& p, const WorkItem& w) {
  std::vector<PersonId> who;
  if (!w.allocations.empty()) {
    for (const auto& a : w.allocations)
      who.insert(who.end(), a.candidates.begin(), a.candidates.end());
  } else if (w.assignee.valid()) {
    who.push_back(w.assignee);
  } else if (w.team.valid()) {
    who = p.members(w.team);
  }
  return std::any_of(who.begin(), who.end(),
                     [&](PersonId id) { return p.person(id).allocation > 0; });
}

int risk_score(const Risk& r) {
  double days = r.impact ? r.impact->pert_mean() : 0;
  return probability_band(r.probability) * impact_band(days);
}

bool high_risk(const Facts& x, const Risk& r) {
  return r.status == RiskStatus::kOpen && risk_score(r) >= x.t.risk_high_score;
}

std::string risk_text(const Risk& r) {
  return fmt::format("{} '{}' ({} × {:.1f} days = {:.1f} days exposure{})", r.key, r.title,
                     pct(r.probability), r.impact ? r.impact->pert_mean() : 0.0,
                     risk_exposure(r, 0).days, r.mitigation.empty() ? ", no mitigation" : "");
}

// The open high risks on milestone `m`: on it, or on one of its items or their ancestors.
std::vector<const Risk*> milestone_risks(const Facts& x, size_t m) {
  std::set<uint32_t> in_scope;
  for (WorkItemId id : x.scope[m])
    for (WorkItemId a = id; a.valid(); a = x.p.item(a).parent)
      in_scope.insert(a.index());
  for (WorkItemId id : x.p.milestones[m].items)
    in_scope.insert(id.index());
  std::vector<const Risk*> out;
  for (const Risk& r : x.p.risks) {
    if (!high_risk(x, r)) continue;
    bool hits = std::any_of(r.milestones.begin(), r.milestones.end(),
                            [&](MilestoneId id) { return id.index() == m; }) ||
                std::any_of(r.items.begin(), r.items.end(),
                            [&](WorkItemId id) { return in_scope.count(id.index()) > 0; });
    if (hits) out.push_back(&r);
  }
  return out;
}

bool dep_at_risk(const DepFacts& d) {
  return !d.delivered && d.need_by && d.p85 && *d.p85 > *d.need_by;
}

std::string dep_text(const Facts& x, const DepFacts& d) {
  const Dependency& dep = x.p.dependencies[d.index];
  return fmt::format("{} ({}) -> {} ({}): provider P85 {}, need-by {}, {} met",
                     x.p.item(dep.predecessor).key, x.p.team(d.provider).key,
                     x.p.item(dep.successor).key, x.p.team(d.consumer).key, d.p85->to_string(),
                     d.need_by->to_string(), pct(d.probability.value_or(0)));
}

// "PAY-151 -> WEB-139 (P85 2027-05-27, need-by 2027-03-31, 49 %)": for lists.
std::string short_dep_text(const Facts& x, const DepFacts& d) {
  const Dependency& dep = x.p.dependencies[d.index];
  return fmt::format("{} -> {} (P85 {}, need-by {}, {})", x.p.item(dep.predecessor).key,
                     x.p.item(dep.successor).key, d.p85->to_string(), d.need_by->to_string(),
                     pct(d.probability.value_or(0)));
}

// The dependencies at risk that `pick` selects, least likely to be met first.
template <typename Pick>
std::vector<std::string> late_dependencies(const Facts& x, Pick pick) {
  std::vector<const DepFacts*> late;
  for (const auto& d : x.deps)
    if (dep_at_risk(d) && pick(d)) late.push_back(&d);
  std::stable_sort(late.begin(), late.end(), [](const DepFacts* a, const DepFacts* b) {
    return a->probability.value_or(0) < b->probability.value_or(0);
  });
  std::vector<std::string> out;
  for (const auto* d : late)
    out.push_back(short_dep_text(x, *d));
  return out;
}

// A count's noun, singular and plural.
struct Noun {
  std::string one, many;
};

void count_reason(HealthStatus& s, const char* rule, const Noun& what,
                  const std::vector<std::string>& items, double red, double amber);

void forecast_reason(const Facts& x, size_t m, HealthStatus& s) {
  const auto& t = x.f.milestones[m];
  if (t.complete) {
    add(s, "forecast", Rag::kGreen, "done: nothing left to do");
    return;
  }
  if (!t.deadline || !t.on_time_probability) {
    add(s, "forecast", std::nullopt,
        fmt::format("P85 {}; no deadline to judge it against", t.p85.to_string()));
    return;
  }
  double on_time = *t.on_time_probability;
  Rag r = below(on_time, x.t.on_time_red, x.t.on_time_amber);
  add(s, "forecast", r,
      fmt::format("P85 {}, deadline {}, {} on time", t.p85.to_string(), t.deadline->to_string(),
                  pct(on_time)),
      on_time, crossed(r, x.t.on_time_red, x.t.on_time_amber));
}

std::optional<Date> find_date(const std::vector<std::pair<std::string, Date>>& v,
                              const std::string& key) {
  for (const auto& [k, d] : v)
    if (k == key) return d;
  return std::nullopt;
}

// The plan's own baseline of a milestone: the latest baseline_finish of its items (last day).
std::optional<Date> plan_baseline(const Facts& x, size_t m) {
  std::optional<Date> out;
  for (WorkItemId id : x.scope[m]) {
    const auto& bf = x.p.item(id).baseline_finish;
    if (!bf) continue;
    Date d = bf->minute_of_day() == 0 ? bf->date() - 1 : bf->date();
    if (!out || d > *out) out = d;
  }
  return out;
}

void slip_reasons(const Facts& x, size_t m, HealthStatus& s) {
  const auto& t = x.f.milestones[m];
  const std::string& key = x.p.milestones[m].key;
  auto slip = [&](const char* rule, Date then, Date now, double red, double amber,
                  const std::string& what) {
    int days = now >= then ? x.p.calendar.working_days_between(then, now)
                           : -x.p.calendar.working_days_between(now, then);
    Rag r = at_least(days, red, amber);
    add(s, rule, r,
        fmt::format("{} {} -> {}: {:+d} working days", what, then.to_string(), now.to_string(),
                    days),
        days, crossed(r, red, amber));
  };
  const auto& ms = x.s.milestones[m];
  if (auto b = find_date(x.history.baseline_dates, key); b && ms.scheduled)
    slip("baseline_slip", *b, ms.date, x.t.slip_red, x.t.slip_amber,
         "scheduled date since baseline " + x.history.baseline);
  else if (auto pb = plan_baseline(x, m); pb && x.s.milestones[m].scheduled)
    slip("baseline_slip", *pb, x.s.milestones[m].date, x.t.slip_red, x.t.slip_amber,
         "scheduled date against the plan's baseline dates");
  if (auto sn = find_date(x.history.snapshot_p85, key))
    slip("snapshot_slip", *sn, t.p85, x.t.snapshot_slip_red, x.t.snapshot_slip_amber,
         "P85 since the snapshot of " + x.history.snapshot_day->to_string());
}

void gate_reasons(const Facts& x, size_t m, HealthStatus& s) {
  const std::string& key = x.p.milestones[m].key;
  std::vector<std::string> unknown;
  for (const auto& g : x.gates) {
    if (g.milestone != key) continue;
    if (g.state == GateState::kFail)
      add(s, "gate", Rag::kAmber, "gate " + g.reason, g.actual, g.threshold);
    else if (g.state == GateState::kUnknown)
      unknown.push_back(g.metric);
  }
  if (!unknown.empty())
    add(s, "gate", std::nullopt,
        fmt::format("gate {} not judged: no measured value (add `actual:`)",
                    fmt::join(unknown, ", ")));
}

}  // namespace

Rag worst(Rag a, Rag b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}
Rag below(double v, double red, double amber) {
  return v < red ? Rag::kRed : v < amber ? Rag::kAmber : Rag::kGreen;
}
Rag at_least(double v, double red, double amber) {
  return v >= red ? Rag::kRed : v >= amber ? Rag::kAmber : Rag::kGreen;
}

std::vector<DepFacts> dependency_facts(const Program& p, const forecast::ProgramForecast& f) {
  std::map<size_t, const forecast::DependencyForecast*> by_dep;
  for (const auto& d : f.dependencies)
    by_dep[d.dependency.index()] = &d;
  std::vector<DepFacts> out;
  for (size_t i = 0; i < p.dependencies.size(); ++i) {
    const Dependency& d = p.dependencies[i];
    DepFacts x;
    x.index = i;
    x.provider = d.provider.valid() ? d.provider : p.item(d.predecessor).team;
    x.consumer = d.consumer.valid() ? d.consumer : p.item(d.successor).team;
    if (x.provider == x.consumer || !x.provider.valid() || !x.consumer.valid()) continue;
    x.need_by = d.need_by;
    // As the deps register: a start-start or start-finish link is delivered once started.
    bool by_start = d.type == DependencyType::kStartStart || d.type == DependencyType::kStartFinish;
    StateCategory c = p.category(d.predecessor);
    x.delivered = by_start ? c != StateCategory::kTodo : c == StateCategory::kDone;
    if (auto it = by_dep.find(i); !x.delivered && it != by_dep.end()) {
      x.p85 = it->second->p85;
      x.probability = it->second->on_time_probability;
    }
    out.push_back(x);
  }
  return out;
}

HealthStatus milestone_health(const Facts& x, size_t m) {
  const Milestone& ms = x.p.milestones[m];
  HealthStatus s{"milestone", ms.key, ms.name};
  forecast_reason(x, m, s);
  if (x.f.milestones[m].complete) return s;
  slip_reasons(x, m, s);
  gate_reasons(x, m, s);
  std::set<uint32_t> scope;
  for (WorkItemId id : x.scope[m])
    scope.insert(id.index());
  auto late = late_dependencies(x, [&](const DepFacts& d) {
    return scope.count(x.p.dependencies[d.index].successor.index()) > 0;
  });
  // Amber however many: the forecast above already carries their effect on the date.
  count_reason(s, "dependency",
               {"cross-team dependency into its scope misses its need-by date",
                "cross-team dependencies into its scope miss their need-by date"},
               late, std::numeric_limits<double>::infinity(), 1);
  for (const Risk* r : milestone_risks(x, m))
    add(s, "risk", Rag::kAmber, "open high risk " + risk_text(*r), risk_score(*r),
        x.t.risk_high_score);
  return s;
}

namespace {

// SPI is judged against an approved plan only (a baseline or the budget's planned curve: against
// today's schedule it measures nothing), CPI only on measured actual cost (the program's budget
// actuals; a team's cost is a run rate, not measured).
void evm_reasons(const Facts& x, const EvmFigures& f, bool measured_cost, HealthStatus& s) {
  if (f.items == 0) return;
  if (f.unestimated > f.items) {
    add(s, "spi", std::nullopt,
        fmt::format("SPI/CPI not judged: {} open items unestimated, {} estimated", f.unestimated,
                    f.items));
    return;
  }
  auto judge = [&](const char* rule, const char* name, std::optional<double> v, double red,
                   double amber, std::string detail, const char* unjudged) {
    if (!v) return;
    if (unjudged) {
      add(s, rule, std::nullopt,
          fmt::format("{} {:.2f} ({}): not judged, {}", name, *v, detail, unjudged));
      return;
    }
    Rag r = below(*v, red, amber);
    add(s, rule, r, fmt::format("{} {:.2f} ({})", name, *v, detail), *v, crossed(r, red, amber));
  };
  judge("spi", "SPI", f.spi, x.t.spi_red, x.t.spi_amber,
        fmt::format("EV {:.0f} of PV {:.0f} {}", f.ev, f.pv, x.evm.unit),
        f.planned_source == "schedule" ? "planned value from today's schedule, no baseline"
                                       : nullptr);
  judge("cpi", "CPI", f.cpi, x.t.cpi_red, x.t.cpi_amber,
        fmt::format("EV {:.0f} for AC {:.0f} {}", f.ev, f.ac, x.evm.unit),
        measured_cost ? nullptr : "actual cost is a staffing run rate, not measured");
}

void count_reason(HealthStatus& s, const char* rule, const Noun& what,
                  const std::vector<std::string>& items, double red, double amber) {
  if (items.empty()) return;
  Rag r = at_least(static_cast<double>(items.size()), red, amber);
  size_t shown = std::min<size_t>(items.size(), 5);
  std::vector<std::string> head(items.begin(), items.begin() + static_cast<ptrdiff_t>(shown));
  add(s, rule, r,
      fmt::format("{} {}: {}{}", items.size(), items.size() == 1 ? what.one : what.many,
                  fmt::join(head, ", "),
                  items.size() > shown ? fmt::format(" and {} more", items.size() - shown) : ""),
      static_cast<double>(items.size()), crossed(r, red, amber));
}

void item_reasons(const Facts& x, TeamId team, HealthStatus& s) {
  std::vector<std::string> blocked, no_capacity;
  std::vector<std::pair<int, std::string>> stale;  // days, text
  for (size_t i = 0; i < x.p.items.size(); ++i) {
    WorkItemId id{static_cast<uint32_t>(i)};
    const WorkItem& w = x.p.items[i];
    if (w.team != team || !open_item(x.p, id) || !is_leaf(x.p, id)) continue;
    if (auto why = blocked_reason(x.p, id)) blocked.push_back(w.key + " (" + *why + ")");
    if (auto days = stale_days(x, id))
      stale.emplace_back(*days, fmt::format("{} ('{}' for {} days)", w.key, w.state, *days));
    if (has_work(w) && !has_capacity(x.p, w)) no_capacity.push_back(w.key);
  }
  count_reason(s, "blocked", {"blocked item", "blocked items"}, blocked, x.t.blocked_red,
               x.t.blocked_amber);
  std::string unchanged = fmt::format("in progress unchanged for over {:g} days", x.t.stale_days);
  std::stable_sort(stale.begin(), stale.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });  // oldest first
  std::vector<std::string> stale_texts;
  for (auto& [_, t] : stale)
    stale_texts.push_back(std::move(t));
  count_reason(s, "stale", {"item " + unchanged, "items " + unchanged}, stale_texts, x.t.stale_red,
               x.t.stale_amber);
  count_reason(s, "no_capacity",
               {"item with work no one has time for (no person with allocation > 0)",
                "items with work no one has time for (no person with allocation > 0)"},
               no_capacity, x.t.no_capacity_red, x.t.no_capacity_red);
}

void overload_reason(const Facts& x, TeamId team, HealthStatus& s) {
  Date from = week_of(x.as_of);
  Date to = from + 7 * static_cast<int>(x.t.overload_weeks);
  std::map<std::pair<std::string, int32_t>, double> excess;  // person-week: largest excess
  for (const auto& o : x.load.over) {
    if (o.week < from || o.week > to) continue;
    PersonId pid = x.p.find_person(o.person);
    if (!pid.valid() || x.p.person(pid).team != team) continue;
    auto& e = excess[{o.person, o.week.days}];
    e = std::max(e, o.excess());
  }
  if (excess.empty()) return;
  std::vector<std::string> weeks;
  for (const auto& [pw, h] : excess)
    weeks.push_back(fmt::format("{} {} +{:.0f} h", pw.first, Date{pw.second}.to_string(), h));
  std::string over = fmt::format("(> {:.0f} % of capacity, the next {:g} weeks)",
                                 100 * (1 + x.t.overload_tolerance), x.t.overload_weeks);
  count_reason(s, "overload",
               {"over-allocated person-week " + over, "over-allocated person-weeks " + over}, weeks,
               x.t.overload_red, x.t.overload_amber);
}

}  // namespace

HealthStatus team_health(const Facts& x, size_t t) {
  const Team& team = x.p.teams[t];
  HealthStatus s{"team", team.key, team.name};
  for (const auto& f : x.evm.teams)
    if (f.key == team.key) evm_reasons(x, f, false, s);
  TeamId id{static_cast<uint32_t>(t)};
  item_reasons(x, id, s);
  overload_reason(x, id, s);
  auto late = late_dependencies(x, [&](const DepFacts& d) { return d.provider == id; });
  count_reason(s, "dependency",
               {"dependency it provides misses its need-by date",
                "dependencies it provides miss their need-by date"},
               late, x.t.late_deliveries_red, x.t.late_deliveries_amber);
  if (s.reasons.empty()) add(s, "teams", Rag::kGreen, "no finding");
  return s;
}

HealthStatus dependency_health(const Facts& x, const DepFacts& d) {
  const Dependency& dep = x.p.dependencies[d.index];
  const std::string& from = x.p.item(dep.predecessor).key;
  const std::string& to = x.p.item(dep.successor).key;
  HealthStatus s{"dependency", from + "->" + to,
                 fmt::format("{} -> {}", x.p.team(d.provider).key, x.p.team(d.consumer).key)};
  if (d.delivered) {
    add(s, "dependency", Rag::kGreen, "delivered: " + from + " is done");
  } else if (!d.need_by || !d.probability || !d.p85) {
    add(s, "dependency", std::nullopt, "no need-by date: not judged");
  } else {
    Rag r = below(*d.probability, x.t.on_time_red, x.t.on_time_amber);
    add(s, "dependency", r, dep_text(x, d), *d.probability,
        crossed(r, x.t.on_time_red, x.t.on_time_amber));
  }
  // at-risk is the worst state an agreement can have: red.
  if (dep.state == CrossTeamState::kAtRisk) s.typed = Rag::kRed;
  if (dep.state == CrossTeamState::kCommitted || dep.state == CrossTeamState::kDelivered)
    s.typed = Rag::kGreen;
  if (s.typed) s.typed_source = std::string("state ") + to_string(*dep.state);
  return s;
}

HealthStatus program_health(const Facts& x, const std::vector<HealthStatus>& milestones,
                            const std::vector<HealthStatus>& teams) {
  HealthStatus s{"program", x.p.key, x.p.name};
  std::vector<std::string> ms[3], ts[3];
  for (const auto& m : milestones)
    ms[static_cast<int>(m.rag)].push_back(m.key);
  for (const auto& t : teams)
    ts[static_cast<int>(t.rag)].push_back(t.key);
  Rag mr = !ms[2].empty() ? Rag::kRed : !ms[1].empty() ? Rag::kAmber : Rag::kGreen;
  // "3 red (M2, M3, M4), 1 amber (M1), 0 green"
  auto tally = [](const std::vector<std::string>* by) {
    auto part = [](const std::vector<std::string>& v, const char* colour) {
      return v.empty() ? fmt::format("0 {}", colour)
                       : fmt::format("{} {} ({})", v.size(), colour, fmt::join(v, ", "));
    };
    return fmt::format("{}, {}, {} green", part(by[2], "red"), part(by[1], "amber"), by[0].size());
  };
  add(s, "milestones", mr, "milestones: " + tally(ms));
  add(s, "teams", ts[2].empty() ? Rag::kGreen : Rag::kAmber, "teams: " + tally(ts));
  evm_reasons(x, x.evm.program, x.evm.actual_source == "budget", s);
  std::vector<std::string> high;
  for (const Risk& r : x.p.risks)
    if (high_risk(x, r)) high.push_back(risk_text(r));
  std::string score = fmt::format("(score >= {:g})", x.t.risk_high_score);
  count_reason(s, "risk", {"open high-exposure risk " + score, "open high-exposure risks " + score},
               high, x.t.high_risks_red, x.t.high_risks_amber);
  if (!x.history.stored && x.history.baseline.empty())
    add(s, "history", std::nullopt,
        "plan file: no stored baseline or forecast snapshot, so no slip over time is judged "
        "(store it with `cairn apply`, then `cairn baseline create` and `cairn snapshot`)");
  else if (x.history.baseline.empty() && !x.history.snapshot_day)
    add(s, "history", std::nullopt,
        "no stored baseline or forecast snapshot: slip over time not judged");
  return s;
}

}  // namespace cairn::analysis::health_detail

#include "analysis/whatif.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

#include "base/codes.h"
#include "base/suggest.h"
#include "model/validate.h"

namespace cairn::analysis {
namespace {

std::unexpected<Error> bad(const Edit& e, const std::string& why, const std::string& hint) {
  return make_error(codes::kUsage, fmt::format("{}: {}", e.text(), why), {}, hint);
}

std::unexpected<Error> bad_value(EditKind k, const std::string& arg, const char* form) {
  return make_error(codes::kUsage,
                    fmt::format("--{} {}: not of the form {}", to_string(k), arg, form), {},
                    fmt::format("write --{} {}", to_string(k), form));
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(from, i - from));
      from = i + 1;
    }
  return out;
}

std::optional<double> number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// The "did you mean" hint for an unknown key of some kind.
template <typename T>
std::string unknown_hint(const std::vector<T>& all, const std::string& key, const char* kind) {
  std::vector<std::string> keys;
  for (const auto& x : all)
    keys.push_back(x.key);
  std::string near = closest(key, keys);
  if (!near.empty()) return fmt::format("did you mean {} '{}'?", kind, near);
  const bool vowel = std::string_view("aeiou").find(kind[0]) != std::string_view::npos;
  return fmt::format("name {} {} of the program (`cairn summary` lists them)", vowel ? "an" : "a",
                     kind);
}

bool is_done(const Program& p, WorkItemId id) {
  return p.category(id) == StateCategory::kDone;
}

// The team's first state of the done category (the default workflow's "Done").
std::string done_state(const Program& p, TeamId team) {
  for (const auto& s : p.workflow(team))
    if (s.category == StateCategory::kDone) return s.name;
  return "Done";
}

// The items of `id`'s subtree (itself first).
std::vector<WorkItemId> subtree(const Program& p, WorkItemId id) {
  std::vector<WorkItemId> out{id};
  for (size_t i = 0; i < out.size(); ++i)
    for (WorkItemId c : p.children(out[i]))
      out.push_back(c);
  return out;
}

Result<void> add_person(Program& p, const Edit& e) {
  TeamId t = p.find_team(e.key);
  if (!t.valid()) return bad(e, "no such team", unknown_hint(p.teams, e.key, "team"));
  if (!(e.fte > 0 && e.fte <= 1))
    return bad(e, fmt::format("FTE {} is not in (0, 1]", e.fte), "give a share of a full day");
  int n = 1;
  while (p.find_person(fmt::format("{}-new-{}", e.key, n)).valid())
    ++n;
  Person per;
  per.key = fmt::format("{}-new-{}", e.key, n);
  per.name = fmt::format("New {} member {}", e.key, n);
  per.team = t;
  per.allocation = 100.0 * e.fte;
  if (e.date && *e.date > p.start)
    per.leave.push_back({{p.start, *e.date - 1}, "joins later (what-if)"});
  p.people.push_back(std::move(per));
  p.reindex();
  return {};
}

Result<void> remove_person(Program& p, const Edit& e) {
  PersonId id = p.find_person(e.key);
  if (!id.valid()) return bad(e, "no such person", unknown_hint(p.people, e.key, "person"));
  // Gone from the status date on: on leave for good and out of the team, so the team's work goes
  // to its other people (or, with none left, is a team without people: docs/scheduling.md).
  Date from = p.as_of.value_or(p.start);
  Person& who = p.people[id.index()];
  who.leave.push_back({{from, from + static_cast<int>(kMaxPlanDays)}, "removed (what-if)"});
  who.team = TeamId{};
  for (size_t i = 0; i < p.items.size(); ++i) {
    WorkItem& w = p.items[i];
    if (is_done(p, WorkItemId{static_cast<uint32_t>(i)})) continue;
    if (w.assignee == id) w.assignee = PersonId{};
    for (auto& a : w.allocations)
      std::erase(a.candidates, id);
    std::erase_if(w.allocations, [](const Allocation& a) { return a.candidates.empty(); });
  }
  return {};
}

Result<WorkItemId> open_leaf(const Program& p, const Edit& e) {
  WorkItemId id = p.find_item(e.key);
  if (!id.valid()) return bad(e, "no such item", unknown_hint(p.items, e.key, "item"));
  if (is_done(p, id)) return bad(e, "the item is done", "name an open item");
  if (!p.children(id).empty())
    return bad(e, "the item is an epic", "name one of its stories or tasks");
  return id;
}

// The open leaf item an edit names and the person it gives it to (move-item, split).
Result<std::pair<WorkItemId, PersonId>> leaf_to_person(const Program& p, const Edit& e) {
  auto id = open_leaf(p, e);
  if (!id) return std::unexpected(id.error());
  PersonId to = p.find_person(e.person);
  if (!to.valid()) return bad(e, "no such person", unknown_hint(p.people, e.person, "person"));
  return std::pair{*id, to};
}

Result<void> move_item(Program& p, const Edit& e) {
  auto it = leaf_to_person(p, e);
  if (!it) return std::unexpected(it.error());
  WorkItem& w = p.items[it->first.index()];
  w.assignee = it->second;
  w.allocations.clear();
  return {};
}

Result<void> set_estimate(Program& p, const Edit& e) {
  auto id = open_leaf(p, e);
  if (!id) return std::unexpected(id.error());
  WorkItem& w = p.items[id->index()];
  w.estimate = e.estimate;
  w.remaining.reset();
  w.points.reset();
  return {};
}

Result<void> descope(Program& p, const Edit& e) {
  WorkItemId id = p.find_item(e.key);
  if (!id.valid()) return bad(e, "no such item", unknown_hint(p.items, e.key, "item"));
  if (is_done(p, id)) return bad(e, "the item is done", "name an open item");
  auto all = subtree(p, id);
  for (WorkItemId x : all)
    if (!is_done(p, x)) p.items[x.index()].state = done_state(p, p.item(x).team);
  for (auto& m : p.milestones)
    std::erase_if(m.items,
                  [&](WorkItemId x) { return std::find(all.begin(), all.end(), x) != all.end(); });
  return {};
}

Result<void> set_risk(Program& p, const Edit& e) {
  RiskId id = p.find_risk(e.key);
  if (!id.valid()) return bad(e, "no such risk", unknown_hint(p.risks, e.key, "risk"));
  Risk& r = p.risks[id.index()];
  if (e.kind == EditKind::kRiskAvoided) {
    r.status = RiskStatus::kClosed;
    return {};
  }
  if (!r.impact) return bad(e, "the risk has no schedule impact", "give the risk an impact first");
  r.status = RiskStatus::kOpen;
  r.probability = 1.0;
  return {};
}

Result<void> set_deadline(Program& p, const Edit& e) {
  MilestoneId id = p.find_milestone(e.key);
  if (!id.valid())
    return bad(e, "no such milestone", unknown_hint(p.milestones, e.key, "milestone"));
  p.milestones[id.index()].deadline = e.date;
  return {};
}

Result<void> set_priority(Program& p, const Edit& e) {
  auto id = open_leaf(p, e);
  if (!id) return std::unexpected(id.error());
  if (e.priority < 1 || e.priority > 1000)
    return bad(e, fmt::format("priority {} is not in 1..1000", e.priority),
               "give a priority from 1 to 1000 (higher first)");
  p.items[id->index()].priority = e.priority;
  return {};
}

// Half of `w`'s work left stays on `w`, the other half is the returned copy's.
WorkItem halve(WorkItem& w) {
  auto scale = [](ThreePoint t, double f) {
    return ThreePoint{t.optimistic * f, t.likely * f, t.pessimistic * f};
  };
  WorkItem half;
  half.team = w.team;
  half.parent = w.parent;
  half.kind = w.kind;
  half.priority = w.priority;
  half.basis = w.basis;
  half.title = w.title + " (split)";
  if (w.remaining && w.estimate && w.estimate->pert_mean() > 0)
    half.estimate = scale(*w.estimate, *w.remaining / w.estimate->pert_mean() / 2);
  else if (w.remaining)
    half.estimate = ThreePoint{*w.remaining / 2, *w.remaining / 2, *w.remaining / 2};
  else if (w.estimate)
    half.estimate = scale(*w.estimate, 0.5);
  if (w.points) half.points = *w.points / 2;
  if (w.remaining)
    *w.remaining /= 2;
  else if (w.estimate)
    w.estimate = scale(*w.estimate, 0.5);
  if (w.points) *w.points /= 2;
  return half;
}

Result<void> split_item(Program& p, const Edit& e) {
  auto it = leaf_to_person(p, e);
  if (!it) return std::unexpected(it.error());
  auto [id, to] = *it;
  WorkItem& w = p.items[id.index()];
  if (!w.estimate && !w.points && !w.remaining)
    return bad(e, "the item has no estimate to share", "estimate it first (--estimate)");
  if (w.basis != EstimateBasis::kEffort)
    return bad(e, "only effort can be shared", "split an item whose estimate is effort");
  WorkItem half = halve(w);
  half.assignee = to;
  int n = 1;
  half.key = e.key + "-split";
  while (p.find_item(half.key).valid())
    half.key = fmt::format("{}-split-{}", e.key, ++n);
  WorkItemId nid{static_cast<uint32_t>(p.items.size())};
  for (size_t i = 0, deps = p.dependencies.size(); i < deps; ++i) {
    Dependency d = p.dependencies[i];
    if (d.predecessor != id && d.successor != id) continue;
    (d.predecessor == id ? d.predecessor : d.successor) = nid;
    p.dependencies.push_back(d);
  }
  for (auto& m : p.milestones)
    if (std::find(m.items.begin(), m.items.end(), id) != m.items.end()) m.items.push_back(nid);
  p.items.push_back(std::move(half));
  p.reindex();
  return {};
}

WhatIfSide side(const forecast::TargetForecast& t) {
  return {t.deadline, t.scheduled, t.p50, t.p85, t.on_time_probability, t.complete};
}

WhatIfTarget target(const WorkingCalendar& cal, const forecast::TargetForecast& b,
                    const forecast::TargetForecast& a) {
  return {b.key, b.name, side(b), side(a), working_day_change(cal, b.p85, a.p85)};
}

}  // namespace

int working_day_change(const WorkingCalendar& cal, Date before, Date after) {
  return after < before ? -cal.working_days_between(after, before)
                        : cal.working_days_between(before, after);
}

const char* to_string(EditKind k) {
  switch (k) {
    case EditKind::kAddPerson:
      return "add-person";
    case EditKind::kRemovePerson:
      return "remove-person";
    case EditKind::kMoveItem:
      return "move-item";
    case EditKind::kEstimate:
      return "estimate";
    case EditKind::kDescope:
      return "descope";
    case EditKind::kRiskOccurs:
      return "risk-occurs";
    case EditKind::kRiskAvoided:
      return "risk-avoided";
    case EditKind::kDeadline:
      return "deadline";
    case EditKind::kPriority:
      return "priority";
    case EditKind::kSplit:
      return "split";
  }
  return "?";
}

std::string Edit::text() const {
  std::string arg = key;
  switch (kind) {
    case EditKind::kAddPerson:
      arg += fmt::format(":{}", fte);
      if (date) arg += ":" + date->to_string();
      break;
    case EditKind::kMoveItem:
    case EditKind::kSplit:
      arg += ":" + person;
      break;
    case EditKind::kPriority:
      arg += fmt::format(":{}", priority);
      break;
    case EditKind::kEstimate:
      if (estimate)
        arg +=
            fmt::format(":{},{},{}", estimate->optimistic, estimate->likely, estimate->pessimistic);
      break;
    case EditKind::kDeadline:
      arg += ":" + (date ? date->to_string() : std::string("?"));
      break;
    default:
      break;
  }
  return fmt::format("--{} {}", to_string(kind), arg);
}

Result<Edit> parse_edit(EditKind kind, const std::string& arg) {
  Edit e{.kind = kind};
  auto parts = split(arg, ':');
  e.key = parts[0];
  switch (kind) {
    case EditKind::kAddPerson: {
      const char* form = "TEAM[:FTE[:YYYY-MM-DD]]";
      if (parts.size() > 3 || e.key.empty()) return bad_value(kind, arg, form);
      if (parts.size() > 1) {
        auto f = number(parts[1]);  // its range is checked with the team (add_person)
        if (!f) return bad_value(kind, arg, form);
        e.fte = *f;
      }
      if (parts.size() > 2 && !(e.date = Date::parse(parts[2]))) return bad_value(kind, arg, form);
      return e;
    }
    case EditKind::kMoveItem:
    case EditKind::kSplit:
      if (parts.size() != 2 || e.key.empty() || parts[1].empty())
        return bad_value(kind, arg, "ITEM:PERSON");
      e.person = parts[1];
      return e;
    case EditKind::kPriority: {
      auto n = parts.size() == 2 ? number(parts[1]) : std::nullopt;
      if (!n || e.key.empty() || *n != std::floor(*n) || *n < 1 || *n > 1000)
        return bad_value(kind, arg, "ITEM:PRIORITY (1..1000)");
      e.priority = static_cast<int>(*n);
      return e;
    }
    case EditKind::kEstimate: {
      const std::string form =
          fmt::format("ITEM:OPTIMISTIC,LIKELY,PESSIMISTIC (working days, 0 <= o <= m <= p <= {})",
                      kMaxPlanDays);
      if (parts.size() != 2 || e.key.empty()) return bad_value(kind, arg, form.c_str());
      auto v = split(parts[1], ',');
      if (v.size() != 3) return bad_value(kind, arg, form.c_str());
      auto o = number(v[0]), m = number(v[1]), p = number(v[2]);
      if (!o || !m || !p || *o < 0 || *o > *m || *m > *p || *p > kMaxPlanDays)
        return bad_value(kind, arg, form.c_str());
      e.estimate = ThreePoint{*o, *m, *p};
      return e;
    }
    case EditKind::kDeadline:
      if (parts.size() != 2 || !(e.date = Date::parse(parts[1])))
        return bad_value(kind, arg, "MILESTONE:YYYY-MM-DD");
      return e;
    default:
      if (parts.size() != 1 || e.key.empty()) return bad_value(kind, arg, "KEY");
      return e;
  }
}

Result<Program> apply_edits(const Program& program, std::span<const Edit> edits) {
  Program p = program;
  p.reindex();
  for (const Edit& e : edits) {
    Result<void> r;
    switch (e.kind) {
      case EditKind::kAddPerson:
        r = add_person(p, e);
        break;
      case EditKind::kRemovePerson:
        r = remove_person(p, e);
        break;
      case EditKind::kMoveItem:
        r = move_item(p, e);
        break;
      case EditKind::kEstimate:
        r = set_estimate(p, e);
        break;
      case EditKind::kDescope:
        r = descope(p, e);
        break;
      case EditKind::kRiskOccurs:
      case EditKind::kRiskAvoided:
        r = set_risk(p, e);
        break;
      case EditKind::kDeadline:
        r = set_deadline(p, e);
        break;
      case EditKind::kPriority:
        r = set_priority(p, e);
        break;
      case EditKind::kSplit:
        r = split_item(p, e);
        break;
    }
    if (!r) return std::unexpected(r.error());
  }
  // A removal that leaves a team nobody, with open work no one else is named for, has no answer
  // (the team's items would wait for no one): say so instead of timing them some other way.
  for (const Edit& e : edits) {
    if (e.kind != EditKind::kRemovePerson) continue;
    const PersonId gone = program.find_person(e.key);
    const TeamId t = gone.valid() ? program.people[gone.index()].team : TeamId{};
    if (!t.valid() || !p.members(t).empty()) continue;
    for (size_t i = 0; i < p.items.size(); ++i) {
      const WorkItem& w = p.items[i];
      const WorkItemId id{static_cast<uint32_t>(i)};
      if (w.team != t || w.assignee.valid() || !w.allocations.empty() || is_done(p, id) ||
          !p.children(id).empty())
        continue;
      return bad(e,
                 fmt::format("team {} has nobody left, and its open item {} no one else to do it",
                             p.teams[t.index()].key, w.key),
                 fmt::format("add someone in the same what-if (--add-person {}), or give the "
                             "item to someone (--move-item {}:PERSON)",
                             p.teams[t.index()].key, w.key));
    }
  }
  return p;
}

Result<WhatIfReport> whatif(const Program& program, std::span<const Edit> edits,
                            const forecast::ForecastOptions& options, Diagnostics& diags) {
  auto edited = apply_edits(program, edits);
  if (!edited) return std::unexpected(edited.error());
  Diagnostics db, da;
  auto before = forecast::forecast_program(program, options, db);
  if (!before) return std::unexpected(before.error());
  auto after = forecast::forecast_program(*edited, options, da);
  if (!after) return std::unexpected(after.error());
  diags.merge(db);
  for (const auto& d : da.items()) {
    bool seen = false;
    for (const auto& o : db.items())
      seen = seen || (o.id == d.id && o.message == d.message);
    if (!seen) diags.add(d);
  }
  WhatIfReport r;
  r.as_of = before->as_of;
  r.trials = before->trials;
  r.seed = before->seed;
  r.edits.assign(edits.begin(), edits.end());
  r.program = target(program.calendar, before->program, after->program);
  for (size_t m = 0; m < before->milestones.size() && m < after->milestones.size(); ++m)
    r.milestones.push_back(target(program.calendar, before->milestones[m], after->milestones[m]));
  return r;
}

}  // namespace cairn::analysis

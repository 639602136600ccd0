// Writing a Program as the canonical plan document (JSON or YAML). See docs/plan-format.md.
#include <cmath>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "model/enums.h"
#include "plan/plan.h"

namespace cairn::plan {
namespace {

using json = nlohmann::ordered_json;

json number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
    return json(static_cast<int64_t>(v));
  return json(v);
}

json three_point(const ThreePoint& t) {
  return json::array({number(t.optimistic), number(t.likely), number(t.pessimistic)});
}

// A calendar; holidays that `base` has too are left out (a person's calendar starts from the
// program's).
json calendar_json(const WorkingCalendar& cal, const WorkingCalendar* base) {
  json c = json::object();
  json days = json::array();
  for (Weekday w : cal.weekdays())
    days.push_back(weekday_name(w));
  c["weekdays"] = days;
  // Hours: the pattern of the first worked weekday (the format has one pattern for all days).
  auto wd = cal.weekdays();
  if (!wd.empty()) {
    json hours = json::array();
    int minutes = 0;
    for (const auto& r : cal.hours(wd.front())) {
      hours.push_back(to_string(r));
      minutes += r.end_minute - r.start_minute;
    }
    c["hours"] = hours;
    if (minutes != cal.day_minutes()) c["day_hours"] = number(cal.day_minutes() / 60.0);
  }
  json hol = json::array();
  for (const auto& h : cal.holidays()) {
    if (base && base->is_holiday(h.date)) continue;
    if (h.name.empty())
      hol.push_back(h.date.to_string());
    else
      hol.push_back(json{{"date", h.date.to_string()}, {"name", h.name}});
  }
  if (!hol.empty()) c["holidays"] = hol;
  return c;
}

// A shift: weekdays and one hours list when every worked weekday has the same hours, else hours
// per weekday.
json shifts_json(const std::vector<Shift>& shifts) {
  json out = json::array();
  for (const Shift& sh : shifts) {
    json o{{"from", sh.dates.from.to_string()}, {"to", sh.dates.to.to_string()}};
    const std::vector<TimeRange>* first = nullptr;
    bool uniform = true;
    json days = json::array();
    for (int w = 0; w < 7; ++w) {
      if (sh.hours[w].empty()) continue;
      days.push_back(weekday_name(static_cast<Weekday>(w)));
      if (!first) first = &sh.hours[w];
      uniform = uniform && sh.hours[w] == *first;
    }
    auto ranges = [](const std::vector<TimeRange>& v) {
      json a = json::array();
      for (const auto& r : v)
        a.push_back(to_string(r));
      return a;
    };
    if (uniform) {
      o["weekdays"] = days;
      if (first) o["hours"] = ranges(*first);
    } else {
      json h = json::object();
      for (int w = 0; w < 7; ++w)
        if (!sh.hours[w].empty()) h[weekday_name(static_cast<Weekday>(w))] = ranges(sh.hours[w]);
      o["hours"] = h;
    }
    if (!sh.leave.empty()) {
      json lv = json::array();
      for (Date d : sh.leave)
        lv.push_back(d.to_string());
      o["leave"] = lv;
    }
    if (sh.replace) o["replace"] = true;
    out.push_back(o);
  }
  return out;
}

template <typename IdT, typename Vec>
json keys(const Vec& ids, const auto& entities) {
  json out = json::array();
  for (IdT id : ids)
    out.push_back(entities[id.index()].key);
  return out;
}

void emit(YAML::Emitter& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object:
      out << YAML::BeginMap;
      for (auto it = j.begin(); it != j.end(); ++it) {
        out << YAML::Key << it.key() << YAML::Value;
        emit(out, it.value());
      }
      out << YAML::EndMap;
      break;
    case json::value_t::array: {
      bool flat = !j.empty() && j.size() <= 8 &&
                  std::all_of(j.begin(), j.end(), [](const json& e) { return e.is_primitive(); });
      if (flat) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& e : j)
        emit(out, e);
      out << YAML::EndSeq;
      break;
    }
    case json::value_t::string:
      out << YAML::DoubleQuoted << j.get<std::string>();
      break;
    case json::value_t::boolean:
      out << j.get<bool>();
      break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      out << j.get<int64_t>();
      break;
    case json::value_t::number_float:
      // The shortest text that reads back as the same double (fmt's "{}"), so YAML round-trips.
      out << fmt::format("{}", j.get<double>());
      break;
    default:
      out << YAML::Null;
  }
}

// ---- one function per mapping of the document, fields in canonical order (plan/fields.h) ----

json program_json(const Program& p) {
  json prog = json::object();
  prog["key"] = p.key;
  if (!p.name.empty()) prog["name"] = p.name;
  if (!p.goal.empty()) prog["goal"] = p.goal;
  prog["start"] = p.start.to_string();
  if (p.as_of) prog["as_of"] = p.as_of->to_string();
  prog["currency"] = p.currency;
  prog["calendar"] = calendar_json(p.calendar, nullptr);
  return prog;
}

json team_json(const Team& t) {
  json o{{"key", t.key}};
  if (!t.name.empty()) o["name"] = t.name;
  o["method"] = to_string(t.method);
  if (!t.workflow.empty()) {
    json wf = json::array();
    for (const auto& s : t.workflow) {
      json so{{"name", s.name}, {"category", to_string(s.category)}};
      if (s.active != (s.category == StateCategory::kInProgress)) so["active"] = s.active;
      if (s.wip_limit) so["wip"] = *s.wip_limit;
      wf.push_back(so);
    }
    o["workflow"] = wf;
  }
  if (!t.channels.empty()) {
    json ch = json::array();
    for (const auto& c : t.channels) {
      json co = json::object();
      if (!c.kind.empty()) co["kind"] = c.kind;
      co["name"] = c.name;
      if (!c.purpose.empty()) co["purpose"] = c.purpose;
      ch.push_back(co);
    }
    o["channels"] = ch;
  }
  return o;
}

json person_json(const Program& p, const Person& per) {
  json o{{"key", per.key}};
  if (!per.name.empty()) o["name"] = per.name;
  if (!per.email.empty()) o["email"] = per.email;
  if (per.team.valid()) o["team"] = p.team(per.team).key;
  if (per.allocation != 100) o["allocation"] = number(per.allocation);
  if (per.cost_per_day != 0) o["cost_per_day"] = number(per.cost_per_day);
  if (!per.leave.empty()) {
    json lv = json::array();
    for (const auto& l : per.leave) {
      json lo{{"from", l.dates.from.to_string()}, {"to", l.dates.to.to_string()}};
      if (!l.reason.empty()) lo["reason"] = l.reason;
      lv.push_back(lo);
    }
    o["leave"] = lv;
  }
  if (!per.skills.empty()) o["skills"] = per.skills;
  if (per.calendar) o["calendar"] = calendar_json(*per.calendar, &p.calendar);
  if (!per.shifts.empty()) o["shifts"] = shifts_json(per.shifts);
  return o;
}

json milestone_json(const Program& p, const Milestone& m) {
  json o{{"key", m.key}};
  if (!m.name.empty()) o["name"] = m.name;
  if (m.deadline) o["deadline"] = m.deadline->to_string();
  if (!m.items.empty()) o["items"] = keys<WorkItemId>(m.items, p.items);
  if (!m.gates.empty()) {
    json gates = json::array();
    for (const auto& g : m.gates) {
      json go{{"metric", g.metric},
              {"op", to_string(g.comparison)},
              {"threshold", number(g.threshold)}};
      if (g.actual) go["actual"] = number(*g.actual);
      gates.push_back(go);
    }
    o["gates"] = gates;
  }
  return o;
}

// An item's seats: a person, a list of alternatives, or {people, mandatory, shifts}.
json allocations_json(const Program& p, const WorkItem& it) {
  json al = json::array();
  for (const auto& a : it.allocations) {
    json people = a.candidates.size() == 1 ? json(p.person(a.candidates.front()).key)
                                           : keys<PersonId>(a.candidates, p.people);
    if (a.mandatory || !a.shifts.empty()) {
      json seat{{"people", people}};
      if (a.mandatory) seat["mandatory"] = true;
      if (!a.shifts.empty()) seat["shifts"] = shifts_json(a.shifts);
      al.push_back(seat);
    } else {
      al.push_back(people);
    }
  }
  return al;
}

json limits_json(const Program& p, const WorkItem& it) {
  static const char* const kPer[] = {"day", "week", "month", "30-days"};
  json lims = json::array();
  for (const auto& l : it.limits) {
    json lo{{"per", kPer[static_cast<int>(l.per)]}, {"hours", number(l.hours)}};
    if (!l.people.empty()) lo["people"] = keys<PersonId>(l.people, p.people);
    if (l.from) lo["from"] = l.from->to_string();
    if (l.until) lo["until"] = l.until->to_string();
    lims.push_back(lo);
  }
  return lims;
}

json bookings_json(const Program& p, const WorkItem& it) {
  json bks = json::array();
  for (const auto& b : it.bookings) {
    json bo{{"person", b.person.valid() ? p.person(b.person).key : std::string()},
            {"start", b.start.to_string()},
            {"end", b.end.to_string()}};
    if (b.counts != BookingCounts::kWorkingTime) bo["counts"] = to_string(b.counts);
    bks.push_back(bo);
  }
  return bks;
}

json item_json(const Program& p, const WorkItem& it) {
  json o{{"key", it.key}};
  if (!it.title.empty()) o["title"] = it.title;
  o["kind"] = to_string(it.kind);
  if (it.parent.valid()) o["parent"] = p.item(it.parent).key;
  if (it.team.valid()) o["team"] = p.team(it.team).key;
  if (it.assignee.valid()) o["assignee"] = p.person(it.assignee).key;
  if (!it.allocations.empty()) o["allocate"] = allocations_json(p, it);
  if (it.basis != EstimateBasis::kEffort) o["basis"] = to_string(it.basis);
  if (it.estimate) o["estimate"] = three_point(*it.estimate);
  if (it.points) o["points"] = number(*it.points);
  if (it.remaining) o["remaining"] = number(*it.remaining);
  if (!it.state.empty()) o["state"] = it.state;
  if (!it.history.empty()) {
    json h = json::array();
    for (const auto& c : it.history)
      h.push_back(json{{"state", c.state}, {"at", c.at.to_string()}});
    o["history"] = h;
  }
  if (it.created) o["created"] = it.created->to_string();
  if (it.start_no_earlier_than) {
    const DateTime& t = *it.start_no_earlier_than;
    o["start_no_earlier_than"] =
        t.minute_of_day() == 0 && t.seconds % 60 == 0 ? t.date().to_string() : t.to_string();
  }
  if (it.finish_no_later_than) o["finish_no_later_than"] = it.finish_no_later_than->to_string();
  if (it.alap) o["alap"] = true;
  if (!it.limits.empty()) o["limits"] = limits_json(p, it);
  if (!it.shifts.empty()) o["shifts"] = shifts_json(it.shifts);
  if (!it.bookings.empty()) o["bookings"] = bookings_json(p, it);
  if (it.baseline_start) o["baseline_start"] = it.baseline_start->to_string();
  if (it.baseline_finish) o["baseline_finish"] = it.baseline_finish->to_string();
  if (it.due) o["due"] = it.due->to_string();
  if (it.priority != 500) o["priority"] = it.priority;
  if (!it.link.empty()) o["link"] = it.link;
  if (!it.labels.empty()) o["labels"] = it.labels;
  return o;
}

json dependency_json(const Program& p, const Dependency& d) {
  json o{{"from", p.item(d.predecessor).key}, {"to", p.item(d.successor).key}};
  if (d.type != DependencyType::kFinishStart) o["type"] = to_string(d.type);
  if (d.lag != 0) o["lag"] = number(d.lag);
  if (d.lag_unit != LagUnit::kWorkingDays) o["lag_unit"] = to_string(d.lag_unit);
  TeamId a = p.item(d.predecessor).team, b = p.item(d.successor).team;
  bool default_teams = a.valid() && b.valid() && a != b && d.provider == a && d.consumer == b;
  if (!default_teams) {
    if (d.provider.valid()) o["provider"] = p.team(d.provider).key;
    if (d.consumer.valid()) o["consumer"] = p.team(d.consumer).key;
  }
  if (d.need_by) o["need_by"] = d.need_by->to_string();
  if (d.state) o["state"] = to_string(*d.state);
  return o;
}

json risk_json(const Program& p, const Risk& r) {
  json o{{"key", r.key}};
  if (!r.title.empty()) o["title"] = r.title;
  o["probability"] = number(r.probability);
  if (r.impact) o["impact"] = three_point(*r.impact);
  if (r.cost_impact != 0) o["cost_impact"] = number(r.cost_impact);
  if (!r.items.empty()) o["items"] = keys<WorkItemId>(r.items, p.items);
  if (!r.milestones.empty()) o["milestones"] = keys<MilestoneId>(r.milestones, p.milestones);
  if (r.owner.valid()) o["owner"] = p.person(r.owner).key;
  if (!r.mitigation.empty()) o["mitigation"] = r.mitigation;
  if (r.trigger_date) o["trigger_date"] = r.trigger_date->to_string();
  o["status"] = to_string(r.status);
  return o;
}

json sprint_json(const Program& p, const Sprint& s) {
  json o{{"key", s.key}};
  if (!s.name.empty()) o["name"] = s.name;
  if (s.team.valid()) o["team"] = p.team(s.team).key;
  o["start"] = s.start.to_string();
  o["end"] = s.end.to_string();
  if (!s.goal.empty()) o["goal"] = s.goal;
  if (!s.committed.empty()) o["committed"] = keys<WorkItemId>(s.committed, p.items);
  return o;
}

json budget_json(const Budget& budget) {
  json b{{"total", number(budget.total)}};
  auto periods = [](const auto& v) {
    json out = json::array();
    for (const auto& e : v)
      out.push_back(json{{"period_end", e.period_end.to_string()}, {"amount", number(e.amount)}});
    return out;
  };
  if (!budget.planned.empty()) b["planned"] = periods(budget.planned);
  if (!budget.actual.empty()) b["actual"] = periods(budget.actual);
  return b;
}

json status_json(const Program& p, const StatusUpdate& s) {
  json o{{"date", s.date.to_string()}};
  if (s.author.valid()) o["author"] = p.person(s.author).key;
  if (s.team.valid()) o["team"] = p.team(s.team).key;
  o["rag"] = to_string(s.rag);
  if (!s.summary.empty()) o["summary"] = s.summary;
  if (!s.blockers.empty()) o["blockers"] = s.blockers;
  return o;
}

json decision_json(const Program& p, const Decision& d) {
  json o = json::object();
  if (!d.key.empty()) o["key"] = d.key;
  o["date"] = d.date.to_string();
  if (d.owner.valid()) o["owner"] = p.person(d.owner).key;
  if (!d.text.empty()) o["text"] = d.text;
  o["status"] = to_string(d.status);
  return o;
}

json action_json(const Program& p, const ActionItem& a) {
  json o = json::object();
  if (!a.key.empty()) o["key"] = a.key;
  if (!a.text.empty()) o["text"] = a.text;
  if (a.owner.valid()) o["owner"] = p.person(a.owner).key;
  if (a.due) o["due"] = a.due->to_string();
  o["done"] = a.done;
  return o;
}

// doc[name] = [one(entity) for each entity], when there is any.
template <typename Vec, typename F>
void section(json& doc, const char* name, const Vec& entities, F&& one) {
  if (entities.empty()) return;
  json list = json::array();
  for (const auto& e : entities)
    list.push_back(one(e));
  doc[name] = std::move(list);
}

}  // namespace

nlohmann::ordered_json plan_to_json(const Program& p) {
  json doc = json::object();
  doc["program"] = program_json(p);
  section(doc, "teams", p.teams, [](const Team& t) { return team_json(t); });
  section(doc, "people", p.people, [&](const Person& x) { return person_json(p, x); });
  section(doc, "milestones", p.milestones,
          [&](const Milestone& x) { return milestone_json(p, x); });
  section(doc, "items", p.items, [&](const WorkItem& x) { return item_json(p, x); });
  section(doc, "dependencies", p.dependencies,
          [&](const Dependency& x) { return dependency_json(p, x); });
  section(doc, "risks", p.risks, [&](const Risk& x) { return risk_json(p, x); });
  section(doc, "sprints", p.sprints, [&](const Sprint& x) { return sprint_json(p, x); });
  if (p.budget) doc["budget"] = budget_json(*p.budget);
  section(doc, "status_updates", p.status_updates,
          [&](const StatusUpdate& x) { return status_json(p, x); });
  section(doc, "decisions", p.decisions, [&](const Decision& x) { return decision_json(p, x); });
  section(doc, "actions", p.actions, [&](const ActionItem& x) { return action_json(p, x); });
  return doc;
}

std::string write_plan_json(const Program& program) {
  return plan_to_json(program).dump(2) + "\n";
}

std::string write_plan_yaml(const Program& program) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, plan_to_json(program));
  std::string s = out.c_str();
  return s + "\n";
}

}  // namespace cairn::plan

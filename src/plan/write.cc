// Writing a Program as the canonical plan document (JSON or YAML). See docs/plan-format.md.
#include <cmath>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "model/enums.h"
#include "plan/bindings.h"
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
  if (cal.daily_max_minutes() > 0) c["daily_max_hours"] = number(cal.daily_max_minutes() / 60.0);
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

// ---- the bound fields (plan/bindings.h): one conversion per value type ----

template <typename M>
json value_json(const Program& p, const M& v) {
  if constexpr (std::is_same_v<M, double>) {
    return number(v);
  } else if constexpr (std::is_same_v<M, Date> || std::is_same_v<M, DateTime>) {
    return v.to_string();
  } else if constexpr (std::is_enum_v<M>) {
    return enum_names<M>()[static_cast<size_t>(v)];
  } else if constexpr (std::is_same_v<M, ThreePoint>) {
    return three_point(v);
  } else if constexpr (kIsOptional<M>) {
    return value_json(p, *v);
  } else if constexpr (kIsId<M>) {
    return v.valid() ? json(entities(p, v)[v.index()].key) : json(std::string());
  } else if constexpr (kIsIdList<M>) {
    json out = json::array();
    for (const auto& id : v)
      out.push_back(value_json(p, id));
    return out;
  } else {  // std::string, int, bool, std::vector<std::string>
    return json(v);
  }
}

// T as a mapping: every canonical field of its object in table order, a bound one converted by
// its type (left out when it has the default value and is not Emit::kAlways), the others by
// `custom(name, o)`, which adds o[name] or not.
template <typename T, typename F>
json object_json(const Program& p, const T& v, F&& custom) {
  [[maybe_unused]] static const T defaults{};
  json o = json::object();
  const std::vector<const char*>& names = canonical_fields(Binding<T>::object);
  const std::vector<int8_t>& positions = binding_positions<T>();
  for (size_t i = 0; i < names.size(); ++i) {
    bool bound = with_binding<T>(positions[i], [&](const auto& b) {
      const auto& x = v.*b.member;
      if (b.emit == Emit::kAlways || !(x == defaults.*b.member)) o[b.name] = value_json(p, x);
    });
    if (!bound) custom(std::string_view(names[i]), o);
  }
  return o;
}

template <typename T>
json object_json(const Program& p, const T& v) {
  return object_json(p, v, [](std::string_view, json&) {});
}

template <typename T, typename F>
json list_json(const std::vector<T>& v, F&& one) {
  json out = json::array();
  for (const auto& e : v)
    out.push_back(one(e));
  return out;
}

// ---- the fields with a shape of their own ----

json program_json(const Program& p) {
  return object_json(p, p, [&](std::string_view f, json& o) {
    if (f == "calendar") {
      o["calendar"] = calendar_json(p.calendar, nullptr);
    } else if (!p.health_thresholds.empty()) {  // health_thresholds
      json t = json::object();
      for (const auto& [name, v] : p.health_thresholds)
        t[name] = v;
      o["health_thresholds"] = std::move(t);
    }
  });
}

json team_json(const Program& p, const Team& t) {
  return object_json(p, t, [&](std::string_view f, json& o) {
    if (f == "workflow" && !t.workflow.empty()) {
      o["workflow"] = list_json(t.workflow, [&](const WorkflowState& s) {
        return object_json(p, s, [&](std::string_view, json& so) {
          if (s.active != (s.category == StateCategory::kInProgress)) so["active"] = s.active;
        });
      });
    } else if (f == "channels" && !t.channels.empty()) {
      o["channels"] = list_json(t.channels, [&](const Channel& c) { return object_json(p, c); });
    }
  });
}

json limits_json(const Program& p, const std::vector<WorkLimit>& limits) {
  static const char* const kPer[] = {"day", "week", "month", "30-days"};
  return list_json(limits, [&](const WorkLimit& l) {
    return object_json(p, l, [&](std::string_view f, json& lo) {
      if (f == "per")
        lo["per"] = kPer[static_cast<int>(l.per)];
      else
        lo["hours"] = number(l.hours);
    });
  });
}

json person_json(const Program& p, const Person& per) {
  return object_json(p, per, [&](std::string_view f, json& o) {
    if (f == "team") {
      if (per.team.valid()) o["team"] = p.team(per.team).key;
    } else if (f == "leave") {
      if (per.leave.empty()) return;
      o["leave"] = list_json(per.leave, [](const Leave& l) {
        json lo{{"from", l.dates.from.to_string()}, {"to", l.dates.to.to_string()}};
        if (!l.reason.empty()) lo["reason"] = l.reason;
        return lo;
      });
    } else if (f == "calendar") {
      if (per.calendar) o["calendar"] = calendar_json(*per.calendar, &p.calendar);
    } else if (f == "shifts") {
      if (!per.shifts.empty()) o["shifts"] = shifts_json(per.shifts);
    } else if (f == "limits") {
      if (!per.limits.empty()) o["limits"] = limits_json(p, per.limits);
    }
  });
}

json milestone_json(const Program& p, const Milestone& m) {
  return object_json(p, m, [&](std::string_view f, json& o) {
    if (f == "items") {
      if (!m.items.empty()) o["items"] = keys<WorkItemId>(m.items, p.items);
    } else if (f == "gates" && !m.gates.empty()) {
      o["gates"] = list_json(m.gates, [&](const QualityGate& g) {
        return object_json(p, g, [&](std::string_view, json& go) {
          go["op"] = enum_names<Comparison>()[static_cast<size_t>(g.comparison)];
        });
      });
    }
  });
}

// An item's seats: a person, a list of alternatives, or {people, mandatory, persistent, shifts}.
json allocations_json(const Program& p, const WorkItem& it) {
  json al = json::array();
  for (const auto& a : it.allocations) {
    json people = a.candidates.size() == 1 ? json(p.person(a.candidates.front()).key)
                                           : keys<PersonId>(a.candidates, p.people);
    if (a.mandatory || a.persistent || !a.shifts.empty()) {
      json seat{{"people", people}};
      if (a.mandatory) seat["mandatory"] = true;
      if (a.persistent) seat["persistent"] = true;
      if (!a.shifts.empty()) seat["shifts"] = shifts_json(a.shifts);
      al.push_back(seat);
    } else {
      al.push_back(people);
    }
  }
  return al;
}

json item_json(const Program& p, const WorkItem& it) {
  return object_json(p, it, [&](std::string_view f, json& o) {
    if (f == "allocate") {
      if (!it.allocations.empty()) o["allocate"] = allocations_json(p, it);
    } else if (f == "history") {
      if (!it.history.empty())
        o["history"] =
            list_json(it.history, [&](const StateChange& c) { return object_json(p, c); });
    } else if (f == "start_no_earlier_than") {
      if (!it.start_no_earlier_than) return;
      const DateTime& t = *it.start_no_earlier_than;
      o["start_no_earlier_than"] =
          t.minute_of_day() == 0 && t.seconds % 60 == 0 ? t.date().to_string() : t.to_string();
    } else if (f == "limits") {
      if (!it.limits.empty()) o["limits"] = limits_json(p, it.limits);
    } else if (f == "shifts") {
      if (!it.shifts.empty()) o["shifts"] = shifts_json(it.shifts);
    } else if (f == "bookings") {
      if (it.bookings.empty()) return;
      o["bookings"] = list_json(it.bookings, [&](const Booking& b) {
        return object_json(
            p, b, [&](std::string_view, json& bo) { bo["person"] = value_json(p, b.person); });
      });
    } else if (f == "priority") {
      if (it.priority != WorkItem{}.priority) o["priority"] = it.priority;
    }
  });
}

json dependency_json(const Program& p, const Dependency& d) {
  TeamId a = p.item(d.predecessor).team, b = p.item(d.successor).team;
  bool default_teams = a.valid() && b.valid() && a != b && d.provider == a && d.consumer == b;
  return object_json(p, d, [&](std::string_view f, json& o) {
    if (f == "from") {
      o["from"] = p.item(d.predecessor).key;
    } else if (f == "to") {
      o["to"] = p.item(d.successor).key;
    } else if (!default_teams) {  // provider, consumer
      TeamId t = f == "provider" ? d.provider : d.consumer;
      if (t.valid()) o[std::string(f)] = p.team(t).key;
    }
  });
}

json budget_json(const Program& p, const Budget& budget) {
  return object_json(p, budget, [&](std::string_view f, json& o) {
    if (f == "planned" && !budget.planned.empty())
      o["planned"] =
          list_json(budget.planned, [&](const PlannedSpend& e) { return object_json(p, e); });
    else if (f == "actual" && !budget.actual.empty())
      o["actual"] =
          list_json(budget.actual, [&](const ActualSpend& e) { return object_json(p, e); });
  });
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
  section(doc, "teams", p.teams, [&](const Team& t) { return team_json(p, t); });
  section(doc, "people", p.people, [&](const Person& x) { return person_json(p, x); });
  section(doc, "milestones", p.milestones,
          [&](const Milestone& x) { return milestone_json(p, x); });
  section(doc, "items", p.items, [&](const WorkItem& x) { return item_json(p, x); });
  section(doc, "dependencies", p.dependencies,
          [&](const Dependency& x) { return dependency_json(p, x); });
  auto bound = [&](const auto& x) { return object_json(p, x); };
  section(doc, "risks", p.risks, bound);
  section(doc, "sprints", p.sprints, bound);
  if (p.budget) doc["budget"] = budget_json(p, *p.budget);
  section(doc, "status_updates", p.status_updates, bound);
  section(doc, "decisions", p.decisions, bound);
  section(doc, "actions", p.actions, bound);
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

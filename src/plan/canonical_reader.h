// Internal to the canonical plan reader (canonical.h): the CanonicalReader class shared by
// canonical_read.cc (values, references, most sections) and canonical_items.cc (items and
// dependencies). Not a public API.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/codes.h"
#include "model/enums.h"
#include "model/validate.h"
#include "plan/bindings.h"
#include "plan/canonical.h"
#include "plan/fields.h"

namespace cairn::plan::canonical_detail {

using json = nlohmann::json;

// Thrown inside this file only; turned into an Error at the boundary.
struct NotCanonical {
  std::string pointer;
  std::string message;
  const char* code = codes::kNotCanonical;  // or "unknown-reference"
};

class CanonicalReader {
 public:
  explicit CanonicalReader(Program& p) : p_(p) {}

  void read(const json& doc) {
    if (!doc.is_object()) fail("", "the document is not an object");
    const std::vector<const char*>& sections = canonical_fields(PlanObject::kDocument);
    for (auto it = doc.begin(); it != doc.end(); ++it)
      if (std::find_if(sections.begin(), sections.end(),
                       [&](const char* s) { return it.key() == s; }) == sections.end())
        fail("/" + it.key(), "unknown section");
    auto prog = doc.find("program");
    if (prog == doc.end()) fail("/program", "the plan has no program section");
    read_program(*prog);
    // Keys first, so that references resolve whatever the order of sections.
    index_keys(doc, "teams", team_idx_);
    index_keys(doc, "people", person_idx_);
    index_keys(doc, "items", item_idx_);
    index_keys(doc, "milestones", milestone_idx_);
    each(doc, "teams", [&](const json& n, const std::string& at) { read_team(n, at); });
    each(doc, "people", [&](const json& n, const std::string& at) { read_person(n, at); });
    each(doc, "milestones", [&](const json& n, const std::string& at) { read_milestone(n, at); });
    each(doc, "items", [&](const json& n, const std::string& at) { read_item(n, at); });
    each(doc, "dependencies",
         [&](const json& n, const std::string& at) { read_dependency(n, at); });
    each(doc, "risks", [&](const json& n, const std::string& at) { read_risk(n, at); });
    each(doc, "sprints", [&](const json& n, const std::string& at) { read_sprint(n, at); });
    if (auto b = doc.find("budget"); b != doc.end()) read_budget(*b, "/budget");
    each(doc, "status_updates", [&](const json& n, const std::string& at) { read_status(n, at); });
    each(doc, "decisions", [&](const json& n, const std::string& at) { read_decision(n, at); });
    each(doc, "actions", [&](const json& n, const std::string& at) { read_action(n, at); });
    finish();
  }

 private:
  [[noreturn]] static void fail(const std::string& at, const std::string& message,
                                const char* code = codes::kNotCanonical) {
    throw NotCanonical{at, message, code};
  }

  template <typename F>
  void each(const json& doc, const char* section, F&& f) {
    auto s = doc.find(section);
    if (s == doc.end()) return;
    std::string base = fmt::format("/{}", section);
    if (!s->is_array()) fail(base, "must be a list");
    for (size_t i = 0; i < s->size(); ++i) {
      const json& n = (*s)[i];
      std::string at = fmt::format("{}/{}", base, i);
      if (!n.is_object()) fail(at, "must be an object");
      f(n, at);
    }
  }

  void index_keys(const json& doc, const char* section,
                  std::unordered_map<std::string, uint32_t>& idx) {
    auto s = doc.find(section);
    if (s == doc.end()) return;
    if (!s->is_array()) fail(fmt::format("/{}", section), "must be a list");
    idx.reserve(s->size());
    for (size_t i = 0; i < s->size(); ++i) {
      const json& n = (*s)[i];
      auto k = n.is_object() ? n.find("key") : n.end();
      std::string at = fmt::format("/{}/{}/key", section, i);
      if (!n.is_object() || k == n.end() || !k->is_string() ||
          k->get_ref<const std::string&>().empty())
        fail(at, "missing key");
      if (!idx.emplace(k->get<std::string>(), static_cast<uint32_t>(i)).second)
        fail(at, fmt::format("duplicate key '{}'", k->get<std::string>()));
    }
  }

  // Calls f(i, field, value, pointer) for each field of `n`, a mapping of kind `object`, where i
  // is the field's position in canonical_fields(object); fails on a field that is not among them,
  // and on a missing required one (plan/fields.h).
  template <typename F>
  void fields_at(const json& n, const std::string& at, PlanObject object, F&& f) {
    const std::vector<const char*>& allowed = canonical_fields(object);
    uint64_t found = 0;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string& k = it.key();
      size_t i = 0;
      while (i < allowed.size() && k != allowed[i])
        ++i;
      if (i == allowed.size()) fail(at + "/" + k, "unknown field");
      found |= uint64_t{1} << i;
      f(i, k, it.value(), at + "/" + k);
    }
    if (const uint64_t missing = canonical_required_mask(object) & ~found; missing != 0)
      fail(at, fmt::format("missing required field '{}'", allowed[std::countr_zero(missing)]));
  }
  template <typename F>
  void fields(const json& n, const std::string& at, PlanObject object, F&& f) {
    fields_at(
        n, at, object,
        [&](size_t, const std::string& k, const json& v, const std::string& q) { f(k, v, q); });
  }

  // The fields of `n` into `out`: the bound ones (plan/bindings.h) by their type, the others by
  // custom(field, value, pointer).
  template <typename T, typename F>
  void bound_fields(const json& n, const std::string& at, T& out, F&& custom) {
    const std::vector<int8_t>& positions = binding_positions<T>();
    fields_at(
        n, at, Binding<T>::object,
        [&](size_t i, const std::string& k, const json& v, const std::string& q) {
          if (!with_binding<T>(positions[i], [&](const auto& b) { assign(out.*b.member, v, q); }))
            custom(k, v, q);
        });
  }
  // A list of objects of type T, every field bound but those custom(object, field, value,
  // pointer) reads.
  template <typename T, typename F>
  std::vector<T> bound_list(const json& v, const std::string& at, F&& custom) {
    std::vector<T> out;
    for (size_t i = 0; i < list(v, at).size(); ++i) {
      std::string q = fmt::format("{}/{}", at, i);
      if (!v[i].is_object()) fail(q, "must be an object");
      T& e = out.emplace_back();
      bound_fields(v[i], q, e, [&](const std::string& k, const json& x, const std::string& r) {
        custom(e, k, x, r);
      });
    }
    return out;
  }
  template <typename T>
  std::vector<T> bound_list(const json& v, const std::string& at) {
    return bound_list<T>(v, at, [](T&, const std::string&, const json&, const std::string&) {});
  }

  // One conversion per value type.
  template <typename M>
  void assign(M& out, const json& v, const std::string& at) {
    if constexpr (std::is_same_v<M, std::string>) {
      out = str(v, at);
    } else if constexpr (std::is_same_v<M, double>) {
      out = num(v, at);
    } else if constexpr (std::is_same_v<M, int>) {
      out = integer(v, at);
    } else if constexpr (std::is_same_v<M, bool>) {
      out = boolean(v, at);
    } else if constexpr (std::is_same_v<M, Date>) {
      out = date(v, at);
    } else if constexpr (std::is_same_v<M, DateTime>) {
      out = datetime(v, at);
    } else if constexpr (std::is_enum_v<M>) {
      out = enumeration<M>(v, at);
    } else if constexpr (std::is_same_v<M, ThreePoint>) {
      out = three_point(v, at);
    } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
      out = strings(v, at);
    } else if constexpr (kIsOptional<M>) {
      assign(out.emplace(), v, at);
    } else if constexpr (kIsId<M>) {
      out = id_ref(out, v, at);
    } else {
      static_assert(kIsIdList<M>, "a bound value type without a conversion");
      for (size_t i = 0; i < list(v, at).size(); ++i)
        out.push_back(id_ref(typename M::value_type{}, v[i], fmt::format("{}/{}", at, i)));
    }
  }

  static const std::string& str(const json& v, const std::string& at) {
    if (!v.is_string()) fail(at, "must be a string");
    return v.get_ref<const std::string&>();
  }
  static double num(const json& v, const std::string& at) {
    if (!v.is_number()) fail(at, "must be a number");
    double d = v.get<double>();
    if (!std::isfinite(d)) fail(at, "must be a finite number");
    return d;
  }
  static int integer(const json& v, const std::string& at) {
    double d = num(v, at);
    if (d != std::floor(d) || std::abs(d) > 1e9) fail(at, "must be a whole number");
    return static_cast<int>(d);
  }
  static bool boolean(const json& v, const std::string& at) {
    if (!v.is_boolean()) fail(at, "must be true or false");
    return v.get<bool>();
  }
  static Date date(const json& v, const std::string& at) {
    auto d = Date::parse(str(v, at));
    if (!d) fail(at, "must be a date YYYY-MM-DD");
    return *d;
  }
  static DateTime datetime(const json& v, const std::string& at) {
    auto d = DateTime::parse(str(v, at));
    if (!d) fail(at, "must be a date or an instant");
    return *d;
  }
  template <typename E>
  static E enumeration(const json& v, const std::string& at) {
    auto e = parse_enum<E>(str(v, at));
    if (!e) fail(at, fmt::format("must be one of {}", enum_choices<E>()));
    return *e;
  }
  static ThreePoint three_point(const json& v, const std::string& at) {
    if (!v.is_array() || v.size() != 3) fail(at, "must be [optimistic, likely, pessimistic]");
    return ThreePoint{num(v[0], at + "/0"), num(v[1], at + "/1"), num(v[2], at + "/2")};
  }
  static std::vector<std::string> strings(const json& v, const std::string& at) {
    if (!v.is_array()) fail(at, "must be a list");
    std::vector<std::string> out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i)
      out.push_back(str(v[i], fmt::format("{}/{}", at, i)));
    return out;
  }
  static const json& list(const json& v, const std::string& at) {
    if (!v.is_array()) fail(at, "must be a list");
    return v;
  }
  static uint32_t ref(const std::unordered_map<std::string, uint32_t>& idx, const json& v,
                      const std::string& at, const char* noun) {
    const std::string& k = str(v, at);
    auto it = idx.find(k);
    if (it == idx.end())
      fail(at, fmt::format("unknown {} '{}'", noun, k), codes::kUnknownReference);
    return it->second;
  }
  TeamId id_ref(TeamId, const json& v, const std::string& at) {
    return TeamId{ref(team_idx_, v, at, "team")};
  }
  PersonId id_ref(PersonId, const json& v, const std::string& at) {
    return PersonId{ref(person_idx_, v, at, "person")};
  }
  WorkItemId id_ref(WorkItemId, const json& v, const std::string& at) {
    return WorkItemId{ref(item_idx_, v, at, "work item")};
  }
  MilestoneId id_ref(MilestoneId, const json& v, const std::string& at) {
    return MilestoneId{ref(milestone_idx_, v, at, "milestone")};
  }
  PersonId person_ref(const json& v, const std::string& at) { return id_ref(PersonId{}, v, at); }
  WorkItemId item_ref(const json& v, const std::string& at) { return id_ref(WorkItemId{}, v, at); }

  static std::vector<TimeRange> ranges_of(const json& v, const std::string& at) {
    std::vector<TimeRange> out;
    for (const auto& h : list(v, at)) {
      auto r = parse_time_range(str(h, at));
      if (!r) fail(at, "working hours are not HH:MM-HH:MM");
      out.push_back(*r);
    }
    return out;
  }

  // Shifts, as plan_yaml_write.cc writes them (see Reader::shifts).
  std::vector<Shift> shifts(const json& v, const std::string& at) {
    std::vector<Shift> out;
    for (size_t i = 0; i < list(v, at).size(); ++i) {
      std::string q = fmt::format("{}/{}", at, i);
      if (!v[i].is_object()) fail(q, "must be an object");
      Shift sh;
      std::vector<TimeRange> ranges = {TimeRange{9 * 60, 17 * 60}};
      std::vector<Weekday> days = {Weekday::kMonday, Weekday::kTuesday, Weekday::kWednesday,
                                   Weekday::kThursday, Weekday::kFriday};
      bool per_day = false;
      fields(v[i], q, PlanObject::kShift,
             [&](const std::string& k, const json& x, const std::string& r) {
               if (k == "from") {
                 sh.dates.from = date(x, r);
               } else if (k == "to") {
                 sh.dates.to = date(x, r);
               } else if (k == "weekdays") {
                 days.clear();
                 for (const auto& w : list(x, r)) {
                   auto d = parse_weekday(str(w, r));
                   if (!d) fail(r, "not a weekday");
                   days.push_back(*d);
                 }
               } else if (k == "hours") {
                 if (x.is_object()) {
                   per_day = true;
                   for (auto it = x.begin(); it != x.end(); ++it) {
                     auto d = parse_weekday(it.key());
                     if (!d) fail(r + "/" + it.key(), "not a weekday");
                     sh.hours[static_cast<int>(*d)] = ranges_of(it.value(), r + "/" + it.key());
                   }
                 } else {
                   ranges = ranges_of(x, r);
                 }
               } else if (k == "leave") {
                 for (size_t j = 0; j < list(x, r).size(); ++j)
                   sh.leave.push_back(date(x[j], fmt::format("{}/{}", r, j)));
               } else {
                 sh.replace = boolean(x, r);
               }
             });
      if (!per_day)
        for (Weekday d : days)
          sh.hours[static_cast<int>(d)] = ranges;
      std::sort(sh.leave.begin(), sh.leave.end());
      sh.leave.erase(std::unique(sh.leave.begin(), sh.leave.end()), sh.leave.end());
      out.push_back(std::move(sh));
    }
    return out;
  }

  WorkingCalendar calendar(const json& n, const std::string& at, WorkingCalendar cal) {
    if (!n.is_object()) fail(at, "must be an object");
    std::vector<TimeRange> ranges = {TimeRange{9 * 60, 17 * 60}};
    std::vector<Weekday> days = cal.weekdays();
    bool has_days = false, has_hours = false;
    std::optional<double> day_hours, daily_max;
    const json* holidays = nullptr;
    fields(n, at, PlanObject::kCalendar,
           [&](const std::string& k, const json& v, const std::string& p) {
             if (k == "weekdays") {
               has_days = true;
               days.clear();
               for (const auto& w : list(v, p)) {
                 auto d = parse_weekday(str(w, p));
                 if (!d) fail(p, "not a weekday");
                 days.push_back(*d);
               }
             } else if (k == "hours") {
               has_hours = true;
               ranges.clear();
               for (const auto& h : list(v, p)) {
                 auto r = parse_time_range(str(h, p));
                 if (!r) fail(p, "working hours are not HH:MM-HH:MM");
                 ranges.push_back(*r);
               }
             } else if (k == "day_hours") {
               day_hours = num(v, p);
             } else if (k == "daily_max_hours") {
               daily_max = num(v, p);
             } else {
               holidays = &list(v, p);
             }
           });
    if (has_days || has_hours) cal.set_weekdays(days, ranges);
    int minutes = 0;
    for (const auto& r : ranges)
      minutes += r.end_minute - r.start_minute;
    if (minutes > 0) cal.set_day_minutes(minutes);
    if (day_hours) {
      if (*day_hours <= 0 || *day_hours > 24) fail(at + "/day_hours", "must be in (0, 24]");
      cal.set_day_minutes(static_cast<int>(std::lround(*day_hours * 60)));
    }
    if (daily_max) {
      if (*daily_max <= 0 || *daily_max > 24) fail(at + "/daily_max_hours", "must be in (0, 24]");
      cal.set_daily_max_minutes(static_cast<int>(std::lround(*daily_max * 60)));
    }
    if (holidays) {
      for (size_t i = 0; i < holidays->size(); ++i) {
        const json& h = (*holidays)[i];
        std::string p = fmt::format("{}/holidays/{}", at, i);
        if (h.is_string()) {
          cal.add_holiday({date(h, p), ""});
          continue;
        }
        if (!h.is_object()) fail(p, "must be a date or {date, name}");
        Holiday hol;
        fields(h, p, PlanObject::kHoliday,
               [&](const std::string& k, const json& v, const std::string& q) {
                 if (k == "date")
                   hol.date = date(v, q);
                 else
                   hol.name = str(v, q);
               });
        cal.add_holiday(hol);
      }
    }
    return cal;
  }

  void read_program(const json& n) {
    if (!n.is_object()) fail("/program", "must be an object");
    bound_fields(n, "/program", p_,
                 [&](const std::string& k, const json& v, const std::string& at) {
                   if (k == "calendar") {
                     p_.calendar = calendar(v, at, WorkingCalendar{});
                     return;
                   }
                   if (!v.is_object()) fail(at, "must be an object of threshold names to numbers");
                   for (const auto& [name, x] : v.items())
                     p_.health_thresholds[name] = num(x, at + "/" + name);
                 });
    if (p_.key.empty()) fail("/program/key", "the program has no key");
  }

  void read_team(const json& n, const std::string& at) {
    Team& t = p_.teams.emplace_back();
    bound_fields(n, at, t, [&](const std::string& k, const json& v, const std::string& q) {
      if (k == "channels") {
        t.channels = bound_list<Channel>(v, q);
        return;
      }
      t.workflow = bound_list<WorkflowState>(
          v, q, [&](WorkflowState& ws, const std::string&, const json& x, const std::string& r) {
            ws.active = boolean(x, r);
          });
      for (size_t i = 0; i < t.workflow.size(); ++i) {
        WorkflowState& ws = t.workflow[i];
        if (!v[i].contains("active")) ws.active = ws.category == StateCategory::kInProgress;
        for (size_t j = 0; j < i; ++j)
          if (t.workflow[j].name == ws.name)
            fail(fmt::format("{}/{}", q, i), "a state appears twice in the workflow");
      }
    });
  }

  void read_person(const json& n, const std::string& at) {
    Person& per = p_.people.emplace_back();
    bound_fields(n, at, per, [&](const std::string& k, const json& v, const std::string& q) {
      if (k == "team") {
        per.team = id_ref(TeamId{}, v, q);
      } else if (k == "calendar") {
        per.calendar = calendar(v, q, p_.calendar);
      } else if (k == "shifts") {
        per.shifts = shifts(v, q);
      } else if (k == "limits") {
        per.limits = limits(v, q);
        for (size_t i = 0; i < per.limits.size(); ++i)
          if (!per.limits[i].people.empty())
            fail(fmt::format("{}/{}/people", q, i), "a person's limit takes no people");
      } else {  // leave
        for (size_t i = 0; i < list(v, q).size(); ++i) {
          std::string lq = fmt::format("{}/{}", q, i);
          if (!v[i].is_object()) fail(lq, "must be an object");
          Leave l;
          bool to = false;
          fields(v[i], lq, PlanObject::kLeave,
                 [&](const std::string& f, const json& x, const std::string& r) {
                   if (f == "from") {
                     l.dates.from = date(x, r);
                   } else if (f == "to") {
                     l.dates.to = date(x, r);
                     to = true;
                   } else
                     l.reason = str(x, r);
                 });
          if (!to) l.dates.to = l.dates.from;
          per.leave.push_back(l);
        }
      }
    });
  }

  void read_milestone(const json& n, const std::string& at) {
    Milestone& m = p_.milestones.emplace_back();
    bound_fields(n, at, m, [&](const std::string& k, const json& v, const std::string& q) {
      if (k == "items") {
        for (size_t i = 0; i < list(v, q).size(); ++i) {
          WorkItemId id = item_ref(v[i], fmt::format("{}/{}", q, i));
          if (std::find(m.items.begin(), m.items.end(), id) == m.items.end()) m.items.push_back(id);
        }
        return;
      }
      m.gates = bound_list<QualityGate>(
          v, q, [&](QualityGate& g, const std::string&, const json& x, const std::string& r) {
            auto c = parse_comparison(str(x, r));
            if (!c) fail(r, "not a comparison");
            g.comparison = *c;
          });
    });
  }

  // Items and dependencies (canonical_items.cc).
  void item_allocations(WorkItem& it, const json& v, const std::string& q);
  std::vector<WorkLimit> limits(const json& v, const std::string& q);
  void read_item(const json& n, const std::string& at);
  void read_dependency(const json& n, const std::string& at);

  void read_risk(const json& n, const std::string& at) {
    Risk& r = p_.risks.emplace_back();
    bound_fields(n, at, r, [](const std::string&, const json&, const std::string&) {});
    if (r.key.empty()) fail(at, "a risk has no key");
  }

  void read_sprint(const json& n, const std::string& at) {
    Sprint& s = p_.sprints.emplace_back();
    bound_fields(n, at, s, [](const std::string&, const json&, const std::string&) {});
    if (s.key.empty()) fail(at, "a sprint has no key");
  }

  void read_budget(const json& n, const std::string& at) {
    if (!n.is_object()) fail(at, "must be an object");
    Budget b;
    bound_fields(n, at, b, [&](const std::string& k, const json& v, const std::string& q) {
      if (k == "planned")
        b.planned = bound_list<PlannedSpend>(v, q);
      else
        b.actual = bound_list<ActualSpend>(v, q);
    });
    p_.budget = b;
  }

  void read_status(const json& n, const std::string& at) {
    bound_fields(n, at, p_.status_updates.emplace_back(),
                 [](const std::string&, const json&, const std::string&) {});
  }

  void read_decision(const json& n, const std::string& at) {
    Decision& d = p_.decisions.emplace_back();
    bound_fields(n, at, d, [](const std::string&, const json&, const std::string&) {});
    if (!d.key.empty() && !decision_keys_.insert(d.key).second) fail(at + "/key", "duplicate key");
  }

  void read_action(const json& n, const std::string& at) {
    ActionItem& a = p_.actions.emplace_back();
    bound_fields(n, at, a, [](const std::string&, const json&, const std::string&) {});
    if (!a.key.empty() && !action_keys_.insert(a.key).second) fail(at + "/key", "duplicate key");
  }

  // The same defaults as the YAML reader (Program::fill_default_teams).
  void finish() {
    p_.reindex();
    p_.fill_default_teams();
  }

  Program& p_;
  std::unordered_map<std::string, uint32_t> team_idx_, person_idx_, item_idx_, milestone_idx_;
  std::set<std::string> decision_keys_, action_keys_;
};

}  // namespace cairn::plan::canonical_detail

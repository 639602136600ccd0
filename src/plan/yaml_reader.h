// Internal to the YAML plan reader: the Reader class shared by plan_yaml_read.cc (files, includes,
// reference resolution) and plan_yaml_sections.cc (one method per plan section). Not a public API.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "base/codes.h"
#include "base/suggest.h"
#include "model/enums.h"
#include "model/validate.h"
#include "plan/bindings.h"
#include "plan/fields.h"
#include "plan/plan.h"

namespace cairn::plan::detail {

namespace fs = std::filesystem;
using K = EntityKind;

enum class RefKind { kTeam, kPerson, kItem, kMilestone };

inline const char* ref_id(RefKind k) {
  switch (k) {
    case RefKind::kTeam:
      return codes::kUnknownTeam;
    case RefKind::kPerson:
      return codes::kUnknownPerson;
    case RefKind::kItem:
      return codes::kUnknownItem;
    case RefKind::kMilestone:
      return codes::kUnknownMilestone;
  }
  return codes::kUnknownReference;
}
inline const char* ref_noun(RefKind k) {
  switch (k) {
    case RefKind::kTeam:
      return "team";
    case RefKind::kPerson:
      return "person";
    case RefKind::kItem:
      return "work item";
    case RefKind::kMilestone:
      return "milestone";
  }
  return "entity";
}
inline const char* ref_section(RefKind k) {
  switch (k) {
    case RefKind::kTeam:
      return "teams";
    case RefKind::kPerson:
      return "people";
    case RefKind::kItem:
      return "items";
    case RefKind::kMilestone:
      return "milestones";
  }
  return "";
}

// A reference by key, resolved once every file is read.
struct PendingRef {
  RefKind kind;
  std::string key;
  Location where;
  std::function<void(uint32_t)> set;
};

class Reader {
 public:
  Reader(Diagnostics& diags, const PlanReadOptions& opt) : diags_(diags), opt_(opt) {}

  // Reads one file (and its includes). False when the file itself is unusable (error reported).
  bool read_file(const std::string& path, int depth, const Location& from);
  bool read_text(std::string_view text, const std::string& name, const fs::path& dir, int depth);
  // Reads an already built document (from JSON); locations are the name only.
  void read_root(const YAML::Node& root, const std::string& name) {
    file_ = name;
    files_.push_back(name);
    read_document(root, {}, 0);
  }
  Result<LoadedPlan> finish();
  const Error& fatal() const { return fatal_; }
  bool has_fatal() const { return has_fatal_; }
  bool any_unusable() const { return unusable_; }

 private:
  // ---- value helpers ----
  Location loc(const YAML::Node& n) const {
    auto m = n.Mark();
    if (m.line < 0) return Location{file_, 0, 0, {}};
    return Location{file_, m.line + 1, m.column + 1, {}};
  }
  void wrong_type(const YAML::Node& n, const std::string& what, const std::string& expected) {
    diags_.error(codes::kWrongType, fmt::format("{} must be {}", what, expected), loc(n),
                 fmt::format("write {} here", expected));
  }
  std::optional<std::string> str(const YAML::Node& n, const std::string& what) {
    if (!n.IsScalar()) {
      wrong_type(n, what, "a text value");
      return std::nullopt;
    }
    return n.Scalar();
  }
  // A trailing '%' reads as Pct says (plan/bindings.h): allocation "50%" = 50, probability "30%"
  // = 0.3, elsewhere not at all.
  std::optional<double> num(const YAML::Node& n, const std::string& what, Pct pct_mode = Pct::kNo) {
    if (!n.IsScalar()) {
      wrong_type(n, what, "a number");
      return std::nullopt;
    }
    std::string s = n.Scalar();
    bool pct = !s.empty() && s.back() == '%';
    if (pct) s.pop_back();
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) {
      diags_.error(codes::kInvalidNumber, fmt::format("{} is '{}', not a number", what, n.Scalar()),
                   loc(n), "write a plain number such as 3 or 2.5");
      return std::nullopt;
    }
    if (pct && pct_mode == Pct::kNo) {
      diags_.error(codes::kInvalidNumber,
                   fmt::format("{} is '{}'; a percent sign is not allowed here", what, n.Scalar()),
                   loc(n), "write a plain number (only allocation and probability take '%')");
      return std::nullopt;
    }
    if (pct && pct_mode == Pct::kFraction) v /= 100.0;
    return v;
  }
  std::optional<int> integer(const YAML::Node& n, const std::string& what) {
    auto v = num(n, what);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v) || std::abs(*v) > 1e9) {
      diags_.error(codes::kInvalidNumber, fmt::format("{} must be a whole number", what), loc(n),
                   "write an integer such as 5");
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }
  std::optional<bool> boolean(const YAML::Node& n, const std::string& what) {
    auto s = str(n, what);
    if (!s) return std::nullopt;
    std::string l = *s;
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
    if (l == "true" || l == "yes" || l == "on") return true;
    if (l == "false" || l == "no" || l == "off") return false;
    diags_.error(codes::kInvalidValue, fmt::format("{} is '{}', not true or false", what, *s),
                 loc(n), "write true or false");
    return std::nullopt;
  }
  std::optional<Date> date(const YAML::Node& n, const std::string& what) {
    auto s = str(n, what);
    if (!s) return std::nullopt;
    auto d = Date::parse(*s);
    if (!d) {
      diags_.error(codes::kInvalidDate, fmt::format("{} is '{}', not a valid date", what, *s),
                   loc(n), "write an ISO 8601 date, YYYY-MM-DD, e.g. 2026-03-31");
    }
    return d;
  }
  std::optional<DateTime> datetime(const YAML::Node& n, const std::string& what) {
    auto s = str(n, what);
    if (!s) return std::nullopt;
    auto d = DateTime::parse(*s);
    if (!d) {
      diags_.error(codes::kInvalidDate,
                   fmt::format("{} is '{}', not a valid date and time", what, *s), loc(n),
                   "write ISO 8601, e.g. 2026-03-31 or 2026-03-31T14:05:00Z");
    }
    return d;
  }
  template <typename E>
  std::optional<E> enumeration(const YAML::Node& n, const std::string& what) {
    auto s = str(n, what);
    if (!s) return std::nullopt;
    auto v = parse_enum<E>(*s);
    if (!v) {
      std::vector<std::string> names(enum_names<E>().begin(), enum_names<E>().end());
      auto near = closest(*s, names);
      diags_.error(codes::kInvalidValue, fmt::format("{} is '{}'", what, *s), loc(n),
                   near.empty() ? fmt::format("use {}", enum_choices<E>())
                                : fmt::format("did you mean '{}'? ({})", near, enum_choices<E>()));
    }
    return v;
  }
  // A sequence, or one scalar standing for a sequence of one.
  std::vector<YAML::Node> list(const YAML::Node& n, const std::string& what) {
    std::vector<YAML::Node> out;
    if (n.IsNull()) return out;
    if (n.IsSequence()) {
      for (const auto& e : n)
        out.push_back(e);
    } else if (n.IsScalar()) {
      out.push_back(n);
    } else {
      wrong_type(n, what, "a list");
    }
    return out;
  }
  std::vector<std::string> strings(const YAML::Node& n, const std::string& what) {
    std::vector<std::string> out;
    for (const auto& e : list(n, what))
      if (auto s = str(e, what + " entry")) out.push_back(*s);
    return out;
  }
  std::optional<ThreePoint> three_point(const YAML::Node& n, const std::string& what);
  std::optional<WorkingCalendar> calendar(const YAML::Node& n, const std::string& what,
                                          WorkingCalendar base);
  std::vector<Shift> shifts(const YAML::Node& n, const std::string& what);
  std::optional<std::vector<TimeRange>> time_ranges(const YAML::Node& n, const std::string& what);

  // The fields of a mapping: `get` marks a field as used; `done` warns about the rest.
  class Fields {
   public:
    // Reads the mapping's keys once; `get` and `has` then look among the allowed names only.
    Fields(Reader& r, const YAML::Node& map, const std::vector<const char*>& allowed,
           std::string what)
        : r_(r), allowed_(allowed), what_(std::move(what)) {
      for (const auto& kv : map) {
        if (!kv.first.IsScalar()) {
          r_.wrong_type(kv.first, "a field name in " + what_, "a plain name");
          continue;
        }
        const std::string& k = kv.first.Scalar();
        auto it =
            std::find_if(allowed_.begin(), allowed_.end(), [&](const char* a) { return k == a; });
        if (it == allowed_.end()) {
          unknown_.push_back(kv.first);
        } else if (find(*it)) {
          r_.diags_.error(codes::kDuplicateField,
                          fmt::format("field '{}' appears twice in {}", k, what_), r_.loc(kv.first),
                          "keep one of them");
        } else {
          found_.emplace_back(*it, kv.second);
        }
      }
    }
    YAML::Node get(const char* name) const {
      const YAML::Node* v = find(name);
      return v ? *v : YAML::Node();
    }
    bool has(const char* name) const {
      const YAML::Node* v = find(name);
      return v && v->IsDefined() && !v->IsNull();
    }
    // Warns about every field that is not allowed, with a "did you mean".
    void done() {
      if (unknown_.empty()) return;
      std::vector<std::string> names(allowed_.begin(), allowed_.end());
      for (const auto& key : unknown_) {
        auto near = closest(key.Scalar(), names);
        r_.diags_.warning(codes::kUnknownField,
                          fmt::format("unknown field '{}' in {}", key.Scalar(), what_), r_.loc(key),
                          near.empty() ? fmt::format("known fields: {}", join(names))
                                       : fmt::format("did you mean '{}'?", near));
      }
    }

   private:
    const YAML::Node* find(const char* name) const {
      for (const auto& [n, v] : found_)
        if (n == name || std::strcmp(n, name) == 0) return &v;
      return nullptr;
    }
    Reader& r_;
    const std::vector<const char*>& allowed_;  // a table row (plan/fields.h): outlives this
    std::string what_;
    std::vector<std::pair<const char*, YAML::Node>> found_;
    std::vector<YAML::Node> unknown_;
  };

  // ---- the bound fields (plan/bindings.h): one conversion per value type ----
  template <typename M>
  std::optional<M> value(const YAML::Node& n, const std::string& what, Pct pct) {
    if constexpr (std::is_same_v<M, std::string>) {
      return str(n, what);
    } else if constexpr (std::is_same_v<M, double>) {
      return num(n, what, pct);
    } else if constexpr (std::is_same_v<M, int>) {
      return integer(n, what);
    } else if constexpr (std::is_same_v<M, bool>) {
      return boolean(n, what);
    } else if constexpr (std::is_same_v<M, Date>) {
      return date(n, what);
    } else if constexpr (std::is_same_v<M, DateTime>) {
      return datetime(n, what);
    } else if constexpr (std::is_enum_v<M>) {
      return enumeration<M>(n, what);
    } else if constexpr (std::is_same_v<M, ThreePoint>) {
      return three_point(n, what);
    } else {
      static_assert(std::is_same_v<M, std::vector<std::string>>, "a value type without a reader");
      return strings(n, what);
    }
  }
  static RefKind ref_kind(TeamId) { return RefKind::kTeam; }
  static RefKind ref_kind(PersonId) { return RefKind::kPerson; }
  static RefKind ref_kind(WorkItemId) { return RefKind::kItem; }
  static RefKind ref_kind(MilestoneId) { return RefKind::kMilestone; }
  // The entity of type T at `idx` of the program (where a deferred reference lands).
  template <typename T>
  T& entity(uint32_t idx) {
    if constexpr (std::is_same_v<T, WorkItem>)
      return program_.items[idx];
    else if constexpr (std::is_same_v<T, Person>)
      return program_.people[idx];
    else if constexpr (std::is_same_v<T, Risk>)
      return program_.risks[idx];
    else if constexpr (std::is_same_v<T, Sprint>)
      return program_.sprints[idx];
    else if constexpr (std::is_same_v<T, StatusUpdate>)
      return program_.status_updates[idx];
    else if constexpr (std::is_same_v<T, Decision>)
      return program_.decisions[idx];
    else if constexpr (std::is_same_v<T, ActionItem>)
      return program_.actions[idx];
    else {
      static_assert(std::is_same_v<T, Dependency>, "references land in a program list");
      return program_.dependencies[idx];
    }
  }
  // Reads the bound fields of T present in `f` into `out` (entity `idx` of its list, where
  // references land once resolved), but those named in `skip` (read by the caller). The message of
  // a wrong value names "<what> <field>". False when a value present could not be read.
  template <typename T>
  bool read_bound(const Fields& f, T& out, uint32_t idx, const std::string& what,
                  std::initializer_list<std::string_view> skip = {}) {
    bool ok = true;
    for_each_binding<T>([&](const auto& b) {
      if (!f.has(b.name) || std::find(skip.begin(), skip.end(), b.name) != skip.end()) return;
      using M = typename std::remove_cvref_t<decltype(b)>::Value;
      const YAML::Node n = f.get(b.name);
      std::string w = fmt::format("{} {}", what, b.name);
      if constexpr (kIsId<M>) {
        ref(ref_kind(M{}), n, w,
            [this, idx, m = b.member](uint32_t t) { entity<T>(idx).*m = M{t}; });
      } else if constexpr (kIsIdList<M>) {
        using E = typename M::value_type;
        for (const auto& e : list(n, w))
          ref(ref_kind(E{}), e, w,
              [this, idx, m = b.member](uint32_t t) { (entity<T>(idx).*m).emplace_back(t); });
      } else if constexpr (kIsOptional<M>) {
        out.*b.member = value<typename M::value_type>(n, w, b.pct);
        ok = ok && (out.*b.member).has_value();
      } else if (auto v = value<M>(n, w, b.pct)) {
        out.*b.member = *v;
      } else {
        ok = false;
      }
    });
    return ok;
  }

  // A person's team, from their team: or a team's members:; a second, different one is a finding.
  void set_team(uint32_t person, uint32_t team, const Location& where) {
    TeamId& t = program_.people[person].team;
    if (t.valid() && t != TeamId{team}) {
      diags_.warning(codes::kTeamMembershipConflict,
                     fmt::format("{} is put in team {} here but is already in team {}",
                                 program_.people[person].key, program_.teams[team].key,
                                 program_.teams[t.index()].key),
                     where,
                     "give each person one team (team: on the person or members: on the team)");
      return;
    }
    t = TeamId{team};
  }

  // Records where an entity and its fields are.
  void note(K kind, uint32_t index, const YAML::Node& map) {
    if (map.Mark().line < 0) return;  // built in memory: findings fall back to JSON pointers
    sources_.set(kind, index, {}, loc(map));
    for (const auto& kv : map)
      if (kv.first.IsScalar()) sources_.set(kind, index, kv.first.Scalar(), loc(kv.second));
  }
  std::optional<std::string> key_of(const YAML::Node& map, const std::string& what) {
    const YAML::Node k = map["key"];
    if (!k.IsDefined() || k.IsNull()) {
      diags_.error(codes::kMissingField, fmt::format("{} has no key", what), loc(map),
                   "give it a short unique key, e.g. key: PAY-12");
      return std::nullopt;
    }
    auto s = str(k, what + " key");
    if (s && s->empty()) {
      diags_.error(codes::kMissingField, fmt::format("{} has an empty key", what), loc(k),
                   "give it a short unique key");
      return std::nullopt;
    }
    return s;
  }
  void ref(RefKind kind, const YAML::Node& n, const std::string& what,
           std::function<void(uint32_t)> set) {
    auto s = str(n, what);
    if (!s || s->empty()) return;
    refs_.push_back({kind, *s, loc(n), std::move(set)});
  }
  template <typename T>
  bool unique_key(std::map<std::string, Location>& seen, const std::string& key,
                  const YAML::Node& map, const char* noun) {
    auto [it, fresh] = seen.emplace(key, loc(map["key"]));
    if (!fresh) {
      diags_.error(codes::kDuplicateKey, fmt::format("{} key '{}' is used twice", noun, key),
                   loc(map["key"]),
                   fmt::format("the first one is at {}; give each {} its own key",
                               it->second.to_string(), noun));
      return false;
    }
    return true;
  }

  // ---- sections ----
  void read_document(const YAML::Node& root, const fs::path& dir, int depth);
  void read_program(const YAML::Node& n);
  void read_health_thresholds(const YAML::Node& n);
  void read_team(const YAML::Node& n);
  void read_person(const YAML::Node& n);
  void read_item(const YAML::Node& n);
  // The list-valued fields of item `idx` (`what` names it in messages).
  void read_item_history(uint32_t idx, const YAML::Node& n, const std::string& what);
  void read_item_allocate(uint32_t idx, const YAML::Node& n, const std::string& what);
  // An item's limits (person = false) or a person's (true, which take no people) at index idx.
  void read_limits(uint32_t idx, const YAML::Node& n, const std::string& what, bool person);
  void read_item_bookings(uint32_t idx, const YAML::Node& n, const std::string& what);
  void read_dependency(const YAML::Node& n, std::optional<uint32_t> successor);
  void read_milestone(const YAML::Node& n);
  void read_risk(const YAML::Node& n);
  void read_sprint(const YAML::Node& n);
  void read_budget(const YAML::Node& n);
  void read_status(const YAML::Node& n);
  void read_decision(const YAML::Node& n);
  void read_action(const YAML::Node& n);
  template <typename F>
  void each(const YAML::Node& root, const char* section, F&& f) {
    const YAML::Node s = root[section];
    if (!s.IsDefined() || s.IsNull()) return;
    if (!s.IsSequence()) {
      wrong_type(s, fmt::format("'{}'", section), "a list");
      return;
    }
    for (const auto& e : s) {
      if (!e.IsMap()) {
        wrong_type(e, fmt::format("an entry of '{}'", section), "a mapping of fields");
        continue;
      }
      f(e);
    }
  }

  Diagnostics& diags_;
  const PlanReadOptions& opt_;
  Program program_;
  SourceMap sources_;
  std::vector<PendingRef> refs_;
  std::vector<std::string> files_;
  std::vector<std::string> include_stack_;
  std::map<std::string, Location> team_keys_, person_keys_, item_keys_, milestone_keys_, risk_keys_,
      sprint_keys_, decision_keys_, action_keys_;
  std::string file_;
  bool have_program_ = false;
  Location program_where_;
  std::vector<std::pair<uint32_t, YAML::Node>> person_calendars_;
  std::set<std::string> files_read_;  // canonical paths: a file included twice is read once
  Error fatal_;
  bool has_fatal_ = false;
  bool unusable_ = false;  // some file could not be read as a plan at all
};

}  // namespace cairn::plan::detail

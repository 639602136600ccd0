// The sections of the YAML plan: one reader method per section. See docs/plan-format.md.
#include "plan/yaml_reader.h"

namespace cairn::plan::detail {

std::optional<ThreePoint> Reader::three_point(const YAML::Node& n, const std::string& what) {
  if (n.IsScalar()) {
    auto v = num(n, what);
    if (!v) return std::nullopt;
    return ThreePoint{*v, *v, *v};
  }
  if (n.IsSequence()) {
    if (n.size() != 3) {
      diags_.error(codes::kWrongType, fmt::format("{} has {} values; it needs 3", what, n.size()),
                   loc(n), "write [optimistic, likely, pessimistic], e.g. [2, 3, 6]");
      return std::nullopt;
    }
    auto a = num(n[0], what), b = num(n[1], what), c = num(n[2], what);
    if (!a || !b || !c) return std::nullopt;
    return ThreePoint{*a, *b, *c};
  }
  if (n.IsMap()) {
    Fields f(*this, n, yaml_fields(PlanObject::kThreePoint), what);
    f.done();
    ThreePoint tp;
    for (auto [name, slot] :
         {std::pair{"optimistic", &tp.optimistic}, std::pair{"likely", &tp.likely},
          std::pair{"pessimistic", &tp.pessimistic}}) {
      if (!f.has(name)) {
        diags_.error(codes::kMissingField, fmt::format("{} has no {}", what, name), loc(n),
                     "give optimistic, likely and pessimistic");
        return std::nullopt;
      }
      auto v = num(f.get(name), fmt::format("{} {}", what, name));
      if (!v) return std::nullopt;
      *slot = *v;
    }
    return tp;
  }
  wrong_type(n, what, "a number or [optimistic, likely, pessimistic]");
  return std::nullopt;
}

std::optional<WorkingCalendar> Reader::calendar(const YAML::Node& n, const std::string& what,
                                                WorkingCalendar cal) {
  if (!n.IsMap()) {
    wrong_type(n, what, "a mapping (weekdays, hours, holidays)");
    return std::nullopt;
  }
  Fields f(*this, n, yaml_fields(PlanObject::kCalendar), what);
  f.done();
  // Hours default to the base calendar's (its first worked weekday's pattern).
  std::vector<TimeRange> ranges = {TimeRange{9 * 60, 17 * 60}};
  if (auto base_days = cal.weekdays(); !base_days.empty()) ranges = cal.hours(base_days.front());
  if (f.has("hours")) {
    ranges.clear();
    for (const auto& h : list(f.get("hours"), what + " hours")) {
      auto s = str(h, what + " hours");
      if (!s) continue;
      auto r = parse_time_range(*s);
      if (!r) {
        diags_.error(codes::kInvalidValue,
                     fmt::format("working hours '{}' are not HH:MM-HH:MM", *s), loc(h),
                     "write e.g. \"09:00-12:00\"");
        continue;
      }
      ranges.push_back(*r);
    }
  }
  std::vector<Weekday> days = cal.weekdays();
  if (f.has("weekdays")) {
    days.clear();
    for (const auto& w : list(f.get("weekdays"), what + " weekdays")) {
      auto s = str(w, what + " weekday");
      if (!s) continue;
      auto d = parse_weekday(*s);
      if (!d) {
        diags_.error(codes::kInvalidValue, fmt::format("'{}' is not a weekday", *s), loc(w),
                     "use mon, tue, wed, thu, fri, sat, sun");
        continue;
      }
      days.push_back(*d);
    }
  }
  if (f.has("weekdays") || f.has("hours")) cal.set_weekdays(days, ranges);
  if (f.has("hours")) {
    int minutes = 0;
    for (const auto& r : ranges)
      minutes += r.end_minute - r.start_minute;
    if (minutes > 0) cal.set_day_minutes(minutes);
  }
  // Hours of a day, whole minutes: at least one, at most 24 hours.
  auto day_minutes = [&](const char* field, const char* hint, auto set) {
    if (!f.has(field)) return;
    if (auto h = num(f.get(field), what + " " + field)) {
      if (!(std::lround(*h * 60) >= 1 && *h <= 24))
        diags_.error(codes::kInvalidValue,
                     fmt::format("{} must be at least one minute (0.02) and at most 24", field),
                     loc(f.get(field)), hint);
      else
        set(static_cast<int>(std::lround(*h * 60)));
    }
  };
  day_minutes("day_hours", "write e.g. 8", [&](int m) { cal.set_day_minutes(m); });
  day_minutes("daily_max_hours", "write e.g. 6 (hours worked a day at most)",
              [&](int m) { cal.set_daily_max_minutes(m); });
  if (f.has("holidays")) {
    for (const auto& h : list(f.get("holidays"), what + " holidays")) {
      if (h.IsMap()) {
        Fields hf(*this, h, yaml_fields(PlanObject::kHoliday), "a holiday");
        hf.done();
        if (!hf.has("date")) {
          diags_.error(codes::kMissingField, "a holiday has no date", loc(h),
                       "write date: YYYY-MM-DD");
          continue;
        }
        auto d = date(hf.get("date"), "holiday date");
        std::string name;
        if (hf.has("name")) name = str(hf.get("name"), "holiday name").value_or("");
        if (d) cal.add_holiday({*d, name});
      } else if (auto d = date(h, "holiday")) {
        cal.add_holiday({*d, ""});
      }
    }
  }
  return cal;
}

void Reader::read_program(const YAML::Node& n) {
  if (!n.IsMap()) {
    wrong_type(n, "program", "a mapping of fields");
    return;
  }
  if (have_program_) {
    diags_.error(
        codes::kDuplicateKey, "the program is defined twice", loc(n),
        fmt::format("keep one program: section (the first is at {})", program_where_.to_string()));
    return;
  }
  have_program_ = true;
  program_where_ = loc(n);
  note(K::kProgram, 0, n);
  Fields f(*this, n, yaml_fields(PlanObject::kProgram), "program");
  f.done();
  if (auto k = key_of(n, "the program")) program_.key = *k;
  read_bound(f, program_, 0, "program", {"key"});
  if (!f.has("start"))
    diags_.error(codes::kMissingField, "the program has no start date", loc(n),
                 "add start: YYYY-MM-DD");
  if (f.has("calendar"))
    if (auto c = calendar(f.get("calendar"), "program calendar", WorkingCalendar{}))
      program_.calendar = *c;
  if (f.has("health_thresholds")) read_health_thresholds(f.get("health_thresholds"));
}

void Reader::read_health_thresholds(const YAML::Node& n) {
  if (!n.IsMap()) {
    wrong_type(n, "program health_thresholds", "a mapping of threshold names to numbers");
    return;
  }
  for (const auto& kv : n) {
    const std::string name = kv.first.Scalar();
    if (program_.health_thresholds.contains(name)) {
      diags_.error(codes::kDuplicateKey, fmt::format("health threshold '{}' is set twice", name),
                   loc(kv.first), "keep one value");
      continue;
    }
    if (auto v = num(kv.second, "health threshold " + name)) {
      sources_.set(K::kProgram, 0, "health_thresholds/" + name, loc(kv.first));
      program_.health_thresholds.emplace(name, *v);
    }
  }
}

void Reader::read_team(const YAML::Node& n) {
  auto key = key_of(n, "a team");
  if (!key || !unique_key<Team>(team_keys_, *key, n, "team")) return;
  uint32_t idx = static_cast<uint32_t>(program_.teams.size());
  program_.teams.push_back({});
  note(K::kTeam, idx, n);
  Team& t = program_.teams.back();
  t.key = *key;
  std::string what = "team " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kTeam), what);
  f.done();
  read_bound(f, t, idx, what, {"key"});
  if (f.has("workflow")) {
    std::set<std::string> names;
    for (const auto& s : list(f.get("workflow"), what + " workflow")) {
      WorkflowState ws;
      if (s.IsScalar()) {
        ws.name = s.Scalar();
        ws.active = false;  // a bare name is a todo state
      } else if (s.IsMap()) {
        Fields sf(*this, s, yaml_fields(PlanObject::kWorkflowState), what + " workflow state");
        sf.done();
        if (!sf.has("name")) {
          diags_.error(codes::kMissingField, "a workflow state has no name", loc(s),
                       "write name: In Progress");
          continue;
        }
        read_bound(sf, ws, 0, "workflow state");
        ws.active = ws.category == StateCategory::kInProgress;
        if (sf.has("active"))
          if (auto a = boolean(sf.get("active"), "state active")) ws.active = *a;
      } else {
        wrong_type(s, what + " workflow state", "a name or a mapping");
        continue;
      }
      if (!names.insert(ws.name).second) {
        diags_.error(codes::kDuplicateKey,
                     fmt::format("state '{}' appears twice in {}'s workflow", ws.name, *key),
                     loc(s), "list each state once");
        continue;
      }
      t.workflow.push_back(ws);
    }
  }
  if (f.has("channels")) {
    for (const auto& c : list(f.get("channels"), what + " channels")) {
      Channel ch;
      if (c.IsScalar()) {
        ch.name = c.Scalar();
      } else if (c.IsMap()) {
        Fields cf(*this, c, yaml_fields(PlanObject::kChannel), what + " channel");
        cf.done();
        read_bound(cf, ch, 0, "channel");
      } else {
        wrong_type(c, what + " channel", "a name or a mapping");
        continue;
      }
      t.channels.push_back(ch);
    }
  }
  if (f.has("members")) {
    for (const auto& m : list(f.get("members"), what + " members"))
      ref(RefKind::kPerson, m, what + " member",
          [this, idx, where = loc(m)](uint32_t p) { set_team(p, idx, where); });
  }
}

std::optional<std::vector<TimeRange>> Reader::time_ranges(const YAML::Node& n,
                                                          const std::string& what) {
  std::vector<TimeRange> out;
  for (const auto& h : list(n, what)) {
    auto s = str(h, what);
    if (!s) return std::nullopt;
    auto r = parse_time_range(*s);
    if (!r) {
      diags_.error(codes::kInvalidValue, fmt::format("working hours '{}' are not HH:MM-HH:MM", *s),
                   loc(h), "write e.g. \"09:00-12:00\"");
      return std::nullopt;
    }
    out.push_back(*r);
  }
  return out;
}

// Shifts: [{from, to, weekdays, hours, leave, replace}]; `hours` is a list for every weekday of
// `weekdays` (default mon-fri, 09:00-17:00), or a mapping weekday -> list.
std::vector<Shift> Reader::shifts(const YAML::Node& n, const std::string& what) {
  std::vector<Shift> out;
  for (const auto& e : list(n, what)) {
    if (!e.IsMap()) {
      wrong_type(e, what + " entry", "a mapping {from, to, weekdays, hours, leave, replace}");
      continue;
    }
    Fields f(*this, e, yaml_fields(PlanObject::kShift), what);
    f.done();
    if (!f.has("from") || !f.has("to")) {
      diags_.error(codes::kMissingField, "a shift needs from and to", loc(e),
                   "write {from: 2026-03-02, to: 2026-03-13, weekdays: [mon], hours: "
                   "[\"10:00-16:00\"]}");
      continue;
    }
    auto from = date(f.get("from"), what + " from");
    auto to = date(f.get("to"), what + " to");
    if (!from || !to) continue;
    Shift sh;
    sh.dates = DateRange{*from, *to};
    std::vector<TimeRange> ranges = {TimeRange{9 * 60, 17 * 60}};
    std::vector<Weekday> days = {Weekday::kMonday, Weekday::kTuesday, Weekday::kWednesday,
                                 Weekday::kThursday, Weekday::kFriday};
    bool ok = true;
    if (f.has("hours") && f.get("hours").IsMap()) {
      if (f.has("weekdays"))
        diags_.error(codes::kInvalidValue, "a shift gives weekdays or hours per weekday, not both",
                     loc(f.get("weekdays")), "drop weekdays");
      for (const auto& kv : f.get("hours")) {
        auto name = kv.first.as<std::string>();
        auto d = parse_weekday(name);
        if (!d) {
          diags_.error(codes::kInvalidValue, fmt::format("'{}' is not a weekday", name),
                       loc(kv.first), "use mon, tue, wed, thu, fri, sat, sun");
          ok = false;
          continue;
        }
        auto r = time_ranges(kv.second, what + " hours");
        if (!r)
          ok = false;
        else
          sh.hours[static_cast<int>(*d)] = *r;
      }
    } else {
      if (f.has("hours")) {
        auto r = time_ranges(f.get("hours"), what + " hours");
        if (!r)
          ok = false;
        else
          ranges = *r;
      }
      if (f.has("weekdays")) {
        days.clear();
        for (const auto& w : list(f.get("weekdays"), what + " weekdays")) {
          auto t = str(w, what + " weekday");
          auto d = t ? parse_weekday(*t) : std::nullopt;
          if (!d) {
            if (t)
              diags_.error(codes::kInvalidValue, fmt::format("'{}' is not a weekday", *t), loc(w),
                           "use mon, tue, wed, thu, fri, sat, sun");
            ok = false;
            continue;
          }
          days.push_back(*d);
        }
      }
      for (Weekday d : days)
        sh.hours[static_cast<int>(d)] = ranges;
    }
    if (f.has("leave"))
      for (const auto& l : list(f.get("leave"), what + " leave"))
        if (auto d = date(l, what + " leave")) sh.leave.push_back(*d);
    std::sort(sh.leave.begin(), sh.leave.end());
    sh.leave.erase(std::unique(sh.leave.begin(), sh.leave.end()), sh.leave.end());
    if (f.has("replace")) sh.replace = boolean(f.get("replace"), what + " replace").value_or(false);
    if (ok) out.push_back(std::move(sh));
  }
  return out;
}

void Reader::read_person(const YAML::Node& n) {
  auto key = key_of(n, "a person");
  if (!key || !unique_key<Person>(person_keys_, *key, n, "person")) return;
  uint32_t idx = static_cast<uint32_t>(program_.people.size());
  program_.people.push_back({});
  note(K::kPerson, idx, n);
  Person& p = program_.people.back();
  p.key = *key;
  std::string what = "person " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kPerson), what);
  f.done();
  read_bound(f, p, idx, what, {"key", "team"});
  if (f.has("team"))
    ref(RefKind::kTeam, f.get("team"), what + " team",
        [this, idx, where = loc(f.get("team"))](uint32_t t) { set_team(idx, t, where); });
  if (f.has("allocation") && p.allocation > 0 && p.allocation <= 1 &&
      f.get("allocation").Scalar().back() != '%')
    diags_.warning(
        codes::kAllocationLooksLikeFraction,
        fmt::format("allocation of {} is {}%, less than one percent", *key, p.allocation),
        loc(f.get("allocation")),
        fmt::format("allocation is a percent: write {} for {}%", p.allocation * 100,
                    p.allocation * 100));
  if (f.has("leave")) {
    for (const auto& l : list(f.get("leave"), what + " leave")) {
      if (!l.IsMap()) {
        wrong_type(l, what + " leave", "a mapping with from, to and reason");
        continue;
      }
      Fields lf(*this, l, yaml_fields(PlanObject::kLeave), what + " leave");
      lf.done();
      if (!lf.has("from")) {
        diags_.error(codes::kMissingField, "leave has no from date", loc(l),
                     "write from: YYYY-MM-DD");
        continue;
      }
      auto from = date(lf.get("from"), "leave from");
      auto to = lf.has("to") ? date(lf.get("to"), "leave to") : from;
      if (!from || !to) continue;
      Leave lv{{*from, *to}, lf.has("reason") ? str(lf.get("reason"), "reason").value_or("") : ""};
      program_.people[idx].leave.push_back(lv);
    }
  }
  if (f.has("shifts")) program_.people[idx].shifts = shifts(f.get("shifts"), what + " shifts");
  if (f.has("limits")) read_limits(idx, f.get("limits"), what, true);
  // Applied once every file is read, on top of the program calendar (see finish()).
  if (f.has("calendar")) person_calendars_.push_back({idx, f.get("calendar")});
}

void Reader::read_milestone(const YAML::Node& n) {
  auto key = key_of(n, "a milestone");
  if (!key || !unique_key<Milestone>(milestone_keys_, *key, n, "milestone")) return;
  uint32_t idx = static_cast<uint32_t>(program_.milestones.size());
  program_.milestones.push_back({});
  note(K::kMilestone, idx, n);
  Milestone& m = program_.milestones.back();
  m.key = *key;
  std::string what = "milestone " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kMilestone), what);
  f.done();
  read_bound(f, m, idx, what, {"key"});
  if (f.has("items"))
    for (const auto& i : list(f.get("items"), what + " items"))
      ref(RefKind::kItem, i, what + " item", [this, idx](uint32_t it) {
        auto& v = program_.milestones[idx].items;
        if (std::find(v.begin(), v.end(), WorkItemId{it}) == v.end()) v.emplace_back(it);
      });
  if (f.has("gates")) {
    for (const auto& g : list(f.get("gates"), what + " gates")) {
      QualityGate gate;
      if (g.IsScalar()) {
        // "open_bugs <= 0"
        std::istringstream in(g.Scalar());
        std::string op, thr;
        in >> gate.metric >> op >> thr;
        auto c = parse_comparison(op);
        double v = 0;
        auto [p, ec] = std::from_chars(thr.data(), thr.data() + thr.size(), v);
        if (gate.metric.empty() || !c || thr.empty() || ec != std::errc() ||
            p != thr.data() + thr.size()) {
          diags_.error(codes::kInvalidValue,
                       fmt::format("quality gate '{}' is not 'metric op number'", g.Scalar()),
                       loc(g), "write e.g. \"open_bugs <= 0\" (ops: <, <=, ==, >=, >)");
          continue;
        }
        gate.comparison = *c;
        gate.threshold = v;
      } else if (g.IsMap()) {
        Fields gf(*this, g, yaml_fields(PlanObject::kGate), what + " gate");
        gf.done();
        if (!gf.has("metric") || !gf.has("threshold")) {
          diags_.error(codes::kMissingField, "a quality gate needs metric and threshold", loc(g),
                       "write {metric: open_bugs, op: \"<=\", threshold: 0}");
          continue;
        }
        read_bound(gf, gate, 0, "gate");
        if (gf.has("op")) {
          auto s = str(gf.get("op"), "gate op").value_or("");
          auto c = parse_comparison(s);
          if (!c)
            diags_.error(codes::kInvalidValue, fmt::format("'{}' is not a comparison", s),
                         loc(gf.get("op")), "use <, <=, ==, >= or >");
          else
            gate.comparison = *c;
        }
      } else {
        wrong_type(g, what + " gate", "\"metric op number\" or a mapping");
        continue;
      }
      program_.milestones[idx].gates.push_back(gate);
    }
  }
}

void Reader::read_risk(const YAML::Node& n) {
  auto key = key_of(n, "a risk");
  if (!key || !unique_key<Risk>(risk_keys_, *key, n, "risk")) return;
  uint32_t idx = static_cast<uint32_t>(program_.risks.size());
  program_.risks.push_back({});
  note(K::kRisk, idx, n);
  Risk& r = program_.risks.back();
  r.key = *key;
  std::string what = "risk " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kRisk), what);
  f.done();
  read_bound(f, r, idx, what, {"key"});
}

void Reader::read_sprint(const YAML::Node& n) {
  auto key = key_of(n, "a sprint");
  if (!key || !unique_key<Sprint>(sprint_keys_, *key, n, "sprint")) return;
  uint32_t idx = static_cast<uint32_t>(program_.sprints.size());
  program_.sprints.push_back({});
  note(K::kSprint, idx, n);
  Sprint& s = program_.sprints.back();
  s.key = *key;
  std::string what = "sprint " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kSprint), what);
  f.done();
  read_bound(f, s, idx, what, {"key"});
  for (const char* field : {"start", "end"})
    if (!f.has(field))
      diags_.error(codes::kMissingField, fmt::format("{} has no {} date", what, field), loc(n),
                   fmt::format("add {}: YYYY-MM-DD", field));
  if (!f.has("team"))
    diags_.error(codes::kMissingField, fmt::format("{} has no team", what), loc(n),
                 "add team: KEY (a Scrum team)");
}

void Reader::read_budget(const YAML::Node& n) {
  if (!n.IsMap()) {
    wrong_type(n, "budget", "a mapping (total, planned, actual)");
    return;
  }
  if (program_.budget) {
    diags_.error(codes::kDuplicateKey, "the budget is defined twice", loc(n), "keep one budget:");
    return;
  }
  note(K::kBudget, 0, n);
  Budget b;
  Fields f(*this, n, yaml_fields(PlanObject::kBudget), "budget");
  f.done();
  read_bound(f, b, 0, "budget");
  auto periods = [&](const char* field, auto& out) {
    if (!f.has(field)) return;
    for (const auto& p : list(f.get(field), fmt::format("budget {}", field))) {
      if (!p.IsMap()) {
        wrong_type(p, fmt::format("budget {} entry", field), "{period_end, amount}");
        continue;
      }
      Fields pf(*this, p, yaml_fields(PlanObject::kPeriod), fmt::format("budget {} entry", field));
      pf.done();
      if (!pf.has("period_end") || !pf.has("amount")) {
        diags_.error(codes::kMissingField, "a budget period needs period_end and amount", loc(p),
                     "write {period_end: 2026-09-30, amount: 120000}");
        continue;
      }
      typename std::remove_cvref_t<decltype(out)>::value_type e;
      if (read_bound(pf, e, 0, fmt::format("budget {} entry", field))) out.push_back(e);
    }
  };
  periods("planned", b.planned);
  periods("actual", b.actual);
  program_.budget = b;
}

void Reader::read_status(const YAML::Node& n) {
  uint32_t idx = static_cast<uint32_t>(program_.status_updates.size());
  program_.status_updates.push_back({});
  note(K::kStatusUpdate, idx, n);
  auto& s = program_.status_updates.back();
  Fields f(*this, n, yaml_fields(PlanObject::kStatusUpdate), "a status update");
  f.done();
  read_bound(f, s, idx, "status update");
  if (!f.has("date"))
    diags_.error(codes::kMissingField, "a status update has no date", loc(n),
                 "add date: YYYY-MM-DD");
}

void Reader::read_decision(const YAML::Node& n) {
  uint32_t idx = static_cast<uint32_t>(program_.decisions.size());
  program_.decisions.push_back({});
  note(K::kDecision, idx, n);
  auto& d = program_.decisions.back();
  Fields f(*this, n, yaml_fields(PlanObject::kDecision), "a decision");
  f.done();
  read_bound(f, d, idx, "decision");
  if (f.has("key")) unique_key<Decision>(decision_keys_, d.key, n, "decision");
  if (!f.has("date"))
    diags_.error(codes::kMissingField, "a decision has no date", loc(n), "add date: YYYY-MM-DD");
}

void Reader::read_action(const YAML::Node& n) {
  uint32_t idx = static_cast<uint32_t>(program_.actions.size());
  program_.actions.push_back({});
  note(K::kAction, idx, n);
  auto& a = program_.actions.back();
  Fields f(*this, n, yaml_fields(PlanObject::kAction), "an action item");
  f.done();
  read_bound(f, a, idx, "action");
  if (f.has("key")) unique_key<ActionItem>(action_keys_, a.key, n, "action item");
}

void Reader::read_document(const YAML::Node& root, const fs::path& dir, int depth) {
  if (root.IsNull() || !root.IsDefined()) return;  // an empty file is an empty plan part
  if (!root.IsMap()) {
    wrong_type(root, "a plan file", "a mapping of sections (program, teams, people, items, ...)");
    return;
  }
  Fields top(*this, root, yaml_fields(PlanObject::kDocument), "the plan");
  top.done();
  if (top.has("program")) read_program(top.get("program"));
  each(root, "teams", [&](const YAML::Node& n) { read_team(n); });
  each(root, "people", [&](const YAML::Node& n) { read_person(n); });
  each(root, "milestones", [&](const YAML::Node& n) { read_milestone(n); });
  each(root, "items", [&](const YAML::Node& n) { read_item(n); });
  each(root, "dependencies", [&](const YAML::Node& n) { read_dependency(n, std::nullopt); });
  each(root, "risks", [&](const YAML::Node& n) { read_risk(n); });
  each(root, "sprints", [&](const YAML::Node& n) { read_sprint(n); });
  if (top.has("budget")) read_budget(top.get("budget"));
  each(root, "status_updates", [&](const YAML::Node& n) { read_status(n); });
  each(root, "decisions", [&](const YAML::Node& n) { read_decision(n); });
  each(root, "actions", [&](const YAML::Node& n) { read_action(n); });
  if (top.has("include")) {
    std::string here = file_;
    for (const auto& inc : list(top.get("include"), "include")) {
      auto rel = str(inc, "include");
      if (!rel) continue;
      Location from = loc(inc);
      if (dir.empty()) {
        diags_.error(codes::kIncludeNotFound,
                     fmt::format("include '{}' cannot be read from text input", *rel), from,
                     "read the plan from a file");
        continue;
      }
      if (depth + 1 > opt_.max_include_depth) {
        diags_.error(codes::kIncludeTooDeep,
                     fmt::format("includes nest deeper than {} levels", opt_.max_include_depth),
                     from, "flatten the include chain");
        continue;
      }
      fs::path p = dir / *rel;
      read_file(p.lexically_normal().string(), depth + 1, from);
      file_ = here;
    }
  }
}

}  // namespace cairn::plan::detail

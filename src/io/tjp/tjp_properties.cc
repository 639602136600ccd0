// The property statements of the TaskJuggler parser: project, shift, resource, task, supplement.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/tjp/tjp_parser.h"

namespace cairn::io::tjp {

// TaskJuggler rebuilds the project's working hours from its defaults whenever the time zone or the
// timing resolution is set (tj3's Project#[]=), so workinghours written before either are lost;
// Cairn does the same and says so.
void Parser::reset_working_hours(const Token& kw) {
  if (!project_.week_set_at) return;
  diags_.warning("tjp-working-hours-reset",
                 fmt::format("{} after the project's workinghours ({}) resets them to "
                             "TaskJuggler's default, Monday to Friday 9:00-17:00, as tj3 does",
                             kw.text, project_.week_set_at->to_string()),
                 loc(kw), fmt::format("write {} before workinghours to keep those hours", kw.text));
  project_.week = default_week();
  project_.week_set_at.reset();
}
namespace {

std::string macro_time(DateTime t) {
  int m = t.minute_of_day();
  return fmt::format("{}-{:02d}:{:02d}", t.date().to_string(), m / 60, m % 60);
}

// Display settings that carry nothing a plan needs; accepted and ignored (docs/taskjuggler.md).
bool is_display_only(std::string_view k) {
  static constexpr std::string_view kKeys[] = {"timeformat",       "shorttimeformat",
                                               "numberformat",     "currencyformat",
                                               "weekstartsmonday", "weekstartssunday"};
  return std::find(std::begin(kKeys), std::end(kKeys), k) != std::end(kKeys);
}

}  // namespace

void Parser::too_deep(const Token& kw) {
  diags_.error(
      "tjp-nesting-too-deep",
      fmt::format("{}s nest deeper than {} levels; this one is skipped", kw.text, kMaxNesting),
      loc(kw), "check for missing closing braces");
  skip_statement();
}

// project [id] "name" ["version"] start ( - end | + duration ) [{ ... }]
void Parser::parse_project(const Token& kw) {
  if (project_.have_project) {
    diags_.error("tjp-syntax", "a second project header", loc(kw), "a file has one project");
    return skip_statement();
  }
  project_.have_project = true;
  project_.where = pos(kw);
  if (lex_.peek().kind == Tok::kId) project_.id = std::string(lex_.next().text);
  auto name = string_value();
  if (!name) return skip_statement();
  project_.name = *name;
  if (lex_.peek().kind == Tok::kString) lex_.next();  // version
  auto iv = interval(false);
  if (!iv) return skip_statement();
  project_.start = iv->start;
  project_.end = iv->end;
  lex_.define_macro("projectstart", macro_time(project_.start));
  lex_.define_macro("projectend", macro_time(project_.end));
  lex_.define_macro("now", macro_time(project_.start));
  lex_.define_macro("today", project_.start.date().to_string());
  if (optional_block_start()) parse_block(&Parser::project_attribute);
}

// scenario id "name" [{ scenario ... active yes|no }]: the tree of scenarios. The selected one
// (else the top one) and its ancestors are imported; attributes of the others warn.
void Parser::parse_scenario(const std::string& parent) {
  auto id = id_value();
  if (!id) return skip_statement();
  if (parent.empty()) top_scenario_ = *id;
  scenario_parent_[*id] = parent;
  if (lex_.peek().kind == Tok::kString) lex_.next();
  if (!optional_block_start()) return;
  while (!block_closed()) {
    Token a = lex_.next();
    if (a.id("scenario") && nesting_ < kMaxNesting) {
      ++nesting_;
      parse_scenario(*id);
      --nesting_;
      continue;
    }
    if (!a.id("active")) unsupported(a, "a scenario attribute");
    skip_statement();
  }
}

bool Parser::scenario_imported(std::string_view scenario) const {
  const std::string* s = &imported_scenario();
  for (int depth = 0; !s->empty() && depth <= kMaxNesting; ++depth) {
    if (*s == scenario) return true;
    auto it = scenario_parent_.find(*s);
    if (it == scenario_parent_.end()) break;
    s = &it->second;
  }
  return false;
}

// `timezone "Zone/Name"`: times are the zone's wall clock from here on. The dates read before
// (the header's, `now`) were instants in UTC, as tj3 reads them before it knows the zone: they
// become the zone's wall clock, and the macros that hold them follow.
void Parser::set_time_zone(const Token& z) {
  auto zone = TimeZone::find(z.text);
  if (!zone) {
    diags_.warning("tjp-unsupported",
                   fmt::format("unknown time zone '{}': times are read as UTC", z.text), loc(z),
                   "use an IANA zone name such as \"Europe/Berlin\"");
    return;
  }
  if (!zone_read_) {
    zone_read_ = true;
    project_.start = zone->wall(project_.start);
    project_.end = zone->wall(project_.end);
    lex_.define_macro("projectstart", macro_time(project_.start));
    lex_.define_macro("projectend", macro_time(project_.end));
    lex_.define_macro("now", macro_time(project_.start));
    lex_.define_macro("today", project_.start.date().to_string());
    if (project_.now) {
      project_.now = zone->wall(*project_.now);
      lex_.define_macro("now", macro_time(*project_.now));
      lex_.define_macro("today", project_.now->date().to_string());
    }
  }
  if (zone->offset_changes(project_.start, project_.end))
    diags_.warning("tjp-unsupported",
                   fmt::format("time zone '{}' changes its offset from UTC during the project "
                               "(daylight saving time): Cairn's calendars do not, so work near a "
                               "change may be an hour off tj3's",
                               z.text),
                   loc(z), "none needed when whole days are what matters");
  zone_ = std::move(zone);
}

bool Parser::project_attribute(const Token& kw) {
  std::string_view k = kw.text;
  if (is_display_only(k)) {
    skip_statement();
    return true;
  }
  if (k == "now") {
    if (auto d = date()) {
      project_.now = *d;
      lex_.define_macro("now", macro_time(*d));
      lex_.define_macro("today", d->date().to_string());
    }
    return true;
  }
  if (k == "trackingscenario") {
    Token id = lex_.next();
    if (id.kind != Tok::kId) return syntax(id, "expected the id of a scenario"), true;
    const bool top_only = scenario_parent_.empty() && id.text == top_scenario_;
    if (!top_only && !scenario_parent_.count(std::string(id.text))) {
      diags_.error("tjp-unknown-scenario",
                   fmt::format("tracking scenario '{}' is not declared", id.text), loc(id),
                   "declare the scenarios before `trackingscenario`");
      return true;
    }
    project_.projection = scenario_imported(id.text);
    return true;
  }
  if (k == "currency") {
    if (auto s = string_value()) project_.currency = *s;
    return true;
  }
  if (k == "timezone") {
    Token z = lex_.next();
    if (z.kind != Tok::kString) return syntax(z, "expected a time zone name in quotes"), true;
    set_time_zone(z);
    reset_working_hours(kw);
    return true;
  }
  if (k == "workinghours") {
    if (!parse_working_hours(project_.week)) skip_statement();
    project_.week_set_at = loc(kw);
    return true;
  }
  if (k == "dailyworkinghours") {
    auto v = number();
    if (v && *v > 0 && *v <= 24)
      project_.daily_hours = *v;
    else if (v)
      syntax(kw, "dailyworkinghours must be more than 0 and at most 24");
    return true;
  }
  if (k == "yearlyworkingdays") {
    auto v = number();
    if (v && *v > 0 && *v <= 366)
      project_.yearly_days = *v;
    else if (v)
      syntax(kw, "yearlyworkingdays must be more than 0 and at most 366");
    return true;
  }
  if (k == "timingresolution") {
    auto v = number();
    Token u = lex_.next();
    if (!v) return true;
    int minutes = static_cast<int>(*v * (u.id("h") ? 60 : 1));
    if (!(u.id("min") || u.id("h")) || minutes < 5 || minutes > 60 || 60 % minutes != 0) {
      syntax(u, "timingresolution is 5min, 10min, 15min, 20min, 30min or 60min");
      return true;
    }
    project_.resolution_minutes = minutes;
    reset_working_hours(kw);
    if (minutes != 60)
      diags_.warning("tjp-unsupported",
                     fmt::format("timingresolution {}min: Cairn schedules in 60-minute slots "
                                 "unless told otherwise; durations are rounded to {} minutes",
                                 minutes, minutes),
                     loc(kw), "pass the resolution to the scheduler when it needs finer slots");
    return true;
  }
  if (k == "scenario") {
    if (!scenario_parent_.empty()) {
      syntax(kw, "a second top scenario; nest the others in the first");
      return skip_statement(), true;
    }
    parse_scenario("");
    return true;
  }
  if (k == "extend") {
    // Custom attributes: remember their names so that their uses are reported, not misread.
    Token what = lex_.next();
    if (!lex_.peek().punct('{')) return syntax(lex_.peek(), "expected '{'"), skip_statement(), true;
    lex_.next();
    std::vector<std::string> names;
    while (!block_closed()) {
      lex_.next();  // type
      if (lex_.peek().kind == Tok::kId) {
        names.push_back(std::string(lex_.next().text));
        extended_.push_back(names.back());
      }
      skip_statement();
    }
    unsupported(kw, fmt::format("custom {} attributes {}", what.text, fmt::join(names, ", ")));
    return true;
  }
  return false;
}

// shift id "name" { workinghours | vacation | leaves | replace | shift }
void Parser::parse_shift(const Token& kw) {
  if (nesting_ >= kMaxNesting) return too_deep(kw);
  // `shift "Name"` without an id: TaskJuggler names it _Shift_<its sequence number>.
  std::optional<std::string> id;
  if (lex_.peek().kind == Tok::kString)
    id = fmt::format("_Shift_{}", project_.shifts.size() + 1);
  else
    id = id_value();
  if (!id) return skip_statement();
  auto name = string_value();
  if (!name) return skip_statement();
  TjShift sh;
  sh.id = *id;
  sh.name = *name;
  sh.week = cur_shift_ >= 0 ? project_.shifts[cur_shift_].week : project_.week;
  if (cur_shift_ >= 0) sh.leaves = project_.shifts[cur_shift_].leaves;
  if (project_.shift_index.count(sh.id)) {
    diags_.error("tjp-duplicate-id", fmt::format("shift '{}' is defined twice", sh.id), loc(kw),
                 "give each shift its own id");
  }
  project_.shifts.push_back(std::move(sh));
  int idx = static_cast<int>(project_.shifts.size() - 1);
  project_.shift_index[project_.shifts.back().id] = idx;
  if (!optional_block_start()) return;
  int saved = cur_shift_;
  cur_shift_ = idx;
  ++nesting_;
  parse_block(&Parser::shift_attribute);
  --nesting_;
  cur_shift_ = saved;
}

bool Parser::shift_attribute(const Token& kw) {
  TjShift& sh = project_.shifts[cur_shift_];
  if (kw.id("workinghours")) {
    if (!parse_working_hours(sh.week)) skip_statement();
    return true;
  }
  if (kw.id("vacation")) return parse_leaves(kw, sh.leaves, false), true;
  if (kw.id("leaves")) return parse_leaves(kw, sh.leaves, true), true;
  if (kw.id("shift")) return parse_shift(kw), true;
  if (kw.id("replace")) return sh.replace = true, true;
  return false;
}

// shifts id [interval] [, id [interval]]...
bool Parser::parse_shift_uses(std::vector<TjShiftUse>& into) {
  while (true) {
    Token id = lex_.next();
    auto it = id.kind == Tok::kId ? project_.shift_index.find(std::string(id.text))
                                  : project_.shift_index.end();
    if (it == project_.shift_index.end()) {
      diags_.error("tjp-unknown-shift", fmt::format("unknown shift '{}'", id.text), loc(id),
                   "define the shift before using it");
      skip_statement();
      return false;
    }
    TjShiftUse u;
    u.shift = it->second;
    if (lex_.peek().kind == Tok::kDate) {
      auto iv = interval(false);
      if (!iv) {
        skip_statement();
        return false;
      }
      u.period = *iv;
    }
    into.push_back(u);
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
  return true;
}

// booking (resource | task) interval [, interval]... [{ overtime N sloppy N }]. A booking holds
// in the scenario it is written for only: tj3 does not carry a parent scenario's bookings into
// a child scenario (unlike other attributes), so importing `actual` skips the plain ones.
void Parser::parse_booking(const Token& kw, bool in_task) {
  const bool own_scenario = stmt_scenario_.empty() || stmt_scenario_ == imported_scenario();
  Token ref = lex_.next();
  if (ref.kind != Tok::kId) {
    syntax(ref,
           in_task ? "expected a resource id after booking" : "expected a task id after booking");
    return skip_statement();
  }
  TjBooking b;
  b.where = pos(kw);
  if (in_task)
    b.resource = TjRef{ref.text, 0, pos(ref)};
  else
    b.task = TjRef{ref.text, 0, pos(ref)}, b.resource_index = cur_resource_;
  while (true) {
    auto iv = interval(false);
    if (!iv) return skip_statement();
    b.intervals.push_back(*iv);
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
  if (optional_block_start()) {
    while (true) {
      Token a = lex_.next();
      if (a.punct('}')) break;
      if (a.kind == Tok::kEof) return syntax(a, "expected '}'");
      if (a.id("overtime")) {
        if (auto v = number()) b.overtime = std::clamp(static_cast<int>(*v), 0, 2);
      } else if (a.id("sloppy")) {
        number();  // only silences TaskJuggler's errors for time that is not counted
      } else {
        unsupported(a, "a booking attribute");
        skip_statement();
      }
    }
  }
  if (!own_scenario) return;
  if (in_task)
    project_.tasks[cur_task_].bookings.push_back(std::move(b));
  else
    project_.resource_bookings.push_back(std::move(b));
}

// resource id "name" [{ ... }]
void Parser::parse_resource(const Token& kw, int parent) {
  if (nesting_ >= kMaxNesting) return too_deep(kw);
  // `resource "Name"` without an id: TaskJuggler names it _Resource_<its sequence number>.
  std::optional<std::string> id;
  if (lex_.peek().kind == Tok::kString)
    id = fmt::format("_Resource_{}", project_.resources.size() + 1);
  else
    id = id_value();
  if (!id) return skip_statement();
  auto name = string_value();
  if (!name) return skip_statement();
  TjResource r;
  r.id = *id;
  r.name = *name;
  r.parent = parent;
  r.where = pos(kw);
  if (parent >= 0) {
    // TaskJuggler copies the parent's attributes into a child when it is declared.
    const TjResource& p = project_.resources[parent];
    r.week = p.week;
    r.leaves = p.leaves;
    r.rate = p.rate;
    r.daily_max_hours = p.daily_max_hours;
    r.limits = p.limits;
    r.efficiency = p.efficiency;
    r.shift_periods = p.shift_periods;
  } else {
    r.rate = project_.default_rate;
  }
  if (project_.resource_index.count(r.id)) {
    diags_.error("tjp-duplicate-id", fmt::format("resource '{}' is defined twice", r.id), loc(kw),
                 "resource ids are global; give each its own");
    r.id += fmt::format("~{}", project_.resources.size());
  }
  project_.resources.push_back(std::move(r));
  int idx = static_cast<int>(project_.resources.size() - 1);
  project_.resource_index[project_.resources.back().id] = idx;
  if (parent >= 0) project_.resources[parent].children.push_back(idx);
  if (!optional_block_start()) return;
  int saved = cur_resource_;
  cur_resource_ = idx;
  ++nesting_;
  parse_block(&Parser::resource_attribute);
  --nesting_;
  cur_resource_ = saved;
}

bool Parser::resource_attribute(const Token& kw) {
  std::string_view k = kw.text;
  TjResource* r = &project_.resources[cur_resource_];
  if (k == "resource") return parse_resource(kw, cur_resource_), true;
  if (k == "supplement") return parse_supplement(kw), true;
  if (k == "email") {
    if (auto s = string_value()) r->email = *s;
    return true;
  }
  if (k == "workinghours") {
    Week w = r->week ? *r->week : project_.week;
    if (parse_working_hours(w))
      project_.resources[cur_resource_].week = w;
    else
      skip_statement();
    return true;
  }
  if (k == "vacation") return parse_leaves(kw, r->leaves, false), true;
  if (k == "leaves") return parse_leaves(kw, r->leaves, true), true;
  if (k == "rate") {
    if (auto v = number()) r->rate = *v;
    return true;
  }
  if (k == "limits") {
    // tj3: a limits block replaces the limits the resource had (its parent's included).
    std::vector<TjLimit> all;
    parse_limits(kw, all, false);
    TjResource& res = project_.resources[cur_resource_];
    res.daily_max_hours.reset();
    res.limits.clear();
    for (TjLimit& l : all) {
      if (l.per == 'd' && !l.period)
        res.daily_max_hours = l.hours;
      else
        res.limits.push_back(std::move(l));
    }
    return true;
  }
  if (k == "efficiency") {
    // tj3: each slot the resource works gives `efficiency` of a slot of effort (length and
    // duration tasks do not change): Person::efficiency. A resource standing for a team of
    // five has 5; one that is booked but does no effort (a truck, a room) 0.
    auto v = number();
    if (!v) return true;
    if (*v < 0) return syntax(kw, "efficiency must be 0 or more"), true;
    if (*v > 100)
      unsupported(kw,
                  fmt::format("efficiency {} (Cairn reads at most 100, a team of a hundred)", *v));
    project_.resources[cur_resource_].efficiency = std::min(*v, 100.0);
    return true;
  }
  if (k == "shifts" || k == "shift") {
    std::vector<TjShiftUse> uses;
    if (!parse_shift_uses(uses)) return true;
    r = &project_.resources[cur_resource_];
    for (const TjShiftUse& u : uses) {
      if (u.period) {
        r->shift_periods.push_back(u);
        continue;
      }
      // A shift for the whole project: the resource's own hours and vacations.
      const TjShift& sh = project_.shifts[u.shift];
      r->week = sh.week;
      r->leaves.insert(r->leaves.end(), sh.leaves.begin(), sh.leaves.end());
    }
    return true;
  }
  if (k == "booking") return parse_booking(kw, false), true;
  return false;
}

// supplement ( task | resource ) id { ... }
void Parser::parse_supplement(const Token& kw, int in_task) {
  Token what = lex_.next();
  if (!what.id("task") && !what.id("resource")) {
    unsupported(what.kind == Tok::kId ? what : kw, "supplements other than task and resource");
    return skip_statement();
  }
  Token id = lex_.next();
  if (id.kind != Tok::kId) {
    syntax(id, "expected the id to supplement");
    return skip_statement();
  }
  const bool task = what.id("task");
  auto& index = task ? project_.task_index : project_.resource_index;
  std::string full(id.text);
  if (task && in_task >= 0)  // nested in a task: relative to it (tj3's rule_taskId)
    full = project_.tasks[in_task].id + "." + full;
  else if (task && task_prefix(kw) >= 0)
    full = project_.tasks[task_prefix(kw)].id + "." + full;
  auto it = index.find(full);
  if (it == index.end()) {
    diags_.error(task ? "tjp-unknown-task" : "tjp-unknown-resource",
                 fmt::format("supplement of unknown {} '{}'", what.text, full), loc(id),
                 fmt::format("define the {} before supplementing it", what.text));
    return skip_statement();
  }
  if (!optional_block_start()) return;
  if (task) {
    int saved = cur_task_;
    cur_task_ = it->second;
    parse_block(&Parser::task_attribute);
    cur_task_ = saved;
  } else {
    int saved = cur_resource_;
    cur_resource_ = it->second;
    parse_block(&Parser::resource_attribute);
    cur_resource_ = saved;
  }
}

// task [id] "name" [{ ... }]
void Parser::parse_task(const Token& kw, int parent) {
  if (nesting_ >= kMaxNesting) return too_deep(kw);
  std::string local;
  if (lex_.peek().kind == Tok::kId) local = std::string(lex_.next().text);
  Token name = lex_.next();
  if (name.kind != Tok::kString) {
    syntax(name, "expected a string in quotes");
    return skip_statement();
  }
  // A task without an id: tj3 names it _Task_<its sequence number among all tasks so far>.
  if (local.empty()) local = fmt::format("_Task_{}", project_.tasks.size() + 1);
  TjTask t;
  if (parent >= 0) {
    const std::string& pid = project_.tasks[parent].id;
    t.id.reserve(pid.size() + 1 + local.size());
    t.id.append(pid).append(1, '.').append(local);
  } else {
    t.id = std::move(local);
  }
  t.name = name.text;
  t.parent = parent;
  t.where = pos(kw);
  if (parent >= 0) {
    // Inherited when the child is declared, as TaskJuggler does.
    const TjTask& p = project_.tasks[parent];
    t.priority = p.priority;
    t.allocations = p.allocations;
    t.flags = p.flags;
    t.alap = p.alap;
    t.shifts = p.shifts;
  }
  int idx = static_cast<int>(project_.tasks.size());
  if (!project_.task_index.try_emplace(t.id, idx).second) {
    diags_.error("tjp-duplicate-id", fmt::format("task '{}' is defined twice", t.id), loc(kw),
                 "give sibling tasks distinct ids");
    t.id += fmt::format("~{}", idx);
    project_.task_index.try_emplace(t.id, idx);
  }
  project_.tasks.push_back(std::move(t));
  if (parent >= 0) project_.tasks[parent].children.push_back(idx);
  if (!optional_block_start()) return;
  int saved = cur_task_;
  cur_task_ = idx;
  ++nesting_;
  parse_block(&Parser::task_attribute);
  --nesting_;
  cur_task_ = saved;
}

bool Parser::task_attribute(const Token& kw) {
  std::string_view k = kw.text;
  auto task = [&]() -> TjTask& { return project_.tasks[cur_task_]; };
  if (k == "task") return parse_task(kw, cur_task_), true;
  if (k == "supplement") return parse_supplement(kw, cur_task_), true;
  if (k == "effort" || k == "length" || k == "duration") {
    auto v = k == "duration" ? calendar_days() : working_days();
    if (!v) return skip_statement(), true;
    task().basis = k == "effort"   ? TjBasis::kEffort
                   : k == "length" ? TjBasis::kLength
                                   : TjBasis::kDuration;
    task().amount = *v;
    return true;
  }
  if (k == "milestone") return task().milestone = true, true;
  if (k == "start" || k == "end" || k == "minstart" || k == "maxstart" || k == "minend" ||
      k == "maxend") {
    auto d = date();
    if (!d) return skip_statement(), true;
    TjTask& t = task();
    if (k == "start") t.start = *d, t.alap = false;
    if (k == "end") t.end = *d, t.alap = true;
    if (k[0] == 'm') {
      if (k == "minstart") t.min_start = *d;
      if (k == "maxstart") t.max_start = *d;
      if (k == "minend") t.min_end = *d;
      if (k == "maxend") t.max_end = *d;
      if (t.assert_where.line == 0) t.assert_where = pos(kw);
    }
    return true;
  }
  if (k == "period") {
    auto iv = interval(false);
    if (!iv) return skip_statement(), true;
    task().start = iv->start;
    task().end = iv->end;
    return true;
  }
  if (k == "depends" || k == "precedes") return parse_dependencies(kw, k == "precedes"), true;
  if (k == "allocate") return parse_allocations(kw), true;
  if (k == "limits") {
    // tj3: a task's limits are its own (not inherited), and a second block replaces the first.
    project_.tasks[cur_task_].limits.clear();
    return parse_limits(kw, project_.tasks[cur_task_].limits, true), true;
  }
  if (k == "shifts" || k == "shift") return parse_shift_uses(task().shifts), true;
  if (k == "booking") return parse_booking(kw, true), true;
  if (k == "priority") {
    auto v = number();
    if (v && *v >= 1 && *v <= 1000)
      task().priority = static_cast<int>(*v);
    else if (v)
      syntax(kw, "priority must be between 1 and 1000");
    return true;
  }
  if (k == "complete") {
    auto v = number();
    if (v && *v >= 0 && *v <= 100)
      task().complete = *v;
    else if (v)
      syntax(kw, "complete must be between 0 and 100");
    return true;
  }
  if (k == "scheduling") {
    Token m = lex_.next();
    if (m.id("asap"))
      task().alap = false;
    else if (m.id("alap"))
      task().alap = true;
    else
      syntax(m, "expected asap or alap");
    return true;
  }
  if (k == "scheduled") return true;  // dates given with start and end are kept as they are
  if (k == "flags") {
    while (lex_.peek().kind == Tok::kId) {
      std::string_view f = lex_.next().text;
      auto& fl = task().flags;
      if (std::find(fl.begin(), fl.end(), f) == fl.end()) fl.push_back(f);
      if (!lex_.peek().punct(',')) break;
      lex_.next();
    }
    return true;
  }
  if (k == "purge") {
    Token what = lex_.next();
    if (what.kind == Tok::kIdColon) {
      // `purge s2:allocate`: only the top scenario's attributes are imported.
      Token scenario = what;
      what = lex_.next();
      if (!scenario_imported(scenario.text)) {
        unsupported(kw, fmt::format("purge of '{}' in scenario '{}'; only scenario '{}' is "
                                    "imported",
                                    what.text, scenario.text, imported_scenario()));
        return true;
      }
    }
    if (what.id("allocate"))
      task().allocations.clear();
    else if (what.id("flags"))
      task().flags.clear();
    else if (what.id("depends") || what.id("precedes")) {
      auto& deps = task().dependencies;
      bool pre = what.id("precedes");
      deps.erase(std::remove_if(deps.begin(), deps.end(),
                                [&](const TjDependency& d) { return d.precedes == pre; }),
                 deps.end());
    } else {
      unsupported(kw, fmt::format("purge of '{}'", what.text));
    }
    return true;
  }
  return false;
}

// depends|precedes ref [{ gaplength d gapduration d onstart onend }], ...
void Parser::parse_dependencies(const Token& kw, bool precedes) {
  if (cur_task_ < 0) return skip_statement();
  project_.tasks[cur_task_].alap = precedes;
  while (true) {
    int bangs = 0;
    Token t = lex_.next();
    while (t.punct('!')) {
      ++bangs;
      t = lex_.next();
    }
    if (t.kind != Tok::kId) {
      syntax(t, fmt::format("expected a task id after {}", kw.text));
      return skip_statement();
    }
    TjDependency d;
    d.target = TjRef{t.text, bangs, pos(t)};
    d.scope = cur_task_;
    d.precedes = precedes;
    d.on_end = !precedes;
    if (optional_block_start()) {
      while (true) {
        Token a = lex_.next();
        if (a.punct('}')) break;
        if (a.kind == Tok::kEof) return syntax(a, "expected '}'");
        if (a.id("gaplength")) {
          d.gap_length = working_days();
        } else if (a.id("gapduration")) {
          d.gap_duration = calendar_days();
        } else if (a.id("onstart")) {
          d.on_end = false;
        } else if (a.id("onend")) {
          d.on_end = true;
        } else {
          unsupported(a, "a dependency attribute");
          skip_statement();
        }
      }
    }
    project_.tasks[cur_task_].dependencies.push_back(std::move(d));
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
}

// allocate res [{ alternative r, ... persistent mandatory select m }], ...
void Parser::parse_allocations(const Token& kw) {
  if (cur_task_ < 0) return skip_statement();
  while (true) {
    Token r = lex_.next();
    if (r.kind != Tok::kId) {
      syntax(r, "expected a resource id after allocate");
      return skip_statement();
    }
    TjAllocation a;
    a.candidates.push_back(TjRef{r.text, 0, pos(r)});
    if (optional_block_start()) {
      while (true) {
        Token o = lex_.next();
        if (o.punct('}')) break;
        if (o.kind == Tok::kEof) return syntax(o, "expected '}'");
        if (o.id("alternative")) {
          while (lex_.peek().kind == Tok::kId) {
            Token c = lex_.next();
            a.candidates.push_back(TjRef{c.text, 0, pos(c)});
            if (!lex_.peek().punct(',')) break;
            lex_.next();
          }
        } else if (o.id("persistent")) {
          a.persistent = true;
        } else if (o.id("mandatory")) {
          a.mandatory = true;
        } else if (o.id("shifts") || o.id("shift")) {
          if (!parse_shift_uses(a.shifts)) return;
        } else if (o.id("select")) {
          Token m = lex_.next();
          if (!m.id("minallocated"))
            unsupported(
                o,
                fmt::format("selection '{}'; Cairn tries candidates by their load (minallocated)",
                            m.text));
        } else {
          unsupported(o, fmt::format("an option of {}", kw.text));
          skip_statement();
        }
      }
    }
    project_.tasks[cur_task_].allocations.push_back(std::move(a));
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
}

}  // namespace cairn::io::tjp

#include "io/tjp/tjp_build.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "base/suggest.h"
#include "model/validate.h"

namespace cairn::io::tjp {

using plan::LoadedPlan;
using plan::TjpAssertion;

namespace {

// A TjLimit as Cairn's WorkLimit (TaskJuggler's months are 30-day windows), without its resources.
WorkLimit work_limit(const TjLimit& l) {
  WorkLimit wl;
  wl.per = l.per == 'w'   ? WorkLimit::Per::kWeek
           : l.per == 'm' ? WorkLimit::Per::k30Days
                          : WorkLimit::Per::kDay;
  wl.hours = l.hours;
  if (l.period) {
    wl.from = l.period->start.date();
    wl.until = l.period->end.date();
  }
  return wl;
}

using K = EntityKind;

constexpr int kMaxHolidayDays = 3660;  // one interval adds at most ten years of days
constexpr int kMaxSuggestions = 20;    // "did you mean" searches, at most
constexpr int kMaxUnknownRefs = 200;   // unknown references reported one by one, at most

// The last day an exclusive end instant touches.
Date last_day(DateTime end) {
  return DateTime{end.seconds - 1}.date();
}

class Builder {
 public:
  Builder(const TjProject& tj, Diagnostics& diags, const BuildOptions& options)
      : tj_(tj), diags_(diags), complete_as_progress_(options.complete_as_progress) {}

  LoadedPlan build(std::vector<std::string> files, const BuildOptions& options);

 private:
  void build_program(const BuildOptions& options);
  void build_people();
  void build_items();
  void build_timing(size_t task, WorkItem& it);
  std::vector<Allocation> build_seats(const TjTask& t);
  void build_limits(const TjTask& t, WorkItem& it);
  void apply_complete(double complete, WorkItem& it);
  void epic_teams();
  void build_dependencies();
  void anchor_alap_precedes(std::vector<uint8_t> from_precedes);
  std::vector<PersonId> leaves_of(int resource) const;
  int resolve_resource(const TjRef& ref);
  int resolve_task(const TjRef& ref, int scope);
  WorkingCalendar calendar_for(const Week& week) const;
  std::optional<Shift> shift_of(const TjShiftUse& use, Pos where);
  std::vector<Shift> shifts_of(const std::vector<TjShiftUse>& uses, Pos where);
  void build_bookings();
  bool hammock(size_t task) const;
  bool is_span(size_t task) const;
  // A leaf with people and no effort, length, duration or end of its own: tj3 runs it to the end
  // it inherits (runs_to), its nearest ancestor's or the project's, and does not make it a
  // milestone (TaskScenario#markMilestone skips tasks with allocations).
  bool runs_to_end(size_t task) const;
  DateTime runs_to(size_t task) const;
  // The kinds of dependency a task has, its own or an ancestor's (TaskJuggler inherits them).
  struct DepKinds {
    bool depends = false, precedes = false, own_precedes = false;
  };
  DepKinds dep_kinds(size_t task) const;
  // The item where task t ends: its end point when it spans (build_spans), else its own.
  uint32_t ends_at(uint32_t t) const {
    auto e = span_end_.find(t);
    return e == span_end_.end() ? t : e->second;
  }
  void build_spans();
  void build_container_points();

  Location loc(Pos p) const {
    return Location{p.file < files_.size() ? files_[p.file] : std::string(), p.line, p.column, {}};
  }

  const TjProject& tj_;
  Diagnostics& diags_;
  bool complete_as_progress_;
  std::vector<std::string> files_;
  LoadedPlan out_;
  std::vector<PersonId> person_of_;  // per resource; invalid for groups
  std::vector<TeamId> team_of_;      // per resource
  std::vector<std::string> resource_ids_, task_ids_;
  std::vector<std::vector<const TjBooking*>> task_bookings_;  // per task, both directions
  std::vector<size_t> spans_;  // tasks that span from their start to their end (build_spans)
  std::unordered_map<size_t, uint32_t> span_end_;  // per spanning task: its end point's item
  // per container with a start of its own: its start point's item (build_container_points)
  std::unordered_map<size_t, uint32_t> container_start_;
  int unknown_refs_ = 0;
  bool report_unknown(const Location& where);
};

WorkingCalendar Builder::calendar_for(const Week& week) const {
  WorkingCalendar cal = out_.program.calendar;
  for (int w = 0; w < 7; ++w)
    cal.set_hours(static_cast<Weekday>(w), week[w]);
  return cal;
}

// A shift use as a model Shift: the shift's week and its leave days in the range (the whole
// project without a period).
std::optional<Shift> Builder::shift_of(const TjShiftUse& use, Pos where) {
  if (use.shift < 0 || static_cast<size_t>(use.shift) >= tj_.shifts.size()) return std::nullopt;
  const TjShift& sh = tj_.shifts[use.shift];
  Interval iv = use.period.value_or(Interval{tj_.start, tj_.end});
  if (iv.end.seconds <= iv.start.seconds) return std::nullopt;
  if (use.period && (iv.start.minute_of_day() != 0 || iv.end.minute_of_day() != 0))
    diags_.warning("tjp-unsupported",
                   fmt::format("shift '{}' for a period that does not start and end at midnight: "
                               "whole days are used",
                               sh.id),
                   loc(where), "give the period in whole days");
  Shift out;
  out.dates = DateRange{iv.start.date(), last_day(iv.end)};
  for (int w = 0; w < 7; ++w)
    out.hours[w] = sh.week[w];
  out.replace = sh.replace;
  for (const auto& l : sh.leaves) {
    if (l.interval.end.seconds <= l.interval.start.seconds) continue;
    Date a = std::max(l.interval.start.date(), out.dates.from);
    Date b = std::min(last_day(l.interval.end), out.dates.to);
    for (Date d = a; d <= b; d = d + 1)
      out.leave.push_back(d);
  }
  std::sort(out.leave.begin(), out.leave.end());
  out.leave.erase(std::unique(out.leave.begin(), out.leave.end()), out.leave.end());
  return out;
}

std::vector<Shift> Builder::shifts_of(const std::vector<TjShiftUse>& uses, Pos where) {
  std::vector<Shift> out;
  for (const auto& u : uses) {
    auto sh = shift_of(u, where);
    if (!sh) continue;
    bool overlaps = false;
    for (const Shift& o : out)
      overlaps = overlaps || (sh->dates.from <= o.dates.to && o.dates.from <= sh->dates.to);
    if (overlaps) {
      diags_.warning("tjp-unsupported",
                     fmt::format("shift '{}' overlaps another shift of the same property; it is "
                                 "ignored",
                                 tj_.shifts[u.shift].id),
                     loc(where), "TaskJuggler rejects overlapping shift assignments too");
      continue;
    }
    out.push_back(std::move(*sh));
  }
  std::sort(out.begin(), out.end(),
            [](const Shift& a, const Shift& b) { return a.dates.from < b.dates.from; });
  return out;
}

void Builder::build_program(const BuildOptions& options) {
  Program& p = out_.program;
  p.key = tj_.id.empty() ? "tjp" : tj_.id;
  p.name = tj_.name;
  p.start = tj_.start.date();
  // tj3's dates come from its own order and its project end: a stored or converted program keeps
  // both (Program::schedule_order, Program::end).
  p.end = tj_.end;
  p.schedule_order = ScheduleOrder::kTaskJuggler;
  // Bookings describe the work done up to `now` (TaskJuggler), which is Cairn's status date.
  bool bookings = !tj_.resource_bookings.empty();
  for (const auto& t : tj_.tasks)
    bookings = bookings || !t.bookings.empty();
  if (tj_.now && (options.now_as_status_date || bookings)) p.as_of = tj_.now->date();
  if (!tj_.currency.empty()) p.currency = tj_.currency;
  for (int w = 0; w < 7; ++w)
    p.calendar.set_hours(static_cast<Weekday>(w), tj_.week[w]);
  p.calendar.set_day_minutes(static_cast<int>(std::lround(tj_.daily_hours * 60)));
  for (const auto& h : tj_.holidays) {
    if (h.interval.end.seconds <= h.interval.start.seconds) continue;
    Date from = h.interval.start.date(), to = last_day(h.interval.end);
    if (to - from >= kMaxHolidayDays) {
      diags_.warning(
          "tjp-unsupported",
          fmt::format("a {}-day vacation is cut to {} days", to - from + 1, kMaxHolidayDays),
          loc(tj_.where), "split long closures");
      to = from + (kMaxHolidayDays - 1);
    }
    for (Date d = from; d <= to; d = d + 1)
      p.calendar.add_holiday(Holiday{d, h.reason});
  }
  out_.sources.set(K::kProgram, 0, {}, loc(tj_.where));
}

std::vector<PersonId> Builder::leaves_of(int r) const {
  std::vector<PersonId> out;
  std::vector<int> stack{r};
  while (!stack.empty()) {
    int x = stack.back();
    stack.pop_back();
    const auto& res = tj_.resources[x];
    if (res.children.empty()) {
      if (person_of_[x].valid()) out.push_back(person_of_[x]);
      continue;
    }
    for (auto it = res.children.rbegin(); it != res.children.rend(); ++it)
      stack.push_back(*it);
  }
  return out;
}

void Builder::build_people() {
  Program& p = out_.program;
  const size_t n = tj_.resources.size();
  person_of_.assign(n, PersonId{});
  team_of_.assign(n, TeamId{});
  for (size_t i = 0; i < n; ++i) {
    const TjResource& r = tj_.resources[i];
    resource_ids_.push_back(r.id);
    if (r.parent < 0 && !r.children.empty()) {
      Team t;
      t.key = r.id;
      t.name = r.name;
      t.method = TeamMethod::kOther;
      p.teams.push_back(std::move(t));
      team_of_[i] = TeamId{p.teams.size() - 1};
      out_.sources.set(K::kTeam, static_cast<uint32_t>(p.teams.size() - 1), {}, loc(r.where));
    } else if (r.parent >= 0) {
      team_of_[i] = team_of_[r.parent];
    }
    if (!r.children.empty()) continue;
    Person per;
    per.key = r.id;
    per.name = r.name;
    per.email = r.email;
    per.team = team_of_[i];
    per.cost_per_day = r.rate.value_or(0);
    per.allocation = 100.0 * r.efficiency;  // tj3's efficiency: effort per slot worked
    // `limits { dailymax X }`: tj3 books whole slots until the day's count over all the
    // resource's work reaches X (the scheduler counts it from the work actually booked).
    Week week = r.week ? *r.week : tj_.week;
    for (const auto& l : r.leaves)
      if (l.interval.end.seconds > l.interval.start.seconds)
        per.leave.push_back(
            Leave{DateRange{l.interval.start.date(), last_day(l.interval.end)}, l.reason});
    if (week != tj_.week || r.daily_max_hours) per.calendar = calendar_for(week);
    if (r.daily_max_hours)
      per.calendar->set_daily_max_minutes(static_cast<int>(*r.daily_max_hours * 60 + 1e-9));
    per.shifts = shifts_of(r.shift_periods, r.where);
    for (const TjLimit& l : r.limits)
      per.limits.push_back(work_limit(l));
    p.people.push_back(std::move(per));
    person_of_[i] = PersonId{p.people.size() - 1};
    out_.sources.set(K::kPerson, static_cast<uint32_t>(p.people.size() - 1), {}, loc(r.where));
  }
}

// Counts an unknown reference; false once too many were reported one by one.
bool Builder::report_unknown(const Location& where) {
  if (++unknown_refs_ <= kMaxUnknownRefs) return true;
  if (unknown_refs_ == kMaxUnknownRefs + 1)
    diags_.error(
        "tjp-too-many-errors",
        fmt::format("more than {} unknown references; the rest are not listed", kMaxUnknownRefs),
        where, "fix the first ones and read the file again");
  return false;
}

int Builder::resolve_resource(const TjRef& ref) {
  auto it = tj_.resource_index.find(std::string(ref.id));
  if (it != tj_.resource_index.end()) return it->second;
  if (!report_unknown(loc(ref.where))) return -1;
  auto near = unknown_refs_ <= kMaxSuggestions ? closest(std::string(ref.id), resource_ids_)
                                               : std::string();
  diags_.error("tjp-unknown-resource", fmt::format("unknown resource '{}'", ref.id), loc(ref.where),
               near.empty() ? "declare it with `resource id \"name\"`"
                            : fmt::format("did you mean '{}'?", near));
  return -1;
}

int Builder::resolve_task(const TjRef& ref, int scope) {
  int base = scope;
  for (int k = 0; k < ref.bangs && base >= 0; ++k)
    base = tj_.tasks[base].parent;
  std::string full;
  if (ref.bangs > 0 && base >= 0) full.append(tj_.tasks[base].id).append(1, '.');
  full.append(ref.id);
  auto it = tj_.task_index.find(full);
  if (it != tj_.task_index.end()) return it->second;
  if (!report_unknown(loc(ref.where))) return -1;
  if (task_ids_.empty())
    for (const auto& t : tj_.tasks)
      task_ids_.push_back(t.id);
  auto near = unknown_refs_ <= kMaxSuggestions ? closest(full, task_ids_) : std::string();
  std::string written = std::string(static_cast<size_t>(ref.bangs), '!') + std::string(ref.id);
  diags_.error("tjp-unknown-task",
               fmt::format("unknown task '{}'{}", written,
                           full != written ? fmt::format(" (resolved as '{}')", full) : ""),
               loc(ref.where),
               near.empty() ? "ids are absolute (a.b.c) or relative with ! for each level up"
                            : fmt::format("did you mean '{}'?", near));
  return -1;
}

// Whether a task without work gets a start (its own, or a `depends` of it or an ancestor) and an
// end (its own, or a `precedes`) that are not both its own dates: TaskJuggler then spans it
// between them.
bool Builder::hammock(size_t i) const {
  const TjTask& t = tj_.tasks[i];
  if (t.start && t.end) return false;
  const DepKinds k = dep_kinds(i);
  return (t.start || k.depends) && (t.end || k.precedes);
}

Builder::DepKinds Builder::dep_kinds(size_t i) const {
  DepKinds k;
  for (int a = static_cast<int>(i); a >= 0; a = tj_.tasks[a].parent)
    for (const TjDependency& d : tj_.tasks[a].dependencies) {
      (d.precedes ? k.precedes : k.depends) = true;
      k.own_precedes = k.own_precedes || (d.precedes && a == static_cast<int>(i));
    }
  return k;
}

bool Builder::runs_to_end(size_t i) const {
  const TjTask& t = tj_.tasks[i];
  return !t.milestone && !t.end && t.basis == TjBasis::kNone && !t.allocations.empty() &&
         t.children.empty() && task_bookings_[i].empty() && t.bookings.empty() &&
         !dep_kinds(i).precedes;
}

DateTime Builder::runs_to(size_t i) const {
  for (int a = tj_.tasks[i].parent; a >= 0; a = tj_.tasks[a].parent)
    if (tj_.tasks[a].end) return *tj_.tasks[a].end;
  return tj_.end;
}

// Whether a task without work spans from a start to an end that are not both its own dates (a
// hammock: a submission period, a phase between two milestones), as tj3 spans it:
// - its own end, with a `depends` (its own or an ancestor's), or with resources (then from its
//   ancestor's start or the project's);
// - a `precedes` (its own or an ancestor's) for its end, with its own start or a `depends`.
// Without them tj3 makes it a milestone (at its end, or at its start).
bool Builder::is_span(size_t i) const {
  const TjTask& t = tj_.tasks[i];
  if (t.milestone || (t.start && t.end) || t.basis != TjBasis::kNone || !t.children.empty() ||
      !task_bookings_[i].empty())
    return false;
  const DepKinds k = dep_kinds(i);
  if (t.end) return !k.own_precedes && (k.depends || !t.allocations.empty());
  if (k.depends && runs_to_end(i)) return true;  // from its dependencies to the end it inherits
  return k.precedes && (t.start || k.depends);
}

// Each spanning task (is_span) becomes an epic over two points: its start, placed as its
// dependencies and dates allow, and its end, at its own end or as late as possible before what it
// precedes; its dates run from the one to the other and its successors wait for the end, as in
// tj3.
void Builder::build_spans() {
  Program& p = out_.program;
  for (size_t i : spans_) {
    const TjTask& t = tj_.tasks[i];
    WorkItem& it = p.items[i];
    if (it.assignee.valid() || !it.allocations.empty())
      diags_.warning("tjp-unsupported",
                     fmt::format("task '{}' spans from its start to its end without effort; tj3 "
                                 "books its resources over the span, Cairn does not",
                                 t.id),
                     loc(t.where), "give it an effort to book its people");
    it.kind = WorkItemKind::kEpic;
    it.alap = false;
    it.assignee = PersonId{};
    it.allocations.clear();
    it.estimate.reset();
    const WorkItemId parent{i};
    WorkItem start;
    start.key = t.id + ".start";
    start.title = it.title + " (start)";
    start.parent = parent;
    start.team = it.team;
    start.basis = EstimateBasis::kLength;
    start.estimate = ThreePoint{0, 0, 0};
    start.start_no_earlier_than = it.start_no_earlier_than;
    WorkItem end = start;
    end.key = t.id + ".end";
    end.title = it.title + " (end)";
    const bool to_end = !t.end && runs_to_end(i);
    end.start_no_earlier_than = to_end ? std::optional<DateTime>(runs_to(i)) : t.end;
    // Without an end of its own, it ends where what it precedes starts: as late as possible
    // before it (anchor_alap_precedes turns the `precedes` onto this point).
    end.alap = !t.end && !to_end;
    it.start_no_earlier_than.reset();
    it.finish_no_later_than.reset();
    const uint32_t at = static_cast<uint32_t>(p.items.size());
    span_end_[i] = at + 1;
    p.items.push_back(std::move(start));
    p.items.push_back(std::move(end));
    out_.sources.set(K::kItem, at, {}, loc(t.where));
    out_.sources.set(K::kItem, at + 1, {}, loc(t.where));
  }
}

// A container keeps its own dates where its children do not reach them: tj3 runs it from the
// earlier of its own start and its children's, to the later of its own end and theirs
// (TaskScenario#scheduleContainer), and what depends on it waits for that end. Each own date
// becomes a zero-length point under the epic, held at that date, so that the epic spans it and
// its successors follow it.
void Builder::build_container_points() {
  Program& p = out_.program;
  const size_t n = tj_.tasks.size();
  std::unordered_set<std::string> keys;
  for (size_t i = 0; i < n; ++i) {
    const TjTask& t = tj_.tasks[i];
    if (t.children.empty()) continue;
    if (keys.empty())
      for (const WorkItem& it : p.items)
        keys.insert(it.key);
    for (const bool at_end : {false, true}) {
      const std::optional<DateTime>& own = at_end ? t.end : t.start;
      if (!own) continue;
      const WorkItem& epic = p.items[i];
      WorkItem point;
      // A child task may be called `end` or `start` itself.
      point.key = t.id + (at_end ? ".end" : ".start");
      while (!keys.insert(point.key).second)
        point.key += '_';
      point.title = epic.title + (at_end ? " (end)" : " (start)");
      point.parent = WorkItemId{i};
      point.team = epic.team;
      point.basis = EstimateBasis::kLength;
      point.estimate = ThreePoint{0, 0, 0};
      point.start_no_earlier_than = own;
      const uint32_t at = static_cast<uint32_t>(p.items.size());
      if (!at_end) container_start_[i] = at;
      p.items.push_back(std::move(point));
      out_.sources.set(K::kItem, at, {}, loc(t.where));
    }
  }
}

void Builder::build_items() {
  Program& p = out_.program;
  const size_t n = tj_.tasks.size();
  p.items.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const TjTask& t = tj_.tasks[i];
    WorkItem& it = p.items[i];
    it.key = t.id;
    it.title = std::string(t.name);
    it.parent = t.parent >= 0 ? WorkItemId{t.parent} : WorkItemId{};
    it.priority = t.priority;
    it.labels.assign(t.flags.begin(), t.flags.end());
    it.alap = t.alap;
    it.start_no_earlier_than = t.start;
    it.finish_no_later_than = t.end;
    if (t.max_end) it.due = last_day(*t.max_end);
    out_.sources.set(K::kItem, static_cast<uint32_t>(i), {}, loc(t.where));
    const bool leaf = t.children.empty();
    if (!leaf) {
      it.kind = WorkItemKind::kEpic;
      if (!t.bookings.empty() || !task_bookings_[i].empty())
        diags_.warning("tjp-unsupported", "bookings of a container task are ignored", loc(t.where),
                       "book the work on its subtasks");
    } else {
      it.kind = WorkItemKind::kTask;
      // A leaf starts no earlier than its nearest ancestor with a start; an ALAP leaf ends no
      // later than its nearest ancestor with an end.
      for (int a = t.parent; a >= 0 && !it.start_no_earlier_than; a = tj_.tasks[a].parent)
        it.start_no_earlier_than = tj_.tasks[a].start;
      // The program starts on a day; a project that starts later in it (a time, or a time zone
      // east of UTC) holds its work until then, as tj3 does.
      if (!it.start_no_earlier_than && tj_.start.minute_of_day() != 0)
        it.start_no_earlier_than = tj_.start;
      if (it.alap) {
        for (int a = t.parent; a >= 0 && !it.finish_no_later_than; a = tj_.tasks[a].parent)
          it.finish_no_later_than = tj_.tasks[a].end;
        // Without an end of its own or of an ancestor, and no successor to end before (a
        // `precedes`), TaskJuggler ends it at the project end.
        bool precedes = false;
        for (int a = static_cast<int>(i); a >= 0 && !precedes; a = tj_.tasks[a].parent)
          for (const TjDependency& d : tj_.tasks[a].dependencies)
            precedes = precedes || d.precedes;
        if (!it.finish_no_later_than && !precedes) it.finish_no_later_than = tj_.end;
      }
      build_timing(i, it);
      // tj3's projection mode (the imported scenario is the `trackingscenario` or inherits from
      // it): work not booked yet is booked after `now`, to the minute; a task fixed at both
      // ends, an ALAP one and a milestone keep their place.
      if (tj_.projection && tj_.now && t.basis != TjBasis::kNone && !it.alap &&
          !(t.start && t.end) && t.bookings.empty() && task_bookings_[i].empty())
        it.start_no_earlier_than = std::max(it.start_no_earlier_than.value_or(*tj_.now), *tj_.now);
      std::vector<Allocation> seats = build_seats(t);
      if (seats.size() == 1 && seats[0].candidates.size() == 1 && !seats[0].mandatory &&
          seats[0].shifts.empty()) {
        it.assignee = seats[0].candidates[0];
      } else {
        it.allocations = std::move(seats);
      }
      it.shifts = shifts_of(t.shifts, t.where);
      PersonId lead = it.assignee.valid()       ? it.assignee
                      : !it.allocations.empty() ? it.allocations[0].candidates[0]
                                                : PersonId{};
      if (lead.valid()) it.team = p.people[lead.index()].team;
    }
    build_limits(t, it);
    if (t.complete && complete_as_progress_) apply_complete(*t.complete, it);
  }
  epic_teams();
  build_spans();
  build_container_points();
  for (size_t i = 0; i < n; ++i) {
    const TjTask& t = tj_.tasks[i];
    if (!t.min_start && !t.max_start && !t.min_end && !t.max_end) continue;
    out_.tjp_assertions.push_back(TjpAssertion{WorkItemId{i}, t.min_start, t.max_start, t.min_end,
                                               t.max_end, loc(t.assert_where)});
  }
}

// An item's basis and amount (and, for a milestone, the milestone it stands for).
void Builder::build_timing(size_t i, WorkItem& it) {
  Program& p = out_.program;
  const TjTask& t = tj_.tasks[i];
  bool milestone = t.milestone;
  double amount = t.amount;
  switch (t.basis) {
    case TjBasis::kEffort:
      it.basis = EstimateBasis::kEffort;
      break;
    case TjBasis::kLength:
      it.basis = EstimateBasis::kLength;
      break;
    case TjBasis::kDuration:
      it.basis = EstimateBasis::kDuration;
      break;
    case TjBasis::kNone:
      if (t.start && t.end && !t.milestone) {
        // Fixed at both ends: it runs from its start, whichever of the two was written last (the
        // `end` would make it ALAP), and books its people where they are free (tj3 books every
        // free slot of the span whatever the direction).
        it.basis = EstimateBasis::kDuration;
        it.alap = false;
        amount = std::max<double>(0, t.end->seconds - t.start->seconds) / 86400.0;
      } else if (!t.start && t.end && !t.milestone && !task_bookings_[i].empty()) {
        // TaskJuggler starts it at its first booking; it runs to its end.
        int64_t first = t.end->seconds;
        for (const TjBooking* b : task_bookings_[i])
          for (const Interval& iv : b->intervals)
            first = std::min(first, iv.start.seconds);
        it.basis = EstimateBasis::kDuration;
        amount = std::max<double>(0, t.end->seconds - first) / 86400.0;
      } else if (!t.start && !t.end && !t.milestone && !task_bookings_[i].empty()) {
        // Only bookings (e.g. `scheduled`): it runs from its first booking to its last.
        int64_t first = std::numeric_limits<int64_t>::max(),
                last = std::numeric_limits<int64_t>::min();
        for (const TjBooking* b : task_bookings_[i])
          for (const Interval& iv : b->intervals) {
            first = std::min(first, iv.start.seconds);
            last = std::max(last, iv.end.seconds);
          }
        it.basis = EstimateBasis::kDuration;
        it.start_no_earlier_than = DateTime{first};
        amount = std::max<double>(0, last - first) / 86400.0;
      } else if (runs_to_end(i) && !dep_kinds(i).depends) {
        // People and no end: it runs from its start to the end it inherits, booking them where
        // they are free (tj3).
        const DateTime from = it.start_no_earlier_than.value_or(tj_.start);
        const DateTime to = runs_to(i);
        it.basis = EstimateBasis::kDuration;
        it.start_no_earlier_than = from;
        amount = std::max<double>(0, to.seconds - from.seconds) / 86400.0;
      } else if (is_span(i)) {
        spans_.push_back(i);  // an epic over its start and its end (build_spans)
        it.basis = EstimateBasis::kLength;
      } else {
        milestone = true;
        if (!t.milestone && hammock(i))
          diags_.warning(
              "tjp-unsupported",
              fmt::format("task '{}' has no effort, length or duration and takes its start "
                          "and its end from dependencies or dates (a hammock task); it is "
                          "imported as a milestone at its start",
                          t.id),
              loc(t.where), "give it a duration, or a start and an end");
      }
      break;
  }
  if (milestone) {
    it.basis = EstimateBasis::kLength;
    amount = 0;
    Milestone m;
    m.key = t.id;
    m.name = std::string(t.name);
    // A milestone's date is the day it is at: `maxend D` (00:00) allows day D.
    if (t.max_end) m.deadline = it.due = t.max_end->date();
    m.items.push_back(WorkItemId{i});
    p.milestones.push_back(std::move(m));
    out_.sources.set(K::kMilestone, static_cast<uint32_t>(p.milestones.size() - 1), {},
                     loc(t.where));
  }
  it.estimate = ThreePoint{amount, amount, amount};
}

// Seats: one per allocated resource; a group brings one seat per member.
std::vector<Allocation> Builder::build_seats(const TjTask& t) {
  std::vector<Allocation> seats;
  for (const auto& a : t.allocations) {
    std::vector<std::vector<PersonId>> first_seats;
    std::vector<PersonId> alternatives;
    for (size_t c = 0; c < a.candidates.size(); ++c) {
      int r = resolve_resource(a.candidates[c]);
      if (r < 0) continue;
      auto people = leaves_of(r);
      if (c == 0 && first_seats.empty()) {
        for (PersonId pid : people)
          first_seats.push_back({pid});
      } else {
        alternatives.insert(alternatives.end(), people.begin(), people.end());
      }
    }
    if (first_seats.empty() && !alternatives.empty()) first_seats.push_back({});
    for (auto& s : first_seats) {
      Allocation al;
      al.candidates = s;
      for (PersonId alt : alternatives)
        if (std::find(al.candidates.begin(), al.candidates.end(), alt) == al.candidates.end())
          al.candidates.push_back(alt);
      al.mandatory = a.mandatory;
      al.persistent = a.persistent;
      al.shifts = shifts_of(a.shifts, t.where);
      seats.push_back(std::move(al));
    }
  }
  return seats;
}

// Daily, weekly and monthly limits (TaskJuggler's months are 30-day windows); on a container
// they cap the work of all its subtasks together.

void Builder::build_limits(const TjTask& t, WorkItem& it) {
  for (const TjLimit& l : t.limits) {
    WorkLimit wl = work_limit(l);
    for (const TjRef& r : l.resources) {
      int ri = resolve_resource(r);
      if (ri < 0) continue;
      for (PersonId pid : leaves_of(ri))
        wl.people.push_back(pid);
    }
    if (!l.resources.empty() && wl.people.empty()) continue;
    it.limits.push_back(std::move(wl));
  }
}

// TaskJuggler: `complete` is for reports and has no effect on the dates. As progress (an
// option), what is left is an open item's estimate, so it stays after its predecessors.
void Builder::apply_complete(double c, WorkItem& it) {
  if (c >= 100) {
    it.state = "Done";
  } else if (c > 0 && it.estimate && it.estimate->likely > 0) {
    double f = 1 - c / 100;
    it.estimate = ThreePoint{it.estimate->optimistic * f, it.estimate->likely * f,
                             it.estimate->pessimistic * f};
  }
}

void Builder::epic_teams() {
  Program& p = out_.program;
  const size_t n = tj_.tasks.size();
  // An epic belongs to the one team of all its leaves, if there is one. Children come after
  // their parent, so a reverse pass sees every child before its parent.
  std::vector<char> seen(n, 0);
  for (size_t k = n; k-- > 0;) {
    int par = tj_.tasks[k].parent;
    if (par < 0) continue;
    TeamId ct = p.items[k].team;
    if (!seen[par]) {
      seen[par] = 1;
      p.items[par].team = ct;
    } else if (p.items[par].team != ct) {
      p.items[par].team = TeamId{};
    }
  }
}

// Bookings: actual work of a (leaf) resource on a leaf task, one per interval.
void Builder::build_bookings() {
  Program& p = out_.program;
  for (size_t i = 0; i < tj_.tasks.size(); ++i) {
    if (!tj_.tasks[i].children.empty()) continue;
    for (const TjBooking* b : task_bookings_[i]) {
      int r = b->resource_index >= 0 ? b->resource_index : resolve_resource(b->resource);
      if (r < 0) continue;
      if (!person_of_[r].valid()) {
        diags_.warning("tjp-unsupported",
                       fmt::format("a booking of the group '{}' is ignored", tj_.resources[r].id),
                       loc(b->where), "book the work of its members");
        continue;
      }
      for (const Interval& iv : b->intervals) {
        if (iv.end.seconds <= iv.start.seconds) continue;
        Booking bk;
        bk.person = person_of_[r];
        bk.start = iv.start;
        bk.end = iv.end;
        bk.counts = b->overtime >= 2   ? BookingCounts::kAll
                    : b->overtime == 1 ? BookingCounts::kOffHours
                                       : BookingCounts::kWorkingTime;
        p.items[i].bookings.push_back(bk);
      }
    }
    std::stable_sort(p.items[i].bookings.begin(), p.items[i].bookings.end(),
                     [](const Booking& a, const Booking& b) { return a.start < b.start; });
  }
}

void Builder::build_dependencies() {
  Program& p = out_.program;
  std::vector<uint8_t> from_precedes;  // per dependency: written as `precedes`
  for (size_t i = 0; i < tj_.tasks.size(); ++i) {
    for (const auto& d : tj_.tasks[i].dependencies) {
      int other = resolve_task(d.target, d.scope);
      if (other < 0) continue;
      Dependency dep;
      if (!d.precedes) {
        dep.predecessor = WorkItemId{other};
        dep.successor = WorkItemId{i};
        dep.type = d.on_end ? DependencyType::kFinishStart : DependencyType::kStartStart;
        // `onstart` of a container follows its start, the earliest of its own and its children's
        // (a Cairn epic's start gate waits for every child to start): its start point when it
        // has a start of its own.
        if (auto sp = container_start_.find(static_cast<size_t>(other));
            !d.on_end && sp != container_start_.end())
          dep.predecessor = WorkItemId{sp->second};
      } else {
        dep.predecessor = WorkItemId{i};
        dep.successor = WorkItemId{other};
        dep.type = d.on_end ? DependencyType::kFinishFinish : DependencyType::kFinishStart;
      }
      if (d.gap_duration) {
        dep.lag = *d.gap_duration;
        dep.lag_unit = LagUnit::kCalendarDays;
        if (d.gap_length)
          diags_.warning("tjp-unsupported",
                         "both gaplength and gapduration: only gapduration is imported",
                         loc(d.target.where), "keep one of them");
      } else if (d.gap_length) {
        dep.lag = *d.gap_length;
        dep.lag_unit = LagUnit::kWorkingDays;
      }
      TeamId a = p.items[dep.predecessor.index()].team, b = p.items[dep.successor.index()].team;
      if (a.valid() && b.valid() && a != b) {
        dep.provider = a;
        dep.consumer = b;
      }
      p.dependencies.push_back(dep);
      from_precedes.push_back(d.precedes);
      out_.sources.set(K::kDependency, static_cast<uint32_t>(p.dependencies.size() - 1), {},
                       loc(d.target.where));
    }
  }
  anchor_alap_precedes(std::move(from_precedes));
}

// `A precedes B` with A as late as possible and B scheduled forward: in TaskJuggler B's start
// does not wait for A (only B's own `depends` do); A ends at B's start minus the gap (onend: at
// B's end minus the gap), and whatever depends on A follows from there. Cairn places backward
// items only after all forward ones, so it would make A (and B, waiting for it) forward. The
// same constraint written the other way round keeps TaskJuggler's dates: B -> A start-finish
// (finish-finish for onend) with the gap as a lead, A scheduled forward, so A ends exactly there
// when nothing else holds it. A container's `precedes` holds for each of its leaves (TaskJuggler
// inherits it): one reversed dependency per leaf. Repeated so that ALAP chains ending at a
// forward item unroll. Only for B a leaf and A's leaves without an `end` of their own; a leaf
// stays ALAP while it (or an ancestor) still precedes something not turned.
void Builder::anchor_alap_precedes(std::vector<uint8_t> from_precedes) {
  Program& p = out_.program;
  auto leaves_under = [&](uint32_t t) {
    std::vector<uint32_t> out, stack{t};
    while (!stack.empty()) {
      uint32_t x = stack.back();
      stack.pop_back();
      if (tj_.tasks[x].children.empty()) out.push_back(x);
      for (auto it = tj_.tasks[x].children.rbegin(); it != tj_.tasks[x].children.rend(); ++it)
        stack.push_back(static_cast<uint32_t>(*it));
    }
    return out;
  };
  std::vector<uint8_t> turned(p.dependencies.size(), 0);
  auto still_alap = [&](uint32_t leaf) {
    for (int a = static_cast<int>(leaf); a >= 0; a = tj_.tasks[a].parent)
      for (size_t j = 0; j < p.dependencies.size(); ++j)
        if (from_precedes[j] && !turned[j] && p.dependencies[j].predecessor.index() == size_t(a))
          return true;
    return false;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 0; k < p.dependencies.size(); ++k) {
      if (!from_precedes[k] || turned[k]) continue;
      const Dependency d = p.dependencies[k];
      const uint32_t b = d.successor.index();
      if (!tj_.tasks[b].children.empty() || p.items[b].alap) continue;
      std::vector<uint32_t> leaves = leaves_under(d.predecessor.index());
      bool ok = !leaves.empty() && !tj_.tasks[d.predecessor.index()].end;
      for (uint32_t l : leaves)
        ok = ok && p.items[ends_at(l)].alap && !tj_.tasks[l].end && l != b;
      if (!ok) continue;
      const Location where = out_.sources.at(K::kDependency, static_cast<uint32_t>(k));
      for (size_t i = 0; i < leaves.size(); ++i) {
        Dependency r = d;
        r.predecessor = d.successor;
        r.successor = WorkItemId{ends_at(leaves[i])};
        r.type = d.type == DependencyType::kFinishStart ? DependencyType::kStartFinish
                                                        : DependencyType::kFinishFinish;
        r.lag = -d.lag;
        r.provider = p.items[b].team;
        r.consumer = p.items[ends_at(leaves[i])].team;
        if (!r.provider.valid() || !r.consumer.valid() || r.provider == r.consumer)
          r.provider = r.consumer = TeamId{};
        r.alap = true;
        if (i == 0) {
          p.dependencies[k] = r;
          turned[k] = 1;
          continue;
        }
        p.dependencies.push_back(r);
        from_precedes.push_back(1);
        turned.push_back(1);
        out_.sources.set(K::kDependency, static_cast<uint32_t>(p.dependencies.size() - 1), {},
                         where);
      }
      for (uint32_t l : leaves)
        p.items[ends_at(l)].alap = still_alap(l);
      changed = true;
    }
  }
}

LoadedPlan Builder::build(std::vector<std::string> files, const BuildOptions& options) {
  files_ = files;
  if (!tj_.have_project)
    diags_.error("tjp-no-project", "the file has no project header",
                 Location{files.empty() ? std::string() : files.front(), 1, 1, {}},
                 "start with: project id \"Name\" 2025-01-06 +6m");
  build_program(options);
  build_people();
  task_bookings_.assign(tj_.tasks.size(), {});
  for (size_t i = 0; i < tj_.tasks.size(); ++i)
    for (const auto& b : tj_.tasks[i].bookings)
      task_bookings_[i].push_back(&b);
  for (const auto& b : tj_.resource_bookings) {
    int t = resolve_task(b.task, -1);
    if (t >= 0) task_bookings_[t].push_back(&b);
  }
  build_items();
  build_bookings();
  build_dependencies();
  out_.program.reindex();
  out_.files = std::move(files);
  if (options.validate) validate(out_.program, out_.sources, diags_);
  diags_.sort();
  return std::move(out_);
}

}  // namespace

LoadedPlan build_plan(const TjProject& tj, std::vector<std::string> files, Diagnostics& diags,
                      const BuildOptions& options) {
  Builder b(tj, diags, options);
  return b.build(std::move(files), options);
}

}  // namespace cairn::io::tjp

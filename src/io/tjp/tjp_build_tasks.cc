// The work items of a TaskJuggler project: timing, seats, limits, spans and containers' own
// dates (Builder, tjp_builder.h).
#include "io/tjp/tjp_builder.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include <fmt/format.h>

namespace cairn::io::tjp::detail {

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
    const bool to_end = !t.end && runs_to_end(i);
    add_point(i, t.id + ".start", " (start)", it.start_no_earlier_than);
    // Without an end of its own, it ends where what it precedes starts: as late as possible
    // before it (anchor_alap_precedes turns the `precedes` onto this point).
    const uint32_t end =
        add_point(i, t.id + ".end", " (end)", to_end ? std::optional<DateTime>(runs_to(i)) : t.end);
    p.items[end].alap = !t.end && !to_end;
    span_end_[i] = end;
    p.items[i].start_no_earlier_than.reset();
    p.items[i].finish_no_later_than.reset();
  }
}

// A zero-length point under item `parent` (a span's or a container's), held at `at` when set.
uint32_t Builder::add_point(size_t parent, std::string key, const char* title_suffix,
                            std::optional<DateTime> at) {
  Program& p = out_.program;
  WorkItem point;
  point.key = std::move(key);
  point.title = p.items[parent].title + title_suffix;
  point.parent = WorkItemId{parent};
  point.team = p.items[parent].team;
  point.basis = EstimateBasis::kLength;
  point.estimate = ThreePoint{0, 0, 0};
  point.start_no_earlier_than = at;
  const auto index = static_cast<uint32_t>(p.items.size());
  p.items.push_back(std::move(point));
  out_.sources.set(K::kItem, index, {}, loc(tj_.tasks[parent].where));
  return index;
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
      // A child task may be called `end` or `start` itself.
      std::string key = t.id + (at_end ? ".end" : ".start");
      while (!keys.insert(key).second)
        key += '_';
      const uint32_t at = add_point(i, std::move(key), at_end ? " (end)" : " (start)", own);
      if (!at_end) container_start_[i] = at;
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

}  // namespace cairn::io::tjp::detail

// (internal) The Builder behind build_plan (tjp_build.h), shared by its files: tjp_build.cc (the
// program, people, references, bookings), tjp_build_tasks.cc (work items: timing, seats, limits,
// spans, containers' own dates) and tjp_build_deps.cc (dependencies, ALAP `precedes` anchors).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "io/tjp/tjp_build.h"
#include "io/tjp/tjp_parser.h"
#include "plan/plan.h"

namespace cairn::io::tjp::detail {

using plan::LoadedPlan;
using plan::TjpAssertion;

// A TjLimit as Cairn's WorkLimit (TaskJuggler's months are 30-day windows), without its resources.
inline WorkLimit work_limit(const TjLimit& l) {
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
inline Date last_day(DateTime end) {
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
  uint32_t add_point(size_t parent, std::string key, const char* title_suffix,
                     std::optional<DateTime> at);

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

}  // namespace cairn::io::tjp::detail

#include "io/tjp/tjp_build.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "base/suggest.h"
#include "io/tjp/tjp_builder.h"
#include "model/validate.h"

namespace cairn::io::tjp::detail {

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
  p.calendar.set_day_minutes(static_cast<int>(std::max(1L, std::lround(tj_.daily_hours * 60))));
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
    per.efficiency = r.efficiency;  // tj3's efficiency: effort per slot worked
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

}  // namespace cairn::io::tjp::detail

namespace cairn::io::tjp {

plan::LoadedPlan build_plan(const TjProject& tj, std::vector<std::string> files, Diagnostics& diags,
                            const BuildOptions& options) {
  detail::Builder b(tj, diags, options);
  return b.build(std::move(files), options);
}

}  // namespace cairn::io::tjp

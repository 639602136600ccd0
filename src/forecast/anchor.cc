#include "forecast/anchor.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <queue>

namespace cairn::forecast {
namespace {

constexpr double kTolerance = 1e-6;  // working days

// Instants as working days of the program calendar after the start of working day 1 (fractions
// by the day's working hours). Caches the count of working days per date.
class ProgramDays {
 public:
  ProgramDays(const WorkingCalendar& cal, Date start) : cal_(cal), start_(start) {}

  double operator()(DateTime t) {
    const Date d = t.date();
    double whole = days_before(d);
    const int total = cal_.working_minutes(d);
    if (total <= 0) return whole;
    const int minute = t.minute_of_day();
    int worked = 0;
    for (const auto& r : cal_.hours(d.weekday()))
      worked += std::clamp(minute - r.start_minute, 0, r.end_minute - r.start_minute);
    return whole + std::min(1.0, static_cast<double>(worked) / total);
  }

 private:
  // Working days in [start, d); negative before the start.
  double days_before(Date d) {
    if (d < start_) return -static_cast<double>(cal_.working_days_between(d, start_));
    const size_t k = static_cast<size_t>(d.days - start_.days);
    while (cum_.size() <= k) {
      const Date day{start_.days + static_cast<int32_t>(cum_.size()) - 1};
      cum_.push_back(cum_.empty() ? 0 : cum_.back() + (cal_.is_working_day(day) ? 1 : 0));
    }
    return cum_[k];
  }

  const WorkingCalendar& cal_;
  Date start_;
  std::vector<int> cum_;  // cum_[k]: working days in [start, start + k)
};

// Relative spread of a team's throughput: mean / week for each past week (a week with nothing
// done counts as half an item), normalised to mean 1.
std::vector<double> throughput_ratios(const std::vector<double>& weekly) {
  std::vector<double> r;
  const double mean = weekly.empty() ? 0
                                     : std::accumulate(weekly.begin(), weekly.end(), 0.0) /
                                           static_cast<double>(weekly.size());
  if (mean <= 0) return r;
  for (double w : weekly)
    r.push_back(mean / std::max(w, 0.5));
  const double rm = std::accumulate(r.begin(), r.end(), 0.0) / static_cast<double>(r.size());
  for (double& x : r)
    x /= rm;
  return r;
}

// Working days of the program calendar from an item's first to its last day on which its person
// (the first seat's) is on leave. (Days off in a person's own calendar recur: a longer draw meets
// more of them, so they stay in the part that is drawn.)
double days_off(const Program& program, const schedule::ItemSchedule& is) {
  if (!is.assignee.valid() || is.assignee.index() >= program.people.size()) return 0;
  const Person& who = program.people[is.assignee.index()];
  if (who.leave.empty()) return 0;
  double off = 0;
  for (Date d = is.start_date; d <= is.finish_date; d = d + 1)
    if (program.calendar.is_working_day(d) && who.on_leave(d)) off += 1;
  return off;
}

// The minutes a person works in [from, to): their calendar's hours (a covering shift's instead),
// leave apart.
double person_minutes(const Program& program, const Person& who, DateTime from, DateTime to) {
  static const std::vector<TimeRange> kNone;
  const WorkingCalendar& cal = who.calendar ? *who.calendar : program.calendar;
  auto hours = [&](Date d) -> const std::vector<TimeRange>& {
    for (const Shift& sh : who.shifts)
      if (sh.covers(d)) {
        // As the scheduler's person calendars have it: a shift's own leave, and unless it
        // replaces them, the person's leave and their calendar's holidays.
        const bool off = std::binary_search(sh.leave.begin(), sh.leave.end(), d) ||
                         (!sh.replace && (who.on_leave(d) || cal.is_holiday(d)));
        return off ? kNone : sh.hours[static_cast<int>(d.weekday())];
      }
    return who.on_leave(d) || !cal.is_working_day(d) ? kNone : cal.hours(d.weekday());
  };
  double total = 0;
  for (Date d = from.date(); d <= to.date(); d = d + 1) {
    const int lo = d == from.date() ? from.minute_of_day() : 0;
    const int hi = d == to.date() ? to.minute_of_day() : 24 * 60;
    for (const auto& r : hours(d))
      total += std::max(0, std::min(hi, r.end_minute) - std::max(lo, r.start_minute));
  }
  return total;
}

}  // namespace

double link_start(const PendingLink& l, double pred_start, double pred_finish, double dur) {
  switch (l.type) {
    case LinkType::kFinishStart:
      return pred_finish + l.lag;
    case LinkType::kStartStart:
      return pred_start + l.lag;
    case LinkType::kFinishFinish:
      return pred_finish + l.lag - dur;
    case LinkType::kStartFinish:
      return pred_start + l.lag - dur;
  }
  return pred_finish + l.lag;
}

std::vector<uint32_t> topological_order(uint32_t n, std::span<const PendingLink> links) {
  std::vector<uint32_t> indeg(n, 0), sb(n + 1, 0), succ(links.size());
  for (const auto& l : links) {
    ++indeg[l.succ];
    ++sb[l.pred + 1];
  }
  for (uint32_t i = 0; i < n; ++i)
    sb[i + 1] += sb[i];
  std::vector<uint32_t> fill(sb.begin(), sb.end() - 1);
  for (uint32_t e = 0; e < links.size(); ++e)
    succ[fill[links[e].pred]++] = e;
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
  for (uint32_t i = 0; i < n; ++i)
    if (!indeg[i]) ready.push(i);
  std::vector<uint32_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    const uint32_t v = ready.top();
    ready.pop();
    order.push_back(v);
    for (uint32_t k = sb[v]; k < sb[v + 1]; ++k)
      if (--indeg[links[succ[k]].succ] == 0) ready.push(links[succ[k]].succ);
  }
  return order;
}

size_t anchor_to_schedule(const Program& program, const schedule::ScheduleResult& sched, Date start,
                          std::span<const uint8_t> open_leaf, std::span<const NodeBasis> basis,
                          std::span<const double> release, const Spread& spread,
                          std::vector<PendingLink>& links, std::vector<uint8_t>& random_duration,
                          NetworkBuilder& b) {
  const uint32_t n = static_cast<uint32_t>(open_leaf.size());
  ProgramDays pos(program.calendar, start);
  auto& tables = b.tables();

  // 1. Each placed open leaf: its span in the schedule and its sampler around it.
  std::vector<uint8_t> anchored(n, 0);
  std::vector<double> s_pos(n, 0), span(n, 0);
  std::map<const std::vector<double>*, std::vector<double>> ratios;
  size_t count = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (!open_leaf[i] || i >= sched.items.size() || !sched.items[i].scheduled) continue;
    if (basis[i].kind == NodeBasis::Kind::kQueue) continue;
    const auto& is = sched.items[i];
    const double s = std::max(0.0, pos(is.start));
    const double f = std::max(s, pos(is.finish));
    anchored[i] = 1;
    ++count;
    s_pos[i] = s;
    span[i] = f - s;
    // The person's leave inside the span: a fixed gap that a longer or shorter draw does not
    // stretch. Only the work is drawn around.
    const double gap = std::min(span[i], days_off(program, is));
    const double work = span[i] - gap;
    const NodeBasis& nb = basis[i];
    // The sampler draws the work alone (fixed when there is no spread, or a steady history makes
    // the draw fixed); the gap is added back below.
    Sampler sampler = Sampler::fixed(work);
    random_duration[i] = 0;
    if (nb.kind == NodeBasis::Kind::kThreePoint && spread.estimates && !nb.dist.fixed() &&
        nb.reference > 0 && work > 0) {
      const double k = work / nb.reference;
      sampler = tables.sampler({nb.dist.kind, nb.dist.low * k, nb.dist.mode * k, nb.dist.high * k});
      random_duration[i] = 1;
    } else if (nb.kind == NodeBasis::Kind::kEmpirical && spread.pace && nb.samples &&
               !nb.samples->empty() && work > 0) {
      const double m = std::accumulate(nb.samples->begin(), nb.samples->end(), 0.0) /
                       static_cast<double>(nb.samples->size());
      if (m > 0) {
        sampler = tables.empirical(*nb.samples, work / m);
        random_duration[i] = sampler.scale != 0;
      }
    } else if (nb.kind == NodeBasis::Kind::kThroughput && spread.pace && nb.samples && work > 0) {
      auto [it, added] = ratios.try_emplace(nb.samples);
      if (added) it->second = throughput_ratios(*nb.samples);
      if (!it->second.empty()) {
        sampler = tables.empirical(it->second, work);
        random_duration[i] = sampler.scale != 0;
      }
    }
    sampler.offset += static_cast<float>(gap);
    b.set_node(i, sampler, release[i]);
  }

  // 2. A zero-spread forward pass: an anchored item starts when the schedule starts it.
  std::vector<std::vector<uint32_t>> incoming(n);
  for (uint32_t e = 0; e < links.size(); ++e)
    incoming[links[e].succ].push_back(e);
  std::vector<double> st(n, 0), fi(n, 0);
  // A finish-start link from an item of the same person (their order, or a dependency).
  auto same_person = [&](const PendingLink& l, uint32_t v) {
    if (l.type != LinkType::kFinishStart || l.lag != 0 || !anchored[l.pred]) return false;
    const PersonId a = sched.items[l.pred].assignee;
    return a.valid() && a == sched.items[v].assignee;
  };
  // Whether v's start is held back past e (where its links allow it) only by its person's time
  // off since the end of such an item: that link binds, and the person works no minute between.
  auto person_waits = [&](uint32_t v, double e) {
    const auto& is = sched.items[v];
    if (!is.assignee.valid() || is.assignee.index() >= program.people.size()) return false;
    const Person& who = program.people[is.assignee.index()];
    for (uint32_t k : incoming[v]) {
      const auto& l = links[k];
      if (same_person(l, v) && fi[l.pred] >= e - kTolerance &&
          person_minutes(program, who, sched.items[l.pred].finish, is.start) <= 0)
        return true;
    }
    return false;
  };
  for (uint32_t v : topological_order(n, links)) {
    const double dur = anchored[v] ? span[v] : 0.0;
    double e = release[v];
    for (uint32_t k : incoming[v]) {
      const auto& l = links[k];
      e = std::max(e, link_start(l, st[l.pred], fi[l.pred], dur));
    }
    if (!anchored[v]) {
      st[v] = e;
      fi[v] = e + dur;
      continue;
    }
    const double s = s_pos[v];
    double rel = release[v];
    if (s > e + kTolerance && person_waits(v, e)) {
      // It waits for its person, off from the end of their previous item to its start: the wait
      // is the person's own time, so a later end of that item delays it as much. (A floor at the
      // schedule's start took such a delay in for free: with more work before the item, the
      // schedule moved the wait in front of it, and the forecast could get earlier.)
      for (uint32_t k : incoming[v]) {
        auto& l = links[k];
        if (same_person(l, v)) l.lag += s - link_start(l, st[l.pred], fi[l.pred], dur);
      }
    } else if (s > e + kTolerance) {
      rel = s;  // it waits for its person (calendar, leave), an ALAP placement or a longer lag
    } else if (s < e - kTolerance) {
      for (uint32_t k : incoming[v]) {  // counted on a calendar that allows an earlier start
        auto& l = links[k];
        const double c = link_start(l, st[l.pred], fi[l.pred], dur);
        if (c > s + kTolerance) l.lag -= c - s;
      }
      rel = std::min(rel, s);
    }
    if (rel != release[v]) b.set_node(v, b.sampler(v), rel);
    st[v] = s;
    fi[v] = s + dur;
  }
  return count;
}

}  // namespace cairn::forecast

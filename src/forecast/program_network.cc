#include "forecast/program_network.h"

#include <algorithm>
#include <cmath>
#include <ranges>
#include <span>

#include <fmt/format.h>

#include "base/codes.h"
#include "base/random.h"
#include "forecast/anchor.h"
#include "forecast/throughput.h"
#include "model/pace.h"
#include "schedule/schedule.h"

namespace cairn::forecast {
namespace {

LinkType link_type(DependencyType t) {
  switch (t) {
    case DependencyType::kFinishStart:
      return LinkType::kFinishStart;
    case DependencyType::kStartStart:
      return LinkType::kStartStart;
    case DependencyType::kFinishFinish:
      return LinkType::kFinishFinish;
    case DependencyType::kStartFinish:
      return LinkType::kStartFinish;
  }
  return LinkType::kFinishStart;
}

ThreePoint sorted_three_point(ThreePoint t, const WorkItem& item, Diagnostics& diags,
                              const char* what) {
  if (t.optimistic <= t.likely && t.likely <= t.pessimistic) return t;
  diags.warning(codes::kForecastEstimateOrder,
                fmt::format("the {} of {} is not optimistic <= likely <= pessimistic ({}, {}, {})",
                            what, item.key, t.optimistic, t.likely, t.pessimistic),
                {}, "the forecast sorts the three values; fix the plan");
  double v[3] = {t.optimistic, t.likely, t.pessimistic};
  std::sort(v, v + 3);
  return {v[0], v[1], v[2]};
}

// Each team's throughput model fitted on its whole history of finished leaf items up to `as_of`
// (forecast/throughput.h): its level drift is the team-wide swing of pace a trial draws.
std::vector<ThroughputFit> team_fits(const Program& program, Date as_of, int window_weeks) {
  const size_t n = program.items.size(), teams = program.teams.size();
  std::vector<uint8_t> has_kids(n, 0);
  for (const auto& it : program.items)
    if (it.parent.valid() && it.parent.index() < n) has_kids[it.parent.index()] = 1;
  std::vector<std::vector<Date>> finishes(teams);
  for (uint32_t i = 0; i < n; ++i) {
    const auto& it = program.items[i];
    if (has_kids[i] || !it.team.valid() || it.team.index() >= teams) continue;
    if (program.category(WorkItemId{i}) != StateCategory::kDone) continue;
    if (const auto f = program.actual_finish(WorkItemId{i}); f && f->date() <= as_of)
      finishes[it.team.index()].push_back(f->date());
  }
  std::vector<ThroughputFit> fits(teams);
  for (size_t t = 0; t < teams; ++t) {
    if (finishes[t].empty()) continue;
    const Date first = *std::min_element(finishes[t].begin(), finishes[t].end());
    const int weeks = std::clamp((as_of + 1 - first) / 7 + 1, 1, 520);
    fits[t] = fit_throughput(weekly_counts(finishes[t], as_of + 1, weeks), window_weeks);
  }
  return fits;
}

// A team's window of weeks as its items timed at its pace see them: with a cadence (a sprint's
// batch every `period` weeks), each block of `period` weeks counted back from the window's end
// at its mean, so that a batch week and a quiet one are not read as a fast and a slow week.
std::vector<double> weeks_of_pace(std::vector<double> weeks, int period) {
  const size_t p = static_cast<size_t>(std::max(1, period));
  if (p == 1 || weeks.size() < 2 * p) return weeks;
  const auto sums = block_sums(weeks, period);
  const size_t first = weeks.size() - sums.size() * p;
  for (size_t i = first; i < weeks.size(); ++i)
    weeks[i] = sums[(i - first) / p] / static_cast<double>(p);
  return weeks;
}

// How uncertain a team's mean weekly throughput is, as duration multipliers: the window's mean
// over its Bayesian-bootstrap mean (Dirichlet(1, ..., 1) weights on its weeks, Rubin 1981, plus
// half an item of prior count, forecast/throughput.h) at kRateDraws fixed draws, sorted. Empty when
// the window finished nothing or has one week.
std::vector<double> rate_levels(std::span<const double> window) {
  constexpr int kRateDraws = 255;
  double mean = 0;
  for (double x : window)
    mean += x;
  mean /= static_cast<double>(window.size());
  std::vector<double> out;
  if (window.size() < 2 || !(mean > 0)) return out;
  for (int j = 0; j < kRateDraws; ++j) {
    const uint64_t key = mix64(0x3c6ef372fe94f82bULL + static_cast<uint64_t>(j));
    double total = 0, weighted = prior_count(key, window.size());  // half an item, as streams
    for (size_t i = 0; i < window.size(); ++i) {
      const double e = -std::log1p(-draw_uniform(key, i));
      total += e;
      weighted += e * window[i];
    }
    out.push_back(mean /
                  std::max(weighted / total, 0.5 * mean / static_cast<double>(window.size())));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// One level per team per trial (pace spread only), the team-wide swing of pace that item-by-item
// draws lose. A team whose history shows its level drift (forecast/throughput.h: two windows and
// two comparisons) moves every drawn duration of its items and its throughput stream by it (a
// duration multiplier is 1 / drift). Without that much history, the uncertainty of its mean
// throughput (rate_levels) moves its items timed at the team's pace; its stream has that already
// (Bayesian bootstrap). With a drift, the items timed at its pace follow a level set of their own,
// the drift times those rate levels.
void add_team_levels(const Program& program, const ProgramNetwork& out,
                     const ForecastOptions& options, std::span<const ThroughputFit> fits,
                     std::span<const std::vector<double>> paced_weeks,
                     std::span<const NodeBasis> basis, std::span<const uint32_t> stream_of_team,
                     NetworkBuilder& b) {
  if (!options.spread.pace) return;
  enum : uint8_t { kNoLevel, kDrift, kRate };
  std::vector<uint8_t> how(fits.size(), kNoLevel);
  // Per team with a drift: the level set of its items timed at its pace (kNone: the group's).
  std::vector<uint32_t> paced_set(fits.size(), kNone);
  std::vector<uint8_t> has_paced(fits.size(), 0);
  for (uint32_t i = 0; i < basis.size(); ++i)
    if (const TeamId team = program.items[i].team;
        basis[i].kind == NodeBasis::Kind::kThroughput && team.valid() && team.index() < fits.size())
      has_paced[team.index()] = 1;
  for (size_t t = 0; t < fits.size(); ++t) {
    std::vector<double> m;
    if (!fits[t].drift.empty()) {
      for (double d : fits[t].drift)
        m.push_back(1.0 / d);
      how[t] = kDrift;
      if (stream_of_team[t] != kNone) b.stream_follows_group(stream_of_team[t], t);
      // Items timed at the team's pace (the schedule's, unestimated or in points) also carry the
      // uncertainty of the window's mean rate, which a stream has from its Bayesian bootstrap:
      // the drift times the rate levels (up to 16,384 products, the rate levels evenly thinned).
      if (has_paced[t] && options.bayesian_throughput) {
        const auto r = rate_levels(paced_weeks[t]);
        if (!r.empty()) {
          const size_t stride = std::max<size_t>(1, (m.size() * r.size() + 16383) / 16384);
          std::vector<double> both;
          for (double d : m)
            for (size_t j = stride / 2; j < r.size(); j += stride)
              both.push_back(d * r[j]);
          paced_set[t] = b.add_level_set(both);
        }
      }
    } else if (options.bayesian_throughput) {
      m = rate_levels(fits[t].period_weeks > 1 ? std::span<const double>(paced_weeks[t])
                                               : std::span<const double>(fits[t].window));
      if (!m.empty()) how[t] = kRate;
    }
    if (how[t] != kNoLevel) b.set_group_levels(static_cast<uint32_t>(t), m);
  }
  for (uint32_t i = 0; i < out.random_duration.size(); ++i) {
    const TeamId team = program.items[i].team;
    if (!out.random_duration[i] || !team.valid() || team.index() >= how.size()) continue;
    const uint8_t h = how[team.index()];
    const bool paced = basis[i].kind == NodeBasis::Kind::kThroughput;
    if (h == kDrift && paced && paced_set[team.index()] != kNone)
      b.follow_level_set(i, paced_set[team.index()]);
    else if (h == kDrift || (h == kRate && paced))
      b.follow_group_level(i);
  }
}

// What build_program_network's phases share: the program's shape, the nodes' timing, the links.
struct Assembly {
  const Program& program;
  const ForecastOptions& options;
  Diagnostics& diags;
  ProgramNetwork& out;
  NetworkBuilder& b;
  uint32_t n = 0;
  size_t teams = 0;
  double days_per_week = 5;
  std::vector<std::vector<uint32_t>> kids;
  std::vector<uint8_t> done, leaf;
  ProgramPace pace;
  std::vector<ResourceLink> leveled_links;
  const std::vector<ResourceLink>* resource_links = nullptr;
  const schedule::ScheduleResult* anchor = nullptr;  // items timed as the schedule times them
  std::vector<double> mean, release;
  std::vector<std::vector<uint32_t>> stream_items;  // per team: its queue of throughput items
  std::vector<uint32_t> stream_of_team;
  std::vector<ThroughputFit> fits;  // per team: its throughput model (team_fits)
  // Per team: its window's weeks as the items timed at its pace see them (weeks_of_pace).
  std::vector<std::vector<double>> paced_weeks;
  std::vector<uint32_t> unestimated_no_history;
  std::vector<NodeBasis> basis;
  std::vector<PendingLink> links;
  size_t dependency_links = 0;  // links before this one are dependencies and epic summaries
  // Item i was booked backward from a TaskJuggler `precedes` anchor, or from its own finish
  // bound (ScheduleResult::backward_anchors): held at its scheduled start, the anchor's link left
  // out.
  bool backward_anchored(uint32_t i) const {
    if (!out.schedule || i >= out.schedule->items.size()) return false;
    for (const auto& [from, to] : out.schedule->backward_anchors)
      if (to.index() == i) return true;
    return false;
  }

  // Work under way at the status date (by its state, or by bookings as the schedule saw them).
  bool started(uint32_t i) const {
    if (out.schedule && i < out.schedule->items.size())
      return out.schedule->items[i].state == schedule::NodeState::kStarted;
    return program.category(WorkItemId{i}) == StateCategory::kInProgress;
  }

  // The open leaves under `root`, depth first in plan order.
  std::vector<uint32_t> open_leaves(uint32_t root) const {
    std::vector<uint32_t> res, stack{root};
    while (!stack.empty()) {
      uint32_t v = stack.back();
      stack.pop_back();
      if (kids[v].empty()) {
        if (!done[v]) res.push_back(v);
        continue;
      }
      for (auto it = kids[v].rbegin(); it != kids[v].rend(); ++it)
        stack.push_back(*it);
    }
    return res;
  }
  // `i` itself when a leaf, else its open leaves.
  std::vector<uint32_t> leaves_of(uint32_t i) const {
    return leaf[i] ? std::vector<uint32_t>{i} : open_leaves(i);
  }
};

// Structure: children, leaves, states.
void mark_structure(Assembly& a) {
  const uint32_t n = a.n;
  a.kids.assign(n, {});
  for (uint32_t i = 0; i < n; ++i) {
    const auto p = a.program.items[i].parent;
    if (p.valid() && p.index() < n) a.kids[p.index()].push_back(i);
  }
  a.done.assign(n, 0);
  a.leaf.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    a.leaf[i] = a.kids[i].empty();
    a.done[i] = a.program.category(WorkItemId{i}) == StateCategory::kDone;
  }
  a.out.open_leaf.assign(n, 0);
  for (uint32_t i = 0; i < n; ++i)
    a.out.open_leaf[i] = a.leaf[i] && !a.done[i];
}

// People keep one order: the leveled schedule's (run first: the items are timed by it too).
// Fails only when the plan's dates lie beyond what can be shown.
Result<void> order_people(Assembly& a, std::shared_ptr<const schedule::ScheduleResult> given) {
  auto& out = a.out;
  const auto& options = a.options;
  out.resource_order = options.resource_order;
  a.resource_links = &options.resource_links;
  if (!options.resource_links.empty()) out.resource_order = ResourceOrder::kSchedule;
  std::optional<Result<schedule::ScheduleResult>> sched;
  if (given && out.resource_order == ResourceOrder::kLeveled) {
    out.schedule = std::move(given);
    for (const auto& [p, c] : out.schedule->resource_links)
      a.leveled_links.push_back({p, c});
    a.resource_links = &a.leveled_links;
  } else if (out.resource_order == ResourceOrder::kLeveled) {
    schedule::ScheduleOptions so;
    so.as_of = out.as_of;
    so.seed = options.seed;
    so.schedules = std::max(0, options.schedule_passes);
    so.order = options.schedule_order;
    so.previous = options.previous;
    so.previous_source = options.previous_source;
    so.weekly_load = false;
    Diagnostics schedule_diags;  // the scheduler's own findings belong to `cairn schedule`
    sched = schedule::schedule_program(a.program, so, schedule_diags);
    if (*sched) {
      out.schedule = std::make_shared<const schedule::ScheduleResult>(std::move(**sched));
      for (const auto& [p, c] : out.schedule->resource_links)
        a.leveled_links.push_back({p, c});
      a.resource_links = &a.leveled_links;
    } else if (sched->error().code == codes::kScheduleBeyondHorizon) {
      return std::unexpected(sched->error());  // no date of this plan can be shown
    } else {
      a.diags.warning(codes::kForecastNoSchedule,
                      fmt::format("the leveled schedule failed ({}); people's work is kept in "
                                  "mean-duration order instead",
                                  sched->error().message),
                      {}, "run cairn schedule to see why");
      out.resource_order = ResourceOrder::kMeanOrder;
    }
  }
  a.anchor = options.follow_schedule && out.schedule ? out.schedule.get() : nullptr;
  if (out.schedule) {
    const auto& r = *out.schedule;
    out.scheduled.assign(1 + a.program.milestones.size(), std::nullopt);
    out.scheduled[0] = r.project_end_date;
    for (size_t m = 0; m < a.program.milestones.size() && m < r.milestones.size(); ++m)
      if (r.milestones[m].scheduled) out.scheduled[1 + m] = r.milestones[m].date;
  }
  return {};
}

// How item `i` (an open leaf) is timed: its sampler, with mean[i], basis[i] and random_duration[i]
// set; a throughput item joins its team's queue, an item with no way to time it is listed.
Sampler leaf_sampler(Assembly& a, uint32_t i, uint32_t group) {
  const auto& program = a.program;
  const auto& it = program.items[i];
  auto& tables = a.b.tables();
  const bool in_progress = program.category(WorkItemId{i}) == StateCategory::kInProgress;
  // Capacity of the seats: effort divides by it.
  double capacity = 0;
  if (!it.allocations.empty()) {
    for (const auto& seat : it.allocations) {
      const PersonId p = seat.candidates.empty() ? PersonId{} : seat.candidates.front();
      capacity +=
          p.valid() && p.index() < program.people.size() ? program.people[p.index()].rate() : 1.0;
    }
  } else if (it.assignee.valid() && it.assignee.index() < program.people.size()) {
    capacity = program.people[it.assignee.index()].rate();
  } else {
    capacity = 1.0;
  }
  capacity = std::max(capacity, 0.01);
  double factor = 1.0;
  if (it.basis == EstimateBasis::kEffort) factor = 1.0 / capacity;
  if (it.basis == EstimateBasis::kDuration) factor = a.days_per_week / 7.0;

  Sampler s = Sampler::fixed(0);
  if (it.estimate) {
    ThreePoint tp = sorted_three_point(*it.estimate, it, a.diags, "estimate");
    ThreePointDistribution d{a.options.distribution, tp.optimistic * factor, tp.likely * factor,
                             tp.pessimistic * factor};
    if (in_progress && it.remaining && d.mean() > 0) {
      const double k = *it.remaining * factor / d.mean();
      d = {a.options.distribution, d.low * k, d.mode * k, d.high * k};
    }
    s = tables.sampler(d);
    a.basis[i] = {NodeBasis::Kind::kThreePoint, d, d.mode, nullptr};
    if (in_progress && it.remaining) a.basis[i].reference = d.mean();  // scheduled as `remaining`
    a.mean[i] = d.mean();
    a.out.random_duration[i] = !d.fixed();
  } else if (it.points && *it.points > 0) {
    const auto& ratios = a.pace.days_per_point(group != kNone ? TeamId{group} : TeamId{});
    if (ratios.empty()) {
      a.diags.warning(codes::kForecastNoVelocity,
                      fmt::format("{} has {} story points but no team has measured days per point",
                                  it.key, *it.points),
                      {}, "give it an estimate, or history (done items with points and dates)");
    } else {
      double scale = *it.points;
      const double m = a.pace.mean_days_per_point(group != kNone ? TeamId{group} : TeamId{});
      if (in_progress && it.remaining && m > 0) scale = *it.remaining / m;
      s = tables.empirical(ratios, scale);
      a.basis[i] = {NodeBasis::Kind::kEmpirical, {}, 0, &ratios};
      a.mean[i] = m * scale;
      a.out.random_duration[i] = s.scale != 0;
    }
  } else if (it.remaining) {
    s = Sampler::fixed(*it.remaining * factor);
    a.mean[i] = *it.remaining * factor;
  } else if (group != kNone && a.pace.teams[group].mean_weekly_done > 0) {
    // Timed as the schedule times it (at the team's pace, on its people, or one after another in
    // the lane of a team without people); not following the schedule, a throughput queue.
    if (a.anchor && a.anchor->items[i].finish > a.anchor->items[i].start) {
      a.basis[i] = {NodeBasis::Kind::kThroughput, {}, 0, &a.paced_weeks[group]};
    } else {
      a.basis[i].kind = NodeBasis::Kind::kQueue;
      a.stream_items[group].push_back(i);
    }
  } else {
    a.unestimated_no_history.push_back(i);
  }
  return s;
}

// Nodes: one per item (closed items and epics take no time of their own).
void add_nodes(Assembly& a) {
  const auto& program = a.program;
  const auto& cal = program.calendar;
  a.out.random_duration.assign(a.n, 0);
  a.mean.assign(a.n, 0.0);
  a.release.assign(a.n, 0.0);
  a.stream_items.assign(a.teams, {});
  a.basis.assign(a.n, {});
  for (uint32_t i = 0; i < a.n; ++i) {
    const auto& it = program.items[i];
    const uint32_t group = it.team.valid() && it.team.index() < a.teams
                               ? static_cast<uint32_t>(it.team.index())
                               : kNone;
    if (!a.out.open_leaf[i]) {
      a.b.add_node(Sampler::fixed(0));
      continue;
    }
    if (it.start_no_earlier_than) {
      const Date d = it.start_no_earlier_than->date();
      if (d > a.out.start) a.release[i] = cal.working_days_between(a.out.start, d);
    }
    if (a.backward_anchored(i)) {  // held at its scheduled start (add_dependency_links)
      const Date d = a.out.schedule->items[i].start_date;
      if (d > a.out.start)
        a.release[i] = std::max(a.release[i], double(cal.working_days_between(a.out.start, d)));
    }
    const Sampler s = leaf_sampler(a, i, group);
    a.b.add_node(s, a.release[i], group);
  }
  const auto& none = a.unestimated_no_history;
  if (!none.empty()) {
    const std::string keys =
        some_names(none | std::views::transform([&](uint32_t i) -> const std::string& {
                     return program.items[i].key;
                   }));
    a.diags.warning(
        codes::kForecastUnestimated,
        fmt::format("{} open item(s) have no estimate, no points and no team throughput history "
                    "({}); the forecast counts them as taking no time",
                    none.size(), keys),
        {}, "estimate them, or record when the team's done items finished (history)");
  }
}

// Throughput streams: in progress first, then by priority (higher first), then plan order.
// Unestimated work timed by the schedule at the team's pace is listed with its team too.
void add_streams(Assembly& a) {
  const auto& program = a.program;
  std::vector<size_t> paced(a.teams, 0);
  a.stream_of_team.assign(a.teams, kNone);
  for (uint32_t i = 0; i < a.n; ++i)
    if (a.basis[i].kind == NodeBasis::Kind::kThroughput) ++paced[program.items[i].team.index()];
  for (size_t t = 0; t < a.teams; ++t) {
    auto& q = a.stream_items[t];
    const auto& team_pace = a.pace.teams[t];
    if (q.empty() && paced[t] > 0)
      a.out.streams.push_back(
          {program.teams[t].key, team_pace.weekly_done, paced[t], a.fits[t].period_weeks});
    if (q.empty()) continue;
    std::stable_sort(q.begin(), q.end(), [&](uint32_t x, uint32_t y) {
      const bool px = program.category(WorkItemId{x}) == StateCategory::kInProgress;
      const bool py = program.category(WorkItemId{y}) == StateCategory::kInProgress;
      if (px != py) return px;
      return program.items[x].priority > program.items[y].priority;
    });
    a.out.streams.push_back(
        {program.teams[t].key, team_pace.weekly_done, q.size(), a.fits[t].period_weeks});
    // The team's cadence (a sprint's batch) is drawn as blocks of that many weeks.
    const uint32_t s =
        a.b.add_stream(team_pace.weekly_done, a.days_per_week, a.fits[t].period_weeks);
    a.stream_of_team[t] = s;
    for (size_t k = 0; k < q.size(); ++k) {
      a.b.add_to_stream(s, q[k]);
      a.mean[q[k]] = a.days_per_week / team_pace.mean_weekly_done;
    }
  }
}

// Links: dependencies (epic successors expand to their open leaves), then epic summaries.
void add_dependency_links(Assembly& a) {
  const auto& program = a.program;
  for (uint32_t k = 0; k < program.dependencies.size(); ++k) {
    const auto& d = program.dependencies[k];
    if (!d.predecessor.valid() || !d.successor.valid()) continue;
    const uint32_t p = static_cast<uint32_t>(d.predecessor.index());
    const uint32_t s = static_cast<uint32_t>(d.successor.index());
    if (p >= a.n || s >= a.n || (a.leaf[p] && a.done[p])) continue;
    // TaskJuggler order: a `precedes` anchor the schedule booked its item backward from.
    if (a.out.schedule && std::ranges::find(a.out.schedule->backward_anchors,
                                            std::pair{d.predecessor, d.successor}) !=
                              a.out.schedule->backward_anchors.end())
      continue;
    double lag = d.lag;
    if (d.lag_unit == LagUnit::kCalendarDays) lag *= a.days_per_week / 7.0;
    // As in the schedule, history has made a link into the start of started work moot.
    const bool to_start =
        d.type == DependencyType::kFinishStart || d.type == DependencyType::kStartStart;
    for (uint32_t v : a.leaves_of(s))
      if (!a.done[v] && v != p && !(to_start && a.started(v))) {
        a.links.push_back({p, v, link_type(d.type), lag});
        a.out.link_dependency.push_back(k);
      }
  }
  for (uint32_t i = 0; i < a.n; ++i)
    if (!a.leaf[i])
      for (uint32_t c : a.kids[i])
        a.links.push_back({c, i, LinkType::kFinishStart, 0});
  a.dependency_links = a.links.size();
}

// Appends person-order links, leaving out each one that would close a cycle with the links
// before it. A start-finish dependency or a lead lets a successor finish (or start) before its
// predecessor starts, and a person may then work them the other way round: the schedule meets
// both (with zero slack) but a network of trials must be acyclic (forecast-cycle). The person's
// order is then held by the dependency alone. Cheap when there is no such cycle (one topological
// sort); else the links that follow a topological order of the others go in at once, and every
// other one only when its successor does not already reach its predecessor.
void append_acyclic(Assembly& a, std::span<const PendingLink> person) {
  const size_t first = a.links.size();
  a.links.insert(a.links.end(), person.begin(), person.end());
  const uint32_t n = a.n;
  if (person.empty() || topological_order(n, a.links).size() == n) return;
  a.links.resize(first);
  const std::vector<uint32_t> order = topological_order(n, a.links);
  if (order.size() != n) {  // a cycle of dependencies: build() names it
    a.links.insert(a.links.end(), person.begin(), person.end());
    return;
  }
  std::vector<uint32_t> pos(n, 0);
  for (uint32_t k = 0; k < n; ++k)
    pos[order[k]] = k;
  std::vector<std::vector<uint32_t>> succ(n);
  for (const auto& l : a.links)
    succ[l.pred].push_back(l.succ);
  std::vector<const PendingLink*> against;
  for (const auto& l : person) {
    if (pos[l.pred] < pos[l.succ]) {
      a.links.push_back(l);
      succ[l.pred].push_back(l.succ);
    } else {
      against.push_back(&l);
    }
  }
  std::vector<uint32_t> seen(n, 0), stack;
  uint32_t round = 0;
  size_t left_out = 0;
  for (const PendingLink* l : against) {
    ++round;
    bool reaches = false;
    stack.assign(1, l->succ);
    seen[l->succ] = round;
    while (!stack.empty() && !reaches) {
      const uint32_t v = stack.back();
      stack.pop_back();
      for (uint32_t w : succ[v]) {
        if (w == l->pred) {
          reaches = true;
          break;
        }
        if (seen[w] != round) seen[w] = round, stack.push_back(w);
      }
    }
    if (reaches) {
      ++left_out;
      continue;
    }
    a.links.push_back(*l);
    succ[l->pred].push_back(l->succ);
  }
  if (left_out > 0)
    a.diags.info(codes::kForecastPersonOrderCycle,
                 fmt::format("{} link(s) of a person's order left out of the forecast: with a "
                             "start-finish dependency or a lead they would close a cycle, and "
                             "the dependency alone orders those items",
                             left_out),
                 {}, "");
}

// kMeanOrder: each person's items in the order of their earliest starts with mean durations
// (precedence only), computed in topological order.
void add_mean_order_links(Assembly& a) {
  const uint32_t n = a.n;
  auto& links = a.links;
  const std::vector<uint32_t> order = topological_order(n, links);
  std::vector<std::vector<uint32_t>> out_links(n);
  for (uint32_t e = 0; e < links.size(); ++e)
    out_links[links[e].pred].push_back(e);
  std::vector<double> es(a.release), ef(n, 0);
  std::vector<uint32_t> rank(n, kNone);
  for (uint32_t k = 0; k < order.size(); ++k) {
    const uint32_t v = order[k];
    rank[v] = k;
    ef[v] = es[v] + a.mean[v];
    for (uint32_t e : out_links[v]) {
      const auto& l = links[e];
      es[l.succ] = std::max(es[l.succ], link_start(l, es[v], ef[v], a.mean[l.succ]));
    }
  }
  if (order.size() != n) return;  // a cycle is reported by build()
  std::vector<PendingLink> person;
  std::vector<std::vector<uint32_t>> by_person(a.program.people.size());
  for (uint32_t i = 0; i < n; ++i) {
    if (!a.out.open_leaf[i] || a.mean[i] <= 0) continue;
    const auto& it = a.program.items[i];
    PersonId p = it.assignee;
    if (!it.allocations.empty() && !it.allocations.front().candidates.empty())
      p = it.allocations.front().candidates.front();
    if (p.valid() && p.index() < by_person.size()) by_person[p.index()].push_back(i);
  }
  for (auto& items : by_person) {
    std::sort(items.begin(), items.end(), [&](uint32_t x, uint32_t y) {
      return es[x] != es[y] ? es[x] < es[y] : rank[x] < rank[y];
    });
    for (size_t k = 1; k < items.size(); ++k)
      person.push_back({items[k - 1], items[k], LinkType::kFinishStart, 0});
  }
  append_acyclic(a, person);
}

// People keep one order: the schedule's resource links, or the mean-duration order.
void add_people_links(Assembly& a) {
  std::vector<uint8_t> in_stream(a.n, 0);
  for (const auto& q : a.stream_items)
    for (uint32_t i : q)
      in_stream[i] = 1;
  const auto order = a.out.resource_order;
  if (order == ResourceOrder::kSchedule || order == ResourceOrder::kLeveled) {
    std::vector<PendingLink> person;
    for (const auto& l : *a.resource_links) {
      if (!l.before.valid() || !l.after.valid() || l.before.index() >= a.n ||
          l.after.index() >= a.n)
        continue;
      const uint32_t p = static_cast<uint32_t>(l.before.index());
      const uint32_t c = static_cast<uint32_t>(l.after.index());
      // A team's throughput stream already paces its items: resource links into or out of one
      // would also order them by the schedule, against the stream's own order.
      if (in_stream[p] || in_stream[c]) continue;
      if (a.out.open_leaf[p] && a.out.open_leaf[c])
        person.push_back({p, c, LinkType::kFinishStart, 0});
    }
    append_acyclic(a, person);
  } else if (order == ResourceOrder::kMeanOrder) {
    add_mean_order_links(a);
  }
}

// The links into the builder, with what the ablations and the drivers need to know of them.
void commit_links(Assembly& a) {
  auto& out = a.out;
  const auto& links = a.links;
  for (const auto& l : links)
    a.b.add_link(l.pred, l.succ, l.type, l.lag);
  out.links = links.size();
  out.link_dependency.resize(links.size(), kNone);
  out.person_links_begin = a.dependency_links;
  out.successors.assign(a.n, {});
  for (size_t e = 0; e < links.size(); ++e)
    out.successors[links[e].pred].push_back(
        {links[e].succ, static_cast<uint8_t>(e >= a.dependency_links)});
}

// Targets: the program, then each milestone.
void add_targets(Assembly& a) {
  a.b.add_target_all();  // epics finish with their last leaf, so every node is every leaf
  const auto milestone_leaves = a.program.milestone_leaf_items();
  for (size_t m = 0; m < a.program.milestones.size(); ++m) {
    std::vector<uint32_t> nodes;
    for (WorkItemId id : milestone_leaves[m])
      if (id.valid() && id.index() < a.n) nodes.push_back(static_cast<uint32_t>(id.index()));
    a.b.add_target(nodes);
  }
}

// Open risks delay their items' open leaves and their milestones.
void add_risks(Assembly& a) {
  const auto& program = a.program;
  if (!a.options.spread.risks) return;
  for (size_t r = 0; r < program.risks.size(); ++r) {
    const auto& risk = program.risks[r];
    if (risk.status != RiskStatus::kOpen || !(risk.probability > 0) || !risk.impact) continue;
    ThreePoint tp = *risk.impact;
    double v[3] = {tp.optimistic, tp.likely, tp.pessimistic};
    std::sort(v, v + 3);
    const uint32_t id =
        a.b.add_risk(std::min(risk.probability, 1.0),
                     a.b.tables().sampler({a.options.distribution, v[0], v[1], v[2]}));
    a.out.risk_of.push_back(RiskId{r});
    for (WorkItemId item : risk.items) {
      if (!item.valid() || item.index() >= a.n) continue;
      for (uint32_t leaf_node : a.leaves_of(static_cast<uint32_t>(item.index())))
        if (a.out.open_leaf[leaf_node]) a.b.risk_delays_node(id, leaf_node);
    }
    for (MilestoneId m : risk.milestones)
      if (m.valid() && m.index() < program.milestones.size())
        a.b.risk_delays_target(id, static_cast<uint32_t>(1 + m.index()));
  }
}

// Cross-team dependencies with a need-by date: watch the provider.
void add_watches(Assembly& a) {
  const auto& program = a.program;
  for (size_t k = 0; k < program.dependencies.size(); ++k) {
    const auto& d = program.dependencies[k];
    if (!d.need_by || !d.predecessor.valid() || !d.successor.valid()) continue;
    if (d.predecessor.index() >= a.n || d.successor.index() >= a.n) continue;
    if (d.state == CrossTeamState::kDelivered) continue;
    const auto& pi = program.items[d.predecessor.index()];
    const auto& si = program.items[d.successor.index()];
    const TeamId pt = d.provider.valid() ? d.provider : pi.team;
    const TeamId ct = d.consumer.valid() ? d.consumer : si.team;
    if (pt == ct) continue;
    a.b.add_watch(static_cast<uint32_t>(d.predecessor.index()));
    a.out.watch_dependency.push_back(DependencyId{k});
  }
}

}  // namespace

Result<ProgramNetwork> build_program_network(
    const Program& program, const ForecastOptions& options, Diagnostics& diags,
    std::shared_ptr<const schedule::ScheduleResult> given) {
  const auto& cal = program.calendar;
  ProgramNetwork out;
  NetworkBuilder b;
  Assembly a{program, options, diags, out, b};
  a.n = static_cast<uint32_t>(program.items.size());
  a.teams = program.teams.size();
  out.as_of = options.as_of.value_or(program.as_of.value_or(program.start));
  out.start = cal.next_working_day(out.as_of);
  a.days_per_week = static_cast<double>(cal.weekdays().size());
  if (a.days_per_week <= 0) a.days_per_week = 5;

  mark_structure(a);
  // History: days per story point and weekly throughput, per team (model/pace.h, the same
  // measures the scheduler times unestimated items by).
  a.pace = measure_pace(program, out.as_of, options.throughput_window_weeks);
  if (auto ordered = order_people(a, std::move(given)); !ordered)
    return std::unexpected(ordered.error());

  for (size_t t = 0; t < a.teams; ++t)
    b.add_group();
  out.group_team.resize(a.teams);
  for (size_t t = 0; t < a.teams; ++t)
    out.group_team[t] = TeamId{t};
  a.fits = team_fits(program, out.as_of, options.throughput_window_weeks);
  for (size_t t = 0; t < a.teams; ++t)
    a.paced_weeks.push_back(weeks_of_pace(a.pace.teams[t].weekly_done, a.fits[t].period_weeks));
  add_nodes(a);
  add_streams(a);
  add_dependency_links(a);
  add_people_links(a);
  if (a.anchor) {
    anchor_to_schedule(program, *a.anchor, out.start, out.open_leaf, a.basis, a.release,
                       options.spread, a.links, out.random_duration, b);
    out.anchored = true;
  }
  add_team_levels(program, out, options, a.fits, a.paced_weeks, a.basis, a.stream_of_team, b);
  commit_links(a);
  add_targets(a);
  add_risks(a);
  add_watches(a);

  std::vector<std::string> names(a.n);
  for (uint32_t i = 0; i < a.n; ++i)
    names[i] = program.items[i].key;
  auto net = b.build(names);
  if (!net) return std::unexpected(net.error());
  out.net = std::move(*net);
  out.net.stream_bayesian = options.bayesian_throughput;
  return out;
}

}  // namespace cairn::forecast

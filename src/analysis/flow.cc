#include "analysis/flow.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::analysis {
namespace {

constexpr double kDay = 86400.0;

// A stretch of time an item spent in one state; `state` is the workflow index (-1: unknown).
struct Segment {
  int state = -1;
  int64_t begin = 0, end = 0;
};

struct Timeline {
  std::vector<Segment> segments;
  std::optional<int64_t> start, finish;
};

int64_t overlap(int64_t b, int64_t e, int64_t lo, int64_t hi) {
  return std::max<int64_t>(0, std::min(e, hi) - std::max(b, lo));
}

int state_index(const std::vector<FlowState>& wf, const std::string& name) {
  for (size_t j = 0; j < wf.size(); ++j)
    if (wf[j].name == name) return static_cast<int>(j);
  return -1;
}

StateCategory category_of(const std::vector<FlowState>& wf, int s) {
  return s < 0 ? StateCategory::kTodo : wf[s].category;
}

// The item's segments up to `now` (the last one ends there), its start and its finish.
Timeline timeline(const FlowItem& item, const std::vector<FlowState>& wf, int64_t now) {
  Timeline t;
  const auto& h = item.history;
  for (size_t k = 0; k < h.size() && h[k].at.seconds < now; ++k) {
    int64_t end = k + 1 < h.size() ? std::min(h[k + 1].at.seconds, now) : now;
    t.segments.push_back(
        {state_index(wf, h[k].state), h[k].at.seconds, std::max(end, h[k].at.seconds)});
  }
  for (const auto& s : t.segments)
    if (!item.start_unknown && s.state >= 0 && wf[s.state].category != StateCategory::kTodo) {
      t.start = s.begin;
      break;
    }
  for (size_t k = t.segments.size(); k-- > 0;) {
    if (category_of(wf, t.segments[k].state) != StateCategory::kDone) break;
    t.finish = t.segments[k].begin;
  }
  return t;
}

// Nearest rank: the smallest sample with at least p % of the samples at or below it.
double nearest_rank(const std::vector<double>& sorted, int p) {
  size_t n = sorted.size();
  size_t rank = (static_cast<size_t>(p) * n + 99) / 100;
  return sorted[std::max<size_t>(rank, 1) - 1];
}

CycleTimePercentiles percentiles(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {nearest_rank(v, 50), nearest_rank(v, 70), nearest_rank(v, 85), nearest_rank(v, 95)};
}

std::string band(double age, const CycleTimePercentiles& p) {
  if (age <= p.p50) return "<=P50";
  if (age <= p.p85) return "P50-P85";
  if (age <= p.p95) return "P85-P95";
  return ">P95";
}

struct Window {
  int64_t from = 0, now = 0;
  Date first, as_of;
  int days = 0;
};

// Cycle times of finished items (with a start): those finished in the window, or all of them
// when the window holds fewer than `min_samples`.
void cycle_times(StreamFlow& f, const std::vector<Timeline>& tl, const Window& w,
                 size_t min_samples) {
  std::vector<double> in_window, all;
  for (const auto& t : tl) {
    if (!t.finish || !t.start) continue;
    double days = (*t.finish - *t.start) / kDay;
    all.push_back(days);
    if (*t.finish >= w.from) in_window.push_back(days);
  }
  if (!in_window.empty()) {
    double sum = 0;
    for (double d : in_window)
      sum += d;
    f.mean_cycle_time = sum / in_window.size();
  }
  const auto& basis = in_window.size() >= min_samples ? in_window : all;
  f.cycle_time_basis = &basis == &in_window ? "window" : "history";
  f.cycle_samples = basis.size();
  if (!basis.empty()) f.cycle_time = percentiles(basis);
}

void throughput(StreamFlow& f, const std::vector<Timeline>& tl, const Window& w) {
  int bins = (w.days + 6) / 7;
  f.weekly_throughput.assign(bins, 0);
  for (int i = 0; i < bins; ++i)
    f.week_ends.push_back(w.as_of - 7 * (bins - 1 - i));
  for (const auto& t : tl) {
    if (!t.finish || *t.finish < w.from) continue;
    ++f.finished;
    int64_t back = (w.now - 1 - *t.finish) / static_cast<int64_t>(7 * kDay);
    ++f.weekly_throughput[bins - 1 - static_cast<int>(back)];
  }
  f.throughput_per_week = 7.0 * f.finished / w.days;
}

// WIP (started, not finished), its time average and Little's law.
void wip_and_littles_law(StreamFlow& f, const std::vector<FlowItem>& items,
                         const std::vector<Timeline>& tl, const Window& w, double tolerance) {
  double wip_seconds = 0;
  for (size_t i = 0; i < tl.size(); ++i) {
    const auto& t = tl[i];
    if (!t.start) continue;
    int64_t end = t.finish.value_or(w.now);
    wip_seconds += overlap(*t.start, end, w.from, w.now);
    if (!t.finish)  // one segment per history entry before the as-of instant
      f.aging.push_back({items[i].key, items[i].history[t.segments.size() - 1].state,
                         (w.now - *t.start) / kDay, ""});
  }
  f.wip = f.aging.size();
  auto& l = f.littles_law;
  l.average_wip = wip_seconds / (w.days * kDay);
  l.throughput_per_day = static_cast<double>(f.finished) / w.days;
  l.measured = f.mean_cycle_time;
  if (l.throughput_per_day > 0) l.predicted = l.average_wip / l.throughput_per_day;
  if (l.predicted && l.measured && *l.measured > 0) {
    l.gap = (*l.predicted - *l.measured) / *l.measured;
    l.consistent = std::abs(*l.gap) <= tolerance;
  }
  std::stable_sort(f.aging.begin(), f.aging.end(),
                   [](const AgingItem& a, const AgingItem& b) { return a.age_days > b.age_days; });
  if (f.cycle_time)
    for (auto& a : f.aging)
      a.band = band(a.age_days, *f.cycle_time);
}

// Time in each state, flow efficiency and the bottleneck.
void states(StreamFlow& f, const std::vector<FlowState>& wf, const std::vector<Timeline>& tl,
            const Window& w) {
  f.states.resize(wf.size());
  std::vector<double> finished_days(wf.size(), 0);
  for (size_t s = 0; s < wf.size(); ++s)
    f.states[s].state = wf[s];
  for (const auto& t : tl) {
    if (!t.segments.empty() && t.segments.back().state >= 0)
      ++f.states[t.segments.back().state].wip;
    bool in_window = t.finish && *t.finish >= w.from;
    std::vector<char> visited(wf.size(), 0);
    for (const auto& seg : t.segments) {
      if (seg.state < 0) continue;
      f.states[seg.state].item_days += overlap(seg.begin, seg.end, w.from, w.now) / kDay;
      if (!in_window || seg.begin >= *t.finish) continue;
      visited[seg.state] = 1;
      finished_days[seg.state] += (seg.end - seg.begin) / kDay;
      const auto& st = wf[seg.state];
      // Clipped to the cycle: a history out of time order may run a segment past the finish.
      if (t.start && seg.begin >= *t.start && st.category == StateCategory::kInProgress &&
          st.active)
        f.active_days += overlap(seg.begin, seg.end, *t.start, *t.finish) / kDay;
    }
    if (in_window && t.start) f.cycle_days += (*t.finish - *t.start) / kDay;
    for (size_t s = 0; s < wf.size(); ++s)
      f.states[s].visits += visited[s];
  }
  for (size_t s = 0; s < wf.size(); ++s)
    if (f.states[s].visits) f.states[s].mean_days = finished_days[s] / f.states[s].visits;
  if (f.cycle_days > 0) f.flow_efficiency = f.active_days / f.cycle_days;
  double total = 0;
  const StateFlow* best = nullptr;
  for (const auto& s : f.states) {
    if (s.state.category != StateCategory::kInProgress) continue;
    total += s.item_days;
    if (s.item_days > 0 && (!best || s.item_days > best->item_days)) best = &s;
  }
  if (best)
    f.bottleneck =
        Bottleneck{best->state.name, best->item_days, best->item_days / total, !best->state.active};
}

void cumulative_flow(StreamFlow& f, const std::vector<FlowState>& wf,
                     const std::vector<Timeline>& tl, const Window& w) {
  for (const auto& s : wf)
    f.cfd.states.push_back(s.name);
  f.cfd.counts.assign(wf.size(), std::vector<size_t>(w.days, 0));
  for (int d = 0; d < w.days; ++d)
    f.cfd.dates.push_back(w.first + d);
  for (const auto& t : tl) {
    size_t k = 0;
    for (int d = 0; d < w.days; ++d) {
      int64_t at = w.from + static_cast<int64_t>((d + 1) * kDay);  // the end of day d
      while (k + 1 < t.segments.size() && t.segments[k + 1].begin < at)
        ++k;
      if (k < t.segments.size() && t.segments[k].begin < at && t.segments[k].state >= 0)
        ++f.cfd.counts[t.segments[k].state][d];
    }
  }
}

StreamFlow analyze_stream(const FlowStream& s, const Window& w, bool has_states,
                          const FlowOptions& o) {
  StreamFlow f;
  f.key = s.key;
  f.name = s.name;
  f.items = s.items.size();
  std::vector<Timeline> tl;
  tl.reserve(s.items.size());
  for (const auto& it : s.items)
    tl.push_back(timeline(it, s.workflow, w.now));
  // Items not yet in the flow at the as-of instant take no part.
  cycle_times(f, tl, w, o.min_samples);
  throughput(f, tl, w);
  std::vector<FlowItem> items;
  std::vector<Timeline> present;
  for (size_t i = 0; i < tl.size(); ++i)
    if (!tl[i].segments.empty()) {
      items.push_back(s.items[i]);
      present.push_back(tl[i]);
    }
  wip_and_littles_law(f, items, present, w, o.littles_law_tolerance);
  if (has_states) states(f, s.workflow, present, w);
  cumulative_flow(f, s.workflow, present, w);
  return f;
}

// The program as one stream: every item's states mapped to To Do, Active, Waiting, Done.
FlowStream program_stream(const FlowInput& in) {
  FlowStream p;
  if (!in.has_states) {
    if (!in.streams.empty()) p.workflow = in.streams.front().workflow;
    for (const auto& s : in.streams)
      p.items.insert(p.items.end(), s.items.begin(), s.items.end());
    return p;
  }
  p.workflow = {{"To Do", StateCategory::kTodo, true, {}},
                {"Active", StateCategory::kInProgress, true, {}},
                {"Waiting", StateCategory::kInProgress, false, {}},
                {"Done", StateCategory::kDone, true, {}}};
  for (const auto& s : in.streams)
    for (const auto& it : s.items) {
      FlowItem m{it.key, {}};
      for (const auto& h : it.history) {
        int k = state_index(s.workflow, h.state);
        if (k < 0) continue;
        const auto& st = s.workflow[k];
        const char* name = st.category == StateCategory::kTodo   ? "To Do"
                           : st.category == StateCategory::kDone ? "Done"
                           : st.active                           ? "Active"
                                                                 : "Waiting";
        m.history.push_back({name, h.at});
      }
      p.items.push_back(std::move(m));
    }
  return p;
}

void findings(const FlowInput& in, const FlowResult& r, const FlowOptions& o, Diagnostics& diags) {
  std::map<std::string, Location> item_at, stream_at;
  for (const auto& s : in.streams) {
    stream_at[s.key] = s.where;
    for (const auto& it : s.items)
      item_at[it.key] = it.where;
  }
  for (const auto& s : r.streams) {
    if (s.cycle_time)
      for (const auto& a : s.aging)
        if (a.age_days > s.cycle_time->p85)
          diags.warning(codes::kFlowAgingWip,
                        fmt::format("{} ({}) has been in progress {:.1f} days, longer than 85 % of "
                                    "{}'s finished items (P85 {:.1f} days)",
                                    a.key, a.state, a.age_days, s.key, s.cycle_time->p85),
                        item_at[a.key], "swarm on it, split it or say why it waits");
    for (const auto& st : s.states)
      if (st.state.wip_limit && st.wip > static_cast<size_t>(*st.state.wip_limit))
        diags.warning(codes::kFlowWipOverLimit,
                      fmt::format("{} '{}' holds {} items, over its WIP limit of {}", s.key,
                                  st.state.name, st.wip, *st.state.wip_limit),
                      stream_at[s.key], "finish work in the state before pulling more");
  }
  const auto& l = r.program.littles_law;
  if (!l.consistent)
    diags.info(
        codes::kFlowLittlesLawGap,
        fmt::format("average WIP {:.1f} / throughput {:.2f} per day = {:.1f} days, but the "
                    "measured mean cycle time is {:.1f} days ({:+.0f} %)",
                    l.average_wip, l.throughput_per_day, *l.predicted, *l.measured, 100 * *l.gap),
        {},
        fmt::format("the flow was not stable over the {} days: WIP grew or shrank; read "
                    "percentiles with care (tolerance {:.0f} %)",
                    r.window_days, 100 * o.littles_law_tolerance));
}

}  // namespace

FlowInput flow_input(const Program& p, std::optional<Date> as_of, const SourceMap* sources) {
  FlowInput in;
  std::vector<char> parent(p.items.size(), 0);
  for (const auto& it : p.items)
    if (it.parent.valid()) parent[it.parent.index()] = 1;
  std::vector<int> stream_of(p.teams.size() + 1, -1);
  std::optional<Date> last;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (parent[i]) continue;
    if (it.history.empty()) {
      ++in.without_history;
      continue;
    }
    size_t slot = it.team.valid() ? it.team.index() : p.teams.size();
    if (stream_of[slot] < 0) {
      stream_of[slot] = static_cast<int>(in.streams.size());
      FlowStream s;
      s.key = it.team.valid() ? p.team(it.team).key : "-";
      s.name = it.team.valid() ? p.team(it.team).name : "no team";
      for (const auto& w : p.workflow(it.team))
        s.workflow.push_back({w.name, w.category, w.active, w.wip_limit});
      if (sources && it.team.valid())
        s.where = sources->at(EntityKind::kTeam, it.team.value, "workflow");
      in.streams.push_back(std::move(s));
    }
    Location where = sources ? sources->at(EntityKind::kItem, i) : Location{};
    in.streams[stream_of[slot]].items.push_back({it.key, it.history, where});
    for (const auto& h : it.history)
      if (!last || *last < h.at.date()) last = h.at.date();
  }
  std::stable_sort(in.streams.begin(), in.streams.end(),
                   [](const FlowStream& a, const FlowStream& b) { return a.key < b.key; });
  in.as_of = as_of ? *as_of : p.as_of ? *p.as_of : last.value_or(p.start);
  return in;
}

FlowResult analyze_flow(const FlowInput& in, const FlowOptions& o, Diagnostics& diags) {
  FlowResult r;
  r.as_of = in.as_of;
  // The window starts no earlier than the first day of the history (no empty weeks before it).
  std::optional<Date> first;
  for (const auto& s : in.streams)
    for (const auto& it : s.items)
      if (!it.history.empty() && (!first || it.history.front().at.date() < *first))
        first = it.history.front().at.date();
  r.window_days = std::max(1, o.window_days);
  if (first && *first > in.as_of - (r.window_days - 1))
    r.window_days = std::max(1, in.as_of - *first + 1);
  r.from = in.as_of - (r.window_days - 1);
  r.has_states = in.has_states;
  r.without_history = in.without_history;
  Window w;
  w.as_of = in.as_of;
  w.first = r.from;
  w.days = r.window_days;
  w.now = DateTime::from_date(in.as_of + 1).seconds;
  w.from = DateTime::from_date(r.from).seconds;
  for (const auto& s : in.streams)
    r.streams.push_back(analyze_stream(s, w, in.has_states, o));
  r.program = analyze_stream(program_stream(in), w, in.has_states, o);
  r.program.name = "program";
  if (in.has_states) {
    // The program's bottleneck is the team state holding the most in-progress item-days.
    r.program.bottleneck.reset();
    double total = 0;
    for (const auto& s : r.program.states)
      if (s.state.category == StateCategory::kInProgress) total += s.item_days;
    for (const auto& s : r.streams)
      if (s.bottleneck &&
          (!r.program.bottleneck || s.bottleneck->item_days > r.program.bottleneck->item_days))
        r.program.bottleneck =
            Bottleneck{s.key + ": " + s.bottleneck->state, s.bottleneck->item_days,
                       s.bottleneck->item_days / total, s.bottleneck->waiting};
  }
  findings(in, r, o, diags);
  return r;
}

}  // namespace cairn::analysis

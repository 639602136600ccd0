#include "schedule/leveling_rules.h"

#include <algorithm>
#include <bit>
#include <functional>

#include "base/random.h"

namespace cairn::schedule {

const char* to_string(PriorityRule r) {
  switch (r) {
    case PriorityRule::kLatestFinish:
      return "latest-finish";
    case PriorityRule::kLatestStart:
      return "latest-start";
    case PriorityRule::kMinSlack:
      return "min-slack";
    case PriorityRule::kMostSuccessors:
      return "most-successors";
    case PriorityRule::kLongestWork:
      return "longest-work";
    case PriorityRule::kShortestWork:
      return "shortest-work";
    case PriorityRule::kFileOrder:
      return "file-order";
  }
  return "?";
}

namespace leveling {

Targets::Targets(const TaskGraph& g, const CpmResult& cpm, std::vector<DueGroup> gr)
    : groups(std::move(gr)), due(g.nodes(), kNever) {
  for (const auto& grp : groups)
    for (uint32_t n : grp.nodes)
      if (n < g.nodes()) due[n] = std::min(due[n], grp.due);
  late_start = cpm.late_start;
  late_finish = cpm.late_finish;
  if (!groups.empty()) {
    Slot horizon = cpm.end;
    for (const auto& grp : groups)
      if (grp.due < kNever) horizon = std::max(horizon, grp.due);
    for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
      uint32_t n = *it;
      LateBounds lb = late_bounds(g, n, late_start.data(), late_finish.data(), horizon);
      lb.lf = std::min(lb.lf, due[n]);
      const SlotCalendar& cal = g.calendars[g.calendar[n]];
      Slot f = latest_finish(cal, g.work[n], lb);
      if (f >= kNever / 2) f = horizon;
      late_finish[n] = f;
      late_start[n] = g.work[n] == 0 ? f : cal.start_before(f, g.work[n]);
    }
  }
  slack.resize(g.nodes());
  for (uint32_t n = 0; n < g.nodes(); ++n)
    slack[n] = static_cast<int32_t>(
        std::clamp<int64_t>(int64_t{late_start[n]} - cpm.start[n], INT32_MIN / 2, INT32_MAX / 2));
}

ListKey ListRules::rule_key(uint32_t n, PriorityRule rule) const {
  int32_t prio = list_priority(g, n);
  double lft = tg.late_finish[n];
  switch (rule) {
    case PriorityRule::kLatestFinish:
      return {prio, lft, double(tg.late_start[n])};
    case PriorityRule::kLatestStart:
      return {prio, double(tg.late_start[n]), lft};
    case PriorityRule::kMinSlack:
      return {prio, double(tg.slack[n]), lft};
    case PriorityRule::kMostSuccessors:
      return {prio, -double(g.succ_begin[n + 1] - g.succ_begin[n]), lft};
    case PriorityRule::kLongestWork:
      return {prio, -double(g.work[n]), lft};
    case PriorityRule::kShortestWork:
      return {prio, double(g.work[n]), lft};
    case PriorityRule::kFileOrder:
      return {prio, double(n), 0};
  }
  return {prio, lft, 0};
}

// The list both topo_list (kMixed false: every node forward) and mixed_list build: a node is ready
// once its predecessors are listed, a backward one (kMixed) once its successors are.
template <bool kMixed>
bool ListRules::build_list(std::vector<uint32_t>& out) {
  const uint32_t nn = g.nodes();
  auto back = [&](uint32_t n) { return kMixed && g.any_backward && g.backward[n]; };
  cnt.resize(nn);
  for (uint32_t i = 0; i < nn; ++i)
    cnt[i] =
        back(i) ? g.succ_begin[i + 1] - g.succ_begin[i] : g.pred_begin[i + 1] - g.pred_begin[i];
  auto free_of = [&](uint32_t p, uint32_t n) {
    return !unordered.empty() &&
           std::binary_search(unordered.begin(), unordered.end(), std::pair{p, n});
  };
  if (!unordered.empty())
    for (uint32_t i = 0; i < nn; ++i)
      if (!back(i))
        for (uint32_t a = g.pred_begin[i]; a < g.pred_begin[i + 1]; ++a)
          if (free_of(g.pred_node[a], i)) --cnt[i];
  // n of an early pair waits for p's predecessors instead of p.
  for (auto [p, n] : early_ready)
    cnt[n] += g.pred_begin[p + 1] - g.pred_begin[p] - 1;
  auto early = [&](uint32_t p, uint32_t n) {
    return !early_ready.empty() &&
           std::binary_search(early_ready.begin(), early_ready.end(), std::pair{p, n});
  };
  heap.clear();
  for (uint32_t i = 0; i < nn; ++i)
    if (cnt[i] == 0) heap.push_back(pack(keys[i], i));
  std::make_heap(heap.begin(), heap.end(), std::greater<>());
  out.clear();
  out.reserve(nn);
  auto ready = [&](uint32_t x) {
    if (--cnt[x] != 0) return;
    heap.push_back(pack(keys[x], x));
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    uint32_t v = static_cast<uint32_t>(heap.back());
    heap.pop_back();
    out.push_back(v);
    for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a) {
      const uint32_t x = g.succ_node[a];
      if (early(v, x) || free_of(v, x)) continue;  // counted through v's predecessors, or not
      if (!back(x)) ready(x);
      if (early_ready.empty()) continue;
      for (auto it = std::lower_bound(early_ready.begin(), early_ready.end(), std::pair{x, 0u});
           it != early_ready.end() && it->first == x; ++it)
        ready(it->second);  // v is one of x's predecessors
    }
    if constexpr (kMixed)
      for (uint32_t a = g.pred_begin[v]; a < g.pred_begin[v + 1]; ++a)
        if (back(g.pred_node[a])) ready(g.pred_node[a]);
  }
  return out.size() == nn;
}

void ListRules::topo_list(std::vector<uint32_t>& out) {
  build_list<false>(out);
}

bool ListRules::mixed_list(std::vector<uint32_t>& out) {
  return build_list<true>(out);
}

std::vector<uint32_t> ListRules::priority_list(PriorityRule rule) {
  keys.resize(g.nodes());
  for (uint32_t n = 0; n < g.nodes(); ++n)
    keys[n] = rule_key(n, rule);
  std::vector<uint32_t> out;
  topo_list(out);
  return out;
}

void ListRules::sampled_list(uint64_t seed, std::vector<uint32_t>& out, SampleNoise noise) {
  uint64_t state = seed;
  double lo = kNever, hi = -kNever;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    lo = std::min(lo, double(tg.late_finish[n]));
    hi = std::max(hi, double(tg.late_finish[n]));
  }
  double span = std::max(1.0, hi - lo);
  double sigma = span * (noise.least +
                         noise.width * double(splitmix64_next(state) >> 11) / double(1ull << 53));
  keys.resize(g.nodes());
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    ListKey k = rule_key(n, PriorityRule::kLatestFinish);
    k.k1 += sigma * double(splitmix64_next(state) >> 11) / double(1ull << 53);
    keys[n] = k;
  }
  topo_list(out);
}

}  // namespace leveling
}  // namespace cairn::schedule

// The leveler's priority rules (internal to src/schedule, used by leveling.cc): what the schedule
// serves (Targets: due groups and the deadline-aware late dates), the list key of each rule, and
// precedence-feasible priority lists (by rule, sampled with seeded noise, or by given keys).
// Slots are the task graph's time axis. One ListRules per thread; not thread-safe.
#pragma once

#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

#include "schedule/leveling.h"

namespace cairn::schedule::leveling {

// What the schedule serves: due groups, the earliest due slot per node, and the late dates the
// priority rules order by (a backward pass from the project end and every due slot).
struct Targets {
  std::vector<DueGroup> groups;
  std::vector<Slot> due;                      // per node: the earliest due slot, kNever: none
  std::vector<Slot> late_start, late_finish;  // per node
  std::vector<int32_t> slack;                 // per node: late start - CPM early start

  Targets(const TaskGraph& g, const CpmResult& cpm, std::vector<DueGroup> gr);
};

// How much noise a sample adds to the late finishes: uniform in [0, sigma), sigma drawn per
// sample uniform in [least, least + width) of their range.
struct SampleNoise {
  double least = 0.02, width = 0.4;
};

// List order: priority (higher first), then k1, k2, node (smaller first).
struct ListKey {
  int32_t prio;
  double k1;
  double k2;
};

// Priority first, started work before everything (the tier every list key starts with).
inline int32_t list_priority(const TaskGraph& g, uint32_t n) {
  return g.priority[n] + (g.state[n] != NodeState::kTodo ? 4000 : 0);
}

struct ListRules {
  const TaskGraph& g;
  const Targets& tg;
  std::vector<ListKey> keys;  // per node: the key the lists are built from
  std::vector<uint32_t> cnt;  // scratch: unlisted predecessors (or successors) per node
  // TaskJuggler order: (p, n) pairs, sorted, where n may be listed as soon as p's predecessors are
  // (not p itself): an ALAP task anchored at forward task p's start is ready once that start is
  // known (Worker::set_anchors). Default empty.
  std::vector<std::pair<uint32_t, uint32_t>> early_ready;
  // Keep-order mode: (p, n) pairs, sorted, whose arcs do not order the list (n may be listed
  // before p: a successor that started before its predecessor). Default empty.
  std::vector<std::pair<uint32_t, uint32_t>> unordered;

  ListRules(const TaskGraph& graph, const Targets& t) : g(graph), tg(t) {}

  ListKey rule_key(uint32_t n, PriorityRule rule) const;
  // A precedence-feasible list from `keys`: among the nodes whose predecessors are listed, the
  // best key.
  void topo_list(std::vector<uint32_t>& out);
  // TaskJuggler's list over both directions (its order with ALAP items): among the ready nodes,
  // the best key, where a forward node is ready once its predecessors are listed and a backward
  // node once its successors are (tj3 takes an ALAP task up when its end is known, whatever its
  // predecessors). False when some node never gets ready (out is then partial).
  bool mixed_list(std::vector<uint32_t>& out);
  std::vector<uint32_t> priority_list(PriorityRule rule);
  // The late-finish list with seeded noise (sampling).
  void sampled_list(uint64_t seed, std::vector<uint32_t>& out, SampleNoise noise = {});

 private:
  template <bool kMixed>
  bool build_list(std::vector<uint32_t>& out);
  // The heap holds each key packed into 128 bits, smaller = better: priority (higher first), k1 and
  // k2 as order-preserving float bits (smaller first; exact for slot counts below 2^24), then the
  // node. Comparing one integer instead of four fields made list building 2-3x faster.
  using PackedKey = unsigned __int128;
  std::vector<PackedKey> heap;
  static uint32_t float_order(double v) {
    uint32_t b = std::bit_cast<uint32_t>(static_cast<float>(v));
    return (b & 0x80000000u) ? ~b : (b | 0x80000000u);
  }
  static PackedKey pack(const ListKey& k, uint32_t n) {
    uint64_t hi = (uint64_t(~(uint32_t(k.prio) ^ 0x80000000u)) << 32) | float_order(k.k1);
    uint64_t lo = (uint64_t(float_order(k.k2)) << 32) | n;
    return (PackedKey(hi) << 64) | lo;
  }
};

}  // namespace cairn::schedule::leveling

#include "schedule/leveling_moves.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "schedule/cpm.h"

namespace cairn::schedule::leveling {
namespace {

// A move of the list: `node` (and what must go with it) before `to`, or after it.
struct Move {
  uint32_t node, to;
  bool after;
};

uint64_t pair_key(uint32_t a, uint32_t b) {
  return a < b ? (uint64_t(a) << 32) | b : (uint64_t(b) << 32) | a;
}

// Per person, the stretches booked in s: (from, to, node).
using Booked = std::vector<std::vector<std::tuple<Slot, Slot, uint32_t>>>;

void book(const TaskGraph& g, const LeveledSchedule& s, Booked& booked) {
  booked.resize(g.person_rate.size());
  for (auto& b : booked)
    b.clear();
  for_each_booked(g, s, [&](uint32_t n, uint32_t, uint32_t p, Slot from, Slot to) {
    if (p < booked.size()) booked[p].emplace_back(from, to, n);
  });
}

// The moves along the chain of due group `grp` in s (see chain_moves), appended to `out`.
void chain_of(const TaskGraph& g, const DueGroup& grp, const LeveledSchedule& s,
              const std::vector<uint32_t>& pos, const Booked& booked, std::vector<uint8_t>& seen,
              std::vector<Move>& out) {
  const uint32_t nn = g.nodes();
  uint32_t z = kNoNode;
  for (uint32_t n : grp.nodes)
    if (n < nn && (z == kNoNode || s.finish[n] > s.finish[z])) z = n;
  seen.assign(nn, 0);
  const size_t first = out.size();
  for (uint32_t n = z; n != kNoNode && !seen[n];) {
    seen[n] = 1;
    if (g.state[n] == NodeState::kDone) break;
    // What held n: its latest predecessor bound (or release), or its people's previous work.
    Slot dep = g.release[n];
    uint32_t dep_node = kNoNode;
    for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
      const Slot b = pred_arc_bound(g, a, s.start.data(), s.finish.data());
      if (b > dep) {
        dep = b;
        dep_node = g.pred_node[a];
      }
    }
    Slot res = -kNever;
    uint32_t x = kNoNode;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      const uint32_t p = s.seat_person[k];
      if (p >= booked.size()) continue;
      const Slot ts = seat_work_start(s, n, k);
      for (const auto& [from, to, m] : booked[p])
        if (m != n && to <= ts && to > res) {
          res = to;
          x = m;
        }
    }
    if (x == kNoNode || res < dep || g.state[n] != NodeState::kTodo || pos[x] > pos[n]) {
      n = dep_node;
      continue;
    }
    out.push_back({n, x, false});
    // As early as its predecessors allow on that person: before the first item of the person's
    // listed before x that was still running when n could have started.
    uint32_t y = kNoNode;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      const uint32_t p = s.seat_person[k];
      if (p >= booked.size()) continue;
      for (const auto& [from, to, m] : booked[p])
        if (m != n && to > dep && pos[m] < pos[x] && (y == kNoNode || pos[m] < pos[y])) y = m;
    }
    if (y != kNoNode) out.push_back({n, y, false});
    n = x;
  }
  // Then each the other way round: the item waited for just after the item that waited.
  const size_t direct = out.size();
  for (size_t c = first; c < direct; ++c)
    out.push_back({out[c].to, out[c].node, true});
}

// The list `from` with move m applied (into out); false when m would take `to` along.
bool apply(const TaskGraph& g, const std::vector<uint32_t>& from, const std::vector<uint32_t>& pos,
           const Move& m, std::vector<uint8_t>& moving, std::vector<uint32_t>& stack,
           std::vector<uint32_t>& out) {
  const uint32_t nn = g.nodes();
  moving.assign(nn, 0);
  const uint32_t at = pos[m.to];
  stack.assign(1, m.node);
  while (!stack.empty()) {
    const uint32_t v = stack.back();
    stack.pop_back();
    if (moving[v] || (m.after ? pos[v] > at : pos[v] < at)) continue;
    if (v == m.to) return false;
    moving[v] = 1;
    if (m.after) {
      for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a)
        stack.push_back(g.succ_node[a]);
    } else {
      for (uint32_t a = g.pred_begin[v]; a < g.pred_begin[v + 1]; ++a)
        stack.push_back(g.pred_node[a]);
    }
  }
  out.clear();
  if (m.after) {
    // node and its successors listed up to `to` go just after it, in their order.
    for (uint32_t i = 0; i <= at; ++i)
      if (!moving[from[i]]) out.push_back(from[i]);
    for (uint32_t i = 0; i <= at; ++i)
      if (moving[from[i]]) out.push_back(from[i]);
    out.insert(out.end(), from.begin() + at + 1, from.end());
  } else {
    // node and its predecessors listed from `to` on go just before it, in their order.
    out.assign(from.begin(), from.begin() + at);
    for (uint32_t i = at; i < nn; ++i)
      if (moving[from[i]]) out.push_back(from[i]);
    for (uint32_t i = at; i < nn; ++i)
      if (!moving[from[i]]) out.push_back(from[i]);
  }
  return true;
}

}  // namespace

int chain_moves(Worker& w, const Targets& targets, LeveledSchedule& best,
                std::vector<uint32_t>& best_list, const MoveLimits& limits, int& used,
                const std::function<bool()>& out_of_time) {
  const TaskGraph& g = w.g;
  const uint32_t nn = g.nodes();
  if (best_list.size() != nn) return 0;
  std::vector<uint32_t> list, stack, pos(nn);
  std::vector<uint8_t> seen, moving;
  std::vector<Move> moves;
  LeveledSchedule cur, back, fb;
  // The search's current schedule and list (best until a kick steps away from it), and the best
  // neighbour that did not improve on it (where a kick goes).
  LeveledSchedule now = best, next;
  std::vector<uint32_t> now_list = best_list, next_list;
  uint64_t next_pair = 0;
  Booked booked;
  std::unordered_set<uint64_t> tried;      // moves tried from `now`
  std::unordered_map<uint64_t, int> tabu;  // pair of nodes -> the step it may move again
  int improvements = 0, kicks = limits.kicks;
  for (int step = 1; used + 3 <= limits.most && best.tardiness > limits.floor && !out_of_time();
       ++step) {
    for (uint32_t i = 0; i < nn; ++i)
      pos[now_list[i]] = i;
    book(g, now, booked);
    // The late groups, the latest first by weighted lateness.
    std::vector<std::pair<double, uint32_t>> late;
    for (uint32_t i = 0; i < targets.groups.size(); ++i) {
      const DueGroup& grp = targets.groups[i];
      if (grp.due >= kNever) continue;
      Slot last = -kNever;
      for (uint32_t n : grp.nodes)
        if (n < nn) last = std::max(last, now.finish[n]);
      if (last > grp.due) late.emplace_back(-grp.weight * double(last - grp.due), i);
    }
    std::sort(late.begin(), late.end());
    bool moved = false, have_next = false;
    for (size_t li = 0; li < late.size() && !moved; ++li) {
      moves.clear();
      chain_of(g, targets.groups[late[li].second], now, pos, booked, seen, moves);
      for (const Move& m : moves) {
        if (used + 3 > limits.most || out_of_time()) break;
        const uint64_t key = (uint64_t(m.node) << 33) | (uint64_t(m.to) << 1) | m.after;
        if (!tried.insert(key).second) continue;
        if (auto t = tabu.find(pair_key(m.node, m.to)); t != tabu.end() && t->second > step)
          continue;
        if (!apply(g, now_list, pos, m, moving, stack, list)) continue;
        // Priorities rule the moved list as any other: the list from keys (priority, then the
        // place the move gave).
        w.keys.resize(nn);
        for (uint32_t i = 0; i < nn; ++i)
          w.keys[list[i]] = {list_priority(g, list[i]), double(i), 0.0};
        w.topo_list(list);
        if (list == now_list) continue;
        w.serial(list, cur);
        used += 3;
        LeveledSchedule* pick = &cur;
        if (w.forward_backward(cur, back, fb) && better(fb, cur)) pick = &fb;
        if (better(*pick, now)) {
          now_list = pick == &fb ? w.list : list;
          std::swap(now, *pick);
          tried.clear();
          moved = true;
          if (better(now, best)) {
            ++improvements;
            std::string method = std::move(best.method);
            best = now;
            best_list = now_list;
            best.method = method.ends_with("+moves") ? method : method + "+moves";
          }
          break;
        }
        if (kicks > 0 && (!have_next || better(*pick, next))) {
          next_list = pick == &fb ? w.list : list;
          std::swap(next, *pick);
          next_pair = pair_key(m.node, m.to);
          have_next = true;
        }
      }
    }
    if (moved) continue;
    if (kicks <= 0 || !have_next) break;
    // A kick: the best neighbour that did not improve, its pair left alone for a while.
    --kicks;
    tabu[next_pair] = step + limits.tenure;
    std::swap(now, next);
    std::swap(now_list, next_list);
    tried.clear();
  }
  return improvements;
}

}  // namespace cairn::schedule::leveling

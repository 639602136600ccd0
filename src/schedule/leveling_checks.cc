// Checks and walks over a leveled schedule (leveling.h): the stretches each person works, and
// whether a schedule keeps every bound and books nobody twice.
#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "schedule/leveling.h"

namespace cairn::schedule {

void for_each_booked(const TaskGraph& g, const LeveledSchedule& s,
                     const std::function<void(uint32_t, uint32_t, uint32_t, Slot, Slot)>& fn) {
  std::vector<char> split;
  if (!s.segments.empty()) {
    split.assign(g.cand_begin.size() - 1, 0);
    for (const auto& sg : s.segments)
      split[sg.seat] = 1;
  }
  size_t next = 0;  // segments are grouped by seat in booking order; index them per seat
  std::vector<std::pair<uint32_t, uint32_t>> range;  // per split seat: [first, last) segment
  if (!split.empty()) {
    range.assign(split.size(), {0, 0});
    while (next < s.segments.size()) {
      size_t j = next;
      while (j < s.segments.size() && s.segments[j].seat == s.segments[next].seat)
        ++j;
      range[s.segments[next].seat] = {static_cast<uint32_t>(next), static_cast<uint32_t>(j)};
      next = j;
    }
  }
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.state[n] == NodeState::kDone) continue;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      const uint32_t p = s.seat_person[k];
      if (p == kNoNode) continue;
      if (!split.empty() && split[k]) {
        for (uint32_t i = range[k].first; i < range[k].second; ++i) {
          const auto& sg = s.segments[i];
          fn(n, k, sg.person == kNoNode ? p : sg.person, sg.from, sg.to);
        }
      } else if (s.finish[n] > seat_work_start(s, n, k)) {
        fn(n, k, p, seat_work_start(s, n, k), s.finish[n]);
      }
    }
  }
}

bool is_feasible(const TaskGraph& g, const LeveledSchedule& s, std::string* why) {
  auto fail = [&](std::string m) {
    if (why) *why = std::move(m);
    return false;
  };
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.state[n] != NodeState::kTodo) continue;
    EarlyBounds b = early_bounds(g, n, s.start.data(), s.finish.data());
    if (s.start[n] < b.es) return fail(fmt::format("node {} starts before its start bound", n));
    if (s.finish[n] < b.ef) return fail(fmt::format("node {} finishes before its finish bound", n));
  }
  std::vector<std::vector<std::pair<Slot, Slot>>> per(g.person_rate.size());
  for_each_booked(g, s, [&](uint32_t, uint32_t, uint32_t p, Slot a, Slot z) {
    per[p].push_back({a, z});
  });
  for (size_t p = 0; p < per.size(); ++p) {
    auto& v = per[p];
    std::sort(v.begin(), v.end());
    for (size_t i = 1; i < v.size(); ++i)
      if (v[i].first < v[i - 1].second)
        return fail(fmt::format("person {} is booked twice at slot {}", p, v[i].first));
  }
  return true;
}

}  // namespace cairn::schedule

#include "schedule/leveling.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <memory>
#include <queue>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

namespace cairn::schedule {
namespace {

struct Booking {
  Slot begin;
  Slot end;
  uint32_t node;
};
using Timeline = std::vector<Booking>;

struct Fit {
  Slot start;
  Slot finish;
};

// The earliest [start, finish) of w working slots of cal that meets b and overlaps no booking.
Fit earliest_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b) {
  Slot s = earliest_start(cal, w, b);
  auto it = std::upper_bound(tl.begin(), tl.end(), s,
                             [](Slot v, const Booking& bk) { return v < bk.end; });
  for (;;) {
    Slot f = cal.finish_after(s, w);
    while (it != tl.end() && it->end <= s)
      ++it;
    if (it == tl.end() || f <= it->begin || s >= kNever) return {s, f};
    s = cal.start_at_or_after(it->end);
    ++it;
  }
}

// The latest [start, finish) of w working slots of cal that meets b and overlaps no booking.
Fit latest_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, LateBounds b) {
  Slot f = latest_finish(cal, w, b);
  Slot s = cal.start_before(f, w);
  auto it = std::lower_bound(tl.begin(), tl.end(), f,
                             [](const Booking& bk, Slot v) { return bk.begin < v; });
  ptrdiff_t i = (it - tl.begin()) - 1;
  for (;;) {
    while (i >= 0 && tl[i].begin >= f)
      --i;
    if (i < 0 || tl[i].end <= s) return {s, f};
    f = cal.finish_at_or_before(tl[i].begin);
    s = cal.start_before(f, w);
    --i;
  }
}

void book(Timeline& tl, Booking bk) {
  if (tl.empty() || tl.back().begin <= bk.begin) {
    tl.push_back(bk);
    return;
  }
  auto it = std::upper_bound(tl.begin(), tl.end(), bk.begin,
                             [](Slot v, const Booking& x) { return v < x.begin; });
  tl.insert(it, bk);
}

// List order: priority (higher first), then k1, k2, node (smaller first).
struct ListKey {
  int32_t prio;
  double k1;
  double k2;
};

uint64_t splitmix(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// The objective, in order: weighted tardiness, then the end, then the sum of finishes.
bool better(const LeveledSchedule& a, const LeveledSchedule& b) {
  if (a.tardiness != b.tardiness) return a.tardiness < b.tardiness;
  if (a.end != b.end) return a.end < b.end;
  if (a.due_finish != b.due_finish) return a.due_finish < b.due_finish;
  return a.sum_finish < b.sum_finish;
}

// Closes every gap of a timeline before t: nothing booked later can go before t (keep-order mode).
void seal(Timeline& tl, Slot t) {
  auto it = tl.begin();
  Slot end = t;
  while (it != tl.end() && it->begin < t) {
    end = std::max(end, it->end);
    ++it;
  }
  uint32_t node = it == tl.begin() ? kNoNode : std::prev(it)->node;
  it = tl.erase(tl.begin(), it);
  tl.insert(it, Booking{-kNever / 2, end, node});
}

}  // namespace

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

// What the schedule serves: due groups, the earliest due slot per node, and the late dates the
// priority rules order by (a backward pass from the project end and every due slot).
struct Targets {
  std::vector<DueGroup> groups;
  std::vector<Slot> due;                      // per node: the earliest due slot, kNever: none
  std::vector<Slot> late_start, late_finish;  // per node
  std::vector<int32_t> slack;                 // per node: late start - CPM early start

  Targets(const TaskGraph& g, const CpmResult& cpm, std::vector<DueGroup> gr)
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
};

// The state of one schedule generation: timelines and scratch buffers. One per thread.
struct Worker {
  const TaskGraph& g;
  const CpmResult& cpm;
  const Targets& tg;
  const std::vector<Slot>& due;
  std::vector<Timeline> tl;
  std::vector<uint32_t> cnt;
  std::vector<uint32_t> chosen;  // scratch: person per seat of the node being placed
  std::vector<Fit> fits;         // scratch: fit per seat
  std::vector<ListKey> keys;
  std::vector<uint32_t> list;
  struct Back {
    Slot finish, start;
    uint32_t n;
  };
  std::vector<Back> back_heap;

  // Keep-order mode: per seat the person it must go to (kNoNode: free), and every person's
  // timeline sealed up to the end of their last booking, so that nothing back-fills.
  const std::vector<uint32_t>* force = nullptr;
  bool append_only = false;

  Worker(const TaskGraph& graph, const CpmResult& c, const Targets& t)
      : g(graph), cpm(c), tg(t), due(t.due), tl(graph.person_rate.size()) {}

  void reset(LeveledSchedule& s) {
    const uint32_t n = g.nodes();
    s.start.assign(n, 0);
    s.finish.assign(n, 0);
    s.work_start.assign(n, 0);
    s.work.assign(g.work.begin(), g.work.end());
    s.calendar.assign(g.calendar.begin(), g.calendar.end());
    s.seat_person.assign(g.cand_begin.size() - 1, kNoNode);
    s.seat_start.assign(g.cand_begin.size() - 1, 0);
    for (auto& t : tl)
      t.clear();
    // Actual work (bookings) occupies its people first.
    if (!g.fixed_begin.empty())
      for (uint32_t p = 0; p + 1 < g.fixed_begin.size(); ++p)
        for (uint32_t j = g.fixed_begin[p]; j < g.fixed_begin[p + 1]; ++j)
          tl[p].push_back(Booking{g.fixed_from[j], g.fixed_to[j], g.fixed_node[j]});
    if (!g.shared_limits.empty()) shared_used.assign(g.shared_limits.size(), {});
  }

  // ---- limits shared by the leaves of an epic (TaskGraph::shared_limits) ----
  std::vector<std::unordered_map<int64_t, int32_t>> shared_used;  // per limit: slots per window
  bool has_shared(uint32_t n) const {
    return !g.shared_begin.empty() && g.shared_begin[n] < g.shared_begin[n + 1];
  }
  // The window of slot t for limit L, and the slot where that window ends.
  int64_t window_of(const TaskGraph::SharedLimit& L, Slot t, Slot* wend) const {
    const int64_t spd = g.axis.slots_per_day();
    const int64_t day = t >= 0 ? t / spd : -((-t + spd - 1) / spd);
    auto fdiv = [](int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    switch (L.per) {
      case WorkLimit::Per::kDay:
        *wend = static_cast<Slot>((day + 1) * spd);
        return day;
      case WorkLimit::Per::kWeek: {
        int64_t w = fdiv(day, 7);
        *wend = static_cast<Slot>((w + 1) * 7 * spd);
        return w;
      }
      case WorkLimit::Per::kMonth: {
        const Date day0 = g.axis.origin.date();
        Date d = day0 + static_cast<int>(day);
        Date next = d.month() == 12 ? Date::from_ymd(d.year() + 1, 1, 1)
                                    : Date::from_ymd(d.year(), d.month() + 1, 1);
        *wend = static_cast<Slot>(int64_t{next - day0} * spd);
        return int64_t{d.year()} * 12 + d.month() - 1;
      }
      case WorkLimit::Per::k30Days: {
        int64_t w = fdiv(day - L.anchor_day, 30);
        *wend = static_cast<Slot>((L.anchor_day + (w + 1) * 30) * spd);
        return w;
      }
    }
    return day;
  }
  struct SharedCur {
    uint32_t id;
    int64_t win;
    Slot wend;
    int32_t used;
  };
  std::vector<SharedCur> cur_shared;
  std::vector<std::pair<uint32_t, int64_t>> shared_taken;
  // The earliest [start, finish) of w slots of cal from es, in one gap of tl, where the shared
  // limits over node n leave room (its own use counts as it goes). `record`: book the use.
  Fit shared_fit(uint32_t n, uint32_t person, const SlotCalendar& cal, int64_t w, Slot es,
                 bool record) {
    if (w <= 0) return {es, es};
    const Timeline& t_l = tl[person];
    const int64_t spd = g.axis.slots_per_day();
    Slot s = es;
    for (int restart = 0; restart < (1 << 20); ++restart) {
      cur_shared.clear();
      for (uint32_t a = g.shared_begin[n]; a < g.shared_begin[n + 1]; ++a) {
        const auto& L = g.shared_limits[g.shared_index[a]];
        if (!L.people.empty() &&
            std::find(L.people.begin(), L.people.end(), person) == L.people.end())
          continue;
        cur_shared.push_back({g.shared_index[a], std::numeric_limits<int64_t>::min(), -kNever, 0});
      }
      shared_taken.clear();
      auto it = std::upper_bound(t_l.begin(), t_l.end(), s,
                                 [](Slot v, const Booking& bk) { return v < bk.end; });
      Slot t = cal.start_at_or_after(s), first = kNever;
      int64_t count = 0;
      bool blocked = false;
      while (count < w) {
        if (t >= kNever / 2) return {kNever, kNever};
        while (it != t_l.end() && it->end <= t)
          ++it;
        if (it != t_l.end() && it->begin <= t) {  // the person is busy: start again after it
          s = it->end;
          blocked = true;
          break;
        }
        const int64_t day = t / spd;
        Slot jump = -kNever;
        for (auto& c : cur_shared) {
          const auto& L = g.shared_limits[c.id];
          if (day < L.begin_day || day >= L.end_day) continue;
          if (t >= c.wend || c.win == std::numeric_limits<int64_t>::min()) {
            c.win = window_of(L, t, &c.wend);
            auto f = shared_used[c.id].find(c.win);
            c.used = f == shared_used[c.id].end() ? 0 : f->second;
          }
          if (c.used + 1 > L.max_slots) jump = std::max(jump, c.wend);
        }
        if (jump > -kNever) {
          t = cal.start_at_or_after(jump);
          continue;
        }
        for (auto& c : cur_shared) {
          const auto& L = g.shared_limits[c.id];
          if (day < L.begin_day || day >= L.end_day) continue;
          ++c.used;
          if (record) shared_taken.emplace_back(c.id, c.win);
        }
        if (first == kNever) first = t;
        if (++count == w) {
          if (record)
            for (auto [id, win] : shared_taken)
              ++shared_used[id][win];
          return {first, t + 1};
        }
        t = cal.start_at_or_after(t + 1);
      }
      if (!blocked) break;
    }
    return {kNever, kNever};
  }

  void finish_stats(LeveledSchedule& s) const {
    s.end = g.program_start;
    s.tardiness = 0;
    s.sum_finish = 0;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      if (g.kind[n] != NodeKind::kItem) continue;
      Slot f = s.finish[n];
      s.end = std::max(s.end, f);
      s.sum_finish += f;
    }
    s.due_finish = 0;
    for (const auto& grp : tg.groups) {
      if (grp.due >= kNever) continue;
      Slot last = -kNever;
      for (uint32_t n : grp.nodes)
        last = std::max(last, s.finish[n]);
      if (last > grp.due) s.tardiness += grp.weight * double(last - grp.due);
      s.due_finish += grp.weight * double(last - g.program_start);
    }
  }

  // Where node n would go now (all its predecessors placed in s); persons go to `chosen`.
  Fit evaluate(uint32_t n, const LeveledSchedule& s, Slot not_before = -kNever) {
    EarlyBounds b = early_bounds(g, n, s.start.data(), s.finish.data());
    b.es = std::max(b.es, not_before);
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    chosen.assign(se - sb, kNoNode);
    if (sb == se || g.work[n] == 0) {
      const SlotCalendar& cal = g.calendars[g.calendar[n]];
      Slot st = earliest_start(cal, g.work[n], b);
      return {st, cal.finish_after(st, g.work[n])};
    }
    fits.assign(se - sb, Fit{0, 0});
    for (uint32_t k = sb; k < se; ++k) {
      Fit best{kNever, kNever};
      uint32_t who = kNoNode;
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        uint32_t p = g.cand_person[c];
        if (std::find(chosen.begin(), chosen.begin() + (k - sb), p) != chosen.begin() + (k - sb))
          continue;
        if (force && (*force)[k] != kNoNode && (*force)[k] != p) continue;
        const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
        Fit f = se - sb == 1 && has_shared(n)
                    ? shared_fit(n, p, cal, g.cand_work[c], earliest_start(cal, g.cand_work[c], b),
                                 false)
                    : earliest_fit(tl[p], cal, g.cand_work[c], b);
        if (who == kNoNode || f.finish < best.finish ||
            (f.finish == best.finish && f.start < best.start)) {
          best = f;
          who = p;
        }
      }
      chosen[k - sb] = who;
      fits[k - sb] = best;
    }
    if (se - sb == 1) return fits[0];
    if (g.basis[n] == EstimateBasis::kEffort) return pooled(n, b);
    // Several seats: find a common start where every chosen person is free.
    Slot t = b.es;
    for (int round = 0; round < 64; ++round) {
      bool changed = false;
      for (uint32_t k = 0; k < se - sb; ++k) {
        uint32_t p = chosen[k];
        if (p == kNoNode) continue;
        const SlotCalendar& cal = g.calendars[g.calendar_for(n, p)];
        int64_t w = g.work_for(n, p);
        EarlyBounds bt{t, b.ef};
        fits[k] = earliest_fit(tl[p], cal, w, bt);
        if (fits[k].start > earliest_start(cal, w, bt)) {
          t = fits[k].start;
          changed = true;
        }
      }
      if (!changed) break;
    }
    Fit all{kNever, -kNever};
    for (uint32_t k = 0; k < se - sb; ++k) {
      if (chosen[k] == kNoNode) continue;
      all.start = std::min(all.start, fits[k].start);
      all.finish = std::max(all.finish, fits[k].finish);
    }
    if (all.start == kNever) all = {b.es, b.es};
    return all;
  }

  // ---- several seats sharing effort (TaskJuggler's semantics) ----
  struct PoolSeat {
    const SlotCalendar* cal;
    const Timeline* tl;
    double rate;
    bool mandatory;
    Slot a, z;  // the free gap of the person's timeline the seat works in
  };
  std::vector<PoolSeat> pool;

  // The free gap [a, z) of a timeline at or after t.
  static std::pair<Slot, Slot> gap_from(const Timeline& tl, Slot t) {
    auto it = std::upper_bound(tl.begin(), tl.end(), t,
                               [](Slot v, const Booking& bk) { return v < bk.end; });
    while (it != tl.end() && it->begin <= t) {
      t = std::max(t, it->end);
      ++it;
    }
    return {t, it == tl.end() ? kNever : it->begin};
  }
  static bool works(const SlotCalendar& cal, Slot t) { return cal.cum(t + 1) > cal.cum(t); }

  // The earliest finish of `total` effort slots shared by the pool from s (each seat from its gap
  // start); `first` gets the first slot worked. kNever when it never completes.
  Slot pool_finish(Slot s, double total, bool any_mandatory, Slot& first) const {
    first = kNever;
    if (!any_mandatory) {
      auto done = [&](Slot f) {
        double sum = 0;
        for (const auto& p : pool) {
          Slot j = std::max(p.a, s);
          if (f > j) sum += p.rate * double(p.cal->cum(f) - p.cal->cum(j));
        }
        return sum >= total;
      };
      Slot lo = s, step = 1;
      Slot hi = s + 1;
      while (!done(hi)) {
        lo = hi;
        step *= 2;
        if (step >= kNever / 4) return kNever;
        hi = s + step;
      }
      while (hi - lo > 1) {  // done(hi), !done(lo) or lo == s
        Slot mid = lo + (hi - lo) / 2;
        (done(mid) ? hi : lo) = mid;
      }
      for (const auto& p : pool) {
        Slot j = p.cal->start_at_or_after(std::max(p.a, s));
        if (j < hi) first = std::min(first, j);
      }
      return hi;
    }
    // Mandatory seats: only slots where all their people work count.
    const SlotCalendar* lead = nullptr;
    for (const auto& p : pool)
      if (p.mandatory) lead = p.cal;
    double sum = 0;
    Slot t = s;
    for (int64_t guard = 0; guard < (int64_t{1} << 22); ++guard) {
      t = lead->start_at_or_after(t);
      if (t >= kNever / 2) return kNever;
      bool all = true;
      for (const auto& p : pool)
        if (p.mandatory && !works(*p.cal, t)) {
          all = false;
          break;
        }
      if (all) {
        double add = 0;
        for (const auto& p : pool)
          if (t >= p.a && works(*p.cal, t)) add += p.rate;
        if (add > 0 && first == kNever) first = t;
        sum += add;
        if (sum >= total) return t + 1;
      }
      ++t;
    }
    return kNever;
  }

  // Node n's seats (persons in `chosen`) share its effort: every seat's person works on it from
  // when they are free until it is done, in their working time at their rate; people of mandatory
  // seats are booked from its start and it is worked only when all of them work. Fills `fits`
  // (a seat whose person never gets to work gets an empty fit).
  Fit pooled(uint32_t n, EarlyBounds b) {
    const uint32_t sb = g.seat_begin[n], m = g.seat_begin[n + 1] - sb;
    const double total = g.base_work[n] * m - 1e-6;
    pool.clear();
    bool any_mandatory = false;
    for (uint32_t k = 0; k < m; ++k) {
      uint32_t p = chosen[k];
      if (p == kNoNode) continue;
      bool mand = g.seat_mandatory[sb + k] != 0;
      any_mandatory = any_mandatory || mand;
      pool.push_back({&g.calendars[g.calendar_for(n, p)], &tl[p], g.person_rate[p], mand, 0, 0});
    }
    Slot s = b.es, f = kNever, first = kNever;
    for (int outer = 0; outer < 256; ++outer) {
      bool restart = false;
      for (auto& p : pool) {
        std::tie(p.a, p.z) = gap_from(*p.tl, s);
        if (p.mandatory && p.a > s) {
          s = p.a;
          restart = true;
          break;
        }
      }
      if (restart) continue;
      for (int inner = 0; inner < 256; ++inner) {
        f = pool_finish(s, total, any_mandatory, first);
        if (f >= kNever) break;
        bool changed = false;
        for (auto& p : pool) {
          if (p.a >= f || p.z >= f) continue;
          auto next = gap_from(*p.tl, p.z);
          if (p.mandatory) {
            s = next.first;
            restart = true;
            break;
          }
          std::tie(p.a, p.z) = next;
          changed = true;
        }
        if (restart || !changed) break;
      }
      if (restart) continue;
      if (f < kNever && f < b.ef) {
        s += b.ef - f;
        continue;
      }
      break;
    }
    if (f >= kNever || first >= kNever) {
      for (uint32_t k = 0; k < m; ++k)
        fits[k] = {kNever, kNever};
      return {kNever, kNever};
    }
    for (uint32_t k = 0, i = 0; k < m; ++k) {
      if (chosen[k] == kNoNode) continue;
      const PoolSeat& p = pool[i++];
      Slot j = p.mandatory ? first : std::max(first, p.cal->start_at_or_after(std::max(p.a, s)));
      fits[k] = j < f ? Fit{j, f} : Fit{f, f};
    }
    return {first, f};
  }

  // Books the evaluation of node n (from `chosen` and `fits`) into s.
  void commit(uint32_t n, Fit f, LeveledSchedule& s) {
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    s.work_start[n] = f.start;
    s.start[n] = g.state[n] == NodeState::kStarted ? g.actual_start[n] : f.start;
    s.finish[n] = f.finish;
    if (sb == se || g.work[n] == 0) return;
    const bool pooled_node = se - sb > 1 && g.basis[n] == EstimateBasis::kEffort;
    bool first = true;
    for (uint32_t k = sb; k < se; ++k) {
      uint32_t p = chosen[k - sb];
      Fit fk = se - sb == 1 ? f : fits[k - sb];
      if (pooled_node && fk.start >= fk.finish) p = kNoNode;  // never got to work on it
      s.seat_person[k] = p;
      s.seat_start[k] = fk.start;
      if (p == kNoNode) continue;
      if (se - sb == 1 && has_shared(n))
        shared_fit(n, p, g.calendars[g.calendar_for(n, p)], g.work_for(n, p), fk.start, true);
      book(tl[p], Booking{fk.start, fk.finish, n});
      if (append_only) seal(tl[p], fk.finish);
      if (first) {
        first = false;
        s.calendar[n] = g.calendar_for(n, p);
        s.work[n] = pooled_node ? static_cast<int32_t>(g.calendars[s.calendar[n]].cum(f.finish) -
                                                       g.calendars[s.calendar[n]].cum(f.start))
                                : g.work_for(n, p);
      }
    }
  }

  void place_done(uint32_t n, LeveledSchedule& s) {
    s.start[n] = g.actual_start[n];
    s.work_start[n] = g.actual_start[n];
    s.finish[n] = g.actual_finish[n];
  }

  void serial(std::span<const uint32_t> order, LeveledSchedule& s) {
    reset(s);
    for (uint32_t n : order) {
      if (g.state[n] == NodeState::kDone) {
        place_done(n, s);
        continue;
      }
      if (g.any_backward && g.backward[n]) continue;
      Fit f = evaluate(n, s);
      commit(n, f, s);
    }
    if (g.any_backward) place_backward(order, s);
    finish_stats(s);
  }

  // Start and finish bounds of backward node n from its forward predecessors (placed in s).
  EarlyBounds forward_bounds(uint32_t n, const LeveledSchedule& s) const {
    EarlyBounds b{g.release[n], -kNever};
    for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
      uint32_t p = g.pred_node[a];
      if (g.backward[p]) continue;
      uint8_t f = g.pred_flags[a];
      Slot t = g.lagged(arc_from_finish(f) ? s.finish[p] : s.start[p], f, g.pred_lag[a]);
      if (arc_to_start(f))
        b.es = std::max(b.es, t);
      else
        b.ef = std::max(b.ef, t);
    }
    return b;
  }

  // The latest place of backward node n (its successors placed in s), persons to `chosen`.
  // False when nothing fits.
  bool evaluate_late(uint32_t n, const LeveledSchedule& s, Slot anchor, Fit& out) {
    Slot end =
        g.finish_bound[n] < kNever || g.succ_begin[n] < g.succ_begin[n + 1] ? kNever : anchor;
    LateBounds lb = late_bounds(g, n, s.start.data(), s.finish.data(), end);
    if (lb.lf >= kNever && lb.ls >= kNever) return false;
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    chosen.assign(se - sb, kNoNode);
    if (sb == se || g.work[n] == 0) {
      const SlotCalendar& cal = g.calendars[g.calendar[n]];
      Slot f = latest_finish(cal, g.work[n], lb);
      out = {g.work[n] == 0 ? f : cal.start_before(f, g.work[n]), f};
      return true;
    }
    fits.assign(se - sb, Fit{kNever, -kNever});
    for (uint32_t k = sb; k < se; ++k) {
      Fit best{-kNever, -kNever};
      uint32_t who = kNoNode;
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        uint32_t p = g.cand_person[c];
        if (std::find(chosen.begin(), chosen.begin() + (k - sb), p) != chosen.begin() + (k - sb))
          continue;
        const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
        if (!cal.has_work()) continue;
        Fit f = latest_fit(tl[p], cal, g.cand_work[c], lb);
        if (who == kNoNode || f.start > best.start ||
            (f.start == best.start && f.finish > best.finish)) {
          best = f;
          who = p;
        }
      }
      if (who == kNoNode) return false;
      chosen[k - sb] = who;
      fits[k - sb] = best;
    }
    if (se - sb > 1) {  // several seats: a common finish where every chosen person is free
      Slot t = lb.lf;
      for (int round = 0; round < 64; ++round) {
        bool changed = false;
        for (uint32_t k = 0; k < se - sb; ++k) {
          uint32_t p = chosen[k];
          const SlotCalendar& cal = g.calendars[g.calendar_for(n, p)];
          int64_t w = g.work_for(n, p);
          LateBounds bt{lb.ls, t};
          fits[k] = latest_fit(tl[p], cal, w, bt);
          if (fits[k].finish < latest_finish(cal, w, bt)) {
            t = fits[k].finish;
            changed = true;
          }
        }
        if (!changed) break;
      }
    }
    out = {kNever, -kNever};
    for (uint32_t k = 0; k < se - sb; ++k) {
      out.start = std::min(out.start, fits[k].start);
      out.finish = std::max(out.finish, fits[k].finish);
    }
    return true;
  }

  // Places the backward nodes, latest first (reverse list order), as late as their successors,
  // finish bounds or the forward nodes' end allow. When one cannot meet its forward
  // predecessors, every backward node is placed again forward, no earlier than where the
  // backward placement put it (so precedence always holds).
  void place_backward(std::span<const uint32_t> order, LeveledSchedule& s) {
    Slot anchor = g.program_start;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      if (g.kind[n] != NodeKind::kItem) continue;
      if (g.backward[n] ? g.finish_bound[n] < kNever : s.finish[n] < kNever)
        anchor = std::max(anchor, g.backward[n] ? g.finish_bound[n] : s.finish[n]);
    }
    bool failed = false;
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      uint32_t n = *it;
      if (!g.backward[n]) continue;
      EarlyBounds b = forward_bounds(n, s);
      Fit f;
      if (!evaluate_late(n, s, anchor, f) || f.start < b.es || f.finish < b.ef ||
          f.start < -kNever / 2) {
        failed = true;
        s.start[n] = s.finish[n] = s.work_start[n] = -kNever;
        continue;
      }
      commit(n, f, s);
    }
    if (!failed) return;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      if (!g.backward[n] || g.seat_begin[n] == g.seat_begin[n + 1]) continue;
      for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
        uint32_t p = s.seat_person[k];
        if (p == kNoNode) continue;
        std::erase_if(tl[p], [n](const Booking& bk) { return bk.node == n; });
        s.seat_person[k] = kNoNode;
      }
    }
    for (uint32_t n : order) {
      if (!g.backward[n]) continue;
      Slot tentative = s.work_start[n];
      Fit f = evaluate(n, s, tentative);
      commit(n, f, s);
    }
  }

  ListKey rule_key(uint32_t n, PriorityRule rule) const {
    int32_t prio = g.priority[n] + (g.state[n] != NodeState::kTodo ? 4000 : 0);
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

  // A precedence-feasible list: among the nodes whose predecessors are listed, the best key.
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
  void topo_list(std::vector<uint32_t>& out) {
    const uint32_t nn = g.nodes();
    cnt.resize(nn);
    for (uint32_t i = 0; i < nn; ++i)
      cnt[i] = g.pred_begin[i + 1] - g.pred_begin[i];
    heap.clear();
    for (uint32_t i = 0; i < nn; ++i)
      if (cnt[i] == 0) heap.push_back(pack(keys[i], i));
    std::make_heap(heap.begin(), heap.end(), std::greater<>());
    out.clear();
    out.reserve(nn);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>());
      uint32_t v = static_cast<uint32_t>(heap.back());
      heap.pop_back();
      out.push_back(v);
      for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a) {
        uint32_t x = g.succ_node[a];
        if (--cnt[x] == 0) {
          heap.push_back(pack(keys[x], x));
          std::push_heap(heap.begin(), heap.end(), std::greater<>());
        }
      }
    }
  }

  std::vector<uint32_t> priority_list(PriorityRule rule) {
    keys.resize(g.nodes());
    for (uint32_t n = 0; n < g.nodes(); ++n)
      keys[n] = rule_key(n, rule);
    std::vector<uint32_t> out;
    topo_list(out);
    return out;
  }

  void sampled_list(uint64_t seed, std::vector<uint32_t>& out) {
    uint64_t state = seed;
    double lo = kNever, hi = -kNever;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      lo = std::min(lo, double(tg.late_finish[n]));
      hi = std::max(hi, double(tg.late_finish[n]));
    }
    double span = std::max(1.0, hi - lo);
    double sigma = span * (0.02 + 0.4 * double(splitmix(state) >> 11) / double(1ull << 53));
    keys.resize(g.nodes());
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      ListKey k = rule_key(n, PriorityRule::kLatestFinish);
      k.k1 += sigma * double(splitmix(state) >> 11) / double(1ull << 53);
      keys[n] = k;
    }
    topo_list(out);
  }

  void parallel(PriorityRule rule, LeveledSchedule& s) {
    reset(s);
    const uint32_t nn = g.nodes();
    keys.resize(nn);
    for (uint32_t n = 0; n < nn; ++n)
      keys[n] = rule_key(n, rule);
    cnt.resize(nn);
    for (uint32_t i = 0; i < nn; ++i)
      cnt[i] = g.pred_begin[i + 1] - g.pred_begin[i];
    struct Entry {
      Slot start;
      uint32_t n;
    };
    auto worse = [this](const Entry& a, const Entry& b) {
      const ListKey& x = keys[a.n];
      const ListKey& y = keys[b.n];
      if (x.prio != y.prio) return x.prio < y.prio;
      if (a.start != b.start) return a.start > b.start;
      if (x.k1 != y.k1) return x.k1 > y.k1;
      if (x.k2 != y.k2) return x.k2 > y.k2;
      return a.n > b.n;
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(worse)> heap(worse);
    auto push = [&](uint32_t v) {
      if (g.any_backward && g.backward[v]) return;
      Slot st = g.state[v] == NodeState::kDone ? g.actual_start[v] : evaluate(v, s).start;
      heap.push({st, v});
    };
    for (uint32_t i = 0; i < nn; ++i)
      if (cnt[i] == 0) push(i);
    while (!heap.empty()) {
      Entry e = heap.top();
      heap.pop();
      uint32_t v = e.n;
      if (g.state[v] == NodeState::kDone) {
        place_done(v, s);
      } else {
        Fit f = evaluate(v, s);
        if (f.start > e.start) {
          heap.push({f.start, v});
          continue;
        }
        commit(v, f, s);
      }
      for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a)
        if (--cnt[g.succ_node[a]] == 0) push(g.succ_node[a]);
    }
    if (g.any_backward) place_backward(g.topo, s);
    finish_stats(s);
  }

  // Right-justifies `in` into `back` keeping people; false if work would move before release.
  bool backward(const LeveledSchedule& in, LeveledSchedule& back) {
    reset(back);
    const uint32_t nn = g.nodes();
    const Slot end = in.end;
    back.seat_person = in.seat_person;
    back.work = in.work;
    back.calendar = in.calendar;
    // Started work stays where it is.
    for (uint32_t n = 0; n < nn; ++n) {
      if (g.state[n] != NodeState::kStarted) continue;
      for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
        if (in.seat_person[k] != kNoNode)
          book(tl[in.seat_person[k]], Booking{in.work_start[n], in.finish[n], n});
    }
    cnt.resize(nn);
    for (uint32_t i = 0; i < nn; ++i)
      cnt[i] = g.succ_begin[i + 1] - g.succ_begin[i];
    auto worse = [](const Back& a, const Back& b) {
      if (a.finish != b.finish) return a.finish < b.finish;
      if (a.start != b.start) return a.start < b.start;
      return a.n < b.n;
    };
    std::vector<Back>& bheap = back_heap;
    bheap.clear();
    for (uint32_t i = 0; i < nn; ++i)
      if (cnt[i] == 0) bheap.push_back({in.finish[i], in.start[i], i});
    std::make_heap(bheap.begin(), bheap.end(), worse);
    while (!bheap.empty()) {
      std::pop_heap(bheap.begin(), bheap.end(), worse);
      uint32_t n = bheap.back().n;
      bheap.pop_back();
      if (g.state[n] != NodeState::kTodo) {
        back.start[n] = in.start[n];
        back.work_start[n] = in.work_start[n];
        back.finish[n] = in.finish[n];
      } else {
        // Work that is due goes no later than its due slot (or where it finished, when late).
        const Slot cap = due[n] < kNever ? std::min(end, std::max(due[n], in.finish[n])) : end;
        LateBounds lb = late_bounds(g, n, back.start.data(), back.finish.data(), cap);
        const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
        Fit f{0, 0};
        bool booked = sb != se && g.work[n] != 0;
        if (!booked) {
          const SlotCalendar& cal = g.calendars[g.calendar[n]];
          f.finish = latest_finish(cal, g.work[n], lb);
          f.start = cal.start_before(f.finish, g.work[n]);
        } else {
          fits.assign(se - sb, Fit{kNever, -kNever});
          Slot t = lb.lf;
          for (int round = 0; round < 64; ++round) {
            bool changed = false;
            for (uint32_t k = sb; k < se; ++k) {
              uint32_t p = in.seat_person[k];
              if (p == kNoNode) continue;
              const SlotCalendar& cal = g.calendars[g.calendar_for(n, p)];
              int64_t w = g.work_for(n, p);
              LateBounds bt{lb.ls, t};
              fits[k - sb] = latest_fit(tl[p], cal, w, bt);
              if (fits[k - sb].finish < latest_finish(cal, w, bt)) {
                t = fits[k - sb].finish;
                changed = true;
              }
            }
            if (!changed || se - sb == 1) break;
          }
          f = {kNever, -kNever};
          for (uint32_t k = sb; k < se; ++k) {
            if (in.seat_person[k] == kNoNode) continue;
            f.start = std::min(f.start, fits[k - sb].start);
            f.finish = std::max(f.finish, fits[k - sb].finish);
          }
        }
        if (f.start < g.release[n] && g.work[n] > 0) return false;
        back.start[n] = f.start;
        back.work_start[n] = f.start;
        back.finish[n] = f.finish;
        if (booked)
          for (uint32_t k = sb; k < se; ++k)
            if (in.seat_person[k] != kNoNode)
              book(tl[in.seat_person[k]], Booking{fits[k - sb].start, fits[k - sb].finish, n});
      }
      for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
        uint32_t p = g.pred_node[a];
        if (--cnt[p] == 0) {
          bheap.push_back({in.finish[p], in.start[p], p});
          std::push_heap(bheap.begin(), bheap.end(), worse);
        }
      }
    }
    return true;
  }

  bool forward_backward(const LeveledSchedule& in, LeveledSchedule& back, LeveledSchedule& out) {
    if (!backward(in, back)) return false;
    keys.resize(g.nodes());
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      int32_t prio = g.priority[n] + (g.state[n] != NodeState::kTodo ? 4000 : 0);
      keys[n] = {prio, double(back.start[n]), double(back.finish[n])};
    }
    topo_list(list);
    serial(list, out);
    return true;
  }
};

struct Leveler::Impl {
  const TaskGraph& g;
  const CpmResult& cpm;
  Targets targets;
  Worker main;
  Impl(const TaskGraph& graph, const CpmResult& c, std::vector<DueGroup> d)
      : g(graph), cpm(c), targets(graph, c, std::move(d)), main(graph, c, targets) {}

  // One serial pass over the list ordered by the given keys (TaskJuggler's order).
  LeveledSchedule keyed_pass(const std::vector<double>& k) {
    Worker& w = main;
    w.keys.resize(g.nodes());
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      int32_t prio = g.priority[n] + (g.state[n] != NodeState::kTodo ? 4000 : 0);
      w.keys[n] = {prio, n < k.size() ? k[n] : 0.0, double(n)};
    }
    std::vector<uint32_t> list;
    w.topo_list(list);
    LeveledSchedule s;
    w.serial(list, s);
    s.method = "taskjuggler-order";
    return s;
  }

  // One serial pass in a previous schedule's order, people kept, no back-filling.
  LeveledSchedule kept_pass(const LevelOptions& opt) {
    Worker& w = main;
    const uint32_t nn = g.nodes();
    w.keys.resize(nn);
    for (uint32_t n = 0; n < nn; ++n) {
      const bool kept = n < opt.keep_start.size() && opt.keep_start[n] < kNever;
      const int32_t tier = g.state[n] != NodeState::kTodo ? 2 : kept ? 1 : 0;
      w.keys[n] = {tier, kept ? double(opt.keep_start[n]) : double(targets.late_finish[n]),
                   double(targets.late_finish[n])};
    }
    std::vector<uint32_t> list;
    w.topo_list(list);
    std::vector<uint32_t> force(g.cand_begin.size() - 1, kNoNode);
    for (uint32_t k = 0; k < force.size() && k < opt.keep_person.size(); ++k) {
      const uint32_t p = opt.keep_person[k];
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c)
        if (g.cand_person[c] == p) force[k] = p;
    }
    w.force = &force;
    w.append_only = true;
    LeveledSchedule s;
    w.serial(list, s);
    w.force = nullptr;
    w.append_only = false;
    s.method = "kept-order";
    return s;
  }
};

Leveler::Leveler(const TaskGraph& g, const CpmResult& cpm, std::vector<DueGroup> due)
    : impl_(new Impl(g, cpm, std::move(due))) {}
Leveler::~Leveler() {
  delete impl_;
}

std::vector<uint32_t> Leveler::priority_list(PriorityRule rule) const {
  return impl_->main.priority_list(rule);
}
const std::vector<Slot>& Leveler::late_finish() const {
  return impl_->targets.late_finish;
}
void Leveler::serial(std::span<const uint32_t> order, LeveledSchedule& out) {
  impl_->main.serial(order, out);
}
void Leveler::parallel(PriorityRule rule, LeveledSchedule& out) {
  impl_->main.parallel(rule, out);
}
bool Leveler::forward_backward(const LeveledSchedule& in, LeveledSchedule& out) {
  LeveledSchedule back;
  return impl_->main.forward_backward(in, back, out);
}

LeveledSchedule Leveler::level(const LevelOptions& opt, LevelStats* stats) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  auto out_of_time = [&] {
    return opt.time_budget_seconds > 0 &&
           std::chrono::duration<double>(Clock::now() - t0).count() >= opt.time_budget_seconds;
  };
  Worker& w = impl_->main;
  if (!opt.fixed_keys.empty() || !opt.keep_start.empty()) {
    LeveledSchedule s =
        opt.keep_start.empty() ? impl_->keyed_pass(opt.fixed_keys) : impl_->kept_pass(opt);
    if (stats) {
      stats->schedules_used = 1;
      stats->improvements = 0;
    }
    return s;
  }
  const int budget = std::max(1, opt.schedules);
  int used = 0, improvements = 0;
  LeveledSchedule best, cur, back, fb;
  bool have = false;
  auto consider = [&](LeveledSchedule& s, std::string method) {
    s.method = std::move(method);
    if (!have || better(s, best)) {
      if (have) ++improvements;
      std::swap(best, s);
      have = true;
    }
  };
  // Nothing can end before the critical path: a schedule there without tardiness is optimal for the
  // first two objectives, and the search stops.
  auto optimal = [&] { return have && best.end <= impl_->cpm.end && best.tardiness == 0; };
  // 1. Priority rules, serial then parallel.
  static constexpr PriorityRule kSerialRules[] = {
      PriorityRule::kLatestFinish,   PriorityRule::kMinSlack,    PriorityRule::kLatestStart,
      PriorityRule::kMostSuccessors, PriorityRule::kLongestWork, PriorityRule::kFileOrder,
      PriorityRule::kShortestWork};
  static constexpr PriorityRule kParallelRules[] = {PriorityRule::kLatestFinish,
                                                    PriorityRule::kMinSlack};
  for (PriorityRule r : kSerialRules) {
    if (used >= budget || (used > 0 && out_of_time()) || optimal()) break;
    auto list = w.priority_list(r);
    w.serial(list, cur);
    ++used;
    consider(cur, fmt::format("serial/{}", to_string(r)));
  }
  for (PriorityRule r : kParallelRules) {
    if (used >= budget || out_of_time() || optimal()) break;
    w.parallel(r, cur);
    ++used;
    consider(cur, fmt::format("parallel/{}", to_string(r)));
  }
  // 2. Forward-backward improvement of the best, while it helps.
  for (int round = 0; round < 4 && used + 2 <= budget && !out_of_time() && !optimal(); ++round) {
    used += 2;
    if (!w.forward_backward(best, back, fb) || !better(fb, best)) break;
    std::string m = best.method.ends_with("+fbi") ? best.method : best.method + "+fbi";
    consider(fb, m);
  }
  // 3. Randomized priority sampling, each sample followed by one forward-backward pass. The
  // samples are fixed by (seed, index), and the best wins by (objective, index): the result
  // does not depend on the number of threads.
  const int samples = (budget - used) / 3;
  if (samples > 0 && !out_of_time() && !optimal()) {
    const int threads = std::max(1, std::min(opt.threads, samples));
    struct Local {
      LeveledSchedule best, cur, back, fb;
      int index = -1;
      int done = 0;
    };
    std::vector<Local> locals(threads);
    auto run = [&](int t, Worker& wk) {
      Local& L = locals[t];
      std::vector<uint32_t> list;
      for (int i = t; i < samples; i += threads) {
        if (opt.time_budget_seconds > 0 && out_of_time()) break;
        uint64_t seed = opt.seed * 0x9e3779b97f4a7c15ull + static_cast<uint64_t>(i) + 1;
        wk.sampled_list(seed, list);
        wk.serial(list, L.cur);
        LeveledSchedule* pick = &L.cur;
        if (wk.forward_backward(L.cur, L.back, L.fb) && better(L.fb, L.cur)) pick = &L.fb;
        ++L.done;
        if (L.index < 0 || better(*pick, L.best)) {
          std::swap(L.best, *pick);
          L.index = i;
        }
      }
    };
    if (threads == 1) {
      run(0, w);
    } else {
      std::vector<std::unique_ptr<Worker>> workers;
      for (int t = 0; t < threads; ++t)
        workers.push_back(std::make_unique<Worker>(impl_->g, impl_->cpm, impl_->targets));
      std::vector<std::jthread> pool;
      for (int t = 1; t < threads; ++t)
        pool.emplace_back([&, t] { run(t, *workers[t]); });
      run(0, *workers[0]);
      pool.clear();
    }
    int best_index = -1;
    for (auto& L : locals) {
      used += 3 * L.done;
      if (L.index < 0) continue;
      bool win = better(L.best, best) ||
                 (best_index >= 0 && !better(best, L.best) && L.index < best_index);
      if (win) {
        L.best.method = fmt::format("sampled#{}+fbi", L.index);
        std::swap(best, L.best);
        best_index = L.index;
        ++improvements;
      }
    }
  }
  if (stats) {
    stats->schedules_used = used;
    stats->improvements = improvements;
  }
  return best;
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
  for (uint32_t n = 0; n < g.nodes(); ++n)
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
      if (s.seat_person[k] != kNoNode && s.finish[n] > seat_work_start(s, n, k))
        per[s.seat_person[k]].push_back({seat_work_start(s, n, k), s.finish[n]});
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

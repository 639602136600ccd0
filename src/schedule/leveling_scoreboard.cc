#include "schedule/leveling_scoreboard.h"

#include <limits>
#include <tuple>

namespace cairn::schedule::leveling {

int64_t day_used(const Timeline& tl, const SlotCalendar& cal, Slot t) {
  const SlotCalendar& u = cal.uncapped();
  const Slot b = cal.day_start(t), e = cal.day_end(t);
  auto it = std::upper_bound(tl.begin(), tl.end(), b,
                             [](Slot v, const Booking& bk) { return v < bk.end; });
  int64_t used = 0;
  for (; it != tl.end() && it->begin < e; ++it)
    used += u.cum(std::min(it->end, e)) - u.cum(std::max(it->begin, b));
  return used;
}

Fit capped_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b) {
  // A finish bound is met by the calendar's own count (rare: finish-to-finish links).
  if (b.ef > -kNever / 2 && w > 0) return calendar_fit(tl, cal, w, b);
  const bool person = cal.counts_person_day();
  Slot s = b.es;
  for (int guard = 0; guard < (1 << 22); ++guard) {
    const int64_t used = person ? day_used(tl, cal, s) : 0;
    const Slot j = cal.capped_start(s, used);
    if (j >= kNever / 2) return {kNever, kNever};
    if (person && j >= cal.day_end(s)) {  // a later day: count that day's work
      s = j;
      continue;
    }
    const Slot f = cal.capped_finish(j, w, used);
    auto it = std::upper_bound(tl.begin(), tl.end(), j,
                               [](Slot v, const Booking& bk) { return v < bk.end; });
    if (it == tl.end() || f <= it->begin || f >= kNever) return {j, f};
    s = it->end;
  }
  return {kNever, kNever};
}

namespace {

// split_fit for a calendar with daily caps applied from the start of the work: each day takes the
// free working slots of the uncapped calendar until the day's cap is spent.
Fit capped_split_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b,
                     std::vector<std::pair<Slot, Slot>>& segs, Slot until) {
  const SlotCalendar& u = cal.uncapped();
  const bool person = cal.counts_person_day();
  Slot t = b.ef > -kNever / 2 ? earliest_start(cal, w, b) : b.es;
  auto it = std::upper_bound(tl.begin(), tl.end(), t,
                             [](Slot v, const Booking& bk) { return v < bk.end; });
  int64_t left = w, room = 0;
  Slot day = kNever, gap_end = -kNever;  // the day counted, and the end of the last stretch's gap
  while (left > 0) {
    t = u.start_at_or_after(t);
    if (t >= until) break;
    if (t >= kNever / 2) return {kNever, kNever};
    const Slot de = cal.day_end(t);
    if (de != day) {
      day = de;
      room = cal.day_room(person ? day_used(tl, cal, t) : 0);
    }
    if (room <= 0) {
      t = de;
      continue;
    }
    while (it != tl.end() && it->end <= t)
      ++it;
    if (it != tl.end() && it->begin <= t) {  // busy: continue after this booking
      t = it->end;
      continue;
    }
    const Slot z = std::min(it == tl.end() ? kNever : it->begin, until);
    const int64_t take = std::min({u.cum(std::min(z, de)) - u.cum(t), left, room});
    if (take > 0) {
      const Slot f = u.finish_after(t, take);
      if (!segs.empty() && t < gap_end)  // the same free gap: one stretch
        segs.back().second = f;
      else
        segs.emplace_back(t, f);
      gap_end = z;
      left -= take;
      room -= take;
      t = f;
    } else {
      t = std::min(z, de);
    }
  }
  if (segs.empty()) return {until, until};
  return {segs.front().first, segs.back().second};
}

}  // namespace

Fit split_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b,
              std::vector<std::pair<Slot, Slot>>& segs, Slot until) {
  segs.clear();
  if (cal.day_capped() && w > 0) return capped_split_fit(tl, cal, w, b, segs, until);
  Slot t = earliest_start(cal, w, b);
  if (w <= 0 || t >= kNever / 2) return {t, cal.finish_after(t, w)};
  auto it = std::upper_bound(tl.begin(), tl.end(), t,
                             [](Slot v, const Booking& bk) { return v < bk.end; });
  int64_t left = w;
  while (left > 0) {
    t = cal.start_at_or_after(t);
    if (t >= until) break;
    if (t >= kNever / 2) return {kNever, kNever};
    while (it != tl.end() && it->end <= t)
      ++it;
    if (it != tl.end() && it->begin <= t) {  // busy: continue after this booking
      t = it->end;
      continue;
    }
    const Slot z = std::min(it == tl.end() ? kNever : it->begin, until);
    const int64_t free = z >= kNever ? left : cal.cum(z) - cal.cum(t);
    if (free > 0) {
      const int64_t take = std::min(free, left);
      const Slot f = cal.finish_after(t, take);
      segs.emplace_back(t, f);
      left -= take;
    }
    if (left > 0) t = z;
  }
  if (segs.empty()) return {until, until};
  return {segs.front().first, segs.back().second};
}

Fit split_late_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, LateBounds b,
                   std::vector<std::pair<Slot, Slot>>& segs) {
  segs.clear();
  Slot t = latest_finish(cal, w, b);
  if (w <= 0 || t <= -kNever / 2 || t >= kNever / 2 || cal.day_capped()) {
    const Fit f = latest_fit(tl, cal, w, b);
    segs.emplace_back(f.start, f.finish);
    return f;
  }
  ptrdiff_t i = std::lower_bound(tl.begin(), tl.end(), t,
                                 [](const Booking& bk, Slot v) { return bk.begin < v; }) -
                tl.begin() - 1;
  int64_t left = w;
  while (left > 0) {
    t = cal.finish_at_or_before(t);
    if (t <= -kNever / 2) return {-kNever, -kNever};
    while (i >= 0 && tl[i].begin >= t)
      --i;
    if (i >= 0 && tl[i].end >= t) {  // busy just before t: continue before this booking
      t = tl[i].begin;
      continue;
    }
    const Slot a = i >= 0 ? tl[i].end : -kNever;
    const int64_t free = a <= -kNever / 2 ? left : cal.cum(t) - cal.cum(a);
    if (free > 0) {
      const int64_t take = std::min(free, left);
      segs.emplace_back(cal.start_before(t, take), t);
      left -= take;
    }
    if (left > 0) {
      if (a <= -kNever / 2) return {-kNever, -kNever};
      t = a;
    }
  }
  std::reverse(segs.begin(), segs.end());
  return {segs.front().first, segs.back().second};
}

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

void Scoreboard::clear() {
  for (auto& t : tl)
    t.clear();
  // Actual work (bookings) occupies its people first.
  if (!g.fixed_begin.empty())
    for (uint32_t p = 0; p + 1 < g.fixed_begin.size(); ++p)
      for (uint32_t j = g.fixed_begin[p]; j < g.fixed_begin[p + 1]; ++j)
        tl[p].push_back(Booking{g.fixed_from[j], g.fixed_to[j], g.fixed_node[j]});
  if (!g.shared_limits.empty()) shared_used.assign(g.shared_limits.size(), {});
  if (!g.person_caps.empty()) cap_count.assign(g.person_caps.size(), {});
}

Fit Scoreboard::shared_fit(uint32_t n, uint32_t person, const SlotCalendar& cal, int64_t w, Slot es,
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

Slot Scoreboard::pool_finish(Slot s, double total, bool any_mandatory, Slot& first) {
  first = kNever;
  for (auto& p : pool) {
    p.j = std::max(p.a, s);
    p.used = p.cal->counts_person_day() ? day_used(*p.tl, *p.cal, p.j) : 0;
  }
  if (!any_mandatory) {
    auto done = [&](Slot f) {
      double sum = 0;
      for (const auto& p : pool)
        if (f > p.j && !p.idle) sum += p.rate * double(p.cal->capped_work(p.j, f, p.used));
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
      Slot j = p.cal->capped_start(p.j, p.used);
      if (j < hi && !p.idle) first = std::min(first, j);
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
        if (t >= p.a && !p.idle && works(*p.cal, t)) add += p.rate;
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

Fit Scoreboard::pooled(uint32_t n, EarlyBounds b, std::span<const uint32_t> chosen,
                       std::span<Fit> fits) {
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
  Slot f = kNever, first = kNever;
  // Where the pool, started no earlier than s0, is done (f, first; kNever: never).
  auto run = [&](Slot s) {
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
      if (!restart) return;
    }
  };
  // Where the seat of pool member p starts in the pool's last run (>= f: it does nothing).
  auto joins = [&](const PoolSeat& p) {
    return p.mandatory ? first : std::max(first, p.cal->capped_start(p.j, p.used));
  };
  run(b.es);
  // A finish bound: the earliest start from which it is done no earlier. Stepping the start by
  // what the finish lacks may overshoot it (the people free from there differ), so that the
  // start depended on where the search began; the earliest is found by bisection between a
  // start that finishes too early and one that does not. A seat that would then join only at
  // the finish (its person is free only before it may end) still moved that start, so it is
  // left out and the start found again without it, as a kept order places the item (the seat
  // empty): placed with it, the item started later than it could.
  Slot found = kNever;  // a start the bound was met from, idle seats as they are now
  for (size_t round = 0; round <= pool.size() && f < kNever && f < b.ef; ++round) {
    Slot lo = b.es, hi = b.es;
    for (int step = 0; step < 256 && f < kNever && f < b.ef; ++step) {
      lo = hi;
      hi += b.ef - f;
      run(hi);
    }
    if (f >= kNever || f < b.ef) break;
    while (hi - lo > 1) {
      const Slot mid = lo + (hi - lo) / 2;
      run(mid);
      (f < kNever && f >= b.ef ? hi : lo) = mid;
    }
    run(hi);
    found = hi;
    bool dropped = false;
    for (auto& p : pool)
      if (!p.idle && !p.mandatory && f > first && joins(p) >= f) p.idle = dropped = true;
    if (!dropped) break;
    run(b.es);
  }
  if (f >= kNever && found < kNever) run(found);  // the idle seats did nothing there
  if (f >= kNever || first >= kNever) {
    for (uint32_t k = 0; k < m; ++k)
      fits[k] = {kNever, kNever};
    return {kNever, kNever};
  }
  for (uint32_t k = 0, i = 0; k < m; ++k) {
    if (chosen[k] == kNoNode) continue;
    const PoolSeat& p = pool[i++];
    const Slot j = joins(p);
    fits[k] = j < f && !p.idle ? Fit{j, f} : Fit{f, f};
  }
  return {first, f};
}

}  // namespace cairn::schedule::leveling

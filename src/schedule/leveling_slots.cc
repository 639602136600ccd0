// TaskJuggler-order booking slot by slot (tj3's TaskScenario#bookResources): in each slot, every
// allocation (seat) of an effort item books the first of its candidates who is free and working
// then, until the effort is done.
#include <algorithm>
#include <limits>

#include "schedule/leveling_scoreboard.h"

namespace cairn::schedule::leveling {

bool Scoreboard::busy_at(const Timeline& t, Slot x) {
  auto it =
      std::upper_bound(t.begin(), t.end(), x, [](Slot v, const Booking& bk) { return v < bk.end; });
  return it != t.end() && it->begin <= x;
}

void Scoreboard::book_working(Timeline& t, const SlotCalendar& cal, Slot a, Slot z, uint32_t n) {
  for (Slot x = a; x < z;) {
    Slot e = x;
    while (e < z && cal.is_working(e))
      ++e;
    if (e > x) book(t, Booking{x, e, n});
    x = std::max(e, std::min(z, cal.start_at_or_after(e)));
  }
}

bool Scoreboard::slotwise(uint32_t n) const {
  const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
  if (se == sb || g.basis[n] != EstimateBasis::kEffort || (g.any_backward && g.backward[n]))
    return false;
  // A person with limits of their own is booked slot by slot, counting them (tj3), and so is an
  // item with limits of its own (node_caps) or under an epic's (shared limits, counted with what
  // the epic's other leaves booked); a daily cap of anyone else's is not counted here.
  const bool node_capped = g.node_capped(n);
  bool capped = node_capped || has_shared(n);
  for (uint32_t c = g.cand_begin[sb]; c < g.cand_begin[se]; ++c) {
    const bool own = g.person_capped(g.cand_person[c]);
    if (!own && g.calendars[cand_calendar(n, c)].day_capped()) return false;
    capped = capped || own;
  }
  return capped || se - sb > 1 || g.cand_begin[sb + 1] - g.cand_begin[sb] > 1;
}

// Whether the limits counted in this placement (limit_count) leave room for person p in slot t.
Slot Scoreboard::limit_block(uint32_t p, Slot t,
                             std::span<const std::pair<uint32_t, uint32_t>> pending) {
  Slot block = -kNever;
  const int64_t spd = g.axis.slots_per_day();
  const int64_t day = t >= 0 ? t / spd : -((-t + spd - 1) / spd);
  auto counts = [](const TaskGraph::SharedLimit& L, uint32_t q) {
    return L.people.empty() || std::find(L.people.begin(), L.people.end(), q) != L.people.end();
  };
  for (LimitCount& c : limit_count) {
    const auto& L = *c.limit;
    if (!counts(L, p) || day < L.begin_day || day >= L.end_day) continue;
    if (c.win == std::numeric_limits<int64_t>::min() || t >= c.wend || t < c.wstart) {
      c.win = window_of(L, t, &c.wend, &c.wstart);
      c.base = 0;
      if (c.shared != kNoNode)
        if (auto f = shared_used[c.shared].find(c.win); f != shared_used[c.shared].end())
          c.base = f->second;
      c.own = 0;
    }
    int64_t in_slot = 0;
    for (const auto& kp : pending)
      in_slot += counts(L, kp.second);
    if (c.base + c.own + in_slot + 1 > L.max_slots) block = std::max(block, c.wend);
  }
  return block;
}

void Scoreboard::limit_take(uint32_t p, Slot t) {
  for (LimitCount& c : limit_count) {
    const auto& L = *c.limit;
    if (!L.people.empty() && std::find(L.people.begin(), L.people.end(), p) == L.people.end())
      continue;
    if (c.win != std::numeric_limits<int64_t>::min() && t >= c.wstart && t < c.wend) ++c.own;
  }
}

void Scoreboard::record_shared(uint32_t n, uint32_t p, Slot a, Slot z) {
  const int64_t spd = g.axis.slots_per_day();
  for (uint32_t i = g.shared_begin[n]; i < g.shared_begin[n + 1]; ++i) {
    const uint32_t id = g.shared_index[i];
    const auto& L = g.shared_limits[id];
    if (!L.people.empty() && std::find(L.people.begin(), L.people.end(), p) == L.people.end())
      continue;
    for (Slot x = a; x < z; ++x) {
      const int64_t day = x >= 0 ? x / spd : -((-x + spd - 1) / spd);
      if (day < L.begin_day || day >= L.end_day) continue;
      Slot wend = 0;
      ++shared_used[id][window_of(L, x, &wend)];
    }
  }
}

int64_t Scoreboard::booked_in(const Timeline& t, const SlotCalendar& cal, Slot a, Slot z) {
  auto it =
      std::upper_bound(t.begin(), t.end(), a, [](Slot v, const Booking& bk) { return v < bk.end; });
  int64_t used = 0;
  for (; it != t.end() && it->begin < z; ++it)
    used += cal.cum(std::min(it->end, z)) - cal.cum(std::max(it->begin, a));
  return used;
}

Slot Scoreboard::cap_block(uint32_t p, Slot t) {
  const int64_t spd = g.axis.slots_per_day();
  const int64_t day = t >= 0 ? t / spd : -((-t + spd - 1) / spd);
  Slot block = -kNever;
  for (uint32_t i = g.person_cap_begin[p]; i < g.person_cap_begin[p + 1]; ++i) {
    const auto& L = g.person_caps[i];
    if (day < L.begin_day || day >= L.end_day) continue;
    CapCount& c = cap_count[i];
    if (c.win == std::numeric_limits<int64_t>::min() || t >= c.wend || t < c.wstart) {
      c.win = window_of(L, t, &c.wend, &c.wstart);
      c.base = booked_in(tl[p], g.calendars[g.without_person_caps(g.person_calendar[p])], c.wstart,
                         c.wend);
      c.own = 0;
    }
    if (c.base + c.own + 1 > L.max_slots) block = std::max(block, c.wend);
  }
  return block;
}

void Scoreboard::cap_take(uint32_t p, Slot t) {
  const int64_t spd = g.axis.slots_per_day();
  const int64_t day = t >= 0 ? t / spd : -((-t + spd - 1) / spd);
  for (uint32_t i = g.person_cap_begin[p]; i < g.person_cap_begin[p + 1]; ++i) {
    const auto& L = g.person_caps[i];
    if (day < L.begin_day || day >= L.end_day) continue;
    ++cap_count[i].own;
  }
}

Fit Scoreboard::slotwise_fit(uint32_t n, Slot es, uint32_t only) {
  pieces.clear();
  const uint32_t sb = g.seat_begin[n], m = g.seat_begin[n + 1] - sb;
  last_piece.assign(m, -1);
  if (!g.person_caps.empty())
    for (uint32_t c = g.cand_begin[sb]; c < g.cand_begin[sb + m]; ++c)
      cap_reset(g.cand_person[c]);
  // The item's own limits (node_caps) and its epics' (shared, with what their other leaves booked).
  limit_count.clear();
  if (g.node_capped(n))
    for (uint32_t i = g.node_cap_begin[n]; i < g.node_cap_begin[n + 1]; ++i)
      limit_count.push_back({&g.node_caps[i], kNoNode});
  if (has_shared(n))
    for (uint32_t i = g.shared_begin[n]; i < g.shared_begin[n + 1]; ++i)
      limit_count.push_back({&g.shared_limits[g.shared_index[i]], g.shared_index[i]});
  const bool limited = !limit_count.empty();
  double left = 1.0;
  Slot t = std::max<Slot>(es, 0);
  // The first slot that did effort: tj3 moves an effort task's start to each slot it books until
  // some effort is done, so people with efficiency 0 booked before it do not start it.
  Slot first_effort = kNever;
  for (int64_t guard = 0; left > 1e-9; ++guard) {
    if (guard > (int64_t{1} << 22) || t >= kNever / 2) return {kNever, kNever};
    taken.clear();  // (seat, person) booked in slot t
    bool worked = true;
    Slot next = kNever;  // the next slot at which anyone's state can change
    double add = 0;
    for (uint32_t k = 0; k < m && worked; ++k) {
      bool got = false;
      for (uint32_t c = g.cand_begin[sb + k]; c < g.cand_begin[sb + k + 1] && !got; ++c) {
        const uint32_t p = g.cand_person[c];
        if (only != kNoNode && p != only) continue;
        // A person with limits works in their time without caps, counting the caps as booked.
        const bool capped = g.person_capped(p);
        const SlotCalendar& cal = g.calendars[g.without_person_caps(cand_calendar(n, c))];
        if (g.cand_work[c] <= 0) continue;
        if (!cal.is_working(t)) {
          next = std::min(next, cal.start_at_or_after(t + 1));
          continue;
        }
        if (capped) {
          if (const Slot full = cap_block(p, t); full > -kNever) {
            next = std::min(next, cal.start_at_or_after(full));
            continue;
          }
        }
        if (limited) {
          if (const Slot full = limit_block(p, t, taken); full > -kNever) {
            next = std::min(next, cal.start_at_or_after(full));
            continue;
          }
        }
        next = t + 1;
        const bool twice =
            std::any_of(taken.begin(), taken.end(), [&](const auto& kp) { return kp.second == p; });
        if (busy_at(tl[p], t) || twice || left - add <= 1e-9) continue;
        taken.emplace_back(k, p);
        // One seat: its candidate's work (efficiency included); several: the pooled share, as
        // Scoreboard::pooled counts it (rate / the item's total effort).
        add += m == 1 ? 1.0 / double(g.cand_work[c]) : g.person_rate[p] / (g.base_work[n] * m);
        got = true;
      }
      // A mandatory allocation nobody can take: the slot is not worked (tj3).
      if (!got && g.seat_mandatory[sb + k] && left - add > 1e-9) worked = false;
    }
    if (worked) {
      for (auto [k, p] : taken) {
        if (g.person_capped(p)) cap_take(p, t);
        if (limited) limit_take(p, t);
        int& lp = last_piece[k];
        if (lp >= 0 && pieces[lp].to == t && pieces[lp].person == p) {
          pieces[lp].to = t + 1;
        } else {
          lp = static_cast<int>(pieces.size());
          pieces.push_back({t, t + 1, p, k});
        }
      }
      left -= add;
      if (add > 0 && first_effort == kNever) first_effort = t;
    }
    t = std::max(t + 1, next);
  }
  Fit f{kNever, -kNever};
  for (const Piece& pc : pieces) {
    f.start = std::min(f.start, pc.from);
    f.finish = std::max(f.finish, pc.to);
  }
  if (first_effort < kNever) f.start = std::max(f.start, first_effort);
  return f;
}

}  // namespace cairn::schedule::leveling

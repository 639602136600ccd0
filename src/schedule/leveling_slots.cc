// TaskJuggler-order booking slot by slot (tj3's TaskScenario#bookResources): in each slot, every
// allocation (seat) of an effort item books the first of its candidates who is free and working
// then, until the effort is done.
#include <algorithm>

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
  if (se == sb || g.basis[n] != EstimateBasis::kEffort || (g.any_backward && g.backward[n]) ||
      has_shared(n))
    return false;
  if (se - sb == 1 && g.cand_begin[sb + 1] - g.cand_begin[sb] < 2) return false;
  for (uint32_t c = g.cand_begin[sb]; c < g.cand_begin[se]; ++c)
    if (g.calendars[g.cand_calendar[c]].day_capped()) return false;
  return true;
}

Fit Scoreboard::slotwise_fit(uint32_t n, Slot es) {
  pieces.clear();
  const uint32_t sb = g.seat_begin[n], m = g.seat_begin[n + 1] - sb;
  last_piece.assign(m, -1);
  double left = 1.0;
  Slot t = std::max<Slot>(es, 0);
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
        const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
        if (g.cand_work[c] <= 0) continue;
        if (!cal.is_working(t)) {
          next = std::min(next, cal.start_at_or_after(t + 1));
          continue;
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
        int& lp = last_piece[k];
        if (lp >= 0 && pieces[lp].to == t && pieces[lp].person == p) {
          pieces[lp].to = t + 1;
        } else {
          lp = static_cast<int>(pieces.size());
          pieces.push_back({t, t + 1, p, k});
        }
      }
      left -= add;
    }
    t = std::max(t + 1, next);
  }
  Fit f{kNever, -kNever};
  for (const Piece& pc : pieces) {
    f.start = std::min(f.start, pc.from);
    f.finish = std::max(f.finish, pc.to);
  }
  return f;
}

}  // namespace cairn::schedule::leveling

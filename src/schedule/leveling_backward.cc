// ALAP work in the leveler: TaskJuggler's mixed pass (backward items taken up by priority) and the
// placement of backward items after forward work (Worker, leveling_worker.h).
#include <algorithm>

#include "schedule/leveling_worker.h"

namespace cairn::schedule::leveling {

bool Worker::mixed_pass(LeveledSchedule& s) {
  for (uint32_t n = 0; n < g.nodes(); ++n)
    if (g.backward[n] && g.finish_bound[n] >= kNever && g.succ_begin[n] == g.succ_begin[n + 1])
      return false;
  std::vector<uint32_t> order;
  if (!mixed_list(order)) return false;
  reset(s);
  for (uint32_t n : order) {
    if (g.state[n] == NodeState::kDone) {
      place_done(n, s);
      continue;
    }
    if (!g.backward[n]) {
      place(n, s);
      continue;
    }
    Fit f;
    if (!evaluate_late(n, s, kNever, f) || f.start < -kNever / 2) return false;
    commit(n, f, s);
  }
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (!g.backward[n] || g.state[n] == NodeState::kDone) continue;
    EarlyBounds b = forward_bounds(n, s);
    if (s.start[n] < b.es || s.finish[n] < b.ef) return false;
  }
  finish_stats(s);
  return true;
}

EarlyBounds Worker::forward_bounds(uint32_t n, const LeveledSchedule& s) const {
  EarlyBounds b{g.release[n], -kNever};
  for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
    uint32_t p = g.pred_node[a];
    // A backward predecessor is placed after n, unless the kept pass placed it forward already.
    if (g.backward[p] && !(p < kept_forward.size() && kept_forward[p])) continue;
    uint8_t f = g.pred_flags[a];
    Slot t = pred_arc_bound(g, a, s.start.data(), s.finish.data());
    if (arc_to_start(f))
      b.es = std::max(b.es, t);
    else
      b.ef = std::max(b.ef, t);
  }
  return b;
}

bool Worker::evaluate_late(uint32_t n, const LeveledSchedule& s, Slot anchor, Fit& out) {
  Slot end = g.finish_bound[n] < kNever || g.succ_begin[n] < g.succ_begin[n + 1] ? kNever : anchor;
  return evaluate_within(n, late_bounds(g, n, s.start.data(), s.finish.data(), end), out);
}

void Worker::set_anchors(std::span<const std::pair<uint32_t, uint32_t>> arcs, bool own_bounds) {
  anchor_arcs.assign(arcs.begin(), arcs.end());
  std::sort(anchor_arcs.begin(), anchor_arcs.end());
  const bool any = !anchor_arcs.empty() || (own_bounds && !g.bound_alap.empty());
  anchored.assign(any ? g.nodes() : 0, 0);
  late_node = kNoNode;
  for (auto [from, to] : anchor_arcs)
    if (to < g.nodes())
      anchored[to] = g.kind[to] == NodeKind::kItem && g.state[to] == NodeState::kTodo &&
                     g.work[to] > 0 && !(g.any_backward && g.backward[to]);
  // An ALAP item with a finish bound of its own before forward work: back from that bound.
  if (own_bounds)
    for (uint32_t n = 0; n < g.bound_alap.size(); ++n)
      if (g.bound_alap[n]) anchored[n] = 1;
  // tj3 takes up such a task as soon as its anchor's start is known (the anchor's predecessors
  // done), before the anchor is booked: the list may put it right after them.
  early_ready.clear();
  for (auto [from, to] : anchor_arcs)
    if (to < g.nodes() && anchored[to] && start_anchor(from, to))
      early_ready.emplace_back(from, to);
}

// Whether the anchor arc from -> to counts from the start of a forward item (ready_start).
bool Worker::start_anchor(uint32_t from, uint32_t to) const {
  if (g.kind[from] != NodeKind::kItem || anchored[from] || (g.any_backward && g.backward[from]))
    return false;
  for (uint32_t a = g.pred_begin[to]; a < g.pred_begin[to + 1]; ++a)
    if (g.pred_node[a] == from) return !arc_from_finish(g.pred_flags[a]);
  return false;
}

// When forward node p became ready in tj3's pass: its release and its predecessors' dates (as
// placed in s). tj3 sets a forward task's start to that instant as soon as its predecessors are
// done, and an ALAP task that `precedes` it takes its end from there, even when p then waits for
// its people and books later.
Slot Worker::ready_start(uint32_t p, const LeveledSchedule& s) const {
  Slot es = g.release[p];
  for (uint32_t a = g.pred_begin[p]; a < g.pred_begin[p + 1]; ++a) {
    const uint8_t f = g.pred_flags[a];
    if (!arc_to_start(f)) continue;
    es = std::max(es, pred_arc_bound(g, a, s.start.data(), s.finish.data()));
  }
  return es;
}

// tj3 books an ALAP task that `precedes` a forward one backward from that task's start (the
// instant it became ready: ready_start) or end, around work booked before it; the reader wrote the
// `precedes` as an arc from the forward task (the anchor), which gives the latest finish here.
Fit Worker::evaluate_anchored(uint32_t n, const LeveledSchedule& s) {
  EarlyBounds b{g.release[n], -kNever};
  LateBounds lb{kNever, g.finish_bound[n]};
  for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
    const uint32_t p = g.pred_node[a];
    const uint8_t f = g.pred_flags[a];
    const bool forward_start =
        !arc_from_finish(f) &&
        std::binary_search(early_ready.begin(), early_ready.end(), std::pair{p, n});
    const Slot from = arc_from_finish(f) ? s.finish[p]
                      : forward_start    ? ready_start(p, s)
                                         : s.start[p];
    const Slot t = g.lagged(from, f, g.pred_lag[a]);
    if (std::binary_search(anchor_arcs.begin(), anchor_arcs.end(), std::pair{p, n})) {
      (arc_to_start(f) ? lb.ls : lb.lf) = std::min(arc_to_start(f) ? lb.ls : lb.lf, t);
    } else if (arc_to_start(f)) {
      b.es = std::max(b.es, t);
    } else {
      b.ef = std::max(b.ef, t);
    }
  }
  late_node = n;
  Fit f;
  if (evaluate_within(n, lb, f) && f.start > -kNever / 2 && f.start >= b.es && f.finish >= b.ef)
    return f;
  late_node = kNoNode;  // it does not fit before its anchor: forward, as the arc says
  return evaluate(n, s);
}

bool Worker::evaluate_within(uint32_t n, LateBounds lb, Fit& out) {
  if (lb.lf >= kNever && lb.ls >= kNever) return false;
  const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
  chosen.assign(se - sb, kNoNode);
  if (sb == se || g.work[n] == 0 || books_span(n)) {
    const SlotCalendar& cal = g.calendars[g.calendar[n]];
    Slot f = latest_finish(cal, g.work[n], lb);
    // TaskJuggler order: tj3 ends such a task at its latest finish itself (an anchor at 00:00, or
    // at 09:00 after a free evening), not at the end of the working slot before it: the same
    // working time, shown on tj3's day (`precedes_length.tjp`).
    if (slot_by_slot && g.work[n] > 0 && lb.lf < kNever && lb.lf > f &&
        cal.finish_at_or_before(lb.lf) == f)
      f = lb.lf;
    out = {g.work[n] == 0 ? f : cal.start_before(f, g.work[n]), f};
    return true;
  }
  fits.assign(se - sb, Fit{kNever, -kNever});
  // TaskJuggler order: one seat of effort books its person's free slots backward, split around
  // their other work, as tj3 books an ALAP task.
  const bool split_late =
      slot_by_slot && se - sb == 1 && g.basis[n] == EstimateBasis::kEffort && !has_shared(n);
  late_split = kNoNode;
  for (uint32_t k = sb; k < se; ++k) {
    Fit best{-kNever, -kNever};
    uint32_t who = kNoNode;
    for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
      uint32_t p = g.cand_person[c];
      if (std::find(chosen.begin(), chosen.begin() + (k - sb), p) != chosen.begin() + (k - sb))
        continue;
      const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
      if (!cal.has_work()) continue;
      Fit f = split_late ? split_late_fit(tl[p], cal, g.cand_work[c], lb, late_tmp)
                         : latest_fit(tl[p], cal, g.cand_work[c], lb);
      if (who == kNoNode || f.start > best.start ||
          (f.start == best.start && f.finish > best.finish)) {
        best = f;
        who = p;
        if (split_late) late_segs = late_tmp;
      }
    }
    if (who == kNoNode) return false;
    if (split_late) late_split = n;
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
    pool_late(n, fits);
  }
  out = {kNever, -kNever};
  for (uint32_t k = 0; k < se - sb; ++k) {
    out.start = std::min(out.start, fits[k].start);
    out.finish = std::max(out.finish, fits[k].finish);
  }
  return true;
}

// Effort of several seats is shared, as forward placement pools it (Scoreboard::pooled): each
// chosen person works on it from a common start to their own finish (`fits`), where they are
// free, at their rate, and the start is the latest from which together they do it all. Without
// it each seat took the time to do its share alone (a 100 % and a 60 % person: 14 working hours
// for what takes them 10 together). Mandatory seats keep their own fits.
void Worker::pool_late(uint32_t n, std::span<Fit> fits) {
  const uint32_t sb = g.seat_begin[n], m = g.seat_begin[n + 1] - sb;
  if (g.basis[n] != EstimateBasis::kEffort) return;
  for (uint32_t k = 0; k < m; ++k)
    if (g.seat_mandatory[sb + k] || chosen[k] == kNoNode) return;
  const double total = g.base_work[n] * double(m) - 1e-6;
  Slot lo = kNever, hi = -kNever;
  free_from.resize(m);
  for (uint32_t k = 0; k < m; ++k) {
    // Free from the end of the person's last booking before their finish.
    const Timeline& tl = this->tl[chosen[k]];
    auto it = std::lower_bound(tl.begin(), tl.end(), fits[k].finish,
                               [](const Booking& bk, Slot v) { return bk.begin < v; });
    free_from[k] = it == tl.begin() ? -kNever / 2 : std::prev(it)->end;
    lo = std::min(lo, fits[k].start);
    hi = std::max(hi, fits[k].finish);
  }
  auto from = [&](uint32_t k, Slot s) { return std::max(s, free_from[k]); };
  auto done = [&](Slot s) {
    double sum = 0;
    for (uint32_t k = 0; k < m; ++k) {
      const SlotCalendar& cal = g.calendars[g.calendar_for(n, chosen[k])];
      const Slot j = from(k, s);
      if (j >= fits[k].finish) continue;
      const int64_t used = cal.counts_person_day() ? day_used(tl[chosen[k]], cal, j) : 0;
      sum += g.person_rate[chosen[k]] * double(cal.capped_work(j, fits[k].finish, used));
    }
    return sum >= total;
  };
  if (lo >= hi || !done(lo)) return;
  const Slot last = hi;  // the latest finish
  while (hi - lo > 1) {  // done(lo), and hi is past every finish
    const Slot mid = lo + (hi - lo) / 2;
    (done(mid) ? lo : hi) = mid;
  }
  // In Cairn's order the work ends where, started at `lo`, it is done (placed forward from the
  // same start it gives the same dates: a kept order reproduces it); the last slot before the
  // latest finish may be left over when the people's rates and daily caps do not fill it. tj3
  // books backward slot by slot and shows the latest finish: TaskJuggler's order keeps it.
  if (!slot_by_slot) {
    late_pool.assign(fits.begin(), fits.end());
    const Fit f = pooled(n, EarlyBounds{lo, -kNever}, chosen, late_pool);
    if (f.finish < kNever && f.start >= lo && f.finish <= last) {
      std::copy(late_pool.begin(), late_pool.end(), fits.begin());
      return;
    }
  }
  for (uint32_t k = 0; k < m; ++k) {
    const SlotCalendar& cal = g.calendars[g.calendar_for(n, chosen[k])];
    const Slot j0 = from(k, lo);
    const int64_t used = cal.counts_person_day() ? day_used(tl[chosen[k]], cal, j0) : 0;
    const Slot j = j0 < fits[k].finish ? cal.capped_start(j0, used) : fits[k].finish;
    fits[k] = j < fits[k].finish ? Fit{j, fits[k].finish} : Fit{fits[k].finish, fits[k].finish};
  }
}

void Worker::place_backward(std::span<const uint32_t> order, LeveledSchedule& s) {
  Slot anchor = g.program_start;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.kind[n] != NodeKind::kItem) continue;
    if (g.backward[n] ? g.finish_bound[n] < kNever : s.finish[n] < kNever)
      anchor = std::max(anchor, g.backward[n] ? g.finish_bound[n] : s.finish[n]);
  }
  bool failed = false;
  auto kept = [&](uint32_t n) { return n < kept_forward.size() && kept_forward[n]; };
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    uint32_t n = *it;
    if (!g.backward[n] || kept(n)) continue;
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
    if (!g.backward[n] || kept(n) || g.seat_begin[n] == g.seat_begin[n + 1]) continue;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      uint32_t p = s.seat_person[k];
      if (p == kNoNode) continue;
      std::erase_if(tl[p], [n](const Booking& bk) { return bk.node == n; });
      s.seat_person[k] = kNoNode;
    }
  }
  for (uint32_t n : order) {
    if (!g.backward[n] || kept(n)) continue;
    Slot tentative = s.work_start[n];
    Fit f = evaluate(n, s, tentative);
    commit(n, f, s);
  }
}

}  // namespace cairn::schedule::leveling

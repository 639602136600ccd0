// The leveler's worker (internal to src/schedule): one schedule generation's state, its placement
// of each node (scoreboard, list rules, scratch buffers) and the passes built from it: serial and
// parallel schedule generation, TaskJuggler's mixed pass and the backward placement of ALAP work
// (leveling_backward.cc), forward-backward improvement. Used by leveling.cc. One per thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <queue>
#include <span>
#include <vector>

#include "schedule/leveling.h"
#include "schedule/leveling_rules.h"
#include "schedule/leveling_scoreboard.h"

namespace cairn::schedule::leveling {

// The search's state for one schedule generation: the scoreboard, the list rules and scratch
// buffers. One per thread.
struct Worker : Scoreboard, ListRules {
  using Scoreboard::g;
  const CpmResult& cpm;
  const std::vector<Slot>& due;
  std::vector<uint32_t> chosen;  // scratch: person per seat of the node being placed
  std::vector<Fit> fits;         // scratch: fit per seat
  std::vector<uint32_t> list;
  struct Back {
    Slot finish, start;
    uint32_t n;
  };
  std::vector<Back> back_heap;

  // Keep-order mode: per seat the person it must go to (kNoNode: free; kEmptySeat: nobody), and
  // every person's timeline sealed up to the end of their last booking, so that nothing
  // back-fills.
  const std::vector<uint32_t>* force = nullptr;
  bool append_only = false;
  // Keep-order mode: per node its previous start; an ALAP (backward) node that has one is placed
  // forward in the list, no earlier than it, and marked in `kept_forward` (place_backward skips
  // it).
  const std::vector<Slot>* keep_floor = nullptr;
  // Keep-order mode: per predecessor arc (index into pred_node) the bound it gives, in place of
  // its predecessor's dates (kNever: from them; -kNever: none yet): the arcs of successors listed
  // before their predecessors (ListRules::unordered). Empty: none.
  std::vector<Slot> pred_override;
  std::vector<uint8_t> kept_forward;
  // TaskJuggler order: one-seat effort items are booked slot by slot (split_fit).
  bool slot_by_slot = false;
  std::vector<std::pair<Slot, Slot>> segs;  // scratch: the stretches of a split fit
  // TaskJuggler order: the node whose one seat evaluate_within booked backward slot by slot, and
  // its stretches (commit books them); kNoNode otherwise.
  uint32_t late_split = kNoNode;
  std::vector<std::pair<Slot, Slot>> late_segs, late_tmp;
  std::vector<Slot> free_from;  // pool_late's scratch: per seat, where its person is free from
  std::vector<Fit> late_pool;   // pool_late's scratch: the forward fits from the common start
  bool splits(uint32_t n) const {
    return slot_by_slot && g.seat_begin[n + 1] - g.seat_begin[n] == 1 &&
           g.basis[n] == EstimateBasis::kEffort && !(g.any_backward && g.backward[n]) &&
           n != late_node && !has_shared(n);
  }
  // TaskJuggler order: a length or duration item with people runs its calendar span from its
  // earliest start and never waits for them; each seat books, slot by slot, the first of its
  // candidates free in each slot of that span (book_span), as tj3 does.
  // Placed ALAP (a backward node, or one booked back from an anchor) such an item runs its span
  // up to its latest finish the same way (books_span; evaluate_within).
  bool books_span(uint32_t n) const {
    return slot_by_slot && g.basis[n] != EstimateBasis::kEffort &&
           g.seat_begin[n + 1] > g.seat_begin[n] && !g.cand_span_calendar.empty();
  }
  bool spans(uint32_t n) const {
    return books_span(n) && !(g.any_backward && g.backward[n]) && n != late_node;
  }
  Timeline covered, busy;  // scratch of book_span
  // TaskJuggler order: effort items with several allocations, or with alternatives, book slot by
  // slot (Scoreboard::slotwise_fit), as tj3 does without `persistent`.
  bool per_slot(uint32_t n) const {
    return slot_by_slot && !force && slotwise(n) && !locks(n) && n != late_node;
  }
  // TaskJuggler order: a one-seat effort item whose alternatives are `persistent` keeps the
  // candidate who is free first and books that person's free slots only, split around their other
  // work (split_fit), as tj3 locks the first candidate it books. Among candidates free at the same
  // slot, tj3 (Allocation#candidates for a persistent allocation) tries first the one with the
  // least work booked so far, then the least loaded (the candidate order).
  // When that person never gets the work done before the project's end (gone for good), slot by
  // slot as without it, as tj3 breaks the persistence.
  // The locking node evaluate() last booked slot by slot (commit books its pieces): one whose
  // locked person never finishes it, or one with limits counted slot by slot (capped_lock).
  uint32_t fallback = kNoNode;
  Slot lock_limit = kNever;  // LevelOptions::project_end
  // Working slots booked on person p so far (tj3's Resource#bookedEffort, in slots).
  int64_t booked_slots(uint32_t p) const {
    const SlotCalendar& cal = g.calendars[g.person_calendar[p]];
    int64_t sum = 0;
    for (const Booking& bk : tl[p])
      if (bk.node != kNoNode && bk.end > 0)
        sum += cal.cum(bk.end) - cal.cum(std::max<Slot>(bk.begin, 0));
    return sum;
  }
  bool locks(uint32_t n) const {
    const uint32_t sb = g.seat_begin[n];
    if (!slot_by_slot || force || g.seat_begin[n + 1] - sb != 1 || g.seat_persistent.empty() ||
        !g.seat_persistent[sb] || g.cand_begin[sb + 1] - g.cand_begin[sb] <= 1)
      return false;
    // Under an epic's limits too (split_fit does not count them: evaluate books such a seat
    // slot by slot, each candidate alone).
    return splits(n) || (g.basis[n] == EstimateBasis::kEffort &&
                         !(g.any_backward && g.backward[n]) && n != late_node && has_shared(n));
  }

  Worker(const TaskGraph& graph, const CpmResult& c, const Targets& t)
      : Scoreboard(graph), ListRules(graph, t), cpm(c), due(t.due) {}

  void reset(LeveledSchedule& s) {
    const uint32_t n = g.nodes();
    s.start.assign(n, 0);
    s.finish.assign(n, 0);
    s.work_start.assign(n, 0);
    s.work.assign(g.work.begin(), g.work.end());
    s.calendar.assign(g.calendar.begin(), g.calendar.end());
    s.seat_person.assign(g.cand_begin.size() - 1, kNoNode);
    s.seat_start.assign(g.cand_begin.size() - 1, 0);
    s.segments.clear();
    s.backward_anchors.clear();
    clear();
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
    EarlyBounds b = early_bounds(g, n, s.start.data(), s.finish.data(),
                                 pred_override.empty() ? nullptr : pred_override.data());
    b.es = std::max(b.es, not_before);
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    chosen.assign(se - sb, kNoNode);
    if (fallback == n) fallback = kNoNode;
    late_split = kNoNode;
    if (sb == se || g.work[n] == 0 || spans(n)) {
      const SlotCalendar& cal = g.calendars[g.calendar[n]];
      Slot st = earliest_start(cal, g.work[n], b);
      return {st, cal.finish_after(st, g.work[n])};
    }
    if (per_slot(n)) {
      Fit f = slotwise_fit(
          n, earliest_start(g.calendars[g.without_person_caps(g.calendar[n])], g.work[n], b));
      for (const Piece& pc : pieces)
        if (chosen[pc.seat] == kNoNode) chosen[pc.seat] = pc.person;
      return f;
    }
    fits.assign(se - sb, Fit{0, 0});
    // A persistent seat of an item with limits of its own (node_caps) or under an epic's: each
    // candidate alone, slot by slot, counting them; the one kept is booked from its pieces
    // (commit, via `fallback`).
    const bool capped_lock = locks(n) && (g.node_capped(n) || has_shared(n));
    for (uint32_t k = sb; k < se; ++k) {
      if (force && (*force)[k] == kEmptySeat) {  // kept empty: its people did not work on it
        chosen[k - sb] = kNoNode;
        fits[k - sb] = {b.es, b.es};
        continue;
      }
      Fit best{kNever, kNever};
      uint32_t who = kNoNode;
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        uint32_t p = g.cand_person[c];
        if (std::find(chosen.begin(), chosen.begin() + (k - sb), p) != chosen.begin() + (k - sb))
          continue;
        if (force && (*force)[k] != kNoNode && (*force)[k] != p) continue;
        const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
        Fit f = capped_lock
                    ? slotwise_fit(
                          n,
                          earliest_start(g.calendars[g.without_person_caps(cand_calendar(n, c))],
                                         g.cand_work[c], b),
                          p)
                : se - sb == 1 && has_shared(n)
                    ? shared_fit(n, p, cal, g.cand_work[c], earliest_start(cal, g.cand_work[c], b),
                                 false)
                : splits(n) ? split_fit(tl[p], cal, g.cand_work[c], b, segs)
                            : earliest_fit(tl[p], cal, g.cand_work[c], b);
        // A persistent seat locks the candidate free first; others take the earliest finish.
        const bool better =
            locks(n) ? f.finish < kNever && f.finish <= lock_limit &&
                           (who == kNoNode || f.start < best.start ||
                            (f.start == best.start && booked_slots(p) < booked_slots(who)))
                     : who == kNoNode || f.finish < best.finish ||
                           (f.finish == best.finish && f.start < best.start);
        if (better) {
          best = f;
          who = p;
        }
      }
      chosen[k - sb] = who;
      fits[k - sb] = best;
    }
    if (capped_lock && chosen[0] != kNoNode) {
      fallback = n;
      const uint32_t who = chosen[0];
      for (uint32_t c = g.cand_begin[sb]; c < g.cand_begin[sb + 1]; ++c)
        if (g.cand_person[c] == who)
          return slotwise_fit(
              n,
              earliest_start(g.calendars[g.without_person_caps(cand_calendar(n, c))],
                             g.cand_work[c], b),
              who);
    }
    if (locks(n) && chosen[0] == kNoNode) {  // the person it would lock never finishes it
      fallback = n;
      Fit f = slotwise_fit(n, earliest_start(g.calendars[g.calendar[n]], g.work[n], b));
      for (const Piece& pc : pieces)
        if (chosen[pc.seat] == kNoNode) chosen[pc.seat] = pc.person;
      return f;
    }
    if (se - sb == 1) return fits[0];
    if (g.basis[n] == EstimateBasis::kEffort) return pooled(n, b, chosen, fits);
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

  // Books the evaluation of node n (from `chosen` and `fits`) into s.
  void commit(uint32_t n, Fit f, LeveledSchedule& s) {
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    s.work_start[n] = f.start;
    s.start[n] = g.state[n] == NodeState::kStarted ? g.actual_start[n] : f.start;
    s.finish[n] = f.finish;
    if (sb == se || g.work[n] == 0) return;
    if (books_span(n)) return book_span(n, f, s);
    if (per_slot(n) || fallback == n) return book_pieces(n, f, s);
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
      const bool split = splits(n);
      if (late_split == n) {
        const SlotCalendar& cal = g.calendars[g.calendar_for(n, p)];
        for (auto [a, z] : late_segs)
          book_working(tl[p], cal, a, z, n);
        if (late_segs.size() > 1)
          for (auto [a, z] : late_segs)
            s.segments.push_back({k, a, z});
        late_split = kNoNode;
      } else if (split) {
        const SlotCalendar& cal = g.calendars[g.calendar_for(n, p)];
        split_fit(tl[p], cal, g.work_for(n, p), {fk.start, -kNever}, segs);
        for (auto [a, z] : segs)
          book_working(tl[p], cal, a, z, n);
        if (segs.size() > 1)
          for (auto [a, z] : segs)
            s.segments.push_back({k, a, z});
      } else {
        book(tl[p], Booking{fk.start, fk.finish, n});
      }
      if (append_only) seal(tl[p], fk.finish);
      if (first) {
        first = false;
        s.calendar[n] = g.calendar_for(n, p);
        // Shared or split work: the working slots from its start to its finish (what the slack
        // and the leveled graph see).
        s.work[n] =
            pooled_node || (split && segs.size() > 1) || g.calendars[s.calendar[n]].day_capped()
                ? static_cast<int32_t>(g.calendars[s.calendar[n]].cum(f.finish) -
                                       g.calendars[s.calendar[n]].cum(f.start))
                : g.work_for(n, p);
      }
    }
  }

  // Books the stretches of a slot-by-slot evaluation (per_slot; `pieces` still holds them).
  void book_pieces(uint32_t n, Fit f, LeveledSchedule& s) {
    const uint32_t sb = g.seat_begin[n], m = g.seat_begin[n + 1] - sb;
    for (uint32_t k = 0; k < m; ++k) {
      s.seat_person[sb + k] = chosen[k];
      s.seat_start[sb + k] = f.start;
    }
    last_piece.assign(m, -1);  // marks the seats whose first stretch is seen
    for (const Piece& pc : pieces) {
      book(tl[pc.person], Booking{pc.from, pc.to, n});
      if (has_shared(n)) record_shared(n, pc.person, pc.from, pc.to);
      s.segments.push_back({sb + pc.seat, pc.from, pc.to, pc.person});
      if (last_piece[pc.seat] < 0) s.seat_start[sb + pc.seat] = pc.from;
      last_piece[pc.seat] = 0;
    }
    const uint32_t lead = pieces.empty() ? kNoNode : pieces.front().person;
    if (lead == kNoNode) return;
    s.calendar[n] = g.without_person_caps(g.calendar_for(n, lead));
    if (g.node_capped(n))  // the lead's calendar without the item's limits
      for (uint32_t c = g.cand_begin[sb + pieces.front().seat];
           c < g.cand_begin[sb + pieces.front().seat + 1]; ++c)
        if (g.cand_person[c] == lead) s.calendar[n] = g.without_person_caps(cand_calendar(n, c));
    const SlotCalendar& cal = g.calendars[s.calendar[n]];
    s.work[n] = static_cast<int32_t>(cal.cum(f.finish) - cal.cum(f.start));
  }

  // Books the people of a length or duration item (spans) into the free slots of its span f: per
  // seat, each candidate in order takes its free working slots that no earlier candidate of the
  // seat took, as stretches (segments) with their person. The seat's person is the first who
  // works on it (kNoNode: nobody could).
  void book_span(uint32_t n, Fit f, LeveledSchedule& s) {
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      covered.clear();
      s.seat_person[k] = kNoNode;
      s.seat_start[k] = f.start;
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c) {
        const uint32_t p = g.cand_person[c];
        if (force && (*force)[k] != kNoNode && (*force)[k] != p) continue;
        const Timeline* free_of = &tl[p];
        if (!covered.empty()) {  // later candidates: also busy where earlier ones serve the seat
          busy = tl[p];
          for (const Booking& bk : covered)
            book(busy, bk);
          free_of = &busy;
        }
        const SlotCalendar& cal = g.calendars[g.cand_span_calendar[c]];
        split_fit(*free_of, cal, f.finish - f.start, {f.start, -kNever}, segs, f.finish);
        for (auto [a, z] : segs) {
          s.segments.push_back({k, a, z, p});
          // p works on it, and serves the seat, only in the working slots of the span calendar
          // (cut by the item's shifts): p is free for other work, and later candidates may take
          // the seat, in the rest.
          book_working(tl[p], cal, a, z, n);
          book_working(covered, cal, a, z, n);
        }
        if (!segs.empty() && s.seat_person[k] == kNoNode) {
          s.seat_person[k] = p;
          s.seat_start[k] = segs.front().first;
        }
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
    kept_forward.assign(keep_floor ? g.nodes() : 0, 0);
    for (uint32_t n : order) {
      if (g.state[n] == NodeState::kDone) {
        place_done(n, s);
        continue;
      }
      if (g.any_backward && g.backward[n]) {
        if (keep_floor && n < keep_floor->size() && (*keep_floor)[n] < kNever) {
          commit(n, evaluate(n, s, (*keep_floor)[n]), s);
          kept_forward[n] = 1;
        }
        continue;
      }
      place(n, s);
    }
    if (g.any_backward) place_backward(order, s);
    finish_stats(s);
  }

  // TaskJuggler's order with ALAP items: one pass over mixed_list, each backward node placed as
  // late as its successors or end allow when tj3 would take it up (by priority and path
  // criticalness among the ready tasks), so that forward and backward work compete for people in
  // that order (a high-priority ALAP task books its people before a lower forward one). False
  // when that cannot be done (a backward node with no end and no successor waits for the forward
  // end; a node never ready; a backward node before one of its forward predecessors): the caller
  // then places forward work first and backward work after it (serial).
  bool mixed_pass(LeveledSchedule& s);

  // TaskJuggler order (LevelOptions::anchors): the anchor arcs, and per node whether one of its
  // predecessor arcs is one (an open leaf with people and work) or, with `own_bounds`, whether
  // it is an ALAP item placed back from its own finish bound (TaskGraph::bound_alap).
  // set_anchors({}, false) clears them.
  void set_anchors(std::span<const std::pair<uint32_t, uint32_t>> arcs, bool own_bounds);
  // Places node n (its predecessors placed in s): an anchored node backward from its anchors'
  // date when it fits there after its other predecessors (evaluate_anchored), else evaluate().
  void place(uint32_t n, LeveledSchedule& s) {
    Fit f = !anchored.empty() && anchored[n] ? evaluate_anchored(n, s) : evaluate(n, s);
    commit(n, f, s);
    if (late_node == n) {
      for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a)
        if (std::binary_search(anchor_arcs.begin(), anchor_arcs.end(),
                               std::pair{g.pred_node[a], n}))
          s.backward_anchors.emplace_back(g.pred_node[a], n);
      if (n < g.bound_alap.size() && g.bound_alap[n]) s.backward_anchors.emplace_back(n, n);
    }
    late_node = kNoNode;
  }
  Fit evaluate_anchored(uint32_t n, const LeveledSchedule& s);
  Slot ready_start(uint32_t p, const LeveledSchedule& s) const;
  bool start_anchor(uint32_t from, uint32_t to) const;
  std::vector<std::pair<uint32_t, uint32_t>> anchor_arcs;  // sorted
  std::vector<uint8_t> anchored;                           // per node; empty: none
  uint32_t late_node = kNoNode;  // the anchored node being placed backward (one stretch a seat)

  // Start and finish bounds of backward node n from its forward predecessors (placed in s).
  EarlyBounds forward_bounds(uint32_t n, const LeveledSchedule& s) const;

  // The latest place of backward node n (its successors placed in s), persons to `chosen`.
  // False when nothing fits.
  bool evaluate_late(uint32_t n, const LeveledSchedule& s, Slot anchor, Fit& out);
  // Several seats of effort placed backward share it (leveling_backward.cc): moves the common
  // start of `fits` (the seats' latest fits, one finish each) as late as together they allow.
  void pool_late(uint32_t n, std::span<Fit> fits);
  // The latest place of node n within `lb` (persons to `chosen`); false when nothing fits.
  bool evaluate_within(uint32_t n, LateBounds lb, Fit& out);

  // Places the backward nodes, latest first (reverse list order), as late as their successors,
  // finish bounds or the forward nodes' end allow. When one cannot meet its forward
  // predecessors, every backward node is placed again forward, no earlier than where the
  // backward placement put it (so precedence always holds).
  void place_backward(std::span<const uint32_t> order, LeveledSchedule& s);

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
      int32_t prio = list_priority(g, n);
      keys[n] = {prio, double(back.start[n]), double(back.finish[n])};
    }
    topo_list(list);
    serial(list, out);
    return true;
  }
};

}  // namespace cairn::schedule::leveling

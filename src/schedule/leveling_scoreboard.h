// The leveler's scoreboard (internal to src/schedule, used by leveling.cc): per person a timeline
// of the work booked on them, the fits of a stretch of working slots between bookings, booking
// and sealing, the limits shared by the leaves of an epic (TaskGraph::shared_limits) and several
// seats sharing one item's effort (TaskJuggler's semantics). Slots are the task graph's time axis.
// One Scoreboard per thread; not thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "schedule/cpm.h"
#include "schedule/task_graph.h"

namespace cairn::schedule::leveling {

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

// Slots of the day of slot t that the person's bookings in tl take, counted in cal's uncapped
// working time (cal.day_capped()): what a person's daily cap has already spent that day.
int64_t day_used(const Timeline& tl, const SlotCalendar& cal, Slot t);

// The earliest [start, finish) of w working slots of cal that meets b and overlaps no booking,
// with cal's daily caps (if any) counted from the first day of the work on: capped_fit does that
// for SlotCalendar::day_capped() calendars, calendar_fit counts them as cal has them.
inline Fit calendar_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b) {
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
Fit capped_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b);
inline Fit earliest_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b) {
  return cal.day_capped() ? capped_fit(tl, cal, w, b) : calendar_fit(tl, cal, w, b);
}

// The latest [start, finish) of w working slots of cal that meets b and overlaps no booking.
inline Fit latest_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, LateBounds b) {
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

inline void book(Timeline& tl, Booking bk) {
  if (tl.empty() || tl.back().begin <= bk.begin) {
    tl.push_back(bk);
    return;
  }
  auto it = std::upper_bound(tl.begin(), tl.end(), bk.begin,
                             [](Slot v, const Booking& x) { return v < x.begin; });
  tl.insert(it, bk);
}

// TaskJuggler's allocation: w working slots of cal booked slot by slot into the free working slots
// of tl from the earliest start that b allows, split around bookings. The stretches go to `segs`
// (cleared first); returns the first worked slot and the finish. With `until`, the work stops
// there even when fewer than w slots are booked (the free slots of a fixed span); with none
// booked, it returns {until, until}.
Fit split_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, EarlyBounds b,
              std::vector<std::pair<Slot, Slot>>& segs, Slot until = kNever);

// The same booked backward (an ALAP task in TaskJuggler's order): w working slots of cal into the
// free working slots of tl from the latest finish that b allows, back to earlier ones, split
// around bookings; the stretches go to `segs` in time order. A calendar with daily caps gets one
// stretch (latest_fit). {-kNever, -kNever} when the slots run out before the timeline's start.
Fit split_late_fit(const Timeline& tl, const SlotCalendar& cal, int64_t w, LateBounds b,
                   std::vector<std::pair<Slot, Slot>>& segs);

// Closes every gap of a timeline before t: nothing booked later can go before t (keep-order mode).
void seal(Timeline& tl, Slot t);

struct Scoreboard {
  const TaskGraph& g;
  std::vector<Timeline> tl;  // per person: bookings sorted by begin, not overlapping

  explicit Scoreboard(const TaskGraph& graph) : g(graph), tl(graph.person_rate.size()) {
    cap_count.resize(graph.person_caps.size());
  }

  // Empties every timeline, books the actual work (bookings) first and resets the shared limits.
  void clear();

  // ---- limits shared by the leaves of an epic (TaskGraph::shared_limits) ----
  std::vector<std::unordered_map<int64_t, int32_t>> shared_used;  // per limit: slots per window
  bool has_shared(uint32_t n) const {
    return !g.shared_begin.empty() && g.shared_begin[n] < g.shared_begin[n + 1];
  }
  // The window of slot t for limit L, and the slot where that window ends (and where it starts).
  int64_t window_of(const TaskGraph::SharedLimit& L, Slot t, Slot* wend,
                    Slot* wstart = nullptr) const {
    const int64_t spd = g.axis.slots_per_day();
    const int64_t day = t >= 0 ? t / spd : -((-t + spd - 1) / spd);
    auto fdiv = [](int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    Slot ws = 0;
    int64_t win = day;
    switch (L.per) {
      case WorkLimit::Per::kDay:
        ws = static_cast<Slot>(day * spd);
        *wend = static_cast<Slot>((day + 1) * spd);
        break;
      case WorkLimit::Per::kWeek: {
        win = fdiv(day, 7);
        ws = static_cast<Slot>(win * 7 * spd);
        *wend = static_cast<Slot>((win + 1) * 7 * spd);
        break;
      }
      case WorkLimit::Per::kMonth: {
        const Date day0 = g.axis.origin.date();
        Date d = day0 + static_cast<int>(day);
        Date first = Date::from_ymd(d.year(), d.month(), 1);
        Date next = d.month() == 12 ? Date::from_ymd(d.year() + 1, 1, 1)
                                    : Date::from_ymd(d.year(), d.month() + 1, 1);
        ws = static_cast<Slot>(int64_t{first - day0} * spd);
        *wend = static_cast<Slot>(int64_t{next - day0} * spd);
        win = int64_t{d.year()} * 12 + d.month() - 1;
        break;
      }
      case WorkLimit::Per::k30Days: {
        win = fdiv(day - L.anchor_day, 30);
        ws = static_cast<Slot>((L.anchor_day + win * 30) * spd);
        *wend = static_cast<Slot>((L.anchor_day + (win + 1) * 30) * spd);
        break;
      }
    }
    if (wstart) *wstart = ws;
    return win;
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
                 bool record);

  // ---- a person's own limits (TaskGraph::person_caps), counted in what is booked ----
  struct CapCount {
    int64_t win = std::numeric_limits<int64_t>::min();  // the window counted (min: none yet)
    Slot wstart = 0, wend = 0;
    int64_t base = 0;  // slots booked on the person in the window before this placement
    int64_t own = 0;   // slots this placement took there so far
  };
  std::vector<CapCount> cap_count;  // per TaskGraph::person_caps entry
  // Working slots of cal that bookings of t take in [a, z).
  static int64_t booked_in(const Timeline& t, const SlotCalendar& cal, Slot a, Slot z);
  // Forgets the windows counted for person p (a new placement starts).
  void cap_reset(uint32_t p) {
    for (uint32_t i = g.person_cap_begin[p]; i < g.person_cap_begin[p + 1]; ++i)
      cap_count[i] = CapCount{};
  }
  // Whether person p's caps leave room for slot t: -kNever when they do, else the end of the
  // latest full window (nothing changes for p before it).
  Slot cap_block(uint32_t p, Slot t);
  // Counts slot t as taken by person p in the current placement.
  void cap_take(uint32_t p, Slot t);

  // ---- limits counted slot by slot in TaskJuggler's order (slotwise_fit) ----
  // The item's own (TaskGraph::node_caps) and its epics' (shared_limits, with what the epics'
  // other leaves booked in the window, shared_used), counted from where the placement starts, one
  // slot after another (a placement moves forward in time: a window once left is not seen again).
  struct LimitCount {
    const TaskGraph::SharedLimit* limit;
    uint32_t shared;  // its index into TaskGraph::shared_limits; kNoNode for a node cap
    int64_t win = std::numeric_limits<int64_t>::min();
    Slot wstart = 0, wend = 0;
    int64_t base = 0;  // slots booked in the window before this placement (shared limits)
    int64_t own = 0;   // slots this placement took there so far
  };
  std::vector<LimitCount> limit_count;  // per limit over the node being placed
  // Whether those limits leave room for person p in slot t, with `pending` (seat, person) pairs
  // already taken in that slot: -kNever when they do, else the end of the latest full window.
  Slot limit_block(uint32_t p, Slot t, std::span<const std::pair<uint32_t, uint32_t>> pending);
  // Counts slot t as taken by person p.
  void limit_take(uint32_t p, Slot t);
  // Counts the slots [a, z) that person p booked for node n in its shared limits' windows.
  void record_shared(uint32_t n, uint32_t p, Slot a, Slot z);
  // Candidate entry c's calendar for node n: without the item's limits when they are node caps.
  uint16_t cand_calendar(uint32_t n, uint32_t c) const {
    return g.node_capped(n) ? g.cand_free_calendar[c] : g.cand_calendar[c];
  }

  // ---- several seats sharing effort (TaskJuggler's semantics) ----
  struct PoolSeat {
    const SlotCalendar* cal;
    const Timeline* tl;
    double rate;
    bool mandatory;
    Slot a, z;          // the free gap of the person's timeline the seat works in
    Slot j = 0;         // where the seat may start (pool_finish's scratch)
    int64_t used = 0;   // slots of j's day the person works on other items (daily caps)
    bool idle = false;  // left out: under a finish bound it would join only at the finish
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
  Slot pool_finish(Slot s, double total, bool any_mandatory, Slot& first);

  // Node n's seats (persons in `chosen`, one per seat) share its effort: every seat's person
  // works on it from when they are free until it is done, in their working time at their rate;
  // people of mandatory seats are booked from its start and it is worked only when all of them
  // work. Fills `fits` (a seat whose person never gets to work gets an empty fit).
  Fit pooled(uint32_t n, EarlyBounds b, std::span<const uint32_t> chosen, std::span<Fit> fits);

  // ---- TaskJuggler order, slot by slot (leveling_slots.cc) ----
  // Whether node n is booked slot by slot as tj3 does: an effort item with several allocations, or
  // one allocation with alternatives, none of whose candidates has daily limits.
  bool slotwise(uint32_t n) const;
  // Node n from es: in each slot, each seat in turn books the first of its candidates free and
  // working then (a person once per slot); a slot where a mandatory seat finds nobody is not
  // worked; until the effort is done.
  // The stretches go to `pieces`; kNever when it never completes.
  // `only`: book that candidate alone (a persistent seat tries each of its candidates in turn).
  Fit slotwise_fit(uint32_t n, Slot es, uint32_t only = kNoNode);
  struct Piece {
    Slot from, to;
    uint32_t person;
    uint32_t seat;  // seat index within the node
  };
  std::vector<Piece> pieces;
  std::vector<int> last_piece;                       // scratch: per seat its last piece
  std::vector<std::pair<uint32_t, uint32_t>> taken;  // scratch: (seat, person) of one slot
  static bool busy_at(const Timeline& t, Slot x);
  // Books node n into t over the working slots of cal in [a, z) only: a stretch of work under a
  // narrower calendar (the item's shifts) leaves its person free in the rest.
  static void book_working(Timeline& t, const SlotCalendar& cal, Slot a, Slot z, uint32_t n);
};

}  // namespace cairn::schedule::leveling

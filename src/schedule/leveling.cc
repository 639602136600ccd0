#include "schedule/leveling.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <limits>
#include <memory>
#include <queue>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>

#include "base/random.h"
#include "schedule/leveling_moves.h"
#include "schedule/leveling_worker.h"

namespace cairn::schedule {
namespace leveling {
namespace {

// The kept pass's list tier of kept work (below gates, done and started work, above new work).
constexpr int32_t kKeptTier = 1;

// One-point crossover of two precedence-feasible lists (Hartmann's, for activity lists): a's first
// q nodes, then the others in b's order. The child is precedence-feasible too.
void crossover(std::span<const uint32_t> a, std::span<const uint32_t> b, size_t q,
               std::vector<uint8_t>& in, std::vector<uint32_t>& out) {
  q = std::min(q, a.size());
  in.assign(a.size(), 0);
  out.assign(a.begin(), a.begin() + static_cast<ptrdiff_t>(q));
  for (uint32_t v : out)
    in[v] = 1;
  for (uint32_t v : b)
    if (!in[v]) out.push_back(v);
}

// A schedule's objective alone (what `better` compares; the vectors left empty).
LeveledSchedule score_of(const LeveledSchedule& s) {
  LeveledSchedule o;
  o.tardiness = s.tardiness;
  o.end = s.end;
  o.due_finish = s.due_finish;
  o.sum_finish = s.sum_finish;
  return o;
}

// A list the search keeps to breed from, with its schedule's objective (the vectors unused).
struct Member {
  LeveledSchedule score;
  std::vector<uint32_t> list;
  int index = -1;
};

}  // namespace

}  // namespace leveling

using namespace leveling;

struct Leveler::Impl {
  const TaskGraph& g;
  const CpmResult& cpm;
  Targets targets;
  Worker main;
  Impl(const TaskGraph& graph, const CpmResult& c, std::vector<DueGroup> d)
      : g(graph), cpm(c), targets(graph, c, std::move(d)), main(graph, c, targets) {}

  // One serial pass over the list ordered by the given keys (TaskJuggler's order).
  LeveledSchedule keyed_pass(const std::vector<double>& k, Slot project_end,
                             std::span<const std::pair<uint32_t, uint32_t>> anchors) {
    Worker& w = main;
    w.set_anchors(anchors, true);
    w.keys.resize(g.nodes());
    // tj3 keeps no list place for milestones and containers: they are placed as soon as what
    // they wait for is, so a task behind a container is ready before later tasks of its rank.
    constexpr int32_t kAtOnce = std::numeric_limits<int32_t>::max();
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      const bool at_once = g.kind[n] != NodeKind::kItem ||
                           (g.work[n] == 0 && g.seat_begin[n] == g.seat_begin[n + 1]);
      w.keys[n] = {at_once ? kAtOnce : list_priority(g, n), n < k.size() ? k[n] : 0.0, double(n)};
    }
    std::vector<uint32_t> list;
    LeveledSchedule s;
    w.slot_by_slot = true;
    w.lock_limit = project_end;
    if (!g.any_backward || !w.mixed_pass(s)) {
      w.topo_list(list);
      w.serial(list, s);
    }
    w.slot_by_slot = false;
    w.lock_limit = kNever;
    w.set_anchors({}, false);
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
      // An epic's gate takes no time and no one: listed as soon as it is ready, so that the items
      // behind it are not held back behind later kept work. Kept work in progress goes by when
      // its rest could start among the kept items by their previous start (a person may have
      // done a short item before the rest of a started one); done work and work started since
      // come first, new work last.
      const int32_t tier = g.kind[n] != NodeKind::kItem        ? 3
                           : g.state[n] == NodeState::kDone    ? 2
                           : kept                              ? kKeptTier
                           : g.state[n] == NodeState::kStarted ? 2
                                                               : 0;
      const bool by_finish = kept && n < opt.keep_finish.size() && opt.keep_finish[n] < kNever;
      // Listed where it started, or where its last person joined it when that is later.
      Slot listed = kept ? opt.keep_start[n] : targets.late_finish[n];
      if (kept && n < opt.keep_listed.size() && opt.keep_listed[n] < kNever)
        listed = std::max(listed, opt.keep_listed[n]);
      w.keys[n] = {tier, double(listed),
                   double(by_finish ? opt.keep_finish[n] : targets.late_finish[n])};
    }
    std::vector<uint32_t> list;
    w.topo_list(list);
    std::vector<uint32_t> force(g.cand_begin.size() - 1, kNoNode);
    for (uint32_t k = 0; k < force.size() && k < opt.keep_person.size(); ++k) {
      const uint32_t p = opt.keep_person[k];
      if (p == kEmptySeat) force[k] = kEmptySeat;
      for (uint32_t c = g.cand_begin[k]; c < g.cand_begin[k + 1]; ++c)
        if (g.cand_person[c] == p) force[k] = p;
    }
    w.force = &force;
    w.append_only = true;
    w.keep_floor = &opt.keep_start;
    LeveledSchedule s;
    // A successor that started before its predecessor (a start-start, finish-finish or
    // start-finish link, or a lead) is listed where it started, not after the predecessor: listed
    // after it, its person's later work took its place. Its bound from that predecessor is taken
    // from the pass before (none at first) and raised until every such link holds; if that does
    // not settle, the list follows every link.
    std::vector<std::pair<uint32_t, uint32_t>> arcs;  // (arc, successor) of the early links
    for (uint32_t n = 0; n < nn; ++n) {
      const ListKey& kn = w.keys[n];
      if (kn.prio != kKeptTier) continue;
      for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
        const ListKey& kp = w.keys[g.pred_node[a]];
        if (kp.prio == kKeptTier && (kn.k1 < kp.k1 || (kn.k1 == kp.k1 && kn.k2 < kp.k2)))
          arcs.emplace_back(a, n);
      }
    }
    bool settled = false;
    if (!arcs.empty()) {
      w.pred_override.assign(g.pred_node.size(), kNever);
      for (auto [a, n] : arcs) {
        w.unordered.emplace_back(g.pred_node[a], n);
        w.pred_override[a] = -kNever;
      }
      std::sort(w.unordered.begin(), w.unordered.end());
      w.unordered.erase(std::unique(w.unordered.begin(), w.unordered.end()), w.unordered.end());
      std::vector<uint32_t> free_list;
      w.topo_list(free_list);
      w.unordered.clear();
      for (int round = 0; round < 8 && !settled; ++round) {
        w.serial(free_list, s);
        settled = true;
        for (auto [a, n] : arcs) {
          const Slot t = pred_arc_bound(g, a, s.start.data(), s.finish.data());
          if (t > (arc_to_start(g.pred_flags[a]) ? s.work_start[n] : s.finish[n])) {
            settled = false;
            w.pred_override[a] = std::max(w.pred_override[a], t);
          }
        }
      }
      w.pred_override.clear();
    }
    if (!settled) w.serial(list, s);
    w.force = nullptr;
    w.append_only = false;
    w.keep_floor = nullptr;
    w.kept_forward.clear();
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
    LeveledSchedule s = opt.keep_start.empty()
                            ? impl_->keyed_pass(opt.fixed_keys, opt.project_end, opt.anchors)
                            : impl_->kept_pass(opt);
    if (stats) {
      stats->schedules_used = 1;
      stats->improvements = 0;
    }
    return s;
  }
  const int budget = std::max(1, opt.schedules);
  int used = 0, improvements = 0;
  LeveledSchedule best, cur, back, fb;
  std::vector<std::unique_ptr<Worker>> workers;  // the sampling threads', when more than one
  bool have = false;
  // The list the best schedule was decoded from (empty: a parallel pass's, none): the moves of
  // phase 4 start from it.
  std::vector<uint32_t> best_list;
  auto consider = [&](LeveledSchedule& s, std::string method, std::span<const uint32_t> list) {
    s.method = std::move(method);
    if (!have || better(s, best)) {
      if (have) ++improvements;
      std::swap(best, s);
      best_list.assign(list.begin(), list.end());
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
    consider(cur, fmt::format("serial/{}", to_string(r)), list);
  }
  for (PriorityRule r : kParallelRules) {
    if (used >= budget || out_of_time() || optimal()) break;
    w.parallel(r, cur);
    ++used;
    consider(cur, fmt::format("parallel/{}", to_string(r)), {});
  }
  // 2. Forward-backward improvement of the best, while it helps.
  for (int round = 0; round < 4 && used + 2 <= budget && !out_of_time() && !optimal(); ++round) {
    used += 2;
    if (!w.forward_backward(best, back, fb) || !better(fb, best)) break;
    std::string m = best.method.ends_with("+fbi") ? best.method : best.method + "+fbi";
    consider(fb, m, w.list);
  }
  // 3. Randomized priority sampling, each sample followed by one forward-backward pass. The
  // samples are fixed by (seed, index), and the best wins by (objective, index): the result
  // does not depend on the number of threads.
  int best_index = -1;
  // While a deadline is missed (phase 4) the search also breeds: the best kPop lists so far (one
  // per objective value), from the samples of phase 3 on, are crossed over.
  constexpr size_t kPop = 8;
  const bool due = std::any_of(impl_->targets.groups.begin(), impl_->targets.groups.end(),
                               [](const DueGroup& grp) { return grp.due < kNever; });
  // The passes in all while a deadline is missed: the auto effort's deadline_schedules, or an
  // explicit budget (then half of the samples go to phase 4 instead, as long as one is missed).
  const int total = due ? std::max(opt.deadline_schedules, budget) : budget;
  const bool breeding = due;
  std::vector<Member> pop, block;
  auto sample = [&](int first, int last, SampleNoise noise, bool breed) {
    const int count = last - first;
    const int threads = std::max(1, std::min(opt.threads, count));
    struct Local {
      LeveledSchedule best, cur, back, fb;
      std::vector<uint32_t> best_list;
      int index = -1;
      int done = 0;
    };
    std::vector<Local> locals(threads);
    breed = breed && pop.size() >= 2;
    if (breeding) block.assign(count, Member{});
    auto run = [&](int t, Worker& wk) {
      Local& L = locals[t];
      std::vector<uint32_t> list;
      std::vector<uint8_t> in;
      for (int i = first + t; i < last; i += threads) {
        if (opt.time_budget_seconds > 0 && out_of_time()) break;
        uint64_t seed = opt.seed * 0x9e3779b97f4a7c15ull + static_cast<uint64_t>(i) + 1;
        if (breed) {
          uint64_t st = seed;
          const size_t a = splitmix64_next(st) % pop.size();
          size_t b = splitmix64_next(st) % (pop.size() - 1);
          if (b >= a) ++b;
          const size_t q = 1 + splitmix64_next(st) % std::max<size_t>(1, pop[a].list.size() - 1);
          crossover(pop[a].list, pop[b].list, q, in, list);
        } else {
          wk.sampled_list(seed, list, noise);
        }
        wk.serial(list, L.cur);
        LeveledSchedule* pick = &L.cur;
        if (wk.forward_backward(L.cur, L.back, L.fb) && better(L.fb, L.cur)) pick = &L.fb;
        if (breeding) {
          Member& m = block[i - first];
          m.score = score_of(*pick);
          m.list = pick == &L.fb ? wk.list : list;
          m.index = i;
        }
        ++L.done;
        if (L.index < 0 || better(*pick, L.best)) {
          if (breeding) L.best_list = pick == &L.fb ? wk.list : list;  // the moves' start
          std::swap(L.best, *pick);
          L.index = i;
        }
      }
    };
    if (threads == 1) {
      run(0, w);
    } else {
      if (workers.size() < static_cast<size_t>(threads)) workers.resize(threads);
      for (auto& wk : workers)
        if (!wk) wk = std::make_unique<Worker>(impl_->g, impl_->cpm, impl_->targets);
      std::vector<std::jthread> pool;
      for (int t = 1; t < threads; ++t)
        pool.emplace_back([&, t] { run(t, *workers[t]); });
      run(0, *workers[0]);
      pool.clear();
    }
    for (auto& L : locals) {
      used += 3 * L.done;
      if (L.index < 0) continue;
      bool win = better(L.best, best) ||
                 (best_index >= 0 && !better(best, L.best) && L.index < best_index);
      if (win) {
        L.best.method = fmt::format("{}#{}+fbi", breed ? "crossover" : "sampled", L.index);
        std::swap(best, L.best);
        best_list = std::move(L.best_list);
        best_index = L.index;
        ++improvements;
      }
    }
    if (breeding) {
      for (auto& m : block)
        if (!m.list.empty()) pop.push_back(std::move(m));
      std::sort(pop.begin(), pop.end(), [](const Member& x, const Member& y) {
        if (better(x.score, y.score)) return true;
        if (better(y.score, x.score)) return false;
        return x.index < y.index;
      });
      std::vector<Member> keep;
      for (auto& m : pop) {
        if (!keep.empty() && !better(keep.back().score, m.score) &&
            !better(m.score, keep.back().score))
          continue;
        keep.push_back(std::move(m));
        if (keep.size() >= kPop) break;
      }
      pop = std::move(keep);
    }
  };
  // No order can make a due group finish before its critical-path finish: the tardiness that
  // leaves is a floor the search need not look for anything below.
  double floor = 0;
  for (const auto& grp : impl_->targets.groups) {
    if (grp.due >= kNever) continue;
    Slot last = -kNever;
    for (uint32_t n : grp.nodes)
      if (n < impl_->cpm.finish.size()) last = std::max(last, impl_->cpm.finish[n]);
    if (last > grp.due) floor += grp.weight * double(last - grp.due);
  }
  const int samples = (budget - used) / 3;
  const bool split = due && opt.deadline_schedules <= budget;
  const int first_part = split ? samples / 2 : samples;
  // With deadlines the samples stay closer to the deadline-aware order: noise up to 2-22 % of
  // the late finishes' range, not 2-42 % (kept for programs without deadlines). On programs
  // with every milestone's deadline tight (bench/deadlines_tight.py; 300 tasks, seeds 1-10, and
  // 1,000 tasks, seeds 1-3) that left 94 late where the wider noise left 126.
  const SampleNoise noise = due ? SampleNoise{0.02, 0.2} : SampleNoise{};
  if (first_part > 0 && !out_of_time() && !optimal()) sample(0, first_part, noise, false);
  if (samples > first_part && best.tardiness <= floor && !out_of_time() && !optimal())
    sample(first_part, samples, noise, false);
  // 4. While a deadline is missed, up to `total` passes in all: moves along the
  // late groups' chains (leveling_moves.h) from the best schedule, then more samples in fixed
  // blocks, and moves again from each better schedule they find; until the tardiness is down to
  // its floor, or the sampling stalls (no improvement in the last 512 samples, nor in twice as
  // many as came before the last one). No order can make a due group finish before its
  // critical-path finish: the tardiness that leaves is the floor.
  // The moves took bench/deadlines_tight.py (every milestone due at its date in a 3,000-pass
  // schedule of the same program) from 61 late milestones of 930 (176 working days; 300 tasks,
  // seeds 1-30) to 0, and from 69 of 623 (219 days; 1,000 tasks, seeds 1-6) to 4 (4 days).
  if (due && total > used) {
    const std::function<bool()> timed_out = out_of_time;
    auto moves = [&] {
      if (best.tardiness <= floor || out_of_time()) return;
      MoveLimits lim;
      lim.most = total;
      lim.floor = floor;
      const int gained =
          chain_moves(impl_->main, impl_->targets, best, best_list, lim, used, timed_out);
      improvements += gained;
      if (gained == 0) return;
      // The moved schedule breeds too, first in the population (it beats every member).
      Member m;
      m.score = score_of(best);
      m.list = best_list;
      pop.insert(pop.begin(), std::move(m));
      if (pop.size() > kPop) pop.pop_back();
    };
    moves();
    constexpr int kBlock = 64;
    const int from = std::max(best.tardiness > floor ? first_part : samples, 0);
    for (int first = from; best.tardiness > floor && !out_of_time(); first += kBlock) {
      const int left = (total - used) / 3;
      if (left <= 0) break;
      const int since = first - (best_index + 1);  // samples since the last improvement
      if (since >= std::max(2 * (best_index + 1), 8 * kBlock)) break;
      const LeveledSchedule before = score_of(best);
      // One block of fresh samples (new material for the lists), then two of crossovers.
      sample(first, first + std::min(kBlock, left), noise, ((first - from) / kBlock) % 3 != 0);
      if (better(best, before)) moves();
    }
  }
  if (stats) {
    stats->schedules_used = used;
    stats->improvements = improvements;
  }
  return best;
}

}  // namespace cairn::schedule
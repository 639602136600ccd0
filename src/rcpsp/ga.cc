#include "rcpsp/ga.h"

#include <algorithm>
#include <cstring>

namespace cairn::rcpsp::detail {

namespace {

// Priority rules of the sampling: smaller value first.
enum Rule { kLft = 0, kLst = 1, kGrpw = 2, kRules = 3 };

// Parameters, the same for every instance (tuned on PSPLIB J30 and J60 at 5,000 schedules).
constexpr int kPopulation = 40;         // per side
constexpr double kKeyCrossover = 0.33;  // share of random-key crossovers
constexpr double kPeakCrossover = 0.5;  // share of peak crossovers among the others
constexpr double kMutation = 0.8;       // chance of a shift mutation per child
constexpr int kRestartAfter = 400;      // children without a better makespan
// Large instances (from this many jobs, dummies included; J120 has 122) restart later: a fresh
// sample of 120 jobs is far from the population's best and rarely helps within 5,000 schedules.
// J120-like set (bench/psplib.md, fifth round): 35.49 -> 35.30 % above the critical-path bound.
constexpr int kLargeJobs = 100;
constexpr int kRestartAfterLarge = 1000;
// From kLargeJobs, a child whose first schedule is more than this share longer than the worst of
// the other side is not reflected (its pass still counts; the budget goes to further children).
// J120-like set, seeds 1-3: 35.297 -> 35.222 % (margin 0: 35.631, 0.1: 35.269).
constexpr double kSkipReflectionMargin = 0.05;
constexpr int kCostOfChild = 2;  // its own pass and its reflection
// Chance that a child's first pass (and a sample's) uses the parallel SGS instead of the serial
// one; reflections are always serial (a serial pass over the jobs by decreasing finish is what
// guarantees a schedule no longer than the one reflected). J60 at 5,000 schedules: 11.03 % above
// the critical-path bound with the serial SGS alone, 10.92 % with this mix (bench/psplib.md).
constexpr double kParallelFirstPass = 0.3;
// From kLargeJobs the choice is a gene of each individual instead (self-adaptation, Hartmann
// 2002): a child's first pass uses its mother's SGS, the other one for kFlipSgs of the children;
// samples (initial population, restarts) are parallel with probability kLargeParallelSamples. The
// population then settles on the SGS that suits the instance (mostly parallel where resources are
// tight). And in the last kEliteShare of the budget the mother is a random one of the kElite best
// of her side (the father still by tournament). J120-like set, seeds 1-6 (bench/psplib.md, eighth
// round): 35.233 -> 34.986 % above the critical-path bound.
constexpr double kFlipSgs = 0.05;
constexpr double kLargeParallelSamples = 0.7;
constexpr double kEliteShare = 0.5;
constexpr int kElite = 6;
// From kLargeJobs, a reflection's list takes the jobs that finish together in the schedule
// reflected in random order, not by job index (see reflect()). J120-like set (bench/psplib.md,
// tenth round): seeds 1-6 34.986 -> 34.940 %, seeds 7-12 35.023 -> 34.957 % above the
// critical-path bound; ties by the reflected list's order: 34.949, by a random rotation of the
// indices: 34.956 (seeds 1-6).

}  // namespace

Search::Search(const Model& model, const RcpspOptions& options)
    : m_(model), options_(options), sgs_(model), rng_(options.seed) {
  const int n = m_.n;
  pop_size_ = kPopulation;
  large_ = n >= kLargeJobs;
  restart_after_ = large_ ? kRestartAfterLarge : kRestartAfter;
  for (Side& side : side_) {
    side.list.assign(static_cast<size_t>(pop_size_) * n, 0);
    side.start.assign(static_cast<size_t>(pop_size_) * n, 0);
    side.slot.assign(pop_size_, Slot{});
  }
  best_start_.assign(n, 0);
  size_t table = 1024;
  while (table < static_cast<size_t>(std::min(options_.schedules, 1 << 22)) * 2)
    table <<= 1;
  seen_.assign(table, 0);
  child_list_.assign(n, 0);
  child_start_.assign(n, 0);
  other_list_.assign(n, 0);
  other_start_.assign(n, 0);
  normal_.assign(n, 0);
  pos_.assign(n, 0);
  mark_.assign(n, 0);
  eligible_.reserve(n);
  npred_.assign(n, 0);
  weight_.assign(n, 0.0);
  profile_.assign(m_.horizon + 2, 0);
  order_.assign(n, 0);
  load_.assign(n, 0);
  rank_.assign(pop_size_, 0);
  for (int j = 0; j < n; ++j) {
    for (int k = 0; k < m_.r; ++k) {
      const int c = m_.cap[k];
      if (c > 0) load_[j] += (m_.dem[static_cast<size_t>(j) * m_.r + k] * 1024) / c;
    }
  }
  best_makespan_ = INT32_MAX;
}

bool Search::affordable(int cost) {
  if (stop_) return false;
  if (used_ + cost > options_.schedules && used_ > 0) {
    stop_ = true;
    return false;
  }
  if (options_.time_budget_seconds > 0 && (++clock_checks_ & 15) == 0) {
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began_).count();
    if (elapsed >= options_.time_budget_seconds) {
      stop_ = true;
      return false;
    }
  }
  return true;
}

uint64_t Search::hash_of(int s, const int* start) const {
  uint64_t h = s == 0 ? 0xcbf29ce484222325ULL : 0x84222325cbf29ce4ULL;
  for (int j = 0; j < m_.n; ++j) {
    h ^= static_cast<uint64_t>(start[j]) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  }
  return h;
}

// Makespan, then the load of the last period (a schedule that uses little of its last period is
// close to a shorter one), then the sum of finish times (compactness).
int64_t Search::fitness(const int* start, int makespan) const {
  int64_t sum = 0;
  int64_t last = 0;
  for (int j = 0; j < m_.n; ++j) {
    const int finish = start[j] + m_.dur[j];
    sum += finish;
    if (finish == makespan && m_.dur[j] > 0) last += load_[j];
  }
  return (int64_t{makespan} << 32) + (std::min<int64_t>(last, 65535) << 16) +
         std::min<int64_t>(sum, 65535);
}

void Search::consider(const int* start, int makespan) {
  if (makespan < best_makespan_) {
    best_makespan_ = makespan;
    std::memcpy(best_start_.data(), start, sizeof(int) * m_.n);
    if (options_.stop_at_lower_bound && makespan <= m_.lower_bound) stop_ = true;
  }
}

bool Search::remember(uint64_t hash) {
  const uint64_t h = hash | 1;  // 0 marks an empty cell
  const size_t mask = seen_.size() - 1;
  size_t at = h & mask;
  while (seen_[at] != 0) {
    if (seen_[at] == h) return false;
    at = (at + 1) & mask;
  }
  if (seen_count_ * 2 < seen_.size()) {
    seen_[at] = h;
    ++seen_count_;
  }
  return true;
}

int Search::decode(int s, int* list, int* start, bool parallel) {
  const int n = m_.n;
  int makespan = 0;
  if (s == 0) {
    makespan = parallel ? sgs_.forward_parallel(list, start) : sgs_.forward(list, start);
    consider(start, makespan);
    sgs_.order_by_start(start, list);
  } else {
    makespan = parallel ? sgs_.backward_parallel(list, normal_.data())
                        : sgs_.backward(list, normal_.data());
    consider(normal_.data(), makespan);
    for (int j = 0; j < n; ++j)
      start[j] = makespan - normal_[j] - m_.dur[j];
    sgs_.order_by_start_desc_index(start, list);
  }
  ++used_;
  return makespan;
}

void Search::order_by_start_random_ties(int s, const int* start, int* list) {
  const int n = m_.n;
  // Zero-duration jobs first (a tie between a job and its successor involves one; by index they
  // follow the arcs, backward on side 1), then the others shuffled.
  int k = 0;
  for (int i = 0; i < n; ++i) {
    const int j = s == 0 ? i : n - 1 - i;
    if (m_.dur[j] == 0) order_[k++] = j;
  }
  const int zero = k;
  for (int j = 0; j < n; ++j) {
    if (m_.dur[j] > 0) order_[k++] = j;
  }
  for (int i = n - 1; i > zero; --i)
    std::swap(order_[i], order_[zero + rng_.below(i - zero + 1)]);
  sgs_.order_by_start_in(start, order_.data(), list);  // stable in that order
}

int Search::reflect(int s, const int* start, int makespan, int* list, int* other_start) {
  // The same schedule read from the other end: its jobs by decreasing finish (side 0 to 1) or by
  // increasing start (side 1 to 0) are a list of the other side. Among jobs that finish (start)
  // together the list's order decides which one the pass places first: by index, ties are always
  // settled the same way; from kLargeJobs at random, so the reflections spread out more.
  for (int j = 0; j < m_.n; ++j)
    other_start[j] = makespan - start[j] - m_.dur[j];
  if (large_) {
    order_by_start_random_ties(1 - s, other_start, list);
  } else if (s == 0) {
    sgs_.order_by_start_desc_index(other_start, list);
  } else {
    sgs_.order_by_start(other_start, list);
  }
  return decode(1 - s, list, other_start, false);
}

void Search::breed(int s, int* list, int s_slot, int o_slot) {
  const int n = m_.n;
  // A child of a large instance follows its gene (set by run()); a sample draws one.
  const bool child = s_slot < 0;
  bool parallel;
  if (large_ && child) {
    parallel = gene_ != 0;
  } else {
    parallel = rng_.unit() < (large_ ? kLargeParallelSamples : kParallelFirstPass);
    gene_ = parallel ? 1 : 0;
  }
  const int makespan = decode(s, list, child_start_.data(), parallel);
  const bool fresh = remember(hash_of(s, child_start_.data()));
  auto put = [&](int side, int i, const int* l, const int* st, int ms) {
    std::memcpy(list_of(side, i), l, sizeof(int) * n);
    std::memcpy(start_of(side, i), st, sizeof(int) * n);
    side_[side].slot[i] = Slot{ms, hash_of(side, st), fitness(st, ms), gene_};
  };
  if (s_slot >= 0) {
    put(s, s_slot, list, child_start_.data(), makespan);
  } else if (fresh) {
    insert(s, list, child_start_.data(), makespan);
  } else {
    return;  // generated before: its reflection is known too
  }
  const int o = 1 - s;
  if (child && large_) {
    // A child far longer than the other side's worst rarely reflects into it: keep the pass.
    int worst_o = 0;
    for (int i = 0; i < pop_size_; ++i)
      worst_o = std::max(worst_o, side_[o].slot[i].makespan);
    if (makespan > worst_o + worst_o * kSkipReflectionMargin) return;
  }
  const int reflected =
      reflect(s, child_start_.data(), makespan, other_list_.data(), other_start_.data());
  const bool fresh_o = remember(hash_of(o, other_start_.data()));
  if (o_slot >= 0) {
    put(o, o_slot, other_list_.data(), other_start_.data(), reflected);
  } else if (fresh_o) {
    insert(o, other_list_.data(), other_start_.data(), reflected);
  }
  // While reflecting shortens the schedule, keep going (each pass feeds the side it decodes).
  int side = o;
  int ms = reflected;
  int prev = makespan;
  while (ms < prev && fresh_o && affordable(1)) {
    std::memcpy(child_list_.data(), other_list_.data(), sizeof(int) * n);
    std::memcpy(child_start_.data(), other_start_.data(), sizeof(int) * n);
    prev = ms;
    ms = reflect(side, child_start_.data(), prev, other_list_.data(), other_start_.data());
    side = 1 - side;
    if (!remember(hash_of(side, other_start_.data()))) break;
    insert(side, other_list_.data(), other_start_.data(), ms);
  }
}

void Search::sample_list(int rule, int* list) {
  const int n = m_.n;
  eligible_.clear();
  for (int j = 0; j < n; ++j) {
    npred_[j] = m_.pred_off[j + 1] - m_.pred_off[j];
    if (npred_[j] == 0) eligible_.push_back(j);
  }
  auto value = [&](int j) -> double {
    switch (rule) {
      case kLft:
        return m_.lf[j];
      case kLst:
        return m_.ls[j];
      default:
        return -static_cast<double>(m_.work[j]);
    }
  };
  for (int i = 0; i < n; ++i) {
    double worst = value(eligible_[0]);
    for (int j : eligible_)
      worst = std::max(worst, value(j));
    double total = 0;
    for (size_t e = 0; e < eligible_.size(); ++e) {
      const double regret = worst - value(eligible_[e]) + 1.0;
      weight_[e] = regret;
      total += regret;
    }
    double pick = rng_.unit() * total;
    size_t e = 0;
    for (; e + 1 < eligible_.size(); ++e) {
      pick -= weight_[e];
      if (pick < 0) break;
    }
    const int j = eligible_[e];
    eligible_[e] = eligible_.back();
    eligible_.pop_back();
    list[i] = j;
    for (int k = m_.succ_off[j]; k < m_.succ_off[j + 1]; ++k) {
      if (--npred_[m_.succ[k]] == 0) eligible_.push_back(m_.succ[k]);
    }
  }
}

void Search::crossover_two_point(const int* mother, const int* father, int* child) {
  const int n = m_.n;
  int q1 = rng_.below(n + 1);
  int q2 = rng_.below(n + 1);
  if (q1 > q2) std::swap(q1, q2);
  ++mark_stamp_;
  int pos = 0;
  for (; pos < q1; ++pos) {
    child[pos] = mother[pos];
    mark_[mother[pos]] = mark_stamp_;
  }
  for (int i = 0; i < n && pos < q2; ++i) {
    const int j = father[i];
    if (mark_[j] != mark_stamp_) {
      child[pos++] = j;
      mark_[j] = mark_stamp_;
    }
  }
  for (int i = 0; i < n && pos < n; ++i) {
    const int j = mother[i];
    if (mark_[j] != mark_stamp_) {
      child[pos++] = j;
      mark_[j] = mark_stamp_;
    }
  }
}

void Search::init_population() {
  int filled = 0;
  for (int i = 0; i < pop_size_; ++i) {
    if (!affordable(kCostOfChild)) break;
    sample_list(i % kRules, child_list_.data());
    breed(0, child_list_.data(), i, i);
    ++filled;
    if (stop_) break;
  }
  // Out of budget (or stopped) before the population is full: a smaller population.
  pop_size_ = std::max(filled, 1);
}

// Peak crossover (after Valls, Ballestin and Quintanilla 2008): a window of high resource use in
// the mother's schedule keeps the mother's order; the jobs before and after it take the father's.
void Search::crossover_peak(int s, int mother, const int* father, int* child) {
  const int n = m_.n;
  const int* ms = start_of(s, mother);
  const int* ml = list_of(s, mother);
  const int makespan = side_[s].slot[mother].makespan;
  if (makespan <= 1) {
    std::memcpy(child, ml, sizeof(int) * n);
    return;
  }
  // Load per period, each resource weighted by 1/capacity.
  std::fill(profile_.begin(), profile_.begin() + makespan, 0);
  for (int j = 0; j < n; ++j) {
    const int w = load_[j];
    if (w == 0) continue;
    for (int t = ms[j]; t < ms[j] + m_.dur[j]; ++t)
      profile_[t] += w;
  }
  const int len = std::max(1, makespan / 4 + rng_.below(std::max(1, makespan / 4)));
  int64_t sum = 0;
  for (int t = 0; t < len && t < makespan; ++t)
    sum += profile_[t];
  int64_t best_sum = sum;
  int best_a = 0;
  for (int a = 1; a + len <= makespan; ++a) {
    sum += profile_[a + len - 1] - profile_[a - 1];
    if (sum > best_sum || (sum == best_sum && rng_.below(2) == 0)) {
      best_sum = sum;
      best_a = a;
    }
  }
  const int lo = best_a;
  const int hi = best_a + len;
  int pos = 0;
  for (int i = 0; i < n; ++i) {
    if (ms[father[i]] < lo) child[pos++] = father[i];
  }
  for (int i = 0; i < n; ++i) {
    const int st = ms[ml[i]];
    if (st >= lo && st < hi) child[pos++] = ml[i];
  }
  for (int i = 0; i < n; ++i) {
    if (ms[father[i]] >= hi) child[pos++] = father[i];
  }
}

// Shift mutation: moves a job to a random position between the last job that must precede it and
// the first job that must follow it in the list (on side 1 the arcs run backward).
void Search::mutate(int s, int* list) {
  const int n = m_.n;
  if (n < 2) return;
  const int* before_off = s == 0 ? m_.pred_off.data() : m_.succ_off.data();
  const int* before = s == 0 ? m_.pred.data() : m_.succ.data();
  const int* after_off = s == 0 ? m_.succ_off.data() : m_.pred_off.data();
  const int* after = s == 0 ? m_.succ.data() : m_.pred.data();
  for (int i = 0; i < n; ++i)
    pos_[list[i]] = i;
  const int i = rng_.below(n);
  const int j = list[i];
  int lo = 0;
  int hi = n - 1;
  for (int k = before_off[j]; k < before_off[j + 1]; ++k)
    lo = std::max(lo, pos_[before[k]] + 1);
  for (int k = after_off[j]; k < after_off[j + 1]; ++k)
    hi = std::min(hi, pos_[after[k]] - 1);
  const int target = lo + rng_.below(hi - lo + 1);
  if (target < i) {
    std::memmove(list + target + 1, list + target, sizeof(int) * (i - target));
  } else if (target > i) {
    std::memmove(list + i, list + i + 1, sizeof(int) * (target - i));
  }
  list[target] = j;
}

// Random-key two-point crossover (after Debels and Vanhoucke): each job takes its start time in
// the mother or, for a random range of job indices, in the father as its key; the list takes the
// eligible job with the smallest key first.
void Search::crossover_keys(int s, int mother, int father, int* child) {
  const int n = m_.n;
  const int* before_off = s == 0 ? m_.pred_off.data() : m_.succ_off.data();
  const int* after_off = s == 0 ? m_.succ_off.data() : m_.pred_off.data();
  const int* after = s == 0 ? m_.succ.data() : m_.pred.data();
  int q1 = rng_.below(n + 1);
  int q2 = rng_.below(n + 1);
  if (q1 > q2) std::swap(q1, q2);
  const int* ms = start_of(s, mother);
  const int* fs = start_of(s, father);
  for (int j = 0; j < n; ++j)
    weight_[j] = (j >= q1 && j < q2) ? fs[j] : ms[j];
  eligible_.clear();
  for (int j = 0; j < n; ++j) {
    npred_[j] = before_off[j + 1] - before_off[j];
    if (npred_[j] == 0) eligible_.push_back(j);
  }
  for (int i = 0; i < n; ++i) {
    size_t best = 0;
    for (size_t e = 1; e < eligible_.size(); ++e) {
      const int a = eligible_[e];
      const int b = eligible_[best];
      if (weight_[a] < weight_[b] || (weight_[a] == weight_[b] && a < b)) best = e;
    }
    const int j = eligible_[best];
    eligible_[best] = eligible_.back();
    eligible_.pop_back();
    child[i] = j;
    for (int k = after_off[j]; k < after_off[j + 1]; ++k) {
      if (--npred_[after[k]] == 0) eligible_.push_back(after[k]);
    }
  }
}

int Search::select_parent(int s) {
  const int a = rng_.below(pop_size_);
  const int b = rng_.below(pop_size_);
  return side_[s].slot[b].fit < side_[s].slot[a].fit ? b : a;
}

int Search::select_elite(int s) {
  const std::vector<Slot>& slot = side_[s].slot;
  for (int i = 0; i < pop_size_; ++i)
    rank_[i] = i;
  const int k = std::min(kElite, pop_size_);
  std::partial_sort(rank_.begin(), rank_.begin() + k, rank_.begin() + pop_size_,
                    [&](int a, int b) { return slot[a].fit < slot[b].fit; });
  return rank_[rng_.below(k)];
}

bool Search::is_duplicate(int s, int makespan, uint64_t hash, int64_t fit) const {
  for (const Slot& slot : side_[s].slot) {
    if (slot.makespan == makespan && (slot.hash == hash || slot.fit == fit)) return true;
  }
  return false;
}

bool Search::insert(int s, const int* list, const int* start, int makespan) {
  const uint64_t hash = hash_of(s, start);
  const int64_t fit = fitness(start, makespan);
  if (is_duplicate(s, makespan, hash, fit)) return false;
  // The worst individual; among equals a random one (reservoir sampling).
  std::vector<Slot>& slot = side_[s].slot;
  int worst = 0;
  int ties = 1;
  for (int i = 1; i < pop_size_; ++i) {
    if (slot[i].fit > slot[worst].fit) {
      worst = i;
      ties = 1;
    } else if (slot[i].fit == slot[worst].fit && rng_.below(++ties) == 0) {
      worst = i;
    }
  }
  if (fit > slot[worst].fit) return false;
  std::memcpy(list_of(s, worst), list, sizeof(int) * m_.n);
  std::memcpy(start_of(s, worst), start, sizeof(int) * m_.n);
  slot[worst] = Slot{makespan, hash, fit, gene_};  // a child's reflections carry its gene
  return true;
}

// Keeps the best individual of each side (moved to slot 0) and samples the others afresh.
void Search::restart_population() {
  const size_t n = m_.n;
  for (int s = 0; s < 2; ++s) {
    std::vector<Slot>& slot = side_[s].slot;
    int best = 0;
    for (int i = 1; i < pop_size_; ++i) {
      if (slot[i].fit < slot[best].fit) best = i;
    }
    if (best != 0) {
      std::swap_ranges(list_of(s, 0), list_of(s, 0) + n, list_of(s, best));
      std::swap_ranges(start_of(s, 0), start_of(s, 0) + n, start_of(s, best));
      std::swap(slot[0], slot[best]);
    }
  }
  for (int i = 1, k = 0; i < pop_size_; ++i) {
    if (!affordable(kCostOfChild)) return;
    sample_list(k++ % kRules, child_list_.data());
    breed(0, child_list_.data(), i, i);
  }
}

void Search::run() {
  began_ = std::chrono::steady_clock::now();
  const int n = m_.n;
  if (n == 0) {
    best_makespan_ = 0;
    used_ = 1;
    return;
  }
  if (options_.schedules < kCostOfChild) {
    // The budget is below one individual: one forward pass of a sampled list.
    sample_list(kLft, child_list_.data());
    best_makespan_ = sgs_.forward(child_list_.data(), best_start_.data());
    used_ = 1;
    return;
  }
  init_population();
  int last_best = best_makespan_;
  int since = 0;
  int s = 1;
  while (!stop_ && pop_size_ > 1 && affordable(kCostOfChild)) {
    if (best_makespan_ < last_best) {
      last_best = best_makespan_;
      since = 0;
    } else if (++since > restart_after_) {
      since = 0;
      restart_population();
      continue;
    }
    s = 1 - s;  // the sides take turns
    const bool elite = large_ && used_ > options_.schedules * (1 - kEliteShare);
    const int mother = elite ? select_elite(s) : select_parent(s);
    if (large_) {
      gene_ = side_[s].slot[mother].parallel;
      if (rng_.unit() < kFlipSgs) gene_ ^= 1;
    }
    int father = select_parent(s);
    if (father == mother) father = (mother + 1 + rng_.below(pop_size_ - 1)) % pop_size_;
    const int* ml = list_of(s, mother);
    const int* fl = list_of(s, father);
    if (rng_.unit() < kKeyCrossover) {
      crossover_keys(s, mother, father, child_list_.data());
    } else if (rng_.unit() >= kPeakCrossover) {
      crossover_two_point(ml, fl, child_list_.data());
    } else {
      crossover_peak(s, mother, fl, child_list_.data());
    }
    if (rng_.unit() < kMutation) mutate(s, child_list_.data());
    // A copy of a parent teaches nothing: mutate until it differs (a few times at most).
    for (int guard = 0; guard < 8; ++guard) {
      const bool same_m = std::memcmp(child_list_.data(), ml, sizeof(int) * n) == 0;
      const bool same_f = std::memcmp(child_list_.data(), fl, sizeof(int) * n) == 0;
      if (!same_m && !same_f) break;
      mutate(s, child_list_.data());
    }
    breed(s, child_list_.data(), -1, -1);
  }
}

}  // namespace cairn::rcpsp::detail

#include "schedule/rcpsp_ga.h"

#include <algorithm>
#include <cstring>

namespace cairn::schedule::rcpsp_internal {

namespace {

// Priority rules of the sampling: smaller value first.
enum Rule { kLft = 0, kLst = 1, kGrpw = 2, kRules = 3 };

// Parameters, the same for every instance (tuned on PSPLIB J30 and J60 at 5,000 schedules).
constexpr int kPopulation = 40;
constexpr double kKeyCrossover = 0.33;  // share of random-key crossovers
constexpr double kPeakCrossover = 0.5;  // share of peak crossovers among the others
constexpr double kMutation = 0.5;       // chance of a shift mutation per child
constexpr int kRestartAfter = 400;      // children without a better makespan
constexpr int kCostOfIndividual = 3;    // forward pass + double justification

}  // namespace

Search::Search(const Model& model, const RcpspOptions& options)
    : m_(model), options_(options), sgs_(model), rng_(options.seed) {
  const int n = m_.n;
  pop_size_ = kPopulation;
  pop_list_.assign(static_cast<size_t>(pop_size_) * n, 0);
  pop_start_.assign(static_cast<size_t>(pop_size_) * n, 0);
  pop_.assign(pop_size_, Slot{});
  best_start_.assign(n, 0);
  size_t table = 1024;
  while (table < static_cast<size_t>(std::min(options_.schedules, 1 << 22)) * 2)
    table <<= 1;
  seen_.assign(table, 0);
  child_list_.assign(n, 0);
  child_start_.assign(n, 0);
  pos_.assign(n, 0);
  mark_.assign(n, 0);
  eligible_.reserve(n);
  npred_.assign(n, 0);
  weight_.assign(n, 0.0);
  profile_.assign(m_.horizon + 2, 0);
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

uint64_t Search::hash_of(const int* start) const {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (int j = 0; j < m_.n; ++j) {
    h ^= static_cast<uint64_t>(start[j]) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  }
  return h;
}

int64_t Search::fitness(const int* start, int makespan) const {
  int64_t sum = 0;
  for (int j = 0; j < m_.n; ++j)
    sum += start[j] + m_.dur[j];
  return (int64_t{makespan} << 32) + sum;
}

void Search::consider(const int* start, int makespan) {
  if (makespan < best_makespan_) {
    best_makespan_ = makespan;
    std::memcpy(best_start_.data(), start, sizeof(int) * m_.n);
    if (options_.stop_at_lower_bound && makespan <= m_.lower_bound) stop_ = true;
  }
}

bool Search::remember_forward(const int* start) {
  const uint64_t h = hash_of(start) | 1;  // 0 marks an empty cell
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

int Search::evaluate(int* list, int* start) {
  seen_before_ = false;
  int makespan = sgs_.forward(list, start);
  ++used_;
  consider(start, makespan);
  if (!remember_forward(start)) {
    // Justified before: the result is in the population or was rejected.
    seen_before_ = true;
  } else {
    while (!stop_ && used_ + 2 <= options_.schedules) {
      const int justified = sgs_.justify(start, list);
      used_ += 2;
      consider(start, justified);
      if (justified >= makespan) {
        makespan = std::min(makespan, justified);
        break;
      }
      makespan = justified;
    }
  }
  sgs_.order_by_start(start, list);
  return makespan;
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

bool Search::is_duplicate(int makespan, uint64_t hash) const {
  for (int i = 0; i < pop_size_; ++i) {
    if (pop_[i].makespan == makespan && pop_[i].hash == hash) return true;
  }
  return false;
}

void Search::init_population() {
  int filled = 0;
  for (int tries = 0; filled < pop_size_ && tries < 3 * pop_size_; ++tries) {
    if (!affordable(kCostOfIndividual)) break;
    int* list = list_of(filled);
    int* start = start_of(filled);
    sample_list(tries % kRules, list);
    const int makespan = evaluate(list, start);
    const uint64_t hash = hash_of(start);
    if (stop_ || !seen_before_ || !is_duplicate(makespan, hash) || tries >= 2 * pop_size_) {
      pop_[filled] = Slot{makespan, hash, fitness(start, makespan)};
      ++filled;
    }
    if (stop_) break;
  }
  // Out of budget (or stopped) before the population is full: a smaller population.
  pop_size_ = std::max(filled, 1);
}

// Hartmann's two-point crossover: the mother's head, then the father's order of the jobs not yet
// taken up to the second point, then the mother's order of the rest.
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

// Peak crossover (after Valls, Ballestin and Quintanilla 2008): a window of high resource use in
// the mother's schedule keeps the mother's order; the jobs before and after it take the father's.
void Search::crossover_peak(int mother, const int* father, int* child) {
  const int n = m_.n;
  const int r = m_.r;
  const int* ms = start_of(mother);
  const int* ml = list_of(mother);
  const int makespan = pop_[mother].makespan;
  if (makespan <= 1) {
    std::memcpy(child, ml, sizeof(int) * n);
    return;
  }
  // Load per period, each resource weighted by 1/capacity (scaled to integers).
  std::fill(profile_.begin(), profile_.begin() + makespan, 0);
  for (int j = 0; j < n; ++j) {
    int w = 0;
    for (int k = 0; k < r; ++k) {
      const int c = m_.cap[k];
      if (c > 0) w += (m_.dem[static_cast<size_t>(j) * r + k] * 1024) / c;
    }
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
    const int s = ms[ml[i]];
    if (s >= lo && s < hi) child[pos++] = ml[i];
  }
  for (int i = 0; i < n; ++i) {
    if (ms[father[i]] >= hi) child[pos++] = father[i];
  }
}

// Shift mutation: moves a job to a random position between its last predecessor and its first
// successor in the list.
void Search::mutate(int* list) {
  const int n = m_.n;
  if (n < 2) return;
  for (int i = 0; i < n; ++i)
    pos_[list[i]] = i;
  const int i = rng_.below(n);
  const int j = list[i];
  int lo = 0;
  int hi = n - 1;
  for (int k = m_.pred_off[j]; k < m_.pred_off[j + 1]; ++k)
    lo = std::max(lo, pos_[m_.pred[k]] + 1);
  for (int k = m_.succ_off[j]; k < m_.succ_off[j + 1]; ++k)
    hi = std::min(hi, pos_[m_.succ[k]] - 1);
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
void Search::crossover_keys(int mother, int father, int* child) {
  const int n = m_.n;
  int q1 = rng_.below(n + 1);
  int q2 = rng_.below(n + 1);
  if (q1 > q2) std::swap(q1, q2);
  const int* ms = start_of(mother);
  const int* fs = start_of(father);
  for (int j = 0; j < n; ++j)
    weight_[j] = (j >= q1 && j < q2) ? fs[j] : ms[j];
  eligible_.clear();
  for (int j = 0; j < n; ++j) {
    npred_[j] = m_.pred_off[j + 1] - m_.pred_off[j];
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
    for (int k = m_.succ_off[j]; k < m_.succ_off[j + 1]; ++k) {
      if (--npred_[m_.succ[k]] == 0) eligible_.push_back(m_.succ[k]);
    }
  }
}

int Search::select_parent() {
  const int a = rng_.below(pop_size_);
  const int b = rng_.below(pop_size_);
  return pop_[b].fit < pop_[a].fit ? b : a;
}

// Keeps the best individual and samples the others afresh.
void Search::restart_population() {
  int best = 0;
  for (int i = 1; i < pop_size_; ++i) {
    if (pop_[i].fit < pop_[best].fit) best = i;
  }
  for (int i = 0, k = 0; i < pop_size_; ++i) {
    if (i == best) continue;
    if (!affordable(kCostOfIndividual)) return;
    sample_list(k++ % kRules, list_of(i));
    const int makespan = evaluate(list_of(i), start_of(i));
    pop_[i] = Slot{makespan, hash_of(start_of(i)), fitness(start_of(i), makespan)};
  }
}

bool Search::insert_child(const int* list, const int* start, int makespan) {
  if (seen_before_) return false;
  const uint64_t hash = hash_of(start);
  if (is_duplicate(makespan, hash)) return false;
  // The worst individual; among equals a random one (reservoir sampling).
  int worst = 0;
  int ties = 1;
  for (int i = 1; i < pop_size_; ++i) {
    if (pop_[i].fit > pop_[worst].fit) {
      worst = i;
      ties = 1;
    } else if (pop_[i].fit == pop_[worst].fit && rng_.below(++ties) == 0) {
      worst = i;
    }
  }
  const int64_t fit = fitness(start, makespan);
  if (fit > pop_[worst].fit) return false;
  std::memcpy(list_of(worst), list, sizeof(int) * m_.n);
  std::memcpy(start_of(worst), start, sizeof(int) * m_.n);
  pop_[worst] = Slot{makespan, hash, fit};
  return true;
}

void Search::run() {
  began_ = std::chrono::steady_clock::now();
  const int n = m_.n;
  if (n == 0) {
    best_makespan_ = 0;
    used_ = 1;
    return;
  }
  init_population();
  if (best_makespan_ == INT32_MAX) {
    // The budget is below one individual: one forward pass of a sampled list.
    sample_list(kLft, child_list_.data());
    best_makespan_ = sgs_.forward(child_list_.data(), best_start_.data());
    used_ = 1;
    return;
  }
  int last_best = best_makespan_;
  int since = 0;
  while (!stop_ && pop_size_ > 1 && affordable(kCostOfIndividual)) {
    if (best_makespan_ < last_best) {
      last_best = best_makespan_;
      since = 0;
    } else if (++since > kRestartAfter) {
      since = 0;
      restart_population();
      continue;
    }
    const int mother = select_parent();
    int father = select_parent();
    if (father == mother) father = (mother + 1 + rng_.below(pop_size_ - 1)) % pop_size_;
    if (rng_.unit() < kKeyCrossover) {
      crossover_keys(mother, father, child_list_.data());
    } else if (rng_.unit() >= kPeakCrossover) {
      crossover_two_point(list_of(mother), list_of(father), child_list_.data());
    } else {
      crossover_peak(mother, list_of(father), child_list_.data());
    }
    if (rng_.unit() < kMutation) mutate(child_list_.data());
    // A copy of a parent teaches nothing: mutate until it differs (a few times at most).
    for (int guard = 0; guard < 8; ++guard) {
      const bool same_m = std::memcmp(child_list_.data(), list_of(mother), sizeof(int) * n) == 0;
      const bool same_f = std::memcmp(child_list_.data(), list_of(father), sizeof(int) * n) == 0;
      if (!same_m && !same_f) break;
      mutate(child_list_.data());
    }
    const int makespan = evaluate(child_list_.data(), child_start_.data());
    insert_child(child_list_.data(), child_start_.data(), makespan);
  }
}

}  // namespace cairn::schedule::rcpsp_internal

// The trial loop is compiled for several instruction sets (SSE2, AVX2, AVX-512) and picked at run
// time. Floating-point contraction is off for the whole file so that every variant rounds the same
// way (an FMA rounds once where a multiply and an add round twice): results are bit-identical
// whatever the machine, the instruction set and the thread count.
#if defined(__clang__)
#pragma clang fp contract(off)
#else
#pragma GCC optimize("fp-contract=off")
#endif
// Vector values only cross functions that are inlined into one entry point per instruction set.
#pragma GCC diagnostic ignored "-Wpsabi"

#include "forecast/monte_carlo.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <new>
#include <thread>
#include <type_traits>
#include <utility>

#include "base/codes.h"
#include "base/random.h"
#include "forecast/throughput.h"

namespace cairn::forecast {
namespace {

inline uint32_t bits32(uint64_t key, uint64_t slot) {
  return static_cast<uint32_t>(draw_bits(key, slot) >> 32);
}

// The uniform (as 32 bits) a node uses in lane k of a batch of 16 trials, from the top 32 bits of
// its draw (base/random.h) in the batch's first trial and in the lane's own: the quantile-table
// cell is the first trial's, shifted by k sixteenths (Latin hypercube), the position within the
// cell the lane's own.
inline uint32_t node_uniform(uint32_t first_lane_bits, uint32_t lane_bits, uint32_t k) {
  constexpr int kShift = 32 - QuantileTables::kCellBits;
  const uint32_t cell =
      ((first_lane_bits >> kShift) + k * QuantileTables::kRows) % QuantileTables::kCells;
  return cell << kShift | (lane_bits & ((1u << kShift) - 1));
}

inline float risk_delay(const Network& net, uint64_t key, uint32_t r) {
  if (draw_uniform(key, net.risk_fire_slot(r)) >= net.risk_probability[r]) return 0.0f;
  return net.tables.sample(net.risk_impact[r], bits32(key, net.risk_impact_slot(r)));
}

// The level of group g in the trial of `key`: one of its multipliers, each equally likely; 1 when
// the group has none.
inline float group_level(const Network& net, uint64_t key, uint32_t g) {
  if (!net.has_levels()) return 1.0f;
  const uint32_t first = net.level_begin[g], count = net.level_begin[g + 1] - first;
  if (count == 0) return 1.0f;
  const uint64_t bits = draw_bits(Network::level_key(key), g) >> 32;
  return net.level[first + static_cast<uint32_t>((bits * count) >> 32)];
}

// A 64-byte aligned scratch array (one row of W lanes is one cache line at W = 16).
template <typename T>
class Scratch {
 public:
  Scratch() = default;
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() { release(); }
  void assign(size_t n, T value) {
    if (n > cap_) {
      release();
      data_ = static_cast<T*>(
          ::operator new (std::max<size_t>(n, 1) * sizeof(T), std::align_val_t{64}));
      cap_ = n;
    }
    size_ = n;
    std::fill(data_, data_ + n, value);
  }
  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }

 private:
  void release() {
    if (data_) ::operator delete (data_, std::align_val_t{64});
    data_ = nullptr;
    cap_ = size_ = 0;
  }
  T* data_ = nullptr;
  size_t size_ = 0, cap_ = 0;
};

enum class Isa { kBase, kAvx2, kAvx512 };

// Scratch of one worker, allocated once per simulate() call; nothing is allocated in the loop.
template <int W>
struct Worker {
  Scratch<float> time;               // [(2p) * W + k] finish, [(2p + 1) * W + k] start
  std::vector<uint8_t> needs_start;  // per position: some link reads the node's start
  Scratch<uint32_t> driver;          // [p * W + k]: position of the binding predecessor, or kNone
  Scratch<float> stream_time;        // [slot * W + k]
  Scratch<float> stream_gap;
  Scratch<float> risk;             // [r * W + k]
  Scratch<float> gsum;             // [g * W + k]
  Scratch<float> level;            // [g * W + k]: the group's level in the trial
  std::vector<double> weight_cdf;  // Bayesian bootstrap weights of one stream
  std::vector<uint32_t> critical;  // [position * targets + target]
  uint64_t truncated = 0;
};

// Draws the throughput streams of one trial (lane k of the batch).
template <int W>
void draw_streams(const Network& net, uint64_t key, int k, Worker<W>& w) {
  for (uint32_t s = 0; s < net.streams; ++s) {
    const uint32_t first = net.stream_node_begin[s], last = net.stream_node_begin[s + 1];
    if (first == last) continue;
    const float* weeks = net.stream_weeks.data() + net.stream_weeks_begin[s];
    const uint32_t nweeks = net.stream_weeks_begin[s + 1] - net.stream_weeks_begin[s];
    const float dpw = net.stream_days_per_week[s];
    const uint64_t base = net.stream_slot_base(s);
    const bool bayes = net.stream_bayesian && nweeks > 1;
    // The team's level of the trial slows (above 1) or speeds up every week of its stream.
    const uint32_t g = net.stream_group.empty() ? kNone : net.stream_group[s];
    const float pace = g != kNone && net.has_levels() ? 1.0f / w.level[size_t{g} * W + k] : 1.0f;
    // Bayesian bootstrap: the trial's weights, mean, prior count and widening, as in the
    // backtest's ThroughputSampler.
    BayesianTrial trial;
    if (bayes)
      trial = draw_bayesian_trial(
          key, base + net.stream_max_weeks, base, std::span<const float>(weeks, nweeks),
          std::span<double>(w.weight_cdf.data(), nweeks), net.stream_period[s]);
    uint32_t j = first;
    double cum = 0, prev = 0;
    // The k-th item of the queue is done where the cumulative weekly throughput reaches k - 1/2:
    // the j-th of the c items of a week at (j - 1/2) / c of it. A widened week may count below
    // zero: it holds the total back.
    for (uint32_t wk = 0; wk < net.stream_max_weeks && j < last; ++wk) {
      float c;
      if (bayes) {
        // A block of the stream's cadence at a time (one draw per block ahead).
        const double u = draw_uniform(key, base + wk / static_cast<uint32_t>(trial.period));
        const uint32_t i = trial.pick(w.weight_cdf, u, static_cast<int>(wk));
        c = static_cast<float>(trial.week(weeks[i]) * pace);
      } else {
        const uint64_t bits = draw_bits(key, base + wk) >> 32;
        c = weeks[(bits * nweeks) >> 32] * pace;
      }
      if (c > 0) {
        while (j < last && (j - first + 0.5) <= cum + c + 1e-9) {
          const double at = (wk + (j - first + 0.5 - cum) / c) * dpw;
          w.stream_time[size_t{j} * W + k] = static_cast<float>(at);
          w.stream_gap[size_t{j} * W + k] = static_cast<float>(at - prev);
          prev = at;
          ++j;
        }
      }
      cum += c;
    }
    if (j < last) {
      ++w.truncated;
      for (; j < last; ++j) {
        const double at = static_cast<double>(net.stream_max_weeks) * dpw;
        w.stream_time[size_t{j} * W + k] = static_cast<float>(at);
        w.stream_gap[size_t{j} * W + k] = static_cast<float>(at - prev);
        prev = at;
      }
    }
  }
}

// Trials run kLanes side by side, batch b holding trials [kLanes b, kLanes (b + 1)): the batch is
// the block of the Latin hypercube (node_uniform), so it is fixed whatever the instruction set.
constexpr int kLanes = QuantileTables::kStrata;
// Trials are handed out in chunks of kChunk (whole batches) to whichever worker is free, so a busy
// core does not hold the others back; which worker runs a trial does not change it.
constexpr int kChunk = 4 * kLanes;

struct Shared {
  const Network* net;
  const SimulationOptions* opt;
  SimulationResult* out;
  std::atomic<int> next{0};
};

// The trial loop, compiled once per instruction set: trial_loop.inc defines run(Shared&,
// Worker<W>&) for the lane count W of the namespace that includes it, with its vectors made of
// registers of kVectorBytes bytes (lanes.inc).
namespace base {
constexpr int W = kLanes;
constexpr int kVectorBytes = 16;
#include "forecast/trial_loop.inc"
}  // namespace base

#if defined(__clang__)  // clang's spelling of GCC's target pragma
#pragma clang attribute push(__attribute__((target("avx2,fma,bmi,bmi2,popcnt"))), \
                             apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi,bmi2,popcnt")
#endif
namespace avx2 {
constexpr int W = kLanes;
constexpr int kVectorBytes = 32;
#include "forecast/trial_loop.inc"
}  // namespace avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#if defined(__clang__)  // clang's spelling of GCC's target pragma
#pragma clang attribute push(                                                               \
    __attribute__((target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,bmi,bmi2,popcnt"))), \
    apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx512bw,avx2,fma,bmi,bmi2,popcnt")
#endif
namespace avx512 {
constexpr int W = kLanes;
constexpr int kVectorBytes = 64;
#include "forecast/trial_loop.inc"
}  // namespace avx512
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

Isa pick_isa(SimdLevel level) {
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                      __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                    __builtin_cpu_supports("bmi2");
  switch (level) {
    case SimdLevel::kBaseline:
      return Isa::kBase;
    case SimdLevel::kAvx2:
      return avx2 ? Isa::kAvx2 : Isa::kBase;
    case SimdLevel::kAvx512:
    case SimdLevel::kAuto:
      return avx512 ? Isa::kAvx512 : avx2 ? Isa::kAvx2 : Isa::kBase;
  }
  return Isa::kBase;
}

template <int W>
void run_pool(Shared& sh, int threads, void (*fn)(Shared&, Worker<W>&)) {
  const Network& net = *sh.net;
  SimulationResult& out = *sh.out;
  std::vector<Worker<W>> workers(threads);
  {
    std::vector<std::jthread> pool;
    for (int i = 1; i < threads; ++i)
      pool.emplace_back([&, i] { fn(sh, workers[i]); });
    fn(sh, workers[0]);
  }
  for (const auto& w : workers)
    out.stream_truncated += w.truncated;
  if (sh.opt->criticality) {
    out.critical.assign(size_t{net.targets} * net.nodes, 0);
    for (const auto& w : workers)
      for (uint32_t p = 0; p < net.nodes; ++p) {
        const uint32_t* src = w.critical.data() + size_t{p} * net.targets;
        // Most counts are zero (a path holds few of the nodes): read the row, write only those
        // that are not, as each write lands in another target's row (a cache miss apiece).
        for (uint32_t tg = 0; tg < net.targets; ++tg)
          if (src[tg] != 0) out.critical[size_t{tg} * net.nodes + net.order[p]] += src[tg];
      }
  }
}

}  // namespace

Result<SimulationResult> simulate(const Network& net, const SimulationOptions& options) {
  if (options.trials < 1) return make_error(codes::kInvalidOptions, "trials must be at least 1");
  SimulationResult out;
  out.trials = options.trials;
  out.seed = options.seed;
  out.target_finish.assign(size_t{net.targets} * options.trials, 0.0f);
  out.group_sum.assign(size_t{net.groups} * options.trials, 0.0f);
  out.watch_finish.assign(size_t{net.watches} * options.trials, 0.0f);
  if (options.first_trial_paths) out.first_paths.resize(net.targets);

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min(threads, (options.trials + kChunk - 1) / kChunk));
  Shared sh{&net, &options, &out};
  switch (pick_isa(options.simd)) {
    case Isa::kAvx512:
      run_pool<kLanes>(sh, threads, avx512::run);
      break;
    case Isa::kAvx2:
      run_pool<kLanes>(sh, threads, avx2::run);
      break;
    case Isa::kBase:
      run_pool<kLanes>(sh, threads, base::run);
      break;
  }
  return out;
}

float sampled_duration(const Network& net, uint64_t seed, int trial, uint32_t node) {
  const uint32_t p = net.position[node];
  const int first = trial - trial % kLanes;
  const uint32_t u = node_uniform(bits32(trial_key(seed, static_cast<uint64_t>(first)), p),
                                  bits32(trial_key(seed, static_cast<uint64_t>(trial)), p),
                                  static_cast<uint32_t>(trial - first));
  const float d = net.offset[p] + net.scale[p] * net.tables.quantile(net.table[p], u);
  const uint32_t g = net.level_group.empty() ? kNone : net.level_group[p];
  return g == kNone ? d : d * group_level(net, trial_key(seed, static_cast<uint64_t>(trial)), g);
}

float sampled_risk_delay(const Network& net, uint64_t seed, int trial, uint32_t risk) {
  return risk_delay(net, trial_key(seed, static_cast<uint64_t>(trial)), risk);
}

}  // namespace cairn::forecast

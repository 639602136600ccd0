#include "forecast/monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "forecast/random.h"

namespace cairn::forecast {
namespace {

inline uint32_t bits32(uint64_t key, uint64_t slot) {
  return static_cast<uint32_t>(draw_bits(key, slot) >> 32);
}

inline float risk_delay(const Network& net, uint64_t key, uint32_t r) {
  if (draw_uniform(key, net.risk_fire_slot(r)) >= net.risk_probability[r]) return 0.0f;
  return net.tables.sample(net.risk_impact[r], bits32(key, net.risk_impact_slot(r)));
}

// Trials run in batches of kBatch side by side: every per-node value is an array over the batch
// ([node * kBatch + lane]), so the forward pass has kBatch independent dependency chains and its
// inner loops vectorise.
constexpr int kBatch = 8;

// Scratch of one worker, allocated once.
struct Worker {
  std::vector<float> time;         // [(2p) * kBatch + k] finish, [(2p + 1) * kBatch + k] start
  std::vector<uint32_t> driver;    // [p * kBatch + k]
  std::vector<float> stream_time;  // [slot * kBatch + k]
  std::vector<float> stream_gap;
  std::vector<float> risk;         // [r * kBatch + k]
  std::vector<float> gsum;         // [g * kBatch + k]
  std::vector<double> weight_cdf;  // Bayesian bootstrap weights of one stream
  std::vector<uint32_t> critical;  // [target * nodes + position]
  uint64_t truncated = 0;
};

// Draws the throughput streams of one trial (lane k of the batch).
void draw_streams(const Network& net, uint64_t key, int k, Worker& w) {
  for (uint32_t s = 0; s < net.streams; ++s) {
    const uint32_t first = net.stream_node_begin[s], last = net.stream_node_begin[s + 1];
    if (first == last) continue;
    const float* weeks = net.stream_weeks.data() + net.stream_weeks_begin[s];
    const uint32_t nweeks = net.stream_weeks_begin[s + 1] - net.stream_weeks_begin[s];
    const float dpw = net.stream_days_per_week[s];
    const uint64_t base = net.stream_slot_base(s);
    const bool bayes = net.stream_bayesian && nweeks > 1;
    if (bayes) {
      double total = 0;
      for (uint32_t i = 0; i < nweeks; ++i) {
        total += -std::log1p(-draw_uniform(key, base + net.stream_max_weeks + i));
        w.weight_cdf[i] = total;
      }
      for (uint32_t i = 0; i < nweeks; ++i)
        w.weight_cdf[i] /= total;
    }
    uint32_t j = first;
    double cum = 0, prev = 0;
    // The k-th item of the queue is done in the week the cumulative weekly throughput reaches k;
    // the j-th of the c items of a week at (j - 1/2) / c of it.
    for (uint32_t wk = 0; wk < net.stream_max_weeks && j < last; ++wk) {
      float c;
      if (bayes) {
        const double u = draw_uniform(key, base + wk);
        const uint32_t i = static_cast<uint32_t>(
            std::upper_bound(w.weight_cdf.begin(), w.weight_cdf.begin() + nweeks, u) -
            w.weight_cdf.begin());
        c = weeks[std::min(i, nweeks - 1)];
      } else {
        const uint64_t bits = draw_bits(key, base + wk) >> 32;
        c = weeks[(bits * nweeks) >> 32];
      }
      if (c > 0) {
        while (j < last && (j - first + 1) <= cum + c + 1e-9) {
          const double at = (wk + (j - first + 0.5 - cum) / c) * dpw;
          w.stream_time[size_t{j} * kBatch + k] = static_cast<float>(at);
          w.stream_gap[size_t{j} * kBatch + k] = static_cast<float>(at - prev);
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
        w.stream_time[size_t{j} * kBatch + k] = static_cast<float>(at);
        w.stream_gap[size_t{j} * kBatch + k] = static_cast<float>(at - prev);
        prev = at;
      }
    }
  }
}

void run_block(const Network& net, const SimulationOptions& opt, int begin, int end, Worker& w,
               SimulationResult& out) {
  const uint32_t n = net.nodes;
  const int trials = opt.trials;
  w.time.assign(size_t{2} * n * kBatch, 0.0f);
  w.driver.assign(size_t{n} * kBatch, kNone);
  w.stream_time.assign(net.stream_node.size() * kBatch, 0.0f);
  w.stream_gap.assign(net.stream_node.size() * kBatch, 0.0f);
  w.risk.assign(size_t{net.risks} * kBatch, 0.0f);
  w.weight_cdf.assign(net.stream_max_weeks, 0.0);
  w.gsum.assign(size_t{net.groups} * kBatch, 0.0f);
  if (opt.criticality) w.critical.assign(size_t{net.targets} * n, 0);

  const uint32_t* table = net.table.data();
  const float* offset = net.offset.data();
  const float* scale = net.scale.data();
  const float* release = net.release.data();
  const uint32_t* group = net.group.data();
  const uint32_t* sslot = net.stream_slot.data();
  const uint32_t* sb = net.start_begin.data();
  const uint32_t* ssrc = net.start_src.data();
  const float* slag = net.start_lag.data();
  const uint32_t* fb = net.finish_begin.data();
  const uint32_t* fsrc = net.finish_src.data();
  const float* flag = net.finish_lag.data();
  const uint32_t* rb = net.node_risk_begin.data();
  const uint32_t* rr = net.node_risk.data();
  float* time = w.time.data();
  uint32_t* driver = w.driver.data();
  float* risk = w.risk.data();
  float* gsum = w.gsum.data();
  const QuantileTables& tables = net.tables;
  const float* tv = tables.values();
  const bool has_groups = net.groups > 0;
  constexpr int kShift = 32 - QuantileTables::kCellBits;
  constexpr float kFrac = 1.0f / (1u << kShift);

  for (int t0 = begin; t0 < end; t0 += kBatch) {
    const int lanes = std::min(kBatch, end - t0);
    uint64_t key[kBatch];
    // Spare lanes of the last batch repeat its first trial; their results are dropped.
    for (int k = 0; k < kBatch; ++k)
      key[k] = trial_key(opt.seed, static_cast<uint64_t>(t0 + (k < lanes ? k : 0)));
    for (uint32_t r = 0; r < net.risks; ++r)
      for (int k = 0; k < kBatch; ++k)
        risk[size_t{r} * kBatch + k] = risk_delay(net, key[k], r);
    if (net.streams > 0)
      for (int k = 0; k < kBatch; ++k)
        draw_streams(net, key[k], k, w);
    if (has_groups) std::fill(w.gsum.begin(), w.gsum.end(), 0.0f);

    // The forward pass. It also tracks the latest finish of all nodes (targets that span all).
    float latest[kBatch];
    uint32_t latest_node[kBatch];
    for (int k = 0; k < kBatch; ++k) {
      latest[k] = -std::numeric_limits<float>::infinity();
      latest_node[k] = kNone;
    }
    for (uint32_t p = 0; p < n; ++p) {
      float d[kBatch], es[kBatch];
      uint32_t drv[kBatch];
      const float* tbl = tv + size_t{table[p]} * (QuantileTables::kCells + 1);
      for (int k = 0; k < kBatch; ++k) {
        const uint32_t u = bits32(key[k], p);
        const uint32_t cell = u >> kShift;
        float q;
        if (cell - 1 < QuantileTables::kCells - 2) [[likely]] {
          const float* t = tbl + cell;
          q = t[0] + static_cast<float>(u & ((1u << kShift) - 1)) * kFrac * (t[1] - t[0]);
        } else {
          q = tables.tail(table[p], u);
        }
        d[k] = offset[p] + scale[p] * q;
        es[k] = release[p];
        drv[k] = kNone;
      }
      for (uint32_t e = rb[p]; e < rb[p + 1]; ++e)
        for (int k = 0; k < kBatch; ++k)
          d[k] += risk[size_t{rr[e]} * kBatch + k];
      if (sslot[p] != kNone) [[unlikely]] {
        const float* gap = w.stream_gap.data() + size_t{sslot[p]} * kBatch;
        const float* at = w.stream_time.data() + size_t{sslot[p]} * kBatch;
        for (int k = 0; k < kBatch; ++k) {
          d[k] = gap[k];
          es[k] = std::max(es[k], at[k] - gap[k]);
        }
      }
      for (uint32_t e = sb[p]; e < sb[p + 1]; ++e) {
        const float* src = time + size_t{ssrc[e]} * kBatch;
        const float lag = slag[e];
        const uint32_t from = ssrc[e] >> 1;
        for (int k = 0; k < kBatch; ++k) {
          const float c = src[k] + lag;
          const bool later = c > es[k];
          es[k] = later ? c : es[k];
          drv[k] = later ? from : drv[k];
        }
      }
      for (uint32_t e = fb[p]; e < fb[p + 1]; ++e) {
        const float* src = time + size_t{fsrc[e]} * kBatch;
        const float lag = flag[e];
        const uint32_t from = fsrc[e] >> 1;
        for (int k = 0; k < kBatch; ++k) {
          const float c = src[k] + lag - d[k];
          const bool later = c > es[k];
          es[k] = later ? c : es[k];
          drv[k] = later ? from : drv[k];
        }
      }
      float* fin = time + size_t{2 * p} * kBatch;
      float* sta = fin + kBatch;
      uint32_t* dr = driver + size_t{p} * kBatch;
      for (int k = 0; k < kBatch; ++k) {
        const float f = es[k] + d[k];
        fin[k] = f;
        sta[k] = es[k];
        dr[k] = drv[k];
        const bool later = f > latest[k];
        latest[k] = later ? f : latest[k];
        latest_node[k] = later ? p : latest_node[k];
      }
      if (has_groups && group[p] != kNone) {
        float* g = gsum + size_t{group[p]} * kBatch;
        for (int k = 0; k < kBatch; ++k)
          g[k] += d[k];
      }
    }

    for (int k = 0; k < lanes; ++k) {
      const int t = t0 + k;
      for (uint32_t g = 0; g < net.groups; ++g)
        out.group_sum[size_t{g} * trials + t] = gsum[size_t{g} * kBatch + k];
      for (uint32_t x = 0; x < net.watches; ++x)
        out.watch_finish[size_t{x} * trials + t] = time[size_t{2 * net.watch_node[x]} * kBatch + k];
      for (uint32_t tg = 0; tg < net.targets; ++tg) {
        float best = -std::numeric_limits<float>::infinity();
        uint32_t arg = kNone;
        if (net.target_all[tg]) {
          best = latest[k];
          arg = latest_node[k];
        }
        for (uint32_t e = net.target_begin[tg]; e < net.target_begin[tg + 1]; ++e) {
          const float f = time[size_t{2 * net.target_node[e]} * kBatch + k];
          if (f > best) {
            best = f;
            arg = net.target_node[e];
          }
        }
        if (arg == kNone) best = 0;
        for (uint32_t e = net.target_risk_begin[tg]; e < net.target_risk_begin[tg + 1]; ++e)
          best += risk[size_t{net.target_risk[e]} * kBatch + k];
        out.target_finish[size_t{tg} * trials + t] = best;
        if (opt.criticality) {
          uint32_t* crit = w.critical.data() + size_t{tg} * n;
          for (uint32_t v = arg; v != kNone; v = driver[size_t{v} * kBatch + k])
            ++crit[v];
        }
      }
    }
  }
}

}  // namespace

Result<SimulationResult> simulate(const Network& net, const SimulationOptions& options) {
  if (options.trials < 1) return make_error("invalid-options", "trials must be at least 1");
  SimulationResult out;
  out.trials = options.trials;
  out.seed = options.seed;
  out.target_finish.assign(size_t{net.targets} * options.trials, 0.0f);
  out.group_sum.assign(size_t{net.groups} * options.trials, 0.0f);
  out.watch_finish.assign(size_t{net.watches} * options.trials, 0.0f);

  int threads = options.threads > 0
                    ? options.threads
                    : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = std::min(threads, options.trials);
  std::vector<Worker> workers(threads);
  {
    std::vector<std::jthread> pool;
    for (int i = 0; i < threads; ++i) {
      const int begin = static_cast<int>(int64_t{options.trials} * i / threads);
      const int end = static_cast<int>(int64_t{options.trials} * (i + 1) / threads);
      if (i + 1 == threads) {
        run_block(net, options, begin, end, workers[i], out);
      } else {
        pool.emplace_back(
            [&, begin, end, i] { run_block(net, options, begin, end, workers[i], out); });
      }
    }
  }
  if (options.criticality) {
    out.critical.assign(size_t{net.targets} * net.nodes, 0);
    for (const auto& w : workers) {
      out.stream_truncated += w.truncated;
      for (uint32_t tg = 0; tg < net.targets; ++tg)
        for (uint32_t p = 0; p < net.nodes; ++p)
          out.critical[size_t{tg} * net.nodes + net.order[p]] +=
              w.critical[size_t{tg} * net.nodes + p];
    }
  } else {
    for (const auto& w : workers)
      out.stream_truncated += w.truncated;
  }
  return out;
}

float sampled_duration(const Network& net, uint64_t seed, int trial, uint32_t node) {
  const uint64_t key = trial_key(seed, static_cast<uint64_t>(trial));
  const uint32_t p = net.position[node];
  return net.offset[p] + net.scale[p] * net.tables.quantile(net.table[p], bits32(key, p));
}

float sampled_risk_delay(const Network& net, uint64_t seed, int trial, uint32_t risk) {
  return risk_delay(net, trial_key(seed, static_cast<uint64_t>(trial)), risk);
}

}  // namespace cairn::forecast

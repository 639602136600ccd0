#include "rcpsp/model.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <string>

#include <fmt/format.h>

namespace cairn::rcpsp {

using detail::topological_order;

namespace detail {

std::vector<int> topological_order(const RcpspInstance& in, std::vector<int>* cycle) {
  const int n = in.jobs;
  std::vector<int> indeg(n, 0);
  for (int j = 0; j < n; ++j) {
    for (int s : in.successors[j])
      ++indeg[s];
  }
  // Kahn's algorithm with a FIFO, smallest index first among the initial sources: stable.
  std::vector<int> order;
  order.reserve(n);
  for (int j = 0; j < n; ++j) {
    if (indeg[j] == 0) order.push_back(j);
  }
  for (size_t head = 0; head < order.size(); ++head) {
    for (int s : in.successors[order[head]]) {
      if (--indeg[s] == 0) order.push_back(s);
    }
  }
  if (static_cast<int>(order.size()) == n) return order;
  if (cycle != nullptr) {
    // A job left over has a predecessor left over (its in-degree is not 0), but a successor left
    // over need not exist (it may lie downstream of the cycle): walk back along left-over
    // predecessors until a job repeats; that closes a cycle, read forward from its
    // smallest job.
    cycle->clear();
    std::vector<int> pred(n, -1);
    for (int u = 0; u < n; ++u)
      if (indeg[u] > 0)
        for (int s : in.successors[u])
          if (indeg[s] > 0) pred[s] = u;
    int start = 0;
    while (indeg[start] == 0)
      ++start;
    std::vector<int> seen(n, -1);
    std::vector<int> path;
    int j = start;
    while (seen[j] < 0) {
      seen[j] = static_cast<int>(path.size());
      path.push_back(j);
      j = pred[j];
    }
    cycle->assign(path.rbegin(), path.rend() - seen[j]);
    std::rotate(cycle->begin(), std::min_element(cycle->begin(), cycle->end()), cycle->end());
  }
  return {};
}

Model build_model(const RcpspInstance& in) {
  Model m;
  const int n = in.jobs;
  const int r = in.resources;
  m.n = n;
  m.r = r;
  m.original = topological_order(in, nullptr);
  m.internal.assign(n, 0);
  for (int i = 0; i < n; ++i)
    m.internal[m.original[i]] = i;
  m.cap = in.capacity;
  m.dur.resize(n);
  m.dem.resize(static_cast<size_t>(n) * r);
  m.work.resize(n);
  m.res_off.assign(n + 1, 0);
  for (int i = 0; i < n; ++i) {
    const int o = m.original[i];
    m.dur[i] = in.duration[o];
    int total = 0;
    for (int k = 0; k < r; ++k) {
      const int d = in.demand[static_cast<size_t>(o) * r + k];
      m.dem[static_cast<size_t>(i) * r + k] = d;
      total += d;
      if (d > 0 && m.dur[i] > 0) {
        m.res_idx.push_back(k);
        m.res_lim.push_back(m.cap[k] - d);
      }
    }
    m.res_off[i + 1] = static_cast<int>(m.res_idx.size());
    m.work[i] = m.dur[i] * total;
  }
  // CSR both ways, sorted, without duplicate arcs.
  std::vector<std::vector<int>> succ(n), pred(n);
  for (int o = 0; o < n; ++o) {
    for (int s : in.successors[o])
      succ[m.internal[o]].push_back(m.internal[s]);
  }
  for (int i = 0; i < n; ++i) {
    std::sort(succ[i].begin(), succ[i].end());
    succ[i].erase(std::unique(succ[i].begin(), succ[i].end()), succ[i].end());
    for (int s : succ[i])
      pred[s].push_back(i);
  }
  m.succ_off.assign(n + 1, 0);
  m.pred_off.assign(n + 1, 0);
  for (int i = 0; i < n; ++i) {
    m.succ_off[i + 1] = m.succ_off[i] + static_cast<int>(succ[i].size());
    m.pred_off[i + 1] = m.pred_off[i] + static_cast<int>(pred[i].size());
    m.succ.insert(m.succ.end(), succ[i].begin(), succ[i].end());
    m.pred.insert(m.pred.end(), pred[i].begin(), pred[i].end());
  }
  // Critical path: forward in index order (a topological order), backward in reverse.
  m.es.assign(n, 0);
  m.ef.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    int t = 0;
    for (int k = m.pred_off[i]; k < m.pred_off[i + 1]; ++k)
      t = std::max(t, m.ef[m.pred[k]]);
    m.es[i] = t;
    m.ef[i] = t + m.dur[i];
    m.cp = std::max(m.cp, m.ef[i]);
  }
  m.lf.assign(n, m.cp);
  m.ls.assign(n, 0);
  for (int i = n - 1; i >= 0; --i) {
    int t = m.cp;
    for (int k = m.succ_off[i]; k < m.succ_off[i + 1]; ++k)
      t = std::min(t, m.ls[m.succ[k]]);
    m.lf[i] = t;
    m.ls[i] = t - m.dur[i];
  }
  int64_t horizon = 0;
  for (int i = 0; i < n; ++i)
    horizon += m.dur[i];
  m.horizon = static_cast<int>(std::min<int64_t>(horizon, INT32_MAX / 2));
  // Energy bound: every resource must serve its total work.
  m.lower_bound = m.cp;
  for (int k = 0; k < r; ++k) {
    if (m.cap[k] <= 0) continue;
    int64_t energy = 0;
    for (int i = 0; i < n; ++i)
      energy += int64_t{m.dur[i]} * m.dem[static_cast<size_t>(i) * r + k];
    m.lower_bound = std::max<int64_t>(m.lower_bound, (energy + m.cap[k] - 1) / m.cap[k]);
  }
  return m;
}

}  // namespace detail

Result<void> validate_rcpsp(const RcpspInstance& in) {
  const int n = in.jobs;
  const int r = in.resources;
  if (n < 0) return make_error("invalid-rcpsp", fmt::format("negative number of jobs {}", n));
  if (r < 0) return make_error("invalid-rcpsp", fmt::format("negative number of resources {}", r));
  if (static_cast<int>(in.duration.size()) != n) {
    return make_error("invalid-rcpsp",
                      fmt::format("{} durations for {} jobs", in.duration.size(), n));
  }
  if (static_cast<int>(in.successors.size()) != n) {
    return make_error("invalid-rcpsp",
                      fmt::format("{} successor lists for {} jobs", in.successors.size(), n));
  }
  if (static_cast<int>(in.capacity.size()) != r) {
    return make_error("invalid-rcpsp",
                      fmt::format("{} capacities for {} resources", in.capacity.size(), r));
  }
  if (in.demand.size() != static_cast<size_t>(n) * r) {
    return make_error("invalid-rcpsp",
                      fmt::format("{} demands for {} jobs x {} resources", in.demand.size(), n, r));
  }
  for (int k = 0; k < r; ++k) {
    if (in.capacity[k] < 0) {
      return make_error("invalid-rcpsp",
                        fmt::format("resource {} has negative capacity {}", k + 1, in.capacity[k]));
    }
  }
  for (int j = 0; j < n; ++j) {
    if (in.duration[j] < 0) {
      return make_error("invalid-rcpsp",
                        fmt::format("job {} has negative duration {}", j + 1, in.duration[j]));
    }
    for (int k = 0; k < r; ++k) {
      const int d = in.demand[static_cast<size_t>(j) * r + k];
      if (d < 0) {
        return make_error(
            "invalid-rcpsp",
            fmt::format("job {} has negative demand {} of resource {}", j + 1, d, k + 1));
      }
      if (d > in.capacity[k]) {
        return make_error(
            "rcpsp-demand-exceeds-capacity",
            fmt::format("job {} needs {} of resource {} but its capacity is {}: no schedule exists",
                        j + 1, d, k + 1, in.capacity[k]),
            {}, "lower the demand or raise the capacity");
      }
    }
    for (int s : in.successors[j]) {
      if (s < 0 || s >= n) {
        return make_error("invalid-rcpsp",
                          fmt::format("job {} has successor {} outside 1..{}", j + 1, s + 1, n));
      }
      if (s == j) {
        return make_error("rcpsp-cycle", fmt::format("job {} is its own successor", j + 1));
      }
    }
  }
  std::vector<int> cycle;
  if (static_cast<int>(topological_order(in, &cycle).size()) != n) {
    std::string path;
    for (int j : cycle)
      path += fmt::format("{} -> ", j + 1);
    path += fmt::format("{}", cycle.empty() ? 0 : cycle.front() + 1);
    return make_error("rcpsp-cycle", "precedence cycle through jobs " + path, {},
                      "remove one of the successor relations on the cycle");
  }
  int64_t horizon = 0;
  for (int j = 0; j < n; ++j)
    horizon += in.duration[j];
  if (horizon > INT32_MAX / 4) {
    return make_error("rcpsp-too-large",
                      fmt::format("the sum of durations {} is too large", horizon));
  }
  return {};
}

int critical_path_length(const RcpspInstance& in) {
  std::vector<int> order = topological_order(in, nullptr);
  if (static_cast<int>(order.size()) != in.jobs) return -1;
  std::vector<int> finish(in.jobs, 0);
  std::vector<int> es(in.jobs, 0);
  int cp = 0;
  for (int j : order) {
    finish[j] = es[j] + in.duration[j];
    cp = std::max(cp, finish[j]);
    for (int s : in.successors[j])
      es[s] = std::max(es[s], finish[j]);
  }
  return cp;
}

bool is_feasible_rcpsp(const RcpspInstance& in, const std::vector<int>& start, std::string* why) {
  auto fail = [&](std::string msg) {
    if (why != nullptr) *why = std::move(msg);
    return false;
  };
  const int n = in.jobs;
  if (static_cast<int>(start.size()) != n) {
    return fail(fmt::format("{} start times for {} jobs", start.size(), n));
  }
  int makespan = 0;
  for (int j = 0; j < n; ++j) {
    if (start[j] < 0) return fail(fmt::format("job {} starts at {} < 0", j + 1, start[j]));
    makespan = std::max(makespan, start[j] + in.duration[j]);
    for (int s : in.successors[j]) {
      if (start[s] < start[j] + in.duration[j]) {
        return fail(fmt::format("job {} starts at {} before its predecessor {} finishes at {}",
                                s + 1, start[s], j + 1, start[j] + in.duration[j]));
      }
    }
  }
  // Event sweep per resource: changes at starts and finishes.
  for (int k = 0; k < in.resources; ++k) {
    std::vector<std::pair<int, int>> events;
    for (int j = 0; j < n; ++j) {
      const int d = in.demand[static_cast<size_t>(j) * in.resources + k];
      if (d == 0 || in.duration[j] == 0) continue;
      events.push_back({start[j], d});
      events.push_back({start[j] + in.duration[j], -d});
    }
    std::sort(events.begin(), events.end());  // at equal times releases (-d) come first
    int64_t load = 0;
    for (const auto& [t, delta] : events) {
      load += delta;
      if (load > in.capacity[k]) {
        return fail(fmt::format("resource {} is used {} > capacity {} at time {}", k + 1, load,
                                in.capacity[k], t));
      }
    }
  }
  return true;
}

}  // namespace cairn::rcpsp

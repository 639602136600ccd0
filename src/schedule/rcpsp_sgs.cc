#include "schedule/rcpsp_sgs.h"

#include <algorithm>
#include <cstring>

namespace cairn::schedule::rcpsp_internal {

Sgs::Sgs(const Model& model) : m_(model) {
  usage_.assign(static_cast<size_t>(m_.horizon + 2) * std::max(1, m_.r), 0);
  rev_.assign(m_.n, 0);
  tmp_.assign(m_.n, 0);
  count_.assign(m_.horizon + 2, 0);
}

template <bool kBackward>
int Sgs::pass(const int* list, int* t_out) {
  const int n = m_.n;
  const int r = m_.r;
  if (used_periods_ > 0) {
    std::memset(usage_.data(), 0, sizeof(int) * static_cast<size_t>(used_periods_) * r);
  }
  const int* off = kBackward ? m_.succ_off.data() : m_.pred_off.data();
  const int* adj = kBackward ? m_.succ.data() : m_.pred.data();
  const int* dur = m_.dur.data();
  const int* res_off = m_.res_off.data();
  const int* res_idx = m_.res_idx.data();
  const int* res_lim = m_.res_lim.data();
  int* use = usage_.data();
  int makespan = 0;
  for (int i = 0; i < n; ++i) {
    const int j = list[i];
    int t = 0;
    for (int k = off[j], e = off[j + 1]; k < e; ++k) {
      const int p = adj[k];
      t = std::max(t, t_out[p] + dur[p]);
    }
    const int d = dur[j];
    const int rb = res_off[j];
    const int re = res_off[j + 1];
    if (rb < re) {
      // Check the window [t, t+d) from its end: a conflict at tau moves the window past tau.
      for (;;) {
        int tau = t + d - 1;
        for (; tau >= t; --tau) {
          const int* row = use + static_cast<size_t>(tau) * r;
          bool fits = true;
          for (int k = rb; k < re; ++k) {
            if (row[res_idx[k]] > res_lim[k]) {
              fits = false;
              break;
            }
          }
          if (!fits) break;
        }
        if (tau < t) break;
        t = tau + 1;
      }
      for (int tau = t; tau < t + d; ++tau) {
        int* row = use + static_cast<size_t>(tau) * r;
        for (int k = rb; k < re; ++k)
          row[res_idx[k]] += m_.cap[res_idx[k]] - res_lim[k];
      }
    }
    t_out[j] = t;
    makespan = std::max(makespan, t + d);
  }
  used_periods_ = makespan;
  return makespan;
}

int Sgs::forward(const int* list, int* start) {
  return pass<false>(list, start);
}

int Sgs::backward(const int* list, int* start) {
  const int makespan = pass<true>(list, rev_.data());
  const int* dur = m_.dur.data();
  for (int j = 0; j < m_.n; ++j)
    start[j] = makespan - rev_[j] - dur[j];
  return makespan;
}

void Sgs::order_by_start(const int* start, int* list) {
  const int n = m_.n;
  const int h = m_.horizon + 1;
  int* cnt = count_.data();
  std::fill(cnt, cnt + h + 1, 0);
  for (int j = 0; j < n; ++j)
    ++cnt[start[j] + 1];
  for (int t = 0; t < h; ++t)
    cnt[t + 1] += cnt[t];
  for (int j = 0; j < n; ++j)
    list[cnt[start[j]]++] = j;
}

void Sgs::order_by_start_desc_index(const int* start, int* list) {
  const int n = m_.n;
  const int h = m_.horizon + 1;
  int* cnt = count_.data();
  std::fill(cnt, cnt + h + 1, 0);
  for (int j = 0; j < n; ++j)
    ++cnt[start[j] + 1];
  for (int t = 0; t < h; ++t)
    cnt[t + 1] += cnt[t];
  for (int j = n - 1; j >= 0; --j)
    list[cnt[start[j]]++] = j;
}

void Sgs::order_by_finish_desc(const int* start, int* list) {
  // Key: horizon - finish, ascending; ties by higher index first.
  const int n = m_.n;
  const int h = m_.horizon + 1;
  const int* dur = m_.dur.data();
  int* cnt = count_.data();
  std::fill(cnt, cnt + h + 1, 0);
  for (int j = 0; j < n; ++j)
    ++cnt[m_.horizon - (start[j] + dur[j]) + 1];
  for (int t = 0; t < h; ++t)
    cnt[t + 1] += cnt[t];
  for (int j = n - 1; j >= 0; --j)
    list[cnt[m_.horizon - (start[j] + dur[j])]++] = j;
}

int Sgs::justify(int* start, int* list) {
  order_by_finish_desc(start, tmp_.data());
  backward(tmp_.data(), start);
  order_by_start(start, list);
  const int makespan = forward(list, start);
  order_by_start(start, list);
  return makespan;
}

}  // namespace cairn::schedule::rcpsp_internal

#include "rcpsp/sgs.h"

#include <algorithm>
#include <cstring>
#include <functional>

namespace cairn::rcpsp::detail {

Sgs::Sgs(const Model& model) : m_(model) {
  usage_.assign(static_cast<size_t>(m_.horizon + 2) * std::max(1, m_.r), 0);
  rev_.assign(m_.n, 0);
  tmp_.assign(m_.n, 0);
  count_.assign(m_.horizon + 2, 0);
  pos_.assign(m_.n, 0);
  npred_.assign(m_.n, 0);
  est_.assign(m_.n, 0);
  cand_.reserve(m_.n);
  fresh_.reserve(m_.n);
  finish_.reserve(m_.n);
}

void Sgs::clear_profile() {
  if (used_periods_ > 0) {
    std::memset(usage_.data(), 0, sizeof(int) * static_cast<size_t>(used_periods_) * m_.r);
  }
}

bool Sgs::fits(int j, int t) const {
  const int r = m_.r;
  for (int tau = t; tau < t + m_.dur[j]; ++tau) {
    const int* row = usage_.data() + static_cast<size_t>(tau) * r;
    for (int k = m_.res_off[j]; k < m_.res_off[j + 1]; ++k) {
      if (row[m_.res_idx[k]] > m_.res_lim[k]) return false;
    }
  }
  return true;
}

void Sgs::occupy(int j, int t) {
  const int r = m_.r;
  for (int tau = t; tau < t + m_.dur[j]; ++tau) {
    int* row = usage_.data() + static_cast<size_t>(tau) * r;
    for (int k = m_.res_off[j]; k < m_.res_off[j + 1]; ++k)
      row[m_.res_idx[k]] += m_.cap[m_.res_idx[k]] - m_.res_lim[k];
  }
}

template <bool kBackward>
int Sgs::pass(const int* list, int* t_out) {
  const int n = m_.n;
  const int r = m_.r;
  clear_profile();
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
      occupy(j, t);
    }
    t_out[j] = t;
    makespan = std::max(makespan, t + d);
  }
  used_periods_ = makespan;
  return makespan;
}

template <bool kBackward>
int Sgs::parallel_pass(const int* list, int* t_out) {
  const int n = m_.n;
  clear_profile();
  const int* before_off = kBackward ? m_.succ_off.data() : m_.pred_off.data();
  const int* after_off = kBackward ? m_.pred_off.data() : m_.succ_off.data();
  const int* after = kBackward ? m_.pred.data() : m_.succ.data();
  const int* dur = m_.dur.data();
  int* pos = pos_.data();
  int* npred = npred_.data();
  int* est = est_.data();
  cand_.clear();
  for (int i = 0; i < n; ++i)
    pos[list[i]] = i;
  for (int j = 0; j < n; ++j) {
    npred[j] = before_off[j + 1] - before_off[j];
    est[j] = 0;
    if (npred[j] == 0) cand_.push_back(pos[j]);
  }
  std::sort(cand_.begin(), cand_.end());
  finish_.clear();  // min-heap of the finish times after t of the jobs placed
  int placed = 0;
  int makespan = 0;
  int t = 0;
  while (placed < n) {
    // Place, in list order, every eligible job that fits at t (a job that does not fit now will
    // not fit later in the same scan: the profile only fills up).
    for (bool again = true; again;) {
      again = false;
      fresh_.clear();
      size_t w = 0;
      for (size_t c = 0; c < cand_.size(); ++c) {
        const int j = list[cand_[c]];
        const int d = dur[j];
        if (est[j] > t || !fits(j, t)) {
          cand_[w++] = cand_[c];
          continue;
        }
        occupy(j, t);
        t_out[j] = t;
        ++placed;
        makespan = std::max(makespan, t + d);
        if (d > 0) {
          finish_.push_back(t + d);
          std::push_heap(finish_.begin(), finish_.end(), std::greater<>());
        }
        for (int k = after_off[j]; k < after_off[j + 1]; ++k) {
          const int sj = after[k];
          est[sj] = std::max(est[sj], t + d);
          if (--npred[sj] == 0) {
            fresh_.push_back(pos[sj]);
            again |= d == 0;
          }
        }
        if (again) {
          // A zero-duration job made a successor eligible at t: it may come before the rest of
          // this scan in the list, so keep the rest waiting and scan again from the start.
          for (size_t rest = c + 1; rest < cand_.size(); ++rest)
            cand_[w++] = cand_[rest];
          break;
        }
      }
      cand_.resize(w);
      if (!fresh_.empty()) {
        std::sort(fresh_.begin(), fresh_.end());
        const size_t mid = cand_.size();
        cand_.insert(cand_.end(), fresh_.begin(), fresh_.end());
        std::inplace_merge(cand_.begin(), cand_.begin() + static_cast<std::ptrdiff_t>(mid),
                           cand_.end());
      }
    }
    if (placed == n) break;
    // The next decision time: the next finish (every waiting job waits for one).
    while (!finish_.empty() && finish_.front() <= t) {
      std::pop_heap(finish_.begin(), finish_.end(), std::greater<>());
      finish_.pop_back();
    }
    t = finish_.front();
  }
  used_periods_ = makespan;
  return makespan;
}

int Sgs::forward_parallel(const int* list, int* start) {
  return parallel_pass<false>(list, start);
}

int Sgs::backward_parallel(const int* list, int* start) {
  return from_reversed(parallel_pass<true>(list, rev_.data()), start);
}

int Sgs::forward(const int* list, int* start) {
  return pass<false>(list, start);
}

int Sgs::backward(const int* list, int* start) {
  return from_reversed(pass<true>(list, rev_.data()), start);
}

int Sgs::from_reversed(int makespan, int* start) const {
  const int* dur = m_.dur.data();
  for (int j = 0; j < m_.n; ++j)
    start[j] = makespan - rev_[j] - dur[j];
  return makespan;
}

void Sgs::order_by_start(const int* start, int* list) {
  order_by_start_in(start, nullptr, list);
}

void Sgs::order_by_start_in(const int* start, const int* order, int* list) {
  const int n = m_.n;
  const int h = m_.horizon + 1;
  int* cnt = count_.data();
  std::fill(cnt, cnt + h + 1, 0);
  for (int j = 0; j < n; ++j)
    ++cnt[start[j] + 1];
  for (int t = 0; t < h; ++t)
    cnt[t + 1] += cnt[t];
  for (int i = 0; i < n; ++i) {
    const int j = order ? order[i] : i;
    list[cnt[start[j]]++] = j;
  }
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

}  // namespace cairn::rcpsp::detail

// A minimal parallel loop for the forecast's post-processing: runs f(i) for i in [0, n) on up to
// `threads` threads (0: all hardware threads), handing out indices one at a time. f(i) must only
// write what belongs to i, so the result does not depend on the thread count. Header-only.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace cairn::forecast {

template <typename F>
void parallel_for(size_t n, int threads, F&& f) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), n));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i)
      f(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;)
      f(i);
  };
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
}

}  // namespace cairn::forecast

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

// The same with a state of each worker thread: `make()` is called once per thread and f(state, i)
// gets that thread's state (a scratch copy to change and restore, say).
template <typename Make, typename F>
void parallel_for_with(size_t n, int threads, Make&& make, F&& f) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), n));
  std::atomic<size_t> next{0};
  auto work = [&] {
    auto state = make();
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;)
      f(state, i);
  };
  if (threads <= 1) return work();
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
}

template <typename F>
void parallel_for(size_t n, int threads, F&& f) {
  parallel_for_with(
      n, threads, [] { return 0; }, [&](int, size_t i) { f(i); });
}

}  // namespace cairn::forecast

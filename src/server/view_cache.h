// The computed views of each program, cached per program revision (issue 14 item 4).
//
// A reader states the program's current revision. A result computed at that revision is served as
// is; an older one is served with `stale` set while a background thread recomputes it (readers
// never wait for a recompute); only when nothing was ever computed does the reader wait for the
// first result. After a write, `refresh` recomputes at once the program's views read in the last
// five minutes, cheapest first; a reader's recompute goes ahead of those. Results
// are the response itself (status, body), so a view that fails (422) is cached as well.
//
// Nothing here matters for correctness across processes: every read compares revisions in the
// store, so a write by another `cairn serve` on the same database makes the next read stale too.
// Thread-safe: all members may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/http.h"
#include "server/views.h"

namespace cairn::server {

struct ViewResult {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  int64_t revision = 0;  // the program revision it was computed at
  double seconds = 0;    // how long it took
};

class ViewCache {
 public:
  // `on_recompute(view, seconds)` is told every computation's time (metrics). `workers`
  // background threads (default 2) compute.
  ViewCache(StorePool& pool, std::function<void(std::string_view, double)> on_recompute,
            size_t workers = 2);
  ~ViewCache();  // stops the workers (a computation in flight finishes first)

  struct Answer {
    std::shared_ptr<const ViewResult> result;
    bool stale = false;  // result->revision < the current revision; a recompute is on its way
  };
  // The view of `program` at revision `current` (see above).
  Answer get(const std::string& program, const View& view, int64_t current);
  // The program is now at `revision`: recompute, in the background, its cached views read in the
  // last kRecentlyRead, cheapest first (a view read less recently is recomputed at its next read).
  void refresh(const std::string& program, int64_t revision);
  static constexpr std::chrono::seconds kRecentlyRead{300};

 private:
  struct Slot {
    std::shared_ptr<const ViewResult> done;
    int64_t pending = -1;  // the revision a queued or running computation aims at; -1: none
    double seconds = 0;    // the last computation's time
    std::chrono::steady_clock::time_point read;  // the last read
  };
  using Key = std::pair<std::string, const View*>;
  // Queues a computation unless one aims at `revision` already; a reader's goes first.
  void enqueue_locked(const Key& key, Slot& slot, int64_t revision, bool first);
  void work();
  std::shared_ptr<const ViewResult> compute(const std::string& program, const View& view);
  // The program at its current revision, loaded once per revision for all its views (the views
  // computed after a write would each load and validate it again: a tenth of a second each at
  // 10,000 items). One load at a time per program; the others wait for it and share it.
  struct Loaded {
    std::mutex mutex;
    std::shared_ptr<const store::StoredProgram> program;
  };
  Result<std::shared_ptr<const store::StoredProgram>> load(store::Store& s,
                                                           const std::string& program);

  StorePool& pool_;
  std::function<void(std::string_view, double)> on_recompute_;
  std::mutex mutex_;
  std::condition_variable changed_;  // a job queued, a result landed, or stopping
  std::map<Key, Slot> slots_;
  std::map<std::string, std::shared_ptr<Loaded>> loaded_;
  std::deque<Key> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace cairn::server

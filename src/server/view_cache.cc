#include "server/view_cache.h"

#include <algorithm>
#include <chrono>

namespace cairn::server {

ViewCache::ViewCache(StorePool& pool, std::function<void(std::string_view, double)> on_recompute,
                     size_t workers)
    : pool_(pool), on_recompute_(std::move(on_recompute)) {
  for (size_t i = 0; i < std::max<size_t>(workers, 1); ++i)
    workers_.emplace_back([this] { work(); });
}

ViewCache::~ViewCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (auto& t : workers_)
    t.join();
}

void ViewCache::enqueue_locked(const Key& key, Slot& slot, int64_t revision, bool first) {
  if (slot.pending >= revision) return;  // already on its way
  slot.pending = revision;
  if (first)
    queue_.push_front(key);
  else
    queue_.push_back(key);
  changed_.notify_all();
}

ViewCache::Answer ViewCache::get(const std::string& program, const View& view, int64_t current) {
  const Key key{program, &view};
  std::unique_lock lock(mutex_);
  Slot& slot = slots_[key];
  slot.read = std::chrono::steady_clock::now();
  if (slot.done && slot.done->revision >= current) return {slot.done, false};
  enqueue_locked(key, slot, current, true);
  if (slot.done) return {slot.done, true};
  changed_.wait(lock, [&] { return slot.done != nullptr || stopping_; });
  if (!slot.done) return {nullptr, true};
  return {slot.done, slot.done->revision < current};
}

void ViewCache::refresh(const std::string& program, int64_t revision) {
  std::lock_guard lock(mutex_);
  const auto recent = std::chrono::steady_clock::now() - kRecentlyRead;
  std::vector<std::pair<double, const Key*>> due;
  for (auto& [key, slot] : slots_)
    if (key.first == program && slot.done && slot.done->revision < revision && slot.read >= recent)
      due.emplace_back(slot.seconds, &key);
  std::sort(due.begin(), due.end());
  for (const auto& [seconds, key] : due)
    enqueue_locked(*key, slots_[*key], revision, false);
}

void ViewCache::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const Key key = queue_.front();
    queue_.pop_front();
    lock.unlock();
    auto result = compute(key.first, *key.second);
    lock.lock();
    Slot& slot = slots_[key];
    slot.seconds = result->seconds;
    if (!slot.done || result->revision >= slot.done->revision) slot.done = result;
    if (slot.pending <= result->revision || result->revision == 0) slot.pending = -1;  // 0: failed
    changed_.notify_all();
  }
}

Result<std::shared_ptr<const store::StoredProgram>> ViewCache::load(store::Store& s,
                                                                    const std::string& program) {
  std::shared_ptr<Loaded> entry;
  {
    std::lock_guard lock(mutex_);
    auto& e = loaded_[program];
    if (!e) e = std::make_shared<Loaded>();
    entry = e;
  }
  std::lock_guard lock(entry->mutex);
  auto revision = s.revision(program);
  if (!revision) return std::unexpected(revision.error());
  if (entry->program && *revision && entry->program->revision == **revision) return entry->program;
  auto loaded = s.load(program);
  if (!loaded) return std::unexpected(loaded.error());
  entry->program = std::make_shared<const store::StoredProgram>(std::move(*loaded));
  return entry->program;
}

std::shared_ptr<const ViewResult> ViewCache::compute(const std::string& program, const View& view) {
  const auto start = std::chrono::steady_clock::now();
  auto out = std::make_shared<ViewResult>();
  httplib::Response res;
  auto s = pool_.get();
  if (!s) {
    problem(res, 503, "Store unavailable", s.error().message, {}, {{"code", s.error().code}});
  } else if (auto loaded = load(**s, program); !loaded) {
    store_error(res, loaded.error());
  } else {
    out->revision = (*loaded)->revision;
    auto doc = view.make((*loaded)->program, {{}, *s, program});
    if (doc)
      res.set_content(std::move(*doc), "application/json");
    else
      problem(res, 422, "View failed", doc.error().message, "path", {{"code", doc.error().code}});
  }
  out->status = res.status;
  out->body = std::move(res.body);
  out->content_type = res.get_header_value("Content-Type");
  out->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (on_recompute_) on_recompute_(view.name, out->seconds);
  return out;
}

}  // namespace cairn::server

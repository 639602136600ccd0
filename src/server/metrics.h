// Prometheus metrics of `cairn serve` (GET /metrics, text format 0.0.4): requests by route, method
// and status; request latency as a histogram by route; view recompute times by view; store errors.
// Routes are the route table's path templates, so labels stay few. Thread-safe (one mutex).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace cairn::server {

class Metrics {
 public:
  static constexpr std::array<double, 11> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   1.0,   5.0};
  void request(std::string_view route, std::string_view method, int status, double seconds);
  void recompute(std::string_view view, double seconds);
  void store_error() { store_errors_++; }
  std::string text() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // counts at or below each bound
    uint64_t count = 0;
    double sum = 0;
    void add(double seconds);
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, Histogram> recompute_;
  std::atomic<uint64_t> store_errors_{0};
};

// The process's metrics (one server per process); store_error() counts here.
Metrics& metrics();

}  // namespace cairn::server

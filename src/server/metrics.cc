#include "server/metrics.h"

#include <fmt/format.h>

namespace cairn::server {
namespace {

void histogram_text(std::string& out, std::string_view name, std::string_view label,
                    const std::string& value, const auto& h, const auto& bounds) {
  for (size_t i = 0; i < bounds.size(); ++i)
    out += fmt::format("{}_bucket{{{}=\"{}\",le=\"{}\"}} {}\n", name, label, value, bounds[i],
                       h.buckets[i]);
  out += fmt::format("{}_bucket{{{}=\"{}\",le=\"+Inf\"}} {}\n", name, label, value, h.count);
  out += fmt::format("{}_sum{{{}=\"{}\"}} {}\n", name, label, value, h.sum);
  out += fmt::format("{}_count{{{}=\"{}\"}} {}\n", name, label, value, h.count);
}

}  // namespace

Metrics& metrics() {
  static Metrics m;
  return m;
}

void Metrics::Histogram::add(double seconds) {
  for (size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) buckets[i]++;
  count++;
  sum += seconds;
}

void Metrics::request(std::string_view route, std::string_view method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  requests_[{std::string(route), std::string(method), status}]++;
  latency_[std::string(route)].add(seconds);
}

void Metrics::recompute(std::string_view view, double seconds) {
  std::lock_guard lock(mutex_);
  recompute_[std::string(view)].add(seconds);
}

std::string Metrics::text() const {
  std::lock_guard lock(mutex_);
  std::string out =
      "# HELP cairn_http_requests_total HTTP requests answered, by route template, method and "
      "status.\n# TYPE cairn_http_requests_total counter\n";
  for (const auto& [k, n] : requests_)
    out += fmt::format("cairn_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       std::get<0>(k), std::get<1>(k), std::get<2>(k), n);
  out +=
      "# HELP cairn_http_request_duration_seconds Time from routing to the response, by route.\n"
      "# TYPE cairn_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_)
    histogram_text(out, "cairn_http_request_duration_seconds", "route", route, h, kBuckets);
  out +=
      "# HELP cairn_view_recompute_seconds Time to compute a view at a program revision.\n"
      "# TYPE cairn_view_recompute_seconds histogram\n";
  for (const auto& [view, h] : recompute_)
    histogram_text(out, "cairn_view_recompute_seconds", "view", view, h, kBuckets);
  out += fmt::format(
      "# HELP cairn_store_errors_total Requests that failed on a store error.\n"
      "# TYPE cairn_store_errors_total counter\ncairn_store_errors_total {}\n",
      store_errors_.load());
  return out;
}

}  // namespace cairn::server

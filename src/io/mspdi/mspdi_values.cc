// The values MSPDI writes in text: numbers, times of day, ISO 8601 durations and MS Project's
// duration formats.
#include "io/mspdi/mspdi_values.h"

#include <charconv>
#include <cmath>

#include "io/mspdi/mspdi.h"

namespace cairn::io {
namespace mspdi_values {

std::optional<long long> to_int(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\t'))
    s.remove_suffix(1);
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> to_double(std::string_view s) {
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> time_of_day(std::string_view s) {
  if (s.size() < 5 || s[2] != ':') return std::nullopt;
  auto h = to_int(s.substr(0, 2)), m = to_int(s.substr(3, 2));
  if (!h || !m || *h < 0 || *h > 24 || *m < 0 || *m > 59) return std::nullopt;
  return static_cast<int>(*h * 60 + *m);
}

bool elapsed_format(long long f) {
  return f == 4 || f == 6 || f == 8 || f == 10 || f == 12 || f == 20 || f == 36 || f == 38 ||
         f == 40 || f == 42 || f == 44 || f == 52;
}
bool percent_format(long long f) {
  return f == 19 || f == 20 || f == 51 || f == 52;
}

}  // namespace mspdi_values

std::optional<double> parse_mspdi_duration_minutes(std::string_view s) {
  bool negative = false;
  if (!s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty() || s.front() != 'P') return std::nullopt;
  s.remove_prefix(1);
  double minutes = 0;
  bool in_time = false, any = false;
  while (!s.empty()) {
    if (s.front() == 'T') {
      in_time = true;
      s.remove_prefix(1);
      continue;
    }
    size_t n = 0;
    while (n < s.size() && ((s[n] >= '0' && s[n] <= '9') || s[n] == '.'))
      ++n;
    if (n == 0 || n >= s.size()) return std::nullopt;
    auto v = mspdi_values::to_double(s.substr(0, n));
    if (!v) return std::nullopt;
    const char unit = s[n];
    if (unit == 'Y' && !in_time)
      minutes += *v * 365 * 1440;
    else if (unit == 'M' && !in_time)
      minutes += *v * 30 * 1440;
    else if (unit == 'W' && !in_time)
      minutes += *v * 7 * 1440;
    else if (unit == 'D' && !in_time)
      minutes += *v * 1440;
    else if (unit == 'H' && in_time)
      minutes += *v * 60;
    else if (unit == 'M' && in_time)
      minutes += *v;
    else if (unit == 'S' && in_time)
      minutes += *v / 60;
    else
      return std::nullopt;
    any = true;
    s.remove_prefix(n + 1);
  }
  if (!any) return std::nullopt;
  return negative ? -minutes : minutes;
}

}  // namespace cairn::io

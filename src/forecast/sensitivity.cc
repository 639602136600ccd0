#include "forecast/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace cairn::forecast {

std::vector<double> fractional_ranks(std::span<const float> values) {
  // Sort (order-preserving bits of the value, index) pairs packed into one integer.
  const size_t n = values.size();
  std::vector<uint64_t> keyed(n);
  for (size_t i = 0; i < n; ++i) {
    uint32_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    bits = (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
    keyed[i] = (uint64_t{bits} << 32) | i;
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<double> ranks(n);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && (keyed[j] >> 32) == (keyed[i] >> 32))
      ++j;
    const double r = 0.5 * static_cast<double>(i + 1 + j);  // average of ranks i+1..j
    for (size_t k = i; k < j; ++k)
      ranks[keyed[k] & 0xffffffffu] = r;
    i = j;
  }
  return ranks;
}

double rank_correlation(std::span<const double> a, std::span<const double> b) {
  const size_t n = std::min(a.size(), b.size());
  if (n < 2) return 0;
  double ma = 0, mb = 0;
  for (size_t i = 0; i < n; ++i) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < n; ++i) {
    const double da = a[i] - ma, db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa <= 0 || sbb <= 0) return 0;
  return sab / std::sqrt(saa * sbb);
}

double spearman(std::span<const float> a, std::span<const float> b) {
  auto ra = fractional_ranks(a), rb = fractional_ranks(b);
  return rank_correlation(ra, rb);
}

}  // namespace cairn::forecast

#include "forecast/sensitivity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

namespace cairn::forecast {
namespace {

// An unsigned key with the order of the float (negative values flipped).
uint32_t order_key(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

float from_order_key(uint32_t key) {
  const uint32_t bits = (key & 0x80000000u) ? key & 0x7fffffffu : ~key;
  float v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// Stable LSD radix sort of (key << 32 | payload) items by their upper 32 bits: three passes of 11
// bits, each skipped when all items share the digit.
void radix_sort_by_key(std::vector<uint64_t>& items) {
  constexpr int kBits = 11;
  constexpr uint32_t kBuckets = 1u << kBits;
  std::vector<uint64_t> tmp(items.size());
  for (int shift = 32; shift < 64; shift += kBits) {
    std::array<uint32_t, kBuckets> count{};
    for (uint64_t x : items)
      ++count[(x >> shift) & (kBuckets - 1)];
    if (!items.empty() && count[(items.front() >> shift) & (kBuckets - 1)] == items.size())
      continue;
    uint32_t sum = 0;
    for (auto& c : count) {
      const uint32_t k = c;
      c = sum;
      sum += k;
    }
    for (uint64_t x : items)
      tmp[count[(x >> shift) & (kBuckets - 1)]++] = x;
    items.swap(tmp);
  }
}

}  // namespace

void sort_values(std::span<float> values) {
  std::vector<uint64_t> keyed(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    keyed[i] = uint64_t{order_key(values[i])} << 32;
  radix_sort_by_key(keyed);
  for (size_t i = 0; i < values.size(); ++i)
    values[i] = from_order_key(static_cast<uint32_t>(keyed[i] >> 32));
}

std::vector<double> fractional_ranks(std::span<const float> values) {
  // Sort (order-preserving bits of the value, index) pairs packed into one integer.
  const size_t n = values.size();
  std::vector<uint64_t> keyed(n);
  for (size_t i = 0; i < n; ++i)
    keyed[i] = (uint64_t{order_key(values[i])} << 32) | i;
  radix_sort_by_key(keyed);
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

CenteredRanks centered_ranks(std::span<const float> values) {
  CenteredRanks out;
  out.values = fractional_ranks(values);
  const double mean = 0.5 * static_cast<double>(values.size() + 1);
  for (double& r : out.values) {
    r -= mean;
    out.sum_squares += r * r;
  }
  return out;
}

double centered_correlation(const CenteredRanks& a, const CenteredRanks& b) {
  const size_t n = std::min(a.values.size(), b.values.size());
  if (n < 2 || a.sum_squares <= 0 || b.sum_squares <= 0) return 0;
  double sab = 0;
  for (size_t i = 0; i < n; ++i)
    sab += a.values[i] * b.values[i];
  return sab / std::sqrt(a.sum_squares * b.sum_squares);
}

double spearman(std::span<const float> a, std::span<const float> b) {
  auto ra = fractional_ranks(a), rb = fractional_ranks(b);
  return rank_correlation(ra, rb);
}

}  // namespace cairn::forecast

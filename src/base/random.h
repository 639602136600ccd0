// Cairn's one source of pseudo-random numbers: SplitMix64 (Steele, Lea and Flood, "Fast
// splittable pseudorandom number generators", OOPSLA 2014) and xoshiro256** (Blackman and Vigna,
// "Scrambled linear pseudorandom number generators", 2021) seeded through it.
//
// Two ways to draw:
//  - counter-based (the Monte Carlo forecast): every number is addressed by (seed, trial, slot); a
//    slot names one input of one trial (the duration of node 17, whether risk 3 fires). The value
//    is the SplitMix64 output function applied to a Weyl sequence position, so any draw can be
//    recomputed on its own, in any order, on any thread: results are identical whatever the thread
//    count, and sensitivity analysis re-derives a trial's inputs without storing them;
//  - sequential (searches such as the RCPSP solver, perturbations in leveling): `splitmix64_next`
//    on a 64-bit state, or the `Xoshiro256` generator.
// The same seed gives the same numbers on every platform. Header-only; the free functions are pure
// and thread-safe; a generator object is not thread-safe (one per search).
#pragma once

#include <cstdint>

namespace cairn {

// The Weyl increment of SplitMix64 (2^64 / golden ratio, odd).
inline constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// The SplitMix64 finalizer: a bijective 64-bit mixer.
constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The next SplitMix64 output of the sequence whose state is `state` (advanced by one step).
constexpr uint64_t splitmix64_next(uint64_t& state) {
  return mix64(state += kGolden);
}

// The stream key of one trial: decorrelated from neighbouring trials and seeds.
constexpr uint64_t trial_key(uint64_t seed, uint64_t trial) {
  return mix64(mix64(seed ^ 0x5851f42d4c957f2dULL) + trial * kGolden);
}

// The raw 64 random bits of `slot` in the trial whose key is `key`.
constexpr uint64_t draw_bits(uint64_t key, uint64_t slot) {
  return mix64(key + (slot + 1) * kGolden);
}

// A uniform number in [0, 1) from the top 53 of 64 random bits.
constexpr double unit_from_bits(uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// A uniform number in [0, 1) with 53 random bits.
constexpr double draw_uniform(uint64_t key, uint64_t slot) {
  return unit_from_bits(draw_bits(key, slot));
}

// xoshiro256**: a sequential generator with a 256-bit state, seeded by four SplitMix64 outputs.
class Xoshiro256 {
 public:
  explicit Xoshiro256(uint64_t seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_)
      s = splitmix64_next(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for n >= 1 (Lemire's multiply-shift; the tiny bias is irrelevant here).
  int below(int n) {
    return static_cast<int>((static_cast<__uint128_t>(next()) * static_cast<uint64_t>(n)) >> 64);
  }

  // Uniform in [0, 1).
  double unit() { return unit_from_bits(next()); }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

}  // namespace cairn

// Counter-based random numbers for the Monte Carlo engine.
//
// Every random number a forecast uses is addressed by (seed, trial, slot): a slot names one input
// of one trial (the duration of node 17, whether risk 3 fires, the 5th weekly throughput draw of
// team 2). The value is the SplitMix64 output function (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", OOPSLA 2014) applied to a Weyl sequence position, so any draw
// can be recomputed on its own, in any order, on any thread. That is what makes results identical
// whatever the thread count, and lets sensitivity analysis re-derive a trial's inputs after the
// run without storing them. Header-only; pure functions; thread-safe.
#pragma once

#include <cstdint>

namespace cairn::forecast {

inline constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

// The SplitMix64 finalizer: a bijective 64-bit mixer.
constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The stream key of one trial: decorrelated from neighbouring trials and seeds.
constexpr uint64_t trial_key(uint64_t seed, uint64_t trial) {
  return mix64(mix64(seed ^ 0x5851f42d4c957f2dULL) + trial * kGolden);
}

// The raw 64 random bits of `slot` in the trial whose key is `key`.
constexpr uint64_t draw_bits(uint64_t key, uint64_t slot) {
  return mix64(key + (slot + 1) * kGolden);
}

// A uniform number in [0, 1) with 53 random bits.
constexpr double draw_uniform(uint64_t key, uint64_t slot) {
  return static_cast<double>(draw_bits(key, slot) >> 11) * 0x1.0p-53;
}

}  // namespace cairn::forecast

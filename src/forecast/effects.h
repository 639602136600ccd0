// What-if runs on the same random numbers: how much a milestone's P85 moves when one input loses
// its spread (an item held at its median duration) or goes away (a risk that never fires). The
// forecast ranks its drivers by this measured effect rather than by correlation alone.
// Pure function; thread-safe on distinct arguments.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "forecast/network.h"

namespace cairn::forecast {

struct WhatIf {
  bool risk = false;  // false: node `index` held at its median; true: network risk `index` removed
  uint32_t index = 0;
  // kGroup: every node of group `index` (a team) held at its median duration, without its level,
  // and its throughput streams at their mean weekly count; kCut: the links numbered `links`
  // (Network::start_link / finish_link) never bind. kItemOrRisk (default): as `risk` says.
  enum class Kind : uint8_t { kItemOrRisk, kGroup, kCut };
  Kind kind = Kind::kItemOrRisk;
  std::vector<uint32_t> links;
};

// Per what-if, per target: the P85 finish (working days) over trials 0 .. trials-1 of `seed`
// (the program, target 0, ends no earlier than any other target).
std::vector<std::vector<double>> what_if_p85(const Network& net, std::span<const WhatIf> what_ifs,
                                             uint64_t seed, int trials, int threads);

// The percentile `p` (0..1) per target of the first `trials` trials of a simulation's
// target_finish (stride: its trial count), with the same program-end rule.
std::vector<double> percentile_of(std::span<const float> finish, uint32_t targets, size_t stride,
                                  int trials, double p);

}  // namespace cairn::forecast

// What-ifs on a forecast network for the dependency and risk registers: how many working days a
// target's P85 moves when a link between two nodes is gone (the successor no longer waits for the
// predecessor), or when a risk never fires, on the same random numbers (the first `trials` trials
// of `seed`). The network's layout (topological positions, hence every random draw) is kept: a
// cut link is given a lag so negative that it never binds. Pure; thread-safe on distinct
// arguments.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "forecast/network.h"

namespace cairn::analysis {

struct LinkCut {
  uint32_t predecessor = 0, successor = 0;  // node ids
};

// Per cut, per target: P85 (all links) − P85 (the cut's links gone), rounded to working days.
std::vector<std::vector<int>> link_cut_effects(const forecast::Network& net,
                                               std::span<const LinkCut> cuts, uint64_t seed,
                                               int trials, int threads);

// Per network risk, per target: P85 − P85 (the risk never fires), rounded to working days.
std::vector<std::vector<int>> risk_effects(const forecast::Network& net, uint64_t seed, int trials,
                                           int threads);

}  // namespace cairn::analysis

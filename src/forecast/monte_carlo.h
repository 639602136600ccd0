// The Monte Carlo engine: runs many trials of a Network and records, per trial, each target's
// finish (working days after the forecast start), plus what sensitivity analysis needs.
//
// One trial: every open risk fires with its probability and, if it does, draws its delay; every
// throughput stream draws weekly throughputs (bootstrap) until its queue is done; every node draws
// its duration (plus the delays of fired risks linked to it); then one forward pass in topological
// order gives each node its earliest start and finish under its links and release time. A target's
// finish is the latest finish of its nodes plus the delays of fired risks linked to the target.
// The critical path of a target in a trial is found by walking back from its latest node along the
// binding ("driving") constraints; a node's criticality index is the share of trials in which it is
// on that path (Van Slyke 1963; Williams 1992, docs/formulas.md).
//
// Randomness is addressed by (seed, trial, slot) (base/random.h); node durations are drawn by Latin
// hypercube sampling in blocks of 16 trials (trials 16j..16j+15 cover the 16 sixteenths of each
// node's distribution once each; docs/formulas.md): the result is identical for any thread count
// and instruction set. Trials run 16 (AVX-512) or 8 side by side, one forward pass for all of them,
// in chunks of 64 handed to whichever thread is free; each thread owns its scratch arrays
// (allocated once before its loop; nothing is allocated inside it). Pure function; thread-safe on
// distinct arguments.
#pragma once

#include <cstdint>
#include <vector>

#include "base/error.h"
#include "forecast/network.h"

namespace cairn::forecast {

// The instruction set the trial loop uses. Results are bit-identical for every level; kAuto
// (default) takes the widest the processor has (AVX-512: 16 trials per pass, else AVX2 or SSE2: 8).
// The other levels exist for tests and benchmarks; a level the processor lacks falls back to the
// next narrower one.
enum class SimdLevel { kAuto, kBaseline, kAvx2, kAvx512 };

struct SimulationOptions {
  int trials = 10000;       // default 10,000
  uint64_t seed = 1;        // default 1
  int threads = 0;          // worker threads; 0 (default): all hardware threads
  bool criticality = true;  // count critical nodes per target; default true
  // Count them in the first `criticality_trials` trials only (0, default: all). The walks cost
  // the sum of the targets' path lengths per trial: with many milestones, most of the loop.
  int criticality_trials = 0;
  // Keep the first trial's critical path of each target (SimulationResult::first_paths): what
  // criticality counts for one trial, without its targets x nodes table. Default false.
  bool first_trial_paths = false;
  SimdLevel simd = SimdLevel::kAuto;  // default kAuto
};

struct SimulationResult {
  int trials = 0;
  uint64_t seed = 0;
  std::vector<float> target_finish;  // [target * trials + trial], working days
  // [target * nodes + node id]: trials in which the node is on the target's critical path (among
  // the first criticality_trials). Empty when criticality is off.
  std::vector<uint32_t> critical;
  // [target]: the positions (Network::order) on trial 0's critical path of the target, from its
  // latest node back. Empty unless first_trial_paths.
  std::vector<std::vector<uint32_t>> first_paths;
  std::vector<float> group_sum;  // [group * trials + trial]: summed durations of the group's nodes
  std::vector<float> watch_finish;  // [watch * trials + trial]: the watched node's finish
  uint64_t stream_truncated = 0;    // trials in which a throughput stream hit its week limit

  float finish(uint32_t target, int trial) const {
    return target_finish[size_t{target} * trials + trial];
  }
};

// Error code `invalid-options` when trials < 1.
Result<SimulationResult> simulate(const Network& net, const SimulationOptions& options);

// Re-derive one trial's inputs (sensitivity analysis): the sampled duration of a node (before risk
// delays; meaningless for stream nodes) and the delay of a risk (0 when it did not fire).
float sampled_duration(const Network& net, uint64_t seed, int trial, uint32_t node);
float sampled_risk_delay(const Network& net, uint64_t seed, int trial, uint32_t risk);

}  // namespace cairn::forecast

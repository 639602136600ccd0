// The compact network the Monte Carlo engine simulates.
//
// A Network is a set of nodes (work items, summary nodes, milestones), each with a duration
// sampler (working days) and a release time (earliest start, working days after the forecast's
// start), joined by precedence links (finish-start, start-start, finish-finish, start-finish, each
// with a lag in working days; a lead is a negative lag). On top of that:
//   * risks: with a probability, add a sampled delay to the duration of their nodes and/or to the
//     finish of their targets;
//   * throughput streams: a team's unestimated backlog, finished in order at a pace drawn week by
//     week from the team's historical weekly throughput (bootstrap);
//   * targets: sets of nodes whose latest finish is a milestone (or the program) date;
//   * groups (teams) for sensitivity, and watches (the finish of a provider node, e.g. for a
//     cross-team need-by date).
// Nodes, risks, streams, targets, groups and watches are numbered in the order they were added.
// build() checks the network, sorts it topologically (ties by insertion order) and lays it out as
// structure-of-arrays in that order for the trial loop. The layout is generic: any task graph (the
// program adapter, a scheduler's TaskGraph plus its resource links, a test) can fill it.
// Value type; immutable after build; thread-safe to read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/error.h"
#include "forecast/distribution.h"

namespace cairn::forecast {

// A link lag that makes the link never bind (what-ifs and the ablation cut links with it).
inline constexpr float kNeverBinds = -1e9f;

enum class LinkType : uint8_t { kFinishStart, kStartStart, kFinishFinish, kStartFinish };

inline constexpr uint32_t kNone = 0xffffffffu;

struct Network {
  // ---- as added (insertion numbering) ----
  uint32_t nodes = 0;
  uint32_t risks = 0;
  uint32_t streams = 0;
  uint32_t targets = 0;
  uint32_t groups = 0;
  uint32_t watches = 0;
  QuantileTables tables;

  // ---- per node, in topological position p (hot loop) ----
  std::vector<uint32_t> order;        // order[p] = node id
  std::vector<uint32_t> position;     // position[node] = p
  std::vector<uint32_t> table;        // sampler table
  std::vector<float> offset;          // sampler offset
  std::vector<float> scale;           // sampler scale
  std::vector<float> release;         // earliest start
  std::vector<uint32_t> group;        // group of the node, or kNone
  std::vector<uint32_t> stream_slot;  // index into the trial's stream times, or kNone
  // Start-constraining links (FS, SS) then finish-constraining ones (FF, SF), CSR by position:
  // a source is 2 * pred position (its finish) or 2 * pred position + 1 (its start).
  std::vector<uint32_t> start_begin;  // positions + 1
  std::vector<uint32_t> start_src;
  std::vector<float> start_lag;
  std::vector<uint32_t> finish_begin;  // positions + 1
  std::vector<uint32_t> finish_src;
  std::vector<float> finish_lag;
  // Per entry of start_src / finish_src: the link's number in the order it was added (not read by
  // the trial loop; what-ifs find a link's entries by it).
  std::vector<uint32_t> start_link;
  std::vector<uint32_t> finish_link;
  // Risks that lengthen a node (CSR by position).
  std::vector<uint32_t> node_risk_begin;
  std::vector<uint32_t> node_risk;

  // ---- risks ----
  std::vector<float> risk_probability;
  std::vector<Sampler> risk_impact;

  // ---- throughput streams ----
  std::vector<uint32_t> stream_weeks_begin;  // CSR of weekly counts per stream
  std::vector<float> stream_weeks;
  std::vector<float> stream_days_per_week;
  // Per stream, its cadence in weeks (forecast/throughput.h, cadence_weeks): the Bayesian
  // bootstrap draws blocks of that many past weeks.
  std::vector<uint8_t> stream_period;
  std::vector<uint32_t> stream_node_begin;  // CSR: the stream's nodes (positions), in work order
  std::vector<uint32_t> stream_node;
  uint32_t stream_max_weeks = 520;  // a stream stops drawing after this many weeks (10 years)
  // Per trial, weigh a stream's past weeks by Dirichlet(1, ..., 1) weights before drawing from
  // them (Bayesian bootstrap, Rubin 1981): the throughput distribution itself is uncertain. Default
  // true; false gives the classic bootstrap (every past week equally likely).
  bool stream_bayesian = true;

  // ---- targets ----
  std::vector<uint32_t> target_begin;  // CSR of node positions
  std::vector<uint32_t> target_node;
  std::vector<uint32_t> target_risk_begin;  // CSR of risks that delay the target directly
  std::vector<uint32_t> target_risk;
  std::vector<uint8_t> target_all;  // per target: it spans every node (its CSR range is empty)

  // ---- watches ----
  std::vector<uint32_t> watch_node;  // positions

  // ---- team levels (a team-wide swing of pace, one draw per group per trial) ----
  // Per group, the duration multipliers a trial draws one of (CSR, each equally likely; an empty
  // range: the group has no level). Per position, the group whose level multiplies the node's
  // drawn duration, or kNone. Per stream, the group whose level divides its weekly throughput.
  // Level sets: one per group (set g is group g's), then any added by add_level_set.
  std::vector<uint32_t> level_begin;  // level sets + 1
  std::vector<float> level;
  std::vector<uint32_t> level_group;   // per position: the level set it follows, or kNone
  std::vector<uint32_t> stream_group;  // per stream
  bool has_levels() const { return !level.empty(); }
  uint32_t level_sets() const {
    return level_begin.empty() ? 0 : static_cast<uint32_t>(level_begin.size() - 1);
  }

  // The slot (see base/random.h) of each random input. A node draws at its topological position.
  uint64_t node_slot(uint32_t node) const { return position[node]; }
  uint64_t risk_fire_slot(uint32_t r) const { return uint64_t{nodes} + 2 * uint64_t{r}; }
  uint64_t risk_impact_slot(uint32_t r) const { return risk_fire_slot(r) + 1; }
  // Stream s draws week w at base + w and the weight of past week i at base + max_weeks + i.
  uint64_t stream_slot_base(uint32_t s) const {
    return uint64_t{nodes} + 2 * uint64_t{risks} + uint64_t{s} * 2 * stream_max_weeks;
  }
  // Group g's level is drawn at slot g of a key derived from the trial's (adds no slot above).
  static uint64_t level_key(uint64_t trial_key) { return trial_key ^ 0xbb67ae8584caa73bULL; }
};

class NetworkBuilder {
 public:
  NetworkBuilder() = default;

  // The table store samplers come from (three-point, empirical); build() copies it into the
  // network.
  QuantileTables& tables() { return tables_; }

  uint32_t add_node(Sampler duration, double release = 0, uint32_t group = kNone);
  // Replaces a node's duration and release (e.g. once a schedule says how long it takes).
  void set_node(uint32_t node, Sampler duration, double release) {
    samplers_[node] = duration;
    release_[node] = static_cast<float>(release);
  }
  const Sampler& sampler(uint32_t node) const { return samplers_[node]; }
  void add_link(uint32_t pred, uint32_t succ, LinkType type = LinkType::kFinishStart,
                double lag = 0);
  uint32_t add_risk(double probability, Sampler impact);
  void risk_delays_node(uint32_t risk, uint32_t node);
  void risk_delays_target(uint32_t risk, uint32_t target);
  // A throughput stream: `weekly_counts` are the items finished in each past week (the bootstrap
  // population; at least one must be positive), `days_per_week` the working days of a week,
  // `period` the stream's cadence in weeks (cadence_weeks, forecast/throughput.h).
  uint32_t add_stream(std::vector<double> weekly_counts, double days_per_week, int period = 1);
  // Puts a node at the end of a stream's queue. The node's own sampler is ignored: its duration is
  // the time the team spends on its slot of the queue.
  void add_to_stream(uint32_t stream, uint32_t node);
  uint32_t add_target(std::span<const uint32_t> nodes);
  // A target whose finish is the latest finish of every node (the program end); cheaper than
  // listing them all.
  uint32_t add_target_all();
  uint32_t add_group();
  uint32_t add_watch(uint32_t node);
  // A group's level: the duration multipliers (> 0) a trial draws one of, equally likely.
  void set_group_levels(uint32_t group, std::span<const double> multipliers);
  // The node's drawn duration is multiplied by its group's level in each trial.
  void follow_group_level(uint32_t node) { follows_level_[node] = group_[node]; }
  // A level of its own for some nodes of a group (which stays the node's group for drivers): a
  // set of multipliers a trial draws one of, equally likely. Call after every add_group.
  uint32_t add_level_set(std::span<const double> multipliers);
  // The node's drawn duration is multiplied by that set's level in each trial instead.
  void follow_level_set(uint32_t node, uint32_t set) { follows_level_[node] = set; }
  // The stream's weekly throughput is divided by the group's level in each trial.
  void stream_follows_group(uint32_t stream, uint32_t group) { stream_group_[stream] = group; }

  uint32_t nodes() const { return static_cast<uint32_t>(samplers_.size()); }

  // Error codes: `forecast-cycle` (the message names a node on the cycle), `invalid-network`.
  // The builder stays usable (build() copies the tables). `names` (optional, per node) label nodes
  // in messages.
  Result<Network> build(std::span<const std::string> names = {});

 private:
  struct Link {
    uint32_t pred, succ;
    LinkType type;
    float lag;
    uint32_t id;  // number in the order added
  };
  // build()'s steps: every index names something that exists; `net.order` and `net.position`;
  // then the per-position columns.
  Result<void> check_references() const;
  Result<void> order_nodes(Network& net, std::span<const std::string> names) const;
  void lay_out_nodes(Network& net) const;
  void lay_out_links(Network& net) const;
  void lay_out_risks(Network& net) const;
  Result<void> lay_out_streams(Network& net) const;
  void lay_out_targets(Network& net) const;
  Result<void> lay_out_levels(Network& net) const;
  QuantileTables tables_;
  std::vector<Sampler> samplers_;
  std::vector<float> release_;
  std::vector<uint32_t> group_;
  std::vector<Link> links_;
  std::vector<float> risk_probability_;
  std::vector<Sampler> risk_impact_;
  std::vector<std::pair<uint32_t, uint32_t>> node_risks_;    // (node, risk)
  std::vector<std::pair<uint32_t, uint32_t>> target_risks_;  // (target, risk)
  std::vector<std::vector<double>> stream_weeks_;
  std::vector<double> stream_days_;
  std::vector<uint8_t> stream_period_;
  std::vector<std::vector<uint32_t>> stream_nodes_;
  std::vector<std::vector<uint32_t>> target_nodes_;
  std::vector<uint8_t> target_all_;
  uint32_t groups_ = 0;
  std::vector<uint32_t> watches_;
  std::vector<std::vector<double>> levels_;  // per group
  std::vector<uint32_t> follows_level_;      // per node: the level set it follows, or kNone
  std::vector<uint32_t> stream_group_;       // per stream
};

}  // namespace cairn::forecast

#include "forecast/network.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::forecast {
namespace {

std::unexpected<Error> bad(std::string msg) {
  return make_error(codes::kInvalidNetwork, std::move(msg));
}

}  // namespace

uint32_t NetworkBuilder::add_node(Sampler duration, double release, uint32_t group) {
  samplers_.push_back(duration);
  release_.push_back(static_cast<float>(release));
  group_.push_back(group);
  follows_level_.push_back(kNone);
  return static_cast<uint32_t>(samplers_.size() - 1);
}

void NetworkBuilder::add_link(uint32_t pred, uint32_t succ, LinkType type, double lag) {
  links_.push_back(
      {pred, succ, type, static_cast<float>(lag), static_cast<uint32_t>(links_.size())});
}

uint32_t NetworkBuilder::add_risk(double probability, Sampler impact) {
  risk_probability_.push_back(static_cast<float>(probability));
  risk_impact_.push_back(impact);
  return static_cast<uint32_t>(risk_probability_.size() - 1);
}

void NetworkBuilder::risk_delays_node(uint32_t risk, uint32_t node) {
  node_risks_.emplace_back(node, risk);
}

void NetworkBuilder::risk_delays_target(uint32_t risk, uint32_t target) {
  target_risks_.emplace_back(target, risk);
}

uint32_t NetworkBuilder::add_stream(std::vector<double> weekly_counts, double days_per_week,
                                    int period) {
  stream_weeks_.push_back(std::move(weekly_counts));
  stream_days_.push_back(days_per_week);
  stream_period_.push_back(static_cast<uint8_t>(std::clamp(period, 1, 4)));
  stream_nodes_.emplace_back();
  stream_group_.push_back(kNone);
  return static_cast<uint32_t>(stream_weeks_.size() - 1);
}

void NetworkBuilder::add_to_stream(uint32_t stream, uint32_t node) {
  stream_nodes_[stream].push_back(node);
}

uint32_t NetworkBuilder::add_target(std::span<const uint32_t> nodes) {
  target_nodes_.emplace_back(nodes.begin(), nodes.end());
  target_all_.push_back(0);
  return static_cast<uint32_t>(target_nodes_.size() - 1);
}

uint32_t NetworkBuilder::add_target_all() {
  target_nodes_.emplace_back();
  target_all_.push_back(1);
  return static_cast<uint32_t>(target_nodes_.size() - 1);
}

uint32_t NetworkBuilder::add_group() {
  levels_.emplace_back();
  return groups_++;
}

void NetworkBuilder::set_group_levels(uint32_t group, std::span<const double> multipliers) {
  levels_[group].assign(multipliers.begin(), multipliers.end());
}

uint32_t NetworkBuilder::add_level_set(std::span<const double> multipliers) {
  levels_.emplace_back(multipliers.begin(), multipliers.end());
  return static_cast<uint32_t>(levels_.size() - 1);
}

uint32_t NetworkBuilder::add_watch(uint32_t node) {
  watches_.push_back(node);
  return static_cast<uint32_t>(watches_.size() - 1);
}

Result<void> NetworkBuilder::check_references() const {
  const uint32_t n = nodes();
  for (const auto& l : links_)
    if (l.pred >= n || l.succ >= n || l.pred == l.succ)
      return bad(fmt::format("link {} -> {} names a missing node or a self-loop", l.pred, l.succ));
  for (auto [node, risk] : node_risks_)
    if (node >= n || risk >= risk_probability_.size()) return bad("a risk names a missing node");
  for (auto [target, risk] : target_risks_)
    if (target >= target_nodes_.size() || risk >= risk_probability_.size())
      return bad("a risk names a missing target");
  for (size_t s = 0; s < stream_weeks_.size(); ++s) {
    double total = 0;
    for (double w : stream_weeks_[s])
      total += w < 0 ? -1e300 : w;
    if (!(total > 0) && !stream_nodes_[s].empty())
      return bad(fmt::format("throughput stream {} has no positive weekly count", s));
    for (uint32_t v : stream_nodes_[s])
      if (v >= n) return bad("a stream names a missing node");
    if (stream_weeks_[s].size() > Network{}.stream_max_weeks)
      return bad(fmt::format("throughput stream {} has more than 520 weeks of history", s));
  }
  for (const auto& t : target_nodes_)
    for (uint32_t v : t)
      if (v >= n) return bad("a target names a missing node");
  for (uint32_t v : watches_)
    if (v >= n) return bad("a watch names a missing node");
  for (uint32_t g : group_)
    if (g != kNone && g >= groups_) return bad("a node names a missing group");
  return {};
}

// Topological order (Kahn), smallest id first among the ready nodes.
Result<void> NetworkBuilder::order_nodes(Network& net, std::span<const std::string> names) const {
  const uint32_t n = nodes();
  std::vector<uint32_t> indeg(n, 0), succ_begin(n + 1, 0), succ(links_.size());
  for (const auto& l : links_) {
    ++indeg[l.succ];
    ++succ_begin[l.pred + 1];
  }
  for (uint32_t i = 0; i < n; ++i)
    succ_begin[i + 1] += succ_begin[i];
  {
    std::vector<uint32_t> fill(succ_begin.begin(), succ_begin.end() - 1);
    for (const auto& l : links_)
      succ[fill[l.pred]++] = l.succ;
  }
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
  for (uint32_t i = 0; i < n; ++i)
    if (indeg[i] == 0) ready.push(i);
  net.order.reserve(n);
  while (!ready.empty()) {
    uint32_t v = ready.top();
    ready.pop();
    net.order.push_back(v);
    for (uint32_t e = succ_begin[v]; e < succ_begin[v + 1]; ++e)
      if (--indeg[succ[e]] == 0) ready.push(succ[e]);
  }
  if (net.order.size() != n) {
    uint32_t on_cycle = 0;
    while (indeg[on_cycle] == 0)
      ++on_cycle;
    return make_error(
        codes::kForecastCycle,
        fmt::format("the network has a cycle through {}",
                    on_cycle < names.size() ? names[on_cycle] : fmt::format("node {}", on_cycle)),
        {}, "remove one dependency of the cycle (cairn check lists it)");
  }
  net.position.assign(n, 0);
  for (uint32_t p = 0; p < n; ++p)
    net.position[net.order[p]] = p;
  return {};
}

// Per node position: its sampler, release and group.
void NetworkBuilder::lay_out_nodes(Network& net) const {
  const uint32_t n = nodes();
  net.table.resize(n);
  net.offset.resize(n);
  net.scale.resize(n);
  net.release.resize(n);
  net.group.resize(n);
  net.stream_slot.assign(n, kNone);
  for (uint32_t p = 0; p < n; ++p) {
    const uint32_t v = net.order[p];
    net.table[p] = samplers_[v].table;
    net.offset[p] = samplers_[v].offset;
    net.scale[p] = samplers_[v].scale;
    net.release[p] = release_[v];
    net.group[p] = group_[v];
  }
}

// Links by successor position; within a successor, by predecessor position.
void NetworkBuilder::lay_out_links(Network& net) const {
  const uint32_t n = nodes();
  std::vector<Link> sorted = links_;
  for (auto& l : sorted) {
    l.pred = net.position[l.pred];
    l.succ = net.position[l.succ];
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const Link& a, const Link& b) {
    return a.succ != b.succ ? a.succ < b.succ : a.pred < b.pred;
  });
  net.start_begin.assign(n + 1, 0);
  net.finish_begin.assign(n + 1, 0);
  for (const auto& l : sorted) {
    const bool from_start = l.type == LinkType::kStartStart || l.type == LinkType::kStartFinish;
    const uint32_t src = 2 * l.pred + (from_start ? 1 : 0);
    if (l.type == LinkType::kFinishStart || l.type == LinkType::kStartStart) {
      ++net.start_begin[l.succ + 1];
      net.start_src.push_back(src);
      net.start_lag.push_back(l.lag);
      net.start_link.push_back(l.id);
    } else {
      ++net.finish_begin[l.succ + 1];
      net.finish_src.push_back(src);
      net.finish_lag.push_back(l.lag);
      net.finish_link.push_back(l.id);
    }
  }
  for (uint32_t p = 0; p < n; ++p) {
    net.start_begin[p + 1] += net.start_begin[p];
    net.finish_begin[p + 1] += net.finish_begin[p];
  }
}

// The risks on each node (by position) and on each target, each once.
void NetworkBuilder::lay_out_risks(Network& net) const {
  const uint32_t n = nodes();
  std::vector<std::pair<uint32_t, uint32_t>> nr;
  for (auto [node, risk] : node_risks_)
    nr.emplace_back(net.position[node], risk);
  std::sort(nr.begin(), nr.end());
  nr.erase(std::unique(nr.begin(), nr.end()), nr.end());
  net.node_risk_begin.assign(n + 1, 0);
  for (auto [p, r] : nr) {
    ++net.node_risk_begin[p + 1];
    net.node_risk.push_back(r);
  }
  for (uint32_t p = 0; p < n; ++p)
    net.node_risk_begin[p + 1] += net.node_risk_begin[p];
  net.risk_probability = risk_probability_;
  net.risk_impact = risk_impact_;
}

Result<void> NetworkBuilder::lay_out_streams(Network& net) const {
  net.stream_weeks_begin.push_back(0);
  net.stream_node_begin.push_back(0);
  uint32_t slot = 0;
  for (size_t s = 0; s < stream_weeks_.size(); ++s) {
    for (double w : stream_weeks_[s])
      net.stream_weeks.push_back(static_cast<float>(w));
    net.stream_weeks_begin.push_back(static_cast<uint32_t>(net.stream_weeks.size()));
    net.stream_days_per_week.push_back(static_cast<float>(stream_days_[s]));
    net.stream_period.push_back(stream_period_[s]);
    for (uint32_t v : stream_nodes_[s]) {
      const uint32_t p = net.position[v];
      if (net.stream_slot[p] != kNone) return bad(fmt::format("node {} is in two streams", v));
      net.stream_slot[p] = slot++;
      net.stream_node.push_back(p);
    }
    net.stream_node_begin.push_back(static_cast<uint32_t>(net.stream_node.size()));
  }
  return {};
}

void NetworkBuilder::lay_out_targets(Network& net) const {
  net.target_begin.push_back(0);
  for (const auto& t : target_nodes_) {
    for (uint32_t v : t)
      net.target_node.push_back(net.position[v]);
    net.target_begin.push_back(static_cast<uint32_t>(net.target_node.size()));
  }
  std::vector<std::pair<uint32_t, uint32_t>> tr = target_risks_;
  std::sort(tr.begin(), tr.end());
  tr.erase(std::unique(tr.begin(), tr.end()), tr.end());
  net.target_risk_begin.assign(net.targets + 1, 0);
  for (auto [t, r] : tr) {
    ++net.target_risk_begin[t + 1];
    net.target_risk.push_back(r);
  }
  for (uint32_t t = 0; t < net.targets; ++t)
    net.target_risk_begin[t + 1] += net.target_risk_begin[t];
}

// Each group's level multipliers, and the group whose level each node follows (by position).
Result<void> NetworkBuilder::lay_out_levels(Network& net) const {
  net.level_begin.assign(1, 0);
  for (const auto& lv : levels_) {
    for (double x : lv) {
      if (!(x > 0) || !std::isfinite(x)) return bad("a group level is not a positive number");
      net.level.push_back(static_cast<float>(x));
    }
    net.level_begin.push_back(static_cast<uint32_t>(net.level.size()));
  }
  if (levels_.size() > groups_ && std::any_of(levels_.begin() + groups_, levels_.end(),
                                              [](const auto& lv) { return lv.empty(); }))
    return bad("a level set has no multiplier (or a group was added after it)");
  net.level_group.assign(nodes(), kNone);
  for (uint32_t p = 0; p < nodes(); ++p) {
    const uint32_t v = net.order[p];
    if (follows_level_[v] == kNone) continue;
    if (follows_level_[v] >= levels_.size()) return bad("a node follows a missing level set");
    net.level_group[p] = follows_level_[v];
  }
  for (uint32_t g : stream_group_)
    if (g != kNone && g >= groups_) return bad("a stream names a missing group");
  return {};
}

Result<Network> NetworkBuilder::build(std::span<const std::string> names) {
  if (auto ok = check_references(); !ok) return std::unexpected(ok.error());
  Network net;
  if (auto ok = order_nodes(net, names); !ok) return std::unexpected(ok.error());
  net.nodes = nodes();
  net.risks = static_cast<uint32_t>(risk_probability_.size());
  net.streams = static_cast<uint32_t>(stream_weeks_.size());
  net.targets = static_cast<uint32_t>(target_nodes_.size());
  net.groups = groups_;
  net.watches = static_cast<uint32_t>(watches_.size());
  lay_out_nodes(net);
  lay_out_links(net);
  lay_out_risks(net);
  if (auto ok = lay_out_streams(net); !ok) return std::unexpected(ok.error());
  lay_out_targets(net);
  if (auto ok = lay_out_levels(net); !ok) return std::unexpected(ok.error());
  net.stream_group = stream_group_;
  net.target_all = target_all_;
  for (uint32_t v : watches_)
    net.watch_node.push_back(net.position[v]);
  net.tables = tables_;
  return net;
}

}  // namespace cairn::forecast

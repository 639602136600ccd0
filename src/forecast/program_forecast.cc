#include "forecast/program_forecast.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "forecast/monte_carlo.h"
#include "forecast/program_network.h"
#include "forecast/sensitivity.h"
#include "forecast/throughput.h"

namespace cairn::forecast {
namespace {

constexpr double kEps = 1e-4;  // working days; below this a finish counts as "now"

// Working day k (1-based) after the start as a date; k <= 0 is as_of. Grows a cache as needed.
class DayDates {
 public:
  DayDates(const WorkingCalendar& cal, Date as_of, Date start)
      : cal_(cal), as_of_(as_of), dates_{start} {}
  Date operator()(int k) {
    if (k <= 0) return as_of_;
    while (static_cast<int>(dates_.size()) < k) {
      Date d = dates_.back() + 1;
      dates_.push_back(cal_.next_working_day(d));
    }
    return dates_[k - 1];
  }

 private:
  const WorkingCalendar& cal_;
  Date as_of_;
  std::vector<Date> dates_;
};

int day_index(double x) {
  return x <= kEps ? 0 : static_cast<int>(std::ceil(x - kEps));
}

// The number of working days from the start through `d` (0 when d is before the start).
int days_through(const WorkingCalendar& cal, Date start, Date d) {
  return d < start ? 0 : cal.working_days_between(start, d + 1);
}

std::string phrase(double rho, const std::string& target) {
  return rho >= 0 ? fmt::format("{} lands later", target) : fmt::format("{} lands earlier", target);
}

struct Factor {
  DriverKind kind;
  uint32_t index;  // node, group, network risk or watch
  std::vector<double> ranks;
};

}  // namespace

const char* to_string(ResourceOrder o) {
  switch (o) {
    case ResourceOrder::kLeveled:
      return "leveled";
    case ResourceOrder::kSchedule:
      return "schedule";
    case ResourceOrder::kMeanOrder:
      return "mean-order";
    case ResourceOrder::kNone:
      return "none";
  }
  return "none";
}

const char* to_string(DriverKind k) {
  switch (k) {
    case DriverKind::kItem:
      return "item";
    case DriverKind::kTeam:
      return "team";
    case DriverKind::kRisk:
      return "risk";
    case DriverKind::kDependency:
      return "dependency";
  }
  return "item";
}

Result<ProgramForecast> forecast_program(const Program& program, const ForecastOptions& options,
                                         Diagnostics& diags) {
  if (options.trials < 1) return make_error("invalid-options", "trials must be at least 1");
  auto built = build_program_network(program, options, diags);
  if (!built) return std::unexpected(built.error());
  const ProgramNetwork& pn = *built;
  const Network& net = pn.net;
  auto sim = simulate(net, {.trials = options.trials,
                            .seed = options.seed,
                            .threads = options.threads,
                            .criticality = true});
  if (!sim) return std::unexpected(sim.error());
  if (sim->stream_truncated > 0)
    diags.warning("forecast-stream-truncated",
                  fmt::format("in {} trial(s) a team's throughput queue needed more than {} weeks",
                              sim->stream_truncated, net.stream_max_weeks),
                  {}, "check the team's throughput history and the size of its backlog");

  const auto& cal = program.calendar;
  const int trials = options.trials;
  ProgramForecast out;
  out.as_of = pn.as_of;
  out.start = pn.start;
  out.trials = trials;
  out.seed = options.seed;
  out.distribution = options.distribution;
  out.resource_order = pn.resource_order;
  out.nodes = net.nodes;
  out.links = pn.links;
  out.throughput_teams = pn.streams;
  DayDates day_date(cal, pn.as_of, pn.start);

  // Sensitivity inputs shared by all targets (ranks over the first `st` trials).
  const int st = std::clamp(options.sensitivity_trials, 2, trials);
  std::vector<Factor> shared;
  for (uint32_t g = 0; g < net.groups; ++g) {
    const float* v = sim->group_sum.data() + size_t{g} * trials;
    bool varies = false;
    for (int t = 1; t < st && !varies; ++t)
      varies = v[t] != v[0];
    if (varies) shared.push_back({DriverKind::kTeam, g, fractional_ranks({v, size_t(st)})});
  }
  std::vector<float> buf(st);
  for (uint32_t r = 0; r < net.risks; ++r) {
    for (int t = 0; t < st; ++t)
      buf[t] = sampled_risk_delay(net, options.seed, t, r);
    shared.push_back({DriverKind::kRisk, r, fractional_ranks(buf)});
  }
  for (uint32_t w = 0; w < net.watches; ++w) {
    const float* v = sim->watch_finish.data() + size_t{w} * trials;
    shared.push_back({DriverKind::kDependency, w, fractional_ranks({v, size_t(st)})});
  }
  std::map<uint32_t, std::vector<double>> item_ranks;

  auto describe = [&](const Factor& f, double rho, const std::string& target) -> Driver {
    Driver d;
    d.kind = f.kind;
    d.rho = rho;
    switch (f.kind) {
      case DriverKind::kItem: {
        const auto& it = program.items[f.index];
        d.key = it.key;
        d.text =
            fmt::format("item {}{}: when it takes longer, {} (rho {:.2f})", it.key,
                        it.title.empty() ? "" : " '" + it.title + "'", phrase(rho, target), rho);
        break;
      }
      case DriverKind::kTeam: {
        const auto& team = program.teams[pn.group_team[f.index].index()];
        d.key = team.key;
        d.text =
            fmt::format("team {}{}: when its work runs long, {} (rho {:.2f})", team.key,
                        team.name.empty() ? "" : " (" + team.name + ")", phrase(rho, target), rho);
        break;
      }
      case DriverKind::kRisk: {
        const auto& risk = program.risks[pn.risk_of[f.index].index()];
        d.key = risk.key;
        d.text =
            fmt::format("risk {}{} (fires in {:.0f}% of trials): when it fires, {} (rho {:.2f})",
                        risk.key, risk.title.empty() ? "" : " '" + risk.title + "'",
                        100 * risk.probability, phrase(rho, target), rho);
        break;
      }
      case DriverKind::kDependency: {
        const auto& dep = program.dependencies[pn.watch_dependency[f.index].index()];
        const auto& pi = program.items[dep.predecessor.index()];
        const auto& si = program.items[dep.successor.index()];
        d.key = pi.key + "->" + si.key;
        d.text = fmt::format(
            "dependency {} -> {} (needed by {}): when it is delivered later, {} "
            "(rho {:.2f})",
            pi.key, si.key, dep.need_by->to_string(), phrase(rho, target), rho);
        break;
      }
    }
    return d;
  };

  auto make_target = [&](uint32_t tg, std::string key, std::string name,
                         std::optional<Date> deadline) {
    TargetForecast f;
    f.key = std::move(key);
    f.name = std::move(name);
    f.deadline = deadline;
    const float* raw = sim->target_finish.data() + size_t{tg} * trials;
    std::vector<float> sorted(raw, raw + trials);
    std::sort(sorted.begin(), sorted.end());
    f.p50_days = sorted_percentile(std::span<const float>(sorted), 0.50);
    f.p85_days = sorted_percentile(std::span<const float>(sorted), 0.85);
    f.p95_days = sorted_percentile(std::span<const float>(sorted), 0.95);
    f.mean_days = std::accumulate(sorted.begin(), sorted.end(), 0.0) / trials;
    f.complete = sorted.back() <= kEps;
    if (f.complete) {
      // Nothing left: the date is when the last of its items really finished.
      std::optional<Date> last;
      std::vector<uint32_t> nodes;
      if (net.target_all[tg]) {
        nodes.resize(net.nodes);
        std::iota(nodes.begin(), nodes.end(), 0u);
      } else {
        for (uint32_t e = net.target_begin[tg]; e < net.target_begin[tg + 1]; ++e)
          nodes.push_back(net.order[net.target_node[e]]);
      }
      for (uint32_t v : nodes) {
        auto af = program.actual_finish(WorkItemId{v});
        if (af && (!last || af->date() > *last)) last = af->date();
      }
      f.p50 = f.p85 = f.p95 = last.value_or(pn.as_of);
    } else {
      f.p50 = day_date(day_index(f.p50_days));
      f.p85 = day_date(day_index(f.p85_days));
      f.p95 = day_date(day_index(f.p95_days));
    }
    if (deadline) {
      const double limit = days_through(cal, pn.start, *deadline) + kEps;
      const size_t on_time = std::upper_bound(sorted.begin(), sorted.end(), limit) - sorted.begin();
      f.on_time_probability = f.complete ? 1.0 : static_cast<double>(on_time) / trials;
    }
    if (!f.complete) {
      for (size_t i = 0; i < sorted.size();) {
        const int k = day_index(sorted[i]);
        size_t j = i;
        while (j < sorted.size() && day_index(sorted[j]) == k)
          ++j;
        f.s_curve.push_back({day_date(k), static_cast<double>(j) / trials});
        i = j;
      }
    }
    // Criticality.
    std::vector<ItemCriticality> crit;
    for (uint32_t v = 0; v < net.nodes; ++v) {
      const uint32_t c = sim->critical[size_t{tg} * net.nodes + v];
      if (c > 0 && pn.open_leaf[v])
        crit.push_back({WorkItemId{v}, program.items[v].key, static_cast<double>(c) / trials});
    }
    std::stable_sort(crit.begin(), crit.end(),
                     [](const auto& a, const auto& c) { return a.index > c.index; });
    if (f.complete) crit.clear();
    // Sensitivity.
    if (!f.complete && options.top_drivers > 0) {
      auto target_ranks = fractional_ranks({raw, size_t(st)});
      std::vector<std::pair<double, const Factor*>> found;
      std::vector<Factor> items;
      for (const auto& c : crit) {
        const uint32_t v = static_cast<uint32_t>(c.item.index());
        if (!pn.random_duration[v]) continue;
        if (items.size() >= 16) break;
        auto it = item_ranks.find(v);
        if (it == item_ranks.end()) {
          for (int t = 0; t < st; ++t)
            buf[t] = sampled_duration(net, options.seed, t, v);
          it = item_ranks.emplace(v, fractional_ranks(buf)).first;
        }
        items.push_back({DriverKind::kItem, v, it->second});
      }
      for (const auto* list : {&items, &shared})
        for (const auto& fac : *list) {
          const double rho = rank_correlation(fac.ranks, target_ranks);
          if (std::fabs(rho) >= 0.05) found.emplace_back(rho, &fac);
        }
      std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& c) {
        return std::fabs(a.first) > std::fabs(c.first);
      });
      const std::string label = tg == 0 ? "the program end" : f.key;
      for (size_t k = 0; k < found.size() && k < static_cast<size_t>(options.top_drivers); ++k)
        f.drivers.push_back(describe(*found[k].second, found[k].first, label));
    }
    if (tg == 0) out.criticality = crit;
    if (crit.size() > static_cast<size_t>(std::max(0, options.top_critical)))
      crit.resize(std::max(0, options.top_critical));
    f.critical_items = std::move(crit);
    return f;
  };

  out.program = make_target(0, "program", program.name, std::nullopt);
  for (size_t m = 0; m < program.milestones.size(); ++m) {
    const auto& ms = program.milestones[m];
    out.milestones.push_back(
        make_target(static_cast<uint32_t>(1 + m), ms.key, ms.name, ms.deadline));
  }

  for (uint32_t w = 0; w < net.watches; ++w) {
    const auto& dep = program.dependencies[pn.watch_dependency[w].index()];
    const auto& pi = program.items[dep.predecessor.index()];
    const auto& si = program.items[dep.successor.index()];
    DependencyForecast df;
    df.dependency = pn.watch_dependency[w];
    df.provider_item = pi.key;
    df.consumer_item = si.key;
    const TeamId pt = dep.provider.valid() ? dep.provider : pi.team;
    const TeamId ct = dep.consumer.valid() ? dep.consumer : si.team;
    if (pt.valid() && pt.index() < program.teams.size())
      df.provider_team = program.teams[pt.index()].key;
    if (ct.valid() && ct.index() < program.teams.size())
      df.consumer_team = program.teams[ct.index()].key;
    df.need_by = *dep.need_by;
    const float* v = sim->watch_finish.data() + size_t{w} * trials;
    std::vector<float> sorted(v, v + trials);
    std::sort(sorted.begin(), sorted.end());
    const double limit = days_through(cal, pn.start, df.need_by) + kEps;
    df.on_time_probability =
        static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), limit) -
                            sorted.begin()) /
        trials;
    df.p85 = day_date(day_index(sorted_percentile(std::span<const float>(sorted), 0.85)));
    out.dependencies.push_back(std::move(df));
  }
  return out;
}

}  // namespace cairn::forecast

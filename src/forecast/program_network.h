// The Program -> Network adapter of the forecast (program_forecast.h describes the rules). Exposed
// so that tests and the benchmark can look at the network and time the simulation alone.
// Pure function; thread-safe on distinct arguments.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"
#include "base/ids.h"
#include "forecast/network.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::forecast {

struct ProgramNetwork {
  Network net;  // node i is item i; target 0 is the program, target 1 + m is milestone m
  Date as_of;
  Date start;  // first working day at or after as_of
  ResourceOrder resource_order = ResourceOrder::kNone;
  size_t links = 0;
  std::vector<uint8_t>
      random_duration;             // per node: its duration is drawn (not fixed, not a stream)
  std::vector<uint8_t> open_leaf;  // per node: an open leaf item
  std::vector<TeamId> group_team;  // network group -> team
  std::vector<RiskId> risk_of;     // network risk -> program risk
  std::vector<DependencyId> watch_dependency;  // network watch -> dependency
  std::vector<ThroughputForecastTeam> streams;
  // Items timed as the leveled schedule times them (forecast/anchor.h), and the schedule's date
  // per target (0: the program end, 1 + m: milestone m; unset: not scheduled or not anchored).
  bool anchored = false;
  std::shared_ptr<const schedule::ScheduleResult> schedule;  // the leveled schedule, if one ran
  // Per node: its successors in the network and whether the link is the same person's order
  // (1) or a dependency or epic link (0); names the path by which a driver acts.
  struct Next {
    uint32_t node;
    uint8_t same_person;
  };
  std::vector<std::vector<Next>> successors;
  // Per network link (in the order added, Network::start_link / finish_link): the program
  // dependency it comes from, or kNone (an epic's summary link or a same-person link). Links from
  // `person_links_begin` on keep people's order.
  std::vector<uint32_t> link_dependency;
  size_t person_links_begin = 0;
  std::vector<std::optional<Date>> scheduled;
};

// `given`: a leveled schedule of `program` with these options already computed (kLeveled), used
// instead of running the scheduler again (the ablations of forecast_program).
Result<ProgramNetwork> build_program_network(
    const Program& program, const ForecastOptions& options, Diagnostics& diags,
    std::shared_ptr<const schedule::ScheduleResult> given = nullptr);

}  // namespace cairn::forecast

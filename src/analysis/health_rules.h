// The rules of the health analysis (analysis/health.h), one function per subject, over the facts
// gathered once (forecast, schedule, earned value, people load, gates). Internal to analysis/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/evm.h"
#include "analysis/gates.h"
#include "analysis/health.h"
#include "analysis/load.h"
#include "forecast/program_forecast.h"
#include "schedule/schedule.h"

namespace cairn::analysis::health_detail {

// A cross-team dependency with its forecast figures.
struct DepFacts {
  size_t index = 0;  // into Program::dependencies
  TeamId provider, consumer;
  bool delivered = false;
  std::optional<Date> need_by, p85;
  std::optional<double> probability;  // P(provider finishes by need-by)
};

struct Facts {
  const Program& p;
  const HealthThresholds& t;
  const HealthHistory& history;
  Date as_of;
  const forecast::ProgramForecast& f;
  const schedule::ScheduleResult& s;
  const EvmResult& evm;
  const LoadReport& load;
  std::vector<GateResult> gates;
  std::vector<std::vector<WorkItemId>> scope;  // per milestone: its leaf items
  std::vector<DepFacts> deps;
};

// Rag helpers: red below `red`, amber below `amber`; and red at or above `red`, amber at or above.
Rag below(double v, double red, double amber);
Rag at_least(double v, double red, double amber);
Rag worst(Rag a, Rag b);

std::vector<DepFacts> dependency_facts(const Program& p, const forecast::ProgramForecast& f);

HealthStatus milestone_health(const Facts& x, size_t m);
HealthStatus team_health(const Facts& x, size_t team);
HealthStatus dependency_health(const Facts& x, const DepFacts& d);
HealthStatus program_health(const Facts& x, const std::vector<HealthStatus>& milestones,
                            const std::vector<HealthStatus>& teams);

}  // namespace cairn::analysis::health_detail

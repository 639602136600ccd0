#include "analysis/health.h"

#include <array>

#include <fmt/format.h>

#include "analysis/health_rules.h"
#include "base/codes.h"

namespace cairn::analysis {
namespace {

using T = HealthThresholds;
constexpr std::array<ThresholdInfo, 25> kThresholds{{
    {"on_time_red", &T::on_time_red, "P(on time) below this: red (milestones, dependencies)"},
    {"on_time_amber", &T::on_time_amber, "P(on time) below this: amber"},
    {"spi_red", &T::spi_red, "SPI below this: red"},
    {"spi_amber", &T::spi_amber, "SPI below this: amber"},
    {"cpi_red", &T::cpi_red, "CPI below this: red"},
    {"cpi_amber", &T::cpi_amber, "CPI below this: amber"},
    {"slip_red", &T::slip_red, "working days later than the baseline: red"},
    {"slip_amber", &T::slip_amber, "working days later than the baseline: amber"},
    {"snapshot_slip_red", &T::snapshot_slip_red, "working days later than the last snapshot: red"},
    {"snapshot_slip_amber", &T::snapshot_slip_amber,
     "working days later than the last snapshot: amber"},
    {"stale_days", &T::stale_days, "calendar days in progress without a state change: stale"},
    {"stale_red", &T::stale_red, "stale items of a team: red"},
    {"stale_amber", &T::stale_amber, "stale items of a team: amber"},
    {"blocked_red", &T::blocked_red, "blocked items of a team: red"},
    {"blocked_amber", &T::blocked_amber, "blocked items of a team: amber"},
    {"overload_weeks", &T::overload_weeks, "weeks after the as-of week looked at for overload"},
    {"overload_red", &T::overload_red, "over-allocated person-weeks of a team: red"},
    {"overload_amber", &T::overload_amber, "over-allocated person-weeks of a team: amber"},
    {"overload_tolerance", &T::overload_tolerance,
     "fraction above capacity allowed before a week is over-allocated"},
    {"late_deliveries_red", &T::late_deliveries_red,
     "dependencies a team provides whose P85 misses the need-by date: red"},
    {"late_deliveries_amber", &T::late_deliveries_amber, "the same: amber"},
    {"no_capacity_red", &T::no_capacity_red, "items no one has time for: red"},
    {"risk_high_score", &T::risk_high_score, "risk score (5x5) from which a risk is high"},
    {"high_risks_red", &T::high_risks_red, "open high risks of the program: red"},
    {"high_risks_amber", &T::high_risks_amber, "open high risks of the program: amber"},
}};

const char* title(const std::string& kind) {
  if (kind == "program") return "Program";
  if (kind == "milestone") return "Milestone";
  if (kind == "team") return "Team";
  return "Dependency";
}

Location where(const SourceMap* sources, const HealthStatus& s, const Program& p, size_t index) {
  if (!sources) return {};
  if (s.kind == "milestone") return sources->at(EntityKind::kMilestone, index);
  if (s.kind == "team") return sources->at(EntityKind::kTeam, index);
  if (s.kind == "dependency") return sources->at(EntityKind::kDependency, index, "need_by");
  (void)p;
  return sources->at(EntityKind::kProgram, 0);
}

// Where the typed status is written: its status update, or the dependency's state.
Location typed_where(const SourceMap* sources, const HealthStatus& s, size_t index, Location at) {
  if (!sources) return at;
  if (s.typed_update) return sources->at(EntityKind::kStatusUpdate, *s.typed_update, "rag");
  if (s.kind == "dependency") return sources->at(EntityKind::kDependency, index, "state");
  return at;
}

void findings(const HealthStatus& s, Location at, Location typed_at, Diagnostics& out) {
  if (s.rag == Rag::kRed)
    out.warning(codes::kHealthRed, s.summary(), at,
                "act on the red reasons first; each names its number and threshold");
  else if (s.rag == Rag::kAmber)
    out.info(codes::kHealthAmber, s.summary(), at, "watch the amber reasons");
  if (!s.disagrees()) return;
  std::string msg = fmt::format("{} {}: typed status {} ({}) but the data say {}", title(s.kind),
                                s.key, to_string(*s.typed), s.typed_source, to_string(s.rag));
  if (static_cast<int>(*s.typed) < static_cast<int>(s.rag))
    out.warning(codes::kHealthStatusDisagrees, msg, typed_at,
                "the typed status is more optimistic than the evidence: update it or say what "
                "the data miss");
  else
    out.info(codes::kHealthStatusDisagrees, msg, typed_at,
             "the typed status is more cautious than the evidence: record what the data miss "
             "(a risk, a blocker) so the plan shows it");
}

// The newest status update on or before `as_of` of a team (invalid: the program).
void typed_status(const Program& p, TeamId team, Date as_of, HealthStatus& s) {
  const StatusUpdate* best = nullptr;
  for (const auto& u : p.status_updates)
    if (u.team == team && u.date <= as_of && (!best || u.date >= best->date)) best = &u;
  if (!best) return;
  s.typed = best->rag;
  s.typed_source = "status update " + best->date.to_string();
  s.typed_update = static_cast<size_t>(best - p.status_updates.data());
  if (best->author.valid()) s.typed_source += " (" + p.person(best->author).key + ")";
}

}  // namespace

std::span<const ThresholdInfo> health_thresholds() {
  return kThresholds;
}

Result<void> set_threshold(HealthThresholds& t, std::string_view name, double value) {
  for (const auto& i : kThresholds)
    if (name == i.name) {
      t.*i.field = value;
      return {};
    }
  std::string known;
  for (const auto& i : kThresholds)
    known += (known.empty() ? "" : ", ") + std::string(i.name);
  return std::unexpected(Error{codes::kInvalidOption,
                               fmt::format("unknown health threshold '{}'", name), Location{},
                               "use one of: " + known});
}

Result<void> apply_program_thresholds(const Program& p, HealthThresholds& t,
                                      const SourceMap* sources) {
  for (const auto& [name, value] : p.health_thresholds)
    if (auto r = set_threshold(t, name, value); !r) {
      Error e = r.error();
      e.message += " in the program's health_thresholds";
      e.where = sources ? sources->at(EntityKind::kProgram, 0, "health_thresholds/" + name)
                        : Location{"", 0, 0, "/program/health_thresholds/" + name};
      return std::unexpected(e);
    }
  return {};
}

std::string HealthStatus::summary() const {
  // Red reasons, then amber ones; a green status shows its green ones.
  std::vector<std::string> parts;
  for (Rag level : {Rag::kRed, Rag::kAmber, Rag::kGreen})
    for (const auto& r : reasons)
      if (r.rag == level && (level != Rag::kGreen || rag == Rag::kGreen)) parts.push_back(r.text);
  std::string who =
      kind == "program" ? fmt::format("Program {}", key) : fmt::format("{} {}", title(kind), key);
  return fmt::format("{}: {} — {}", who, to_string(rag),
                     parts.empty() ? "no finding" : fmt::format("{}", fmt::join(parts, "; ")));
}

Result<HealthReport> analyze_health(const Program& program, const HealthOptions& options,
                                    const HealthInput& input, Diagnostics& findings_out,
                                    const SourceMap* sources) {
  Diagnostics scratch;  // the engines' own warnings are other commands' findings
  auto f = forecast::forecast_program(program, options.forecast, scratch);
  if (!f) return std::unexpected(f.error());
  schedule::ScheduleOptions so;
  so.as_of = f->as_of;
  so.previous = options.forecast.previous;
  so.previous_source = options.forecast.previous_source;
  auto sched = schedule::schedule_program(program, so, scratch);
  if (!sched) return std::unexpected(sched.error());
  EvmInput evm_in = input.evm;
  if (evm_in.planned.empty()) {
    evm_in.planned = planned_from_schedule(program, *sched);
    evm_in.planned_source = "schedule";
  }
  auto evm = analyze_evm(program, evm_in, {}, scratch, f->as_of);
  auto load = analyze_load(program, *sched, {.tolerance = options.thresholds.overload_tolerance});

  health_detail::Facts x{program,
                         options.thresholds,
                         input.history,
                         f->as_of,
                         *f,
                         *sched,
                         evm,
                         load,
                         evaluate_gates(program),
                         program.milestone_leaf_items(),
                         health_detail::dependency_facts(program, *f)};
  HealthReport r;
  r.as_of = f->as_of;
  r.trials = f->trials;
  r.seed = f->seed;
  r.thresholds = options.thresholds;
  for (size_t m = 0; m < program.milestones.size(); ++m)
    r.milestones.push_back(health_detail::milestone_health(x, m));
  for (size_t t = 0; t < program.teams.size(); ++t) {
    r.teams.push_back(health_detail::team_health(x, t));
    typed_status(program, TeamId{static_cast<uint32_t>(t)}, r.as_of, r.teams.back());
  }
  for (const auto& d : x.deps)
    r.dependencies.push_back(health_detail::dependency_health(x, d));
  r.program = health_detail::program_health(x, r.milestones, r.teams);
  typed_status(program, TeamId{}, r.as_of, r.program);

  auto report = [&](const HealthStatus& s, size_t index) {
    Location at = where(sources, s, program, index);
    findings(s, at, typed_where(sources, s, index, at), findings_out);
  };
  report(r.program, 0);
  for (size_t i = 0; i < r.milestones.size(); ++i)
    report(r.milestones[i], i);
  for (size_t i = 0; i < r.teams.size(); ++i)
    report(r.teams[i], i);
  for (size_t i = 0; i < r.dependencies.size(); ++i)
    report(r.dependencies[i], x.deps[i].index);
  findings_out.sort();
  return r;
}

}  // namespace cairn::analysis

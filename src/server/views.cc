#include "server/views.h"

#include <sstream>

#include "analysis/critique.h"
#include "analysis/deps.h"
#include "analysis/evm.h"
#include "analysis/flow.h"
#include "analysis/health.h"
#include "analysis/load.h"
#include "analysis/risks.h"
#include "analysis/sprints.h"
#include "analysis/summary.h"
#include "forecast/program_forecast.h"
#include "report/baseline.h"
#include "report/critique.h"
#include "report/deps.h"
#include "report/evm.h"
#include "report/flow.h"
#include "report/forecast.h"
#include "report/health.h"
#include "report/load.h"
#include "report/risks.h"
#include "report/schedule.h"
#include "report/sprints.h"
#include "report/summary.h"
#include "report/whatif.h"
#include "schedule/schedule.h"
#include "store/history.h"

namespace cairn::server {
namespace {

using report::header_of;
using Body = Result<std::string>;

Body body(const report::Json& doc) {
  return doc.dump();
}

// Each view as its CLI command computes it with default options, on the program's status date.
Body summary(const Program& p, const ViewArgs&) {
  return body(report::summary_json(header_of(p), analysis::summarize(p)));
}

// A stored program keeps its newest baseline's order of people's work (as the CLI's commands on a
// store and `cairn snapshot`): an edit moves the views' dates only by what it changed.
template <typename Options>
Options kept(const Program& p, const ViewArgs& args, Options o = {}) {
  if (args.store) store::keep_baseline_order(*args.store, args.program, p, o);
  return o;
}

Body forecast(const Program& p, const ViewArgs& args) {
  Diagnostics diags;
  // 10,000 trials, seed 1
  auto f = forecast::forecast_program(p, kept<forecast::ForecastOptions>(p, args), diags);
  if (!f) return std::unexpected(f.error());
  return body(report::forecast_json(header_of(p, f->as_of), *f, diags));
}

Body schedule(const Program& p, const ViewArgs& args) {
  Diagnostics diags;
  auto r = schedule::schedule_program(p, kept<schedule::ScheduleOptions>(p, args), diags);
  if (!r) return std::unexpected(r.error());
  std::ostringstream out;
  report::schedule_json(header_of(p), p, *r, diags, {}, out);
  return out.str();
}

Body whatif(const Program& p, const ViewArgs& args) {
  forecast::ForecastOptions fo;
  fo.ablation_trials = 0;
  fo.effect_drivers = 0;
  Diagnostics diags;
  auto r = analysis::whatif(p, args.edits, fo, diags);
  if (!r) return std::unexpected(r.error());
  return body(report::whatif_json(header_of(p, r->as_of), *r, diags));
}

Body deps(const Program& p, const ViewArgs& args) {
  Diagnostics diags;
  analysis::DepsOptions options;
  options.forecast = kept<forecast::ForecastOptions>(p, args);
  auto r = analysis::analyze_deps(p, options, diags);
  if (!r) return std::unexpected(r.error());
  return body(report::deps_json(header_of(p, r->as_of), *r, p, diags));
}

Body risks(const Program& p, const ViewArgs& args) {
  Diagnostics diags;
  analysis::RisksOptions options;
  options.forecast = kept<forecast::ForecastOptions>(p, args);
  auto r = analysis::analyze_risks(p, options, diags);
  if (!r) return std::unexpected(r.error());
  return body(report::risks_json(header_of(p, r->as_of), *r, diags));
}

Body flow(const Program& p, const ViewArgs&) {
  Diagnostics diags;
  auto input = analysis::flow_input(p);
  auto r = analysis::analyze_flow(input, {}, diags);
  return body(report::flow_json(header_of(p, input.as_of), r, "plan", diags));
}

Body sprints(const Program& p, const ViewArgs&) {
  Diagnostics diags;
  auto r = analysis::analyze_sprints(p, {}, diags, std::nullopt);
  return body(report::sprints_json(header_of(p, r.as_of), r, diags));
}

// Planned spans from the newest stored baseline, else the plan's baseline dates, else the schedule
// (as cairn evm on a store).
Body evm(const Program& p, const ViewArgs& args) {
  Diagnostics sd, diags;  // the schedule's own findings are not the earned value's
  auto input = store::evm_input(args.store, args.program, p, sd);
  if (!input) return std::unexpected(input.error());
  auto r = analysis::analyze_evm(p, *input, {}, diags, std::nullopt);
  return body(report::evm_json(header_of(p, r.as_of), r, diags));
}

Body load(const Program& p, const ViewArgs& args) {
  Diagnostics diags;
  auto sched = schedule::schedule_program(p, kept<schedule::ScheduleOptions>(p, args), diags);
  if (!sched) return std::unexpected(sched.error());
  analysis::LoadOptions options;
  auto r = analysis::analyze_load(p, *sched, options);
  return body(report::load_json(header_of(p), r, options, diags));
}

Body critique(const Program& p, const ViewArgs&) {
  analysis::CritiqueOptions options;
  options.forecast.trials = 2000;  // as cairn critique
  Diagnostics diags;
  auto r = analysis::critique(p, options, diags);
  if (!r) return std::unexpected(r.error());
  return body(report::critique_json(header_of(p, r->as_of), *r, diags));
}

// As `cairn health` on a store: the newest stored baseline and the last forecast snapshot before
// the status date; without a store, the plan's baseline dates.
Body health(const Program& p, const ViewArgs& args) {
  analysis::HealthOptions options;
  options.forecast.trials = 2000;  // as cairn health
  options.forecast.ablation_trials = 0;
  options.forecast.effect_drivers = 0;
  if (auto t = analysis::apply_program_thresholds(p, options.thresholds); !t)
    return std::unexpected(t.error());
  analysis::HealthInput input;
  if (args.store) {
    const Date as_of = p.as_of.value_or(p.start);
    input = store::health_history(*args.store, args.program, p, as_of, options.forecast);
  }
  if (input.evm.planned.empty()) {
    if (auto b = analysis::planned_from_baseline_dates(p); !b.empty()) {
      input.evm.planned = std::move(b);
      input.evm.planned_source = "baseline";
    }
  }
  Diagnostics diags;
  auto r = analysis::analyze_health(p, options, input, diags);
  if (!r) return std::unexpected(r.error());
  return body(report::health_json(header_of(p, r->as_of), *r, diags));
}

// The stored baselines, newest last (as cairn baseline list).
Body baselines(const Program& p, const ViewArgs& args) {
  std::vector<report::BaselineInfo> infos;
  if (args.store) {
    auto list = args.store->baselines(args.program);
    if (!list) return std::unexpected(list.error());
    for (const auto& b : *list)
      infos.push_back({b.name, b.revision, b.created_at, b.actor});
  }
  return body(report::baseline_list_json(header_of(p), infos));
}

// Each milestone's P85 over the daily forecast snapshots (as cairn trend).
Body trend(const Program& p, const ViewArgs& args) {
  std::vector<std::pair<Date, report::Json>> snaps;
  if (args.store) {
    auto stored = args.store->forecast_snapshots(args.program);
    if (!stored) return std::unexpected(stored.error());
    snaps = std::move(*stored);
  }
  return body(report::trend_json(header_of(p), snaps));
}

}  // namespace

const std::vector<View>& views() {
  static const std::vector<View> all = {
      {"summary", "summary", "The program summary (cairn summary)", true, summary},
      {"schedule", "schedule", "The leveled schedule (cairn schedule --format json)", true,
       schedule},
      {"forecast", "forecast", "Monte Carlo forecast, 10,000 trials, seed 1 (cairn forecast)", true,
       forecast},
      {"whatif", "whatif",
       "Milestones before and after edits given as query parameters, e.g. ?descope=PAY-103 "
       "(cairn whatif)",
       false, whatif},
      {"deps", "deps", "The cross-team dependency register (cairn deps)", true, deps},
      {"risks", "risks", "The risk register (cairn risks)", true, risks},
      {"flow", "flow", "Kanban flow metrics of the items' histories (cairn flow)", true, flow},
      {"sprints", "sprints", "Scrum metrics (cairn sprints)", true, sprints},
      {"evm", "evm", "Earned value and earned schedule (cairn evm)", true, evm},
      {"load", "load", "People load by ISO week (cairn load)", true, load},
      {"critique", "critique", "Findings and measured fixes (cairn critique)", true, critique},
      {"health", "health",
       "Derived RAG with reasons, against the newest stored baseline and snapshot (cairn health)",
       true, health},
      {"baselines", "baseline-list", "The stored baselines (cairn baseline list)", false, baselines,
       false},
      {"trend", "trend", "Milestones' P85 over the daily forecast snapshots (cairn trend)", false,
       trend, false},
  };
  return all;
}

const View* find_view(std::string_view name) {
  for (const auto& v : views())
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace cairn::server

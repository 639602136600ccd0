// `cairn evm [FILE...] [--db D --program P] [--as-of DATE] [--step DAYS]
// [--format table|json|csv]`: earned value and earned schedule (analysis/evm.h). Planned value
// comes from the newest stored baseline (a stored program), else the items' baseline dates, else
// the current schedule (a finding says so).
#include <iostream>

#include "analysis/evm.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/evm.h"
#include "schedule/schedule.h"

namespace cairn::cli {
namespace {

// The planned spans of the newest stored baseline: [start date, finish date (inclusive), start
// instant, ...] per item key. Empty when there is none.
std::vector<std::optional<analysis::PlannedSpan>> stored_baseline(store::Store& s,
                                                                  const std::string& key,
                                                                  const Program& p,
                                                                  std::string& name) {
  std::vector<std::optional<analysis::PlannedSpan>> out;
  auto list = s.baselines(key);
  if (!list || list->empty()) return out;
  auto newest = std::max_element(list->begin(), list->end(), [](const auto& a, const auto& b) {
    return a.revision != b.revision ? a.revision < b.revision : a.created_at < b.created_at;
  });
  auto b = s.baseline(key, newest->name);
  if (!b || !*b) return out;
  const auto& items = (**b).schedule["items"];
  if (!items.is_object()) return out;
  out.resize(p.items.size());
  for (size_t i = 0; i < p.items.size(); ++i) {
    auto it = items.find(p.items[i].key);
    if (it == items.end() || !it->is_array() || it->size() < 2) continue;
    auto start = it->size() > 2 ? DateTime::parse((*it)[2].get<std::string>()) : std::nullopt;
    auto first = Date::parse((*it)[0].get<std::string>());
    auto last = Date::parse((*it)[1].get<std::string>());
    if (!first || !last) continue;
    out[i] = analysis::PlannedSpan{start.value_or(DateTime::from_date(*first)),
                                   DateTime::from_date(*last + 1)};
  }
  name = newest->name;
  return out;
}

}  // namespace

void register_evm(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "evm", "Earned value (PV, EV, AC, SPI, CPI, EAC, TCPI) and earned schedule, per team");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::EvmOptions options;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status day (default the program's)");
  cmd->add_option("--step", a->options.step_days, "Days between points of the series (default 7)")
      ->check(CLI::Range(1, 366));
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const auto& loaded = s->loaded;
    const Program& p = loaded.program;
    analysis::EvmInput input;
    std::string name;
    if (loaded.store) input.planned = stored_baseline(*loaded.store, loaded.key, p, name);
    if (!input.planned.empty()) {
      input.planned_source = "baseline " + name;
    } else if (auto b = analysis::planned_from_baseline_dates(p); !b.empty()) {
      input.planned = std::move(b);
      input.planned_source = "baseline";
    } else {
      Diagnostics sd;
      schedule::ScheduleOptions so;
      so.weekly_load = false;
      auto sr = schedule::schedule_program(p, so, sd);
      if (!sr) {
        report::diagnostics_table(sd, std::cerr);
        fail(sr.error(), ctx.exit_code);
        return;
      }
      input.planned = analysis::planned_from_schedule(p, *sr);
      input.planned_source = "schedule";
    }
    Diagnostics diags;
    auto r = analysis::analyze_evm(p, input, a->options, diags, s->as_of, s->sources());
    print_analysis(
        a->out.format, diags, [&] { return report::evm_json(header(p, r.as_of), r, diags); },
        [&](std::ostream& o) { report::evm_csv(r, o); },
        [&](std::ostream& o) { report::evm_table(r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

// `cairn whatif [FILE...] [--db D --program P] [--as-of DATE] [--trials N] [--seed S]
// [--add-person TEAM[:FTE[:FROM]]] [--remove-person P] [--move-item K:PERSON]
// [--estimate K:O,M,P] [--descope K] [--risk-occurs R] [--risk-avoided R] [--deadline M:DATE]
// [--priority K:N] [--split K:PERSON] [--format table|json|csv]`: each milestone before and after
// the edits, on the same random numbers (analysis/whatif.h). Every flag may repeat; edits apply in
// the order of the flags above (so
// `--move-item K:TEAM-new-1` can take a person added by --add-person).
#include <iostream>
#include <map>

#include "analysis/whatif.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/whatif.h"

namespace cairn::cli {

namespace {

using analysis::EditKind;

constexpr std::pair<EditKind, const char*> kFlags[] = {
    {EditKind::kAddPerson, "TEAM[:FTE[:FROM]]: a new member of TEAM (FTE 0..1, default 1)"},
    {EditKind::kRemovePerson,
     "PERSON: away from the status date on; their open items go to the team"},
    {EditKind::kMoveItem, "ITEM:PERSON: the item is PERSON's"},
    {EditKind::kEstimate, "ITEM:O,M,P: the item's work left, working days"},
    {EditKind::kDescope, "ITEM: out of scope (an epic: its open descendants)"},
    {EditKind::kRiskOccurs, "RISK: the risk fires"},
    {EditKind::kRiskAvoided, "RISK: the risk is closed"},
    {EditKind::kDeadline, "MILESTONE:DATE: a new deadline"},
    {EditKind::kPriority, "ITEM:N: the item's priority (1..1000, higher first)"},
    {EditKind::kSplit, "ITEM:PERSON: half the item's work left goes to a new item of PERSON's"},
};

}  // namespace

void register_whatif(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "whatif", "Milestone dates, P50/P85 and on-time odds before and after edits to the plan");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    forecast::ForecastOptions forecast;
    std::map<EditKind, std::vector<std::string>> edits;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_analysis_output(cmd, a->out, "The status date (default the program's)");
  add_forecast_options(cmd, a->forecast, 10000);
  for (const auto& [kind, help] : kFlags)
    cmd->add_option(std::string("--") + analysis::to_string(kind), a->edits[kind], help)
        ->take_all()
        ->allow_extra_args(false);
  cmd->callback([&ctx, a] {
    std::vector<analysis::Edit> edits;
    for (const auto& [kind, help] : kFlags)
      for (const auto& arg : a->edits[kind]) {
        auto e = analysis::parse_edit(kind, arg);
        if (!e) return (void)fail(e.error(), ctx.exit_code);
        edits.push_back(*e);
      }
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    a->forecast.as_of = s->as_of;
    a->forecast.ablation_trials = 0;
    a->forecast.effect_drivers = 0;
    Diagnostics diags;
    auto r = analysis::whatif(p, edits, a->forecast, diags);
    if (!ran(r, diags, ctx.exit_code)) return;
    print_analysis(
        a->out.format, diags, [&] { return report::whatif_json(header(p, r->as_of), *r, diags); },
        [&](std::ostream& o) { report::whatif_csv(*r, o); },
        [&](std::ostream& o) { report::whatif_table(*r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

// `cairn convert FILE... --to mspdi|ical|csv|yaml|json [-o OUT] [--forecast]`: reads a program in
// any format (io/read_any.h: plan, TaskJuggler, MS Project XML, Jira CSV, GitHub issues JSON; see
// docs/import.md) and writes it in another. MSPDI, iCal and CSV carry the leveled schedule's dates
// (as `cairn schedule` computes them), CSV and iCal the forecast's with --forecast. No store.
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "forecast/program_forecast.h"
#include "io/csv/items_csv.h"
#include "io/ical/ical.h"
#include "io/mspdi/mspdi.h"
#include "io/read_any.h"
#include "plan/plan.h"
#include "report/check.h"
#include "schedule/schedule.h"

namespace cairn::cli {
namespace {

struct ConvertArgs {
  std::vector<std::string> files;
  std::string to = "yaml";
  std::string out;
  std::string format;  // input format; empty: detect
  std::string program;
  std::string key_prefix;
  std::string jira_url;
  std::string scenario;   // TaskJuggler input: the scenario read
  bool forecast = false;  // also P50/P85 (CSV, iCal)
  bool no_schedule = false;
};

// The leveled schedule's dates of every scheduled item (as `cairn schedule` computes them), and
// with `forecast` each item's milestone P50/P85 (its first milestone in program order).
// The program's own order (TaskJuggler's, with its end and ALAP anchors, for a .tjp program).
std::optional<io::ScheduleDates> computed_dates(const plan::LoadedPlan& plan, bool forecast,
                                                int& exit_code) {
  const Program& program = plan.program;
  schedule::ScheduleOptions opt;
  opt.weekly_load = false;
  Diagnostics diags;
  auto s = schedule::schedule_program(program, opt, diags);
  if (!s) {
    report::diagnostics_table(diags, std::cerr);
    fail(s.error(), exit_code);
    return std::nullopt;
  }
  io::ScheduleDates dates;
  for (const auto& it : s->items)
    if (it.scheduled) dates[it.item] = io::ItemDates{it.start_date, it.finish_date, {}, {}};
  if (!forecast) return dates;
  forecast::ForecastOptions fo;
  auto f = forecast::forecast_program(program, fo, diags);
  if (!f) {
    report::diagnostics_table(diags, std::cerr);
    fail(f.error(), exit_code);
    return std::nullopt;
  }
  const auto leaves = program.milestone_leaf_items();
  for (size_t m = 0; m < leaves.size() && m < f->milestones.size(); ++m)
    for (WorkItemId w : leaves[m]) {
      auto d = dates.find(w);
      if (d == dates.end() || d->second.p50) continue;
      d->second.p50 = f->milestones[m].p50;
      d->second.p85 = f->milestones[m].p85;
    }
  return dates;
}

void run(const ConvertArgs& a, int& exit_code) {
  std::optional<io::InputFormat> hint;
  if (!parse_format_hint(a.format, hint, exit_code)) return;
  io::ReadAnyOptions options;
  options.import.program_key = a.program;
  options.import.key_prefix = a.key_prefix;
  options.import.jira_url = a.jira_url;
  options.tjp_scenario = a.scenario;
  auto in = load_input_or_report(a.files, std::cerr, exit_code, true, options, hint);
  if (!in) return;
  const Program& program = in->plan.program;
  std::optional<io::ScheduleDates> dates;
  if ((a.to == "mspdi" || a.to == "ical" || a.to == "csv") && !a.no_schedule) {
    dates = computed_dates(in->plan, a.forecast, exit_code);
    if (!dates) return;
  }
  const io::ScheduleDates* d = dates ? &*dates : nullptr;
  std::string text;
  if (a.to == "mspdi")
    text = io::write_mspdi(program, d);
  else if (a.to == "ical")
    text = io::write_ical(program, d);
  else if (a.to == "csv")
    text = io::write_items_csv(program, d);
  else if (a.to == "json")
    text = plan::write_plan_json(program);
  else
    text = plan::write_plan_yaml(program);
  if (a.out.empty() || a.out == "-") {
    std::cout << text;
    return;
  }
  std::ofstream out(a.out, std::ios::binary);
  out << text;
  if (!out)
    fail(Error{codes::kUnreadableFile, fmt::format("cannot write {}", a.out),
               Location{a.out, 0, 0, {}}, "check that the folder exists and is writable"},
         exit_code);
}

}  // namespace

void register_convert(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "convert",
      "Convert a plan or a Jira/GitHub/MS Project export to MSPDI, iCalendar, CSV, YAML "
      "or JSON");
  auto args = std::make_shared<ConvertArgs>();
  cmd->add_option("FILE", args->files, kInputFilesHelp)->required();
  cmd->add_option("--to", args->to, "Output format")
      ->check(CLI::IsMember({"mspdi", "ical", "csv", "yaml", "json"}))
      ->required();
  cmd->add_option("-o,--output", args->out, "Output file (default: standard output)");
  cmd->add_option("--format", args->format,
                  "Input format: plan, plan-json, tjp, mspdi, jira-csv, github-json (default: "
                  "detected from the content)");
  cmd->add_option("--program", args->program, "Program key (default: the file name)");
  cmd->add_option("--key-prefix", args->key_prefix,
                  "GitHub: key prefix instead of owner/repo; MSPDI: prefix of T<UID> keys");
  cmd->add_option("--jira-url", args->jira_url, "Jira site URL for item links");
  cmd->add_option("--scenario", args->scenario,
                  "TaskJuggler input: the scenario to read (default: the first)");
  cmd->add_flag("--forecast", args->forecast,
                "CSV and iCal: also the Monte Carlo P50/P85 of each item's milestone (10,000 "
                "trials, seed 1)");
  cmd->add_flag("--no-schedule", args->no_schedule,
                "MSPDI, iCal, CSV: leave out the leveled schedule's dates");
  cmd->callback([&ctx, args] { run(*args, ctx.exit_code); });
}

}  // namespace cairn::cli

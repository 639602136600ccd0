// `cairn schedule FILE...` (or a stored program: `--db`, `--program`): when the program can finish
// with the people it has, and which chain of work decides it. A stored program keeps its newest
// baseline's order of people's work unless `--relevel` (as the server's views). A table
// (report/schedule.h: milestones first, then what is late and the critical chain; every item with
// --all, some with --team/--milestone/--person), JSON or CSV. Exit 0 when every milestone meets its
// deadline and every item could be scheduled, 1 otherwise, 2 for bad usage or input.
#include <chrono>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/keep_order.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "cli/program_source.h"
#include "cli/schedule_sm.h"
#include "report/check.h"
#include "report/schedule.h"
#include "schedule/schedule.h"

namespace cairn::cli {
namespace {

struct ScheduleArgs {
  std::vector<std::string> files;
  ProgramSource stored;  // --db, --program, --relevel: used when no FILE is given
  std::string format;
  report::ScheduleView view;
  int schedules = 0;
  double time_budget = 0;
  uint64_t seed = 1;
  std::string as_of;
  int resolution = 60;
  bool no_level = false;
  bool timings = false;
  int threads = 1;
  std::string scenario;    // TaskJuggler input: the scenario imported (empty: the first)
  std::string order;       // search | taskjuggler; empty: the program's (taskjuggler for .tjp)
  std::string keep_order;  // baseline | a previous schedule's JSON; empty: search anew
  std::string estimates = "likely";  // likely | mean
};

// Wall-clock phase times for --timings (stderr).
class PhaseClock {
 public:
  explicit PhaseClock(bool on) : on_(on), last_(std::chrono::steady_clock::now()) {}
  void lap(const char* phase) {
    if (!on_) return;
    auto now = std::chrono::steady_clock::now();
    std::cerr << fmt::format("timing {:<9} {:8.1f} ms\n", phase,
                             std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_;
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads the program (any format io::read_any reads); nullopt with exit_code 2 when unusable. `tjp`:
// whether it came from a TaskJuggler file.
// Without files, the stored program (its store left open in `stored` for its baselines).
std::optional<plan::LoadedPlan> load(const ScheduleArgs& a, bool& tjp, LoadedProgram& stored,
                                     int& exit_code) {
  tjp = false;
  if (a.files.empty()) {
    auto s = load_program_source(a.stored, exit_code);
    if (!s) return std::nullopt;
    stored = std::move(*s);
    plan::LoadedPlan out;
    out.program = std::move(stored.program);
    return out;
  }
  Diagnostics diags;
  io::ReadAnyOptions options;
  options.tjp_scenario = a.scenario;
  auto in = read_input(a.files, diags, options);
  if (!in) {
    fail(in.error(), exit_code);
    return std::nullopt;
  }
  tjp = in->format == io::InputFormat::kTjp;
  if (!tjp) {
    if (!report_read_diagnostics(diags, std::cerr, exit_code, false)) return std::nullopt;
    return std::move(in->plan);
  }
  Diagnostics errors;
  size_t warnings = 0, unsupported = 0;
  for (const auto& d : diags.items()) {
    if (d.severity == Severity::kError) errors.add(d);
    warnings += d.severity == Severity::kWarning;
    unsupported += d.severity == Severity::kWarning && d.id == codes::kTjpUnsupported;
  }
  report::diagnostics_table(errors, std::cerr);
  if (errors.has_errors()) {
    exit_code = 2;
    return std::nullopt;
  }
  // What the import left out must not go unnoticed; `cairn check` lists each with its line.
  if (warnings > 0)
    std::cerr << fmt::format(
        "note: {}: {} warning(s) on import, {} of them about TaskJuggler constructs Cairn does "
        "not import (tjp-unsupported); `cairn check {}` lists each with its line\n",
        a.files[0], warnings, unsupported, a.files[0]);
  return std::move(in->plan);
}

void run(const ScheduleArgs& a, Context& ctx) {
  if (!a.files.empty() && !a.stored.db.empty())
    return void(fail_usage("give plan files or --db, not both", ctx.exit_code,
                           "without files the stored program is scheduled"));
  if (a.files.size() == 1 && ends_with(a.files[0], ".sm")) {
    // PSPLIB instances go to the RCPSP solver (schedule/rcpsp.h); auto schedules = its default.
    ctx.exit_code = schedule_psplib_file(a.files[0], a.schedules > 0 ? a.schedules : 5000, a.seed,
                                         a.format, std::cout);
    return;
  }
  schedule::ScheduleOptions opt;
  opt.schedules = a.schedules;
  opt.time_budget_seconds = a.time_budget;
  opt.seed = a.seed;
  opt.slot_minutes = a.resolution;
  opt.level = !a.no_level;
  opt.threads = a.threads;
  opt.weekly_load = a.view.load;
  opt.estimates =
      a.estimates == "mean" ? schedule::EstimateValue::kMean : schedule::EstimateValue::kLikely;
  if (!a.as_of.empty()) {
    opt.as_of = parse_date_option("--as-of", a.as_of, ctx.exit_code);
    if (!opt.as_of) return;
  }
  PhaseClock clock(a.timings);
  bool tjp = false;
  LoadedProgram stored;
  auto plan = load(a, tjp, stored, ctx.exit_code);
  if (!plan) return;
  // Unset: the program's own order (TaskJuggler's for a .tjp program, stored or not).
  if (!a.order.empty())
    opt.order = a.order == "taskjuggler" ? schedule::ScheduleOrder::kTaskJuggler
                                         : schedule::ScheduleOrder::kSearch;
  clock.lap("read");
  const Program& p = plan->program;
  if (!keep_order(a.keep_order, p, opt.previous, opt.previous_source, ctx.exit_code)) return;
  // A stored program keeps its newest baseline's order, as the server's views do.
  if (stored.store && a.keep_order.empty() && !a.stored.relevel)
    store::keep_baseline_order(*stored.store, stored.key, p, opt);
  Diagnostics diags;
  auto result = schedule::schedule_program(p, opt, diags);
  clock.lap("schedule");
  if (!result) {
    fail(result.error(), ctx.exit_code);
    return;
  }
  if (a.format == "json") {
    report::schedule_json(header(p, opt.as_of), p, *result, diags, a.view, std::cout);
  } else {
    if (a.format == "csv") {
      report::schedule_csv(p, *result, std::cout);
    } else if (auto shown = report::schedule_table(p, *result, a.view, std::cout); !shown) {
      fail(shown.error(), ctx.exit_code);
      return;
    }
    Diagnostics shown_diags;
    for (const auto& d : diags.items())
      if (d.severity != Severity::kInfo) shown_diags.add(d);
    report::diagnostics_table(shown_diags, std::cerr);
  }
  std::cout.flush();
  clock.lap("output");
  if (a.timings)
    std::cerr << fmt::format("timing schedules {} ({})\n", result->schedules_used, result->method);
  bool findings = diags.has(codes::kItemUnschedulable) || diags.has(codes::kBeyondProjectEnd);
  for (const auto& m : result->milestones)
    findings = findings || m.late;
  ctx.exit_code = findings ? 1 : 0;
}

}  // namespace

void register_schedule(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "schedule", "Schedule a program over its people: dates, slack, critical chain");
  auto a = std::make_shared<ScheduleArgs>();
  cmd->add_option("FILE", a->files,
                  std::string(kInputFilesHelp) + ", or a PSPLIB .sm; none: the stored program");
  add_store_options(cmd, a->stored);
  auto* relevel = add_relevel_option(cmd, a->stored);
  add_format_option(cmd, a->format, {"table", "json", "csv"});
  cmd->add_option("--schedules", a->schedules,
                  "Schedules the leveling search may generate (default 0: auto, 64 for small "
                  "programs, fewer for large ones, more while a deadline is missed)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--time-budget", a->time_budget,
                  "Seconds the leveling search may take (default: no limit; makes results depend "
                  "on the machine)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", a->seed, "Seed of the randomized search (default 1)");
  cmd->add_option("--as-of", a->as_of, "Status date YYYY-MM-DD (default: the plan's as_of)");
  cmd->add_option("--resolution", a->resolution, "Time slot in minutes, divides a day (default 60)")
      ->check(CLI::Range(1, 1440));
  cmd->add_option("--threads", a->threads, "Threads for the search (default 1; same result)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--scenario", a->scenario,
                  "TaskJuggler input: the scenario to schedule (default: the first)");
  cmd->add_option("--order", a->order,
                  "How work is ordered: search (the best schedule found) or taskjuggler (tj3's "
                  "order, one pass); default the program's schedule_order: taskjuggler for .tjp "
                  "input (also once stored or converted), else search")
      ->check(CLI::IsMember({"search", "taskjuggler"}));
  add_keep_order_option(cmd, a->keep_order)->excludes(relevel);
  cmd->add_option("--estimates", a->estimates,
                  "Time the work on each estimate's likely value or its mean ((optimistic + 4 "
                  "likely + pessimistic) / 6, as the forecast's mean); default likely")
      ->check(CLI::IsMember({"likely", "mean"}));
  cmd->add_flag("--no-level", a->no_level, "Critical path only: ignore who does the work");
  cmd->add_flag("--all", a->view.all,
                "List every item (the table shows milestones, late work "
                "and the critical chain by default)");
  cmd->add_option("--team", a->view.team, "List the items of this team (key)");
  cmd->add_option("--milestone", a->view.milestone,
                  "List the items of this milestone (key; an epic brings its children)");
  cmd->add_option("--person", a->view.person, "List the items this person works on (key)");
  cmd->add_flag("--times", a->view.times, "Show times of day in the table");
  cmd->add_flag("--load", a->view.load, "Add each person's load by week");
  cmd->add_flag("--timings", a->timings, "Print the time of each phase (read, schedule, output)");
  cmd->callback([&ctx, a] { run(*a, ctx); });
}

}  // namespace cairn::cli

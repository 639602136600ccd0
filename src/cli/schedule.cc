// `cairn schedule FILE...`: when the program can finish with the people it has, and which chain of
// work decides it. Text table, JSON or CSV. Exit 0 when every milestone meets its deadline and
// every item could be scheduled, 1 otherwise, 2 for bad usage or input.
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "cli/schedule_sm.h"
#include "io/tjp_reader.h"
#include "model/enums.h"
#include "schedule/schedule.h"

namespace cairn::cli {
namespace {

struct ScheduleArgs {
  std::vector<std::string> files;
  std::string format = "text";
  int schedules = 0;
  double time_budget = 0;
  uint64_t seed = 1;
  std::string as_of;
  int resolution = 60;
  bool no_level = false;
  bool times = false;
  bool load = false;
  bool timings = false;
  int threads = 1;
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

double round2(double v) {
  return std::round(v * 100.0) / 100.0;
}

std::string who(const Program& p, PersonId id) {
  return id.valid() ? p.person(id).key : "-";
}

const char* state_name(schedule::NodeState s) {
  switch (s) {
    case schedule::NodeState::kTodo:
      return "todo";
    case schedule::NodeState::kStarted:
      return "in-progress";
    case schedule::NodeState::kDone:
      return "done";
  }
  return "?";
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string shown(const schedule::ItemSchedule& it, bool start, bool times) {
  if (!it.scheduled) return "-";
  if (!times) return (start ? it.start_date : it.finish_date).to_string();
  DateTime t = start ? it.start : it.finish;
  return fmt::format("{} {:02}:{:02}", t.date().to_string(), t.minute_of_day() / 60,
                     t.minute_of_day() % 60);
}

void print_text(const Program& p, const schedule::ScheduleResult& r, const ScheduleArgs& a,
                std::ostream& out) {
  out << fmt::format("{} — {}\n", p.key, p.name);
  out << fmt::format("Project end: {} ({}; without people limits: {})\n",
                     r.project_end_date.to_string(), r.method, r.unleveled_end.date().to_string());
  size_t key_w = 4, who_w = 3;
  for (size_t i = 0; i < p.items.size(); ++i) {
    key_w = std::max(key_w, p.items[i].key.size());
    who_w = std::max(who_w, who(p, r.items[i].assignee).size());
  }
  size_t date_w = a.times ? 16 : 10;
  out << fmt::format("\n{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:>6}  {}\n", "item", key_w + 1, "who",
                     who_w, "start", date_w, "finish", date_w, "slack", "critical");
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& it = r.items[i];
    std::string k = it.epic ? p.items[i].key + "/" : p.items[i].key;
    out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:>6.1f}  {}\n", k, key_w + 1,
                       it.epic ? std::string("") : who(p, it.assignee), who_w,
                       shown(it, true, a.times), date_w, shown(it, false, a.times), date_w,
                       it.total_slack_days, it.critical ? "*" : "");
  }
  if (!p.milestones.empty()) {
    out << "\nMilestones\n";
    for (size_t m = 0; m < p.milestones.size(); ++m) {
      const auto& ms = r.milestones[m];
      std::string status = !ms.scheduled  ? "no items"
                           : !ms.deadline ? ""
                           : ms.late      ? fmt::format("LATE by {} working day(s)", ms.days_late)
                                          : "on time";
      out << fmt::format("  {:<12} {:<10}  deadline {:<10}  {}\n", p.milestones[m].key,
                         ms.scheduled ? ms.date.to_string() : "-",
                         ms.deadline ? ms.deadline->to_string() : "-", status);
    }
  }
  if (!r.critical_chain.empty()) {
    out << "\nCritical chain (what fixes the end date)\n";
    for (const auto& st : r.critical_chain) {
      const auto& it = r.items[st.item.index()];
      std::string link;
      if (st.link == schedule::ChainLink::kDependency) link = "after the previous (dependency)";
      if (st.link == schedule::ChainLink::kResource)
        link = fmt::format("after the previous (same person: {})", who(p, st.person));
      if (st.link == schedule::ChainLink::kStart) link = "starts the chain";
      out << fmt::format("  {:<{}}  {:<{}}  {} .. {}  {}\n", p.item(st.item).key, key_w,
                         who(p, it.assignee), who_w, shown(it, true, a.times),
                         shown(it, false, a.times), link);
    }
  }
  if (a.load && !r.weeks.empty()) {
    out << "\nLoad by week (booked / available hours)\n";
    out << fmt::format("  {:<{}}", "who", who_w);
    for (const Date& w : r.weeks)
      out << fmt::format("  {:>11}", w.to_string().substr(5));
    out << "\n";
    for (const auto& pl : r.load) {
      out << fmt::format("  {:<{}}", p.person(pl.person).key, who_w);
      for (size_t w = 0; w < r.weeks.size(); ++w)
        out << fmt::format("  {:>5.0f}/{:<5.0f}", pl.booked_hours[w], pl.capacity_hours[w]);
      out << "\n";
    }
  }
}

nlohmann::ordered_json to_json(const Program& p, const schedule::ScheduleResult& r,
                               const ScheduleArgs& a, const Diagnostics& diags) {
  nlohmann::ordered_json j;
  j["program"] = p.key;
  j["project_start"] = r.project_start_date.to_string();
  j["project_end"] = r.project_end_date.to_string();
  j["project_end_time"] = r.project_end.to_string();
  j["unleveled_end"] = r.unleveled_end.date().to_string();
  j["method"] = r.method;
  j["schedules"] = r.schedules_used;
  j["slot_minutes"] = r.axis.slot_minutes;
  auto items = nlohmann::ordered_json::array();
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& it = r.items[i];
    nlohmann::ordered_json o;
    o["key"] = p.items[i].key;
    o["kind"] = to_string(p.items[i].kind);
    o["assignee"] = it.assignee.valid() ? nlohmann::ordered_json(p.person(it.assignee).key)
                                        : nlohmann::ordered_json(nullptr);
    if (!it.also.empty()) {
      auto also = nlohmann::ordered_json::array();
      for (PersonId x : it.also)
        also.push_back(p.person(x).key);
      o["also"] = also;
    }
    o["start"] = it.scheduled ? nlohmann::ordered_json(it.start_date.to_string()) : nullptr;
    o["finish"] = it.scheduled ? nlohmann::ordered_json(it.finish_date.to_string()) : nullptr;
    o["start_time"] = it.scheduled ? nlohmann::ordered_json(it.start.to_string()) : nullptr;
    o["finish_time"] = it.scheduled ? nlohmann::ordered_json(it.finish.to_string()) : nullptr;
    o["slack"] = round2(it.total_slack_days);
    o["free_slack"] = round2(it.free_slack_days);
    o["critical"] = it.critical;
    o["state"] = state_name(it.state);
    items.push_back(std::move(o));
  }
  j["items"] = std::move(items);
  auto ms = nlohmann::ordered_json::array();
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& x = r.milestones[m];
    nlohmann::ordered_json o;
    o["key"] = p.milestones[m].key;
    o["date"] = x.scheduled ? nlohmann::ordered_json(x.date.to_string()) : nullptr;
    o["deadline"] = x.deadline ? nlohmann::ordered_json(x.deadline->to_string()) : nullptr;
    o["unleveled_date"] =
        x.scheduled ? nlohmann::ordered_json(x.unleveled_date.to_string()) : nullptr;
    o["late"] = x.late;
    o["days_late"] = x.days_late;
    ms.push_back(std::move(o));
  }
  j["milestones"] = std::move(ms);
  auto chain = nlohmann::ordered_json::array();
  for (const auto& st : r.critical_chain) {
    nlohmann::ordered_json o;
    o["key"] = p.item(st.item).key;
    o["link"] = schedule::to_string(st.link);
    if (st.person.valid()) o["person"] = p.person(st.person).key;
    chain.push_back(std::move(o));
  }
  j["critical_chain"] = std::move(chain);
  if (a.load) {
    nlohmann::ordered_json load;
    auto weeks = nlohmann::ordered_json::array();
    for (const Date& w : r.weeks)
      weeks.push_back(w.to_string());
    load["weeks"] = weeks;
    auto people = nlohmann::ordered_json::array();
    for (const auto& pl : r.load) {
      auto b = nlohmann::ordered_json::array(), c = nlohmann::ordered_json::array();
      for (double v : pl.booked_hours)
        b.push_back(round2(v));
      for (double v : pl.capacity_hours)
        c.push_back(round2(v));
      people.push_back(
          {{"person", p.person(pl.person).key}, {"booked_hours", b}, {"capacity_hours", c}});
    }
    load["people"] = people;
    j["load"] = std::move(load);
  }
  auto ds = nlohmann::ordered_json::array();
  for (const auto& d : diags.items())
    ds.push_back({{"severity", to_string(d.severity)}, {"id", d.id}, {"message", d.message}});
  j["diagnostics"] = std::move(ds);
  return j;
}

void print_csv(const Program& p, const schedule::ScheduleResult& r, std::ostream& out) {
  out << "key,kind,assignee,start,finish,start_time,finish_time,slack,free_slack,critical,state\n";
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& it = r.items[i];
    out << fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(p.items[i].key), to_string(p.items[i].kind),
        it.assignee.valid() ? csv_field(p.person(it.assignee).key) : "",
        it.scheduled ? it.start_date.to_string() : "",
        it.scheduled ? it.finish_date.to_string() : "", it.scheduled ? it.start.to_string() : "",
        it.scheduled ? it.finish.to_string() : "", round2(it.total_slack_days),
        round2(it.free_slack_days), it.critical ? "true" : "false", state_name(it.state));
  }
}

// Reads the plan (YAML/JSON plan files, or one .tjp); nullopt with exit_code 2 when unusable.
std::optional<io::LoadedPlan> load(const ScheduleArgs& a, int& exit_code) {
  if (a.files.size() == 1 && (ends_with(a.files[0], ".tjp") || ends_with(a.files[0], ".tji"))) {
    Diagnostics diags;
    auto plan = io::read_tjp(a.files[0], diags);
    if (!plan) {
      std::cerr << plan.error().to_string() << "\n";
      exit_code = 2;
      return std::nullopt;
    }
    Diagnostics errors;
    for (const auto& d : diags.items())
      if (d.severity == Severity::kError) errors.add(d);
    print_diagnostics(errors, "text", std::cerr);
    if (errors.has_errors()) {
      exit_code = 2;
      return std::nullopt;
    }
    return std::move(*plan);
  }
  return load_plan_or_report(a.files, std::cerr, exit_code);
}

void run(const ScheduleArgs& a, Context& ctx) {
  if (a.files.size() == 1 && ends_with(a.files[0], ".sm")) {
    // PSPLIB instances go to the RCPSP solver (schedule/rcpsp.h); auto schedules = its default.
    ctx.exit_code =
        schedule_psplib_file(a.files[0], a.schedules > 0 ? a.schedules : 5000, a.seed,
                             a.format == "json" ? "json" : "table", std::cout, std::cerr);
    return;
  }
  schedule::ScheduleOptions opt;
  opt.schedules = a.schedules;
  opt.time_budget_seconds = a.time_budget;
  opt.seed = a.seed;
  opt.slot_minutes = a.resolution;
  opt.level = !a.no_level;
  opt.threads = a.threads;
  opt.weekly_load = a.load;
  if (!a.as_of.empty()) {
    auto d = Date::parse(a.as_of);
    if (!d) {
      std::cerr << fmt::format("--as-of '{}' is not a date (YYYY-MM-DD)\n", a.as_of);
      ctx.exit_code = 2;
      return;
    }
    opt.as_of = *d;
  }
  PhaseClock clock(a.timings);
  auto plan = load(a, ctx.exit_code);
  if (!plan) return;
  clock.lap("read");
  const Program& p = plan->program;
  Diagnostics diags;
  auto result = schedule::schedule_program(p, opt, diags);
  clock.lap("schedule");
  if (!result) {
    std::cerr << result.error().to_string() << "\n";
    ctx.exit_code = 2;
    return;
  }
  if (a.format == "json") {
    std::cout << to_json(p, *result, a, diags).dump(2) << "\n";
  } else {
    if (a.format == "csv")
      print_csv(p, *result, std::cout);
    else
      print_text(p, *result, a, std::cout);
    Diagnostics shown_diags;
    for (const auto& d : diags.items())
      if (d.severity != Severity::kInfo) shown_diags.add(d);
    print_diagnostics(shown_diags, "text", std::cerr);
  }
  std::cout.flush();
  clock.lap("output");
  if (a.timings)
    std::cerr << fmt::format("timing schedules {} ({})\n", result->schedules_used, result->method);
  bool findings = diags.has("item-unschedulable");
  for (const auto& m : result->milestones)
    findings = findings || m.late;
  ctx.exit_code = findings ? 1 : 0;
}

}  // namespace

void register_schedule(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "schedule", "Schedule a program over its people: dates, slack, critical chain");
  auto a = std::make_shared<ScheduleArgs>();
  cmd->add_option(
         "FILE", a->files,
         "Plan files (a directory stands for its plan.yaml), a .tjp project or a PSPLIB .sm")
      ->required();
  cmd->add_option("--format", a->format, "Output format (text, json, csv)")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("--schedules", a->schedules,
                  "Schedules the leveling search may generate (default 0: auto, 64 for small "
                  "programs, fewer for large ones)")
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
  cmd->add_flag("--no-level", a->no_level, "Critical path only: ignore who does the work");
  cmd->add_flag("--times", a->times, "Show times of day in the text table");
  cmd->add_flag("--load", a->load, "Add each person's load by week");
  cmd->add_flag("--timings", a->timings, "Print the time of each phase (read, schedule, output)");
  cmd->callback([&ctx, a] { run(*a, ctx); });
}

}  // namespace cairn::cli

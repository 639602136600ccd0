// `cairn schedule FILE...`: when the program can finish with the people it has, and which chain of
// work decides it. Text table, JSON or CSV. Exit 0 when every milestone meets its deadline and
// every item could be scheduled, 1 otherwise, 2 for bad usage or input.
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

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

// The JSON document, written as a stream (RapidJSON): a 10,000-item schedule is ~4 MB of JSON, and
// building it as a DOM first cost more than scheduling it.
void write_json(const Program& p, const schedule::ScheduleResult& r, const ScheduleArgs& a,
                const Diagnostics& diags, std::ostream& out) {
  rapidjson::StringBuffer buf;
  buf.Reserve(512 + p.items.size() * 400);
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
  w.SetIndent(' ', 2);
  auto str = [&](std::string_view v) {
    w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
  };
  auto key = [&](std::string_view k) {
    w.Key(k.data(), static_cast<rapidjson::SizeType>(k.size()));
  };
  auto date_or_null = [&](bool have, const auto& d) {
    if (have)
      str(d.to_string());
    else
      w.Null();
  };
  w.StartObject();
  key("program");
  str(p.key);
  key("project_start");
  str(r.project_start_date.to_string());
  key("project_end");
  str(r.project_end_date.to_string());
  key("project_end_time");
  str(r.project_end.to_string());
  key("unleveled_end");
  str(r.unleveled_end.date().to_string());
  key("method");
  str(r.method);
  key("schedules");
  w.Int(r.schedules_used);
  key("slot_minutes");
  w.Int(r.axis.slot_minutes);
  key("items");
  w.StartArray();
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& it = r.items[i];
    w.StartObject();
    key("key");
    str(p.items[i].key);
    key("kind");
    str(to_string(p.items[i].kind));
    key("assignee");
    if (it.assignee.valid())
      str(p.person(it.assignee).key);
    else
      w.Null();
    if (!it.also.empty()) {
      key("also");
      w.StartArray();
      for (PersonId x : it.also)
        str(p.person(x).key);
      w.EndArray();
    }
    key("start");
    date_or_null(it.scheduled, it.start_date);
    key("finish");
    date_or_null(it.scheduled, it.finish_date);
    key("start_time");
    date_or_null(it.scheduled, it.start);
    key("finish_time");
    date_or_null(it.scheduled, it.finish);
    key("slack");
    w.Double(round2(it.total_slack_days));
    key("free_slack");
    w.Double(round2(it.free_slack_days));
    key("critical");
    w.Bool(it.critical);
    key("state");
    str(state_name(it.state));
    w.EndObject();
  }
  w.EndArray();
  key("milestones");
  w.StartArray();
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& x = r.milestones[m];
    w.StartObject();
    key("key");
    str(p.milestones[m].key);
    key("date");
    date_or_null(x.scheduled, x.date);
    key("deadline");
    if (x.deadline)
      str(x.deadline->to_string());
    else
      w.Null();
    key("unleveled_date");
    date_or_null(x.scheduled, x.unleveled_date);
    key("late");
    w.Bool(x.late);
    key("days_late");
    w.Int(x.days_late);
    w.EndObject();
  }
  w.EndArray();
  key("critical_chain");
  w.StartArray();
  for (const auto& st : r.critical_chain) {
    w.StartObject();
    key("key");
    str(p.item(st.item).key);
    key("link");
    str(schedule::to_string(st.link));
    if (st.person.valid()) {
      key("person");
      str(p.person(st.person).key);
    }
    w.EndObject();
  }
  w.EndArray();
  if (a.load) {
    key("load");
    w.StartObject();
    key("weeks");
    w.StartArray();
    for (const Date& wk : r.weeks)
      str(wk.to_string());
    w.EndArray();
    key("people");
    w.StartArray();
    for (const auto& pl : r.load) {
      w.StartObject();
      key("person");
      str(p.person(pl.person).key);
      key("booked_hours");
      w.StartArray();
      for (double v : pl.booked_hours)
        w.Double(round2(v));
      w.EndArray();
      key("capacity_hours");
      w.StartArray();
      for (double v : pl.capacity_hours)
        w.Double(round2(v));
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  key("diagnostics");
  w.StartArray();
  for (const auto& d : diags.items()) {
    w.StartObject();
    key("severity");
    str(to_string(d.severity));
    key("id");
    str(d.id);
    key("message");
    str(d.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
  out << "\n";
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
    size_t warnings = 0, unsupported = 0;
    for (const auto& d : diags.items()) {
      if (d.severity == Severity::kError) errors.add(d);
      warnings += d.severity == Severity::kWarning;
      unsupported += d.severity == Severity::kWarning && d.id == "tjp-unsupported";
    }
    print_diagnostics(errors, "text", std::cerr);
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
    write_json(p, *result, a, diags, std::cout);
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

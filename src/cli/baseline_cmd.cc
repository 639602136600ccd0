// Baselines and forecast snapshots of a stored program (docs/store.md):
//   cairn baseline create NAME [--program P] [--trials N] [--seed S]
//   cairn baseline list|show NAME|compare NAME [--program P] [--format text|json]
//   cairn snapshot [--program P] [--date YYYY-MM-DD] [--trials N] [--seed S]
//   cairn trend [--program P] [--since YYYY-MM-DD] [--format text|json]
//
// A baseline freezes the leveled schedule (per item start and finish, per milestone date) and the
// Monte Carlo forecast (per milestone P50/P85/P95 and on-time probability) of the stored program
// at its current revision. `compare` recomputes both for the program as stored now and reports,
// in working days of the program calendar, the slip of each milestone's date and P85, the finish
// slip of each item that moved, and the items added and removed since the baseline. A snapshot is
// one forecast per program and day (a second one the same day replaces it); `trend` prints each
// milestone's P85 by snapshot day.
// Exit codes: 0 fine, 1 a conflict (baseline name taken), 2 bad usage, bad input or store errors.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "forecast/program_forecast.h"
#include "schedule/schedule.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct Common {
  std::string db, program, format = "text";
  int trials = 2000;
  uint64_t seed = 1;
};

void add_program_option(CLI::App* cmd, Common& c) {
  add_db_option(cmd, c.db);
  cmd->add_option("--program", c.program,
                  "The program's key (may be left out when the store holds one)");
}
void add_format_option(CLI::App* cmd, Common& c) {
  cmd->add_option("--format", c.format, "Output format (default text)")
      ->check(CLI::IsMember({"text", "json"}));
}
void add_forecast_options(CLI::App* cmd, Common& c) {
  cmd->add_option("--trials", c.trials, "Monte Carlo trials (default 2000)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", c.seed, "Random seed (default 1)");
}

// o[key] when present, else an empty array (a reference that outlives the call).
const ojson& member(const ojson& o, const char* key) {
  static const ojson kEmpty = ojson::array();
  auto it = o.find(key);
  return it == o.end() ? kEmpty : *it;
}

std::string actor_name() {
  for (const char* var : {"CAIRN_ACTOR", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

ojson date_or_null(const std::optional<Date>& d) {
  return d ? ojson(d->to_string()) : ojson(nullptr);
}

// The stored program, its schedule and forecast as JSON documents.
struct Computed {
  store::StoredProgram stored;
  std::string key;
  ojson schedule, forecast;
};

ojson target_json(const forecast::TargetForecast& m) {
  return ojson{{"key", m.key},
               {"name", m.name},
               {"deadline", date_or_null(m.deadline)},
               {"complete", m.complete},
               {"p50", m.p50.to_string()},
               {"p85", m.p85.to_string()},
               {"p95", m.p95.to_string()},
               {"on_time_probability",
                m.on_time_probability ? ojson(*m.on_time_probability) : ojson(nullptr)}};
}

ojson forecast_json(const forecast::ProgramForecast& f) {
  ojson ms = ojson::array();
  for (const auto& m : f.milestones)
    ms.push_back(target_json(m));
  return ojson{{"as_of", f.as_of.to_string()},
               {"start", f.start.to_string()},
               {"trials", f.trials},
               {"seed", f.seed},
               {"milestones", ms},
               {"program", target_json(f.program)}};
}

ojson schedule_json(const Program& p, const schedule::ScheduleResult& r) {
  ojson ms = ojson::array();
  for (const auto& m : r.milestones) {
    const auto& mm = p.milestone(m.milestone);
    ms.push_back({{"key", mm.key},
                  {"name", mm.name},
                  {"date", m.scheduled ? ojson(m.date.to_string()) : ojson(nullptr)},
                  {"deadline", date_or_null(m.deadline)},
                  {"days_late", m.days_late}});
  }
  ojson items = ojson::object();
  for (const auto& it : r.items) {
    const auto& key = p.item(it.item).key;
    items[key] = it.scheduled
                     ? ojson::array({it.start_date.to_string(), it.finish_date.to_string()})
                     : ojson(nullptr);
  }
  return ojson{{"start", r.project_start_date.to_string()},
               {"end", r.project_end_date.to_string()},
               {"method", r.method},
               {"milestones", ms},
               {"items", items}};
}

std::optional<Computed> compute(store::Store& s, const Common& c, bool with_schedule,
                                int& exit_code) {
  auto key = program_or_report(s, c.program, exit_code);
  if (!key) return std::nullopt;
  auto stored = s.load(*key);
  if (!stored) {
    std::cerr << stored.error().to_string() << "\n";
    exit_code = 2;
    return std::nullopt;
  }
  Computed out{std::move(*stored), *key, {}, {}};
  const Program& p = out.stored.program;
  Diagnostics diags;
  forecast::ForecastOptions fo;
  fo.trials = c.trials;
  fo.seed = c.seed;
  if (with_schedule) {
    auto sr = schedule::schedule_program(p, schedule::ScheduleOptions{}, diags);
    if (!sr) {
      std::cerr << sr.error().to_string() << "\n";
      exit_code = 2;
      return std::nullopt;
    }
    out.schedule = schedule_json(p, *sr);
    // The forecast keeps people's work in the order of this schedule (no second leveling).
    fo.resource_order = forecast::ResourceOrder::kSchedule;
    for (const auto& [before, after] : sr->resource_links)
      fo.resource_links.push_back({before, after});
  }
  auto f = forecast::forecast_program(p, fo, diags);
  if (!f) {
    std::cerr << f.error().to_string() << "\n";
    exit_code = 2;
    return std::nullopt;
  }
  out.forecast = forecast_json(*f);
  return out;
}

std::unique_ptr<store::Store> open_existing(const Common& c, int& exit_code) {
  return open_store_or_report(c.db, false, exit_code);
}

// Signed working days from `from` to `to` (positive: `to` is later).
int slip_days(const WorkingCalendar& cal, const std::string& from, const std::string& to) {
  auto a = Date::parse(from), b = Date::parse(to);
  if (!a || !b) return 0;
  return *a <= *b ? cal.working_days_between(*a, *b) : -cal.working_days_between(*b, *a);
}

std::string str_or(const ojson& v, const char* dflt = "-") {
  return v.is_string() ? v.get<std::string>() : std::string(dflt);
}

std::string signed_days(int d) {
  return d == 0 ? "0" : fmt::format("{:+}", d);
}

// The comparison of a baseline with the program now, as JSON.
ojson compare_json(const store::Baseline& b, const Computed& now) {
  const auto& cal = now.stored.program.calendar;
  // Milestones: by key, the baseline's order, then new ones.
  std::map<std::string, const ojson*> base_sched, base_fc, now_sched, now_fc;
  for (const auto& m : member(b.schedule, "milestones"))
    base_sched[m.value("key", "")] = &m;
  for (const auto& m : member(b.forecast, "milestones"))
    base_fc[m.value("key", "")] = &m;
  for (const auto& m : now.schedule["milestones"])
    now_sched[m.value("key", "")] = &m;
  for (const auto& m : now.forecast["milestones"])
    now_fc[m.value("key", "")] = &m;
  std::vector<std::string> keys;
  std::set<std::string> seen;
  auto add_key = [&](const std::string& k) {
    if (seen.insert(k).second) keys.push_back(k);
  };
  for (const auto& m : member(b.schedule, "milestones"))
    add_key(m.value("key", ""));
  for (const auto& m : now.schedule["milestones"])
    add_key(m.value("key", ""));
  auto milestone_row = [&](const std::string& k, const ojson* bs, const ojson* ns, const ojson* bf,
                           const ojson* nf) {
    ojson row{{"key", k}};
    std::string bd = bs ? str_or((*bs)["date"], "") : "", nd = ns ? str_or((*ns)["date"], "") : "";
    row["baseline_date"] = bd.empty() ? ojson(nullptr) : ojson(bd);
    row["date"] = nd.empty() ? ojson(nullptr) : ojson(nd);
    row["date_slip_days"] = !bd.empty() && !nd.empty() ? ojson(slip_days(cal, bd, nd)) : nullptr;
    std::string bp = bf ? str_or((*bf)["p85"], "") : "", np = nf ? str_or((*nf)["p85"], "") : "";
    row["baseline_p85"] = bp.empty() ? ojson(nullptr) : ojson(bp);
    row["p85"] = np.empty() ? ojson(nullptr) : ojson(np);
    row["p85_slip_days"] = !bp.empty() && !np.empty() ? ojson(slip_days(cal, bp, np)) : nullptr;
    return row;
  };
  auto find = [](const std::map<std::string, const ojson*>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? nullptr : it->second;
  };
  ojson ms = ojson::array();
  for (const auto& k : keys)
    ms.push_back(milestone_row(k, find(base_sched, k), find(now_sched, k), find(base_fc, k),
                               find(now_fc, k)));
  // The program end: the schedule's end and the forecast's program target.
  ojson end_base{{"date", b.schedule.value("end", "")}};
  ojson end_now{{"date", now.schedule.value("end", "")}};
  const ojson* bprog = b.forecast.contains("program") ? &b.forecast["program"] : nullptr;
  ojson program_row =
      milestone_row("program", &end_base, &end_now, bprog, &now.forecast["program"]);
  // Items: moved (finish), added, removed.
  ojson moved = ojson::array(), added = ojson::array(), removed = ojson::array();
  const ojson empty = ojson::object();
  const ojson& bi = b.schedule.contains("items") ? b.schedule["items"] : empty;
  const ojson& ni = now.schedule["items"];
  struct Move {
    std::string key, from, to;
    int days;
  };
  std::vector<Move> moves;
  for (auto it = ni.begin(); it != ni.end(); ++it) {
    if (!bi.contains(it.key())) {
      added.push_back(it.key());
      continue;
    }
    const ojson& was = bi[it.key()];
    const ojson& is = it.value();
    if (!was.is_array() || !is.is_array()) continue;
    std::string from = was[1].get<std::string>(), to = is[1].get<std::string>();
    if (from == to) continue;
    moves.push_back({it.key(), from, to, slip_days(cal, from, to)});
  }
  for (auto it = bi.begin(); it != bi.end(); ++it)
    if (!ni.contains(it.key())) removed.push_back(it.key());
  std::stable_sort(moves.begin(), moves.end(), [](const Move& x, const Move& y) {
    return std::abs(x.days) != std::abs(y.days) ? std::abs(x.days) > std::abs(y.days)
                                                : x.key < y.key;
  });
  for (const auto& m : moves)
    moved.push_back(
        {{"key", m.key}, {"baseline_finish", m.from}, {"finish", m.to}, {"slip_days", m.days}});
  return ojson{{"program", now.key},
               {"baseline", b.name},
               {"baseline_revision", b.revision},
               {"baseline_created_at", b.created_at},
               {"revision", now.stored.revision},
               {"milestones", ms},
               {"end", program_row},
               {"items_moved", moved},
               {"items_added", added},
               {"items_removed", removed}};
}

void print_compare(const ojson& c, std::ostream& out) {
  out << fmt::format("{}: now at revision {}, compared with baseline {} (revision {}, {})\n\n",
                     c["program"].get<std::string>(), c["revision"].get<int64_t>(),
                     c["baseline"].get<std::string>(), c["baseline_revision"].get<int64_t>(),
                     c["baseline_created_at"].get<std::string>());
  out << fmt::format("  {:<14} {:<10} {:<10} {:>5}   {:<10} {:<10} {:>5}\n", "milestone",
                     "baseline", "now", "slip", "base P85", "P85", "slip");
  auto row = [&](const ojson& m) {
    auto d = [](const ojson& v) { return v.is_number() ? signed_days(v.get<int>()) : "-"; };
    out << fmt::format("  {:<14} {:<10} {:<10} {:>5}   {:<10} {:<10} {:>5}\n",
                       m["key"].get<std::string>().substr(0, 14), str_or(m["baseline_date"]),
                       str_or(m["date"]), d(m["date_slip_days"]), str_or(m["baseline_p85"]),
                       str_or(m["p85"]), d(m["p85_slip_days"]));
  };
  for (const auto& m : c["milestones"])
    row(m);
  row(c["end"]);
  out << "  (slips in working days; positive is later)\n";
  const auto& moved = c["items_moved"];
  out << fmt::format("\nItems whose finish moved: {}\n", moved.size());
  for (size_t k = 0; k < moved.size() && k < 50; ++k)
    out << fmt::format("  {:<16} {} -> {}  {}\n", moved[k]["key"].get<std::string>(),
                       moved[k]["baseline_finish"].get<std::string>(),
                       moved[k]["finish"].get<std::string>(),
                       signed_days(moved[k]["slip_days"].get<int>()));
  if (moved.size() > 50) out << fmt::format("  ... and {} more\n", moved.size() - 50);
  auto list = [&](const char* label, const ojson& keys) {
    out << fmt::format("\n{}: {}\n", label, keys.size());
    std::string line = " ";
    for (const auto& k : keys) {
      if (line.size() > 90) {
        out << line << "\n";
        line = " ";
      }
      line += " " + k.get<std::string>();
    }
    if (keys.size()) out << line << "\n";
  };
  list("Items added since the baseline", c["items_added"]);
  list("Items removed since the baseline", c["items_removed"]);
}

bool report(const Error& e, int& exit_code) {
  std::cerr << e.to_string() << "\n";
  exit_code = e.code == "conflict" ? 1 : 2;
  return false;
}

void register_baseline_create(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("create", "Freeze the schedule and forecast as a baseline");
  auto c = std::make_shared<Common>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "The baseline's name")->required();
  add_program_option(cmd, *c);
  add_forecast_options(cmd, *c);
  cmd->callback([&ctx, c, name] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto now = compute(*s, *c, true, ctx.exit_code);
    if (!now) return;
    store::Baseline b{*name, now->stored.revision, "", actor_name(), now->schedule, now->forecast};
    if (auto r = s->save_baseline(now->key, b); !r) {
      report(r.error(), ctx.exit_code);
      return;
    }
    std::cout << fmt::format("{}: baseline {} saved at revision {} ({} milestones, {} items)\n",
                             now->key, *name, now->stored.revision,
                             now->schedule["milestones"].size(), now->schedule["items"].size());
  });
}

void register_baseline_list(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("list", "List a program's baselines");
  auto c = std::make_shared<Common>();
  add_program_option(cmd, *c);
  add_format_option(cmd, *c);
  cmd->callback([&ctx, c] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto bs = s->baselines(*key);
    if (!bs) {
      report(bs.error(), ctx.exit_code);
      return;
    }
    if (c->format == "json") {
      ojson arr = ojson::array();
      for (const auto& b : *bs)
        arr.push_back({{"name", b.name},
                       {"revision", b.revision},
                       {"created_at", b.created_at},
                       {"actor", b.actor}});
      std::cout << ojson{{"program", *key}, {"baselines", arr}}.dump(2) << "\n";
      return;
    }
    if (bs->empty()) std::cout << fmt::format("{}: no baselines\n", *key);
    for (const auto& b : *bs)
      std::cout << fmt::format("{:<20} revision {:<6} {}  {}\n", b.name, b.revision, b.created_at,
                               b.actor);
  });
}

std::optional<store::Baseline> load_baseline(store::Store& s, const std::string& key,
                                             const std::string& name, int& exit_code) {
  auto b = s.baseline(key, name);
  if (!b) {
    report(b.error(), exit_code);
    return std::nullopt;
  }
  if (!*b) {
    std::cerr << fmt::format("baseline-not-found: {} has no baseline named '{}'\n", key, name);
    exit_code = 2;
    return std::nullopt;
  }
  return std::move(**b);
}

void register_baseline_show(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand("show", "Print a baseline's milestone dates and forecast");
  auto c = std::make_shared<Common>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "The baseline's name")->required();
  add_program_option(cmd, *c);
  add_format_option(cmd, *c);
  cmd->callback([&ctx, c, name] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto b = load_baseline(*s, *key, *name, ctx.exit_code);
    if (!b) return;
    if (c->format == "json") {
      std::cout << ojson{{"program", *key},         {"name", b->name},
                         {"revision", b->revision}, {"created_at", b->created_at},
                         {"actor", b->actor},       {"schedule", b->schedule},
                         {"forecast", b->forecast}}
                       .dump(2)
                << "\n";
      return;
    }
    std::cout << fmt::format("{}: baseline {} (revision {}, {}, by {})\n\n", *key, b->name,
                             b->revision, b->created_at, b->actor);
    std::map<std::string, const ojson*> fc;
    for (const auto& m : member(b->forecast, "milestones"))
      fc[m.value("key", "")] = &m;
    std::cout << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", "milestone",
                             "deadline", "scheduled", "P50", "P85", "on time");
    for (const auto& m : member(b->schedule, "milestones")) {
      std::string k = m.value("key", "");
      const ojson* f = fc.count(k) ? fc[k] : nullptr;
      auto on_time = f && (*f)["on_time_probability"].is_number()
                         ? fmt::format("{:.0f}%", 100 * (*f)["on_time_probability"].get<double>())
                         : std::string("-");
      std::cout << fmt::format(
          "  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", k.substr(0, 14), str_or(m["deadline"]),
          str_or(m["date"]), f ? str_or((*f)["p50"]) : "-", f ? str_or((*f)["p85"]) : "-", on_time);
    }
    std::cout << fmt::format(
        "  end {} ({} items scheduled; forecast {} trials, P85 {})\n",
        b->schedule.value("end", "-"), b->schedule.value("items", ojson::object()).size(),
        b->forecast.value("trials", 0),
        b->forecast.contains("program") ? str_or(b->forecast["program"]["p85"]) : "-");
  });
}

void register_baseline_compare(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "compare", "Compare the program now with a baseline (slip, scope added and removed)");
  auto c = std::make_shared<Common>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "The baseline's name")->required();
  add_program_option(cmd, *c);
  add_format_option(cmd, *c);
  add_forecast_options(cmd, *c);
  cmd->callback([&ctx, c, name] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto b = load_baseline(*s, *key, *name, ctx.exit_code);
    if (!b) return;
    Common cc = *c;
    cc.program = *key;
    // Same trials and seed as the baseline unless given: an unchanged program compares equal.
    if (b->forecast.contains("trials") && c->trials == 2000) cc.trials = b->forecast["trials"];
    if (b->forecast.contains("seed") && c->seed == 1) cc.seed = b->forecast["seed"];
    auto now = compute(*s, cc, true, ctx.exit_code);
    if (!now) return;
    ojson cmp = compare_json(*b, *now);
    if (c->format == "json")
      std::cout << cmp.dump(2) << "\n";
    else
      print_compare(cmp, std::cout);
  });
}

Date today_utc() {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                  std::chrono::system_clock::now().time_since_epoch())
                  .count();
  return DateTime{secs}.date();
}

}  // namespace

void register_baseline(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("baseline", "Freeze, list, show and compare baselines");
  cmd->require_subcommand(1);
  register_baseline_create(cmd, ctx);
  register_baseline_list(cmd, ctx);
  register_baseline_show(cmd, ctx);
  register_baseline_compare(cmd, ctx);
}

void register_snapshot(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "snapshot", "Store today's forecast of a program (one per day; replaces that day's)");
  auto c = std::make_shared<Common>();
  auto date = std::make_shared<std::string>();
  add_program_option(cmd, *c);
  add_forecast_options(cmd, *c);
  cmd->add_option("--date", *date, "The snapshot's day YYYY-MM-DD (default today, UTC)");
  cmd->callback([&ctx, c, date] {
    Date day = today_utc();
    if (!date->empty()) {
      auto d = Date::parse(*date);
      if (!d) {
        std::cerr << fmt::format("--date '{}' is not a date (YYYY-MM-DD)\n", *date);
        ctx.exit_code = 2;
        return;
      }
      day = *d;
    }
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto now = compute(*s, *c, false, ctx.exit_code);
    if (!now) return;
    ojson snap = now->forecast;
    snap["revision"] = now->stored.revision;
    if (auto r = s->put_forecast_snapshot(now->key, day, snap); !r) {
      report(r.error(), ctx.exit_code);
      return;
    }
    std::cout << fmt::format("{}: forecast snapshot of {} saved (revision {}, P85 {})\n", now->key,
                             day.to_string(), now->stored.revision, str_or(snap["program"]["p85"]));
  });
}

void register_trend(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("trend", "Each milestone's P85 by forecast snapshot day");
  auto c = std::make_shared<Common>();
  auto since = std::make_shared<std::string>();
  add_program_option(cmd, *c);
  add_format_option(cmd, *c);
  cmd->add_option("--since", *since, "Only snapshots on or after this day (YYYY-MM-DD)");
  cmd->callback([&ctx, c, since] {
    std::optional<Date> from;
    if (!since->empty()) {
      from = Date::parse(*since);
      if (!from) {
        std::cerr << fmt::format("--since '{}' is not a date (YYYY-MM-DD)\n", *since);
        ctx.exit_code = 2;
        return;
      }
    }
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto snaps = s->forecast_snapshots(*key, from);
    if (!snaps) {
      report(snaps.error(), ctx.exit_code);
      return;
    }
    // Milestone columns in the order first seen; then the program end.
    std::vector<std::string> cols;
    std::set<std::string> seen;
    for (const auto& [day, snap] : *snaps)
      for (const auto& m : snap.value("milestones", ojson::array()))
        if (seen.insert(m.value("key", "")).second) cols.push_back(m.value("key", ""));
    ojson rows = ojson::array();
    for (const auto& [day, snap] : *snaps) {
      ojson p85 = ojson::object();
      for (const auto& m : snap.value("milestones", ojson::array()))
        p85[m.value("key", "")] = m.value("p85", "");
      if (snap.contains("program")) p85["program"] = snap["program"].value("p85", "");
      rows.push_back({{"date", day.to_string()},
                      {"revision", snap.value("revision", int64_t{0})},
                      {"p85", p85}});
    }
    cols.push_back("program");
    if (c->format == "json") {
      std::cout << ojson{{"program", *key}, {"snapshots", rows}}.dump(2) << "\n";
      return;
    }
    if (rows.empty()) {
      std::cout << fmt::format("{}: no forecast snapshots\n", *key);
      return;
    }
    std::cout << fmt::format("P85 of {} by snapshot day\n\n  {:<10} {:>5}", *key, "day", "rev");
    for (const auto& k : cols)
      std::cout << fmt::format(" {:<10}", k.substr(0, 10));
    std::cout << "\n";
    for (const auto& r : rows) {
      std::cout << fmt::format("  {:<10} {:>5}", r["date"].get<std::string>(),
                               r["revision"].get<int64_t>());
      for (const auto& k : cols)
        std::cout << fmt::format(" {:<10}", r["p85"].contains(k) ? str_or(r["p85"][k]) : "-");
      std::cout << "\n";
    }
  });
}

}  // namespace cairn::cli

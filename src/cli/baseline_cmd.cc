// Baselines and forecast snapshots of a stored program (docs/store.md):
//   cairn baseline create NAME [--program P] [--trials N] [--seed S]
//   cairn baseline list|show NAME|compare NAME [--program P] [--format table|json]
//   cairn snapshot [--program P] [--date YYYY-MM-DD] [--trials N] [--seed S]
//   cairn trend [--program P] [--since YYYY-MM-DD] [--format table|json]
//
// A baseline freezes the leveled schedule (per item start and finish, per milestone date) and the
// Monte Carlo forecast (per milestone P50/P85/P95 and on-time probability) of the stored program
// at its current revision (report/baseline.h has the stored form). `compare` recomputes both for
// the program as stored now and reports, in working days of the program calendar, the slip of
// each milestone's date and P85, the finish slip of each item that moved, and the items added and
// removed since the baseline. A snapshot is one forecast per program and day (a second one the
// same day replaces it); `trend` prints each milestone's P85 by snapshot day.
// Exit codes: 0 fine, 1 a conflict (baseline name taken), 2 bad usage, bad input or store errors.
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "forecast/program_forecast.h"
#include "report/baseline.h"
#include "report/forecast.h"
#include "schedule/schedule.h"
#include "store/history.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

using report::Json;

struct Common {
  std::string db, program, format;
  int trials = 2000;
  uint64_t seed = 1;
};

void add_program_option(CLI::App* cmd, Common& c) {
  add_db_option(cmd, c.db);
  cmd->add_option("--program", c.program,
                  "The program's key (may be left out when the store holds one)");
}
void add_forecast_options(CLI::App* cmd, Common& c) {
  cmd->add_option("--trials", c.trials, "Monte Carlo trials (default 2000)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", c.seed, "Random seed (default 1)");
}

std::string actor_name() {
  for (const char* var : {"CAIRN_ACTOR", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

// The stored program, its schedule and forecast as the documents a baseline stores.
struct Computed {
  store::StoredProgram stored;
  std::string key;
  Json schedule, forecast;
};

// `keep`: a baseline whose order the new schedule keeps (nullptr: search).
std::optional<Computed> compute(store::Store& s, const Common& c, bool with_schedule,
                                int& exit_code, const store::Baseline* keep = nullptr) {
  auto key = program_or_report(s, c.program, exit_code);
  if (!key) return std::nullopt;
  auto stored = s.load(*key);
  if (!stored) {
    fail(stored.error(), exit_code);
    return std::nullopt;
  }
  Computed out{std::move(*stored), *key, {}, {}};
  const Program& p = out.stored.program;
  Diagnostics diags;
  forecast::ForecastOptions fo;
  fo.trials = c.trials;
  fo.seed = c.seed;
  if (with_schedule) {
    schedule::ScheduleOptions so;
    if (keep) store::baseline_order(*keep, p, so.previous, so.previous_source);
    fo.previous = so.previous;
    fo.previous_source = so.previous_source;
    auto sr = schedule::schedule_program(p, so, diags);
    if (!sr) {
      fail(sr.error(), exit_code);
      return std::nullopt;
    }
    out.schedule = report::baseline_schedule_json(p, *sr);
    // The forecast keeps people's work in the order of this schedule (no second leveling).
    fo.resource_order = forecast::ResourceOrder::kSchedule;
    for (const auto& [before, after] : sr->resource_links)
      fo.resource_links.push_back({before, after});
  }
  if (!with_schedule && keep) store::baseline_order(*keep, p, fo.previous, fo.previous_source);
  auto f = forecast::forecast_program(p, fo, diags);
  if (!f) {
    fail(f.error(), exit_code);
    return std::nullopt;
  }
  out.forecast =
      report::forecast_json(header(p, f->as_of), *f, {}, report::ForecastDetail::kCompact);
  return out;
}

std::unique_ptr<store::Store> open_existing(const Common& c, int& exit_code) {
  return open_store_or_report(c.db, false, exit_code);
}

report::BaselineInfo info_of(const store::Baseline& b) {
  return report::BaselineInfo{b.name, b.revision, b.created_at, b.actor};
}

std::string end_p85(const Json& forecast) {
  const Json* end = report::forecast_end(forecast);
  return end ? end->value("p85", "-") : "-";
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
      fail(r.error(), ctx.exit_code);
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
  add_format_option(cmd, c->format, {"table", "json"});
  cmd->callback([&ctx, c] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto bs = s->baselines(*key);
    if (!bs) {
      fail(bs.error(), ctx.exit_code);
      return;
    }
    std::vector<report::BaselineInfo> infos;
    for (const auto& b : *bs)
      infos.push_back(info_of(b));
    if (c->format == "json")
      print(report::baseline_list_json(header(*key), infos), std::cout);
    else
      report::baseline_list_table(*key, infos, std::cout);
  });
}

std::optional<store::Baseline> load_baseline(store::Store& s, const std::string& key,
                                             const std::string& name, int& exit_code) {
  auto b = s.baseline(key, name);
  if (!b) {
    fail(b.error(), exit_code);
    return std::nullopt;
  }
  if (!*b) {
    fail(Error{codes::kBaselineNotFound,
               fmt::format("{} has no baseline named '{}'", key, name),
               {},
               fmt::format("`cairn baseline list --program {}` lists its baselines", key)},
         exit_code);
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
  add_format_option(cmd, c->format, {"table", "json"});
  cmd->callback([&ctx, c, name] {
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto b = load_baseline(*s, *key, *name, ctx.exit_code);
    if (!b) return;
    if (c->format == "json")
      print(report::baseline_show_json(header(*key), info_of(*b), b->schedule, b->forecast),
            std::cout);
    else
      report::baseline_show_table(*key, info_of(*b), b->schedule, b->forecast, std::cout);
  });
}

void register_baseline_compare(CLI::App* parent, Context& ctx) {
  auto* cmd = parent->add_subcommand(
      "compare", "Compare the program now with a baseline (slip, scope added and removed)");
  auto c = std::make_shared<Common>();
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "The baseline's name")->required();
  add_program_option(cmd, *c);
  add_format_option(cmd, c->format, {"table", "json"});
  add_forecast_options(cmd, *c);
  auto relevel = std::make_shared<bool>(false);
  cmd->add_flag("--relevel", *relevel,
                "Search the schedule anew instead of keeping the baseline's order (people and "
                "sequence); slips may then come from a new order, not only from the changes");
  cmd->callback([&ctx, c, name, relevel] {
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
    // The baseline's order is kept by default: the slip is what the changes made, not a reshuffle.
    auto now = compute(*s, cc, true, ctx.exit_code, *relevel ? nullptr : &*b);
    if (!now) return;
    const Program& p = now->stored.program;
    report::ComparisonInput in{info_of(*b),    &b->schedule,   &b->forecast, now->stored.revision,
                               &now->schedule, &now->forecast, &p.calendar};
    Json cmp = report::baseline_comparison_json(header(p), in);
    if (c->format == "json")
      print(cmp, std::cout);
    else
      report::baseline_comparison_table(cmp, std::cout);
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
      auto d = parse_date_option("--date", *date, ctx.exit_code);
      if (!d) return;
      day = *d;
    }
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    // People keep the order of the newest baseline, when there is one: day-to-day snapshots then
    // move only for what changed, not for a new order (docs/store.md).
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto keep = store::newest_baseline(*s, *key);
    auto now = compute(*s, *c, false, ctx.exit_code, keep ? &*keep : nullptr);
    if (!now) return;
    Json snap = now->forecast;
    snap["revision"] = now->stored.revision;
    if (auto r = s->put_forecast_snapshot(now->key, day, snap); !r) {
      fail(r.error(), ctx.exit_code);
      return;
    }
    std::cout << fmt::format("{}: forecast snapshot of {} saved (revision {}, P85 {})\n", now->key,
                             day.to_string(), now->stored.revision, end_p85(snap));
  });
}

void register_trend(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("trend", "Each milestone's P85 by forecast snapshot day");
  auto c = std::make_shared<Common>();
  auto since = std::make_shared<std::string>();
  add_program_option(cmd, *c);
  add_format_option(cmd, c->format, {"table", "json"});
  cmd->add_option("--since", *since, "Only snapshots on or after this day (YYYY-MM-DD)");
  cmd->callback([&ctx, c, since] {
    std::optional<Date> from;
    if (!since->empty()) {
      from = parse_date_option("--since", *since, ctx.exit_code);
      if (!from) return;
    }
    auto s = open_existing(*c, ctx.exit_code);
    if (!s) return;
    auto key = program_or_report(*s, c->program, ctx.exit_code);
    if (!key) return;
    auto snaps = s->forecast_snapshots(*key, from);
    if (!snaps) {
      fail(snaps.error(), ctx.exit_code);
      return;
    }
    Json trend = report::trend_json(header(*key), *snaps);
    if (c->format == "json")
      print(trend, std::cout);
    else
      report::trend_table(trend, std::cout);
  });
}

}  // namespace cairn::cli

// The store commands: `cairn init`, `cairn diff PLAN`, `cairn apply PLAN`, `cairn log`, and the
// --db option they share with `cairn export` (docs/store.md, docs/cli.md).
//
// --db: a SQLite file path or a postgresql:// URL; default $CAIRN_DB, else ./cairn.db.
// Exit codes: 0 fine (diff: also when there are changes, unless --exit-code), 1 a conflict with a
// concurrent writer (or differences with diff --exit-code), 2 bad usage, bad input or a store that
// cannot be used.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "plan/canonical.h"
#include "plan/plan.h"
#include "report/changes.h"
#include "store/entity_doc.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

std::string default_actor() {
  for (const char* var : {"CAIRN_ACTOR", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

// Views of the store's changes for the report layer (which does not depend on the store).
std::vector<report::ChangeView> views(const std::vector<store::EntityChange>& changes) {
  std::vector<report::ChangeView> out;
  out.reserve(changes.size());
  for (const auto& c : changes) {
    report::ChangeView v{store::to_string(c.op), c.kind, c.key, {}};
    for (const auto& f : c.fields)
      v.fields.push_back({f.field, &f.old_value, &f.new_value});
    out.push_back(std::move(v));
  }
  return out;
}

report::DiffView diff_view(const store::PlanDiff& d) {
  return report::DiffView{views(d.changes), d.reordered, d.created(), d.updated(), d.deleted()};
}

// Reads the plan of diff/apply. A single canonical JSON file takes the fast reader; anything else
// (or a canonical file with problems) goes through the full reader, which locates every problem.
std::optional<Program> read_plan_for_store(const std::vector<std::string>& files, int& exit_code) {
  if (files.size() == 1 && files.front().ends_with(".json")) {
    std::ifstream in(files.front(), std::ios::binary);
    if (in) {
      std::stringstream ss;
      ss << in.rdbuf();
      Diagnostics diags;
      auto plan = plan::read_canonical_plan_text(ss.str(), files.front(), diags);
      if (plan && !diags.has_errors()) return std::move(plan->program);
    }
  }
  auto plan = load_plan_or_report(files, std::cerr, exit_code);
  if (!plan) return std::nullopt;
  return std::move(plan->program);
}

}  // namespace

void add_db_option(CLI::App* cmd, std::string& db) {
  cmd->add_option("--db", db,
                  "The store: a SQLite file or a postgresql:// URL (default $CAIRN_DB, else "
                  "./cairn.db)");
}

std::unique_ptr<store::Store> open_store_or_report(const std::string& db, bool create,
                                                   int& exit_code) {
  std::string where = db.empty() ? store::default_location() : db;
  auto s = store::Store::open(where, store::OpenOptions{create});
  if (!s) {
    fail(s.error(), exit_code);
    return nullptr;
  }
  return std::move(*s);
}

std::optional<std::string> program_or_report(store::Store& s, const std::string& program,
                                             int& exit_code) {
  if (!program.empty()) return program;
  auto only = s.only_program();
  if (!only) {
    fail(only.error(), exit_code);
    return std::nullopt;
  }
  return *only;
}

void register_init(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("init", "Create a store (or bring its schema up to date)");
  auto db = std::make_shared<std::string>();
  add_db_option(cmd, *db);
  cmd->callback([&ctx, db] {
    auto s = open_store_or_report(*db, true, ctx.exit_code);
    if (!s) return;
    std::string where = db->empty() ? store::default_location() : *db;
    auto ps = s->programs();
    if (!ps) {
      fail(ps.error(), ctx.exit_code);
      return;
    }
    std::cout << fmt::format("{} store {} ready (schema version {}, {} program(s))\n",
                             s->backend_name(), store_display(where), s->schema_version(),
                             ps->size());
  });
}

void register_diff(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("diff", "Show what applying a plan would change in the store");
  auto files = std::make_shared<std::vector<std::string>>();
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto prune = std::make_shared<bool>(false);
  auto exit_code = std::make_shared<bool>(false);
  cmd->add_option("PLAN", *files, "Plan files (a directory stands for its plan.yaml)")->required();
  add_db_option(cmd, *db);
  add_format_option(cmd, *format, {"table", "json"});
  cmd->add_flag("--prune", *prune, "Include removals of what the plan does not have");
  cmd->add_flag("--exit-code", *exit_code, "Exit with 1 when there are changes");
  cmd->callback([&ctx, files, db, format, prune, exit_code] {
    auto plan = read_plan_for_store(*files, ctx.exit_code);
    if (!plan) return;
    auto s = open_store_or_report(*db, false, ctx.exit_code);
    if (!s) return;
    auto d = s->diff(*plan, store::ApplyOptions{.prune = *prune});
    if (!d) {
      fail(d.error(), ctx.exit_code);
      return;
    }
    if (*format == "json")
      print(report::diff_json(header(*plan), diff_view(*d)), std::cout);
    else
      report::diff_table(plan->key, diff_view(*d), std::cout);
    if (*exit_code && !d->empty()) ctx.exit_code = 1;
  });
}

void register_apply(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("apply", "Make the stored program match a plan (one transaction)");
  auto files = std::make_shared<std::vector<std::string>>();
  auto db = std::make_shared<std::string>();
  auto prune = std::make_shared<bool>(false);
  auto actor = std::make_shared<std::string>();
  auto if_revision = std::make_shared<int64_t>(-1);
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("PLAN", *files, "Plan files (a directory stands for its plan.yaml)")->required();
  add_db_option(cmd, *db);
  cmd->add_flag("--prune", *prune, "Remove stored entities the plan does not have");
  cmd->add_option("--actor", *actor, "Who makes the change (default $CAIRN_ACTOR, else $USER)");
  cmd->add_option("--if-revision", *if_revision,
                  "Apply only if the stored program is still at this revision (else a conflict)");
  cmd->add_flag("--quiet,-q", *quiet, "Print only the summary line");
  cmd->callback([&ctx, files, db, prune, actor, if_revision, quiet] {
    auto plan = read_plan_for_store(*files, ctx.exit_code);
    if (!plan) return;
    auto s = open_store_or_report(*db, true, ctx.exit_code);
    if (!s) return;
    store::ApplyOptions opt;
    opt.prune = *prune;
    opt.actor = actor->empty() ? default_actor() : *actor;
    std::string names;
    for (const auto& f : *files)
      names += (names.empty() ? "" : " ") + f;
    opt.source = "apply " + names;
    if (*if_revision >= 0) opt.expected_revision = *if_revision;
    auto r = s->apply(*plan, opt);
    if (!r) {
      fail(r.error(), ctx.exit_code);
      return;
    }
    if (!r->written) {
      std::cout << fmt::format("{}: no changes (revision {})\n", plan->key, r->revision);
      return;
    }
    if (!*quiet) report::changes_table(views(r->diff.changes), "", std::cout);
    std::cout << fmt::format("{}: revision {}: {} created, {} updated, {} removed\n", plan->key,
                             r->revision, r->diff.created(), r->diff.updated(), r->diff.deleted());
  });
}

void register_log(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("log", "Print a stored program's change history");
  auto db = std::make_shared<std::string>();
  auto program = std::make_shared<std::string>();
  auto since = std::make_shared<std::string>();
  auto kind = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  add_db_option(cmd, *db);
  cmd->add_option("--program", *program,
                  "The program's key (may be left out when the store holds one)");
  cmd->add_option("--since", *since, "Only changes on or after this day (YYYY-MM-DD)");
  cmd->add_option("--kind", *kind, "Only changes of this kind (item, team, risk, ...)");
  cmd->add_option("--key", *key, "Only changes of the entity with this key");
  add_format_option(cmd, *format, {"table", "json"});
  cmd->callback([&ctx, db, program, since, kind, key, format] {
    store::HistoryQuery q;
    if (!since->empty()) {
      q.since = parse_date_option("--since", *since, ctx.exit_code);
      if (!q.since) return;
    }
    if (!kind->empty()) {
      q.kind = store::parse_kind(*kind);
      if (q.kind.empty()) {
        std::string known;
        for (const auto& k : store::entity_kinds())
          known += (known.empty() ? "" : ", ") + k;
        fail_usage(fmt::format("--kind: '{}' is not an entity kind", *kind), ctx.exit_code,
                   "use one of " + known);
        return;
      }
    }
    q.key = *key;
    auto s = open_store_or_report(*db, false, ctx.exit_code);
    if (!s) return;
    auto p = program_or_report(*s, *program, ctx.exit_code);
    if (!p) return;
    auto h = s->history(*p, q);
    if (!h) {
      fail(h.error(), ctx.exit_code);
      return;
    }
    std::vector<report::RevisionView> revs;
    for (const auto& r : *h)
      revs.push_back({r.revision, r.at, r.actor, r.source, views(r.changes)});
    if (*format == "json")
      print(report::log_json(header(*p), revs), std::cout);
    else
      report::log_table(*p, revs, *since, std::cout);
  });
}

std::string store_display(const std::string& location) {
  // Hide a password in a URL: postgresql://user:secret@host -> postgresql://user:***@host
  auto scheme = location.find("://");
  auto at = location.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return location;
  auto colon = location.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return location;
  return location.substr(0, colon + 1) + "***" + location.substr(at);
}

}  // namespace cairn::cli

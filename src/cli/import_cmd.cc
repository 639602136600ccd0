// `cairn import FILE [--format jira-csv|github-json|mspdi|tjp] [--program P] [--db D] [--prune]`:
// reads a Jira CSV export, a GitHub issues JSON dump, a Microsoft Project XML file or a
// TaskJuggler project (io/read_any.h; the format is detected from the content) and applies it to
// the store as one transaction (docs/store.md).
//
// Item keys come from the external keys, so importing the same file again updates the stored
// items instead of duplicating them. Entities the store has and the file lacks are kept unless
// --prune. When the program already exists, its header (name, goal, currency, calendar) stays as
// stored; its start is the earlier and its status date the later of the two.
// Exit codes: 0 fine, 1 a conflict with a concurrent writer, 2 bad usage or bad input (nothing is
// written; the error names file:line or the JSON pointer, and the field).
#include <chrono>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/plan_input.h"
#include "io/read_any.h"
#include "report/check.h"
#include "store/entity_doc.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

std::string import_actor(const std::string& actor) {
  if (!actor.empty()) return actor;
  for (const char* var : {"CAIRN_ACTOR", "USER", "LOGNAME"})
    if (const char* v = std::getenv(var); v && *v) return v;
  return "unknown";
}

// Keeps the stored program header when the program exists already (cheap: reads one row).
Result<void> keep_stored_header(store::Store& s, Program& imported) {
  auto row = s.entity(imported.key, "program", "");
  if (!row) {
    if (row.error().code == codes::kProgramNotFound) return {};
    return std::unexpected(row.error());
  }
  if (!*row) return {};
  Diagnostics diags;
  std::vector<store::EntityRow> rows{
      store::EntityRow{"program", "", 0, (*row)->version, (*row)->body.dump()}};
  auto header = store::assemble_program(rows, imported.key, diags);
  if (!header) return {};  // an unreadable header is replaced by the import's
  imported.name = header->name;
  imported.goal = header->goal;
  imported.currency = header->currency;
  imported.calendar = header->calendar;
  if (header->start < imported.start) imported.start = header->start;
  if (header->as_of && (!imported.as_of || *imported.as_of < *header->as_of))
    imported.as_of = header->as_of;
  return {};
}

}  // namespace

void register_import(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "import",
      "Import a Jira CSV, GitHub issues JSON, MS Project XML or TaskJuggler file into the store");
  struct Args {
    std::string file, format, program, db, actor, jira_url, key_prefix;
    bool prune = false, quiet = false, timing = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->file, "The file to import")->required();
  cmd->add_option("--format", a->format,
                  "jira-csv, github-json, mspdi, tjp, plan or plan-json (default: detected from "
                  "the content)");
  cmd->add_option("--program", a->program,
                  "The program's key in the store (default: the file name without extension)");
  add_db_option(cmd, a->db);
  cmd->add_flag("--prune", a->prune, "Remove stored entities the file does not have");
  cmd->add_option("--actor", a->actor, "Who makes the change (default $CAIRN_ACTOR, else $USER)");
  cmd->add_option("--jira-url", a->jira_url, "Jira site URL for item links");
  cmd->add_option("--key-prefix", a->key_prefix,
                  "GitHub: stands for owner/repo in keys; MSPDI: prefix of task keys");
  cmd->add_flag("--quiet,-q", a->quiet, "Print only the summary line");
  cmd->add_flag("--timing", a->timing, "Print the time of each phase to stderr");
  cmd->callback([&ctx, a] {
    auto t0 = std::chrono::steady_clock::now();
    auto lap = [&](const char* what) {
      if (!a->timing) return;
      auto t = std::chrono::steady_clock::now();
      std::cerr << fmt::format("{}: {:.3f} s\n", what,
                               std::chrono::duration<double>(t - t0).count());
      t0 = t;
    };
    std::optional<io::InputFormat> format;
    if (!parse_format_hint(a->format, format, ctx.exit_code)) return;
    io::ReadAnyOptions opt;
    opt.import.program_key = a->program;
    opt.import.jira_url = a->jira_url;
    opt.import.key_prefix = a->key_prefix;
    opt.validate_imports = false;  // as before: the store keeps what the file says
    Diagnostics diags;
    auto imported = io::read_any({a->file}, format, diags, opt);
    lap("read");
    report::diagnostics_table(diags, std::cerr);
    if (!imported) {
      fail(imported.error(), ctx.exit_code);
      return;
    }
    if (diags.has_errors()) {
      ctx.exit_code = 2;
      return;
    }
    Program& program = imported->plan.program;
    if (!a->program.empty()) program.key = a->program;
    auto s = open_store_or_report(a->db, true, ctx.exit_code);
    if (!s) return;
    if (auto kept = keep_stored_header(*s, program); !kept) {
      fail(kept.error(), ctx.exit_code);
      return;
    }
    store::ApplyOptions ao;
    ao.prune = a->prune;
    ao.actor = import_actor(a->actor);
    ao.source = fmt::format("import {} ({})", a->file, io::to_string(imported->format));
    lap("open");
    auto r = s->apply(program, ao);
    lap("apply");
    if (!r) {
      fail(r.error(), ctx.exit_code);
      return;
    }
    std::string what = fmt::format("{} from {}", io::to_string(imported->format), a->file);
    // The imported program and the diff of a big import take a second of CPU to free; the process
    // ends right after this command, so they are handed to a never-destroyed holder (still
    // reachable: no leak report) instead.
    struct Kept {
      io::AnyInput imported;
      store::ApplyResult applied;
    };
    static Kept* kept = nullptr;
    kept = new Kept{std::move(*imported), std::move(*r)};
    const Program& program_kept = kept->imported.plan.program;
    const store::ApplyResult* res = &kept->applied;
    if (!res->written) {
      std::cout << fmt::format("{}: no changes (revision {}; {} items in {})\n", program_kept.key,
                               res->revision, program_kept.items.size(), what);
      return;
    }
    if (!a->quiet && res->diff.changes.size() <= 50) {
      for (const auto& c : res->diff.changes)
        std::cout << (c.op == store::ChangeOp::kCreate   ? "+ "
                      : c.op == store::ChangeOp::kDelete ? "- "
                                                         : "~ ")
                  << c.kind << (c.key.empty() ? "" : " " + c.key) << "\n";
    }
    std::cout << fmt::format("{}: revision {}: {} created, {} updated, {} removed ({})\n",
                             program_kept.key, res->revision, res->diff.created(),
                             res->diff.updated(), res->diff.deleted(), what);
  });
}

}  // namespace cairn::cli

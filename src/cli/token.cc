// `cairn token create --db URL --user NAME --role ROLE [--program P]`: a new API token for
// `cairn serve` (docs/server.md). The token is printed once, as the only stdout line; the store
// keeps its SHA-256 only. The user is created when new and gets ROLE on program P (every program
// without --program). The grant is recorded in the audit log; stderr names the token's id.
// `cairn token list [--user U]` lists ids, users and creation times; `cairn token revoke ID` (or
// `--user U`, every token of U) deletes them, audited. A revoked token is refused at once (the
// server looks tokens up in the store on every request).
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/server_plugin.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

// `cairn token list [--user U]`: id, user, created; never the token or its whole hash.
void register_token_list(CLI::App* token, Context& ctx) {
  auto* cmd = token->add_subcommand("list", "List API tokens: id, user, created (never the token)");
  struct Args {
    std::string db, user;
  };
  auto a = std::make_shared<Args>();
  add_db_option(cmd, a->db);
  cmd->add_option("--user", a->user, "Only this user's tokens");
  cmd->callback([&ctx, a] {
    const std::string location = a->db.empty() ? store::default_location() : a->db;
    auto s = open_store_or_report(location, false, ctx.exit_code);
    if (!s) return;
    auto list = s->tokens(a->user);
    if (!list) {
      fail(list.error(), ctx.exit_code);
      return;
    }
    std::cout << fmt::format("{:<12}  {:<24}  {}\n", "id", "user", "created");
    for (const auto& t : *list)
      std::cout << fmt::format("{:<12}  {:<24}  {}\n", t.id, t.user, t.created_at);
  });
}

// `cairn token revoke ID | --user U`: deletes one token, or every token of a user; audited.
void register_token_revoke(CLI::App* token, Context& ctx) {
  auto* cmd = token->add_subcommand("revoke", "Revoke an API token (by id), or all of a user's");
  struct Args {
    std::string db, id, user;
  };
  auto a = std::make_shared<Args>();
  add_db_option(cmd, a->db);
  cmd->add_option("ID", a->id, "The token's id (12 hex digits, from `cairn token list`)");
  cmd->add_option("--user", a->user, "Revoke every token of this user instead");
  cmd->callback([&ctx, a] {
    int& rc = ctx.exit_code;
    if (a->id.empty() == a->user.empty()) {
      fail_usage("give a token id or --user, not both or neither", rc,
                 "`cairn token list` shows the ids");
      return;
    }
    const std::string location = a->db.empty() ? store::default_location() : a->db;
    auto s = open_store_or_report(location, false, rc);
    if (!s) return;
    std::string detail;
    if (!a->user.empty()) {
      auto n = s->revoke_tokens_of(a->user);
      if (!n) {
        fail(n.error(), rc);
        return;
      }
      detail = fmt::format("{} token(s) of {}", *n, a->user);
    } else {
      auto owner = s->revoke_token(a->id);
      if (!owner) {
        fail(owner.error(), rc);
        return;
      }
      if (!*owner) {
        fail_usage("no token has the id '" + a->id + "'", rc, "`cairn token list` shows the ids");
        return;
      }
      detail = "token " + a->id + " of " + **owner;
    }
    (void)s->audit({"", "cli", "token revoke", "local", 0, detail});
    std::cout << "revoked " << detail << "\n";
  });
}

}  // namespace

void register_token(CLI::App& app, Context& ctx) {
  auto* token = app.add_subcommand("token", "API tokens for cairn serve");
  token->require_subcommand(1);
  auto* cmd = token->add_subcommand(
      "create", "Create an API token for a user with a role; prints the token (shown only once)");
  struct Args {
    std::string db, user, role, program;
  };
  auto a = std::make_shared<Args>();
  add_db_option(cmd, a->db);
  cmd->add_option("--user", a->user, "The user's name (for a member: their person key)")
      ->required();
  cmd->add_option("--role", a->role, "admin, tpm, manager, member or viewer")->required();
  cmd->add_option("--program", a->program, "The program the role is on (default: every program)");
  cmd->callback([&ctx, a] {
    int& rc = ctx.exit_code;
    const server::PluginApi* api = server_plugin_or_report(rc);
    if (!api) return;
    if (!api->is_role(a->role)) {
      fail_usage("--role: '" + a->role + "' is not a role", rc,
                 std::string("use one of ") + api->role_names());
      return;
    }
    if (a->user.empty() || a->user.find_first_of(" \t\n") != std::string::npos) {
      fail_usage("--user: '" + a->user + "' is not a user name", rc,
                 "write a name without spaces (a member's name is their person key)");
      return;
    }
    const std::string location = a->db.empty() ? store::default_location() : a->db;
    auto s = open_store_or_report(location, false, rc);
    if (!s) return;
    const std::string program = a->program.empty() ? "*" : a->program;
    if (program != "*") {
      auto rev = s->revision(program);
      if (!rev) {
        fail(rev.error(), rc);
        return;
      }
      if (!*rev) {
        fail_usage("--program: the store has no program '" + program + "'", rc,
                   "list them with `cairn log`, or leave out --program for every program");
        return;
      }
    }
    auto token = api->new_token();
    if (!token) {
      fail(token.error(), rc);
      return;
    }
    if (auto r = s->add_token(a->user, {program, a->role}, api->hash_token(*token)); !r) {
      fail(r.error(), rc);
      return;
    }
    (void)s->audit({"", "cli", "token create", "local", 0,
                    "user " + a->user + " role " + a->role + " on " + program});
    std::cout << *token << "\n";
    std::cerr << "token " << api->hash_token(*token).substr(0, 12) << " of " << a->user << " ("
              << a->role << " on " << program << "); revoke it with `cairn token revoke "
              << api->hash_token(*token).substr(0, 12) << "`\n";
  });
  register_token_list(token, ctx);
  register_token_revoke(token, ctx);
}

}  // namespace cairn::cli

// `cairn token create --db URL --user NAME --role ROLE [--program P]`: a new API token for
// `cairn serve` (docs/server.md). The token is printed once, as the only stdout line; the store
// keeps its SHA-256 only. The user is created when new and gets ROLE on program P (every program
// without --program). The grant is recorded in the audit log.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "server/access.h"
#include "store/store.h"

namespace cairn::cli {

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
    if (!server::parse_role(a->role)) {
      fail_usage("--role: '" + a->role + "' is not a role", rc,
                 std::string("use one of ") + server::role_names());
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
    auto token = server::new_token();
    if (!token) {
      fail(token.error(), rc);
      return;
    }
    if (auto r = s->add_token(a->user, {program, a->role}, server::hash_token(*token)); !r) {
      fail(r.error(), rc);
      return;
    }
    (void)s->audit({"", "cli", "token create", "local", 0,
                    "user " + a->user + " role " + a->role + " on " + program});
    std::cout << *token << "\n";
  });
}

}  // namespace cairn::cli

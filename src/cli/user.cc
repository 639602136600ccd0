// `cairn user set-password --db URL --user NAME`: a user's password for browser login to
// `cairn serve` (docs/server.md "Browser login"). The password is read from stdin (its first line,
// so `printf '%s\n' "$PW" | cairn user set-password ...` works and it never shows in `ps`); at
// least 12 characters. The store keeps its argon2id hash only; the change is in the audit log.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "server/session.h"
#include "store/store.h"

namespace cairn::cli {

void register_user(CLI::App& app, Context& ctx) {
  auto* user = app.add_subcommand("user", "Users of cairn serve");
  user->require_subcommand(1);
  auto* cmd = user->add_subcommand("set-password",
                                   "Set a user's password for browser login (read from stdin)");
  struct Args {
    std::string db, user;
  };
  auto a = std::make_shared<Args>();
  add_db_option(cmd, a->db);
  cmd->add_option("--user", a->user, "The user's name (created when new; no role until a grant)")
      ->required();
  cmd->callback([&ctx, a] {
    auto fail = [&](const std::string& why) {
      std::cerr << "cairn user set-password: " << why << "\n";
      ctx.exit_code = 2;
    };
    if (a->user.empty() || a->user.find_first_of(" \t\n") != std::string::npos)
      return fail("--user '" + a->user + "' must be a name without spaces");
    std::string password;
    if (!std::getline(std::cin, password))
      return fail(
          "no password on stdin; pipe it in: printf '%s\\n' \"$PW\" | cairn user "
          "set-password --user " +
          a->user);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < server::kMinPasswordLength)
      return fail("the password has " + std::to_string(password.size()) +
                  " characters; use at least " + std::to_string(server::kMinPasswordLength));
    const std::string location = a->db.empty() ? store::default_location() : a->db;
    auto s = open_store_or_report(location, false, ctx.exit_code);
    if (!s) return;
    auto hash = server::hash_password(password);
    if (!hash) return fail(hash.error().message);
    if (auto r = s->set_password(a->user, *hash); !r) return fail(r.error().message);
    (void)s->audit({"", "cli", "user set-password", "local", 0, "user " + a->user});
    std::cerr << "cairn user set-password: password of '" << a->user << "' set\n";
  });
}

}  // namespace cairn::cli

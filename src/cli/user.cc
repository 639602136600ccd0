// `cairn user set-password --db URL --user NAME`: a user's password for browser login to
// `cairn serve` (docs/server.md "Browser login"). The password is read from stdin (its first line,
// so `printf '%s\n' "$PW" | cairn user set-password ...` works and it never shows in `ps`); at
// least 12 characters. The store keeps its argon2id hash only; the change is in the audit log.
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/server_plugin.h"
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
    int& rc = ctx.exit_code;
    if (a->user.empty() || a->user.find_first_of(" \t\n") != std::string::npos) {
      fail_usage("--user: '" + a->user + "' is not a user name", rc, "write a name without spaces");
      return;
    }
    const server::PluginApi* api = server_plugin_or_report(rc);
    if (!api) return;
    std::string password;
    if (!std::getline(std::cin, password)) {
      fail_usage("no password on stdin", rc,
                 "pipe it in: printf '%s\\n' \"$PW\" | cairn user set-password --user " + a->user);
      return;
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (password.size() < api->min_password_length) {
      fail_usage("the password has " + std::to_string(password.size()) + " characters", rc,
                 "use at least " + std::to_string(api->min_password_length));
      return;
    }
    const std::string location = a->db.empty() ? store::default_location() : a->db;
    auto s = open_store_or_report(location, false, rc);
    if (!s) return;
    auto hash = api->hash_password(password);
    if (!hash) {
      fail(hash.error(), rc);
      return;
    }
    if (auto r = s->set_password(a->user, *hash); !r) {
      fail(r.error(), rc);
      return;
    }
    (void)s->audit({"", "cli", "user set-password", "local", 0, "user " + a->user});
    std::cerr << "cairn user set-password: password of '" << a->user << "' set\n";
  });
}

}  // namespace cairn::cli

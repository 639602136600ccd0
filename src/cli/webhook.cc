// `cairn webhook add|list|remove`: the webhooks `cairn serve` accepts (docs/server.md "Webhooks").
// `add` reads the shared secret from stdin (its first line, so it never shows in `ps`; at least 16
// characters) and keeps it in the store as given: verifying a delivery's HMAC needs it, so protect
// the database. `list` never prints secrets. Each change is in the audit log (actor `cli`).
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "store/store.h"

namespace cairn::cli {
namespace {

constexpr size_t kMinSecretLength = 16;

bool is_github_repo(const std::string& p) {
  const size_t slash = p.find('/');
  return slash != std::string::npos && slash > 0 && slash + 1 < p.size() &&
         p.find('/', slash + 1) == std::string::npos &&
         p.find_first_of(" \t\n#") == std::string::npos;
}

bool is_jira_key(const std::string& p) {
  if (p.empty() || p[0] < 'A' || p[0] > 'Z') return false;
  for (char c : p)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// Checks --source and --project; false (after a usage error, exit 2) when they are not usable.
bool check_source(const std::string& source, const std::string& project, int& rc) {
  if (source != "github" && source != "jira")
    return fail_usage("--source: '" + source + "' is not a webhook source", rc,
                      "use github or jira");
  if (source == "github" && !is_github_repo(project))
    return fail_usage("--project: '" + project + "' is not a GitHub repository", rc,
                      "write it as owner/repo, as in the repository's full_name");
  if (source == "jira" && !is_jira_key(project))
    return fail_usage("--project: '" + project + "' is not a Jira project key", rc,
                      "write the key in capitals, as in issue keys (PAY for PAY-12)");
  return true;
}

struct Args {
  std::string db, program, source, project;
};

// GitHub repository names are case-insensitive: the store keeps them in lower case (the server
// looks them up so); Jira keys are capitals already.
std::string stored_project(const Args& a) {
  std::string p = a.project;
  if (a.source == "github")
    for (char& c : p)
      c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return p;
}

void add(Context& ctx, const Args& a) {
  int& rc = ctx.exit_code;
  if (!check_source(a.source, a.project, rc)) return;
  std::string secret;
  if (!std::getline(std::cin, secret)) {
    fail_usage("no secret on stdin", rc,
               "pipe it in: printf '%s\\n' \"$SECRET\" | cairn webhook add ...");
    return;
  }
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  if (secret.size() < kMinSecretLength) {
    fail_usage(
        fmt::format("the secret has {} characters", secret.size()), rc,
        fmt::format("use at least {} random ones, e.g. openssl rand -hex 32", kMinSecretLength));
    return;
  }
  const std::string location = a.db.empty() ? store::default_location() : a.db;
  auto s = open_store_or_report(location, false, rc);
  if (!s) return;
  auto rev = s->revision(a.program);
  if (!rev) {
    fail(rev.error(), rc);
    return;
  }
  if (!*rev) {
    fail_usage("--program: the store has no program '" + a.program + "'", rc,
               "list them with `cairn log`, or apply the plan first");
    return;
  }
  if (auto r = s->add_webhook({a.source, stored_project(a), a.program, secret, ""}); !r) {
    fail(r.error(), rc);
    return;
  }
  (void)s->audit({"", "cli", "webhook add", "local", 0,
                  fmt::format("{} {} -> program {}", a.source, a.project, a.program)});
  std::cerr << fmt::format(
      "cairn webhook add: {} deliveries for {} now update program {} (POST /api/v1/hooks/{})\n",
      a.source, a.project, a.program, a.source);
}

void list(Context& ctx, const Args& a) {
  int& rc = ctx.exit_code;
  const std::string location = a.db.empty() ? store::default_location() : a.db;
  auto s = open_store_or_report(location, false, rc);
  if (!s) return;
  auto all = s->webhooks();
  if (!all) {
    fail(all.error(), rc);
    return;
  }
  std::cout << fmt::format("{:<8} {:<32} {:<12} {}\n", "source", "project", "program", "created");
  for (const auto& w : *all)
    std::cout << fmt::format("{:<8} {:<32} {:<12} {}\n", w.source, w.project, w.program,
                             w.created_at);
}

void remove(Context& ctx, const Args& a) {
  int& rc = ctx.exit_code;
  if (!check_source(a.source, a.project, rc)) return;
  const std::string location = a.db.empty() ? store::default_location() : a.db;
  auto s = open_store_or_report(location, false, rc);
  if (!s) return;
  auto removed = s->remove_webhook(a.source, stored_project(a));
  if (!removed) {
    fail(removed.error(), rc);
    return;
  }
  if (!*removed) {
    fail(make_error(codes::kWebhookNotFound,
                    fmt::format("no {} webhook for '{}'", a.source, a.project), {},
                    "cairn webhook list shows the registered ones")
             .error(),
         rc);
    return;
  }
  (void)s->audit({"", "cli", "webhook remove", "local", 0, a.source + " " + a.project});
  std::cerr << fmt::format("cairn webhook remove: {} deliveries for {} are refused from now on\n",
                           a.source, a.project);
}

}  // namespace

void register_webhook(CLI::App& app, Context& ctx) {
  auto* hook = app.add_subcommand("webhook", "Webhooks cairn serve accepts from GitHub and Jira");
  hook->require_subcommand(1);
  auto a = std::make_shared<Args>();
  auto* add_cmd = hook->add_subcommand(
      "add", "Register a webhook for a program; the shared secret is read from stdin");
  add_db_option(add_cmd, a->db);
  add_cmd->add_option("--program", a->program, "The program its deliveries update")->required();
  add_cmd->add_option("--source", a->source, "github or jira")->required();
  add_cmd->add_option("--project", a->project, "GitHub owner/repo, or Jira project key")
      ->required();
  add_cmd->callback([&ctx, a] { add(ctx, *a); });
  auto* list_cmd = hook->add_subcommand("list", "The registered webhooks (never their secrets)");
  add_db_option(list_cmd, a->db);
  list_cmd->callback([&ctx, a] { list(ctx, *a); });
  auto* rm_cmd = hook->add_subcommand("remove", "Remove a webhook: its deliveries are refused");
  add_db_option(rm_cmd, a->db);
  rm_cmd->add_option("--source", a->source, "github or jira")->required();
  rm_cmd->add_option("--project", a->project, "GitHub owner/repo, or Jira project key")->required();
  rm_cmd->callback([&ctx, a] { remove(ctx, *a); });
}

}  // namespace cairn::cli

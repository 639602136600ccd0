// The store's login tables (migration 3, docs/server.md): users' password hashes, sessions and
// failed logins, on both backends through Backend::text_query.
#include <functional>

#include "store/backend.h"
#include "store/store.h"
#include "store/text_sql.h"

namespace cairn::store {

using text_sql::now_text;
using text_sql::run;
using text_sql::run_all;

Result<void> Store::set_password(const std::string& user, const std::string& password_hash) {
  return run_all(*backend_,
                 {{"INSERT INTO users (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                   {user, now_text()}},
                  {"UPDATE users SET password_hash = ? WHERE name = ?", {password_hash, user}}});
}

Result<std::optional<std::string>> Store::password_hash(const std::string& user) {
  auto rows = run(*backend_, false, "SELECT password_hash FROM users WHERE name = ?", {user});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>{};
  return rows->front()[0];
}

Result<void> Store::add_session(const std::string& session_hash, const std::string& user,
                                const std::string& expires_at) {
  return run_all(*backend_,
                 {{"INSERT INTO sessions (hash, user_name, created_at, expires_at) VALUES (?, ?, "
                   "?, ?)",
                   {session_hash, user, now_text(), expires_at}}});
}

Result<std::optional<TokenOwner>> Store::session_owner(const std::string& session_hash,
                                                       const std::string& now,
                                                       const std::string& created_after,
                                                       const std::string& renew_before,
                                                       const std::string& renew_to) {
  auto rows = run(*backend_, false,
                  "SELECT s.user_name, s.expires_at, g.program, g.role FROM sessions s LEFT JOIN "
                  "grants g ON g.user_name = s.user_name WHERE s.hash = ? AND s.expires_at > ? "
                  "AND s.created_at > ? ORDER BY g.program",
                  {session_hash, now, created_after});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<TokenOwner>{};
  TokenOwner owner{*rows->front()[0], {}};
  for (const auto& r : *rows)
    if (r[2]) owner.grants.push_back({*r[2], r[3].value_or("")});
  // A write only when the expiry is due for renewal: not on every request.
  if (rows->front()[1].value_or("") < renew_before) {
    auto renewed = run(*backend_, true, "UPDATE sessions SET expires_at = ? WHERE hash = ?",
                       {renew_to, session_hash});
    if (!renewed) return std::unexpected(renewed.error());
  }
  return std::optional<TokenOwner>{std::move(owner)};
}

Result<void> Store::end_session(const std::string& session_hash) {
  return run_all(*backend_, {{"DELETE FROM sessions WHERE hash = ?", {session_hash}}});
}

Result<Store::LoginFailures> Store::login_failures(const std::string& user,
                                                   const std::string& remote,
                                                   const std::string& since) {
  auto rows = run(*backend_, false,
                  "SELECT (SELECT COUNT(*) FROM login_failures WHERE user_name = ? AND at >= ?), "
                  "(SELECT COUNT(*) FROM login_failures WHERE remote = ? AND at >= ?), "
                  "(SELECT MIN(at) FROM login_failures WHERE (user_name = ? OR remote = ?) AND "
                  "at >= ?)",
                  {user, since, remote, since, user, remote, since});
  if (!rows) return std::unexpected(rows.error());
  LoginFailures out;
  const auto& r = rows->front();
  out.by_user = std::stoul(r[0].value_or("0"));
  out.by_remote = std::stoul(r[1].value_or("0"));
  out.oldest = r[2].value_or("");
  return out;
}

Result<void> Store::add_login_failure(const std::string& user, const std::string& remote,
                                      const std::string& at, const std::string& forget_before) {
  return run_all(*backend_, {{"DELETE FROM login_failures WHERE at < ?", {forget_before}},
                             {"INSERT INTO login_failures (at, user_name, remote) VALUES (?, ?, ?)",
                              {at, user, remote}}});
}

}  // namespace cairn::store

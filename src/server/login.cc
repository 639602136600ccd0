#include "server/login.h"

#include <atomic>

#include "base/date.h"
#include "server/session.h"

namespace cairn::server {
namespace {

std::atomic<bool> g_secure{false};

std::string cookie(const Call& c, const std::string& value, int max_age) {
  const bool tls = g_secure || c.req.get_header_value("X-Forwarded-Proto") == "https";
  return std::string(kSessionCookie) + "=" + value + "; HttpOnly; SameSite=Strict; Path=/; " +
         "Max-Age=" + std::to_string(max_age) + (tls ? "; Secure" : "");
}

int64_t seconds_until_free(const std::string& oldest) {
  auto t = DateTime::parse(oldest);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return t ? std::max<int64_t>(1, t->seconds + kLoginWindowSeconds - now) : kLoginWindowSeconds;
}

}  // namespace

void set_secure_cookies(bool on) {
  g_secure = on;
}

void login(Call& c, store::Store& s) {
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(c.res, body.error());
  for (const char* f : {"user", "password"})
    if (!body->contains(f) || !(*body)[f].is_string() || (*body)[f].get<std::string>().empty())
      return problem(c.res, 422, "Missing field",
                     std::string("send {\"user\": NAME, \"password\": PASSWORD}; '") + f +
                         "' is missing or not a non-empty string",
                     f);
  const std::string user = (*body)["user"], password = (*body)["password"];
  c.audit_detail = "user " + user;
  auto failures = s.login_failures(user, c.req.remote_addr, iso_from_now(-kLoginWindowSeconds));
  if (!failures) return store_error(c.res, failures.error());
  if (failures->by_user >= kLoginFailureLimit || failures->by_remote >= kLoginFailureLimit) {
    const int64_t wait = seconds_until_free(failures->oldest);
    c.res.set_header("Retry-After", std::to_string(wait));
    return problem(c.res, 429, "Too many failed logins",
                   std::to_string(kLoginFailureLimit) + " failed logins " +
                       (failures->by_user >= kLoginFailureLimit ? "for '" + user + "'"
                                                                : "from " + c.req.remote_addr) +
                       " in 15 minutes; try again in " + std::to_string(wait) + " s",
                   "user");
  }
  auto stored = s.password_hash(user);
  if (!stored) return store_error(c.res, stored.error());
  bool ok = false;
  if (*stored)
    ok = verify_password(password, **stored);
  else
    burn_password_check(password);
  if (!ok) {
    if (auto r = s.add_login_failure(user, c.req.remote_addr, iso_from_now(0),
                                     iso_from_now(-kLoginWindowSeconds));
        !r)
      return store_error(c.res, r.error());
    return problem(c.res, 401, "Unauthorized",
                   "wrong user or password (an admin sets one with cairn user set-password)",
                   "password");
  }
  auto id = random_hex(32);
  if (!id) return store_error(c.res, id.error());
  const std::string expires = iso_from_now(kSessionIdleSeconds);
  if (auto r = s.add_session(hash_token(*id), user, expires); !r)
    return store_error(c.res, r.error());
  c.res.set_header("Set-Cookie", cookie(c, *id, kSessionIdleSeconds));
  c.res.set_header("Cache-Control", "no-store");
  send_json(c.res, {{"user", user}, {"csrf", csrf_token(*id)}, {"expires", expires}});
}

void logout(Call& c, store::Store& s) {
  const std::string id = cookie_value(c.req.get_header_value("Cookie"), kSessionCookie);
  if (c.req.has_header("Authorization") || id.empty())
    return problem(c.res, 400, "No session",
                   "logout ends a browser session (the cairn_session cookie); a token is revoked "
                   "with cairn token revoke",
                   "Cookie");
  if (auto r = s.end_session(hash_token(id)); !r) return store_error(c.res, r.error());
  c.res.set_header("Set-Cookie", cookie(c, "", 0));
  c.res.status = 204;
}

}  // namespace cairn::server

#include "server/session.h"

#include <sodium.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "base/codes.h"
#include "base/date.h"

namespace cairn::server {
namespace {

// At most two argon2id hashes at once (64 MiB each).
class HashSlots {
 public:
  void acquire() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [this] { return free_ > 0; });
    --free_;
  }
  void release() {
    {
      std::lock_guard lock(m_);
      ++free_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int free_ = 2;
};
HashSlots g_slots;
struct Slot {
  Slot() { g_slots.acquire(); }
  ~Slot() { g_slots.release(); }
};

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

bool is_write(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

AuthResult refuse(Call& c, int status, const std::string& detail, const std::string& param) {
  if (status == 401) c.res.set_header("WWW-Authenticate", "Bearer");
  problem(c.res, status, status == 401 ? "Unauthorized" : "Forbidden", detail, param);
  return AuthResult::kRefused;
}

AuthResult by_token(Call& c, store::Store& s, const std::string& header) {
  auto token = bearer_token(header);
  if (!token)
    return refuse(c, 401, "the Authorization header must be 'Bearer TOKEN'", "Authorization");
  auto owner = s.token_owner(hash_token(*token));
  if (!owner) {
    store_error(c.res, owner.error());
    return AuthResult::kUnavailable;
  }
  if (!*owner) {
    c.res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    problem(c.res, 401, "Unauthorized",
            "the token is not known (mistyped, revoked, or from another store); make one with "
            "cairn token create",
            "Authorization");
    return AuthResult::kRefused;
  }
  c.who = {(*owner)->user, std::move((*owner)->grants)};
  return AuthResult::kOk;
}

AuthResult by_cookie(Call& c, store::Store& s, const std::string& id) {
  const DateTime now{std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count()};
  // Renewed at most once a minute: a read does not write the store each time.
  auto owner =
      s.session_owner(hash_token(id), now.to_string(), iso_from_now(-kSessionLifetimeSeconds),
                      iso_from_now(kSessionIdleSeconds - 60), iso_from_now(kSessionIdleSeconds));
  if (!owner) {
    store_error(c.res, owner.error());
    return AuthResult::kUnavailable;
  }
  if (!*owner) {
    if (c.route.scope == Scope::kAnonymous) return AuthResult::kOk;  // e.g. logging in again
    return refuse(c, 401,
                  "the session has expired or was logged out; log in again (POST /api/v1/login)",
                  "Cookie");
  }
  c.who = {(*owner)->user, std::move((*owner)->grants)};
  // Double submit: a page of another site cannot read the CSRF token the login returned.
  if (is_write(c.req.method)) {
    const std::string sent = c.req.get_header_value("X-CSRF-Token");
    const std::string want = csrf_token(id);
    if (sent.size() != want.size() || sodium_memcmp(sent.data(), want.data(), want.size()) != 0)
      return refuse(c, 403,
                    sent.empty() ? "a write with a session cookie needs the header X-CSRF-Token: "
                                   "the csrf value the login returned"
                                 : "the X-CSRF-Token header is not this session's csrf value "
                                   "(log in again to get it)",
                    "X-CSRF-Token");
  }
  return AuthResult::kOk;
}

}  // namespace

Result<std::string> hash_password(std::string_view password) {
  if (!sodium_ready()) return make_error(codes::kStoreError, "libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  Slot slot;
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return make_error(codes::kStoreError,
                      "hashing the password ran out of memory (argon2id "
                      "needs 64 MiB)");
  return std::string(out);
}

bool verify_password(std::string_view password, const std::string& hash) {
  if (!sodium_ready()) return false;
  Slot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void burn_password_check(std::string_view password) {
  static const std::string dummy = [] {
    auto h = hash_password("a password nobody has");
    return h ? *h : std::string();
  }();
  (void)verify_password(password, dummy);
}

std::string csrf_token(std::string_view session_id) {
  return hash_token("csrf:" + std::string(session_id));
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return {};
}

std::string iso_from_now(int64_t seconds) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return DateTime{now.count() + seconds}.to_string();
}

AuthResult authenticate(Call& c, const std::function<store::Store*()>& store) {
  const bool bearer = c.req.has_header("Authorization");
  // Logging in ignores a session cookie (it may be stale, or another user's).
  const bool skip_cookie = bearer || c.route.handler == Handler::kLogin;
  const std::string id =
      skip_cookie ? std::string() : cookie_value(c.req.get_header_value("Cookie"), kSessionCookie);
  if (!bearer && id.empty()) return AuthResult::kOk;  // anonymous
  store::Store* s = store();
  if (!s) return AuthResult::kUnavailable;
  return bearer ? by_token(c, *s, c.req.get_header_value("Authorization")) : by_cookie(c, *s, id);
}

}  // namespace cairn::server

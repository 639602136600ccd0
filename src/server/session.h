// Browser login for `cairn serve` (docs/server.md "Browser login"): argon2id passwords (libsodium),
// session cookies, CSRF tokens, and the authentication of a request by Bearer token or cookie.
//
// Passwords: libsodium's crypto_pwhash_str (argon2id, OPSLIMIT/MEMLIMIT_INTERACTIVE: 2 passes over
// 64 MiB), a string that carries its salt and parameters. libsodium rather than libargon2: one
// well-kept library with the hash, its verification and a constant-time compare, in Debian.
// At most two hashes run at once (each takes 64 MiB), so a burst of logins cannot exhaust memory.
//
// Sessions: the cookie `cairn_session` holds 32 random bytes in hex; the store keeps their SHA-256
// with an idle expiry of 12 hours. The CSRF token is the SHA-256 of "csrf:" + the session id: bound
// to the session, unknown to a page that cannot read the HttpOnly cookie, and nothing to store.
// Thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "server/http.h"

namespace cairn::server {

constexpr size_t kMinPasswordLength = 12;
constexpr std::string_view kSessionCookie = "cairn_session";
constexpr int kSessionIdleSeconds = 12 * 3600;
// However active, a session ends this long after its login (the user logs in again).
constexpr int kSessionLifetimeSeconds = 7 * 24 * 3600;
// The login rate limit: this many failures per user, or per client address, in the window.
constexpr int kLoginFailureLimit = 5;
constexpr int kLoginWindowSeconds = 15 * 60;

// The argon2id hash string of a password (an Error when the hash cannot get its memory).
Result<std::string> hash_password(std::string_view password);
// Whether `password` matches `hash` (a crypto_pwhash_str string). Constant time in the password.
bool verify_password(std::string_view password, const std::string& hash);
// Spends the time of a verification (for an unknown user: no timing tells users apart).
void burn_password_check(std::string_view password);

// The CSRF token of a session id.
std::string csrf_token(std::string_view session_id);
// The value of the cookie `name` in a Cookie header; empty when absent.
std::string cookie_value(std::string_view cookie_header, std::string_view name);
// "2026-03-02T09:00:00Z" `seconds` from now.
std::string iso_from_now(int64_t seconds);

// Sets c.who from an `Authorization: Bearer` token or else the session cookie, and checks the
// CSRF header of a write sent with a cookie. Anonymous when neither is sent (and on an anonymous
// route when the cookie is stale). kRefused: a 401/403 problem was written (to audit);
// kUnavailable: a store error was written (not audited).
enum class AuthResult { kOk, kRefused, kUnavailable };
// `store` gives the thread's store, or nullptr after writing a 503 problem; called only when a
// credential is sent.
AuthResult authenticate(Call& c, const std::function<store::Store*()>& store);

}  // namespace cairn::server

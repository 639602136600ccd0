// POST /api/v1/login and /api/v1/logout (docs/server.md "Browser login"; internal to src/server).
#pragma once

#include "server/http.h"

namespace cairn::server {

// Whether session cookies get `Secure` even on plain HTTP (cairn serve --secure-cookies: TLS ends
// at a proxy that does not send X-Forwarded-Proto). Set before serving.
void set_secure_cookies(bool on);

// {user, password} → 200 {user, csrf, expires} and the session cookie; 401 for a wrong user or
// password (the same answer for both), 429 with Retry-After after too many failures.
void login(Call& c, store::Store& s);
// Ends the session of the cookie (204); with a Bearer token there is none to end (400).
void logout(Call& c, store::Store& s);

}  // namespace cairn::server

// GET /api/v1/tokens and DELETE /api/v1/tokens/{id} (docs/server.md "Tokens"; internal to
// src/server). A user sees and revokes their own tokens; an admin on every program ("*") sees and
// revokes anyone's. Another user's token is a 404 to a non-admin, as if it did not exist.
#pragma once

#include "server/http.h"

namespace cairn::server {

// 200 {"tokens": [{id, user, created_at}]}, oldest first; `?user=NAME` filters (admins only: for
// anyone else it must be themselves).
void list_tokens(Call& c, store::Store& s);
// 204 when the token was revoked; 404 when there is no such token the caller may revoke.
void revoke_token(Call& c, store::Store& s);

}  // namespace cairn::server

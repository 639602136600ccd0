// Webhooks in (docs/server.md "Webhooks"; internal to src/server): POST /api/v1/hooks/github and
// /api/v1/hooks/jira. No Bearer token: the payload's project picks the webhook registered with
// `cairn webhook add`, whose shared secret must sign the raw body (HMAC-SHA256, compared in
// constant time). A delivery id handled before is answered `{"duplicate": true}` and writes
// nothing; the same event under a new id writes nothing either (a state change is stamped with the
// event's own time, and an unchanged item is not written). A write is one store transaction by
// actor `webhook:<source>`, source `webhook`, and refreshes the view cache like an API write.
#pragma once

#include <string_view>

#include "server/http.h"

namespace cairn::server {

class ViewCache;

// Handles one delivery from `source` ("github" or "jira").
void receive_webhook(Call& c, store::Store& s, ViewCache& cache, std::string_view source);

// Whether `header` is "sha256=" followed by the hex HMAC-SHA256 of `body` keyed with `secret`
// (hex digits in either case); compared in constant time (CRYPTO_memcmp).
bool signature_matches(std::string_view secret, std::string_view body, std::string_view header);

}  // namespace cairn::server

// Who may do what on `cairn serve` (docs/server.md): roles, API tokens and the principal a request
// runs as.
//
// Roles are ordered: viewer < member < manager < tpm < admin; a route (server/routes.h) names the
// least role it needs, and a user's role on a program is the higher of their grant on that program
// and their grant on "*" (every program). Tokens are 32 random bytes from OpenSSL's CSPRNG, written
// as "cairn_" + 64 hex digits; the store keeps only their SHA-256 (a hash of a high-entropy secret
// needs no salt or slow hash; passwords get argon2id: server/session.h). Thread-safe: no shared
// state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "store/store.h"

namespace cairn::server {

enum class Role { kViewer, kMember, kManager, kTpm, kAdmin };

const char* to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
// "admin, tpm, manager, member, viewer": for messages.
const char* role_names();

// `bytes` bytes from OpenSSL's CSPRNG, as lowercase hex.
Result<std::string> random_hex(size_t bytes);
// A new token (never stored), and the hash the store keeps (also of session ids: SHA-256), as 64
// lowercase hex digits.
Result<std::string> new_token();
std::string hash_token(std::string_view token);

// The user a request runs as; an empty user is anonymous (no grants).
struct Principal {
  std::string user;
  std::vector<store::Grant> grants;
  bool anonymous() const { return user.empty(); }
  // The role on `program` ("" = the highest role on any program); nullopt: none.
  std::optional<Role> role_on(std::string_view program) const;
  // May this principal see or change `program` at all (any grant on it or on "*")?
  bool sees(std::string_view program) const { return role_on(program).has_value(); }
};

// The token of an `Authorization: Bearer TOKEN` header value; nullopt when the value is not of
// that form (a missing header is the caller's business).
std::optional<std::string_view> bearer_token(std::string_view authorization);

}  // namespace cairn::server

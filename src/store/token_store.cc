// Listing and revoking API tokens (migration 2's tokens table, docs/server.md "Tokens"), on both
// backends through Backend::text_query. A token is named by the first 12 hex digits of its
// SHA-256 (48 bits: the store refuses a revoke that would match two).
#include <fmt/format.h>

#include "base/codes.h"
#include "store/store.h"
#include "store/text_sql.h"

namespace cairn::store {

namespace {

constexpr size_t kIdLength = 12;

bool is_token_id(const std::string& id) {
  return id.size() == kIdLength && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

Result<std::vector<TokenInfo>> Store::tokens(const std::string& user) {
  auto rows = user.empty()
                  ? text_sql::run(*backend_, false,
                                  "SELECT substr(hash, 1, 12), user_name, created_at FROM tokens "
                                  "ORDER BY created_at, hash",
                                  {})
                  : text_sql::run(*backend_, false,
                                  "SELECT substr(hash, 1, 12), user_name, created_at FROM tokens "
                                  "WHERE user_name = ? ORDER BY created_at, hash",
                                  {user});
  if (!rows) return std::unexpected(rows.error());
  std::vector<TokenInfo> out;
  out.reserve(rows->size());
  for (const auto& r : *rows)
    out.push_back({r[0].value_or(""), r[1].value_or(""), r[2].value_or("")});
  return out;
}

Result<std::optional<std::string>> Store::revoke_token(const std::string& id,
                                                       const std::string& only_user) {
  if (!is_token_id(id))
    return make_error(codes::kUsage, fmt::format("'{}' is not a token id", id), {},
                      "a token id is the 12 hex digits `cairn token list` shows");
  if (auto r = backend_->begin(true); !r) return std::unexpected(r.error());
  auto rows = backend_->text_query(
      "SELECT hash, user_name FROM tokens WHERE substr(hash, 1, 12) = ?", {id});
  if (!rows) {
    backend_->rollback();
    return std::unexpected(rows.error());
  }
  std::optional<std::string> owner;
  if (rows->size() > 1) {
    backend_->rollback();
    return make_error(codes::kConflict,
                      fmt::format("token id '{}' names {} tokens", id, rows->size()), {},
                      "revoke them all with `cairn token revoke --user NAME`");
  }
  if (rows->size() == 1 && (only_user.empty() || (*rows)[0][1].value_or("") == only_user)) {
    owner = (*rows)[0][1].value_or("");
    if (auto d =
            backend_->text_query("DELETE FROM tokens WHERE hash = ?", {(*rows)[0][0].value_or("")});
        !d) {
      backend_->rollback();
      return std::unexpected(d.error());
    }
  }
  if (auto c = backend_->commit(); !c) return std::unexpected(c.error());
  return owner;
}

Result<size_t> Store::revoke_tokens_of(const std::string& user) {
  if (auto r = backend_->begin(true); !r) return std::unexpected(r.error());
  auto rows = backend_->text_query("SELECT hash FROM tokens WHERE user_name = ?", {user});
  if (rows) {
    if (auto d = backend_->text_query("DELETE FROM tokens WHERE user_name = ?", {user}); !d)
      rows = std::unexpected(d.error());
  }
  if (!rows) {
    backend_->rollback();
    return std::unexpected(rows.error());
  }
  if (auto c = backend_->commit(); !c) return std::unexpected(c.error());
  return rows->size();
}

}  // namespace cairn::store

#include "server/tokens.h"

#include <array>
#include <string_view>

#include "base/codes.h"

namespace cairn::server {
namespace {

constexpr std::array<std::string_view, 1> kListParams = {"user"};

bool store_admin(const Principal& who) {
  auto r = who.role_on("*");
  return r && *r == Role::kAdmin;
}

}  // namespace

void list_tokens(Call& c, store::Store& s) {
  if (auto r = check_params(c.query, kListParams); !r) return problem(c.res, r.error());
  auto given = c.query.find("user");
  std::string user = given != c.query.end() ? given->second : std::string();
  if (!store_admin(c.who)) {
    if (!user.empty() && user != c.who.user)
      return problem(c.res, 403, "Forbidden",
                     "only an admin on every program lists other users' tokens", "user");
    user = c.who.user;
  }
  auto list = s.tokens(user);
  if (!list) return store_error(c.res, list.error());
  Json rows = Json::array();
  for (const auto& t : *list)
    rows.push_back({{"id", t.id}, {"user", t.user}, {"created_at", t.created_at}});
  send_json(c.res, {{"tokens", std::move(rows)}});
}

void revoke_token(Call& c, store::Store& s) {
  if (auto r = check_params(c.query, {}); !r) return problem(c.res, r.error());
  const std::string& id = c.param("id");
  c.audit_detail = "token " + id;
  auto owner = s.revoke_token(id, store_admin(c.who) ? std::string() : c.who.user);
  if (!owner) {
    if (owner.error().code == codes::kUsage)
      return problem(c.res, 400, "Bad token id", owner.error().message + "; " + owner.error().hint,
                     "id");
    return store_error(c.res, owner.error());
  }
  if (!*owner)
    return problem(c.res, 404, "No such token",
                   "no token with id '" + id +
                       "' that you may revoke; GET /api/v1/tokens lists "
                       "yours",
                   "id");
  c.audit_detail += " of " + **owner;
  c.res.status = 204;
}

}  // namespace cairn::server

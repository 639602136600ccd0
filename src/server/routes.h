// The route table of `cairn serve`: one row per method and path, which drives routing, the role
// each route needs (the role matrix, docs/server.md), the OpenAPI document and the metrics labels.
// A route no row names does not exist (404; 405 when only the method differs).
//
// Thread-safety: the table is built once (on first use, thread-safe) and never changes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/access.h"

namespace cairn::server {

enum class Handler {
  kHealth,
  kReady,
  kOpenapi,
  kMetrics,
  kPrograms,
  kProgram,
  kView,
  kCollection,
  kEntity,
  kPatchItem,
  kPutEntity,
  kPutProgram,
  kDeleteEntity,
  kLogin,
  kLogout,
  kGithubHook,
  kJiraHook,
  kTokens,
  kRevokeToken,
};

// Who may call a route: anyone; any user with a valid token; a user whose role on the path's
// {program} is at least `min_role`.
enum class Scope { kAnonymous, kAuthenticated, kProgram };

struct Route {
  std::string method;  // "GET", "PATCH", "PUT", "DELETE", "POST"
  std::string path;    // an OpenAPI path template: "/api/v1/programs/{program}/items/{key}"
  Scope scope = Scope::kProgram;
  Role min_role = Role::kViewer;  // for kAuthenticated and kProgram
  Handler handler = Handler::kHealth;
  std::string summary;      // one line for the OpenAPI document
  std::string schema;       // a view's report schema: schema/report/<schema>.schema.json
  bool writes = false;      // changes the store (audited)
  std::string collections;  // {collection} routes: the collections it serves, comma-separated
};

const std::vector<Route>& routes();

struct RouteMatch {
  const Route* route = nullptr;               // nullptr: no route
  bool other_method = false;                  // the path exists with another method (405)
  std::map<std::string, std::string> params;  // {program}, {collection}, {key}, ...
};

// The route for a request. `path` is the path as sent (percent escapes kept, as in the request
// target), so that an escaped '/' stays inside its segment: GitHub's item `acme/pay#42` is
// `/items/acme%2Fpay%2342`. Each path parameter is then percent-decoded.
RouteMatch match_route(std::string_view method, std::string_view path);

// May `who` call `route` with these path parameters? 401 (no principal where one is needed),
// 403 (a principal without the role) or 0 (allowed).
int authorize(const Route& route, const Principal& who,
              const std::map<std::string, std::string>& params);

}  // namespace cairn::server

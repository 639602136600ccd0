#include "server/routes.h"

#include "server/views.h"

namespace cairn::server {
namespace {

constexpr const char* kPrograms = "/api/v1/programs";
// The collections anyone who sees a program may read, and who may write which.
constexpr const char* kAllCollections =
    "teams,people,items,milestones,dependencies,risks,sprints,status_updates,decisions,actions";
constexpr const char* kManagerCollections = "teams,people";
constexpr const char* kTpmCollections =
    "items,milestones,dependencies,risks,sprints,status_updates,decisions,actions";

std::vector<Route> build() {
  const std::string p = std::string(kPrograms) + "/{program}";
  std::vector<Route> r = {
      {"GET", "/healthz", Scope::kAnonymous, Role::kViewer, Handler::kHealth,
       "Liveness: 200 while the process runs"},
      {"GET", "/readyz", Scope::kAnonymous, Role::kViewer, Handler::kReady,
       "Readiness: 200 when the store answers, else 503"},
      {"GET", "/api/v1/openapi.json", Scope::kAnonymous, Role::kViewer, Handler::kOpenapi,
       "This API as an OpenAPI 3.1 document"},
      {"POST", "/api/v1/login", Scope::kAnonymous, Role::kViewer, Handler::kLogin,
       "Log in with {user, password}: a session cookie and its CSRF token", "", true},
      {"POST", "/api/v1/logout", Scope::kAuthenticated, Role::kViewer, Handler::kLogout,
       "End the session of the cookie (X-CSRF-Token); 204", "", true},
      {"POST", "/api/v1/hooks/github", Scope::kAnonymous, Role::kViewer, Handler::kGithubHook,
       "GitHub issues webhook (X-Hub-Signature-256 is the auth): updates the item", "", true},
      {"POST", "/api/v1/hooks/jira", Scope::kAnonymous, Role::kViewer, Handler::kJiraHook,
       "Jira issue webhook (X-Hub-Signature is the auth): updates the item", "", true},
      {"GET", "/api/v1/tokens", Scope::kAuthenticated, Role::kViewer, Handler::kTokens,
       "API tokens (id, user, created): the caller's; all (?user= filters) for an admin on *"},
      {"DELETE", "/api/v1/tokens/{id}", Scope::kAuthenticated, Role::kViewer, Handler::kRevokeToken,
       "Revoke a token: the caller's own, any for an admin on *; 204", "", true},
      {"GET", "/metrics", Scope::kAuthenticated, Role::kViewer, Handler::kMetrics,
       "Prometheus metrics: requests, latencies, recompute times, store errors"},
      {"GET", kPrograms, Scope::kAuthenticated, Role::kViewer, Handler::kPrograms,
       "The programs the caller has a role on"},
      {"GET", p, Scope::kProgram, Role::kViewer, Handler::kProgram,
       "The program header; ETag = its revision"},
      {"PUT", p, Scope::kProgram, Role::kTpm, Handler::kPutProgram,
       "Create (If-None-Match: *) or replace (If-Match: its revision) the whole program from its "
       "canonical plan document, as cairn apply --prune",
       "", true},
  };
  // Every view at /views/{name}; also at /{name} unless a collection has that name (risks and
  // sprints are both: /risks is the collection, /views/risks the register).
  const std::string all = std::string(",") + kAllCollections + ",";
  for (const auto& v : views()) {
    const std::string name(v.name);
    r.push_back({"GET", p + "/views/" + name, Scope::kProgram, Role::kViewer, Handler::kView,
                 std::string(v.summary), std::string(v.schema)});
    if (all.find("," + name + ",") == std::string::npos)
      r.push_back({"GET", p + "/" + name, Scope::kProgram, Role::kViewer, Handler::kView,
                   std::string(v.summary), std::string(v.schema)});
  }
  r.push_back({"GET", p + "/{collection}", Scope::kProgram, Role::kViewer, Handler::kCollection,
               "A page of a collection, filtered", "", false, kAllCollections});
  r.push_back({"GET", p + "/{collection}/{key}", Scope::kProgram, Role::kViewer, Handler::kEntity,
               "One entity; ETag = its version", "", false, kAllCollections});
  r.push_back({"PATCH", p + "/items/{key}", Scope::kProgram, Role::kMember, Handler::kPatchItem,
               "Change an item's title, state, assignee or estimate (If-Match)", "", true,
               "items"});
  // Managers keep their teams' people and capacity; a TPM keeps the rest of the plan.
  constexpr const char* kPut = "Create (If-None-Match: *) or replace (If-Match) one entity";
  constexpr const char* kDelete = "Delete one entity (If-Match); 204";
  for (const char* c : {"teams", "people"}) {
    r.push_back({"PUT", p + "/" + c + "/{key}", Scope::kProgram, Role::kManager,
                 Handler::kPutEntity, kPut, "", true, kManagerCollections});
    r.push_back({"DELETE", p + "/" + c + "/{key}", Scope::kProgram, Role::kManager,
                 Handler::kDeleteEntity, kDelete, "", true, kManagerCollections});
  }
  r.push_back({"PUT", p + "/{collection}/{key}", Scope::kProgram, Role::kTpm, Handler::kPutEntity,
               kPut, "", true, kTpmCollections});
  r.push_back({"DELETE", p + "/{collection}/{key}", Scope::kProgram, Role::kTpm,
               Handler::kDeleteEntity, kDelete, "", true, kTpmCollections});
  return r;
}

// Splits "/a/b/c" into {"a","b","c"}; a trailing slash gives an empty last segment.
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool match_path(const std::vector<std::string_view>& tmpl, const std::vector<std::string_view>& got,
                std::map<std::string, std::string>& params) {
  if (tmpl.size() != got.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i].size() > 2 && tmpl[i].front() == '{') {
      if (got[i].empty()) return false;
      found[std::string(tmpl[i].substr(1, tmpl[i].size() - 2))] = std::string(got[i]);
    } else if (tmpl[i] != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

// A path segment percent-decoded ('+' stays '+'); a malformed escape is kept as sent.
std::string decode_segment(std::string_view in) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(in[i + 1]) * 16 + hex(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> all = build();
  return all;
}

RouteMatch match_route(std::string_view method, std::string_view path) {
  RouteMatch m;
  const auto got = segments(path);
  for (const auto& r : routes()) {
    std::map<std::string, std::string> params;
    if (!match_path(segments(r.path), got, params)) continue;
    if (r.method != method) {
      m.other_method = true;
      continue;
    }
    m.route = &r;
    for (auto& [name, value] : params)
      value = decode_segment(value);
    m.params = std::move(params);
    m.other_method = false;
    return m;
  }
  return m;
}

int authorize(const Route& route, const Principal& who,
              const std::map<std::string, std::string>& params) {
  if (route.scope == Scope::kAnonymous) return 0;
  if (who.anonymous()) return 401;
  std::string program;
  if (route.scope == Scope::kProgram) {
    auto it = params.find("program");
    if (it != params.end()) program = it->second;
  }
  auto role = who.role_on(program);
  return role && *role >= route.min_role ? 0 : 403;
}

}  // namespace cairn::server

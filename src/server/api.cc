#include "server/api.h"

#include <algorithm>
#include <optional>

#include "base/codes.h"
#include "plan/canonical.h"
#include "plan/plan.h"
#include "server/login.h"
#include "server/tokens.h"
#include "server/view_cache.h"
#include "server/views.h"
#include "server/webhooks.h"
#include "store/entity_doc.h"

namespace cairn::server {
namespace {

// The fields a collection filter may name (exact match on a string field).
constexpr std::string_view kCollectionParams[] = {"limit",    "cursor", "team", "state",
                                                  "assignee", "kind",   "owner"};
constexpr std::string_view kFilters[] = {"team", "state", "assignee", "kind", "owner"};

// The collection a request names: the {collection} segment, or the route's literal one
// (".../teams/{key}").
std::string collection_name(const Call& c) {
  if (auto it = c.params.find("collection"); it != c.params.end()) return it->second;
  const std::string& path = c.route.path;
  const size_t end = path.rfind("/{key}");
  if (end == std::string::npos) return {};
  return path.substr(path.rfind('/', end - 1) + 1, end - path.rfind('/', end - 1) - 1);
}

// The entity kind of the request's collection when the route serves it; empty otherwise.
std::string collection_kind(const Call& c) {
  const std::string name = collection_name(c);
  const std::string kind = store::parse_kind(name);
  if (kind.empty() || kind == "program" || kind == "budget" || name != store::kind_section(kind))
    return {};
  for (std::string_view rest = c.route.collections; !rest.empty();) {
    const size_t comma = rest.find(',');
    if (rest.substr(0, comma) == name) return kind;
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
  }
  return {};
}

}  // namespace

store::Store* Api::store_or_problem(httplib::Response& res) {
  auto s = pool_.get();
  if (!s) {
    problem(res, 503, "Store unavailable", s.error().message, {}, {{"code", s.error().code}});
    return nullptr;
  }
  return *s;
}

void Api::handle(Call& c) {
  switch (c.route.handler) {
    case Handler::kHealth:
      return send_json(c.res, {{"status", "ok"}});
    case Handler::kReady:
      return ready(c);
    case Handler::kPrograms:
      return programs(c);
    case Handler::kProgram:
      return program(c);
    case Handler::kView:
      return view(c);
    case Handler::kCollection:
      return collection(c);
    case Handler::kEntity:
      return entity(c);
    case Handler::kPatchItem:
      return patch_item(c);
    case Handler::kPutEntity:
      return put_entity(c);
    case Handler::kPutProgram:
      return put_program(c);
    case Handler::kDeleteEntity:
      return delete_entity(c);
    case Handler::kLogin:
    case Handler::kLogout:
      if (auto* s = store_or_problem(c.res))
        return c.route.handler == Handler::kLogin ? login(c, *s) : logout(c, *s);
      return;
    case Handler::kGithubHook:
    case Handler::kJiraHook:
      if (auto* s = store_or_problem(c.res))
        return receive_webhook(c, *s, cache_,
                               c.route.handler == Handler::kGithubHook ? "github" : "jira");
      return;
    case Handler::kTokens:
    case Handler::kRevokeToken:
      if (auto* s = store_or_problem(c.res))
        return c.route.handler == Handler::kTokens ? list_tokens(c, *s) : revoke_token(c, *s);
      return;
    case Handler::kOpenapi:
    case Handler::kMetrics:
      break;  // served by server.cc
  }
  problem(c.res, 500, "Internal error", "no handler for this route");
}

void Api::ready(Call& c) {
  auto* s = store_or_problem(c.res);
  if (!s) return;
  auto list = s->programs();
  if (!list) return problem(c.res, 503, "Store unavailable", list.error().message);
  send_json(c.res, {{"status", "ready"}, {"store", s->backend_name()}});
}

void Api::programs(Call& c) {
  auto* s = store_or_problem(c.res);
  if (!s) return;
  auto list = s->programs();
  if (!list) return store_error(c.res, list.error());
  Json items = Json::array();
  for (const auto& p : *list)
    if (c.who.sees(p.key))
      items.push_back({{"key", p.key},
                       {"name", p.name},
                       {"revision", p.revision},
                       {"updated_at", p.updated_at}});
  send_json(c.res, {{"items", items}});
}

void Api::program(Call& c) {
  auto* s = store_or_problem(c.res);
  if (!s) return;
  const std::string& key = c.param("program");
  auto doc = s->load_document(key);
  if (!doc) return store_error(c.res, doc.error());
  auto rev = s->revision(key);
  if (!rev) return store_error(c.res, rev.error());
  if (*rev) c.res.set_header("ETag", etag(**rev));
  send_json(c.res, (*doc)["program"]);
}

void Api::view(Call& c) {
  const std::string name = c.route.path.substr(c.route.path.rfind('/') + 1);
  const View* v = find_view(name);
  auto* s = store_or_problem(c.res);
  if (!v || !s) return;
  const std::string& program = c.param("program");
  if (!v->cached) {  // depends on the query or on the store's history: computed per request
    ViewArgs args{{}, s, program};
    if (v->name == "whatif") {
      auto edits = parse_whatif_query(c.query);
      if (!edits) return problem(c.res, edits.error());
      args.edits = std::move(*edits);
    } else if (auto r = check_params(c.query, {}); !r) {
      return problem(c.res, r.error());
    }
    Result<std::string> doc;
    if (v->whole_program) {
      auto loaded = s->load(program);
      if (!loaded) return store_error(c.res, loaded.error());
      c.res.set_header("ETag", etag(loaded->revision));
      doc = v->make(loaded->program, args);
    } else {  // the store's history alone: the program's key and name, not its entities
      auto list = s->programs();
      if (!list) return store_error(c.res, list.error());
      auto it = std::find_if(list->begin(), list->end(),
                             [&](const auto& info) { return info.key == program; });
      if (it == list->end())
        return problem(c.res, 404, "Not found", "the store has no program '" + program + "'",
                       "path", {{"code", codes::kProgramNotFound}});
      Program named;
      named.key = it->key;
      named.name = it->name;
      doc = v->make(named, args);
    }
    if (!doc)
      return problem(c.res, 422, "View failed", doc.error().message, "query",
                     {{"code", doc.error().code}});
    return c.res.set_content(std::move(*doc), "application/json");
  }
  if (auto r = check_params(c.query, {}); !r) return problem(c.res, r.error());
  auto rev = s->revision(program);
  if (!rev) return store_error(c.res, rev.error());
  if (!*rev)
    return problem(c.res, 404, "Not found", "the store has no program '" + program + "'", "path",
                   {{"code", codes::kProgramNotFound}});
  auto answer = cache_.get(program, *v, **rev);
  if (!answer.result) return problem(c.res, 503, "Stopping", "the server is stopping");
  c.res.status = answer.result->status;
  c.res.set_content(answer.result->body, answer.result->content_type.c_str());
  c.res.set_header("ETag", etag(answer.result->revision));
  c.res.set_header("Cairn-Revision", std::to_string(**rev));
  c.res.set_header("Cairn-Stale", answer.stale ? "true" : "false");
}

void Api::collection(Call& c) {
  const std::string section = collection_name(c);
  if (collection_kind(c).empty())
    return problem(c.res, 404, "Not found",
                   "no collection or view '" + section + "'; collections: " + c.route.collections +
                       "; GET /api/v1/openapi.json lists the views",
                   "path");
  if (auto r = check_params(c.query, kCollectionParams); !r) return problem(c.res, r.error());
  auto page = parse_page(c.query);
  if (!page) return problem(c.res, page.error());
  auto* s = store_or_problem(c.res);
  if (!s) return;
  auto doc = s->load_document(c.param("program"));
  if (!doc) return store_error(c.res, doc.error());
  Json out = Json::array();
  size_t matched = 0;
  bool more = false;
  for (const auto& e : (*doc).value(section, Json::array())) {
    bool keep = true;
    for (auto f : kFilters) {
      auto it = c.query.find(std::string(f));
      if (it != c.query.end())
        keep = keep && e.contains(f) && e[f].is_string() && e[f] == it->second;
    }
    if (!keep || matched++ < page->offset) continue;
    if (out.size() == page->limit) {
      more = true;
      break;
    }
    out.push_back(e);
  }
  Json body = {{"items", out}};
  body["next_cursor"] = more ? Json(std::to_string(page->offset + page->limit)) : Json(nullptr);
  send_json(c.res, body);
}

void Api::entity(Call& c) {
  const std::string kind = collection_kind(c);
  if (kind.empty())
    return problem(c.res, 404, "Not found", "no collection '" + collection_name(c) + "'", "path");
  auto* s = store_or_problem(c.res);
  if (!s) return;
  auto e = s->entity(c.param("program"), kind, c.param("key"));
  if (!e) return store_error(c.res, e.error());
  if (!*e)
    return problem(
        c.res, 404, "Not found",
        "program " + c.param("program") + " has no " + kind + " '" + c.param("key") + "'", "path");
  c.res.set_header("ETag", etag((*e)->version));
  send_json(c.res, (*e)->body);
}

void Api::stale(Call& c, int64_t expected, const store::EntityRecord& now) {
  c.res.set_header("ETag", etag(now.version));
  problem(c.res, 412, "Precondition failed",
          "the " + now.kind + " changed since it was read (version " + std::to_string(expected) +
              ", now " + std::to_string(now.version) + "); merge and retry with the new ETag",
          "If-Match", {{"current", now.body}, {"current_etag", etag(now.version)}});
}

void Api::write_failed(Call& c, store::Store& s, const std::string& kind, int64_t expected,
                       const Error& e) {
  if (e.code == codes::kConflict) {
    auto now = s.entity(c.param("program"), kind, c.param("key"));
    if (now && *now) return stale(c, expected, **now);
  }
  store_error(c.res, e);
}

void Api::patch_item(Call& c) {
  if (!c.req.has_header("If-Match"))
    return problem(c.res, 428, "Precondition required",
                   "send If-Match with the item's ETag (GET it first) so no update is lost",
                   "If-Match");
  auto expected = parse_if_match(c.req.get_header_value("If-Match"));
  if (!expected) return problem(c.res, expected.error());
  auto patch = parse_json_object(c.req.body);
  if (!patch) return problem(c.res, patch.error());
  if (auto ok = check_item_patch(*patch); !ok) return problem(c.res, ok.error());
  auto* s = store_or_problem(c.res);
  if (!s) return;
  const std::string &program = c.param("program"), &key = c.param("key");
  auto current = s->entity(program, "item", key);
  if (!current) return store_error(c.res, current.error());
  if (!*current)
    return problem(c.res, 404, "Not found", "program " + program + " has no item '" + key + "'",
                   "path");
  // A member changes only the items assigned to them (their user name is the person's key).
  if (c.who.role_on(program) == Role::kMember &&
      (*current)->body.value("assignee", std::string()) != c.who.user)
    return problem(c.res, 403, "Forbidden",
                   "a member may change only items assigned to them; " + key + " is not " +
                       c.who.user + "'s (ask its assignee or a TPM)",
                   "path");
  if ((*current)->version != *expected) return stale(c, *expected, **current);
  Json body = (*current)->body;
  for (const auto& [k, v] : patch->items())
    body[k] = v;
  store::ApplyOptions opts;
  opts.actor = c.who.user;
  opts.source = "PATCH " + c.req.path;
  auto written = s->put_entity(program, "item", key, body, *expected, opts);
  if (!written) return write_failed(c, *s, "item", *expected, written.error());
  c.audit_detail = patch->dump();
  if (auto rev = s->revision(program); rev && *rev) cache_.refresh(program, **rev);
  c.res.set_header("ETag", etag(*written));
  send_json(c.res, body);
}

// A manager keeps their own team's people and capacity: the team of the person whose key is their
// user name (as a member's items are those assigned to their key). `body` is the person or team
// being written (nullptr for a delete). Returns false after answering 403.
bool Api::manager_may_write(Call& c, store::Store& s, const std::string& kind,
                            const std::string& key, const Json* body) {
  const std::string& program = c.param("program");
  if (c.who.role_on(program) != Role::kManager || (kind != "team" && kind != "person")) return true;
  auto self = s.entity(program, "person", c.who.user);
  if (!self) {
    store_error(c.res, self.error());
    return false;
  }
  const std::string team = *self ? (*self)->body.value("team", std::string()) : std::string();
  auto refuse = [&](const std::string& why) {
    problem(c.res, 403, "Forbidden", why, "path");
    return false;
  };
  if (team.empty())
    return refuse(
        "a manager keeps the people of their own team: the team of the person whose key "
        "is their user name, and '" +
        c.who.user + "' is no person with a team in " + program +
        " (add them as a person of their team, or ask a TPM)");
  if (kind == "team" && key != team)
    return refuse("a manager keeps only their own team (" + team + "), not team '" + key +
                  "' (ask a TPM)");
  if (kind == "person") {
    auto current = s.entity(program, "person", key);
    if (!current) {
      store_error(c.res, current.error());
      return false;
    }
    const std::string from = *current ? (*current)->body.value("team", std::string()) : team;
    const std::string to = body && body->contains("team") && (*body)["team"].is_string()
                               ? (*body)["team"].get<std::string>()
                               : from;
    if (from != team || to != team)
      return refuse(
          "a manager keeps only the people of their own team (" + team + "); " + key +
          (from != team ? " is in team '" + from + "'" : " would move to team '" + to + "'") +
          " (ask a TPM)");
  }
  return true;
}

namespace {

// A PUT's precondition: 0 to create (If-None-Match: *), else the version or revision of
// If-Match; nullopt after answering 428 (neither) or 400 (a malformed If-Match). `what` names the
// ETag to send.
std::optional<int64_t> put_precondition(Call& c, const std::string& what) {
  if (c.req.get_header_value("If-None-Match") == "*") return 0;
  if (!c.req.has_header("If-Match")) {
    problem(c.res, 428, "Precondition required",
            "send If-Match with " + what +
                " to replace it, or If-None-Match: * to create it, so "
                "no update is lost",
            "If-Match");
    return std::nullopt;
  }
  auto tag = parse_if_match(c.req.get_header_value("If-Match"));
  if (!tag) {
    problem(c.res, tag.error());
    return std::nullopt;
  }
  return *tag;
}

}  // namespace

void Api::put_entity(Call& c) {
  const std::string kind = collection_kind(c);
  if (kind.empty())
    return problem(c.res, 404, "Not found",
                   "no collection '" + collection_name(c) + "' to write here; use one of " +
                       c.route.collections,
                   "path");
  const auto expected_or = put_precondition(c, "the entity's ETag");
  if (!expected_or) return;
  const int64_t expected = *expected_or;
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(c.res, body.error());
  // The body's identity must be the path's key (a keyed entity gets the key when it has none).
  const std::string& key = c.param("key");
  if (body->contains("key") && !(*body)["key"].is_string())
    return problem(c.res, 422, "Wrong type", "'key' must be a string", "key");
  if (kind != "dependency" && kind != "status_update" && !body->contains("key"))
    (*body)["key"] = key;
  const auto rows = store::split_document({{store::kind_section(kind), Json::array({*body})}});
  if (rows.size() != 1 || rows[0].key != key)
    return problem(c.res, 422, "Wrong identity",
                   "the body is " + kind + " '" + (rows.empty() ? "" : rows[0].key) +
                       "', not the path's '" + key + "'; PUT it at its own path",
                   "key");
  auto* s = store_or_problem(c.res);
  if (!s) return;
  if (!manager_may_write(c, *s, kind, key, &*body)) return;
  const std::string& program = c.param("program");
  store::ApplyOptions opts;
  opts.actor = c.who.user;
  opts.source = "PUT " + c.req.path;
  auto written = s->put_entity(program, kind, key, *body, expected, opts);
  if (!written) return write_failed(c, *s, kind, expected, written.error());
  c.audit_detail = body->dump();
  if (auto rev = s->revision(program); rev && *rev) cache_.refresh(program, **rev);
  auto now = s->entity(program, kind, key);
  c.res.set_header("ETag", etag(*written));
  send_json(c.res, now && *now ? (*now)->body : *body, expected == 0 ? 201 : 200);
}

// The whole program from a plan document: created with If-None-Match: *, replaced with If-Match at
// the revision read (what the document lacks is deleted, as `cairn apply --prune`). One
// transaction; a plan with errors is a 422 naming each (JSON pointer, message, hint).
void Api::put_program(Call& c) {
  const std::string& key = c.param("program");
  const auto expected_or = put_precondition(c, "the program's ETag (its revision)");
  if (!expected_or) return;
  const int64_t expected = *expected_or;
  const bool create = expected == 0;
  auto body = parse_json_object(c.req.body);
  if (!body) return problem(c.res, body.error());
  // Findings of the canonical reader carry JSON pointers into the body; a document in a plan's
  // looser spelling goes through the full reader.
  Diagnostics diags;
  auto plan = plan::read_plan_document(nlohmann::json(*body), "body", diags);
  if (!plan || diags.has_errors()) {
    Json errors = Json::array();
    if (!plan)
      errors.push_back({{"id", plan.error().code},
                        {"message", plan.error().message},
                        {"pointer", plan.error().where.pointer},
                        {"hint", plan.error().hint}});
    for (const auto& d : diags.items())
      if (d.severity == Severity::kError)
        errors.push_back(
            {{"id", d.id}, {"message", d.message}, {"pointer", d.where.pointer}, {"hint", d.hint}});
    const std::string first = !plan            ? plan.error().message
                              : errors.empty() ? std::string("invalid plan")
                                               : errors.front()["message"].get<std::string>();
    return problem(c.res, 422, "Invalid plan", "the plan document is not valid: " + first, "body",
                   {{"errors", errors}});
  }
  if (plan->program.key != key)
    return problem(c.res, 422, "Wrong identity",
                   "the body is program '" + plan->program.key + "', not the path's '" + key +
                       "'; PUT it at its own path",
                   "key");
  auto* s = store_or_problem(c.res);
  if (!s) return;
  store::ApplyOptions opts;
  opts.prune = true;
  opts.actor = c.who.user;
  opts.source = "PUT " + c.req.path;
  opts.expected_revision = expected;  // 0: the program must not exist yet
  auto applied = s->apply(plan->program, opts);
  if (!applied && applied.error().code == codes::kConflict) {
    // Someone wrote first, the program exists already, or it is gone: 412 with what is there now.
    Json extra = Json::object();
    if (auto rev = s->revision(key); rev && *rev) extra["current_etag"] = etag(**rev);
    return problem(c.res, 412, "Precondition failed",
                   applied.error().message + (create ? "; replace it with If-Match"
                                                     : "; read it again and redo the change"),
                   create ? "If-None-Match" : "If-Match", extra);
  }
  if (!applied) return store_error(c.res, applied.error());
  c.audit_detail = "revision " + std::to_string(applied->revision);
  cache_.refresh(key, applied->revision);
  c.res.set_header("ETag", etag(applied->revision));
  send_json(c.res,
            {{"key", key},
             {"revision", applied->revision},
             {"written", applied->written},
             {"created", applied->diff.created()},
             {"updated", applied->diff.updated()},
             {"deleted", applied->diff.deleted()}},
            create ? 201 : 200);
}

// The program without the entity, applied with prune at the revision read: one transaction, in the
// history like any write; a program left invalid (e.g. a dependency on a deleted item) is a 422.
void Api::delete_entity(Call& c) {
  const std::string kind = collection_kind(c);
  if (kind.empty())
    return problem(c.res, 404, "Not found",
                   "no collection '" + collection_name(c) + "' to delete from here; use one of " +
                       c.route.collections,
                   "path");
  if (!c.req.has_header("If-Match"))
    return problem(c.res, 428, "Precondition required",
                   "send If-Match with the entity's ETag (GET it first) so no update is lost",
                   "If-Match");
  auto expected = parse_if_match(c.req.get_header_value("If-Match"));
  if (!expected) return problem(c.res, expected.error());
  auto* s = store_or_problem(c.res);
  if (!s) return;
  const std::string &program = c.param("program"), &key = c.param("key");
  auto rev = s->revision(program);
  if (!rev) return store_error(c.res, rev.error());
  auto current = s->entity(program, kind, key);
  if (!current) return store_error(c.res, current.error());
  if (!*current)
    return problem(c.res, 404, "Not found",
                   "program " + program + " has no " + kind + " '" + key + "'", "path");
  if (!manager_may_write(c, *s, kind, key, nullptr)) return;
  if ((*current)->version != *expected) return stale(c, *expected, **current);
  auto doc = s->load_document(program);
  if (!doc) return store_error(c.res, doc.error());
  auto rows = store::split_document(*doc);
  std::erase_if(rows, [&](const store::EntityRow& r) { return r.kind == kind && r.key == key; });
  store::sort_rows(rows);
  Diagnostics diags;
  auto plan = plan::read_canonical_plan_text(store::assemble_text(rows), program, diags,
                                             {.validate = false});
  if (!plan)
    return problem(c.res, 422, "Invalid entity",
                   "without " + kind + " '" + key + "' the program is not valid: " +
                       plan.error().message + "; change what refers to it first",
                   "path", {{"code", plan.error().code}});
  store::ApplyOptions opts;
  opts.prune = true;
  opts.actor = c.who.user;
  opts.source = "DELETE " + c.req.path;
  if (*rev) opts.expected_revision = **rev;
  auto applied = s->apply(plan->program, opts);
  if (!applied) return write_failed(c, *s, kind, *expected, applied.error());
  c.audit_detail = (*current)->body.dump();
  cache_.refresh(program, applied->revision);
  c.res.status = 204;
}

}  // namespace cairn::server

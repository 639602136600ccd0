// The routes, the limits, the access log and the graceful stop of `cairn serve`.
#include "server/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "base/codes.h"
#include "server/views.h"
#include "store/entity_doc.h"
#include "store/store.h"

namespace cairn::server {
namespace {

using Json = nlohmann::ordered_json;

std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop = true;
}

// RFC 9457 problem details; `param` names the bad field or query parameter.
void problem(httplib::Response& res, int status, const std::string& title,
             const std::string& detail, const std::string& param = {},
             Json extra = Json::object()) {
  Json p = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!param.empty()) p["param"] = param;
  for (auto& [k, v] : extra.items())
    p[k] = v;
  res.status = status;
  res.set_content(p.dump(), "application/problem+json");
}

void send_json(httplib::Response& res, const Json& body, int status = 200) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

std::string etag(int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

// Each worker thread keeps its own store connection.
class StorePool {
 public:
  explicit StorePool(std::string db) : db_(std::move(db)) {}
  Result<store::Store*> get() {
    thread_local std::unique_ptr<store::Store> s;
    if (!s) {
      auto opened = store::Store::open(db_, {.create = false});
      if (!opened) return std::unexpected(opened.error());
      s = std::move(*opened);
    }
    return s.get();
  }

 private:
  std::string db_;
};

void store_error(httplib::Response& res, const Error& e) {
  int status = 500;
  if (e.code == codes::kProgramNotFound) status = 404;
  if (e.code == codes::kConflict) status = 412;
  if (e.code == codes::kStoreBusy) status = 503;
  if (e.code == codes::kInvalidResult) status = 422;  // the program would be invalid
  Json extra = {{"code", e.code}};
  if (!e.where.pointer.empty()) extra["pointer"] = e.where.pointer;
  problem(res, status, status == 422 ? "Invalid entity" : "Store error", e.message, {}, extra);
}

// The `limit` (1..1000, default 100) and `cursor` (an offset) query parameters.
bool page_params(const httplib::Request& req, httplib::Response& res, size_t& limit,
                 size_t& offset) {
  limit = 100;
  offset = 0;
  auto number = [&](const char* name, size_t& out, size_t lo, size_t hi) {
    if (!req.has_param(name)) return true;
    const std::string v = req.get_param_value(name);
    size_t used = 0;
    unsigned long long n = 0;
    try {
      n = std::stoull(v, &used);
    } catch (...) {
      used = 0;
    }
    if (used == 0 || used != v.size() || n < lo || n > hi || v[0] == '-') {
      problem(res, 400, "Bad query parameter",
              std::string(name) + " must be a whole number from " + std::to_string(lo) + " to " +
                  std::to_string(hi) + ", not '" + v + "'",
              name);
      return false;
    }
    out = n;
    return true;
  };
  return number("limit", limit, 1, 1000) && number("cursor", offset, 0, 1u << 30);
}

// The fields a filter may name, and the item field a PATCH may change with its JSON type.
constexpr const char* kFilters[] = {"team", "state", "assignee", "kind", "owner"};
struct Writable {
  const char* field;
  Json::value_t type;  // null: any type (the store validates it)
};
constexpr Writable kItemWritable[] = {{"title", Json::value_t::string},
                                      {"state", Json::value_t::string},
                                      {"assignee", Json::value_t::string},
                                      {"estimate", Json::value_t::null}};

class Api {
 public:
  explicit Api(std::string db) : pool_(std::move(db)) {}

  void routes(httplib::Server& s) {
    s.Get("/healthz", [](const auto&, auto& res) { send_json(res, {{"status", "ok"}}); });
    s.Get("/readyz", [this](const auto&, auto& res) { ready(res); });
    s.Get("/api/v1/programs", [this](const auto&, auto& res) { programs(res); });
    s.Get(R"(/api/v1/programs/([^/]+))", [this](const auto& req, auto& res) { program(req, res); });
    s.Get(R"(/api/v1/programs/([^/]+)/([^/]+))",
          [this](const auto& req, auto& res) { collection_or_view(req, res); });
    s.Get(R"(/api/v1/programs/([^/]+)/([^/]+)/([^/]+))",
          [this](const auto& req, auto& res) { entity(req, res); });
    s.Patch(R"(/api/v1/programs/([^/]+)/items/([^/]+))",
            [this](const auto& req, auto& res) { patch_item(req, res); });
  }

 private:
  StorePool pool_;

  store::Store* store_or_problem(httplib::Response& res) {
    auto s = pool_.get();
    if (!s) {
      problem(res, 503, "Store unavailable", s.error().message, {}, {{"code", s.error().code}});
      return nullptr;
    }
    return *s;
  }

  void ready(httplib::Response& res) {
    auto* s = store_or_problem(res);
    if (!s) return;
    auto list = s->programs();
    if (!list) return problem(res, 503, "Store unavailable", list.error().message);
    send_json(res, {{"status", "ready"}, {"store", s->backend_name()}});
  }

  void programs(httplib::Response& res) {
    auto* s = store_or_problem(res);
    if (!s) return;
    auto list = s->programs();
    if (!list) return store_error(res, list.error());
    Json items = Json::array();
    for (const auto& p : *list)
      items.push_back({{"key", p.key},
                       {"name", p.name},
                       {"revision", p.revision},
                       {"updated_at", p.updated_at}});
    send_json(res, {{"items", items}});
  }

  void program(const httplib::Request& req, httplib::Response& res) {
    auto* s = store_or_problem(res);
    if (!s) return;
    auto doc = s->load_document(req.matches[1]);
    if (!doc) return store_error(res, doc.error());
    auto list = s->programs();
    if (!list) return store_error(res, list.error());
    for (const auto& p : *list)
      if (p.key == req.matches[1]) res.set_header("ETag", etag(p.revision));
    Json body = (*doc)["program"];
    send_json(res, body);
  }

  void collection_or_view(const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[2];
    const std::string kind = store::parse_kind(name);
    if (!kind.empty() && kind != "program" && kind != "budget" && name == store::kind_section(kind))
      return collection(req, res, name);
    const View* view = find_view(name);
    if (!view)
      return problem(res, 404, "Not found",
                     "no collection or view '" + name +
                         "'; collections: items, teams, people, "
                         "milestones, dependencies, risks, sprints; views: summary, forecast",
                     "path");
    auto* s = store_or_problem(res);
    if (!s) return;
    auto loaded = s->load(req.matches[1]);
    if (!loaded) return store_error(res, loaded.error());
    res.set_header("ETag", etag(loaded->revision));
    auto doc = view->make(loaded->program);
    if (!doc)
      return problem(res, 422, "View failed", doc.error().message, "path",
                     {{"code", doc.error().code}});
    send_json(res, *doc);
  }

  void collection(const httplib::Request& req, httplib::Response& res, const std::string& section) {
    size_t limit = 0, offset = 0;
    if (!page_params(req, res, limit, offset)) return;
    for (const auto& [k, v] : req.params) {
      bool known = k == "limit" || k == "cursor";
      for (const char* f : kFilters)
        known = known || k == f;
      if (!known)
        return problem(res, 400, "Bad query parameter",
                       "unknown query parameter '" + k +
                           "'; use limit, cursor, team, state, assignee, kind or owner",
                       k);
    }
    auto* s = store_or_problem(res);
    if (!s) return;
    auto doc = s->load_document(req.matches[1]);
    if (!doc) return store_error(res, doc.error());
    Json out = Json::array();
    size_t matched = 0;
    bool more = false;
    for (const auto& e : (*doc).value(section, Json::array())) {
      bool keep = true;
      for (const char* f : kFilters)
        if (req.has_param(f))
          keep = keep && e.contains(f) && e[f].is_string() && e[f] == req.get_param_value(f);
      if (!keep) continue;
      if (matched++ < offset) continue;
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.push_back(e);
    }
    Json body = {{"items", out}};
    body["next_cursor"] = more ? Json(std::to_string(offset + limit)) : Json(nullptr);
    send_json(res, body);
  }

  void entity(const httplib::Request& req, httplib::Response& res) {
    const std::string kind = store::parse_kind(std::string(req.matches[2]));
    if (kind.empty() || kind == "program" || kind == "budget")
      return problem(res, 404, "Not found", "no collection '" + std::string(req.matches[2]) + "'",
                     "path");
    auto* s = store_or_problem(res);
    if (!s) return;
    auto e = s->entity(req.matches[1], kind, req.matches[3]);
    if (!e) return store_error(res, e.error());
    if (!*e)
      return problem(res, 404, "Not found",
                     "program " + std::string(req.matches[1]) + " has no " + kind + " '" +
                         std::string(req.matches[3]) + "'",
                     "path");
    res.set_header("ETag", etag((*e)->version));
    send_json(res, (*e)->body);
  }

  void patch_item(const httplib::Request& req, httplib::Response& res) {
    if (!req.has_header("If-Match"))
      return problem(res, 428, "Precondition required",
                     "send If-Match with the item's ETag (GET it first) so no update is lost",
                     "If-Match");
    std::string tag = req.get_header_value("If-Match");
    int64_t expected = 0;
    if (tag.size() < 3 || tag.front() != '"' || tag.back() != '"' ||
        tag.find_first_not_of("0123456789", 1) != tag.size() - 1)
      return problem(res, 400, "Bad If-Match",
                     "If-Match must be the quoted ETag the item was read with, e.g. \"3\"",
                     "If-Match");
    expected = std::stoll(tag.substr(1, tag.size() - 2));
    Json patch = Json::parse(req.body, nullptr, false);
    if (patch.is_discarded() || !patch.is_object())
      return problem(res, 400, "Bad JSON", "the body must be one JSON object", "body");
    for (const auto& [k, v] : patch.items()) {
      const Writable* w = nullptr;
      for (const auto& c : kItemWritable)
        if (k == c.field) w = &c;
      if (!w)
        return problem(
            res, 422, "Unknown field",
            "an item's PATCH may set title, state, assignee or estimate, not '" + k + "'", k);
      if (w->type != Json::value_t::null && v.type() != w->type)
        return problem(res, 422, "Wrong type",
                       "'" + k + "' must be a string, not " + std::string(v.type_name()), k);
    }
    auto* s = store_or_problem(res);
    if (!s) return;
    const std::string program = req.matches[1], key = req.matches[2];
    auto current = s->entity(program, "item", key);
    if (!current) return store_error(res, current.error());
    if (!*current)
      return problem(res, 404, "Not found", "program " + program + " has no item '" + key + "'",
                     "path");
    auto stale = [&](const store::EntityRecord& now) {
      res.set_header("ETag", etag(now.version));
      problem(res, 412, "Precondition failed",
              "the item changed since it was read (version " + std::to_string(expected) + ", now " +
                  std::to_string(now.version) + "); merge and retry with the new ETag",
              "If-Match", {{"current", now.body}, {"current_etag", etag(now.version)}});
    };
    if ((*current)->version != expected) return stale(**current);
    Json body = (*current)->body;
    for (const auto& [k, v] : patch.items())
      body[k] = v;
    store::ApplyOptions opts;
    opts.actor = "api";
    opts.source = "PATCH " + req.path;
    auto written = s->put_entity(program, "item", key, body, expected, opts);
    if (!written) {
      if (written.error().code == codes::kConflict) {
        auto now = s->entity(program, "item", key);
        if (now && *now) return stale(**now);
      }
      return store_error(res, written.error());
    }
    res.set_header("ETag", etag(*written));
    send_json(res, body);
  }
};

void access_log(const httplib::Request& req, const httplib::Response& res,
                std::chrono::steady_clock::time_point start) {
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Json line = {{"method", req.method},      {"path", req.path},
               {"status", res.status},      {"ms", std::round(ms * 1000) / 1000},
               {"remote", req.remote_addr}, {"bytes", res.body.size()}};
  static std::mutex m;
  std::lock_guard lock(m);
  std::cerr << line.dump() << '\n';
}

}  // namespace

int serve(const ServerOptions& options, const std::function<void(int)>& on_listening) {
  httplib::Server svr;
  Api api(options.db);
  api.routes(svr);
  thread_local std::chrono::steady_clock::time_point started;
  svr.set_pre_routing_handler([](const auto&, auto&) {
    started = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_logger([](const auto& req, const auto& res) { access_log(req, res, started); });
  svr.set_error_handler([](const auto& req, auto& res) {
    if (!res.body.empty()) return;
    problem(res, res.status, res.status == 404 ? "Not found" : "Error",
            res.status == 404
                ? "no route " + req.method + " " + req.path
                : "the request was refused (status " + std::to_string(res.status) + ")",
            "path");
  });
  svr.set_exception_handler([](const auto&, auto& res, std::exception_ptr) {
    problem(res, 500, "Internal error", "the server failed on this request; see its log");
  });
  svr.set_payload_max_length(options.max_body_bytes);
  svr.set_read_timeout(options.timeout_seconds, 0);
  svr.set_write_timeout(options.timeout_seconds, 0);
  svr.set_keep_alive_max_count(1000);
  svr.set_tcp_nodelay(true);  // else delayed ACKs add ~40 ms to every keep-alive response
  if (options.threads > 0) {
    const size_t n = options.threads;
    svr.new_task_queue = [n] { return new httplib::ThreadPool(n); };
  }
  int port = options.port;
  if (port == 0) {
    port = svr.bind_to_any_port(options.host);
  } else if (!svr.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "cairn serve: cannot listen on " << options.host << ":" << options.port
              << " (in use, or not an address of this machine); pick another --listen\n";
    return 2;
  }
  g_stop = false;
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);
  std::thread watcher([&svr] {
    while (!g_stop)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    svr.stop();
  });
  on_listening(port);
  svr.listen_after_bind();
  g_stop = true;
  watcher.join();
  return 0;
}

}  // namespace cairn::server

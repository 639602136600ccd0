// `cairn serve`'s request pipeline: match the route table, authenticate the Bearer token, check the
// route's role, run the handler, then audit, count and log. Also the limits and the graceful stop.
#include "server/server.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "server/api.h"
#include "server/login.h"
#include "server/metrics.h"
#include "server/openapi.h"
#include "server/session.h"
#include "server/view_cache.h"

namespace cairn::server {
namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) {
  g_stop = true;
}

// What the logger (which runs after the handler, on the same thread) needs of the request.
struct Trace {
  std::chrono::steady_clock::time_point started;
  const Route* route = nullptr;
  std::string actor;
};
thread_local Trace t_trace;

class Pipeline {
 public:
  explicit Pipeline(const ServerOptions& options)
      : pool_(options.db),
        cache_(pool_, [](std::string_view view, double s) { metrics().recompute(view, s); }),
        api_(pool_, cache_) {}

  void dispatch(const httplib::Request& req, httplib::Response& res) {
    // Routed on the path as sent: a key with '/' (GitHub's owner/repo#42) keeps its %2F.
    const std::string_view target(req.target);
    auto m = match_route(req.method, target.substr(0, target.find('?')));
    if (!m.route) {
      return problem(
          res, m.other_method ? 405 : 404, m.other_method ? "Method not allowed" : "Not found",
          "no route " + req.method + " " + req.path + "; GET /api/v1/openapi.json lists the routes",
          "path");
    }
    t_trace.route = m.route;
    auto query = parse_query(req.target);
    if (!query) return problem(res, query.error());
    Call c{req, res, *m.route, std::move(m.params), std::move(*query), {}, {}};
    if (!authenticate(c)) return;
    if (int denied = authorize(c.route, c.who, c.params); denied != 0) {
      if (denied == 401) res.set_header("WWW-Authenticate", "Bearer");
      problem(res, denied, denied == 401 ? "Unauthorized" : "Forbidden",
              denied == 401
                  ? "this route needs a token: send Authorization: Bearer TOKEN (make "
                    "one with cairn token create)"
                  : "'" + c.who.user + "' needs the role " + to_string(c.route.min_role) +
                        " or higher here" +
                        (c.params.count("program") ? " on program " + c.params.at("program")
                                                   : std::string()),
              "Authorization");
      return audit(c);
    }
    if (c.route.handler == Handler::kOpenapi) return send_json(res, openapi_document());
    if (c.route.handler == Handler::kMetrics)
      return res.set_content(metrics().text(), "text/plain; version=0.0.4");
    api_.handle(c);
    if (c.route.writes) audit(c);
  }

 private:
  // Sets c.who from the Bearer token or session cookie (server/session.h); false (after a
  // 401/403/503 problem) when they do not pass.
  bool authenticate(Call& c) {
    t_trace.actor = "anonymous";
    const AuthResult r = server::authenticate(c, [&] { return api_.store_or_problem(c.res); });
    if (r == AuthResult::kRefused) audit(c);
    if (r != AuthResult::kOk) return false;
    if (!c.who.anonymous()) t_trace.actor = c.who.user;
    return true;
  }

  // One audit row: who, when, what, from where, the answer, and why (a problem) or what changed.
  void audit(Call& c) {
    audit(c.who.anonymous() ? "anonymous" : c.who.user, c.req, c.res, c.audit_detail);
  }

 public:
  // A write refused before it reached the pipeline (a body over --max-body): audited as anonymous,
  // its token not having been read.
  void audit_refused_write(const httplib::Request& req, const httplib::Response& res) {
    if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
        req.method == "DELETE")
      audit("anonymous", req, res, {});
  }

 private:
  void audit(const std::string& actor, const httplib::Request& req, const httplib::Response& res,
             const std::string& detail) {
    store::AuditEntry e;
    e.actor = utf8_safe(actor);
    e.action = utf8_safe(req.method + " " + req.path);
    e.remote = req.remote_addr;
    e.status = res.status;
    if (res.status >= 400) {
      auto p = Json::parse(res.body, nullptr, false);
      e.detail = p.is_object() ? p.value("detail", "") : "";
    } else {
      e.detail = utf8_safe(detail.substr(0, 4096));
    }
    auto s = pool_.get();
    if (!s || !(*s)->audit(e)) {
      metrics().store_error();
      std::cerr << "cairn serve: could not write the audit row for " << e.action << "\n";
    }
  }

  StorePool pool_;
  ViewCache cache_;
  Api api_;
};

void access_log(const httplib::Request& req, const httplib::Response& res) {
  const double s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_trace.started).count();
  metrics().request(t_trace.route ? t_trace.route->path : "unmatched", req.method, res.status, s);
  Json line = {{"method", req.method},      {"path", req.path},
               {"status", res.status},      {"ms", std::round(s * 1e6) / 1000},
               {"remote", req.remote_addr}, {"bytes", res.body.size()},
               {"user", t_trace.actor}};
  static std::mutex m;
  std::lock_guard lock(m);
  std::cerr << dump(line) << '\n';
}

}  // namespace

int serve(const ServerOptions& options, const std::function<void(int)>& on_listening) {
  httplib::Server svr;
  Pipeline pipeline(options);
  set_secure_cookies(options.secure_cookies);
  auto handler = [&pipeline](const httplib::Request& req, httplib::Response& res) {
    pipeline.dispatch(req, res);
  };
  svr.Get(".*", handler);
  svr.Post(".*", handler);
  svr.Put(".*", handler);
  svr.Patch(".*", handler);
  svr.Delete(".*", handler);
  svr.set_pre_routing_handler([](const auto&, auto&) {
    t_trace = {std::chrono::steady_clock::now(), nullptr, "anonymous"};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  svr.set_logger([](const auto& req, const auto& res) { access_log(req, res); });
  svr.set_error_handler([&pipeline, &options](const auto& req, auto& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) {
      problem(res, 413, "Content too large",
              "the body is larger than the server's --max-body (" +
                  std::to_string(options.max_body_bytes) + " bytes)",
              "body");
      return pipeline.audit_refused_write(req, res);
    }
    problem(res, res.status, res.status == 404 ? "Not found" : "Error",
            "the request was refused (status " + std::to_string(res.status) + ") for " +
                req.method + " " + req.path,
            "path");
  });
  svr.set_exception_handler([](const auto& req, auto& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "cairn serve: " << utf8_safe(req.method + " " + req.path) << " failed: " << what
              << "\n";
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

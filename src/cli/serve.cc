// `cairn serve [--db URL] [--listen HOST:PORT]`: the HTTP API over a store (docs/server.md).
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "cli/server_plugin.h"
#include "store/store.h"

namespace cairn::cli {

void register_serve(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("serve", "Serve the store's programs over HTTP (REST API)");
  auto db = std::make_shared<std::string>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto opts = std::make_shared<server::ServerOptions>();
  add_db_option(cmd, *db);
  cmd->add_option("--listen", *listen,
                  "HOST:PORT to listen on; port 0 picks a free port and prints it first")
      ->capture_default_str();
  cmd->add_option("--max-body", opts->max_body_bytes, "Largest request body in bytes")
      ->capture_default_str();
  cmd->add_option("--timeout", opts->timeout_seconds, "Read/write timeout per request, seconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--threads", opts->threads, "Worker threads (0: the library's default)");
  cmd->add_flag("--secure-cookies", opts->secure_cookies,
                "Mark session cookies Secure (set this when TLS ends at a proxy)");
  cmd->callback([&ctx, db, listen, opts] {
    const auto colon = listen->rfind(':');
    int port = -1;
    if (colon != std::string::npos) {
      try {
        size_t used = 0;
        port = std::stoi(listen->substr(colon + 1), &used);
        if (used != listen->size() - colon - 1) port = -1;
      } catch (...) {
        port = -1;
      }
    }
    if (port < 0 || port > 65535 || colon == 0) {
      fail_usage("--listen: '" + *listen + "' is not HOST:PORT", ctx.exit_code,
                 "e.g. 127.0.0.1:8080; port 0 picks a free one");
      return;
    }
    // Open once here so a missing or damaged store fails at start, not at the first request.
    const std::string location = db->empty() ? store::default_location() : *db;
    if (!open_store_or_report(location, false, ctx.exit_code)) return;
    const server::PluginApi* api = server_plugin_or_report(ctx.exit_code);
    if (!api) return;
    opts->db = location;
    opts->host = listen->substr(0, colon);
    opts->port = port;
    ctx.exit_code = api->serve(*opts, [](int bound) {
      std::cout << bound << std::endl;  // the first stdout line: the port (tests use port 0)
    });
  });
}

}  // namespace cairn::cli

// `cairn serve`: the HTTP API over a store (docs/server.md).
//
// One process serves one store. Requests run on the HTTP library's worker threads; each worker
// opens its own store connection (a store::Store is one connection, used by one thread at a time).
// Every response body is JSON: a report document, a stored entity, or an RFC 9457 problem.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace cairn::server {

struct ServerOptions {
  std::string db;                   // a SQLite path or a postgresql:// URL
  std::string host = "127.0.0.1";   // the address to listen on
  int port = 8080;                  // 0: pick a free port
  size_t max_body_bytes = 1 << 20;  // larger request bodies get 413
  int timeout_seconds = 10;         // read and write timeout per request
  size_t threads = 0;               // worker threads; 0: the library's default
  bool secure_cookies = false;      // session cookies always `Secure` (TLS at a proxy)
};

// Binds, calls `on_listening` with the bound port, then serves until SIGTERM or SIGINT, finishing
// the requests in flight. Returns 0 after a clean stop, 2 when it could not bind.
int serve(const ServerOptions& options, const std::function<void(int port)>& on_listening);

}  // namespace cairn::server

// The server plugin's interface: what the cairn executable calls in libcairn_server.so.
//
// The HTTP server and the commands that need its cryptography (`cairn serve`, `token create`,
// `user set-password`) live in a plugin (src/server/plugin/entry.cc), loaded the first time one of
// them runs (cli/server_plugin.cc): cpp-httplib, OpenSSL (TLS and libcrypto), brotli, zlib and
// libsodium cost about 9 ms at every start of a process that links them, which every other command
// (`check`, `schedule`, `forecast`, ...) no longer pays. This header is the only part of the
// server module the CLI includes (tests/module_deps_test.py allows it): plain declarations, no
// code. The executable and the plugin are built together from one tree with one compiler, so the
// interface passes C++ types (as libcairn_store_pg.so does); `abi` guards against a stale plugin.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "server/server.h"

namespace cairn::server {

constexpr int kPluginAbi = 1;
constexpr const char* kPluginFile = "libcairn_server.so";
constexpr const char* kPluginEntry = "cairn_server_plugin";

struct PluginApi {
  int abi = kPluginAbi;
  // server.h
  int (*serve)(const ServerOptions& options, const std::function<void(int port)>& on_listening);
  // access.h: whether `text` names a role, the role names for messages, a new API token, the
  // SHA-256 the store keeps of a token.
  bool (*is_role)(std::string_view text);
  const char* (*role_names)();
  Result<std::string> (*new_token)();
  std::string (*hash_token)(std::string_view token);
  // session.h: the argon2id hash of a password, and the shortest password accepted.
  Result<std::string> (*hash_password)(std::string_view password);
  size_t min_password_length;
};

}  // namespace cairn::server

// The entry point: the plugin's interface (a static object).
extern "C" const cairn::server::PluginApi* cairn_server_plugin();

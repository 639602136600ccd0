// The entry point of libcairn_server.so (server/plugin.h): built into the plugin only.
#include "server/access.h"
#include "server/plugin.h"
#include "server/server.h"
#include "server/session.h"

extern "C" __attribute__((visibility("default"))) const cairn::server::PluginApi*
cairn_server_plugin() {
  using namespace cairn::server;
  static const PluginApi api{
      kPluginAbi,
      &serve,
      [](std::string_view text) { return parse_role(text).has_value(); },
      &role_names,
      &new_token,
      &hash_token,
      &hash_password,
      kMinPasswordLength,
  };
  return &api;
}

// The server plugin (server/plugin.h) as the CLI loads it: `serve`, `token create` and
// `user set-password` call the server's code through it.
#pragma once

#include "server/plugin.h"

namespace cairn::cli {

// The plugin's interface, loaded on first use; when it cannot be loaded (not installed, or from
// another build), prints `server-plugin-missing` with where it was looked for and sets
// exit_code = 2, returning null.
const server::PluginApi* server_plugin_or_report(int& exit_code);

}  // namespace cairn::cli

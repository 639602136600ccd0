#include "cli/server_plugin.h"

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/output.h"
#include "store/plugin.h"

namespace cairn::cli {

const server::PluginApi* server_plugin_or_report(int& exit_code) {
  const store::LoadedPlugin& p = store::load_plugin(server::kPluginFile, server::kPluginEntry);
  std::string why = p.why;
  const server::PluginApi* api = nullptr;
  if (p.entry) {
    api = reinterpret_cast<const server::PluginApi* (*)()>(p.entry)();
    if (api && api->abi != server::kPluginAbi) {
      why = fmt::format("{} is from another build (interface {}, this cairn needs {})",
                        server::kPluginFile, api->abi, server::kPluginAbi);
      api = nullptr;
    }
  }
  if (api) return api;
  fail(make_error(std::string(codes::kServerPluginMissing),
                  fmt::format("the server is not available: {}", why), {},
                  fmt::format("install {} next to the cairn executable (or in {} from there), or "
                              "set CAIRN_PLUGIN_DIR to its folder",
                              server::kPluginFile, store::installed_plugin_dir()))
           .error(),
       exit_code);
  return nullptr;
}

}  // namespace cairn::cli

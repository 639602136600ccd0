// Opens a PostgreSQL store through the plugin libcairn_store_pg.so (see backend.h), so that a
// process that never opens one does not load libpq and its TLS, Kerberos and LDAP libraries.
#include <fmt/format.h>

#include "base/codes.h"
#include "store/backend.h"
#include "store/plugin.h"

namespace cairn::store {
namespace {

using OpenFn = void (*)(const std::string*, Result<std::unique_ptr<Backend>>*);
constexpr const char* kPlugin = "libcairn_store_pg.so";

}  // namespace

Result<std::unique_ptr<Backend>> open_postgres(const std::string& url, const OpenOptions&) {
  const LoadedPlugin& p = load_plugin(kPlugin, "cairn_store_open_postgres");
  if (!p.entry)
    return make_error(codes::kStorePluginMissing,
                      fmt::format("PostgreSQL support is not available: {}", p.why), {},
                      fmt::format("install {} next to the cairn executable (or in {} from "
                                  "there), or set CAIRN_PLUGIN_DIR to its folder",
                                  kPlugin, installed_plugin_dir()));
  Result<std::unique_ptr<Backend>> out =
      make_error(codes::kStoreError, "the plugin returned nothing");
  reinterpret_cast<OpenFn>(p.entry)(&url, &out);
  return out;
}

}  // namespace cairn::store

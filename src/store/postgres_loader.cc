// Opens a PostgreSQL store through the plugin libcairn_store_pg.so (see backend.h), so that a
// process that never opens one does not load libpq and its TLS, Kerberos and LDAP libraries.
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "base/codes.h"
#include "store/backend.h"

namespace cairn::store {
namespace {

namespace fs = std::filesystem;

using OpenFn = void (*)(const std::string*, Result<std::unique_ptr<Backend>>*);
constexpr const char* kPlugin = "libcairn_store_pg.so";

// The installed plugin's folder relative to the installed executable's (CMakeLists.txt computes it
// from GNUInstallDirs' bindir and libdir).
#ifndef CAIRN_PLUGIN_REL_DIR
#define CAIRN_PLUGIN_REL_DIR "../lib/cairn"
#endif
constexpr const char* kInstalledRelDir = CAIRN_PLUGIN_REL_DIR;

// True when `path` is `dir` or below it.
bool is_within(const fs::path& path, const fs::path& dir) {
  fs::path rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

std::vector<fs::path> plugin_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("CAIRN_PLUGIN_DIR"); env && *env) dirs.emplace_back(env);
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  bool exe_known = !ec;
  if (exe_known) {
    dirs.push_back(exe.parent_path());
    dirs.push_back((exe.parent_path() / kInstalledRelDir).lexically_normal());
  }
#ifdef CAIRN_PLUGIN_BUILD_DIR
  // The build folder serves the executables built in it (tests and benchmarks sit in its
  // subfolders); an installed cairn never loads a plugin from the tree it was built in.
  fs::path build = fs::weakly_canonical(CAIRN_PLUGIN_BUILD_DIR, ec);
  if (ec) build = CAIRN_PLUGIN_BUILD_DIR;
  if (!exe_known || is_within(exe, build)) dirs.push_back(build);
#endif
  std::vector<fs::path> unique;
  for (auto& d : dirs)
    if (std::find(unique.begin(), unique.end(), d) == unique.end()) unique.push_back(std::move(d));
  return unique;
}

struct Plugin {
  OpenFn open = nullptr;
  std::string why;  // why it could not be loaded
};

const Plugin& plugin() {
  static Plugin p;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string tried;
    for (const fs::path& dir : plugin_dirs()) {
      fs::path path = dir / kPlugin;
      std::error_code ec;
      if (!fs::exists(path, ec)) {
        tried += fmt::format("{}{}", tried.empty() ? "" : ", ", path.string());
        continue;
      }
      void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (!h) {
        p.why = fmt::format("cannot load {}: {}", path.string(), dlerror());
        return;
      }
      p.open = reinterpret_cast<OpenFn>(dlsym(h, "cairn_store_open_postgres"));
      if (!p.open)
        p.why = fmt::format("{} has no entry point cairn_store_open_postgres", path.string());
      return;  // the library stays loaded for the life of the process
    }
    p.why = fmt::format("{} was not found (looked for {})", kPlugin, tried);
  });
  return p;
}

}  // namespace

Result<std::unique_ptr<Backend>> open_postgres(const std::string& url, const OpenOptions&) {
  const Plugin& p = plugin();
  if (!p.open)
    return make_error(codes::kStorePluginMissing,
                      fmt::format("PostgreSQL support is not available: {}", p.why), {},
                      fmt::format("install {} next to the cairn executable (or in {} from "
                                  "there), or set CAIRN_PLUGIN_DIR to its folder",
                                  kPlugin, kInstalledRelDir));
  Result<std::unique_ptr<Backend>> out =
      make_error(codes::kStoreError, "the plugin returned nothing");
  p.open(&url, &out);
  return out;
}

}  // namespace cairn::store

#include "store/plugin.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace cairn::store {
namespace {

namespace fs = std::filesystem;

// The installed plugin's folder relative to the installed executable's (CMakeLists.txt computes it
// from GNUInstallDirs' bindir and libdir).
#ifndef CAIRN_PLUGIN_REL_DIR
#define CAIRN_PLUGIN_REL_DIR "../lib/cairn"
#endif

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
    dirs.push_back((exe.parent_path() / CAIRN_PLUGIN_REL_DIR).lexically_normal());
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

LoadedPlugin load(const std::string& file, const std::string& entry) {
  LoadedPlugin p;
  std::string tried;
  for (const fs::path& dir : plugin_dirs()) {
    fs::path path = dir / file;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      tried += fmt::format("{}{}", tried.empty() ? "" : ", ", path.string());
      continue;
    }
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      p.why = fmt::format("cannot load {}: {}", path.string(), dlerror());
      return p;
    }
    p.entry = dlsym(h, entry.c_str());
    if (!p.entry) p.why = fmt::format("{} has no entry point {}", path.string(), entry);
    return p;  // the library stays loaded for the life of the process
  }
  p.why = fmt::format("{} was not found (looked for {})", file, tried);
  return p;
}

}  // namespace

const LoadedPlugin& load_plugin(const std::string& file, const std::string& entry) {
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, LoadedPlugin> loaded;
  std::lock_guard lock(mu);
  auto key = std::make_pair(file, entry);
  auto it = loaded.find(key);
  if (it == loaded.end()) it = loaded.emplace(key, load(file, entry)).first;
  return it->second;  // std::map nodes do not move
}

const char* installed_plugin_dir() {
  return CAIRN_PLUGIN_REL_DIR;
}

}  // namespace cairn::store

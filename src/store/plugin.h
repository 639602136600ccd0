// Cairn's plugins: shared libraries loaded (dlopen) the first time a process needs them, so that
// a process that never does pays nothing for their libraries at start-up. Two exist:
// libcairn_store_pg.so (PostgreSQL stores, loaded by store/postgres_loader.cc) and
// libcairn_server.so (`cairn serve` and the token and password commands, loaded by the CLI).
#pragma once

#include <string>

namespace cairn::store {

// Where a plugin is looked for, in order: $CAIRN_PLUGIN_DIR, the folder of the running
// executable, its installed plugin folder (../lib/cairn by default, see CMakeLists.txt), and the
// build folder for executables built in it.
struct LoadedPlugin {
  void* entry = nullptr;  // the entry point's address; null when the plugin could not be loaded
  std::string why;        // why not: not found (with the paths tried), not loadable, no entry
};

// Loads `file` and looks up the C symbol `entry`. Thread-safe; each (file, entry) pair is loaded
// once per process and stays loaded.
const LoadedPlugin& load_plugin(const std::string& file, const std::string& entry);

// The installed plugin folder relative to the executable's, for messages ("../lib/cairn").
const char* installed_plugin_dir();

}  // namespace cairn::store

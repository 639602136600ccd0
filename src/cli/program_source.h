// Where an analysis command (flow, sprints, evm) takes its program from: plan files, or a stored
// program (`--db`, `--program`) when no file is given. The store stays open for commands that
// read more of it (evm: the newest baseline).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "model/program.h"
#include "store/store.h"

namespace cairn::cli {

struct ProgramSource {
  std::vector<std::string> files;
  std::string db;
  std::string program;
};

struct LoadedProgram {
  Program program;
  std::unique_ptr<store::Store> store;  // set when the program came from the store
  std::string key;
};

// Adds FILE... (not required), --db and --program.
CLI::Option* add_program_source(CLI::App* cmd, ProgramSource& src);
// Reads the files, or the stored program when there are none; prints the error and sets
// exit_code (2) on failure.
std::optional<LoadedProgram> load_program_source(const ProgramSource& src, int& exit_code);

}  // namespace cairn::cli

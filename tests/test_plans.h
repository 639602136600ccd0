// Plans for cross-module tests: reading a plan file or a scenario file's plan, and a generated
// program whose deadlines can all be met (bench/gen_deadline_program.py: fixed estimates, a known
// on-time schedule). Header only; each test binary defines CAIRN_SOURCE_DIR.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "model/program.h"
#include "plan/plan.h"

namespace cairn::test_plans {

// The text of a file (empty when it cannot be read).
inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A scenario file's plan: its text without the top-level `expect:` section (the key and its
// indented block).
inline std::string strip_expect(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  bool skipping = false;
  while (std::getline(in, line)) {
    bool top = !line.empty() && line[0] != ' ' && line[0] != '#';
    if (top) skipping = line.rfind("expect:", 0) == 0;
    if (!skipping) out += line + "\n";
  }
  return out;
}

inline Program load_plan(const std::filesystem::path& path) {
  Diagnostics diags;
  auto plan = plan::read_plan({path.string()}, diags);
  EXPECT_TRUE(plan) << path << ": " << (plan ? "" : plan.error().to_string());
  return plan ? plan->program : Program{};
}

inline Program generated_program(int items, int seed) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() /
      ("cairn_generated_" + std::to_string(items) + "_" + std::to_string(seed) + "_" +
       std::to_string(::getpid()) + ".yaml");
  const std::string cmd = "python3 " CAIRN_SOURCE_DIR "/bench/gen_deadline_program.py --items " +
                          std::to_string(items) + " --seed " + std::to_string(seed) + " > " +
                          out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  Program p = load_plan(out);
  std::filesystem::remove(out);
  return p;
}

}  // namespace cairn::test_plans

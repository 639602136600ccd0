// Plans for cross-module tests: reading a plan file, and a generated program whose deadlines can
// all be met (bench/gen_deadline_program.py: fixed estimates, a known on-time schedule). Header
// only; each test binary defines CAIRN_SOURCE_DIR.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "model/program.h"
#include "plan/plan.h"

namespace cairn::test_plans {

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

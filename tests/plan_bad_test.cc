// Runs every bad plan under testdata/plans/bad/: each states, in `# expect: ID LINE` comments, the
// diagnostics the reader must produce. Every error must be expected; unlisted warnings are allowed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "io/plan_yaml.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

struct Expect {
  std::string id;
  int line;
  bool operator==(const Expect&) const = default;
};

std::vector<std::string> bad_plans() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(CAIRN_SOURCE_DIR) / "testdata/plans/bad"))
    if (e.path().extension() == ".yaml") out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class BadPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(BadPlan, ReportsTheStatedDiagnostics) {
  fs::path path = fs::path(CAIRN_SOURCE_DIR) / "testdata/plans/bad" / GetParam();
  std::ifstream in(path);
  std::vector<Expect> expected;
  std::regex re(R"(^# expect: ([a-z0-9-]+) (\d+)\s*$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, re)) expected.push_back({m[1], std::stoi(m[2])});
  }
  ASSERT_FALSE(expected.empty()) << "no # expect: lines in " << path;
  Diagnostics diags;
  auto plan = io::read_plan({path.string()}, diags);
  if (!plan) diags.add_error(plan.error());
  std::vector<Expect> got;
  std::string report;
  for (const auto& d : diags.items()) {
    got.push_back({d.id, d.where.line});
    report += format_diagnostic(d) + "\n";
  }
  for (const auto& e : expected)
    EXPECT_NE(std::find(got.begin(), got.end(), e), got.end())
        << "missing " << e.id << " at line " << e.line << "; got:\n"
        << report;
  for (const auto& d : diags.items()) {
    if (d.severity != Severity::kError) continue;
    Expect e{d.id, d.where.line};
    EXPECT_NE(std::find(expected.begin(), expected.end(), e), expected.end())
        << "unexpected error: " << format_diagnostic(d);
  }
}

INSTANTIATE_TEST_SUITE_P(Plans, BadPlan, ::testing::ValuesIn(bad_plans()), [](const auto& info) {
  std::string n = info.param.substr(0, info.param.size() - 5);
  std::replace(n.begin(), n.end(), '-', '_');
  return n;
});

}  // namespace
}  // namespace cairn

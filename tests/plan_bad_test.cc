// Runs every bad plan under testdata/plans/bad/: each states, in `# expect: ID LINE` comments, the
// diagnostics the reader must produce. Every error must be expected; unlisted warnings are allowed.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "plan/canonical.h"
#include "plan/plan.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

struct Expect {
  std::string id;
  int line;
  bool operator==(const Expect&) const = default;
};

std::vector<std::string> bad_plans(const char* extension = ".yaml") {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(fs::path(CAIRN_SOURCE_DIR) / "testdata/plans/bad"))
    if (e.path().extension() == extension) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::string test_name(std::string file) {
  file = file.substr(0, file.rfind('.'));
  std::replace(file.begin(), file.end(), '-', '_');
  return file;
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
  auto plan = plan::read_plan({path.string()}, diags);
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

INSTANTIATE_TEST_SUITE_P(Plans, BadPlan, ::testing::ValuesIn(bad_plans()),
                         [](const auto& info) { return test_name(info.param); });

// Canonical JSON documents (what the store loads) read by the canonical reader: FILE.expect lists
// `ID JSON-POINTER` per line; every error must be listed and every listed one reported.
class BadCanonicalPlan : public ::testing::TestWithParam<std::string> {};

TEST_P(BadCanonicalPlan, ReportsTheStatedPointers) {
  fs::path path = fs::path(CAIRN_SOURCE_DIR) / "testdata/plans/bad" / GetParam();
  std::ifstream expect_in(path.string() + ".expect");
  ASSERT_TRUE(expect_in) << "no " << path << ".expect";
  std::vector<std::pair<std::string, std::string>> expected;
  for (std::string id, pointer; expect_in >> id;) {
    if (id.starts_with("#")) {
      std::getline(expect_in, pointer);
      continue;
    }
    expect_in >> pointer;
    expected.emplace_back(id, pointer);
  }
  ASSERT_FALSE(expected.empty());
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Diagnostics diags;
  auto plan = plan::read_canonical_plan_text(text, path.string(), diags);
  ASSERT_TRUE(plan) << plan.error().message;
  std::vector<std::pair<std::string, std::string>> errors;
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError) errors.emplace_back(d.id, d.where.pointer);
  for (const auto& e : expected)
    EXPECT_NE(std::find(errors.begin(), errors.end(), e), errors.end())
        << "missing " << e.first << " at " << e.second;
  for (const auto& e : errors)
    EXPECT_NE(std::find(expected.begin(), expected.end(), e), expected.end())
        << "unexpected error " << e.first << " at " << e.second;
}

INSTANTIATE_TEST_SUITE_P(Plans, BadCanonicalPlan, ::testing::ValuesIn(bad_plans(".json")),
                         [](const auto& info) { return test_name(info.param); });

}  // namespace
}  // namespace cairn

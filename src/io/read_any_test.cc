#include "io/read_any.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace cairn::io {
namespace {

namespace fs = std::filesystem;
const std::string kSource = CAIRN_SOURCE_DIR;
const std::string kShared = std::string(CAIRN_SHARED_DIR) + "/data/mspdi";

TEST(ReadAny, FormatNamesRoundTrip) {
  for (InputFormat f : {InputFormat::kPlan, InputFormat::kPlanJson, InputFormat::kTjp,
                        InputFormat::kMspdi, InputFormat::kJiraCsv, InputFormat::kGithubJson})
    EXPECT_EQ(parse_input_format(to_string(f)), f);
  EXPECT_EQ(parse_input_format("YAML"), InputFormat::kPlan);
  EXPECT_EQ(parse_input_format("taskjuggler"), InputFormat::kTjp);
  EXPECT_FALSE(parse_input_format("excel"));
}

TEST(ReadAny, DetectsByContentBeforeName) {
  bool content = false;
  EXPECT_EQ(
      detect_input_format("<?xml version=\"1.0\"?>\n<Project xmlns=\"x\">", "a.csv", &content),
      InputFormat::kMspdi);
  EXPECT_TRUE(content);
  EXPECT_EQ(detect_input_format("[{\"number\": 1}]", "a.yaml"), InputFormat::kGithubJson);
  EXPECT_EQ(detect_input_format("{\n \"issues\": [], \"events\": []}", "a.json"),
            InputFormat::kGithubJson);
  EXPECT_EQ(detect_input_format("{\n  \"program\": {\"key\": \"A\"}}", "a.txt"),
            InputFormat::kPlanJson);
  EXPECT_EQ(detect_input_format("\xEF\xBB\xBFSummary,Issue key\r\nx,A-1\r\n", "a.txt"),
            InputFormat::kJiraCsv);
  EXPECT_EQ(detect_input_format("/* c */\n# c\nproject p \"P\" 2024-01-01 +1m {}\n", "a.txt"),
            InputFormat::kTjp);
  EXPECT_EQ(detect_input_format("macro m [ x ]\n", "a.txt"), InputFormat::kTjp);
  EXPECT_EQ(detect_input_format("# plan\n---\nprogram:\n  key: A\n", "a.txt"), InputFormat::kPlan);
  EXPECT_EQ(detect_input_format("include: [teams.yaml]\n", "a.txt"), InputFormat::kPlan);
  // The name decides only when the content does not.
  EXPECT_EQ(detect_input_format("task t \"T\" {}\n", "a.yaml"), InputFormat::kTjp);
  EXPECT_EQ(detect_input_format("", "a.tji", &content), InputFormat::kTjp);
  EXPECT_FALSE(content);
  EXPECT_EQ(detect_input_format("a,b\n", "a.csv"), InputFormat::kJiraCsv);
  EXPECT_FALSE(detect_input_format("<html></html>", "a.xml"));
  EXPECT_FALSE(detect_input_format("hello world", "a.txt"));
}

struct Case {
  std::string path;
  InputFormat format;
};

// Every sample file of every format reads, told by content alone.
TEST(ReadAny, ReadsEveryFormatWithoutAHint) {
  std::vector<Case> cases = {
      {kSource + "/testdata/import/jira_small.csv", InputFormat::kJiraCsv},
      {kSource + "/testdata/import/github_issues.json", InputFormat::kGithubJson},
      {kSource + "/testdata/import/mspdi_small.xml", InputFormat::kMspdi},
      {kSource + "/testdata/tjp/semantics/gaps.tjp", InputFormat::kTjp},
      {kSource + "/examples/atlas", InputFormat::kPlan},
  };
  ASSERT_TRUE(fs::exists(kShared)) << "no shared data at " << kShared;
  for (const auto& e : fs::directory_iterator(kShared))
    if (e.path().extension() == ".xml") cases.push_back({e.path().string(), InputFormat::kMspdi});
  for (const Case& c : cases) {
    Diagnostics diags;
    auto in = read_any({c.path}, std::nullopt, diags);
    ASSERT_TRUE(in) << c.path << ": " << in.error().to_string();
    EXPECT_EQ(in->format, c.format) << c.path;
    EXPECT_FALSE(in->plan.program.key.empty()) << c.path;
    // Some of MS Project's sample files hold only calendars or resources.
    if (c.path.find(kShared) != 0) {
      EXPECT_FALSE(in->plan.program.items.empty()) << c.path;
    }
    if (c.format != InputFormat::kPlan) {
      EXPECT_EQ(in->plan.files.front(), c.path);
    }
    EXPECT_FALSE(diags.has_errors()) << c.path;
  }
}

TEST(ReadAny, CanonicalJsonPlanReadsAsThePlan) {
  Diagnostics diags;
  auto yaml = read_any({kSource + "/examples/atlas"}, std::nullopt, diags);
  ASSERT_TRUE(yaml);
  const fs::path tmp = fs::temp_directory_path() / "cairn_read_any_plan.json";
  std::ofstream(tmp) << plan::write_plan_json(yaml->plan.program);
  auto json = read_any({tmp.string()}, std::nullopt, diags);
  ASSERT_TRUE(json) << json.error().to_string();
  EXPECT_EQ(json->format, InputFormat::kPlanJson);
  EXPECT_EQ(plan::write_plan_json(json->plan.program), plan::write_plan_json(yaml->plan.program));
  fs::remove(tmp);
}

TEST(ReadAny, AWrongHintNamesWhatWasDetected) {
  Diagnostics diags;
  auto in = read_any({kSource + "/testdata/import/mspdi_small.xml"}, InputFormat::kJiraCsv, diags);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "unknown-format");
  EXPECT_NE(in.error().message.find("mspdi"), std::string::npos) << in.error().message;
  EXPECT_NE(in.error().message.find("jira-csv"), std::string::npos) << in.error().message;
  EXPECT_NE(in.error().hint.find("github-json"), std::string::npos) << in.error().hint;
  // A hint that agrees, or one for content that tells nothing, is followed.
  EXPECT_TRUE(read_any({kSource + "/testdata/import/mspdi_small.xml"}, InputFormat::kMspdi, diags));
}

TEST(ReadAny, UndetectableAndMixedInputAreErrors) {
  const fs::path tmp = fs::temp_directory_path() / "cairn_read_any_note.txt";
  std::ofstream(tmp) << "hello world\n";
  Diagnostics diags;
  auto in = read_any({tmp.string()}, std::nullopt, diags);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "unknown-format");
  EXPECT_EQ(in.error().where.file, tmp.string());
  fs::remove(tmp);
  in =
      read_any({kSource + "/examples/atlas/plan.yaml", kSource + "/testdata/import/jira_small.csv"},
               std::nullopt, diags);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "usage");
  EXPECT_NE(in.error().message.find("jira-csv"), std::string::npos);
  in = read_any({}, std::nullopt, diags);
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().code, "usage");
}

size_t count(const Diagnostics& diags, const std::string& id) {
  return static_cast<size_t>(std::count_if(diags.items().begin(), diags.items().end(),
                                           [&](const Diagnostic& d) { return d.id == id; }));
}

// An import runs the limit checks itself and read_any the rest of validate(): each finding is
// reported once per read, a limit finding too, and a second read into the same Diagnostics
// reports its own findings again (they were once dropped as "already seen").
TEST(ReadAny, ImportFindingsAreReportedOncePerRead) {
  std::ifstream in(kSource + "/testdata/import/jira_small.csv");
  std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // PAY-1's Original Estimate (seconds): about 35 million working days, past the limit.
  const std::string row = "Card payments,PAY-1,10001,";
  const size_t at = csv.find(row);
  ASSERT_NE(at, std::string::npos);
  const std::string path = (fs::temp_directory_path() / "cairn_read_any_limits.csv").string();
  {
    std::ofstream out(path);
    out << csv;
  }
  Diagnostics clean;
  ASSERT_TRUE(read_any({path}, std::nullopt, clean));
  const size_t warnings = count(clean, "overlapping-sprints");
  ASSERT_GT(warnings, 0u) << "the sample's sprints overlap; the test counts that warning";
  EXPECT_EQ(count(clean, "value-too-large"), 0u);

  // The same file with a huge estimate: one value-too-large, from the import's limit check.
  std::string big = csv;
  const size_t header_end = big.find('\n');
  const std::string header = big.substr(0, header_end);
  int column = 0;
  for (size_t pos = 0, next; (next = header.find(',', pos)) != std::string::npos; pos = next + 1) {
    if (header.substr(pos, next - pos) == "Original Estimate") break;
    ++column;
  }
  size_t pos = at;
  for (int c = 0; c < column; ++c)
    pos = big.find(',', pos) + 1;
  big.insert(pos, "999999999999");
  {
    std::ofstream out(path);
    out << big;
  }
  Diagnostics diags;
  ASSERT_TRUE(read_any({path}, std::nullopt, diags));
  EXPECT_EQ(count(diags, "value-too-large"), 1u);
  EXPECT_EQ(count(diags, "overlapping-sprints"), warnings);
  ASSERT_TRUE(read_any({path}, std::nullopt, diags));
  EXPECT_EQ(count(diags, "value-too-large"), 2u);
  EXPECT_EQ(count(diags, "overlapping-sprints"), 2 * warnings);
  fs::remove(path);
}

}  // namespace
}  // namespace cairn::io

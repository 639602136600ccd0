#include "io/import.h"

#include <gtest/gtest.h>

namespace cairn::io {
namespace {

TEST(ImportFormat, NamesRoundTrip) {
  for (ImportFormat f : {ImportFormat::kJiraCsv, ImportFormat::kGithubJson, ImportFormat::kMspdi})
    EXPECT_EQ(parse_import_format(to_string(f)), f);
  EXPECT_FALSE(parse_import_format("excel"));
}

TEST(ImportFormat, DetectedFromContentThenName) {
  EXPECT_EQ(detect_format("<?xml version=\"1.0\"?>\n<Project xmlns=\"http://schemas.microsoft.com/"
                          "project\">",
                          "x.bin"),
            ImportFormat::kMspdi);
  EXPECT_EQ(detect_format("  [ {\"number\": 1} ]", "x.txt"), ImportFormat::kGithubJson);
  EXPECT_EQ(detect_format("\xEF\xBB\xBFSummary,Issue key,Issue id\r\n", "x.txt"),
            ImportFormat::kJiraCsv);
  EXPECT_EQ(detect_format("a,b\n", "export.csv"), ImportFormat::kJiraCsv);
  EXPECT_FALSE(detect_format("<html>", "x.html"));
  EXPECT_FALSE(detect_format("hello", "x.txt"));
}

TEST(Import, ErrorsForMissingAndUnknownFiles) {
  Diagnostics d;
  auto r = import_file("/nonexistent/x.csv", std::nullopt, {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "file-not-found");
  r = import_text("hello", "x.txt", std::nullopt, {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "unknown-format");
  ImportOptions small;
  small.max_file_bytes = 3;
  r = import_text("Issue key\nA-1\n", "x.csv", std::nullopt, small, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "file-too-large");
}

TEST(Import, AllOrNothingLeavesNoDiagnostics) {
  Diagnostics d;
  // The first row would warn (unknown link), the second row is bad: only the error comes back.
  auto r = import_text("Issue key,Outward issue link (Blocks),Created\nA-1,B-9,\nA-2,,bad\n",
                       "x.csv", std::nullopt, {}, d);
  ASSERT_FALSE(r);
  EXPECT_TRUE(d.empty());
}

TEST(Import, ProgramKeyFromOptionsOrFileName) {
  Diagnostics d;
  auto r = import_text("Issue key\nA-1\n", "exports/PAY.csv", std::nullopt, {}, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->program.key, "PAY");
  ImportOptions o;
  o.program_key = "atlas";
  o.program_name = "Atlas";
  r = import_text("Issue key\nA-1\n", "exports/PAY.csv", std::nullopt, o, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->program.key, "atlas");
  EXPECT_EQ(r->program.name, "Atlas");
}

TEST(Import, RejectsNonUtf8Csv) {
  Diagnostics d;
  auto r = import_text("Issue key,Summary\nA-1,caf\xE9\n", "x.csv", std::nullopt, {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);
}

}  // namespace
}  // namespace cairn::io

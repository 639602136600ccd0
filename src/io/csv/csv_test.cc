#include "io/csv/csv.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace cairn::io {
namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, CsvOptions o = {}) {
  CsvReader r(text, "t.csv", o);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string_view> f;
  for (;;) {
    auto more = r.next(f);
    EXPECT_TRUE(more.has_value()) << (more ? "" : more.error().to_string());
    if (!more || !*more) break;
    out.emplace_back(f.begin(), f.end());
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, PlainRecordsWithLfAndCrlf) {
  EXPECT_EQ(read_all("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
  EXPECT_EQ(read_all("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\r1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(Csv, LastRecordWithoutLineEnd) {
  EXPECT_EQ(read_all("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(Csv, EmptyFields) {
  EXPECT_EQ(read_all(",\n,x,\n"), (Rows{{"", ""}, {"", "x", ""}}));
  EXPECT_EQ(read_all("a,"), (Rows{{"a", ""}}));
  EXPECT_EQ(read_all("\"\",b\n"), (Rows{{"", "b"}}));
}

TEST(Csv, SkipsEmptyLinesAndBom) {
  EXPECT_EQ(read_all("\xEF\xBB\xBF"
                     "a\n\n\r\nb\n\n"),
            (Rows{{"a"}, {"b"}}));
}

TEST(Csv, QuotedFieldsWithDelimitersQuotesAndLineBreaks) {
  auto rows =
      read_all("k,desc\nPAY-1,\"line one\r\nline \"\"two\"\", with comma\nthree\"\nPAY-2,x\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][1], "line one\r\nline \"two\", with comma\nthree");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"PAY-2", "x"}));
}

TEST(Csv, TracksLinesAcrossMultiLineFields) {
  CsvReader r("h1,h2\n\"a\nb\nc\",x\n  y,\"z\"\n", "t.csv");
  std::vector<std::string_view> f;
  ASSERT_TRUE(*r.next(f));
  EXPECT_EQ(r.record_line(), 1);
  ASSERT_TRUE(*r.next(f));
  EXPECT_EQ(r.record_line(), 2);
  EXPECT_EQ(r.field_location(1).line, 4);
  EXPECT_EQ(r.field_location(1).column, 4);
  ASSERT_TRUE(*r.next(f));
  EXPECT_EQ(r.record_line(), 5);
  EXPECT_EQ(f[0], "  y");
  EXPECT_EQ(r.field_location(1).column, 5);
  EXPECT_FALSE(*r.next(f));
}

TEST(Csv, UnterminatedQuoteNamesWhereTheFieldBegan) {
  CsvReader r("a,b\n1,\"open\nmore\nstill\n", "t.csv");
  std::vector<std::string_view> f;
  ASSERT_TRUE(*r.next(f));
  auto e = r.next(f);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, "invalid-csv");
  EXPECT_EQ(e.error().where.line, 2);
  EXPECT_EQ(e.error().where.column, 3);
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
  CsvReader r("\"ab\"c,d\n", "t.csv");
  std::vector<std::string_view> f;
  auto e = r.next(f);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().where.line, 1);
  EXPECT_EQ(e.error().where.column, 5);
}

TEST(Csv, StrayQuoteInUnquotedFieldIsText) {
  EXPECT_EQ(read_all("5\" disk,b\n"), (Rows{{"5\" disk", "b"}}));
}

TEST(Csv, OtherDelimiterAndFieldLimit) {
  CsvOptions o;
  o.delimiter = ';';
  EXPECT_EQ(read_all("a;b,c\n", o), (Rows{{"a", "b,c"}}));
  o.max_fields = 2;
  CsvReader r("a;b;c\n", "t.csv", o);
  std::vector<std::string_view> f;
  EXPECT_FALSE(r.next(f));
}

TEST(Csv, WriterQuotesOnlyWhenNeededAndRoundTrips) {
  std::string out;
  append_csv_record(out, {"plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""});
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad\",\r\n");
  EXPECT_EQ(read_all(out), (Rows{{"plain", "a,b", "say \"hi\"", "two\nlines", " pad", ""}}));
}

TEST(Csv, ReadsTheRealJiraDerivedHistories) {
  const std::string path = std::string(CAIRN_SHARED_DIR) +
                           "/data/history/publicjira-time-estimates_abroniewski/clean_data_v2.csv";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "shared data not present: " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  CsvReader r(text, path);
  std::vector<std::string_view> f;
  ASSERT_TRUE(*r.next(f));
  const size_t columns = f.size();
  EXPECT_EQ(columns, 30u);
  size_t rows = 0;
  for (;;) {
    auto more = r.next(f);
    ASSERT_TRUE(more) << more.error().to_string();
    if (!*more) break;
    ASSERT_EQ(f.size(), columns) << "record at line " << r.record_line();
    ++rows;
  }
  EXPECT_EQ(rows, 2480u);
}

}  // namespace
}  // namespace cairn::io

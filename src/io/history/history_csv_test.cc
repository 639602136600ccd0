#include "io/history/history_csv.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "forecast/backtest.h"

namespace cairn::io {
namespace {

Date d(const char* s) {
  return *Date::parse(s);
}

TEST(HistoryCsv, DetectsFormats) {
  EXPECT_EQ(detect_date_format({"2024-03-12", "2024-03-13T10:00:00.000+0000", ""}),
            DateFormat::kIso);
  EXPECT_EQ(detect_date_format({"12/Mar/24 3:14 PM", "1/Apr/24 10:00 AM"}), DateFormat::kJira);
  EXPECT_EQ(detect_date_format({"03/12/2024", "03/25/2024"}), DateFormat::kMonthFirst);
  EXPECT_EQ(detect_date_format({"25/03/2024", "03/04/2024"}), DateFormat::kDayFirst);
  EXPECT_EQ(detect_date_format({"25.03.2024"}), DateFormat::kDayFirst);
  EXPECT_EQ(detect_date_format({"1700000000"}), DateFormat::kUnixSeconds);
  EXPECT_EQ(detect_date_format({"yesterday"}), DateFormat::kUnknown);
  EXPECT_EQ(parse_date_as("12/Mar/24 3:14 PM", DateFormat::kJira), d("2024-03-12"));
  EXPECT_EQ(parse_date_as("03/04/2024", DateFormat::kMonthFirst), d("2024-03-04"));
  EXPECT_EQ(parse_date_as("2021-01-08T16:38:15.000+0000", DateFormat::kIso), d("2021-01-08"));
  EXPECT_FALSE(parse_date_as("2024-02-30", DateFormat::kIso).has_value());
}

TEST(HistoryCsv, ReadsQuotedFieldsAndMapsColumns) {
  const char* text =
      "Key,Summary,Created,Resolved,Project\n"
      "A-1,\"Fix, the \"\"thing\"\"\nacross lines\",2024-03-01,2024-03-05,alpha\n"
      "A-2,Other,2024-03-02,,beta\n"
      "A-3,Backwards,2024-03-09,2024-03-08,alpha\n"
      "A-4,Migrated,2024-05-01,2024-03-08,beta\n";
  Diagnostics diags;
  auto h = read_history_csv(
      text, "t.csv", {.created = "created", .resolved = "RESOLVED", .group = "project"}, diags);
  ASSERT_TRUE(h.has_value()) << h.error().message;
  ASSERT_EQ(h->records.size(), 4u);
  EXPECT_EQ(h->records[0].created, d("2024-03-01"));
  EXPECT_EQ(*h->records[0].resolved, d("2024-03-05"));
  EXPECT_EQ(h->records[0].group, "alpha");
  EXPECT_FALSE(h->records[0].created_unknown);
  EXPECT_FALSE(h->records[1].resolved.has_value());
  // Resolved a day before it was created (a time zone): read as created the day it was resolved.
  EXPECT_EQ(h->records[2].created, d("2024-03-08"));
  EXPECT_EQ(*h->records[2].resolved, d("2024-03-08"));
  EXPECT_FALSE(h->records[2].created_unknown);
  // Resolved long before (a migration): the finish counts, the start is unknown.
  EXPECT_EQ(*h->records[3].resolved, d("2024-03-08"));
  EXPECT_TRUE(h->records[3].created_unknown);
  EXPECT_EQ(h->resolved_day_before_created, 1u);
  EXPECT_EQ(h->resolved_long_before_created, 1u);
  ASSERT_TRUE(diags.has("history-resolved-before-created"));
  const auto& w = diags.items().back();
  EXPECT_EQ(w.where.line, 5);  // A-1 spans lines 2-3
  EXPECT_NE(w.message.find("2 row(s)"), std::string::npos) << w.message;
  // As backtest streams: per group the resolutions, and the creations of every row (the open
  // A-2 too; the migrated A-4 counts as created the day it was resolved).
  const auto streams = issue_streams(*h);
  ASSERT_EQ(streams.size(), 2u);
  const IssueStream& alpha = streams.at("alpha");
  const IssueStream& beta = streams.at("beta");
  EXPECT_EQ(alpha.resolved, (std::vector<Date>{d("2024-03-05"), d("2024-03-08")}));
  EXPECT_EQ(alpha.created, (std::vector<Date>{d("2024-03-01"), d("2024-03-08")}));
  EXPECT_EQ(beta.resolved, (std::vector<Date>{d("2024-03-08")}));
  EXPECT_EQ(beta.created, (std::vector<Date>{d("2024-03-02"), d("2024-03-08")}));
}

// An export lists the issues created up to its date: when only a thin tail of resolutions follows
// the newest creation, the history is known up to the day after it, open rows included.
TEST(HistoryCsv, RecordEndsTheDayAfterTheNewestCreation) {
  auto d = [](const char* s) { return *Date::parse(s); };
  // 20 issues created and resolved one a day in March, `late` older ones resolved in June, and
  // maybe an open one created on 03-25.
  auto history = [](int late, bool open) {
    std::string text = "key,created,resolved\n";
    for (int i = 0; i < 20; ++i)
      text += fmt::format("A-{},2024-03-{:02},2024-03-{:02}\n", i, i + 1, i + 1);
    for (int i = 0; i < late; ++i)
      text += fmt::format("B-{},2024-03-01,2024-06-{:02}\n", i, i + 1);
    if (open) text += "C-1,2024-03-25,\n";
    return text;
  };
  Diagnostics diags;
  auto cut = read_history_csv(history(1, false), "t.csv", {}, diags);
  ASSERT_TRUE(cut.has_value()) << cut.error().message;
  EXPECT_EQ(record_end(*cut), d("2024-03-21"));  // 1 of 21 after the newest creation, 03-20
  auto with_open = read_history_csv(history(1, true), "t.csv", {}, diags);
  ASSERT_TRUE(with_open.has_value());
  EXPECT_EQ(record_end(*with_open), d("2024-03-26"));
  // Two of 22 come later: more than a twentieth, a backlog worked off after its last creation.
  auto backlog = read_history_csv(history(2, false), "t.csv", {}, diags);
  ASSERT_TRUE(backlog.has_value());
  EXPECT_EQ(record_end(*backlog), std::nullopt);
  EXPECT_EQ(record_end(IssueHistory{}), std::nullopt);
}

TEST(HistoryCsv, MissingColumnNamesTheChoices) {
  Diagnostics diags;
  auto h = read_history_csv("a,b\n1,2\n", "t.csv", {}, diags);
  ASSERT_FALSE(h.has_value());
  EXPECT_EQ(h.error().code, "history-missing-column");
  EXPECT_NE(h.error().hint.find("a, b"), std::string::npos);
}

TEST(HistoryCsv, FindsTheUsualColumnNames) {
  Diagnostics diags;
  // GitHub's created_at / closed_at; `updated` is not a resolution.
  auto g =
      read_history_csv("number,Created At,updated,Closed_At\n1,2024-03-01,2024-03-09,2024-03-05\n",
                       "g.csv", {}, diags);
  ASSERT_TRUE(g.has_value()) << g.error().message;
  EXPECT_EQ(g->created_column, "Created At");
  EXPECT_EQ(g->resolved_column, "Closed_At");
  ASSERT_EQ(g->records.size(), 1u);
  EXPECT_EQ(g->records[0].resolved, Date::from_ymd(2024, 3, 5));
  // A name given is taken as written, not guessed.
  auto named = read_history_csv("created,resolved,done\n2024-03-01,2024-03-02,2024-03-04\n",
                                "n.csv", {.resolved = "done"}, diags);
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->records[0].resolved, Date::from_ymd(2024, 3, 4));
  // Nothing usual: the error names the column's role and the header.
  auto none =
      read_history_csv("key,created,updated\nA-1,2024-03-01,2024-03-02\n", "u.csv", {}, diags);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, "history-missing-column");
  EXPECT_NE(none.error().message.find("resolved date column"), std::string::npos);
  EXPECT_NE(none.error().hint.find("--resolved"), std::string::npos);
  EXPECT_NE(none.error().hint.find("key, created, updated"), std::string::npos);
}

TEST(HistoryCsv, ReadsTheSharedHistories) {
  Diagnostics diags;
  auto r = read_history_csv_file(
      std::string(CAIRN_SHARED_DIR) + "/data/history/rueedlinger-agile-project-dataset/jira.csv",
      {}, diags);  // created_date and finished_date, found by their names
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->created_column, "created_date");
  EXPECT_EQ(r->resolved_column, "finished_date");
  EXPECT_EQ(r->rows, 4123u);
  // The cycle_time_days = -1 rows (the data set has no 0): same-day items, kept.
  EXPECT_EQ(r->resolved_day_before_created, 1662u);
  EXPECT_EQ(r->resolved_long_before_created, 0u);
  EXPECT_EQ(r->records.size(), 4123u);
  auto p = read_history_csv_file(std::string(CAIRN_SHARED_DIR) +
                                     "/data/history/publicjira-time-estimates_abroniewski/"
                                     "clean_data_v2.csv",
                                 {}, diags);
  ASSERT_TRUE(p.has_value()) << p.error().message;
  EXPECT_EQ(p->resolved_column, "resolutiondate");
  EXPECT_EQ(p->rows, 2480u);
  EXPECT_EQ(p->created_format, "iso");
}

}  // namespace
}  // namespace cairn::io

namespace cairn::io {
namespace {

// The calibration targets of the throughput forecast on the shared real histories (docs/
// forecasting.md): P50 covers 40-60% and P85 78-92% of the real 'when' outcomes.
TEST(HistoryCsv, BacktestOnTheSharedHistoriesIsCalibrated) {
  struct Case {
    const char* file;
    HistoryCsvOptions columns;
  };
  const std::string dir = std::string(CAIRN_SHARED_DIR) + "/data/history/";
  for (const Case& c :
       {Case{"rueedlinger-agile-project-dataset/jira.csv", {"created_date", "finished_date"}},
        Case{"publicjira-time-estimates_abroniewski/clean_data_v2.csv",
             {"created", "resolutiondate"}}}) {
    Diagnostics diags;
    auto h = read_history_csv_file(dir + c.file, c.columns, diags);
    ASSERT_TRUE(h.has_value()) << c.file;
    std::vector<Date> resolved;
    for (const auto& r : h->records)
      if (r.resolved) resolved.push_back(*r.resolved);
    auto b = forecast::backtest(resolved, {});
    ASSERT_TRUE(b.has_value()) << c.file;
    EXPECT_GT(b->when.checked, 200u) << c.file;
    EXPECT_GE(b->when.coverage_p50, 0.40) << c.file;
    EXPECT_LE(b->when.coverage_p50, 0.60) << c.file;
    EXPECT_GE(b->when.coverage_p85, 0.78) << c.file;
    EXPECT_LE(b->when.coverage_p85, 0.92) << c.file;
  }
}

}  // namespace
}  // namespace cairn::io

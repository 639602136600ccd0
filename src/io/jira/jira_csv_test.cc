#include "io/jira/jira_csv.h"

#include <gtest/gtest.h>

#include "model/validate.h"

namespace cairn::io {
namespace {

const std::string kFixture = std::string(CAIRN_SOURCE_DIR) + "/testdata/import/jira_small.csv";

ImportResult load(Diagnostics& diags) {
  auto r = import_file(kFixture, ImportFormat::kJiraCsv, {}, diags);
  EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
  return r ? std::move(*r) : ImportResult{};
}

TEST(JiraDates, ParsesJiraAndIsoForms) {
  EXPECT_EQ(parse_jira_date("12/Mar/24 3:14 PM")->to_string(), "2024-03-12T15:14:00Z");
  EXPECT_EQ(parse_jira_date("12/Mar/24 12:05 AM")->to_string(), "2024-03-12T00:05:00Z");
  EXPECT_EQ(parse_jira_date("1/jan/2024 17:30")->to_string(), "2024-01-01T17:30:00Z");
  EXPECT_EQ(parse_jira_date("12/Mar/24")->to_string(), "2024-03-12T00:00:00Z");
  EXPECT_EQ(parse_jira_date("2021-01-08T16:38:15.000+0000")->to_string(), "2021-01-08T16:38:15Z");
  EXPECT_EQ(parse_jira_date("2024-03-12 15:14")->to_string(), "2024-03-12T15:14:00Z");
  EXPECT_FALSE(parse_jira_date("31/Feb/24"));
  EXPECT_FALSE(parse_jira_date("12/Mrz/24"));
  EXPECT_FALSE(parse_jira_date("12/Mar/24 13:00 PM"));
  EXPECT_FALSE(parse_jira_date("yesterday"));
}

TEST(JiraDurations, SecondsAndJiraText) {
  EXPECT_DOUBLE_EQ(*parse_jira_duration_days("28800"), 1.0);
  EXPECT_DOUBLE_EQ(*parse_jira_duration_days("14400.0"), 0.5);
  EXPECT_DOUBLE_EQ(*parse_jira_duration_days("1w 2d 4h"), 7.5);
  EXPECT_DOUBLE_EQ(*parse_jira_duration_days("30m"), 1.0 / 16);
  EXPECT_FALSE(parse_jira_duration_days("-5"));
  EXPECT_FALSE(parse_jira_duration_days("soon"));
}

TEST(JiraStatuses, CategoriesGuessedFromNames) {
  EXPECT_EQ(guess_state_category("To Do"), StateCategory::kTodo);
  EXPECT_EQ(guess_state_category("Backlog"), StateCategory::kTodo);
  EXPECT_EQ(guess_state_category("OPEN"), StateCategory::kTodo);
  EXPECT_EQ(guess_state_category("Closed"), StateCategory::kDone);
  EXPECT_EQ(guess_state_category("Won't Do"), StateCategory::kDone);
  EXPECT_EQ(guess_state_category("In Review"), StateCategory::kInProgress);
}

TEST(JiraCsv, ReadsTheFixture) {
  Diagnostics diags;
  ImportResult r = load(diags);
  const Program& p = r.program;
  EXPECT_EQ(p.key, "jira_small");
  ASSERT_EQ(p.items.size(), 6u);
  ASSERT_EQ(p.teams.size(), 2u);
  EXPECT_EQ(p.teams[0].key, "PAY");
  EXPECT_EQ(p.teams[0].name, "Payments");
  EXPECT_EQ(p.teams[0].method, TeamMethod::kScrum);
  EXPECT_EQ(p.teams[1].method, TeamMethod::kKanban);
  // Workflow: to-do first, then in progress, then done; Done added where missing.
  std::vector<std::string> names;
  for (const auto& s : p.teams[0].workflow)
    names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"To Do", "In Progress", "In Review", "Done"}));
  names.clear();
  for (const auto& s : p.teams[1].workflow)
    names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Backlog", "Doing", "Done"}));

  const WorkItem& epic = p.item(p.find_item("PAY-1"));
  EXPECT_EQ(epic.kind, WorkItemKind::kEpic);
  EXPECT_EQ(epic.priority, 700);
  EXPECT_EQ(epic.due, Date::from_ymd(2024, 4, 30));
  const WorkItem& s2 = p.item(p.find_item("PAY-2"));
  EXPECT_EQ(s2.title, "Tokenise cards, store the token");
  EXPECT_EQ(s2.kind, WorkItemKind::kStory);
  EXPECT_EQ(s2.parent, p.find_item("PAY-1"));
  EXPECT_EQ(s2.labels, (std::vector<std::string>{"backend", "pci"}));
  ASSERT_TRUE(s2.estimate);
  EXPECT_DOUBLE_EQ(s2.estimate->likely, 3.0);
  EXPECT_FALSE(s2.remaining);  // done
  EXPECT_EQ(s2.points, 5);
  EXPECT_EQ(p.person(s2.assignee).key, "ann.lee");
  EXPECT_EQ(p.person(s2.assignee).name, "Ann Lee");
  ASSERT_EQ(s2.history.size(), 2u);
  EXPECT_EQ(s2.history[0].state, "To Do");
  EXPECT_EQ(s2.history[1].state, "Done");
  EXPECT_EQ(s2.history[1].at.to_string(), "2024-02-14T17:45:00Z");
  EXPECT_EQ(p.category(p.find_item("PAY-2")), StateCategory::kDone);

  const WorkItem& s3 = p.item(p.find_item("PAY-3"));
  EXPECT_DOUBLE_EQ(*s3.remaining, 0.5);
  EXPECT_EQ(s3.history.back().state, "In Review");
  EXPECT_EQ(s3.history.back().at.to_string(), "2024-03-18T09:15:00Z");
  const WorkItem& bug = p.item(p.find_item("PAY-4"));
  EXPECT_EQ(bug.kind, WorkItemKind::kBug);
  EXPECT_EQ(bug.priority, 900);
  EXPECT_DOUBLE_EQ(bug.estimate->likely, 7.0);
  EXPECT_FALSE(bug.assignee.valid());
  // Sub-task parent given as the numeric issue id.
  EXPECT_EQ(p.item(p.find_item("WEB-2")).parent, p.find_item("WEB-1"));

  // Blocks links: PAY-2 blocks PAY-3 and WEB-1 (outward) and PAY-3's inward link repeats the
  // first; Relates is ignored.
  ASSERT_EQ(p.dependencies.size(), 2u);
  EXPECT_EQ(p.dependencies[0].predecessor, p.find_item("PAY-2"));
  EXPECT_EQ(p.dependencies[0].successor, p.find_item("PAY-3"));
  EXPECT_EQ(p.dependencies[1].successor, p.find_item("WEB-1"));
  EXPECT_TRUE(diags.has("link-type-ignored"));

  ASSERT_EQ(p.sprints.size(), 2u);
  EXPECT_EQ(p.sprints[0].key, "PAY Sprint 1");
  EXPECT_EQ(p.sprints[1].committed.size(), 2u);
  EXPECT_EQ(p.sprints[0].end - p.sprints[0].start, 13);
  ASSERT_EQ(p.milestones.size(), 1u);
  EXPECT_EQ(p.milestones[0].key, "1.0");
  EXPECT_EQ(p.milestones[0].items.size(), 4u);
  EXPECT_EQ(p.start, Date::from_ymd(2024, 1, 2));
  EXPECT_EQ(p.as_of, Date::from_ymd(2024, 3, 21));

  // The line of each item is known.
  EXPECT_EQ(r.sources.at(EntityKind::kItem, 1).line, 4);

  Diagnostics v;
  validate(p, r.sources, v);
  EXPECT_FALSE(v.has_errors()) << (v.empty() ? "" : format_diagnostic(v.items()[0]));
}

TEST(JiraCsv, ReimportGivesTheSameKeysAndModel) {
  Diagnostics d1, d2;
  ImportResult a = load(d1), b = load(d2);
  EXPECT_TRUE(a.program.same_content(b.program));
}

Result<ImportResult> parse(const std::string& text, Diagnostics& diags) {
  return read_jira_csv(text, "bad.csv", {}, diags);
}

TEST(JiraCsv, BadInputNamesLineAndColumn) {
  Diagnostics d;
  auto r = parse("Issue key,Summary,Created\nA-1,x,12/Mar/24\nA-2,y,not a date\n", d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-value");
  EXPECT_EQ(r.error().where.line, 3);
  EXPECT_EQ(r.error().where.column, 7);
  EXPECT_NE(r.error().message.find("Created"), std::string::npos);

  r = parse("Issue key,Summary,Original Estimate\nA-1,x,lots\n", d);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("Original Estimate"), std::string::npos);

  r = parse("Issue key,Summary\nA-1,x\nA-1,y\n", d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "duplicate-key");
  EXPECT_EQ(r.error().where.line, 3);

  r = parse("Issue key,Summary\nA-1,x,extra\n", d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 2);

  r = parse("Key,Summary\nA-1,x\n", d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "missing-column");

  r = parse("Issue key,Summary\nA-1,\"never closed\n", d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-csv");
}

TEST(JiraCsv, UnknownLinksAndParentsAreWarnings) {
  Diagnostics d;
  auto r = parse("Issue key,Summary,Parent,Outward issue link (Blocks)\nA-1,x,A-9,B-3\n", d);
  ASSERT_TRUE(r);
  EXPECT_TRUE(d.has("unknown-parent"));
  EXPECT_TRUE(d.has("unknown-link-target"));
  EXPECT_TRUE(r->program.dependencies.empty());
}

TEST(JiraCsv, DependencyLinkTypePointsTheOtherWay) {
  Diagnostics d;
  auto r = parse("Issue key,Summary,Outward issue link (Dependency)\nA-1,x,A-2\nA-2,y,\n", d);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->program.dependencies.size(), 1u);
  EXPECT_EQ(r->program.dependencies[0].predecessor, r->program.find_item("A-2"));
}

TEST(JiraCsv, JiraUrlMakesLinks) {
  Diagnostics d;
  ImportOptions o;
  o.jira_url = "https://acme.atlassian.net";
  auto r = read_jira_csv("Issue key,Summary\nA-1,x\n", "x.csv", o, d);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->program.items[0].link, "https://acme.atlassian.net/browse/A-1");
}

}  // namespace
}  // namespace cairn::io

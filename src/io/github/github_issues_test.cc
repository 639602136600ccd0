#include "io/github/github_issues.h"

#include <gtest/gtest.h>

#include "model/validate.h"

namespace cairn::io {
namespace {

const std::string kFixture = std::string(CAIRN_SOURCE_DIR) + "/testdata/import/github_issues.json";

TEST(GithubIssues, ReadsTheFixture) {
  Diagnostics diags;
  auto r = import_file(kFixture, std::nullopt, {}, diags);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->format, ImportFormat::kGithubJson);
  const Program& p = r->program;
  ASSERT_EQ(p.items.size(), 4u);  // the pull request is skipped
  EXPECT_TRUE(diags.has("github-pull-request-skipped"));
  ASSERT_EQ(p.teams.size(), 1u);
  EXPECT_EQ(p.teams[0].key, "acme/shop");

  const WorkItem& bug = p.item(p.find_item("acme/shop#12"));
  EXPECT_EQ(bug.kind, WorkItemKind::kBug);
  EXPECT_EQ(bug.priority, 700);
  EXPECT_EQ(bug.state, "Closed");
  EXPECT_EQ(bug.link, "https://github.com/acme/shop/issues/12");
  EXPECT_EQ(p.person(bug.assignee).key, "ann");
  ASSERT_EQ(bug.history.size(), 2u);
  EXPECT_EQ(bug.history[1].at.to_string(), "2024-03-08T16:30:00Z");

  const WorkItem& story = p.item(p.find_item("acme/shop#15"));
  EXPECT_EQ(story.kind, WorkItemKind::kStory);
  EXPECT_EQ(story.state, "In Progress");
  EXPECT_EQ(story.points, 3);
  EXPECT_FALSE(story.assignee.valid());
  EXPECT_EQ(story.allocations.size(), 2u);
  ASSERT_EQ(story.history.size(), 2u);
  EXPECT_EQ(story.history[1].at.to_string(), "2024-03-09T09:00:00Z");  // from the timeline

  const WorkItem& flaky = p.item(p.find_item("acme/shop#18"));
  ASSERT_EQ(flaky.history.size(), 3u);
  EXPECT_EQ(flaky.history[1].state, "Closed");
  EXPECT_EQ(flaky.history[2].state, "Open");
  EXPECT_EQ(p.item(p.find_item("acme/shop#17")).kind, WorkItemKind::kEpic);

  ASSERT_EQ(p.milestones.size(), 1u);
  EXPECT_EQ(p.milestones[0].key, "acme/shop/milestones/3");
  EXPECT_EQ(p.milestones[0].name, "v1.2");
  EXPECT_EQ(p.milestones[0].deadline, Date::from_ymd(2024, 4, 30));
  EXPECT_EQ(p.milestones[0].items.size(), 2u);

  // "Depends on #12" and "Blocks #15"; acme/api#7 is not in the file.
  ASSERT_EQ(p.dependencies.size(), 2u);
  EXPECT_EQ(p.dependencies[0].predecessor, p.find_item("acme/shop#12"));
  EXPECT_EQ(p.dependencies[0].successor, p.find_item("acme/shop#15"));
  EXPECT_EQ(p.dependencies[1].predecessor, p.find_item("acme/shop#18"));
  EXPECT_TRUE(diags.has("unknown-link-target"));

  Diagnostics v;
  validate(p, r->sources, v);
  EXPECT_FALSE(v.has_errors()) << (v.empty() ? "" : format_diagnostic(v.items()[0]));
}

TEST(GithubIssues, PrefixReplacesTheRepository) {
  Diagnostics diags;
  ImportOptions o;
  o.key_prefix = "SHOP";
  auto r = import_file(kFixture, ImportFormat::kGithubJson, o, diags);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->program.find_item("SHOP#12").valid());
  EXPECT_EQ(r->program.teams[0].key, "SHOP");
}

TEST(GithubIssues, EventsListAtTopLevel) {
  Diagnostics diags;
  auto r = read_github_issues(
      R"({"issues": [{"number": 1, "state": "closed", "created_at": "2024-01-01T00:00:00Z",
                      "closed_at": "2024-01-05T00:00:00Z"}],
          "events": [{"event": "labeled", "label": {"name": "In Progress"},
                      "created_at": "2024-01-02T00:00:00Z", "issue": {"number": 1}},
                     {"event": "closed", "created_at": "2024-01-05T00:00:00Z",
                      "issue": {"number": 1}}]})",
      "e.json", {}, diags);
  ASSERT_TRUE(r) << r.error().to_string();
  const auto& h = r->program.items[0].history;
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[1].state, "In Progress");
  EXPECT_EQ(h[2].state, "Closed");
  EXPECT_EQ(r->program.items[0].key, "#1");
}

TEST(GithubIssues, BadInputNamesThePointer) {
  Diagnostics d;
  auto r = read_github_issues(R"([{"number": 1}, {"number": 2, "created_at": "March"}])", "b.json",
                              {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.pointer, "/1/created_at");
  r = read_github_issues(R"([{"title": "x"}])", "b.json", {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.pointer, "/0/number");
  r = read_github_issues("[{\"number\": 1,\n \"title\": }]", "b.json", {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-json");
  EXPECT_EQ(r.error().where.line, 2);
  r = read_github_issues(std::string(10000, '['), "b.json", {}, d);
  ASSERT_FALSE(r);
  r = read_github_issues(R"({"a": 1})", "b.json", {}, d);
  ASSERT_FALSE(r);
}

TEST(GithubIssues, NumberBeyondADoubleIsAnErrorNotACrash) {
  Diagnostics diags;
  auto r = read_github_issues(R"([{"number": 6e346, "title": "x"}])", "big.json", {}, diags);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-json");
  EXPECT_NE(r.error().message.find("6e346"), std::string::npos);
}

}  // namespace
}  // namespace cairn::io

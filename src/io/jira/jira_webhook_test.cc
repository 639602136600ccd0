#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "io/issue_event.h"

namespace cairn::io {
namespace {

using ojson = nlohmann::ordered_json;

ojson payload(const std::string& name) {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/testdata/webhooks/" + name + ".json");
  std::stringstream text;
  text << in.rdbuf();
  return ojson::parse(text.str());
}

TEST(JiraWebhook, CreatedIsTheCsvImportersItem) {
  const ojson p = payload("jira_issue_created");
  EXPECT_EQ(*jira_project(p), "OPS");
  auto ev = jira_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  EXPECT_EQ(ev->action, IssueAction::kUpsert);
  EXPECT_EQ(ev->item["key"], "OPS-7");
  EXPECT_EQ(ev->item["state"], "To Do");
  EXPECT_EQ(ev->item["team"], "OPS");
  EXPECT_EQ(ev->item["estimate"], ojson::parse("[2, 2, 2]"));  // 57,600 s = two 8-hour days
  EXPECT_EQ(ev->item["priority"], 700);
  EXPECT_EQ(ev->item["due"], "2026-03-20");
  EXPECT_EQ(ev->item["labels"], ojson::parse(R"(["security"])"));
  EXPECT_EQ(ev->item["link"], "https://acme.atlassian.net/browse/OPS-7");
  EXPECT_EQ(ev->team["name"], "Operations");
  EXPECT_EQ(ev->at.to_string(), "2026-03-02T09:00:00Z");
}

TEST(JiraWebhook, TheChangelogsStatusWins) {
  ojson p = payload("jira_issue_updated");
  p["issue"]["fields"]["status"]["name"] = "To Do";  // a stale issue snapshot
  auto ev = jira_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  EXPECT_EQ(ev->item["state"], "In Progress");
  EXPECT_EQ(ev->at.to_string(), "2026-03-03T11:20:00Z");
  p.erase("changelog");
  EXPECT_EQ(jira_issue_event(p)->item["state"], "To Do");
}

TEST(JiraWebhook, JirasStatusCategoryBeatsTheGuessFromTheName) {
  ojson p = payload("jira_issue_updated");
  p.erase("changelog");
  p["issue"]["fields"]["status"]["name"] = "Shipped";  // guessed: in progress
  p["issue"]["fields"]["status"]["statusCategory"]["key"] = "done";
  auto ev = jira_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  bool found = false;
  for (const auto& s : ev->team["workflow"])
    if (s["name"] == "Shipped") found = s["category"] == "done" && !s.contains("active");
  EXPECT_TRUE(found) << ev->team.dump();
  p["issue"]["fields"]["status"]["statusCategory"]["key"] = "weird";  // unknown: the guess stays
  ev = jira_issue_event(p);
  for (const auto& s : ev->team["workflow"])
    if (s["name"] == "Shipped") {
      EXPECT_EQ(s["category"], "in-progress");
    }
}

TEST(JiraWebhook, QuotesCommasAndLineBreaksSurviveTheCsv) {
  ojson p = payload("jira_issue_created");
  const std::string title = "Keys, \"rotated\"\nand revoked";
  p["issue"]["fields"]["summary"] = title;
  p["issue"]["fields"]["labels"] = ojson::parse(R"(["a,b", "c\"d"])");
  auto ev = jira_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  EXPECT_EQ(ev->item["title"], title);
  EXPECT_EQ(ev->item["labels"], ojson::parse(R"(["a,b", "c\"d"])"));
}

TEST(JiraWebhook, DeletedOtherEventsAndBadFields) {
  ojson p = payload("jira_issue_deleted");
  EXPECT_EQ(jira_issue_event(p)->action, IssueAction::kDelete);
  p["webhookEvent"] = "comment_created";
  EXPECT_EQ(jira_issue_event(p)->action, IssueAction::kIgnore);
  p = payload("jira_issue_created");
  p["issue"]["fields"]["created"] = "yesterday";
  auto ev = jira_issue_event(p);
  ASSERT_FALSE(ev);
  EXPECT_EQ(ev.error().code, "webhook-payload");
  EXPECT_EQ(ev.error().where.pointer, "/issue/fields/created");
  p = payload("jira_issue_created");
  p["timestamp"] = "now";
  EXPECT_EQ(jira_issue_event(p).error().where.pointer, "/timestamp");
  p = payload("jira_issue_created");
  p["issue"]["fields"]["status"] = nullptr;
  EXPECT_EQ(jira_issue_event(p).error().where.pointer, "/issue/fields/status/name");
  p["issue"]["fields"].erase("project");
  EXPECT_EQ(jira_project(p).error().where.pointer, "/issue/fields/project/key");
}

}  // namespace
}  // namespace cairn::io

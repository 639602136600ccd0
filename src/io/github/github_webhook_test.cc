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

TEST(GithubWebhook, OpenedIsTheImportersItem) {
  const ojson p = payload("github_issue_opened");
  EXPECT_EQ(*github_project(p), "acme/payments");
  auto ev = github_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  EXPECT_EQ(ev->action, IssueAction::kUpsert);
  EXPECT_EQ(ev->event, "issues.opened");
  EXPECT_EQ(ev->item["key"], "acme/payments#42");
  EXPECT_EQ(ev->item["state"], "Open");
  EXPECT_EQ(ev->item["kind"], "bug");
  EXPECT_EQ(ev->item["team"], "acme/payments");
  EXPECT_EQ(ev->item["link"], "https://github.com/acme/payments/issues/42");
  EXPECT_EQ(ev->team["key"], "acme/payments");
  EXPECT_EQ(ev->at.to_string(), "2026-03-02T09:00:00Z");
}

TEST(GithubWebhook, ClosedIsTimedByClosedAt) {
  ojson p = payload("github_issue_closed");
  p["issue"]["updated_at"] = "2026-03-07T00:00:00Z";  // a later edit: closed_at still times it
  auto ev = github_issue_event(p);
  ASSERT_TRUE(ev) << ev.error().to_string();
  EXPECT_EQ(ev->item["state"], "Closed");
  EXPECT_EQ(ev->at.to_string(), "2026-03-05T16:30:00Z");
  p["action"] = "labeled";
  EXPECT_EQ(github_issue_event(p)->at.to_string(), "2026-03-07T00:00:00Z");
}

TEST(GithubWebhook, DeletedAndTransferred) {
  ojson p = payload("github_issue_closed");
  p["action"] = "deleted";
  EXPECT_EQ(github_issue_event(p)->action, IssueAction::kDelete);
  p["action"] = "transferred";
  auto ev = github_issue_event(p);
  EXPECT_EQ(ev->action, IssueAction::kIgnore);
  EXPECT_FALSE(ev->why.empty());
}

TEST(GithubWebhook, MissingFieldsNameTheirPointer) {
  ojson p = payload("github_issue_opened");
  p["issue"].erase("updated_at");
  auto ev = github_issue_event(p);
  ASSERT_FALSE(ev);
  EXPECT_EQ(ev.error().code, "webhook-payload");
  EXPECT_EQ(ev.error().where.pointer, "/issue/updated_at");
  p = payload("github_issue_opened");
  p["issue"]["number"] = "42";  // the importer's own check, its pointer moved under /issue
  ev = github_issue_event(p);
  ASSERT_FALSE(ev);
  EXPECT_EQ(ev.error().where.pointer, "/issue/number");
  p.erase("repository");
  EXPECT_EQ(github_project(p).error().where.pointer, "/repository/full_name");
}

}  // namespace
}  // namespace cairn::io

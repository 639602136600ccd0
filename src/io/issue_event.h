// One issue event from a tracker's webhook (GitHub `issues`, Jira `jira:issue_*`), mapped to a work
// item exactly as the importers map the issue (io/github/github_issues.h, io/jira/jira_csv.h): the
// payload's issue goes through the importer itself, so an item made by a webhook equals the one a
// later `cairn import` makes. `cairn serve` (server/webhooks.cc) writes it; docs/server.md
// "Webhooks" has the fields and the outcomes.
//
// A payload without a field the mapping needs, or with one of the wrong type, is an Error with
// code `webhook-payload` whose location's pointer is the field's JSON pointer
// (`/issue/updated_at`). Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/error.h"

namespace cairn::io {

enum class IssueAction {
  kUpsert,  // create the item, or update the fields the tracker owns
  kDelete,  // the issue was deleted: its item becomes Cancelled
  kIgnore,  // an event that changes no item (`why` says which)
};

struct IssueEvent {
  IssueAction action = IssueAction::kIgnore;
  std::string event;  // "issues.closed", "jira:issue_updated", ...: for logs and answers
  std::string why;    // kIgnore: why nothing is done
  // The issue as the importer maps it: the item and its team, canonical JSON (plan/plan.h).
  nlohmann::ordered_json item;
  nlohmann::ordered_json team;
  // When the event happened (its own timestamp, never the receipt time): stamps a state change,
  // so the same event applied twice records one entry.
  DateTime at;
};

// The GitHub repository a payload is about: `/repository/full_name` ("owner/repo").
Result<std::string> github_project(const nlohmann::ordered_json& payload);
// An `issues` event (`X-GitHub-Event: issues`) with its action: `deleted` is kDelete,
// `transferred` kIgnore, every other action (opened, edited, closed, reopened, labeled, assigned,
// ...) kUpsert of the issue as it is now. The time is the issue's `closed_at` for `closed`, else
// its `updated_at`.
Result<IssueEvent> github_issue_event(const nlohmann::ordered_json& payload);

// The Jira project a payload is about: `/issue/fields/project/key`.
Result<std::string> jira_project(const nlohmann::ordered_json& payload);
// A `jira:issue_created` / `jira:issue_updated` (kUpsert; the new status is the changelog's status
// change when there is one, else the issue's status) or `jira:issue_deleted` (kDelete) event; other
// `webhookEvent`s are kIgnore. The time is the payload's `timestamp` (milliseconds since 1970). The
// team's workflow gives the status the category Jira's `statusCategory` names, when it does.
Result<IssueEvent> jira_issue_event(const nlohmann::ordered_json& payload);

}  // namespace cairn::io

// GitHub `issues` webhook payloads (io/issue_event.h), mapped by the issues importer itself: the
// payload's `issue` object has the shape of the REST API's issue, so it is read as a one-issue
// export.
#include <fmt/format.h>

#include "base/codes.h"
#include "io/github/github_issues.h"
#include "io/issue_event.h"
#include "plan/plan.h"

namespace cairn::io {
namespace {

using json = nlohmann::ordered_json;

std::unexpected<Error> payload_error(const std::string& pointer, const std::string& message) {
  return make_error(codes::kWebhookPayload, fmt::format("{} (at {})", message, pointer),
                    Location{"", 0, 0, pointer},
                    "send the payload as GitHub documents it for the `issues` event");
}

// The string at `pointer`, or an error naming it.
Result<std::string> string_at(const json& doc, const std::string& pointer) {
  const json::json_pointer p(pointer);
  if (!doc.contains(p) || doc[p].is_null()) return payload_error(pointer, "missing");
  if (!doc[p].is_string()) return payload_error(pointer, "not a string");
  return doc[p].get<std::string>();
}

}  // namespace

Result<std::string> github_project(const json& payload) {
  return string_at(payload, "/repository/full_name");
}

Result<IssueEvent> github_issue_event(const json& payload) {
  IssueEvent ev;
  auto action = string_at(payload, "/action");
  if (!action) return std::unexpected(action.error());
  ev.event = "issues." + *action;
  if (*action == "transferred") {
    ev.why = "a transferred issue is updated by the new repository's webhook";
    return ev;
  }
  auto repo = github_project(payload);
  if (!repo) return std::unexpected(repo.error());
  if (!payload.contains("issue") || !payload["issue"].is_object())
    return payload_error("/issue", "missing or not an object");
  json issue = payload["issue"];
  // The item's key is `owner/repo#number` from the issue's repository_url, as in an import.
  if (!issue.contains("repository_url") || !issue["repository_url"].is_string())
    issue["repository_url"] = "https://api.github.com/repos/" + *repo;
  const bool closed = *action == "closed";
  const char* time_field = closed && issue.contains("closed_at") && !issue["closed_at"].is_null()
                               ? "closed_at"
                               : "updated_at";
  auto when_text = string_at(payload, std::string("/issue/") + time_field);
  if (!when_text) return std::unexpected(when_text.error());
  auto when = DateTime::parse(*when_text);
  if (!when)
    return payload_error(std::string("/issue/") + time_field,
                         fmt::format("'{}' is not an ISO 8601 time", *when_text));
  ev.at = *when;

  Diagnostics diags;
  ImportOptions options;
  options.program_key = "webhook";
  auto read = read_github_issues(json::array({issue}).dump(), "payload", options, diags);
  if (!read) {
    Error e = read.error();
    std::string pointer = e.where.pointer;
    if (pointer.starts_with("/0")) pointer = "/issue" + pointer.substr(2);
    if (e.code == codes::kInvalidGithubJson) return payload_error(pointer, e.message);
    return std::unexpected(std::move(e));
  }
  if (read->program.items.empty()) {
    ev.why = "the issue is a pull request";
    return ev;
  }
  const auto doc = plan::plan_to_json(read->program);
  ev.item = doc["items"][0];
  ev.team = doc["teams"][0];
  ev.action = *action == "deleted" ? IssueAction::kDelete : IssueAction::kUpsert;
  return ev;
}

}  // namespace cairn::io

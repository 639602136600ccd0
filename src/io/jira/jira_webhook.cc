// Jira `jira:issue_*` webhook payloads (io/issue_event.h), mapped by the Jira CSV importer itself:
// the issue's fields are written as a one-row export with the importer's column names, so an item
// made by a webhook equals the one `cairn import` makes of the same issue.
#include <fmt/format.h>

#include "base/codes.h"
#include "io/issue_event.h"
#include "io/jira/jira_csv.h"
#include "plan/plan.h"

namespace cairn::io {
namespace {

using json = nlohmann::ordered_json;

std::unexpected<Error> payload_error(const std::string& pointer, const std::string& message) {
  return make_error(codes::kWebhookPayload, fmt::format("{} (at {})", message, pointer),
                    Location{"", 0, 0, pointer},
                    "send the payload as Jira documents it for issue events");
}

// The text of the field at `pointer`: a string as is, a number in decimal; empty when absent or
// null. `required` makes absence an error; another type is always one.
Result<std::string> text_at(const json& doc, const std::string& pointer, bool required = false) {
  const json::json_pointer p(pointer);
  if (!doc.contains(p) || doc[p].is_null()) {
    if (required) return payload_error(pointer, "missing");
    return std::string();
  }
  const json& v = doc[p];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return fmt::format("{}", v.get<double>());
  return payload_error(pointer, "not a string or number");
}

std::string csv_field(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// The site's URL from the issue's `self` ("https://acme.atlassian.net/rest/api/2/issue/1"), so
// items link to <site>/browse/KEY as an import with --jira-url does.
std::string site_of(const std::string& self) {
  const size_t rest = self.find("/rest/");
  return rest == std::string::npos ? std::string() : self.substr(0, rest);
}

struct Column {
  const char* name;     // the importer's column
  const char* pointer;  // the payload's field
  bool required;
  bool date;
};
constexpr Column kColumns[] = {
    {"Issue key", "/issue/key", true, false},
    {"Issue id", "/issue/id", false, false},
    {"Summary", "/issue/fields/summary", false, false},
    {"Issue Type", "/issue/fields/issuetype/name", false, false},
    {"Status", "/issue/fields/status/name", true, false},
    {"Priority", "/issue/fields/priority/name", false, false},
    {"Created", "/issue/fields/created", false, true},
    {"Updated", "/issue/fields/updated", false, true},
    {"Resolved", "/issue/fields/resolutiondate", false, true},
    {"Due Date", "/issue/fields/duedate", false, true},
    {"Assignee", "/issue/fields/assignee/displayName", false, false},
    {"Original Estimate", "/issue/fields/timeoriginalestimate", false, false},
    {"Remaining Estimate", "/issue/fields/timeestimate", false, false},
    {"Project key", "/issue/fields/project/key", true, false},
    {"Project name", "/issue/fields/project/name", false, false},
    {"Status Category Changed", "/issue/fields/statuscategorychangedate", false, true},
};

// The one-row CSV export of the payload's issue, with `status` as its status.
Result<std::string> as_csv(const json& payload, const std::string& status) {
  std::string header, row;
  for (const Column& c : kColumns) {
    auto v = text_at(payload, c.pointer, c.required);
    if (!v) return std::unexpected(v.error());
    if (std::string_view(c.name) == "Status") *v = status;
    if (c.date && !v->empty() && !parse_jira_date(*v))
      return payload_error(c.pointer, fmt::format("'{}' is not a date Jira writes", *v));
    if (std::string_view(c.name).ends_with("Estimate") && !v->empty() &&
        !parse_jira_duration_days(*v))
      return payload_error(c.pointer, fmt::format("'{}' is not a time estimate in seconds", *v));
    header += (header.empty() ? "" : ",") + csv_field(c.name);
    row += (row.empty() ? "" : ",") + csv_field(*v);
  }
  const json::json_pointer labels("/issue/fields/labels");
  if (payload.contains(labels) && payload[labels].is_array()) {
    for (size_t i = 0; i < payload[labels].size(); ++i) {
      auto l = text_at(payload, fmt::format("/issue/fields/labels/{}", i));
      if (!l) return std::unexpected(l.error());
      header += ",\"Labels\"";
      row += "," + csv_field(*l);
    }
  }
  return header + "\n" + row + "\n";
}

// The new status: the changelog's status change when the event has one, else the issue's status.
Result<std::string> new_status(const json& payload) {
  const json::json_pointer items("/changelog/items");
  if (payload.contains(items) && payload[items].is_array()) {
    for (size_t i = 0; i < payload[items].size(); ++i) {
      const json& it = payload[items][i];
      if (it.is_object() && it.value("field", "") == "status")
        return text_at(payload, fmt::format("/changelog/items/{}/toString", i), true);
    }
  }
  return text_at(payload, "/issue/fields/status/name", true);
}

// Jira says which category the issue's status is in (statusCategory.key: new, indeterminate,
// done): where it does, that replaces the importer's guess from the name (a CSV export has no
// categories), so a done status named "Shipped" counts as done.
void trust_status_category(const json& payload, const std::string& status, json& team) {
  const json::json_pointer name("/issue/fields/status/name");
  const json::json_pointer key("/issue/fields/status/statusCategory/key");
  if (!payload.contains(key) || !payload[key].is_string() || !payload.contains(name) ||
      payload[name] != status || !team.contains("workflow"))
    return;
  const std::string k = payload[key].get<std::string>();
  const char* category = k == "new"             ? "todo"
                         : k == "indeterminate" ? "in-progress"
                         : k == "done"          ? "done"
                                                : nullptr;
  if (category == nullptr) return;
  for (auto& s : team["workflow"]) {
    if (s.value("name", "") != status) continue;
    s["category"] = category;
    s.erase("active");  // the category's own default: active while in progress
  }
}

}  // namespace

Result<std::string> jira_project(const json& payload) {
  auto key = text_at(payload, "/issue/fields/project/key", true);
  if (key && key->empty()) return payload_error("/issue/fields/project/key", "empty");
  return key;
}

Result<IssueEvent> jira_issue_event(const json& payload) {
  IssueEvent ev;
  auto name = text_at(payload, "/webhookEvent", true);
  if (!name) return std::unexpected(name.error());
  ev.event = *name;
  if (*name != "jira:issue_created" && *name != "jira:issue_updated" &&
      *name != "jira:issue_deleted") {
    ev.why = "only jira:issue_created, jira:issue_updated and jira:issue_deleted change items";
    return ev;
  }
  const json::json_pointer ts("/timestamp");
  if (!payload.contains(ts) || !payload[ts].is_number_integer())
    return payload_error("/timestamp", "missing or not an integer (milliseconds since 1970)");
  ev.at = DateTime{payload[ts].get<int64_t>() / 1000};
  auto status = new_status(payload);
  if (!status) return std::unexpected(status.error());
  auto csv = as_csv(payload, *status);
  if (!csv) return std::unexpected(csv.error());
  auto self = text_at(payload, "/issue/self");
  if (!self) return std::unexpected(self.error());

  Diagnostics diags;
  ImportOptions options;
  options.program_key = "webhook";
  options.jira_url = site_of(*self);
  auto read = read_jira_csv(*csv, "payload", options, diags);
  if (!read) return payload_error("/issue", "the issue cannot be mapped: " + read.error().message);
  const auto doc = plan::plan_to_json(read->program);
  ev.item = doc["items"][0];
  ev.team = doc["teams"][0];
  trust_status_category(payload, *status, ev.team);
  ev.action = *name == "jira:issue_deleted" ? IssueAction::kDelete : IssueAction::kUpsert;
  return ev;
}

}  // namespace cairn::io

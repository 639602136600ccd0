// GitHub issues, as the REST API returns them (`GET /repos/{owner}/{repo}/issues?state=all`, pages
// concatenated into one JSON array), read into a Program.
//
// One team per repository (workflow Open → In Progress → Closed), one work item per issue keyed
// `owner/repo#123` (or `<key_prefix>#123`), people from assignees (keyed by login), milestones
// from milestones (with due_on as deadline), kinds and the In Progress state from labels, and
// dependencies from "depends on #12" / "blocked by #12" in issue bodies. Pull requests in the list
// are skipped. State history comes from created_at/closed_at, or from timeline events when given:
// each issue may carry a `timeline` (or `events`) array as `GET .../issues/{n}/timeline` returns
// it, or the document may be an object {"issues": [...], "events": [...]} with events as
// `GET .../issues/events` returns them (each naming its issue). docs/import.md has every field.
//
// Bad input (not JSON, a wrong type, a missing number or a bad date) is an Error with the JSON
// pointer of the field (`/3/created_at`); nothing is returned then. Thread-safe on distinct
// arguments.
#pragma once

#include <string>
#include <string_view>

#include "io/import.h"

namespace cairn::io {

Result<ImportResult> read_github_issues(std::string_view text, const std::string& name,
                                        const ImportOptions& options, Diagnostics& diags);

}  // namespace cairn::io

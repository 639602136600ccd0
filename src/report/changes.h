// The `diff` and `log` documents (schema/report/diff.schema.json, log.schema.json) and their
// tables: what applying a plan would change in the store, and a stored program's history.
//
// The report layer does not depend on the store: the caller hands it views of its changes (the
// strings and values must outlive the call). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "report/document.h"

namespace cairn::report {

struct FieldChangeView {
  std::string_view field;  // empty for a create or delete: the value is the whole entity
  const Json* old_value = nullptr;
  const Json* new_value = nullptr;
};

struct ChangeView {
  std::string_view op;  // "create", "update" or "delete"
  std::string_view kind;
  std::string_view key;
  std::vector<FieldChangeView> fields;
};

struct DiffView {
  std::vector<ChangeView> changes;
  bool reordered = false;
  size_t created = 0, updated = 0, removed = 0;
};

struct RevisionView {
  int64_t revision = 0;
  std::string_view at, actor, source;
  std::vector<ChangeView> changes;
};

Json changes_json(const std::vector<ChangeView>& changes);
// "+ item A-1", "- team X", "~ item A-2" with "    field: old -> new" lines, each after `indent`.
void changes_table(const std::vector<ChangeView>& changes, std::string_view indent,
                   std::ostream& out);

Json diff_json(const Header& h, const DiffView& d);
void diff_table(const std::string& program, const DiffView& d, std::ostream& out);

// `since`: the day the log starts at, as asked (empty: all of it), for the empty-log line.
Json log_json(const Header& h, const std::vector<RevisionView>& revisions);
void log_table(const std::string& program, const std::vector<RevisionView>& revisions,
               const std::string& since, std::ostream& out);

}  // namespace cairn::report

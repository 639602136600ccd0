#include "report/changes.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {
namespace {

std::string short_value(const Json* v, size_t max = 60) {
  if (!v || v->is_null()) return "(none)";
  std::string s = v->dump();
  if (s.size() > max) s = s.substr(0, max - 3) + "...";
  return s;
}

std::string entity_name(const ChangeView& c) {
  if (c.key.empty()) return std::string(c.kind);
  return fmt::format("{} {}", c.kind, c.key);
}

Json value_or_null(const Json* v) {
  return v ? *v : Json(nullptr);
}

}  // namespace

Json changes_json(const std::vector<ChangeView>& changes) {
  Json arr = Json::array();
  for (const auto& c : changes) {
    Json o{{"op", c.op}, {"kind", c.kind}, {"key", c.key}};
    if (c.op == "update") {
      Json fields = Json::array();
      for (const auto& f : c.fields)
        fields.push_back({{"field", f.field},
                          {"old", value_or_null(f.old_value)},
                          {"new", value_or_null(f.new_value)}});
      o["fields"] = fields;
    } else if (!c.fields.empty()) {
      o["value"] =
          value_or_null(c.op == "create" ? c.fields.front().new_value : c.fields.front().old_value);
    }
    arr.push_back(o);
  }
  return arr;
}

void changes_table(const std::vector<ChangeView>& changes, std::string_view indent,
                   std::ostream& out) {
  for (const auto& c : changes) {
    if (c.op == "create") {
      out << indent << "+ " << entity_name(c) << "\n";
    } else if (c.op == "delete") {
      out << indent << "- " << entity_name(c) << "\n";
    } else if (c.kind == "*") {
      out << indent << "~ order of entities\n";
    } else {
      out << indent << "~ " << entity_name(c) << "\n";
      for (const auto& f : c.fields)
        out << indent << "    " << f.field << ": " << short_value(f.old_value) << " -> "
            << short_value(f.new_value) << "\n";
    }
  }
}

Json diff_json(const Header& h, const DiffView& d) {
  Json j = document("diff", h);
  j["created"] = d.created;
  j["updated"] = d.updated;
  j["removed"] = d.removed;
  j["reordered"] = d.reordered;
  j["changes"] = changes_json(d.changes);
  return j;
}

void diff_table(const std::string& program, const DiffView& d, std::ostream& out) {
  if (d.changes.empty() && !d.reordered) {
    out << fmt::format("{}: no changes\n", program);
    return;
  }
  changes_table(d.changes, "", out);
  if (d.reordered) out << "~ order of entities\n";
  out << fmt::format("{}: {} to create, {} to update, {} to remove\n", program, d.created,
                     d.updated, d.removed);
}

Json log_json(const Header& h, const std::vector<RevisionView>& revisions) {
  Json j = document("log", h);
  Json arr = Json::array();
  for (const auto& r : revisions)
    arr.push_back({{"revision", r.revision},
                   {"at", r.at},
                   {"actor", r.actor},
                   {"source", r.source},
                   {"changes", changes_json(r.changes)}});
  j["revisions"] = arr;
  return j;
}

void log_table(const std::string& program, const std::vector<RevisionView>& revisions,
               const std::string& since, std::ostream& out) {
  for (const auto& r : revisions) {
    out << fmt::format("revision {}  {}  {}{}\n", r.revision, r.at, r.actor,
                       r.source.empty() ? "" : fmt::format("  ({})", r.source));
    changes_table(r.changes, "  ", out);
  }
  if (revisions.empty())
    out << fmt::format("{}: no changes recorded{}\n", program,
                       since.empty() ? "" : " since " + since);
}

}  // namespace cairn::report

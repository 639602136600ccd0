#include "store/entity_doc.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "base/codes.h"
#include "plan/canonical.h"
#include "plan/plan.h"

namespace cairn::store {
namespace {

using ojson = nlohmann::ordered_json;

struct KindInfo {
  const char* kind;
  const char* section;
  bool list;
};

constexpr KindInfo kKinds[] = {
    {"program", "program", false},   {"team", "teams", true},
    {"person", "people", true},      {"milestone", "milestones", true},
    {"item", "items", true},         {"dependency", "dependencies", true},
    {"risk", "risks", true},         {"sprint", "sprints", true},
    {"budget", "budget", false},     {"status_update", "status_updates", true},
    {"decision", "decisions", true}, {"action", "actions", true},
};

std::string part(const ojson& o, const char* field) {
  auto it = o.find(field);
  return it != o.end() && it->is_string() ? it->get<std::string>() : std::string("*");
}

std::string identity(std::string_view kind, const ojson& o) {
  if (auto k = o.find("key"); k != o.end() && k->is_string() && kind != "program")
    return k->get<std::string>();
  if (kind == "dependency") {
    std::string id = part(o, "from") + "->" + part(o, "to");
    if (auto t = o.find("type"); t != o.end() && t->is_string()) id += " " + t->get<std::string>();
    return id;
  }
  if (kind == "status_update")
    return part(o, "date") + "/" + part(o, "team") + "/" + part(o, "author");
  if (kind == "decision") return "~" + part(o, "date") + "/" + part(o, "owner");
  if (kind == "action") return "~" + part(o, "owner") + "/" + part(o, "due");
  return "";
}

}  // namespace

const std::vector<std::string>& entity_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> v;
    for (const auto& k : kKinds)
      v.push_back(k.kind);
    return v;
  }();
  return kinds;
}

int kind_rank(std::string_view kind) {
  for (int i = 0; i < static_cast<int>(std::size(kKinds)); ++i)
    if (kind == kKinds[i].kind) return i;
  return -1;
}

const char* kind_section(std::string_view kind) {
  int r = kind_rank(kind);
  return r < 0 ? "" : kKinds[r].section;
}

std::string parse_kind(std::string_view text) {
  for (const auto& k : kKinds)
    if (text == k.kind || text == k.section) return k.kind;
  return "";
}

std::vector<EntityRow> split_document(const ojson& doc) {
  std::vector<EntityRow> rows;
  for (const auto& k : kKinds) {
    auto s = doc.find(k.section);
    if (s == doc.end()) continue;
    if (!k.list) {
      rows.push_back({k.kind, "", 0, 0, s->dump()});
      continue;
    }
    std::unordered_map<std::string, int> seen;
    int64_t ord = 0;
    for (const auto& e : *s) {
      std::string id = identity(k.kind, e);
      int n = ++seen[id];
      if (n > 1) {
        // Make sure the suffixed identity is itself unused.
        std::string candidate;
        do {
          candidate = fmt::format("{}#{}", id, n++);
        } while (seen.count(candidate));
        seen[id] = n - 1;
        seen[candidate] = 1;
        id = candidate;
      }
      rows.push_back({k.kind, std::move(id), ord++, 0, e.dump()});
    }
  }
  return rows;
}

std::vector<EntityRow> split_program(const Program& program) {
  return split_document(plan::plan_to_json(program));
}

void sort_rows(std::vector<EntityRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const EntityRow& a, const EntityRow& b) {
    int ra = kind_rank(a.kind), rb = kind_rank(b.kind);
    if (ra != rb) return ra < rb;
    if (a.ord != b.ord) return a.ord < b.ord;
    return a.key < b.key;
  });
}

std::string assemble_text(const std::vector<EntityRow>& rows) {
  size_t total = 16;
  for (const auto& r : rows)
    total += r.body.size() + 24;
  std::string out;
  out.reserve(total);
  out += '{';
  std::string_view open_kind;
  bool first_section = true;
  for (const auto& r : rows) {
    int rank = kind_rank(r.kind);
    if (rank < 0) continue;
    const KindInfo& k = kKinds[rank];
    if (r.kind != open_kind) {
      if (!open_kind.empty() && kKinds[kind_rank(open_kind)].list) out += ']';
      if (!first_section) out += ',';
      first_section = false;
      out += '"';
      out += k.section;
      out += "\":";
      if (k.list) out += '[';
      open_kind = k.kind;
    } else {
      if (!k.list) continue;  // a second program/budget row cannot happen; ignore it
      out += ',';
    }
    out += r.body;
  }
  if (!open_kind.empty() && kKinds[kind_rank(open_kind)].list) out += ']';
  out += '}';
  return out;
}

Result<Program> assemble_program(const std::vector<EntityRow>& rows, const std::string& name,
                                 Diagnostics& diags, bool* canonical) {
  if (canonical) *canonical = true;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(assemble_text(rows));
  } catch (const nlohmann::json::exception& e) {
    return make_error(codes::kStoreCorrupt,
                      fmt::format("{}: a stored row is not JSON: {}", name, e.what()));
  }
  auto plan = plan::read_plan_document(doc, name, diags, canonical);
  if (!plan) return std::unexpected(plan.error());
  return std::move(plan->program);
}

}  // namespace cairn::store

#include "store/plan_diff.h"

#include <algorithm>
#include <unordered_map>

namespace cairn::store {
namespace {

using ojson = nlohmann::ordered_json;

// The canonical field order of an item (plan::plan_to_json).
constexpr const char* kItemFields[] = {
    "key",       "title",    "kind",    "parent",   "team",
    "assignee",  "allocate", "basis",   "estimate", "points",
    "remaining", "state",    "history", "created",  "start_no_earlier_than",
    "due",       "priority", "link",    "labels"};

std::string row_id(const std::string& kind, const std::string& key) {
  return kind + '\x1f' + key;
}

std::optional<DateTime> parse_at(const ojson& e) {
  auto at = e.find("at");
  if (at == e.end() || !at->is_string()) return std::nullopt;
  return DateTime::parse(at->get<std::string>());
}

}  // namespace

std::vector<FieldChange> field_changes(const ojson& old_body, const ojson& new_body) {
  std::vector<FieldChange> out;
  for (auto it = new_body.begin(); it != new_body.end(); ++it) {
    auto o = old_body.find(it.key());
    if (o == old_body.end())
      out.push_back({it.key(), nullptr, it.value()});
    else if (*o != it.value())
      out.push_back({it.key(), *o, it.value()});
  }
  for (auto it = old_body.begin(); it != old_body.end(); ++it)
    if (!new_body.contains(it.key())) out.push_back({it.key(), it.value(), nullptr});
  return out;
}

ojson merge_item(const ojson& stored, const ojson& plan, DateTime now) {
  struct Entry {
    ojson json;
    DateTime at;
  };
  std::vector<Entry> merged;
  auto add = [&](const ojson& list) {
    if (!list.is_array()) return;
    for (const auto& e : list) {
      auto at = parse_at(e);
      if (!at) continue;
      bool dup = std::any_of(merged.begin(), merged.end(), [&](const Entry& m) {
        return m.at == *at && m.json.value("state", "") == e.value("state", "");
      });
      if (!dup) merged.push_back({e, *at});
    }
  };
  add(stored.value("history", ojson::array()));
  add(plan.value("history", ojson::array()));
  std::stable_sort(merged.begin(), merged.end(),
                   [](const Entry& a, const Entry& b) { return a.at < b.at; });
  std::string old_state = stored.value("state", ""), new_state = plan.value("state", "");
  if (new_state != old_state && !new_state.empty()) {
    bool recorded = !merged.empty() && merged.back().json.value("state", "") == new_state;
    if (!recorded) {
      Entry e{ojson{{"state", new_state}, {"at", now.to_string()}}, now};
      auto pos = std::upper_bound(merged.begin(), merged.end(), e,
                                  [](const Entry& a, const Entry& b) { return a.at < b.at; });
      merged.insert(pos, e);
    }
  }
  ojson history = ojson::array();
  for (auto& e : merged)
    history.push_back(std::move(e.json));
  // Rebuild in canonical field order.
  ojson out = ojson::object();
  for (const char* f : kItemFields) {
    if (std::string_view(f) == "history") {
      if (!history.empty()) out["history"] = history;
      continue;
    }
    if (auto it = plan.find(f); it != plan.end()) out[f] = *it;
  }
  for (auto it = plan.begin(); it != plan.end(); ++it)
    if (!out.contains(it.key()) && it.key() != "history") out[it.key()] = it.value();
  return out;
}

void append_change_rows(const EntityChange& c, std::vector<ChangeRow>& out) {
  for (const auto& f : c.fields) {
    ChangeRow r{c.kind, c.key, to_string(c.op), f.field, std::nullopt, std::nullopt};
    if (!f.old_value.is_null()) r.old_value = f.old_value.dump();
    if (!f.new_value.is_null()) r.new_value = f.new_value.dump();
    out.push_back(std::move(r));
  }
}

std::vector<EntityChange> changes_from_rows(const std::vector<ChangeRow>& rows) {
  std::vector<EntityChange> out;
  for (const auto& r : rows) {
    ChangeOp op = r.op == "create"   ? ChangeOp::kCreate
                  : r.op == "delete" ? ChangeOp::kDelete
                                     : ChangeOp::kUpdate;
    if (out.empty() || out.back().kind != r.kind || out.back().key != r.key || out.back().op != op)
      out.push_back({r.kind, r.key, op, {}});
    FieldChange f{r.field, nullptr, nullptr};
    if (r.old_value) f.old_value = ojson::parse(*r.old_value, nullptr, false);
    if (r.new_value) f.new_value = ojson::parse(*r.new_value, nullptr, false);
    out.back().fields.push_back(std::move(f));
  }
  return out;
}

DiffOutcome compute_diff(const std::vector<EntityRow>& stored, const std::vector<EntityRow>& plan,
                         bool prune, DateTime now) {
  DiffOutcome out;
  std::unordered_map<std::string, const EntityRow*> by_id;
  by_id.reserve(stored.size());
  for (const auto& r : stored)
    by_id.emplace(row_id(r.kind, r.key), &r);

  struct Pending {
    int rank;
    int64_t ord;
    std::string key;
    EntityChange change;
    const std::string* body = nullptr;  // the row text of a creation or removal
  };
  std::vector<Pending> pending;
  bool moved = false;
  out.result.reserve(std::max(stored.size(), plan.size()));
  for (const auto& p : plan) {
    auto it = by_id.find(row_id(p.kind, p.key));
    if (it == by_id.end()) {
      EntityRow ins = p;
      ins.version = 1;
      EntityChange c{p.kind, p.key, ChangeOp::kCreate, {}};
      c.fields.push_back({"", nullptr, ojson::parse(p.body)});
      pending.push_back({kind_rank(p.kind), p.ord, p.key, std::move(c), &p.body});
      out.inserts.push_back(ins);
      out.result.push_back(std::move(ins));
      continue;
    }
    const EntityRow& s = *it->second;
    by_id.erase(it);
    std::string body = p.body;
    if (body != s.body) {
      ojson old_body = ojson::parse(s.body), new_body = ojson::parse(p.body);
      if (p.kind == "item") {
        new_body = merge_item(old_body, new_body, now);
        body = new_body.dump();
      }
      if (body != s.body) {
        EntityChange c{p.kind, p.key, ChangeOp::kUpdate, field_changes(old_body, new_body)};
        pending.push_back({kind_rank(p.kind), p.ord, p.key, std::move(c)});
        EntityRow up{p.kind, p.key, p.ord, s.version, body};
        out.updates.push_back(up);
        up.version = s.version + 1;
        out.result.push_back(std::move(up));
        continue;
      }
    }
    if (p.ord != s.ord) {
      moved = true;
      out.moves.push_back({p.kind, p.key, p.ord, s.version, {}});
    }
    out.result.push_back({p.kind, p.key, p.ord, s.version, std::move(body)});
  }
  // What the plan lacks.
  for (const auto& r : stored) {
    if (!by_id.count(row_id(r.kind, r.key))) continue;
    if (prune) {
      EntityChange c{r.kind, r.key, ChangeOp::kDelete, {}};
      c.fields.push_back({"", ojson::parse(r.body), nullptr});
      pending.push_back({kind_rank(r.kind), r.ord, r.key, std::move(c), &r.body});
      out.deletes.push_back(r);
    } else {
      out.keeps_extras = true;
      out.result.push_back(r);
    }
  }
  std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    if (a.ord != b.ord) return a.ord < b.ord;
    return a.key < b.key;
  });
  for (auto& p : pending) {
    // A creation or removal is recorded with the entity's row text itself: it is the compact
    // canonical JSON that dumping the parsed body would give again (saves a dump per entity on
    // bulk imports).
    if (p.change.op != ChangeOp::kUpdate && p.body) {
      const bool create = p.change.op == ChangeOp::kCreate;
      out.changes.push_back({p.change.kind, p.change.key, to_string(p.change.op), "",
                             create ? std::nullopt : std::optional<std::string>(*p.body),
                             create ? std::optional<std::string>(*p.body) : std::nullopt});
    } else {
      append_change_rows(p.change, out.changes);
    }
    out.diff.changes.push_back(std::move(p.change));
  }
  if (moved) {
    out.diff.reordered = true;
    if (out.changes.empty())
      out.changes.push_back({"*", "", "reorder", "", std::nullopt, std::nullopt});
  }
  sort_rows(out.result);
  return out;
}

}  // namespace cairn::store

// The store's logic over a Backend: load, diff, apply, single-entity writes, history, baselines.
#include "store/store.h"

#include <chrono>
#include <cstdlib>

#include <fmt/format.h>

#include "base/codes.h"
#include "plan/plan.h"
#include "store/backend.h"
#include "store/plan_diff.h"

namespace cairn::store {
namespace {

using ojson = nlohmann::ordered_json;

// Rolls back unless committed.
class Txn {
 public:
  explicit Txn(Backend& b) : b_(b) {}
  ~Txn() {
    if (open_) b_.rollback();
  }
  Result<void> begin(bool write) {
    auto r = b_.begin(write);
    open_ = r.has_value();
    return r;
  }
  Result<void> commit() {
    open_ = false;
    return b_.commit();
  }

 private:
  Backend& b_;
  bool open_ = false;
};

DateTime now_or(const std::optional<DateTime>& t) {
  if (t) return *t;
  auto s = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return DateTime{s.count()};
}

std::string actor_or(const std::string& a) {
  return a.empty() ? "unknown" : a;
}

Error not_found(const std::string& key) {
  return Error{codes::kProgramNotFound,
               fmt::format("the store has no program '{}'", key),
               {},
               "list the stored programs with `cairn log` or apply a plan first"};
}

// Validates the rows a write would leave and returns their program; the error names the first
// problem. `canonical`, when given, says whether every row was already in canonical form.
Result<Program> check_result(const std::vector<EntityRow>& rows, const std::string& name,
                             bool* canonical = nullptr) {
  Diagnostics diags;
  auto p = assemble_program(rows, name, diags, canonical);
  if (!p) return std::unexpected(p.error());
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError)
      return make_error(
          codes::kInvalidResult,
          fmt::format("the program after this change would be invalid: {} [{}]", d.message, d.id),
          d.where, d.hint);
  return std::move(*p);
}

}  // namespace

std::string default_location() {
  const char* env = std::getenv("CAIRN_DB");
  return env && *env ? std::string(env) : std::string("cairn.db");
}

const char* to_string(ChangeOp op) {
  switch (op) {
    case ChangeOp::kCreate:
      return "create";
    case ChangeOp::kUpdate:
      return "update";
    case ChangeOp::kDelete:
      return "delete";
  }
  return "update";
}

size_t PlanDiff::created() const {
  return std::count_if(changes.begin(), changes.end(),
                       [](const EntityChange& c) { return c.op == ChangeOp::kCreate; });
}
size_t PlanDiff::updated() const {
  return std::count_if(changes.begin(), changes.end(),
                       [](const EntityChange& c) { return c.op == ChangeOp::kUpdate; });
}
size_t PlanDiff::deleted() const {
  return std::count_if(changes.begin(), changes.end(),
                       [](const EntityChange& c) { return c.op == ChangeOp::kDelete; });
}

Result<std::unique_ptr<Store>> Store::open(const std::string& location,
                                           const OpenOptions& options) {
  Result<std::unique_ptr<Backend>> b =
      location.starts_with("postgresql://") || location.starts_with("postgres://")
          ? open_postgres(location, options)
          : open_sqlite(location, options);
  if (!b) return std::unexpected(b.error());
  return std::make_unique<Store>(std::move(*b));
}

Store::Store(std::unique_ptr<Backend> backend) : backend_(std::move(backend)) {}
Store::~Store() = default;

const char* Store::backend_name() const {
  return backend_->name();
}
int Store::schema_version() const {
  return backend_->schema_version();
}

Result<std::vector<ProgramInfo>> Store::programs() {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto out = backend_->programs();
  if (!out) return out;
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  return out;
}

Result<std::string> Store::only_program() {
  auto ps = programs();
  if (!ps) return std::unexpected(ps.error());
  if (ps->empty())
    return make_error(codes::kProgramNotFound, "the store holds no program", {},
                      "apply a plan first: cairn apply PLAN");
  if (ps->size() > 1) {
    std::string keys;
    for (const auto& p : *ps)
      keys += (keys.empty() ? "" : ", ") + p.key;
    return make_error(codes::kAmbiguousProgram,
                      fmt::format("the store holds {} programs ({})", ps->size(), keys), {},
                      "choose one with --program KEY");
  }
  return ps->front().key;
}

struct Store::ProgramRows {
  ProgramRow program;
  std::vector<EntityRow> rows;
};

Result<Store::ProgramRows> Store::read_program(const std::string& key) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(key));
  auto rows = backend_->rows((*prog)->id);
  if (!rows) return std::unexpected(rows.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  sort_rows(*rows);
  return ProgramRows{**prog, std::move(*rows)};
}

Result<ojson> Store::load_document(const std::string& key) {
  auto read = read_program(key);
  if (!read) return std::unexpected(read.error());
  try {
    return ojson::parse(assemble_text(read->rows));
  } catch (const nlohmann::json::exception& e) {
    return make_error(codes::kStoreCorrupt,
                      fmt::format("program '{}' has a damaged row: {}", key, e.what()));
  }
}

Result<StoredProgram> Store::load(const std::string& key) {
  auto read = read_program(key);
  if (!read) return std::unexpected(read.error());
  Diagnostics diags;
  auto program = assemble_program(read->rows, fmt::format("{}:{}", backend_->name(), key), diags);
  if (!program) return std::unexpected(program.error());
  return StoredProgram{std::move(*program), read->program.revision};
}

Result<PlanDiff> Store::diff(const Program& plan, const ApplyOptions& options) {
  auto plan_rows = split_program(plan);
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(plan.key, false);
  if (!prog) return std::unexpected(prog.error());
  std::vector<EntityRow> stored;
  if (*prog) {
    auto rows = backend_->rows((*prog)->id);
    if (!rows) return std::unexpected(rows.error());
    stored = std::move(*rows);
  }
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  return compute_diff(stored, plan_rows, options.prune, now_or(options.now)).diff;
}

Result<ApplyResult> Store::apply(const Program& plan, const ApplyOptions& options) {
  DateTime now = now_or(options.now);
  auto plan_rows = split_program(plan);
  // First look without the write lock: an unchanged plan writes nothing at all.
  {
    Txn t(*backend_);
    if (auto r = t.begin(false); !r) return std::unexpected(r.error());
    auto prog = backend_->find_program(plan.key, false);
    if (!prog) return std::unexpected(prog.error());
    if (*prog) {
      if (options.expected_revision && *options.expected_revision != (*prog)->revision)
        return make_error(codes::kConflict,
                          fmt::format("program '{}' is at revision {}, not {}: someone else "
                                      "changed it",
                                      plan.key, (*prog)->revision, *options.expected_revision),
                          {}, "load the program again and redo the change");
      auto rows = backend_->rows((*prog)->id);
      if (!rows) return std::unexpected(rows.error());
      auto d = compute_diff(*rows, plan_rows, options.prune, now);
      if (d.diff.empty()) return ApplyResult{std::move(d.diff), (*prog)->revision, false};
    }
  }
  // Then the write: lock the program, compute again against what is stored now, write.
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(plan.key, true);
  if (!prog) return std::unexpected(prog.error());
  ProgramRow row;
  if (*prog) {
    row = **prog;
  } else {
    if (options.expected_revision && *options.expected_revision != 0)
      return make_error(codes::kConflict,
                        fmt::format("program '{}' does not exist any more", plan.key));
    auto created = backend_->create_program(plan.key, plan.name, now.to_string());
    if (!created) return std::unexpected(created.error());
    row = *created;
  }
  if (options.expected_revision && *options.expected_revision != row.revision)
    return make_error(codes::kConflict,
                      fmt::format("program '{}' is at revision {}, not {}: someone else changed it",
                                  plan.key, row.revision, *options.expected_revision),
                      {}, "load the program again and redo the change");
  auto rows = backend_->rows(row.id);
  if (!rows) return std::unexpected(rows.error());
  auto d = compute_diff(*rows, plan_rows, options.prune, now);
  if (d.diff.empty()) return ApplyResult{std::move(d.diff), row.revision, false};
  if (d.keeps_extras)
    if (auto ok = check_result(d.result, plan.key); !ok) return std::unexpected(ok.error());
  WriteBatch batch;
  batch.program_id = row.id;
  batch.base_revision = row.revision;
  batch.program_name = plan.name;
  batch.revision = RevisionRow{row.revision + 1, now.to_string(), actor_or(options.actor),
                               options.source, std::move(d.changes)};
  batch.inserts = std::move(d.inserts);
  batch.updates = std::move(d.updates);
  batch.deletes = std::move(d.deletes);
  batch.moves = std::move(d.moves);
  if (auto w = backend_->write(batch); !w) return std::unexpected(w.error());
  if (auto c = t.commit(); !c) return std::unexpected(c.error());
  return ApplyResult{std::move(d.diff), row.revision + 1, true};
}

Result<std::optional<EntityRecord>> Store::entity(const std::string& program_key,
                                                  const std::string& kind, const std::string& key) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  auto rows = backend_->rows((*prog)->id, kind, key);
  if (!rows) return std::unexpected(rows.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  if (rows->empty()) return std::optional<EntityRecord>{};
  const auto& r = rows->front();
  return std::optional<EntityRecord>{EntityRecord{r.kind, r.key, r.version, ojson::parse(r.body)}};
}

Result<int64_t> Store::put_entity(const std::string& program_key, const std::string& kind,
                                  const std::string& key, const ojson& body,
                                  int64_t expected_version, const ApplyOptions& options) {
  if (kind_rank(kind) < 0)
    return make_error(codes::kInvalidKind, fmt::format("'{}' is not an entity kind", kind));
  DateTime now = now_or(options.now);
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, true);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  const ProgramRow row = **prog;
  auto rows = backend_->rows(row.id);
  if (!rows) return std::unexpected(rows.error());
  auto current = std::find_if(rows->begin(), rows->end(),
                              [&](const EntityRow& r) { return r.kind == kind && r.key == key; });
  int64_t stored_version = current == rows->end() ? 0 : current->version;
  if (stored_version != expected_version)
    return make_error(codes::kConflict,
                      fmt::format("{} '{}' is at version {}, not {}: someone else changed it", kind,
                                  key, stored_version, expected_version),
                      {}, "read it again and redo the change");
  ojson new_body = body;
  if (kind == "item" && current != rows->end())
    new_body = merge_item(ojson::parse(current->body), body, now);
  std::string text = new_body.dump();
  if (current != rows->end() && current->body == text) return stored_version;
  // The entity with its new body, validated with the whole program. A body in the plan's looser
  // spelling (an allocation "80%") is stored in canonical form, as apply would store it, so every
  // reader of the store (export, delete, the fast canonical reader) sees one form.
  const bool created = current == rows->end();
  const std::string old_text = created ? std::string() : current->body;
  if (created) {
    int64_t ord = 0;
    for (const auto& r : *rows)
      if (r.kind == kind) ord = std::max(ord, r.ord + 1);
    rows->push_back(EntityRow{kind, key, ord, 1, text});
  } else {
    current->body = text;
  }
  sort_rows(*rows);
  bool canonical = true;
  auto checked = check_result(*rows, program_key, &canonical);
  if (!checked) return std::unexpected(checked.error());
  auto self = std::find_if(rows->begin(), rows->end(),
                           [&](const EntityRow& r) { return r.kind == kind && r.key == key; });
  if (!canonical) {
    for (auto& r : split_program(*checked))
      if (r.kind == kind && r.key == key) text = std::move(r.body);
    if (!created && text == old_text) return stored_version;
    new_body = ojson::parse(text);
    self->body = text;
  }
  WriteBatch batch;
  batch.program_id = row.id;
  batch.base_revision = row.revision;
  EntityChange change{kind, key, ChangeOp::kCreate, {}};
  if (created) {
    batch.inserts.push_back(*self);
    change.fields.push_back({"", nullptr, new_body});
  } else {
    change.op = ChangeOp::kUpdate;
    change.fields = field_changes(ojson::parse(old_text), new_body);
    batch.updates.push_back({kind, key, self->ord, self->version, text});
  }
  for (const auto& r : *rows)
    if (r.kind == "program") batch.program_name = ojson::parse(r.body).value("name", "");
  batch.revision =
      RevisionRow{row.revision + 1, now.to_string(), actor_or(options.actor), options.source, {}};
  append_change_rows(change, batch.revision.changes);
  if (auto w = backend_->write(batch); !w) return std::unexpected(w.error());
  if (auto c = t.commit(); !c) return std::unexpected(c.error());
  return stored_version + 1;
}

Result<std::vector<Revision>> Store::history(const std::string& program_key,
                                             const HistoryQuery& query) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  std::string since = query.since ? DateTime::from_date(*query.since).to_string() : "";
  auto revs = backend_->history((*prog)->id, since, query.kind, query.key);
  if (!revs) return std::unexpected(revs.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  std::vector<Revision> out;
  out.reserve(revs->size());
  for (auto& r : *revs)
    out.push_back({r.revision, r.at, r.actor, r.source, changes_from_rows(r.changes)});
  return out;
}

Result<void> Store::save_baseline(const std::string& program_key, const Baseline& baseline) {
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, true);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  Baseline b = baseline;
  b.revision = (*prog)->revision;
  if (b.created_at.empty()) b.created_at = now_or({}).to_string();
  if (auto r = backend_->save_baseline((*prog)->id, b); !r) return r;
  return t.commit();
}

Result<std::vector<Baseline>> Store::baselines(const std::string& program_key) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  auto out = backend_->baselines((*prog)->id, "", false);
  if (!out) return out;
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  return out;
}

Result<std::optional<Baseline>> Store::baseline(const std::string& program_key,
                                                const std::string& name) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  auto out = backend_->baselines((*prog)->id, name, true);
  if (!out) return std::unexpected(out.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  if (out->empty()) return std::optional<Baseline>{};
  return std::optional<Baseline>{std::move(out->front())};
}

Result<void> Store::put_forecast_snapshot(const std::string& program_key, Date day,
                                          const ojson& snapshot) {
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, true);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  if (auto r = backend_->put_forecast_snapshot((*prog)->id, day.to_string(), (*prog)->revision,
                                               now_or({}).to_string(), snapshot.dump());
      !r)
    return r;
  return t.commit();
}

Result<std::vector<std::pair<Date, ojson>>> Store::forecast_snapshots(
    const std::string& program_key, std::optional<Date> since) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (!*prog) return std::unexpected(not_found(program_key));
  auto rows = backend_->forecast_snapshots((*prog)->id, since ? since->to_string() : "");
  if (!rows) return std::unexpected(rows.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  std::vector<std::pair<Date, ojson>> out;
  for (auto& [day, text] : *rows)
    out.emplace_back(Date::parse(day).value_or(Date{}), ojson::parse(text, nullptr, false));
  return out;
}

Result<std::optional<int64_t>> Store::revision(const std::string& program_key) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto prog = backend_->find_program(program_key, false);
  if (!prog) return std::unexpected(prog.error());
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  if (!*prog) return std::optional<int64_t>{};
  return std::optional<int64_t>{(*prog)->revision};
}

Result<void> Store::add_token(const std::string& user, const Grant& grant,
                              const std::string& token_hash) {
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  if (auto r = backend_->put_grant(user, grant, token_hash, now_or({}).to_string()); !r) return r;
  return t.commit();
}

Result<std::optional<TokenOwner>> Store::token_owner(const std::string& token_hash) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto out = backend_->token_owner(token_hash);
  if (!out) return out;
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  return out;
}

Result<void> Store::audit(const AuditEntry& entry) {
  Txn t(*backend_);
  if (auto r = t.begin(true); !r) return std::unexpected(r.error());
  AuditEntry e = entry;
  if (e.at.empty()) e.at = now_or({}).to_string();
  if (auto r = backend_->append_audit(e); !r) return r;
  return t.commit();
}

Result<std::vector<AuditEntry>> Store::audit_log(size_t limit) {
  Txn t(*backend_);
  if (auto r = t.begin(false); !r) return std::unexpected(r.error());
  auto out = backend_->audit_log(limit);
  if (!out) return out;
  if (auto r = t.commit(); !r) return std::unexpected(r.error());
  return out;
}

}  // namespace cairn::store

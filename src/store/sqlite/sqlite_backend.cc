// The SQLite backend: one database file in WAL mode (synchronous=NORMAL: a committed transaction
// survives a crash of the process; a power loss may lose the last ones but never tears one),
// foreign keys on, a 10 s busy timeout for concurrent writers, prepared statements cached per
// connection. Writers take the lock up front (BEGIN IMMEDIATE), so a read-modify-write in one
// transaction cannot interleave with another writer.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include <fmt/format.h>

#include "base/codes.h"
#include "store/backend.h"
#include "store/migrations.h"

namespace cairn::store {
namespace {

class SqliteBackend;

// A prepared statement, reset on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  // The text must outlive the statement's step (SQLITE_STATIC: no copy); a temporary would not.
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
    return *this;
  }
  Stmt& bind(int i, std::string&& v) = delete;
  Stmt& bind(int i, const char* v) {  // copied
    sqlite3_bind_text(s_, i, v, -1, SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, const std::optional<std::string>& v) {
    if (v)
      bind(i, *v);
    else
      sqlite3_bind_null(s_, i);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(s_); }
  int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  std::string text(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string(p, sqlite3_column_bytes(s_, c)) : std::string();
  }
  std::optional<std::string> opt_text(int c) const {
    if (sqlite3_column_type(s_, c) == SQLITE_NULL) return std::nullopt;
    return text(c);
  }
  int changes() const { return sqlite3_changes(db_); }
  size_t columns() const { return static_cast<size_t>(sqlite3_column_count(s_)); }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
};

Error sqlite_error(sqlite3* db, int rc, const std::string& what) {
  int base = rc & 0xff;
  std::string code = base == SQLITE_BUSY || base == SQLITE_LOCKED ? codes::kStoreBusy
                     : rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE
                         ? codes::kConflict
                         : codes::kStoreError;
  return Error{code,
               fmt::format("SQLite: {}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
               {},
               code == codes::kStoreBusy ? "another cairn holds the database; try again" : ""};
}

class SqliteBackend final : public Backend {
 public:
  explicit SqliteBackend(sqlite3* db) : db_(db) {}
  ~SqliteBackend() override {
    for (auto& [sql, s] : cache_)
      sqlite3_finalize(s);
    sqlite3_close_v2(db_);
  }

  const char* name() const override { return "sqlite"; }
  int schema_version() const override { return schema_version_; }

  Result<void> exec(const char* sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
      std::string m = msg ? msg : sqlite3_errstr(rc);
      sqlite3_free(msg);
      int base = rc & 0xff;
      return make_error(base == SQLITE_BUSY ? codes::kStoreBusy : codes::kStoreError,
                        fmt::format("SQLite: {}", m));
    }
    return {};
  }

  Result<Stmt> prepare(const char* sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      sqlite3_stmt* s = nullptr;
      int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
      if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, "prepare"));
      it = cache_.emplace(sql, s).first;
    }
    return Stmt(db_, it->second);
  }

  Result<void> migrate() {
    if (auto r = exec("BEGIN IMMEDIATE"); !r) return r;
    auto fail = [&](Error e) {
      exec("ROLLBACK");
      return std::unexpected(std::move(e));
    };
    if (auto r = exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        !r)
      return fail(r.error());
    int current = 0;
    {
      auto s = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (!s) return fail(s.error());
      if (s->step() == SQLITE_ROW) current = static_cast<int>(s->i64(0));
    }
    if (current > latest_schema_version())
      return fail(Error{codes::kStoreTooNew,
                        fmt::format("the database has schema version {}; this cairn knows up to {}",
                                    current, latest_schema_version()),
                        {},
                        "use a newer cairn"});
    for (const auto& m : migrations()) {
      if (m.version <= current) continue;
      if (auto r = exec(m.sqlite); !r) return fail(r.error());
      auto s = prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
          "(?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))");
      if (!s) return fail(s.error());
      s->bind(1, int64_t{m.version}).bind(2, m.name);
      if (int rc = s->step(); rc != SQLITE_DONE) return fail(sqlite_error(db_, rc, "migrate"));
    }
    schema_version_ = latest_schema_version();
    return exec("COMMIT");
  }

  Result<void> begin(bool write) override {
    return exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  }
  Result<void> commit() override { return exec("COMMIT"); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) exec("ROLLBACK");
  }

  Result<std::vector<ProgramInfo>> programs() override {
    auto s = prepare(
        "SELECT p.key, p.name, p.revision, p.updated_at, "
        "(SELECT COUNT(*) FROM entities e WHERE e.program_id = p.id) FROM programs p ORDER BY "
        "p.key");
    if (!s) return std::unexpected(s.error());
    std::vector<ProgramInfo> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
      out.push_back(
          {s->text(0), s->text(1), s->i64(2), s->text(3), static_cast<size_t>(s->i64(4))});
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "programs"));
    return out;
  }

  Result<std::optional<ProgramRow>> find_program(const std::string& key, bool) override {
    auto s = prepare("SELECT id, revision FROM programs WHERE key = ?");
    if (!s) return std::unexpected(s.error());
    s->bind(1, key);
    int rc = s->step();
    if (rc == SQLITE_ROW) return std::optional<ProgramRow>{ProgramRow{s->i64(0), key, s->i64(1)}};
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "find program"));
    return std::optional<ProgramRow>{};
  }

  Result<ProgramRow> create_program(const std::string& key, const std::string& name,
                                    const std::string& at) override {
    auto s = prepare(
        "INSERT INTO programs (key, name, revision, created_at, updated_at) VALUES (?, ?, 0, ?, "
        "?)");
    if (!s) return std::unexpected(s.error());
    s->bind(1, key).bind(2, name).bind(3, at).bind(4, at);
    if (int rc = s->step(); rc != SQLITE_DONE)
      return std::unexpected(sqlite_error(db_, rc, "create program"));
    return ProgramRow{sqlite3_last_insert_rowid(db_), key, 0};
  }

  Result<std::vector<EntityRow>> rows(int64_t program_id, const std::string& kind,
                                      const std::string& key) override {
    const char* sql =
        kind.empty() ? "SELECT kind, key, ord, version, body FROM entities WHERE program_id = ?"
                     : "SELECT kind, key, ord, version, body FROM entities WHERE program_id = ? "
                       "AND kind = ? "
                       "AND key = ?";
    auto s = prepare(sql);
    if (!s) return std::unexpected(s.error());
    s->bind(1, program_id);
    if (!kind.empty()) s->bind(2, kind).bind(3, key);
    std::vector<EntityRow> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
      out.push_back({s->text(0), s->text(1), s->i64(2), s->i64(3), s->text(4)});
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "read entities"));
    return out;
  }

  Result<void> write(const WriteBatch& b) override {
    const int64_t rev = b.revision.revision;
    {
      auto s = prepare(
          "UPDATE programs SET revision = ?, name = ?, updated_at = ? WHERE id = ? AND revision = "
          "?");
      if (!s) return std::unexpected(s.error());
      s->bind(1, rev)
          .bind(2, b.program_name)
          .bind(3, b.revision.at)
          .bind(4, b.program_id)
          .bind(5, b.base_revision);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "update program"));
      if (s->changes() != 1)
        return make_error(codes::kConflict, "the program changed while this change was prepared",
                          {}, "try again");
    }
    {
      auto s = prepare(
          "INSERT INTO revisions (program_id, revision, at, actor, source) VALUES (?, ?, ?, ?, ?)");
      if (!s) return std::unexpected(s.error());
      s->bind(1, b.program_id)
          .bind(2, rev)
          .bind(3, b.revision.at)
          .bind(4, b.revision.actor)
          .bind(5, b.revision.source);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "insert revision"));
    }
    for (const auto& r : b.deletes) {
      auto s = prepare(
          "DELETE FROM entities WHERE program_id = ? AND kind = ? AND key = ? AND version = ?");
      if (!s) return std::unexpected(s.error());
      s->bind(1, b.program_id).bind(2, r.kind).bind(3, r.key).bind(4, r.version);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "delete entity"));
      if (s->changes() != 1) return conflict(r);
    }
    for (const auto& r : b.updates) {
      auto s = prepare(
          "UPDATE entities SET ord = ?, version = version + 1, revision = ?, body = ? "
          "WHERE program_id = ? AND kind = ? AND key = ? AND version = ?");
      if (!s) return std::unexpected(s.error());
      s->bind(1, r.ord)
          .bind(2, rev)
          .bind(3, r.body)
          .bind(4, b.program_id)
          .bind(5, r.kind)
          .bind(6, r.key)
          .bind(7, r.version);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "update entity"));
      if (s->changes() != 1) return conflict(r);
    }
    for (const auto& r : b.moves) {
      auto s = prepare("UPDATE entities SET ord = ? WHERE program_id = ? AND kind = ? AND key = ?");
      if (!s) return std::unexpected(s.error());
      s->bind(1, r.ord).bind(2, b.program_id).bind(3, r.kind).bind(4, r.key);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "move entity"));
    }
    for (const auto& r : b.inserts) {
      auto s = prepare(
          "INSERT INTO entities (program_id, kind, key, ord, version, revision, body) "
          "VALUES (?, ?, ?, ?, 1, ?, ?)");
      if (!s) return std::unexpected(s.error());
      s->bind(1, b.program_id)
          .bind(2, r.kind)
          .bind(3, r.key)
          .bind(4, r.ord)
          .bind(5, rev)
          .bind(6, r.body);
      if (int rc = s->step(); rc != SQLITE_DONE) {
        if ((rc & 0xff) == SQLITE_CONSTRAINT) return conflict(r);
        return std::unexpected(sqlite_error(db_, rc, "insert entity"));
      }
    }
    int64_t seq = 0;
    for (const auto& c : b.revision.changes) {
      auto s = prepare(
          "INSERT INTO changes (program_id, revision, seq, kind, key, op, field, old_value, "
          "new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!s) return std::unexpected(s.error());
      s->bind(1, b.program_id)
          .bind(2, rev)
          .bind(3, seq++)
          .bind(4, c.kind)
          .bind(5, c.key)
          .bind(6, c.op)
          .bind(7, c.field)
          .bind(8, c.old_value)
          .bind(9, c.new_value);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "insert change"));
    }
    return {};
  }

  Result<std::vector<RevisionRow>> history(int64_t program_id, const std::string& since,
                                           const std::string& kind,
                                           const std::string& key) override {
    std::vector<RevisionRow> out;
    std::unordered_map<int64_t, size_t> index;
    {
      auto s = prepare(
          "SELECT revision, at, actor, source FROM revisions WHERE program_id = ? AND at >= ? "
          "ORDER BY revision");
      if (!s) return std::unexpected(s.error());
      s->bind(1, program_id).bind(2, since);
      int rc;
      while ((rc = s->step()) == SQLITE_ROW) {
        index[s->i64(0)] = out.size();
        out.push_back({s->i64(0), s->text(1), s->text(2), s->text(3), {}});
      }
      if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "history"));
    }
    if (out.empty()) return out;
    auto s = prepare(
        "SELECT revision, kind, key, op, field, old_value, new_value FROM changes "
        "WHERE program_id = ? AND revision >= ? AND (? = '' OR kind = ?) AND (? = '' OR key = ?) "
        "ORDER BY revision, seq");
    if (!s) return std::unexpected(s.error());
    s->bind(1, program_id)
        .bind(2, out.front().revision)
        .bind(3, kind)
        .bind(4, kind)
        .bind(5, key)
        .bind(6, key);
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      auto it = index.find(s->i64(0));
      if (it == index.end()) continue;
      out[it->second].changes.push_back(
          {s->text(1), s->text(2), s->text(3), s->text(4), s->opt_text(5), s->opt_text(6)});
    }
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "history changes"));
    if (!kind.empty() || !key.empty())
      std::erase_if(out, [](const RevisionRow& r) { return r.changes.empty(); });
    return out;
  }

  Result<void> save_baseline(int64_t program_id, const Baseline& b) override {
    auto s = prepare(
        "INSERT INTO baselines (program_id, name, revision, created_at, actor, schedule, forecast) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    std::string schedule = b.schedule.dump(), forecast = b.forecast.dump();
    s->bind(1, program_id)
        .bind(2, b.name)
        .bind(3, b.revision)
        .bind(4, b.created_at)
        .bind(5, b.actor)
        .bind(6, schedule)
        .bind(7, forecast);
    if (int rc = s->step(); rc != SQLITE_DONE) {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return make_error(codes::kConflict, fmt::format("a baseline named '{}' exists", b.name), {},
                          "baselines are frozen; choose another name");
      return std::unexpected(sqlite_error(db_, rc, "save baseline"));
    }
    return {};
  }

  Result<std::vector<Baseline>> baselines(int64_t program_id, const std::string& name,
                                          bool with_documents) override {
    auto s = prepare(
        "SELECT name, revision, created_at, actor, schedule, forecast FROM baselines "
        "WHERE program_id = ? AND (? = '' OR name = ?) ORDER BY created_at, name");
    if (!s) return std::unexpected(s.error());
    s->bind(1, program_id).bind(2, name).bind(3, name);
    std::vector<Baseline> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      Baseline b{s->text(0), s->i64(1), s->text(2), s->text(3), nullptr, nullptr};
      if (with_documents) {
        b.schedule = nlohmann::ordered_json::parse(s->text(4), nullptr, false);
        b.forecast = nlohmann::ordered_json::parse(s->text(5), nullptr, false);
      }
      out.push_back(std::move(b));
    }
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "baselines"));
    return out;
  }

  Result<void> put_forecast_snapshot(int64_t program_id, const std::string& day, int64_t revision,
                                     const std::string& at, const std::string& snapshot) override {
    auto s = prepare(
        "INSERT INTO forecast_snapshots (program_id, day, revision, created_at, snapshot) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (program_id, day) DO UPDATE SET "
        "revision = excluded.revision, created_at = excluded.created_at, snapshot = "
        "excluded.snapshot");
    if (!s) return std::unexpected(s.error());
    s->bind(1, program_id).bind(2, day).bind(3, revision).bind(4, at).bind(5, snapshot);
    if (int rc = s->step(); rc != SQLITE_DONE)
      return std::unexpected(sqlite_error(db_, rc, "forecast snapshot"));
    return {};
  }

  Result<std::vector<std::pair<std::string, std::string>>> forecast_snapshots(
      int64_t program_id, const std::string& since) override {
    auto s = prepare(
        "SELECT day, snapshot FROM forecast_snapshots WHERE program_id = ? AND day >= ? ORDER BY "
        "day");
    if (!s) return std::unexpected(s.error());
    s->bind(1, program_id).bind(2, since);
    std::vector<std::pair<std::string, std::string>> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
      out.emplace_back(s->text(0), s->text(1));
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "forecast snapshots"));
    return out;
  }

  Result<void> put_grant(const std::string& user, const Grant& grant, const std::string& token_hash,
                         const std::string& at) override {
    const char* sqls[] = {
        "INSERT INTO users (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        ("INSERT INTO grants (user_name, program, role) VALUES (?, ?, ?) "
         "ON CONFLICT (user_name, program) DO UPDATE SET role = excluded.role"),
        "INSERT INTO tokens (hash, user_name, created_at) VALUES (?, ?, ?)"};
    for (int i = 0; i < 3; ++i) {
      auto s = prepare(sqls[i]);
      if (!s) return std::unexpected(s.error());
      if (i == 0) s->bind(1, user).bind(2, at);
      if (i == 1) s->bind(1, user).bind(2, grant.program).bind(3, grant.role);
      if (i == 2) s->bind(1, token_hash).bind(2, user).bind(3, at);
      if (int rc = s->step(); rc != SQLITE_DONE)
        return std::unexpected(sqlite_error(db_, rc, "add token"));
    }
    return {};
  }

  Result<std::optional<TokenOwner>> token_owner(const std::string& token_hash) override {
    auto s = prepare(
        "SELECT t.user_name, g.program, g.role FROM tokens t LEFT JOIN grants g ON g.user_name = "
        "t.user_name WHERE t.hash = ? ORDER BY g.program");
    if (!s) return std::unexpected(s.error());
    s->bind(1, token_hash);
    std::optional<TokenOwner> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      if (!out) out = TokenOwner{s->text(0), {}};
      if (auto program = s->opt_text(1)) out->grants.push_back({*program, s->text(2)});
    }
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "token"));
    return out;
  }

  Result<void> append_audit(const AuditEntry& e) override {
    auto s = prepare(
        "INSERT INTO audit (at, actor, action, remote, status, detail) VALUES (?, ?, ?, ?, ?, ?)");
    if (!s) return std::unexpected(s.error());
    s->bind(1, e.at).bind(2, e.actor).bind(3, e.action).bind(4, e.remote);
    s->bind(5, int64_t{e.status}).bind(6, e.detail);
    if (int rc = s->step(); rc != SQLITE_DONE)
      return std::unexpected(sqlite_error(db_, rc, "audit"));
    return {};
  }

  Result<std::vector<AuditEntry>> audit_log(size_t limit) override {
    auto s = prepare(
        "SELECT at, actor, action, remote, status, detail FROM (SELECT * FROM audit ORDER BY id "
        "DESC LIMIT ?) ORDER BY id");
    if (!s) return std::unexpected(s.error());
    s->bind(1, static_cast<int64_t>(limit));
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW)
      out.push_back({s->text(0), s->text(1), s->text(2), s->text(3), static_cast<int>(s->i64(4)),
                     s->text(5)});
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "audit log"));
    return out;
  }

  Result<std::vector<TextRow>> text_query(const char* sql,
                                          const std::vector<std::string>& params) override {
    auto s = prepare(sql);
    if (!s) return std::unexpected(s.error());
    for (size_t i = 0; i < params.size(); ++i)
      s->bind(static_cast<int>(i + 1), params[i]);
    std::vector<TextRow> out;
    int rc;
    while ((rc = s->step()) == SQLITE_ROW) {
      TextRow row(s->columns());
      for (size_t c = 0; c < row.size(); ++c)
        row[c] = s->opt_text(static_cast<int>(c));
      out.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(db_, rc, "login tables"));
    return out;
  }

 private:
  static std::unexpected<Error> conflict(const EntityRow& r) {
    return make_error(codes::kConflict,
                      fmt::format("{} '{}' was changed by someone else meanwhile", r.kind, r.key),
                      {}, "load the program again and redo the change");
  }

  sqlite3* db_;
  int schema_version_ = 0;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<Backend>> open_sqlite(const std::string& path, const OpenOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty()) return make_error(codes::kUsage, "no database path given", {}, "use --db PATH");
  bool exists = fs::exists(path, ec);
  if (!exists && !options.create)
    return make_error(codes::kStoreNotFound, fmt::format("there is no store at {}", path), {},
                      "create one with `cairn init --db PATH` or `cairn apply PLAN --db PATH`");
  sqlite3* db = nullptr;
  int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (options.create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e{codes::kStoreOpenFailed,
            fmt::format("cannot open the SQLite store {}: {}", path,
                        db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
            {},
            "check the path and its permissions"};
    sqlite3_close_v2(db);
    return std::unexpected(e);
  }
  auto backend = std::make_unique<SqliteBackend>(db);
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 1);
  // Not a database at all: the first statement says so.
  if (auto r = backend->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                             "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
      !r)
    return make_error(
        codes::kStoreOpenFailed,
        fmt::format("{} is not a usable SQLite database: {}", path, r.error().message), {},
        "point --db at a Cairn store or a new file");
  if (auto r = backend->migrate(); !r) return std::unexpected(r.error());
  return std::unique_ptr<Backend>(std::move(backend));
}

}  // namespace cairn::store

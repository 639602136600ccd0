// The PostgreSQL backend (libpqxx 6.4): one connection. Readers use REPEATABLE READ READ ONLY
// transactions (one consistent snapshot); writers use READ COMMITTED and lock the program's row
// (SELECT ... FOR UPDATE) before reading it, so concurrent writers of one program queue up and each
// computes its changes from the state the previous one committed. Entity writes check versions as
// well. Bulk inserts go in multi-row statements of up to kBatch rows. The tables live in the
// connection's schema (search_path), so a URL with options=-csearch_path=NAME isolates a store.
#include <pqxx/pqxx>

#include <unordered_map>

#include <fmt/format.h>

#include "base/codes.h"
#include "store/backend.h"
#include "store/migrations.h"

namespace cairn::store {
namespace {

constexpr size_t kBatch = 500;
constexpr int64_t kMigrationLockId = 0x636169726e;  // "cairn"

Error pg_error(const std::exception& e, const std::string& what) {
  std::string code = codes::kStoreError;
  if (dynamic_cast<const pqxx::unique_violation*>(&e) ||
      dynamic_cast<const pqxx::transaction_rollback*>(&e))
    code = codes::kConflict;
  std::string msg = e.what();
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
    msg.pop_back();
  return Error{code,
               fmt::format("PostgreSQL: {}: {}", what, msg),
               {},
               code == codes::kConflict ? "someone else wrote at the same time; try again" : ""};
}

class PostgresBackend final : public Backend {
 public:
  explicit PostgresBackend(std::unique_ptr<pqxx::connection> c) : conn_(std::move(c)) {}
  ~PostgresBackend() override { tx_.reset(); }

  const char* name() const override { return "postgresql"; }
  int schema_version() const override { return schema_version_; }

  Result<void> migrate() {
    try {
      pqxx::work tx(*conn_);
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLockId);
      tx.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      int current =
          tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0].as<int>();
      if (current > latest_schema_version())
        return make_error(
            codes::kStoreTooNew,
            fmt::format("the database has schema version {}; this cairn knows up to {}", current,
                        latest_schema_version()),
            {}, "use a newer cairn");
      for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        tx.exec(m.postgres);
        tx.exec_params(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
            "($1, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
            m.version, std::string(m.name));
      }
      tx.commit();
      schema_version_ = latest_schema_version();
      return {};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "migrate"));
    }
  }

  Result<void> begin(bool write) override {
    try {
      tx_.reset();
      if (write)
        tx_ = std::make_unique<pqxx::work>(*conn_);
      else
        tx_ = std::make_unique<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>>(*conn_);
      return {};
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, "begin"));
    }
  }
  Result<void> commit() override {
    try {
      if (tx_) tx_->commit();
      tx_.reset();
      return {};
    } catch (const std::exception& e) {
      tx_.reset();
      return std::unexpected(pg_error(e, "commit"));
    }
  }
  void rollback() override {
    try {
      if (tx_) tx_->abort();
    } catch (...) {
    }
    tx_.reset();
  }

  template <typename F>
  auto guarded(const char* what, F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const std::exception& e) {
      return std::unexpected(pg_error(e, what));
    }
  }

  Result<std::vector<ProgramInfo>> programs() override {
    return guarded("programs", [&]() -> Result<std::vector<ProgramInfo>> {
      auto r = tx_->exec(
          "SELECT p.key, p.name, p.revision, p.updated_at, "
          "(SELECT COUNT(*) FROM entities e WHERE e.program_id = p.id) FROM programs p ORDER BY "
          "p.key");
      std::vector<ProgramInfo> out;
      for (const auto& row : r)
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<int64_t>(),
                       row[3].as<std::string>(), row[4].as<size_t>()});
      return out;
    });
  }

  Result<std::optional<ProgramRow>> find_program(const std::string& key, bool lock) override {
    return guarded("find program", [&]() -> Result<std::optional<ProgramRow>> {
      auto r = tx_->exec_params(lock ? "SELECT id, revision FROM programs WHERE key = $1 FOR UPDATE"
                                     : "SELECT id, revision FROM programs WHERE key = $1",
                                key);
      if (r.empty()) return std::optional<ProgramRow>{};
      return std::optional<ProgramRow>{
          ProgramRow{r[0][0].as<int64_t>(), key, r[0][1].as<int64_t>()}};
    });
  }

  Result<ProgramRow> create_program(const std::string& key, const std::string& name,
                                    const std::string& at) override {
    return guarded("create program", [&]() -> Result<ProgramRow> {
      auto r = tx_->exec_params(
          "INSERT INTO programs (key, name, revision, created_at, updated_at) VALUES ($1, $2, 0, "
          "$3, "
          "$3) ON CONFLICT (key) DO NOTHING RETURNING id",
          key, name, at);
      if (!r.empty()) return ProgramRow{r[0][0].as<int64_t>(), key, 0};
      // Created by someone else since we looked: take theirs, locked.
      auto again =
          tx_->exec_params("SELECT id, revision FROM programs WHERE key = $1 FOR UPDATE", key);
      if (again.empty())
        return make_error(codes::kConflict, "the program was created and removed meanwhile");
      return ProgramRow{again[0][0].as<int64_t>(), key, again[0][1].as<int64_t>()};
    });
  }

  Result<std::vector<EntityRow>> rows(int64_t program_id, const std::string& kind,
                                      const std::string& key) override {
    return guarded("read entities", [&]() -> Result<std::vector<EntityRow>> {
      pqxx::result r =
          kind.empty()
              ? tx_->exec_params(
                    "SELECT kind, key, ord, version, body FROM entities WHERE program_id = $1",
                    program_id)
              : tx_->exec_params(
                    "SELECT kind, key, ord, version, body FROM entities WHERE program_id = $1 AND "
                    "kind = $2 AND key = $3",
                    program_id, kind, key);
      std::vector<EntityRow> out;
      out.reserve(r.size());
      for (const auto& row : r)
        out.push_back({std::string(row[0].c_str(), row[0].size()),
                       std::string(row[1].c_str(), row[1].size()), row[2].as<int64_t>(),
                       row[3].as<int64_t>(), std::string(row[4].c_str(), row[4].size())});
      return out;
    });
  }

  Result<void> write(const WriteBatch& b) override {
    return guarded("write", [&]() -> Result<void> {
      pqxx::dbtransaction& tx = *tx_;
      const int64_t rev = b.revision.revision;
      auto up = tx.exec_params(
          "UPDATE programs SET revision = $1, name = $2, updated_at = $3 WHERE id = $4 AND "
          "revision = $5",
          rev, b.program_name, b.revision.at, b.program_id, b.base_revision);
      if (up.affected_rows() != 1)
        return make_error(codes::kConflict, "the program changed while this change was prepared",
                          {}, "try again");
      tx.exec_params(
          "INSERT INTO revisions (program_id, revision, at, actor, source) VALUES ($1, $2, $3, $4, "
          "$5)",
          b.program_id, rev, b.revision.at, b.revision.actor, b.revision.source);
      const std::string pid = std::to_string(b.program_id), srev = std::to_string(rev);
      // Deletes and updates in batches, each checking the versions read: fewer rows touched than
      // asked for means someone else changed one of them.
      for (size_t i = 0; i < b.deletes.size(); i += kBatch) {
        size_t n = std::min(b.deletes.size(), i + kBatch) - i;
        std::string sql = "DELETE FROM entities e USING (VALUES ";
        for (size_t j = i; j < i + n; ++j) {
          const auto& r = b.deletes[j];
          if (j > i) sql += ',';
          sql += fmt::format("({},{},{}::bigint)", tx.quote(r.kind), tx.quote(r.key), r.version);
        }
        sql += fmt::format(
            ") AS v(kind, key, version) WHERE e.program_id = {} AND e.kind = v.kind "
            "AND e.key = v.key AND e.version = v.version",
            pid);
        if (tx.exec(sql).affected_rows() != n) return conflict(b.deletes[i]);
      }
      for (size_t i = 0; i < b.updates.size(); i += kBatch) {
        size_t n = std::min(b.updates.size(), i + kBatch) - i;
        std::string sql = fmt::format(
            "UPDATE entities e SET ord = v.ord, version = e.version + 1, revision = {}, body = "
            "v.body "
            "FROM (VALUES ",
            srev);
        for (size_t j = i; j < i + n; ++j) {
          const auto& r = b.updates[j];
          if (j > i) sql += ',';
          sql += fmt::format("({},{},{}::bigint,{}::bigint,{})", tx.quote(r.kind), tx.quote(r.key),
                             r.ord, r.version, tx.quote(r.body));
        }
        sql += fmt::format(
            ") AS v(kind, key, ord, version, body) WHERE e.program_id = {} AND "
            "e.kind = v.kind AND e.key = v.key AND e.version = v.version",
            pid);
        if (tx.exec(sql).affected_rows() != n) return conflict(b.updates[i]);
      }
      for (size_t i = 0; i < b.moves.size(); i += kBatch) {
        std::string sql = "UPDATE entities e SET ord = v.ord FROM (VALUES ";
        for (size_t j = i; j < std::min(b.moves.size(), i + kBatch); ++j) {
          const auto& r = b.moves[j];
          if (j > i) sql += ',';
          sql += fmt::format("({},{},{}::bigint)", tx.quote(r.kind), tx.quote(r.key), r.ord);
        }
        sql += fmt::format(
            ") AS v(kind, key, ord) WHERE e.program_id = {} AND e.kind = v.kind AND "
            "e.key = v.key",
            pid);
        tx.exec(sql);
      }
      for (size_t i = 0; i < b.inserts.size(); i += kBatch) {
        std::string sql =
            "INSERT INTO entities (program_id, kind, key, ord, version, revision, body) VALUES ";
        for (size_t j = i; j < std::min(b.inserts.size(), i + kBatch); ++j) {
          const auto& r = b.inserts[j];
          if (j > i) sql += ',';
          sql += fmt::format("({},{},{},{},1,{},{})", pid, tx.quote(r.kind), tx.quote(r.key), r.ord,
                             srev, tx.quote(r.body));
        }
        tx.exec(sql);
      }
      const auto& ch = b.revision.changes;
      for (size_t i = 0; i < ch.size(); i += kBatch) {
        std::string sql =
            "INSERT INTO changes (program_id, revision, seq, kind, key, op, field, old_value, "
            "new_value) VALUES ";
        for (size_t j = i; j < std::min(ch.size(), i + kBatch); ++j) {
          const auto& c = ch[j];
          if (j > i) sql += ',';
          sql += fmt::format("({},{},{},{},{},{},{},{},{})", pid, srev, j, tx.quote(c.kind),
                             tx.quote(c.key), tx.quote(c.op), tx.quote(c.field),
                             c.old_value ? tx.quote(*c.old_value) : "NULL",
                             c.new_value ? tx.quote(*c.new_value) : "NULL");
        }
        tx.exec(sql);
      }
      return {};
    });
  }

  Result<std::vector<RevisionRow>> history(int64_t program_id, const std::string& since,
                                           const std::string& kind,
                                           const std::string& key) override {
    return guarded("history", [&]() -> Result<std::vector<RevisionRow>> {
      std::vector<RevisionRow> out;
      std::unordered_map<int64_t, size_t> index;
      auto revs = tx_->exec_params(
          "SELECT revision, at, actor, source FROM revisions WHERE program_id = $1 AND at >= $2 "
          "ORDER BY revision",
          program_id, since);
      for (const auto& row : revs) {
        index[row[0].as<int64_t>()] = out.size();
        out.push_back({row[0].as<int64_t>(),
                       row[1].as<std::string>(),
                       row[2].as<std::string>(),
                       row[3].as<std::string>(),
                       {}});
      }
      if (out.empty()) return out;
      auto r = tx_->exec_params(
          "SELECT revision, kind, key, op, field, old_value, new_value FROM changes "
          "WHERE program_id = $1 AND revision >= $2 AND ($3 = '' OR kind = $3) AND ($4 = '' OR key "
          "= $4) "
          "ORDER BY revision, seq",
          program_id, out.front().revision, kind, key);
      for (const auto& row : r) {
        auto it = index.find(row[0].as<int64_t>());
        if (it == index.end()) continue;
        ChangeRow c{row[1].as<std::string>(),
                    row[2].as<std::string>(),
                    row[3].as<std::string>(),
                    row[4].as<std::string>(),
                    std::nullopt,
                    std::nullopt};
        if (!row[5].is_null()) c.old_value = row[5].as<std::string>();
        if (!row[6].is_null()) c.new_value = row[6].as<std::string>();
        out[it->second].changes.push_back(std::move(c));
      }
      if (!kind.empty() || !key.empty())
        std::erase_if(out, [](const RevisionRow& x) { return x.changes.empty(); });
      return out;
    });
  }

  Result<void> save_baseline(int64_t program_id, const Baseline& b) override {
    return guarded("save baseline", [&]() -> Result<void> {
      auto r = tx_->exec_params(
          "INSERT INTO baselines (program_id, name, revision, created_at, actor, schedule, "
          "forecast) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
          program_id, b.name, b.revision, b.created_at, b.actor, b.schedule.dump(),
          b.forecast.dump());
      if (r.affected_rows() != 1)
        return make_error(codes::kConflict, fmt::format("a baseline named '{}' exists", b.name), {},
                          "baselines are frozen; choose another name");
      return {};
    });
  }

  Result<std::vector<Baseline>> baselines(int64_t program_id, const std::string& name,
                                          bool with_documents) override {
    return guarded("baselines", [&]() -> Result<std::vector<Baseline>> {
      auto r = tx_->exec_params(
          "SELECT name, revision, created_at, actor, schedule, forecast FROM baselines "
          "WHERE program_id = $1 AND ($2 = '' OR name = $2) ORDER BY created_at, name",
          program_id, name);
      std::vector<Baseline> out;
      for (const auto& row : r) {
        Baseline b{row[0].as<std::string>(),
                   row[1].as<int64_t>(),
                   row[2].as<std::string>(),
                   row[3].as<std::string>(),
                   nullptr,
                   nullptr};
        if (with_documents) {
          b.schedule = nlohmann::ordered_json::parse(row[4].as<std::string>(), nullptr, false);
          b.forecast = nlohmann::ordered_json::parse(row[5].as<std::string>(), nullptr, false);
        }
        out.push_back(std::move(b));
      }
      return out;
    });
  }

  Result<void> put_forecast_snapshot(int64_t program_id, const std::string& day, int64_t revision,
                                     const std::string& at, const std::string& snapshot) override {
    return guarded("forecast snapshot", [&]() -> Result<void> {
      tx_->exec_params(
          "INSERT INTO forecast_snapshots (program_id, day, revision, created_at, snapshot) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (program_id, day) DO UPDATE SET "
          "revision = excluded.revision, created_at = excluded.created_at, snapshot = "
          "excluded.snapshot",
          program_id, day, revision, at, snapshot);
      return {};
    });
  }

  Result<std::vector<std::pair<std::string, std::string>>> forecast_snapshots(
      int64_t program_id, const std::string& since) override {
    return guarded("forecast snapshots",
                   [&]() -> Result<std::vector<std::pair<std::string, std::string>>> {
                     auto r = tx_->exec_params(
                         "SELECT day, snapshot FROM forecast_snapshots WHERE program_id = $1 AND "
                         "day >= $2 ORDER BY day",
                         program_id, since);
                     std::vector<std::pair<std::string, std::string>> out;
                     for (const auto& row : r)
                       out.emplace_back(row[0].as<std::string>(), row[1].as<std::string>());
                     return out;
                   });
  }

  Result<void> put_grant(const std::string& user, const Grant& grant, const std::string& token_hash,
                         const std::string& at) override {
    return guarded("add token", [&]() -> Result<void> {
      tx_->exec_params(
          "INSERT INTO users (name, created_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", user, at);
      tx_->exec_params(
          "INSERT INTO grants (user_name, program, role) VALUES ($1, $2, $3) "
          "ON CONFLICT (user_name, program) DO UPDATE SET role = excluded.role",
          user, grant.program, grant.role);
      tx_->exec_params("INSERT INTO tokens (hash, user_name, created_at) VALUES ($1, $2, $3)",
                       token_hash, user, at);
      return {};
    });
  }

  Result<std::optional<TokenOwner>> token_owner(const std::string& token_hash) override {
    return guarded("token", [&]() -> Result<std::optional<TokenOwner>> {
      auto r = tx_->exec_params(
          "SELECT t.user_name, g.program, g.role FROM tokens t LEFT JOIN grants g ON g.user_name = "
          "t.user_name WHERE t.hash = $1 ORDER BY g.program",
          token_hash);
      std::optional<TokenOwner> out;
      for (const auto& row : r) {
        if (!out) out = TokenOwner{row[0].as<std::string>(), {}};
        if (!row[1].is_null())
          out->grants.push_back({row[1].as<std::string>(), row[2].as<std::string>()});
      }
      return out;
    });
  }

  Result<void> append_audit(const AuditEntry& e) override {
    return guarded("audit", [&]() -> Result<void> {
      tx_->exec_params(
          "INSERT INTO audit (at, actor, action, remote, status, detail) VALUES ($1, $2, $3, $4, "
          "$5, $6)",
          e.at, e.actor, e.action, e.remote, e.status, e.detail);
      return {};
    });
  }

  Result<std::vector<TextRow>> text_query(const char* sql,
                                          const std::vector<std::string>& params) override {
    return guarded("login tables", [&]() -> Result<std::vector<TextRow>> {
      std::string text;  // `?` becomes $1, $2, ...
      int n = 0;
      for (const char* p = sql; *p; ++p)
        text += *p == '?' ? "$" + std::to_string(++n) : std::string(1, *p);
      auto r = tx_->exec_params(text, pqxx::prepare::make_dynamic_params(params));
      std::vector<TextRow> out;
      for (const auto& row : r) {
        TextRow t;
        for (const auto& field : row)
          t.push_back(field.is_null() ? std::nullopt
                                      : std::optional<std::string>(field.as<std::string>()));
        out.push_back(std::move(t));
      }
      return out;
    });
  }

  Result<std::vector<AuditEntry>> audit_log(size_t limit) override {
    return guarded("audit log", [&]() -> Result<std::vector<AuditEntry>> {
      auto r = tx_->exec_params(
          "SELECT at, actor, action, remote, status, detail FROM (SELECT * FROM audit ORDER BY id "
          "DESC LIMIT $1) a ORDER BY id",
          static_cast<int64_t>(limit));
      std::vector<AuditEntry> out;
      for (const auto& row : r)
        out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<int>(), row[5].as<std::string>()});
      return out;
    });
  }

 private:
  static std::unexpected<Error> conflict(const EntityRow& r) {
    return make_error(codes::kConflict,
                      fmt::format("{} '{}' was changed by someone else meanwhile", r.kind, r.key),
                      {}, "load the program again and redo the change");
  }

  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::dbtransaction> tx_;
  int schema_version_ = 0;
};

}  // namespace

Result<std::unique_ptr<Backend>> open_postgres_backend(const std::string& url) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    std::string msg = e.what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' '))
      msg.pop_back();
    return make_error(
        codes::kStoreOpenFailed, fmt::format("cannot connect to PostgreSQL: {}", msg), {},
        "check the URL (postgresql://user@host:port/database) and that the server runs");
  }
  auto backend = std::make_unique<PostgresBackend>(std::move(conn));
  if (auto r = backend->migrate(); !r) return std::unexpected(r.error());
  return std::unique_ptr<Backend>(std::move(backend));
}

}  // namespace cairn::store

// The plugin's entry point (postgres_loader.cc looks it up with dlsym). C linkage for a stable
// name; the types are Cairn's own, so the plugin must come from the same build as the program.
extern "C" __attribute__((visibility("default"))) void cairn_store_open_postgres(
    const std::string* url, cairn::Result<std::unique_ptr<cairn::store::Backend>>* out) {
  *out = cairn::store::open_postgres_backend(*url);
}

// The backend interface: what a database must provide for the store (store.h) to work on it.
// Two implementations: sqlite/sqlite_backend.cc and postgres/postgres_backend.cc (a plugin loaded
// on first use by postgres_loader.cc). The store's logic
// (diffs, history, validation) lives above this line, once, for both.
//
// Calls other than begin/commit/rollback run inside a transaction opened by begin(). A backend is
// one connection; use it from one thread at a time. Database errors become Errors with codes
// `store-error`, `conflict` (a version check failed or a unique key was taken by a concurrent
// writer; retrying may succeed) or `store-busy` (a lock could not be had in time).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "store/entity_doc.h"
#include "store/store.h"

namespace cairn::store {

struct ProgramRow {
  int64_t id = 0;
  std::string key;
  int64_t revision = 0;
};

struct ChangeRow {
  std::string kind;
  std::string key;
  std::string op;                        // "create", "update", "delete", "reorder"
  std::string field;                     // "" for the whole entity
  std::optional<std::string> old_value;  // JSON text
  std::optional<std::string> new_value;  // JSON text
};

struct RevisionRow {
  int64_t revision = 0;
  std::string at;
  std::string actor;
  std::string source;
  std::vector<ChangeRow> changes;
};

// Everything one write transaction changes. The backend applies it all or reports an Error (and
// the caller rolls back).
struct WriteBatch {
  int64_t program_id = 0;
  int64_t base_revision = 0;  // the program's revision must still be this (else `conflict`)
  std::string program_name;
  RevisionRow revision;            // revision = base_revision + 1
  std::vector<EntityRow> inserts;  // stored with version 1
  std::vector<EntityRow> updates;  // `version` is the one read; stored as version + 1
  std::vector<EntityRow> deletes;  // `version` is the one read
  std::vector<EntityRow> moves;    // only `ord` changes (no version change)
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual const char* name() const = 0;
  virtual int schema_version() const = 0;

  // write=true takes the database's write lock up front where the database has one (SQLite).
  virtual Result<void> begin(bool write) = 0;
  virtual Result<void> commit() = 0;
  virtual void rollback() = 0;

  virtual Result<std::vector<ProgramInfo>> programs() = 0;
  // lock=true locks the program's row until the transaction ends (PostgreSQL: FOR UPDATE).
  virtual Result<std::optional<ProgramRow>> find_program(const std::string& key, bool lock) = 0;
  virtual Result<ProgramRow> create_program(const std::string& key, const std::string& name,
                                            const std::string& at) = 0;
  // Rows of a program (all, or of one kind, or one entity), in no particular order.
  virtual Result<std::vector<EntityRow>> rows(int64_t program_id, const std::string& kind = {},
                                              const std::string& key = {}) = 0;
  virtual Result<void> write(const WriteBatch& batch) = 0;
  // Revisions at or after `since` (ISO text; empty for all), oldest first, with their changes
  // (filtered by kind/key when given; revisions left without changes are dropped then).
  virtual Result<std::vector<RevisionRow>> history(int64_t program_id, const std::string& since,
                                                   const std::string& kind,
                                                   const std::string& key) = 0;

  virtual Result<void> save_baseline(int64_t program_id, const Baseline& b) = 0;
  virtual Result<std::vector<Baseline>> baselines(int64_t program_id, const std::string& name,
                                                  bool with_documents) = 0;
  virtual Result<void> put_forecast_snapshot(int64_t program_id, const std::string& day,
                                             int64_t revision, const std::string& at,
                                             const std::string& snapshot) = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> forecast_snapshots(
      int64_t program_id, const std::string& since) = 0;

  // Access control (store.h): users, grants, token hashes, the audit log (store/access.cc).
  virtual Result<void> put_grant(const std::string& user, const Grant& grant,
                                 const std::string& token_hash, const std::string& at) = 0;
  virtual Result<std::optional<TokenOwner>> token_owner(const std::string& token_hash) = 0;
  virtual Result<void> append_audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> audit_log(size_t limit) = 0;
  // One statement on the login tables (users' passwords, sessions, failed logins:
  // store/login_store.cc): `sql` is a string literal (backends cache statements by its address)
  // with `?` placeholders bound to `params` as text, in order; the rows it answers, each column as
  // text (nullopt for NULL).
  using TextRow = std::vector<std::optional<std::string>>;
  virtual Result<std::vector<TextRow>> text_query(const char* sql,
                                                  const std::vector<std::string>& params) = 0;
};

Result<std::unique_ptr<Backend>> open_sqlite(const std::string& path, const OpenOptions& options);
// Loads the PostgreSQL plugin (libcairn_store_pg.so) on first use: from $CAIRN_PLUGIN_DIR, the
// folder of the running executable, its ../lib/cairn, or the build folder. `store-plugin-missing`
// when it is not found.
Result<std::unique_ptr<Backend>> open_postgres(const std::string& url, const OpenOptions& options);

}  // namespace cairn::store

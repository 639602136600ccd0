// The store: where Cairn keeps programs over months, with the history of every change.
//
// One interface (Store), two backends behind it (store/backend.h): SQLite, the embedded default (a
// file in WAL mode), and PostgreSQL for shared deployments (libpqxx). Store::open picks the backend
// from the location: "postgresql://..." (or "postgres://...") is PostgreSQL, anything else is a
// SQLite file path. Opening runs the schema migrations (store/migrations.h).
//
// A program is kept as entities: one row per team, person, item, dependency, milestone, risk,
// sprint, status update, decision and action, plus the program header and the budget. Each row
// holds the entity's canonical JSON object (plan::plan_to_json), a version (1 at creation, +1 at
// each change) and its position. Identities are documented in store/entity_doc.h and
// docs/store.md. Every write is one transaction that bumps the program's revision and records who,
// when and what (field-level old and new values) in the history.
//
// Concurrency: writers never lose an update. A write locks the program (SQLite: BEGIN IMMEDIATE;
// PostgreSQL: SELECT ... FOR UPDATE on the program row) and checks entity versions; a caller that
// states the revision or version it read (ApplyOptions::expected_revision, put_entity's
// expected_version) gets an Error with code `conflict` when someone else wrote first.
//
// Thread-safety: a Store object is one connection: use it from one thread at a time. Open one
// Store per thread or process; they may share a database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/date.h"
#include "base/error.h"
#include "model/program.h"

namespace cairn::store {

class Backend;

// The default store location: $CAIRN_DB when set, else "cairn.db" in the current directory.
std::string default_location();

struct OpenOptions {
  // Create the database (SQLite file) when it does not exist; default true. When false, opening a
  // missing SQLite file is an Error `store-not-found`.
  bool create = true;
};

enum class ChangeOp { kCreate, kUpdate, kDelete };
const char* to_string(ChangeOp op);  // "create", "update", "delete"

// One changed top-level field of an entity; null when absent on that side.
struct FieldChange {
  std::string field;
  nlohmann::ordered_json old_value;
  nlohmann::ordered_json new_value;
};

// One entity created, updated or deleted. For create and delete, `fields` holds one entry with an
// empty field name and the whole entity as the new (or old) value.
struct EntityChange {
  std::string kind;  // "item", "team", ... (entity_doc.h)
  std::string key;   // the identity within the kind
  ChangeOp op = ChangeOp::kUpdate;
  std::vector<FieldChange> fields;
};

struct PlanDiff {
  std::vector<EntityChange> changes;  // in document order: sections, then position
  bool reordered = false;             // only the order of entities differs (when no changes)
  size_t created() const;
  size_t updated() const;
  size_t deleted() const;
  bool empty() const { return changes.empty() && !reordered; }
};

struct ApplyOptions {
  bool prune = false;  // delete stored entities the plan does not have; default false
  std::string actor;   // who; default "unknown"
  std::string source;  // what, e.g. "apply plan.yaml"; default empty
  // The revision the caller based its plan on; a different stored revision is a `conflict`.
  // Default: none (the plan is applied to whatever is stored, under the write lock).
  std::optional<int64_t> expected_revision;
  std::optional<DateTime> now;  // the time recorded; default the system clock
};

struct ApplyResult {
  PlanDiff diff;
  int64_t revision = 0;  // the program's revision after the apply
  bool written = false;  // false when nothing changed (then nothing was written)
};

struct ProgramInfo {
  std::string key;
  std::string name;
  int64_t revision = 0;
  std::string updated_at;  // ISO 8601 UTC
  size_t entities = 0;
};

struct StoredProgram {
  Program program;
  int64_t revision = 0;
};

// One stored entity, as put_entity and entity() see it.
struct EntityRecord {
  std::string kind;
  std::string key;
  int64_t version = 0;
  nlohmann::ordered_json body;
};

// One write transaction of the history, with its changes.
struct Revision {
  int64_t revision = 0;
  std::string at;  // ISO 8601 UTC, "2026-03-02T09:00:00Z"
  std::string actor;
  std::string source;
  std::vector<EntityChange> changes;
};

struct HistoryQuery {
  std::optional<Date> since;  // revisions at or after the start of this day (UTC); default all
  std::string kind;           // only changes of this kind; default all
  std::string key;            // only changes of this entity; default all
};

// A frozen copy of a program's schedule and forecast (by `cairn baseline`), JSON documents as the
// scheduler and forecaster write them.
struct Baseline {
  std::string name;
  int64_t revision = 0;  // the program revision it was taken at
  std::string created_at;
  std::string actor;
  nlohmann::ordered_json schedule;
  nlohmann::ordered_json forecast;
};

// Access control (docs/server.md): a user's role on a program ("*": on every program), the API
// tokens that authenticate a user (stored only as hashes), and the audit log of writes and refused
// requests.
struct Grant {
  std::string program;  // a program key, or "*" for every program
  std::string role;     // "admin", "tpm", "manager", "member" or "viewer"
};
struct TokenOwner {
  std::string user;
  std::vector<Grant> grants;
};
// An API token as listed (never the token, nor its whole hash): `id` is the first 12 hex digits of
// its SHA-256, enough to name it for revoking.
struct TokenInfo {
  std::string id;
  std::string user;
  std::string created_at;  // ISO 8601 UTC
};
struct AuditEntry {
  std::string at;      // ISO 8601 UTC
  std::string actor;   // the user, or "anonymous"
  std::string action;  // e.g. "PATCH /api/v1/programs/ATLAS/items/PAY-110"
  std::string remote;  // the client's address
  int status = 0;      // the HTTP status answered (0 for the CLI)
  std::string detail;  // why it was refused, or what changed
};

// A webhook (docs/server.md "Webhooks"): deliveries from `source` ("github" or "jira") about
// `project` (a GitHub "owner/repo", a Jira project key) update `program`; `secret` is the shared
// secret their HMAC-SHA256 signatures are made with (kept as given: verifying needs it).
struct Webhook {
  std::string source;
  std::string project;
  std::string program;
  std::string secret;
  std::string created_at;  // ISO 8601 UTC
};

class Store {
 public:
  // Opens (and migrates) the store at `location`: a SQLite file path or a postgresql:// URL.
  static Result<std::unique_ptr<Store>> open(const std::string& location,
                                             const OpenOptions& options = {});
  explicit Store(std::unique_ptr<Backend> backend);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const char* backend_name() const;  // "sqlite" or "postgresql"
  int schema_version() const;

  Result<std::vector<ProgramInfo>> programs();
  // The key of the only program; an Error `program-not-found` when there is none and
  // `ambiguous-program` (listing them) when there are several.
  Result<std::string> only_program();

  // Loads a stored program (validated like a plan file; errors mean a damaged store).
  Result<StoredProgram> load(const std::string& program_key);
  // The canonical plan document of a stored program (what `cairn export` writes).
  Result<nlohmann::ordered_json> load_document(const std::string& program_key);

  // What apply would change. Reads only.
  Result<PlanDiff> diff(const Program& plan, const ApplyOptions& options = {});
  // Makes the stored program match `plan` (creates it when new): one transaction. Applying the
  // same plan twice changes nothing and writes nothing. Item history is append-only: entries the
  // store has and the plan lacks are kept, and a state change without a matching history entry is
  // stamped with the apply time. On any error nothing is written.
  Result<ApplyResult> apply(const Program& plan, const ApplyOptions& options = {});

  // One entity, for fine-grained writers (server, importers).
  Result<std::optional<EntityRecord>> entity(const std::string& program_key,
                                             const std::string& kind, const std::string& key);
  // Creates (expected_version 0) or replaces (expected_version = the version read) one entity;
  // returns its new version. A different stored version is a `conflict`. The resulting program is
  // validated; nothing is written when it is invalid.
  Result<int64_t> put_entity(const std::string& program_key, const std::string& kind,
                             const std::string& key, const nlohmann::ordered_json& body,
                             int64_t expected_version, const ApplyOptions& options = {});

  // The change history, oldest first.
  Result<std::vector<Revision>> history(const std::string& program_key,
                                        const HistoryQuery& query = {});

  // Baselines and daily forecast snapshots (frozen JSON, written once).
  Result<void> save_baseline(const std::string& program_key, const Baseline& baseline);
  Result<std::vector<Baseline>> baselines(const std::string& program_key);  // without documents
  Result<std::optional<Baseline>> baseline(const std::string& program_key, const std::string& name);
  Result<void> put_forecast_snapshot(const std::string& program_key, Date day,
                                     const nlohmann::ordered_json& snapshot);
  Result<std::vector<std::pair<Date, nlohmann::ordered_json>>> forecast_snapshots(
      const std::string& program_key, std::optional<Date> since = {});

  // The program's current revision (one indexed read); nullopt when the store has no such program.
  Result<std::optional<int64_t>> revision(const std::string& program_key);

  // Creates the user when new, sets their role on `program` ("*": every program) and stores the
  // token's hash (the token itself is never stored). One transaction.
  Result<void> add_token(const std::string& user, const Grant& grant,
                         const std::string& token_hash);
  // The user a token hash belongs to, with all their grants; nullopt for an unknown hash.
  Result<std::optional<TokenOwner>> token_owner(const std::string& token_hash);
  // Appends one row to the audit log (its own transaction); `at` empty means now.
  Result<void> audit(const AuditEntry& entry);
  // The last `limit` audit rows, oldest first.
  Result<std::vector<AuditEntry>> audit_log(size_t limit);
  // API tokens (store/token_store.cc), of `user` or (empty) of everyone, oldest first.
  Result<std::vector<TokenInfo>> tokens(const std::string& user = {});
  // Deletes the token with this id (TokenInfo::id); nullopt when there is none, else its owner.
  // Only a user's `only_user` token when that is given (a user revoking their own).
  Result<std::optional<std::string>> revoke_token(const std::string& id,
                                                  const std::string& only_user = {});
  // Deletes every token of `user`; how many there were.
  Result<size_t> revoke_tokens_of(const std::string& user);

  // Browser login (docs/server.md, store/login_store.cc). Times are ISO 8601 UTC text.
  // Sets a user's password hash (an argon2id string); creates the user when new.
  Result<void> set_password(const std::string& user, const std::string& password_hash);
  // The user's password hash; nullopt when there is no such user or they have no password.
  Result<std::optional<std::string>> password_hash(const std::string& user);
  // Stores a session (the SHA-256 of its id) of `user` until `expires_at`.
  Result<void> add_session(const std::string& session_hash, const std::string& user,
                           const std::string& expires_at);
  // The user of a session that has not expired at `now` and was created after `created_after`
  // (its absolute lifetime), with their grants (nullopt: unknown or expired). A session expiring
  // before `renew_before` is extended to `renew_to` (idle expiry).
  Result<std::optional<TokenOwner>> session_owner(const std::string& session_hash,
                                                  const std::string& now,
                                                  const std::string& created_after,
                                                  const std::string& renew_before,
                                                  const std::string& renew_to);
  Result<void> end_session(const std::string& session_hash);
  struct LoginFailures {
    size_t by_user = 0;
    size_t by_remote = 0;
    std::string oldest;  // the oldest failure counted; empty when none
  };
  // Failed logins since `since` for `user` and from `remote`.
  Result<LoginFailures> login_failures(const std::string& user, const std::string& remote,
                                       const std::string& since);
  // Records a failed login at `at`, dropping failures older than `forget_before`.
  Result<void> add_login_failure(const std::string& user, const std::string& remote,
                                 const std::string& at, const std::string& forget_before);

  // Webhooks (docs/server.md "Webhooks", store/webhook_store.cc), each call one transaction.
  // Registers a webhook (`created_at` empty means now); `webhook-exists` when its source and
  // project have one already.
  Result<void> add_webhook(const Webhook& hook);
  // Every webhook, by source then project, with their secrets (callers must not show them).
  Result<std::vector<Webhook>> webhooks();
  // The webhook of a source and project; nullopt when none is registered.
  Result<std::optional<Webhook>> webhook(const std::string& source, const std::string& project);
  // Removes a webhook; false when there was none.
  Result<bool> remove_webhook(const std::string& source, const std::string& project);
  // The outcome recorded for a delivery id of `source`; nullopt when it was not handled yet.
  Result<std::optional<std::string>> delivery_outcome(const std::string& source,
                                                      const std::string& delivery_id);
  // Records a handled delivery (a second record of the same id is ignored) with the item it was
  // about and the event's own time (ISO 8601 UTC; both may be empty), and forgets deliveries
  // received before `forget_before` (ISO 8601 UTC; empty keeps them all).
  Result<void> record_delivery(const std::string& source, const std::string& delivery_id,
                               const std::string& program, const std::string& outcome,
                               const std::string& forget_before, const std::string& item = {},
                               const std::string& event_at = {});
  // The newest event time of the recorded deliveries of `source` about `item` of `program` whose
  // outcome is one of `applied` (e.g. created, updated); empty when there is none.
  Result<std::string> last_event_at(const std::string& source, const std::string& program,
                                    const std::string& item,
                                    const std::vector<std::string>& applied);

  Backend& backend() { return *backend_; }

 private:
  struct ProgramRows;
  // The program row and its entity rows (sorted), read in one read-only transaction;
  // a `not-found` error when the store has no such program.
  Result<ProgramRows> read_program(const std::string& key);
  std::unique_ptr<Backend> backend_;
};

}  // namespace cairn::store

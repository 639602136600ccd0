#include "store/migrations.h"

#include <string>

namespace cairn::store {
namespace {

// Version 1: programs, entities, history (revisions + changes), baselines, forecast snapshots.
// Times are ISO 8601 UTC text ("2026-03-02T09:00:00Z"): they sort as text in both databases.
constexpr const char* kV1Sqlite = R"sql(
CREATE TABLE programs (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL DEFAULT '',
  revision    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE entities (
  program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  ord         INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  revision    INTEGER NOT NULL,
  body        TEXT NOT NULL,
  PRIMARY KEY (program_id, kind, key)
) WITHOUT ROWID;
CREATE TABLE revisions (
  program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  revision    INTEGER NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (program_id, revision)
);
CREATE INDEX revisions_by_time ON revisions (program_id, at);
CREATE TABLE changes (
  program_id  INTEGER NOT NULL,
  revision    INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  op          TEXT NOT NULL,
  field       TEXT NOT NULL,
  old_value   TEXT,
  new_value   TEXT,
  PRIMARY KEY (program_id, revision, seq),
  FOREIGN KEY (program_id, revision) REFERENCES revisions (program_id, revision) ON DELETE CASCADE
);
CREATE INDEX changes_by_entity ON changes (program_id, kind, key);
CREATE TABLE baselines (
  program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  actor       TEXT NOT NULL,
  schedule    TEXT NOT NULL,
  forecast    TEXT NOT NULL,
  PRIMARY KEY (program_id, name)
);
CREATE TABLE forecast_snapshots (
  program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  snapshot    TEXT NOT NULL,
  PRIMARY KEY (program_id, day)
);
)sql";

constexpr const char* kV1Postgres = R"sql(
CREATE TABLE programs (
  id          BIGSERIAL PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL DEFAULT '',
  revision    BIGINT NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE TABLE entities (
  program_id  BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  ord         BIGINT NOT NULL,
  version     BIGINT NOT NULL,
  revision    BIGINT NOT NULL,
  body        TEXT NOT NULL,
  PRIMARY KEY (program_id, kind, key)
);
CREATE TABLE revisions (
  program_id  BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  revision    BIGINT NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  source      TEXT NOT NULL,
  PRIMARY KEY (program_id, revision)
);
CREATE INDEX revisions_by_time ON revisions (program_id, at);
CREATE TABLE changes (
  program_id  BIGINT NOT NULL,
  revision    BIGINT NOT NULL,
  seq         BIGINT NOT NULL,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  op          TEXT NOT NULL,
  field       TEXT NOT NULL,
  old_value   TEXT,
  new_value   TEXT,
  PRIMARY KEY (program_id, revision, seq),
  FOREIGN KEY (program_id, revision) REFERENCES revisions (program_id, revision) ON DELETE CASCADE
);
CREATE INDEX changes_by_entity ON changes (program_id, kind, key);
CREATE TABLE baselines (
  program_id  BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  revision    BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  actor       TEXT NOT NULL,
  schedule    TEXT NOT NULL,
  forecast    TEXT NOT NULL,
  PRIMARY KEY (program_id, name)
);
CREATE TABLE forecast_snapshots (
  program_id  BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  revision    BIGINT NOT NULL,
  created_at  TEXT NOT NULL,
  snapshot    TEXT NOT NULL,
  PRIMARY KEY (program_id, day)
);
)sql";

// Version 2: access control (docs/server.md): users, their role per program ("*": every program),
// API token hashes (SHA-256; the token itself is never stored) and the audit log.
// The same text for both databases but the audit log's key.
constexpr const char* kV2Access = R"sql(
CREATE TABLE users (
  name        TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL
);
CREATE TABLE grants (
  user_name   TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  program     TEXT NOT NULL,
  role        TEXT NOT NULL,
  PRIMARY KEY (user_name, program)
);
CREATE TABLE tokens (
  hash        TEXT PRIMARY KEY,
  user_name   TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created_at  TEXT NOT NULL
);
CREATE TABLE audit (
)sql";
constexpr const char* kV2AuditColumns = R"sql(
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  remote      TEXT NOT NULL,
  status      INTEGER NOT NULL,
  detail      TEXT NOT NULL
);
)sql";
// Version 3: browser login (docs/server.md): users' argon2id password hashes (libsodium's
// crypto_pwhash_str format), sessions (the SHA-256 of the cookie's id, with an idle expiry) and
// failed logins (for the rate limit). Kept in the store so that several servers agree. The same
// text for both databases.
constexpr const char* kV3Login = R"sql(
ALTER TABLE users ADD COLUMN password_hash TEXT;
CREATE TABLE sessions (
  hash        TEXT PRIMARY KEY,
  user_name   TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE TABLE login_failures (
  at          TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  remote      TEXT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (user_name, at);
CREATE INDEX login_failures_by_remote ON login_failures (remote, at);
)sql";

// Version 4: webhooks in (docs/server.md "Webhooks"): the registered webhooks (one per source and
// project; the shared secret is kept as given, since verifying an HMAC needs it) and the deliveries
// already handled (so a redelivery writes nothing). Kept in the store so that several servers
// agree. The same text for both databases.
constexpr const char* kV4Webhooks = R"sql(
CREATE TABLE webhooks (
  source      TEXT NOT NULL,
  project     TEXT NOT NULL,
  program     TEXT NOT NULL,
  secret      TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (source, project)
);
CREATE TABLE webhook_deliveries (
  source       TEXT NOT NULL,
  delivery_id  TEXT NOT NULL,
  program      TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  PRIMARY KEY (source, delivery_id)
);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries (received_at);
)sql";

// Version 5: each handled delivery's item and the event's own time, so that an event older than
// the last one applied to its item (a late redelivery) changes nothing, not even a title.
constexpr const char* kV5DeliveryItems = R"sql(
ALTER TABLE webhook_deliveries ADD COLUMN item TEXT NOT NULL DEFAULT '';
ALTER TABLE webhook_deliveries ADD COLUMN event_at TEXT NOT NULL DEFAULT '';
CREATE INDEX webhook_deliveries_by_item ON webhook_deliveries (source, program, item, event_at);
)sql";

// Built on first use (no static-initialisation order to depend on).
std::span<const Migration> all_migrations() {
  static const std::string v2_sqlite =
      std::string(kV2Access) + "  id          INTEGER PRIMARY KEY," + kV2AuditColumns;
  static const std::string v2_postgres =
      std::string(kV2Access) + "  id          BIGSERIAL PRIMARY KEY," + kV2AuditColumns;
  static const Migration all[] = {
      {1, "programs, entities, history, baselines, forecast snapshots", kV1Sqlite, kV1Postgres},
      {2, "users, grants, API tokens, audit log", v2_sqlite.c_str(), v2_postgres.c_str()},
      {3, "passwords, sessions, failed logins", kV3Login, kV3Login},
      {4, "webhooks, webhook deliveries", kV4Webhooks, kV4Webhooks},
      {5, "webhook deliveries' items and event times", kV5DeliveryItems, kV5DeliveryItems},
  };
  return all;
}

}  // namespace

std::span<const Migration> migrations() {
  return all_migrations();
}
int latest_schema_version() {
  return all_migrations().back().version;
}

}  // namespace cairn::store

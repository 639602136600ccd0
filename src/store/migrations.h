// The store's schema, as numbered migrations. A database records the migrations it has had in
// table schema_migrations(version, name, applied_at); opening a store applies the missing ones in
// order, in one transaction (PostgreSQL: under an advisory lock, so that several cairn processes
// starting at once migrate once). A database newer than this build is refused (`store-too-new`).
// Never edit a released migration: add a new one. Thread-safe (constant data).
#pragma once

#include <span>

namespace cairn::store {

struct Migration {
  int version;
  const char* name;
  const char* sqlite;    // SQL script for SQLite (several statements)
  const char* postgres;  // SQL script for PostgreSQL
};

std::span<const Migration> migrations();
int latest_schema_version();

}  // namespace cairn::store

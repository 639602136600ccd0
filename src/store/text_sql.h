// Internal to src/store: running Backend::text_query statements (the access, login and webhook
// tables: store.cc's tokens, login_store.cc, webhook_store.cc) in transactions of their own.
#pragma once

#include <chrono>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "store/backend.h"

namespace cairn::store::text_sql {

using Rows = std::vector<Backend::TextRow>;

// Runs `sql` with `params` in a transaction of its own.
inline Result<Rows> run(Backend& b, bool write, const char* sql,
                        const std::vector<std::string>& params) {
  if (auto r = b.begin(write); !r) return std::unexpected(r.error());
  auto rows = b.text_query(sql, params);
  if (!rows) {
    b.rollback();
    return rows;
  }
  if (auto r = b.commit(); !r) return std::unexpected(r.error());
  return rows;
}

// Runs statements in order in one write transaction.
inline Result<void> run_all(
    Backend& b, std::initializer_list<std::pair<const char*, std::vector<std::string>>> steps) {
  if (auto r = b.begin(true); !r) return r;
  for (const auto& [sql, params] : steps) {
    if (auto rows = b.text_query(sql, params); !rows) {
      b.rollback();
      return std::unexpected(rows.error());
    }
  }
  return b.commit();
}

// Now, as ISO 8601 UTC text to the second.
inline std::string now_text() {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return DateTime{s.count()}.to_string();
}

}  // namespace cairn::store::text_sql

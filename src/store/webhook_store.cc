// The store's webhook tables (migration 4, docs/server.md "Webhooks"): the registered webhooks and
// the deliveries already handled, on both backends through Backend::text_query.
#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "base/codes.h"
#include "store/backend.h"
#include "store/store.h"

namespace cairn::store {
namespace {

using Rows = std::vector<Backend::TextRow>;

std::string now_text() {
  auto s = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return DateTime{s.count()}.to_string();
}

// Runs `sql` with `params` in a transaction of its own.
Result<Rows> run(Backend& b, bool write, const char* sql, const std::vector<std::string>& params) {
  if (auto r = b.begin(write); !r) return std::unexpected(r.error());
  auto rows = b.text_query(sql, params);
  if (!rows) {
    b.rollback();
    return rows;
  }
  if (auto r = b.commit(); !r) return std::unexpected(r.error());
  return rows;
}

Webhook from_row(const Backend::TextRow& r) {
  return {r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or(""),
          r[4].value_or("")};
}

}  // namespace

Result<void> Store::add_webhook(const Webhook& hook) {
  Backend& b = *backend_;
  auto exists = [&](const std::string& program) {
    return make_error(
        codes::kWebhookExists,
        fmt::format("{} project '{}' has a webhook already{}", hook.source, hook.project,
                    program.empty() ? "" : " (for program " + program + ")"),
        {},
        fmt::format("remove it first: cairn webhook remove --source {} --project {}", hook.source,
                    hook.project));
  };
  if (auto r = b.begin(true); !r) return r;
  auto taken = b.text_query("SELECT program FROM webhooks WHERE source = ? AND project = ?",
                            {hook.source, hook.project});
  if (taken && !taken->empty()) {
    b.rollback();
    return exists(taken->front()[0].value_or(""));
  }
  if (taken)
    taken = b.text_query(
        "INSERT INTO webhooks (source, project, program, secret, created_at) VALUES (?, ?, ?, ?, "
        "?)",
        {hook.source, hook.project, hook.program, hook.secret,
         hook.created_at.empty() ? now_text() : hook.created_at});
  if (!taken) {
    b.rollback();
    // A concurrent add of the same source and project took the key first.
    if (taken.error().code == codes::kConflict) return exists("");
    return std::unexpected(taken.error());
  }
  return b.commit();
}

Result<std::vector<Webhook>> Store::webhooks() {
  auto rows = run(*backend_, false,
                  "SELECT source, project, program, secret, created_at FROM webhooks ORDER BY "
                  "source, project",
                  {});
  if (!rows) return std::unexpected(rows.error());
  std::vector<Webhook> out;
  for (const auto& r : *rows)
    out.push_back(from_row(r));
  return out;
}

Result<std::optional<Webhook>> Store::webhook(const std::string& source,
                                              const std::string& project) {
  auto rows = run(*backend_, false,
                  "SELECT source, project, program, secret, created_at FROM webhooks WHERE source "
                  "= ? AND project = ?",
                  {source, project});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<Webhook>{};
  return std::optional<Webhook>{from_row(rows->front())};
}

Result<bool> Store::remove_webhook(const std::string& source, const std::string& project) {
  auto rows = run(*backend_, true,
                  "DELETE FROM webhooks WHERE source = ? AND project = ? RETURNING program",
                  {source, project});
  if (!rows) return std::unexpected(rows.error());
  return !rows->empty();
}

Result<std::optional<std::string>> Store::delivery_outcome(const std::string& source,
                                                           const std::string& delivery_id) {
  auto rows = run(*backend_, false,
                  "SELECT outcome FROM webhook_deliveries WHERE source = ? AND delivery_id = ?",
                  {source, delivery_id});
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return std::optional<std::string>{};
  return rows->front()[0];
}

Result<void> Store::record_delivery(const std::string& source, const std::string& delivery_id,
                                    const std::string& program, const std::string& outcome,
                                    const std::string& forget_before, const std::string& item,
                                    const std::string& event_at) {
  Backend& b = *backend_;
  if (auto r = b.begin(true); !r) return r;
  Result<Rows> rows = Rows{};
  if (!forget_before.empty())
    rows = b.text_query("DELETE FROM webhook_deliveries WHERE received_at < ?", {forget_before});
  if (rows)
    rows = b.text_query(
        "INSERT INTO webhook_deliveries (source, delivery_id, program, received_at, outcome, "
        "item, event_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        {source, delivery_id, program, now_text(), outcome, item, event_at});
  if (!rows) {
    b.rollback();
    return std::unexpected(rows.error());
  }
  return b.commit();
}

Result<std::string> Store::last_event_at(const std::string& source, const std::string& program,
                                         const std::string& item,
                                         const std::vector<std::string>& applied) {
  auto rows = run(*backend_, false,
                  "SELECT event_at, outcome FROM webhook_deliveries WHERE source = ? AND program = "
                  "? AND item = ? ORDER BY event_at DESC",
                  {source, program, item});
  if (!rows) return std::unexpected(rows.error());
  for (const auto& r : *rows)
    if (std::find(applied.begin(), applied.end(), r[1].value_or("")) != applied.end())
      return r[0].value_or("");
  return std::string();
}

}  // namespace cairn::store

// The difference between the stored rows of a program and a plan's rows, and the write that
// makes the store match the plan. Generic over entity kinds: entities are compared by identity,
// then by their canonical JSON text, then field by field (top-level fields).
//
// Item history is append-only: the stored entries the plan lacks are kept (merged by time), and
// when an item's state changes and its history does not already end in the new state, an entry
// {state, at: now} is added. This keeps applying a plan idempotent while the store remembers when
// each state transition happened. Pure functions; thread-safe.
#pragma once

#include <vector>

#include "base/date.h"
#include "store/backend.h"
#include "store/entity_doc.h"
#include "store/store.h"

namespace cairn::store {

struct DiffOutcome {
  PlanDiff diff;
  std::vector<EntityRow> inserts, updates, deletes, moves;  // as WriteBatch wants them
  std::vector<ChangeRow> changes;
  // Rows of the program after the write, in document order (for validation of the result).
  std::vector<EntityRow> result;
  bool keeps_extras = false;  // stored entities the plan lacks were kept (prune off)
};

// `stored` and `plan` in any order; `plan` rows have version 0.
DiffOutcome compute_diff(const std::vector<EntityRow>& stored, const std::vector<EntityRow>& plan,
                         bool prune, DateTime now);

// Field-level changes between two entity bodies (JSON objects).
std::vector<FieldChange> field_changes(const nlohmann::ordered_json& old_body,
                                       const nlohmann::ordered_json& new_body);

// The item body of `plan_body` with the history merged with `stored_body`'s (see above).
nlohmann::ordered_json merge_item(const nlohmann::ordered_json& stored_body,
                                  const nlohmann::ordered_json& plan_body, DateTime now);

// The change rows of an entity change, as the history stores them.
void append_change_rows(const EntityChange& change, std::vector<ChangeRow>& out);
// And back.
std::vector<EntityChange> changes_from_rows(const std::vector<ChangeRow>& rows);

}  // namespace cairn::store

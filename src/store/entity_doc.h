// A program as store rows, and back.
//
// The canonical plan document (plan::plan_to_json) is cut into one row per entity: its kind, its
// identity within the kind, its position in its section and its canonical JSON object (compact,
// fields in canonical order). Identities:
//   program, budget           ""  (one per program)
//   team, person, item, milestone, risk, sprint   the entity's key
//   decision, action          the key; without a key "~DATE/OWNER" (decision) or "~OWNER/DUE"
//                             (action), "*" standing for an absent part
//   dependency                "FROM->TO", plus " TYPE" when the type is not finish-start
//   status_update             "DATE/TEAM/AUTHOR" ("*" for the whole program or no author)
// An identity that repeats within a kind gets "#2", "#3", ... in document order.
// Reassembling sorts rows by section, position, identity and gives the canonical document again.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"

namespace cairn::store {

struct EntityRow {
  std::string kind;
  std::string key;
  int64_t ord = 0;      // position within its section
  int64_t version = 0;  // stored version (0 for rows not stored yet)
  std::string body;     // compact canonical JSON object
};

// The kinds in document order ("program", "team", "person", "milestone", "item", "dependency",
// "risk", "sprint", "budget", "status_update", "decision", "action").
const std::vector<std::string>& entity_kinds();
// The rank of a kind in document order; -1 when unknown.
int kind_rank(std::string_view kind);
// The plan section of a kind ("items" for "item"; "program"/"budget" are objects, not lists).
const char* kind_section(std::string_view kind);
// The kind of a section name or a kind name ("items" or "item" -> "item"); empty when unknown.
std::string parse_kind(std::string_view text);

std::vector<EntityRow> split_program(const Program& program);
std::vector<EntityRow> split_document(const nlohmann::ordered_json& doc);

// Sorts rows into document order (section, position, identity).
void sort_rows(std::vector<EntityRow>& rows);
// The canonical document text of rows already in document order.
std::string assemble_text(const std::vector<EntityRow>& rows);
// The program of rows already in document order, validated (errors go to `diags`; an Error when the
// rows do not form a plan document). Rows in a plan's looser spelling (an allocation "80%", a date
// with a time) are read by the full reader; `canonical`, when given, says whether they were not.
Result<Program> assemble_program(const std::vector<EntityRow>& rows, const std::string& name,
                                 Diagnostics& diags, bool* canonical = nullptr);

}  // namespace cairn::store

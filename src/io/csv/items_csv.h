// The work items as CSV (RFC 4180, CRLF, a header row), one row per item in program order, with
// planned and forecast dates when given: key, title, kind, parent, team, assignee, state,
// category, estimate_days (PERT mean), optimistic, likely, pessimistic, basis, points, remaining,
// created, due, start, finish, p50, p85, link, labels (joined by "; "). Empty cells for unknown
// values; dates ISO 8601; numbers in shortest exact form. Deterministic. Thread-safe.
#pragma once

#include <string>

#include "io/import.h"

namespace cairn::io {

std::string write_items_csv(const Program& program, const ScheduleDates* dates = nullptr);

}  // namespace cairn::io

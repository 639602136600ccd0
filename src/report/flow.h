// The `flow` document (schema/report/flow.schema.json): Kanban flow metrics of a program or an
// issue history (analysis/flow.h) — per stream (team or group) and for the program: throughput,
// cycle-time percentiles, WIP and aging WIP, time in state, flow efficiency, Little's law, the
// bottleneck and the cumulative-flow series. Days are elapsed calendar days, exact in JSON.
// Pure functions; thread-safe.
#pragma once

#include <iosfwd>
#include <string>

#include "analysis/flow.h"
#include "report/document.h"

namespace cairn::report {

// `source`: "plan" or "history" (an issue-history CSV).
Json flow_json(const Header& h, const analysis::FlowResult& r, const std::string& source,
               const Diagnostics& diags);
void flow_table(const analysis::FlowResult& r, const Diagnostics& diags, std::ostream& out);
// The cumulative-flow series, one row per stream, day and state: stream,date,state,items
// (the program's stream is named "program").
void flow_csv(const analysis::FlowResult& r, std::ostream& out);

}  // namespace cairn::report

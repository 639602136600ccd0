// The `check` document: every finding about a plan (schema/report/check.schema.json).
#pragma once

#include <iosfwd>

#include "base/diagnostics.h"
#include "model/program.h"
#include "report/document.h"

namespace cairn::report {

// `program`: the plan as read (null when it could not be read at all): adds its counts.
Json check_json(const Header& h, const Diagnostics& diags, const Program* program);
// The diagnostics one per line ("file:line:col: error: message [id]" + hint), then one line of
// counts.
void check_table(const Diagnostics& diags, const Program* program, std::ostream& out);
// Just the diagnostics, one per line, as check_table prints them (for stderr of other commands).
void diagnostics_table(const Diagnostics& diags, std::ostream& out);

}  // namespace cairn::report

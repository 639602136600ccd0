// Reading a previous schedule back: the JSON document of `cairn schedule --format json` (report/
// schedule.h) as the placements a new run keeps (schedule::ScheduleOptions::previous), so that
// re-leveling after an edit keeps the order people work in.
//
// Reads `items[*].key`, `.start_time` and `.finish_time` (ISO 8601 UTC), `.assignee` (a person
// key or null) and `.seats` (items with several seats: per seat `person`, a key or null for
// nobody, and `start_time`; left out when a person is no longer in the plan); other fields are
// ignored. Items the program no longer has are reported
// (`previous-item-unknown`) and left out; items without a start (epics, unscheduled) are new.
// Errors: `invalid-previous-schedule` (not JSON, no items array, a bad start_time or seat; with the
// JSON pointer). Pure but for reading the file; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::io {

Result<std::vector<schedule::PreviousPlacement>> read_previous_schedule(const std::string& path,
                                                                        const Program& program,
                                                                        Diagnostics& diags);

}  // namespace cairn::io

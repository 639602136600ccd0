// Reading TaskJuggler 3 project files (.tjp/.tji) into a Program. docs/taskjuggler.md lists the
// supported subset and how each construct maps onto the model.
//
// The reader expands macros (`macro NAME [ ... ]`, `${NAME "arg"}`, the built-ins
// ${projectstart}, ${projectend}, ${now}, ${today}) and includes (relative to the including
// file). Every construct it does not import gives a `tjp-unsupported` warning naming the keyword
// and the line, never a silent drop. Errors carry file:line:column and a stable id:
//   tjp-syntax, tjp-unsupported (warning), tjp-unknown-resource, tjp-unknown-task,
//   tjp-unknown-shift, tjp-undefined-macro, tjp-macro-recursion, tjp-macro-too-large,
//   tjp-duplicate-id, tjp-bad-date, tjp-no-project, include-not-found, include-cycle,
//   include-too-deep, file-not-found (the Error when the main file cannot be read).
// TaskJuggler's own date assertions (minstart, maxstart, minend, maxend; the ${FixStart} /
// ${FixEnd} macros of its scheduler tests) are kept in LoadedPlan::tjp so that a test can compare
// a schedule with them. Thread-safe on distinct arguments.
#pragma once

#include <string>
#include <string_view>

#include "base/diagnostics.h"
#include "base/error.h"
#include "plan/plan.h"

namespace cairn::io {

struct TjpReadOptions {
  size_t max_file_bytes = size_t{32} << 20;  // per file; default 32 MiB
  int max_include_depth = 16;                // nested includes; default 16
  bool validate = true;                      // run model validation after reading; default true
  // The scenario whose attributes are imported (`plan`, `delayed`, ...; its ancestors' too, as
  // TaskJuggler inherits them). Empty (default): the first (top) scenario. An unknown one is a
  // tjp-unknown-scenario error.
  std::string scenario;
  // `complete N` (N < 100) as progress: the item keeps its place after its predecessors and
  // schedules the remaining (100 - N) % of its work; `complete 100` makes it done. Default false:
  // TaskJuggler's meaning, where `complete` is for reports only and has no effect on the dates.
  bool complete_as_progress = false;
};

// Reads a .tjp file and the files it includes.
Result<plan::LoadedPlan> read_tjp(const std::string& path, Diagnostics& diags,
                                  const TjpReadOptions& options = {});
// Reads .tjp text; `name` labels locations. `include` is resolved relative to `name`'s directory
// when it has one, else it is an include-not-found error.
Result<plan::LoadedPlan> read_tjp_text(std::string_view text, const std::string& name,
                                       Diagnostics& diags, const TjpReadOptions& options = {});

}  // namespace cairn::io

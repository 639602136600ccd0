// Mapping a parsed TaskJuggler project (TjProject) onto Cairn's model: resource groups become
// teams, leaf resources people, tasks work items (containers are epics), milestones and
// dependencies keep TaskJuggler's meaning (see docs/taskjuggler.md for the table). References are
// resolved here and reported with tjp-unknown-resource / tjp-unknown-task. Pure function of its
// arguments; thread-safe on distinct arguments.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "io/tjp/tjp_parser.h"
#include "plan/plan.h"

namespace cairn::io::tjp {

struct BuildOptions {
  bool validate = true;               // run model validation; default true
  bool now_as_status_date = false;    // use `now` as Program::as_of; default false (see the docs)
  bool complete_as_progress = false;  // TjpReadOptions::complete_as_progress; default false
};

plan::LoadedPlan build_plan(const TjProject& tj, std::vector<std::string> files, Diagnostics& diags,
                            const BuildOptions& options);

}  // namespace cairn::io::tjp

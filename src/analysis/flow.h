// Kanban flow metrics of a program's item histories (or of an issue-history CSV): throughput,
// cycle-time percentiles, WIP and aging WIP, time in each state, flow efficiency, a cumulative-flow
// series, a Little's-law consistency check and the bottleneck (docs/formulas.md, "Flow").
//
// Units: elapsed calendar days (fractional where the history has times of day), items per week.
// An item is in the system from its start (its first move into an in-progress or done state) to
// its finish (its last move into a done state, when it is done at the as-of instant): cycle time
// is finish − start, WIP counts items started and not finished. The as-of instant is the end of
// the as-of day (shortened to start on the first day of the history); history after it is ignored.
// Metrics are over a window of `window_days` ending on the as-of day. Items without history, and
// containers (items with children), are left out.
//
// Findings (Diagnostics, base/codes.h): `flow-aging-wip` (warning: an item in progress for longer
// than its stream's 85th-percentile cycle time), `flow-wip-over-limit` (warning: a state holds more
// items than its WIP limit), `flow-littles-law-gap` (info: average WIP / throughput differs from
// the measured mean cycle time by more than the tolerance: the flow is not stable over the window).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

// One state of a stream's workflow, in order.
struct FlowState {
  std::string name;
  StateCategory category = StateCategory::kTodo;
  bool active = true;  // worked on (true) or waiting (false); only in-progress states matter
  std::optional<int> wip_limit;
};

struct FlowItem {
  std::string key;
  std::vector<StateChange> history;  // oldest first; the first entry is its entry into the flow
  Location where;                    // where findings about it point (empty: unknown)
  // Its start is not known (an imported history row whose created date a migration rewrote): it
  // counts in throughput, not in cycle times.
  bool start_unknown = false;
};

// Items that share a workflow: a team, or a group of an issue history.
struct FlowStream {
  std::string key;
  std::string name;
  std::vector<FlowState> workflow;
  std::vector<FlowItem> items;
  Location where;  // the team's workflow in the plan file (empty: unknown)
};

struct FlowInput {
  std::vector<FlowStream> streams;
  Date as_of;
  // Whether the states are real workflow states (a plan's history). False for an issue history
  // (created → resolved only): time in state, flow efficiency and the bottleneck are left out.
  bool has_states = true;
  size_t without_history = 0;  // leaf items left out for want of any history
};

struct FlowOptions {
  int window_days = 84;                 // default 84 (12 weeks)
  double littles_law_tolerance = 0.25;  // relative gap; default 0.25
  // Fewer cycle-time samples than this in the window: percentiles use every item finished up to
  // the as-of day instead (cycle_time_basis "history"). Default 5.
  size_t min_samples = 5;
};

// Nearest-rank percentiles: the smallest sample with at least p % of samples at or below it.
struct CycleTimePercentiles {
  double p50 = 0, p70 = 0, p85 = 0, p95 = 0;
};

struct StateFlow {
  FlowState state;
  size_t wip = 0;        // items in the state at the as-of instant
  double item_days = 0;  // days items spent in the state within the window, summed
  double mean_days = 0;  // mean days in the state per item finished in the window that visited it
  size_t visits = 0;     // items finished in the window that visited the state
};

struct AgingItem {
  std::string key;
  std::string state;
  double age_days = 0;  // as-of instant − start
  std::string band;     // "<P50", "P50-P85", "P85-P95", ">P95" (against the stream's percentiles)
};

struct LittlesLaw {
  double average_wip = 0;           // items, time-averaged over the window
  double throughput_per_day = 0;    // items finished in the window / window days
  std::optional<double> predicted;  // average_wip / throughput_per_day (days); none at λ = 0
  std::optional<double> measured;   // mean cycle time of the window's finished items
  std::optional<double> gap;        // (predicted − measured) / measured
  bool consistent = true;           // |gap| ≤ tolerance (or nothing to compare)
};

struct Bottleneck {
  std::string state;     // "State", or "TEAM: State" for the program
  double item_days = 0;  // in the window
  double share = 0;      // of all in-progress item-days
  bool waiting = false;  // the state is a waiting one
};

// Items in each state at the end of each day of the window (the bands of a cumulative-flow chart,
// workflow order; done counts every item finished so far).
struct CumulativeFlow {
  std::vector<std::string> states;
  std::vector<Date> dates;
  std::vector<std::vector<size_t>> counts;  // [state][day]
};

struct StreamFlow {
  std::string key;  // team key or group; empty for the program
  std::string name;
  size_t items = 0;
  size_t finished = 0;  // in the window
  double throughput_per_week = 0;
  std::vector<Date> week_ends;  // inclusive last day of each 7-day bin ending on as-of
  std::vector<size_t> weekly_throughput;
  size_t cycle_samples = 0;  // finished items with a start (in the basis)
  std::string cycle_time_basis = "window";
  std::optional<CycleTimePercentiles> cycle_time;
  std::optional<double> mean_cycle_time;
  size_t wip = 0;
  std::vector<AgingItem> aging;           // oldest first
  std::vector<StateFlow> states;          // empty without states
  std::optional<double> flow_efficiency;  // active days / cycle days of the window's finished items
  double active_days = 0, cycle_days = 0;
  LittlesLaw littles_law;
  std::optional<Bottleneck> bottleneck;
  CumulativeFlow cfd;
};

struct FlowResult {
  Date as_of;
  Date from;  // first day of the window
  int window_days = 0;
  bool has_states = true;
  size_t without_history = 0;
  StreamFlow program;  // every item: states mapped to To Do, Active, Waiting, Done
  std::vector<StreamFlow> streams;
};

// The flow input of a plan: one stream per team (its workflow, or the default one), leaf items with
// history; items without a team go to a stream with the default workflow and key "-".
// `as_of`: the program's status date when unset, else the last history day.
// `sources`: where the items and teams are in the plan files, for findings (may be null).
FlowInput flow_input(const Program& program, std::optional<Date> as_of = {},
                     const SourceMap* sources = nullptr);

FlowResult analyze_flow(const FlowInput& input, const FlowOptions& options, Diagnostics& diags);

}  // namespace cairn::analysis

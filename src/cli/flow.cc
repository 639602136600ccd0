// `cairn flow [FILE...] [--db D --program P] [--history CSV --created C --resolved R --group G]
// [--as-of DATE] [--window DAYS] [--format table|json|csv]`: Kanban flow metrics of a plan's item
// histories, a stored program's, or an issue-history CSV's (analysis/flow.h, docs/cli.md).
#include <iostream>
#include <map>

#include "analysis/flow.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "io/history/history_csv.h"
#include "report/check.h"
#include "report/flow.h"

namespace cairn::cli {
namespace {

// An issue history as flow: each record is Open (in progress) from its creation day to its
// resolution day, then Done; one stream per group. Records are named by their key, else by their
// line in the file ("line 12").
analysis::FlowInput history_flow(const io::IssueHistory& h) {
  analysis::FlowInput in;
  in.has_states = false;
  std::map<std::string, size_t> stream_of;
  std::optional<Date> last;
  for (size_t i = 0; i < h.records.size(); ++i) {
    const auto& r = h.records[i];
    auto [pos, added] = stream_of.emplace(r.group, in.streams.size());
    if (added) {
      analysis::FlowStream s;
      s.key = r.group.empty() ? "history" : r.group;
      s.name = s.key;
      s.workflow = {{"Open", StateCategory::kInProgress, true, {}},
                    {"Done", StateCategory::kDone, true, {}}};
      in.streams.push_back(std::move(s));
    }
    analysis::FlowItem item{r.key.empty() ? "line " + std::to_string(r.line) : r.key,
                            {{"Open", DateTime::from_date(r.created)}}};
    if (r.resolved) item.history.push_back({"Done", DateTime::from_date(*r.resolved)});
    item.start_unknown = r.created_unknown;
    in.streams[pos->second].items.push_back(std::move(item));
    Date end = r.resolved ? std::max(*r.resolved, r.created) : r.created;
    if (!last || *last < end) last = end;
  }
  // The day of the newest creation when the file is an export's cut (io::record_end: the
  // resolutions after it are a thin tail of older issues finished later, not the team's flow);
  // else the last day the history records.
  const auto end = io::record_end(h);
  in.as_of = end ? *end - 1 : last.value_or(Date{});
  return in;
}

}  // namespace

void register_flow(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "flow", "Kanban flow: throughput, cycle time, WIP and aging, time in state, bottleneck");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    std::string history;
    io::HistoryCsvOptions csv;
    analysis::FlowOptions options;
  };
  auto a = std::make_shared<Args>();
  auto* files = add_program_source(cmd, a->src);
  auto* history = cmd->add_option("--history", a->history,
                                  "Instead of a plan: an issue-history CSV (created, resolved)");
  history->excludes(files);
  cmd->add_option("--created", a->csv.created,
                  "With --history: the creation date column (default: found by its usual "
                  "names, e.g. created, created_date, created_at)");
  cmd->add_option("--resolved", a->csv.resolved,
                  "With --history: the resolution date column (default: found by its usual "
                  "names, e.g. resolved, resolutiondate, closed_at, finished_date)");
  cmd->add_option("--group", a->csv.group, "With --history: a column that splits it into streams");
  cmd->add_option("--key", a->csv.key,
                  "With --history: the issue key column (default: key, issue key or id, if any)");
  add_analysis_output(cmd, a->out,
                      "Last day of the window (default: the program's as_of; with --history the "
                      "day of its newest creation when only a thin tail of resolutions follows "
                      "it, an export's date, else its last day)");
  cmd->add_option("--window", a->options.window_days, "Days of the window (default 84)")
      ->check(CLI::Range(1, 3660));
  cmd->callback([&ctx, a] {
    analysis::FlowInput input;
    report::Header h;
    if (!a->history.empty()) {
      std::optional<Date> as_of;
      if (!parse_as_of(a->out, as_of, ctx.exit_code)) return;
      Diagnostics read;
      auto hist = io::read_history_csv_file(a->history, a->csv, read);
      report::diagnostics_table(read, std::cerr);
      if (!hist) {
        fail(hist.error(), ctx.exit_code);
        return;
      }
      input = history_flow(*hist);
      if (as_of) input.as_of = *as_of;
      h = report::Header{{}, {}, input.as_of, generated_at()};
    } else {
      auto s = start_analysis(a->src, a->out, ctx.exit_code);
      if (!s) return;
      input = analysis::flow_input(s->loaded.program, s->as_of, s->sources());
      h = header(s->loaded.program, input.as_of);
    }
    Diagnostics diags;
    auto r = analysis::analyze_flow(input, a->options, diags);
    std::string source = a->history.empty() ? "plan" : "history";
    print_analysis(
        a->out.format, diags, [&] { return report::flow_json(h, r, source, diags); },
        [&](std::ostream& o) { report::flow_csv(r, o); },
        [&](std::ostream& o) { report::flow_table(r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli

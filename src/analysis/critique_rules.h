// The critique's rules (analysis/critique.h), internal to src/analysis: each rule reports its
// findings through a Sink, which writes the diagnostic and files it in its group (rule, subject).
// critique_rules.cc holds the rules on the forecast and the plan; critique_flow.cc those on
// people's load, sprints, WIP limits and dependencies on closed items. Not thread-safe.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/critique.h"
#include "schedule/schedule.h"

namespace cairn::analysis::critique_detail {

// What a rule says about one thing, and where it belongs.
struct Finding {
  const char* id;
  Severity severity;
  std::string subject;  // the group: milestone, team, person, sprint key or "program"
  std::string key;      // the thing itself
  std::string evidence;
  double impact = 0;
  std::string message;
  Location where;
  std::string hint;
};

class Sink {
 public:
  explicit Sink(Diagnostics& out) : out_(out) {}
  void add(Finding f);
  // The groups, ranked (docs/formulas.md, "Critique"): by tier, then rule, then impact.
  std::vector<CritiqueFinding> ranked() const;

 private:
  Diagnostics& out_;
  std::map<std::pair<std::string, std::string>, CritiqueFinding> groups_;
};

struct Context {
  const Program& p;
  const CritiqueOptions& o;
  const SourceMap* sources;
  Date as_of;
  Sink& sink;
  Location at(EntityKind k, size_t i, std::string_view field = {}) const {
    return sources ? sources->at(k, static_cast<uint32_t>(i), field) : Location{};
  }
};

bool open_item(const Program& p, WorkItemId id);
bool is_leaf(const Program& p, WorkItemId id);
std::string percent(std::optional<double> p);
// Whether the milestone forecast `t` is at risk (deadline, work left, odds under the target).
bool at_risk(const CritiqueOptions& o, const forecast::TargetForecast& t);

// critique_rules.cc
void milestone_rules(const Context& c, const forecast::ProgramForecast& f);
void need_by_rule(const Context& c, const forecast::ProgramForecast& f);
void item_rules(const Context& c);
void bus_factor_rule(const Context& c);
void risk_rules(const Context& c);
// critique_flow.cc
void overallocation_rule(const Context& c, const schedule::ScheduleResult& s);
void sprint_rule(const Context& c);
void wip_rule(const Context& c);
void closed_dependency_rules(const Context& c);

}  // namespace cairn::analysis::critique_detail

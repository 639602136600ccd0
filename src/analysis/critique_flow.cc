// The critique's rules on people's load, sprints, WIP limits and dependencies on closed items
// (analysis/critique_rules.h).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "analysis/critique_rules.h"
#include "analysis/load.h"
#include "analysis/sprints.h"
#include "base/codes.h"

namespace cairn::analysis::critique_detail {
namespace {

std::string lower(std::string s) {
  for (char& ch : s)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

// A done-category state that says the work will not be delivered.
bool removal_state(const std::string& state) {
  static constexpr const char* kWords[] = {"won't",    "wont",      "cancel",   "removed", "reject",
                                           "obsolete", "duplicate", "descoped", "abandon"};
  std::string s = lower(state);
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* w) { return s.find(w) != std::string::npos; });
}

std::string items_text(const std::vector<ItemHours>& items) {
  std::string out;
  for (const auto& ih : items)
    out += fmt::format("{}{} {:.0f} h", out.empty() ? "" : ", ", ih.item, ih.hours);
  return out;
}

}  // namespace

void overallocation_rule(const Context& c, const schedule::ScheduleResult& s) {
  LoadReport load = analyze_load(c.p, s, c.o.load);
  for (const auto& o : load.over) {
    PersonId id = c.p.find_person(o.person);
    std::string week = o.week.to_string();
    c.sink.add({codes::kCritiquePersonOverallocated, Severity::kWarning, o.person,
                week + " " + o.view,
                fmt::format("week {} {:.0f}/{:.0f} h ({})", week, o.booked, o.capacity, o.view),
                o.excess(),
                fmt::format("{} is booked {:.0f} h in the week of {} against {:.0f} h "
                            "({:+.0f} h, {}){}{}",
                            o.person, o.booked, week, o.capacity, o.excess(),
                            o.view == "written" ? "as written" : "leveled",
                            o.items.empty() ? "" : ": ", items_text(o.items)),
                id.valid() ? c.at(EntityKind::kPerson, id.index()) : Location{},
                "move one of these items to a less-loaded member of the team, or move its "
                "planned window"});
  }
}

void sprint_rule(const Context& c) {
  Diagnostics scratch;  // the sprints' own findings are `cairn sprints`'s
  SprintReport r = analyze_sprints(c.p, SprintOptions{}, scratch, c.as_of, c.sources);
  for (const auto& m : r.sprints) {
    if (m.status == "closed" || !m.velocity_before || m.committed <= *m.velocity_before) continue;
    size_t at = 0;
    while (at < c.p.sprints.size() && c.p.sprints[at].key != m.key)
      ++at;
    c.sink.add({codes::kSprintOvercommitted, Severity::kWarning, m.key, m.key,
                fmt::format("{} commits {:g} of {:g}", m.key, m.committed, *m.velocity_before),
                m.committed - *m.velocity_before,
                fmt::format("{} sprint {} commits {:g}, more than the team's best velocity of "
                            "{:g} in its last closed sprints",
                            m.status, m.key, m.committed, *m.velocity_before),
                at < c.p.sprints.size() ? c.at(EntityKind::kSprint, at, "committed") : Location{},
                "take the lowest-priority items out of the sprint"});
  }
}

void wip_rule(const Context& c) {
  for (size_t t = 0; t < c.p.teams.size(); ++t) {
    TeamId team{static_cast<uint32_t>(t)};
    const auto& flow = c.p.workflow(team);
    for (const auto& st : flow) {
      if (!st.wip_limit || st.category == StateCategory::kDone) continue;
      std::vector<std::string> in;
      for (size_t i = 0; i < c.p.items.size(); ++i) {
        const WorkItem& w = c.p.items[i];
        const std::string& state = w.state.empty() ? flow.front().name : w.state;
        if (w.team == team && state == st.name &&
            is_leaf(c.p, WorkItemId{static_cast<uint32_t>(i)}))
          in.push_back(w.key);
      }
      if (in.size() <= static_cast<size_t>(*st.wip_limit)) continue;
      const std::string& key = c.p.teams[t].key;
      c.sink.add({codes::kFlowWipOverLimit, Severity::kWarning, key, st.name,
                  fmt::format("{} {}/{}", st.name, in.size(), *st.wip_limit),
                  static_cast<double>(in.size() - *st.wip_limit),
                  fmt::format("{} '{}' holds {} items, over its WIP limit of {}: {}", key, st.name,
                              in.size(), *st.wip_limit, fmt::join(in, ", ")),
                  c.at(EntityKind::kTeam, t, "workflow"),
                  "finish work in the state before pulling more"});
    }
  }
}

void closed_dependency_rules(const Context& c) {
  for (size_t i = 0; i < c.p.dependencies.size(); ++i) {
    const Dependency& d = c.p.dependencies[i];
    if (!open_item(c.p, d.successor) || open_item(c.p, d.predecessor)) continue;
    const WorkItem& from = c.p.item(d.predecessor);
    const WorkItem& to = c.p.item(d.successor);
    std::string key = from.key + " -> " + to.key;
    if (removal_state(from.state)) {
      c.sink.add({codes::kCritiqueDependencyOnRemoved, Severity::kWarning,
                  to.team.valid() ? c.p.team(to.team).key : "-", key, key, 1,
                  fmt::format("{} depends on {}, which is '{}': it will not be delivered", to.key,
                              from.key, from.state),
                  c.at(EntityKind::kDependency, i),
                  "drop the dependency, or name the item that replaces it"});
    } else if (d.state && *d.state != CrossTeamState::kDelivered) {
      c.sink.add({codes::kCritiqueDependencyOnDone, Severity::kInfo,
                  from.team.valid() ? c.p.team(from.team).key : "-", key, key, 1,
                  fmt::format("{} needs {}, which is done, but the dependency is still '{}'",
                              to.key, from.key, to_string(*d.state)),
                  c.at(EntityKind::kDependency, i, "state"), "mark it delivered"});
    }
  }
}

}  // namespace cairn::analysis::critique_detail

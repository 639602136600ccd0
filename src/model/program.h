// A program: everything Cairn knows about one multi-team program, in memory.
//
// Entities live in vectors; an entity's id is its position there (TeamId{3} is teams[3]).
// References between entities are ids, resolved from keys when the plan is read. Keys are unique
// per kind. After adding or removing entities, call reindex() before the find_* lookups.
// Engines take a `const Program&` and never change it. Thread-compatible: concurrent readers are
// fine once built.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/ids.h"
#include "model/budget.h"
#include "model/dependency.h"
#include "model/milestone.h"
#include "model/person.h"
#include "model/risk.h"
#include "model/sprint.h"
#include "model/status.h"
#include "model/team.h"
#include "model/work_item.h"

namespace cairn {

// How the scheduler orders the work (Program::schedule_order; schedule::ScheduleOptions::order):
// the search for the schedule that best meets the deadlines, or one pass in TaskJuggler's order.
enum class ScheduleOrder { kSearch, kTaskJuggler };

struct Program {
  std::string key;
  std::string name;
  std::string goal;
  Date start;
  // The status date: the day the plan's states, remaining effort and history describe. Scheduling
  // of open work starts there. Unset: the program start (tools may pass today instead).
  std::optional<Date> as_of;
  // The instant the program's work must end by (TaskJuggler's project end; a date alone is 00:00
  // of that day). Work scheduled past it is a warning (`beyond-project-end`); in TaskJuggler's
  // order ALAP work without a successor ends there. Unset: no end.
  std::optional<DateTime> end;
  // How the scheduler orders the work unless told otherwise (`cairn schedule --order`): the
  // search for the schedule that best meets the deadlines (default), or TaskJuggler's order (set
  // by the .tjp reader, so that a stored or converted .tjp program keeps tj3's dates).
  ScheduleOrder schedule_order = ScheduleOrder::kSearch;
  std::string currency = "EUR";
  WorkingCalendar calendar;
  // The thresholds of `cairn health` this program sets (plan: program.health_thresholds), by the
  // names analysis::health_thresholds() lists; the rest keep their defaults.
  std::map<std::string, double> health_thresholds;

  std::vector<Team> teams;
  std::vector<Person> people;
  std::vector<WorkItem> items;
  std::vector<Dependency> dependencies;
  std::vector<Milestone> milestones;
  std::vector<Risk> risks;
  std::vector<Sprint> sprints;
  std::optional<Budget> budget;
  std::vector<StatusUpdate> status_updates;
  std::vector<Decision> decisions;
  std::vector<ActionItem> actions;

  const Team& team(TeamId id) const { return teams[id.index()]; }
  const Person& person(PersonId id) const { return people[id.index()]; }
  const WorkItem& item(WorkItemId id) const { return items[id.index()]; }
  const Milestone& milestone(MilestoneId id) const { return milestones[id.index()]; }

  // Key lookups; nullopt/invalid when absent. Need reindex() after changes.
  TeamId find_team(const std::string& key) const;
  PersonId find_person(const std::string& key) const;
  WorkItemId find_item(const std::string& key) const;
  MilestoneId find_milestone(const std::string& key) const;
  RiskId find_risk(const std::string& key) const;
  SprintId find_sprint(const std::string& key) const;
  void reindex();

  // The team's workflow, or the default one when the team has none.
  const std::vector<WorkflowState>& workflow(TeamId team) const;
  // The category of an item's current state (todo when the state is empty or unknown).
  StateCategory category(WorkItemId item) const;
  // The effective calendar of a person (their own, or the program's).
  const WorkingCalendar& calendar_of(PersonId person) const;
  // When an item really started (its first move into an in-progress or done state) and finished
  // (its last move into a done state, if it is done now), from its history. nullopt when unknown.
  std::optional<DateTime> actual_start(WorkItemId item) const;
  std::optional<DateTime> actual_finish(WorkItemId item) const;
  // Items whose parent is `id`, in order.
  std::vector<WorkItemId> children(WorkItemId id) const;
  // The members of a team, in order.
  std::vector<PersonId> members(TeamId team) const;
  // Per milestone (by MilestoneId): its items with epics expanded to their leaf descendants, each
  // once, in order. One pass over the items for all milestones.
  std::vector<std::vector<WorkItemId>> milestone_leaf_items() const;

  // The team defaults every plan reader applies after reading: an item of no team takes its
  // assignee's; then a dependency between items of two teams takes them as its provider and
  // consumer where it names none. In that order, so that a written plan reads back the same.
  void fill_default_teams();

  // Equality of content (the lookup indexes are not compared).
  bool same_content(const Program& o) const;

 private:
  std::unordered_map<std::string, uint32_t> team_index_, person_index_, item_index_,
      milestone_index_, risk_index_, sprint_index_;
};

}  // namespace cairn

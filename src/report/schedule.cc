#include "report/schedule.h"

#include <ostream>

#include <fmt/format.h>

#include "model/enums.h"
#include "report/json_stream.h"
#include "schedule/chain.h"

namespace cairn::report {
namespace {

using schedule::ScheduleResult;

std::string person_key(const Program& p, PersonId id) {
  return id.valid() ? p.person(id).key : std::string();
}

// A chain of steps: each with how it waits for the previous one (or why it starts then) and the
// scheduler's words for it.
void write_chain(JsonStream& w, const Program& p, const ScheduleResult& r,
                 const std::vector<schedule::ChainStep>& chain, std::string_view name) {
  w.begin_array(name);
  for (size_t k = 0; k < chain.size(); ++k) {
    const auto& st = chain[k];
    w.begin_object();
    w.field("key", p.item(st.item).key);
    w.field("link", schedule::to_string(st.link));
    if (st.person.valid()) w.field("person", p.person(st.person).key);
    if (st.start != schedule::ChainStart::kNone) w.field("start", schedule::to_string(st.start));
    w.field("reason", schedule::describe(st, k > 0 ? &chain[k - 1] : nullptr, p, r));
    w.end_object();
  }
  w.end_array();
}

void write_milestones(JsonStream& w, const Program& p, const ScheduleResult& r) {
  w.begin_array("milestones");
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& x = r.milestones[m];
    w.begin_object();
    w.field("key", p.milestones[m].key);
    w.field("name", p.milestones[m].name);
    w.field("date", x.scheduled, x.date);
    w.field("deadline", x.deadline);
    w.field("unleveled_date", x.scheduled, x.unleveled_date);
    w.field("late", x.late);
    w.field("days_late", x.days_late);
    if (x.slack_days)
      w.field("slack_days", *x.slack_days);
    else
      w.null_field("slack_days");
    write_chain(w, p, r, x.chain, "chain");
    w.end_object();
  }
  w.end_array();
}

// The stretches of an item whose work is split (ItemSchedule::segments).
void write_segments(JsonStream& w, const Program& p, const schedule::ItemSchedule& it) {
  w.begin_array("segments");
  for (const auto& sg : it.segments) {
    w.begin_object();
    w.field("start", true, sg.start_date);
    w.field("finish", true, sg.finish_date);
    w.field("start_time", true, sg.start);
    w.field("finish_time", true, sg.finish);
    if (sg.person.valid())
      w.field("person", p.person(sg.person).key);
    else
      w.null_field("person");
    w.end_object();
  }
  w.end_array();
}

void write_item(JsonStream& w, const Program& p, const ScheduleResult& r, size_t i) {
  const auto& it = r.items[i];
  const auto& item = p.items[i];
  w.begin_object();
  w.field("key", item.key);
  w.field("title", item.title);
  w.field("kind", to_string(item.kind));
  if (item.team.valid())
    w.field("team", p.team(item.team).key);
  else
    w.null_field("team");
  if (it.assignee.valid())
    w.field("assignee", p.person(it.assignee).key);
  else
    w.null_field("assignee");
  if (!it.also.empty()) {
    w.begin_array("also");
    for (PersonId x : it.also)
      w.str(p.person(x).key);
    w.end_array();
  }
  w.field("start", it.scheduled, it.start_date);
  w.field("finish", it.scheduled, it.finish_date);
  w.field("start_time", it.scheduled, it.start);
  w.field("finish_time", it.scheduled, it.finish);
  if (!it.segments.empty()) write_segments(w, p, it);
  if (!it.seats.empty()) {
    w.begin_array("seats");
    for (const auto& st : it.seats) {
      w.begin_object();
      if (st.person.valid())
        w.field("person", p.person(st.person).key);
      else
        w.null_field("person");
      w.field("start_time", st.person.valid(), st.start);
      w.end_object();
    }
    w.end_array();
  }
  w.field("slack", it.total_slack_days);
  w.field("free_slack", it.free_slack_days);
  w.field("critical", it.critical);
  if (it.deadline_slack_days) {
    if (it.feeds.valid())
      w.field("feeds", p.milestone(it.feeds).key);
    else
      w.null_field("feeds");
    w.field("deadline_slack", *it.deadline_slack_days);
  }
  w.field("state", state_name(it.state));
  w.field("workflow_state", item.state);
  w.end_object();
}

void write_load(JsonStream& w, const Program& p, const ScheduleResult& r) {
  w.begin_object("load");
  w.begin_array("weeks");
  for (const Date& wk : r.weeks)
    w.str(wk.to_string());
  w.end_array();
  w.begin_array("people");
  for (const auto& pl : r.load) {
    w.begin_object();
    w.field("person", p.person(pl.person).key);
    w.begin_array("booked_hours");
    for (double v : pl.booked_hours)
      w.number(v);
    w.end_array();
    w.begin_array("capacity_hours");
    for (double v : pl.capacity_hours)
      w.number(v);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

}  // namespace

const char* state_name(schedule::NodeState s) {
  switch (s) {
    case schedule::NodeState::kTodo:
      return "todo";
    case schedule::NodeState::kStarted:
      return "in-progress";
    case schedule::NodeState::kDone:
      return "done";
  }
  return "todo";
}

void schedule_json(const Header& h, const Program& p, const ScheduleResult& r,
                   const Diagnostics& diags, const ScheduleView& view, std::ostream& out) {
  JsonStream w(1024 + p.items.size() * 480);
  w.begin_object();
  w.members(document("schedule", h));
  w.field("project_start", r.project_start_date.to_string());
  w.field("project_end", r.project_end_date.to_string());
  w.field("project_end_time", r.project_end.to_string());
  w.field("unleveled_end", r.unleveled_end_date.to_string());
  w.field("method", r.method);
  if (r.order_from.empty())
    w.null_field("order_from");
  else
    w.field("order_from", r.order_from);
  w.field("estimates", schedule::to_string(r.estimates));
  w.field("schedules", r.schedules_used);
  w.field("slot_minutes", r.axis.slot_minutes);
  write_milestones(w, p, r);
  write_chain(w, p, r, r.critical_chain, "critical_chain");
  w.begin_array("items");
  for (size_t i = 0; i < p.items.size(); ++i)
    write_item(w, p, r, i);
  w.end_array();
  if (view.load) write_load(w, p, r);
  w.field("diagnostics", diagnostics_json(diags));
  w.end_object();
  w.write_to(out);
}

void schedule_csv(const Program& p, const ScheduleResult& r, std::ostream& out) {
  out << "key,kind,assignee,start,finish,start_time,finish_time,slack,free_slack,critical,state,"
         "title,team,workflow_state\n";
  for (size_t i = 0; i < p.items.size(); ++i) {
    const auto& it = r.items[i];
    const auto& item = p.items[i];
    out << fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(item.key), to_string(item.kind),
        csv_field(person_key(p, it.assignee)), it.scheduled ? it.start_date.to_string() : "",
        it.scheduled ? it.finish_date.to_string() : "", it.scheduled ? it.start.to_string() : "",
        it.scheduled ? it.finish.to_string() : "", it.total_slack_days, it.free_slack_days,
        it.critical ? "true" : "false", state_name(it.state), csv_field(item.title),
        item.team.valid() ? csv_field(p.team(item.team).key) : "", csv_field(item.state));
  }
}

}  // namespace cairn::report

// The schedule as a person reads it (report/schedule.h): milestones first, then the items that
// miss a deadline and the critical chain, each with its title and team; the item list on request.
#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "report/schedule.h"
#include "schedule/chain.h"

namespace cairn::report {
namespace {

using schedule::ItemSchedule;
using schedule::ScheduleResult;

constexpr size_t kTitleWidth = 34;
constexpr size_t kLateRows = 15;

std::string who(const Program& p, PersonId id) {
  return id.valid() ? p.person(id).key : "-";
}

std::string team_of(const Program& p, const WorkItem& it) {
  return it.team.valid() ? p.team(it.team).key : "-";
}

std::string clip(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  // Cut at a UTF-8 character boundary.
  size_t cut = n - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;
  return s.substr(0, cut) + "…";
}

std::string shown(const ItemSchedule& it, bool start, bool times) {
  if (!it.scheduled) return "-";
  if (!times) return (start ? it.start_date : it.finish_date).to_string();
  DateTime t = start ? it.start : it.finish;
  return fmt::format("{} {:02}:{:02}", t.date().to_string(), t.minute_of_day() / 60,
                     t.minute_of_day() % 60);
}

// The leaf items of milestone `m` (an epic brings its descendants), as a mask by item index.
std::vector<bool> milestone_items(const Program& p, MilestoneId m) {
  std::vector<std::vector<size_t>> children(p.items.size());
  for (size_t i = 0; i < p.items.size(); ++i)
    if (p.items[i].parent.valid()) children[p.items[i].parent.index()].push_back(i);
  std::vector<bool> in(p.items.size(), false);
  std::vector<size_t> stack;
  for (WorkItemId id : p.milestone(m).items)
    stack.push_back(id.index());
  while (!stack.empty()) {
    size_t i = stack.back();
    stack.pop_back();
    if (in[i]) continue;
    in[i] = true;
    for (size_t c : children[i])
      stack.push_back(c);
  }
  return in;
}

// One row of an item table: item, title, team, who, start, finish, slack and a note.
struct Columns {
  size_t key = 4, who = 3;
  size_t date;
};

Columns columns(const Program& p, const ScheduleResult& r, bool times) {
  Columns c{4, 3, times ? size_t{16} : size_t{10}};
  for (size_t i = 0; i < p.items.size(); ++i) {
    c.key = std::max(c.key, p.items[i].key.size() + (r.items[i].epic ? 1 : 0));
    c.who = std::max(c.who, who(p, r.items[i].assignee).size());
  }
  return c;
}

void item_header(const Columns& c, std::ostream& out) {
  out << fmt::format("  {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<{}}  {:<{}}  {:>5}  {}\n", "item", c.key,
                     "title", kTitleWidth, "team", "who", c.who, "start", c.date, "finish", c.date,
                     "slack", "note");
}

void item_row(const Program& p, const ScheduleResult& r, size_t i, const Columns& c, bool times,
              const std::string& note, std::ostream& out) {
  const auto& it = r.items[i];
  const auto& item = p.items[i];
  // The people of further seats (from the day they join, when later than the start), and work
  // split around other work (the stretches are in JSON: seats, segments).
  std::string split = note;
  auto add = [&split](const std::string& s) { split += (split.empty() ? "" : ", ") + s; };
  bool first = true;
  for (const auto& st : it.seats) {
    if (!st.person.valid()) continue;
    if (first && st.person == it.assignee) {
      first = false;
      continue;
    }
    add(st.start.date() > it.start_date
            ? fmt::format("with {} from {}", p.person(st.person).key, st.start.date().to_string())
            : fmt::format("with {}", p.person(st.person).key));
  }
  if (!it.segments.empty()) add(fmt::format("split in {}", it.segments.size()));
  out << fmt::format("  {:<{}}  {:<{}}  {:<8}  {:<{}}  {:<{}}  {:<{}}  {:>5.1f}  {}\n",
                     it.epic ? item.key + "/" : item.key, c.key, clip(item.title, kTitleWidth),
                     kTitleWidth, clip(team_of(p, item), 8), it.epic ? "" : who(p, it.assignee),
                     c.who, shown(it, true, times), c.date, shown(it, false, times), c.date,
                     it.deadline_slack_days.value_or(it.total_slack_days), split);
}

void milestones_table(const Program& p, const ScheduleResult& r, std::ostream& out) {
  if (p.milestones.empty()) return;
  size_t key_w = 9, name_w = 4;
  for (const auto& m : p.milestones) {
    key_w = std::max(key_w, m.key.size());
    name_w = std::max(name_w, std::min(m.name.size(), kTitleWidth));
  }
  out << fmt::format("\n  {:<{}}  {:<{}}  {:<10}  {:<10}  {}\n", "milestone", key_w, "name", name_w,
                     "date", "deadline", "status");
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& ms = r.milestones[m];
    std::string status = !ms.scheduled  ? "no items"
                         : !ms.deadline ? ""
                         : ms.late      ? fmt::format("LATE by {} working day(s)", ms.days_late)
                         : ms.slack_days && *ms.slack_days > 0
                             ? fmt::format("on time, {} working day(s) to spare", *ms.slack_days)
                             : "on time";
    out << fmt::format("  {:<{}}  {:<{}}  {:<10}  {:<10}  {}\n", p.milestones[m].key, key_w,
                       clip(p.milestones[m].name, kTitleWidth), name_w,
                       ms.scheduled ? ms.date.to_string() : "-",
                       ms.deadline ? ms.deadline->to_string() : "-", status);
  }
}

// Open items that finish after the deadline of a milestone they belong to, latest first.
void late_items(const Program& p, const ScheduleResult& r, const Columns& c, bool times,
                std::ostream& out) {
  struct Late {
    size_t item;
    Date deadline;
    std::string milestone;
  };
  std::vector<Late> late;
  std::vector<bool> seen(p.items.size(), false);
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& ms = r.milestones[m];
    if (!ms.late || !ms.deadline) continue;
    auto in = milestone_items(p, MilestoneId(static_cast<uint32_t>(m)));
    for (size_t i = 0; i < p.items.size(); ++i) {
      const auto& it = r.items[i];
      if (!in[i] || seen[i] || it.epic || !it.scheduled || it.state == schedule::NodeState::kDone ||
          it.finish_date <= *ms.deadline)
        continue;
      seen[i] = true;
      late.push_back({i, *ms.deadline, p.milestones[m].key});
    }
  }
  if (late.empty()) return;
  std::stable_sort(late.begin(), late.end(), [&](const Late& a, const Late& b) {
    return r.items[a.item].finish_date > r.items[b.item].finish_date;
  });
  out << fmt::format("\nFinishing after their milestone's deadline: {} item(s)\n", late.size());
  item_header(c, out);
  for (size_t k = 0; k < late.size() && k < kLateRows; ++k)
    item_row(p, r, late[k].item, c, times,
             fmt::format("{} due {}", late[k].milestone, late[k].deadline.to_string()), out);
  if (late.size() > kLateRows)
    out << fmt::format("  ... and {} more (--all or --milestone lists them)\n",
                       late.size() - kLateRows);
}

// A chain of work in time order, each step with why it starts when it does.
void chain_table(const Program& p, const ScheduleResult& r,
                 const std::vector<schedule::ChainStep>& chain, const std::string& title,
                 const Columns& c, bool times, std::ostream& out) {
  if (chain.empty()) return;
  out << "\n" << title << "\n";
  item_header(c, out);
  for (size_t k = 0; k < chain.size(); ++k)
    item_row(p, r, chain[k].item.index(), c, times,
             schedule::describe(chain[k], k > 0 ? &chain[k - 1] : nullptr, p, r), out);
}

// For each late milestone, the chain that fixes its date.
void late_chains(const Program& p, const ScheduleResult& r, const Columns& c, bool times,
                 std::ostream& out) {
  for (size_t m = 0; m < p.milestones.size(); ++m) {
    const auto& ms = r.milestones[m];
    if (ms.late)
      chain_table(p, r, ms.chain,
                  fmt::format("Why {} is late: the work that fixes its date, in order",
                              p.milestones[m].key),
                  c, times, out);
  }
}

void load_table(const Program& p, const ScheduleResult& r, const Columns& c, std::ostream& out) {
  if (r.weeks.empty()) return;
  out << "\nLoad by week (hours booked / available)\n";
  out << fmt::format("  {:<{}}", "who", c.who);
  for (const Date& w : r.weeks)
    out << fmt::format("  {:>11}", w.to_string().substr(5));
  out << "\n";
  for (const auto& pl : r.load) {
    out << fmt::format("  {:<{}}", p.person(pl.person).key, c.who);
    for (size_t w = 0; w < r.weeks.size(); ++w)
      out << fmt::format("  {:>5.0f}/{:<5.0f}", pl.booked_hours[w], pl.capacity_hours[w]);
    out << "\n";
  }
}

Error unknown(const char* code, const char* what, const std::string& key, std::string known) {
  return Error{code,
               fmt::format("no {} '{}' in this program", what, key),
               {},
               fmt::format("known {}s: {}", what, known)};
}

template <typename T>
std::string keys_of(const std::vector<T>& v) {
  std::string out;
  for (size_t k = 0; k < v.size() && k < 20; ++k)
    out += (out.empty() ? "" : ", ") + v[k].key;
  if (v.size() > 20) out += ", ...";
  return out;
}

// The item mask of the filters (every item with `all`); an unknown key is an error.
Result<std::vector<bool>> selected(const Program& p, const ScheduleResult& r,
                                   const ScheduleView& v) {
  std::vector<bool> keep(p.items.size(), true);
  if (!v.team.empty()) {
    TeamId t = p.find_team(v.team);
    if (!t.valid())
      return std::unexpected(unknown(codes::kUnknownTeam, "team", v.team, keys_of(p.teams)));
    for (size_t i = 0; i < p.items.size(); ++i)
      keep[i] = keep[i] && p.items[i].team == t;
  }
  if (!v.milestone.empty()) {
    MilestoneId m = p.find_milestone(v.milestone);
    if (!m.valid())
      return std::unexpected(
          unknown(codes::kUnknownMilestone, "milestone", v.milestone, keys_of(p.milestones)));
    auto in = milestone_items(p, m);
    for (size_t i = 0; i < p.items.size(); ++i)
      keep[i] = keep[i] && in[i];
  }
  if (!v.person.empty()) {
    PersonId who_id = p.find_person(v.person);
    if (!who_id.valid())
      return std::unexpected(unknown(codes::kUnknownPerson, "person", v.person, keys_of(p.people)));
    for (size_t i = 0; i < p.items.size(); ++i) {
      const auto& it = r.items[i];
      bool works = it.assignee == who_id ||
                   std::find(it.also.begin(), it.also.end(), who_id) != it.also.end();
      keep[i] = keep[i] && works;
    }
  }
  return keep;
}

}  // namespace

Result<void> schedule_table(const Program& p, const ScheduleResult& r, const ScheduleView& view,
                            std::ostream& out) {
  bool listing = view.all || !view.team.empty() || !view.milestone.empty() || !view.person.empty();
  auto keep = selected(p, r, view);
  if (!keep) return std::unexpected(keep.error());
  Columns c = columns(p, r, view.times);
  out << fmt::format("{} — {}\n", p.key, p.name);
  out << fmt::format(
      "Ends {} with the people it has ({} with as many people as the work could use)\n",
      r.project_end_date.to_string(), r.unleveled_end_date.to_string());
  out << (r.estimates == schedule::EstimateValue::kMean
              ? "Work timed on the estimates' means ((optimistic + 4 likely + pessimistic) / 6)\n"
              : "Work timed on the estimates' likely values\n");
  if (!r.order_from.empty())
    out << fmt::format(
        "People's order of work kept from {} (more work never moves a date earlier)\n",
        r.order_from);
  milestones_table(p, r, out);
  if (listing) {
    size_t n = static_cast<size_t>(std::count(keep->begin(), keep->end(), true));
    out << fmt::format("\nItems: {} of {}\n", n, p.items.size());
    item_header(c, out);
    for (size_t i = 0; i < p.items.size(); ++i)
      if ((*keep)[i]) item_row(p, r, i, c, view.times, r.items[i].critical ? "critical" : "", out);
  } else {
    late_chains(p, r, c, view.times, out);
    late_items(p, r, c, view.times, out);
    chain_table(p, r, r.critical_chain,
                "Critical chain: the work that fixes the end date, in order", c, view.times, out);
    out << fmt::format(
        "\n{} items in all: --all lists each, --team, --milestone or --person some of them\n",
        p.items.size());
  }
  out << "slack: working days an item can slip before the deadline it feeds is missed (before the "
         "end when it feeds none); negative: that deadline is missed by that much\n";
  if (view.load) load_table(p, r, c, out);
  return {};
}

}  // namespace cairn::report

#include "analysis/sprints.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::analysis {
namespace {

struct Span {
  int64_t from = 0, to = 0;  // [from, to): the sprint's days
  bool contains(const std::optional<DateTime>& t) const {
    return t && t->seconds >= from && t->seconds < to;
  }
};

struct TeamContext {
  bool points = false;
  std::vector<size_t> sprints;  // indexes into program.sprints, by start
};

double measure(const WorkItem& it, bool points) {
  return points ? it.points.value_or(0) : 1.0;
}

void burn_series(const Program& p, SprintMetrics& m, const Span& span, bool points,
                 const std::vector<WorkItemId>& committed, const std::vector<WorkItemId>& added,
                 Date last_day) {
  int n = 0;
  for (Date d = m.start; d <= m.end; d = d + 1)
    n += p.calendar.is_working_day(d) ? 1 : 0;
  int k = 0;
  for (Date d = m.start; d <= m.end && d <= last_day; d = d + 1) {
    if (!p.calendar.is_working_day(d)) continue;
    ++k;
    int64_t at = DateTime::from_date(d + 1).seconds;
    SprintDay day{d, m.committed, 0, 0, m.committed * (1.0 - static_cast<double>(k) / n)};
    for (WorkItemId id : added) {
      if (p.actual_start(id)->seconds < at) day.scope += measure(p.item(id), points);
    }
    for (const std::vector<WorkItemId>* list : {&committed, &added})
      for (WorkItemId id : *list) {
        auto f = p.actual_finish(id);
        if (f && f->seconds >= span.from && f->seconds < at)
          day.done += measure(p.item(id), points);
      }
    day.remaining = day.scope - day.done;
    m.days.push_back(day);
  }
}

SprintMetrics sprint_metrics(const Program& p, const Sprint& s, bool points, Date as_of,
                             const std::vector<char>& leaf) {
  SprintMetrics m;
  m.key = s.key;
  m.name = s.name;
  m.team = s.team.valid() ? p.team(s.team).key : "";
  m.start = s.start;
  m.end = s.end;
  m.status = s.end < as_of ? "closed" : s.start <= as_of ? "active" : "future";
  Span span{DateTime::from_date(s.start).seconds, DateTime::from_date(s.end + 1).seconds};
  std::vector<char> committed(p.items.size(), 0);
  for (WorkItemId id : s.committed) {
    committed[id.index()] = 1;
    const WorkItem& it = p.item(id);
    ++m.committed_items;
    if (points && !it.points) ++m.unpointed;
    m.committed += measure(it, points);
    auto finish = p.actual_finish(id);
    bool done = span.contains(finish);
    if (done) m.done_committed += measure(it, points);
    bool done_before = finish && finish->seconds < span.from;
    if (!done && !done_before && m.status == "closed") m.carried_over.push_back(it.key);
  }
  std::vector<WorkItemId> added;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (committed[i] || !leaf[i] || it.team != s.team) continue;
    WorkItemId id{i};
    if (!span.contains(p.actual_start(id))) continue;
    added.push_back(id);
    m.added += measure(it, points);
    if (span.contains(p.actual_finish(id))) m.velocity += measure(it, points);
    m.added_items.push_back(it.key);
  }
  m.velocity += m.done_committed;
  if (m.committed > 0) {
    m.say_do = m.done_committed / m.committed;
    m.scope_change = m.added / m.committed;
  }
  burn_series(p, m, span, points, s.committed, added, as_of);
  return m;
}

void findings(const Program& p, const SprintReport& r, const SprintOptions& o,
              const SourceMap* sources, Diagnostics& diags) {
  for (const auto& m : r.sprints) {
    auto at = [&](std::string_view field) {
      SprintId id = p.find_sprint(m.key);
      return sources && id.valid() ? sources->at(EntityKind::kSprint, id.value, field) : Location{};
    };
    if (m.status == "closed" && m.say_do && *m.say_do < o.say_do_threshold)
      diags.warning(codes::kSprintLowSayDo,
                    fmt::format("{} finished {:g} of the {:g} it committed: say/do {:.0f} %", m.key,
                                m.done_committed, m.committed, 100 * *m.say_do),
                    at({}),
                    fmt::format("commit to less at planning, or find what took the time "
                                "(threshold {:.0f} %)",
                                100 * o.say_do_threshold));
    if (m.velocity_before && m.committed > *m.velocity_before)
      diags.warning(
          codes::kSprintOvercommitted,
          fmt::format("{} commits {:g}, more than the team's best velocity of {:g} in its "
                      "last closed sprints",
                      m.key, m.committed, *m.velocity_before),
          at("committed"), "take the lowest-priority items out at planning");
    if (m.status != "future" && m.scope_change && *m.scope_change > o.scope_change_threshold)
      diags.info(
          codes::kSprintScopeChange,
          fmt::format("{}: {:g} added after planning, {:.0f} % of the {:g} committed ({})", m.key,
                      m.added, 100 * *m.scope_change, m.committed, fmt::join(m.added_items, ", ")),
          at({}), "protect the sprint: take new work at the next planning unless it is urgent");
  }
}

}  // namespace

SprintReport analyze_sprints(const Program& p, const SprintOptions& o, Diagnostics& diags,
                             std::optional<Date> as_of, const SourceMap* sources) {
  SprintReport r;
  r.as_of = as_of ? *as_of : p.as_of.value_or(p.start);
  r.last = o.last;
  std::vector<char> leaf(p.items.size(), 1);
  for (const auto& it : p.items)
    if (it.parent.valid()) leaf[it.parent.index()] = 0;
  std::map<std::string, TeamContext> teams;
  for (size_t i = 0; i < p.sprints.size(); ++i) {
    const Sprint& s = p.sprints[i];
    auto& t = teams[s.team.valid() ? p.team(s.team).key : ""];
    t.sprints.push_back(i);
    for (WorkItemId id : s.committed)
      t.points = t.points || p.item(id).points.has_value();
  }
  for (auto& [key, t] : teams) {
    std::stable_sort(t.sprints.begin(), t.sprints.end(),
                     [&](size_t a, size_t b) { return p.sprints[a].start < p.sprints[b].start; });
    size_t first = r.sprints.size();
    std::vector<double> closed;  // velocities of the closed sprints so far
    for (size_t k = 0; k < t.sprints.size(); ++k) {
      const Sprint& s = p.sprints[t.sprints[k]];
      auto m = sprint_metrics(p, s, t.points, r.as_of, leaf);
      size_t n = std::min(closed.size(), o.last);
      if (n > 0) m.velocity_before = *std::max_element(closed.end() - n, closed.end());
      if (k + 1 < t.sprints.size()) {
        const auto& next = p.sprints[t.sprints[k + 1]].committed;
        for (const auto& key : m.carried_over)
          if (std::any_of(next.begin(), next.end(),
                          [&](WorkItemId id) { return p.item(id).key == key; }))
            m.carried_into_next.push_back(key);
      }
      if (m.status == "closed") closed.push_back(m.velocity);
      r.sprints.push_back(std::move(m));
    }
    TeamVelocity v{key, t.points ? "points" : "items"};
    std::vector<const SprintMetrics*> done;
    for (size_t i = first; i < r.sprints.size(); ++i)
      if (r.sprints[i].status == "closed") done.push_back(&r.sprints[i]);
    if (done.size() > o.last) done.erase(done.begin(), done.end() - o.last);
    v.sprints = done.size();
    if (!done.empty()) {
      double sum = 0, say_do = 0;
      size_t with_say_do = 0;
      v.min = v.max = done.front()->velocity;
      for (const auto* m : done) {
        sum += m->velocity;
        v.min = std::min(*v.min, m->velocity);
        v.max = std::max(*v.max, m->velocity);
        if (m->say_do) say_do += *m->say_do, ++with_say_do;
      }
      v.mean = sum / done.size();
      if (with_say_do) v.say_do_mean = say_do / with_say_do;
    }
    r.teams.push_back(v);
  }
  findings(p, r, o, sources, diags);
  return r;
}

}  // namespace cairn::analysis

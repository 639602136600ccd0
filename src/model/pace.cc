#include "model/pace.h"

#include <algorithm>
#include <numeric>

namespace cairn {

const std::vector<double>& ProgramPace::days_per_point(TeamId team) const {
  if (team.valid() && team.index() < teams.size() && teams[team.index()].days_per_point.size() >= 3)
    return teams[team.index()].days_per_point;
  return days_per_point_all;
}

double ProgramPace::mean_days_per_point(TeamId team) const {
  const size_t t = team.valid() && team.index() < teams.size() ? team.index() : teams.size();
  return t < mean_days_per_point_of.size() ? mean_days_per_point_of[t] : 0.0;
}

std::vector<double> weekly_counts(std::span<const Date> finishes, Date end, int weeks) {
  std::vector<double> counts(std::max(weeks, 0), 0.0);
  const Date begin = end - 7 * weeks;
  for (Date d : finishes) {
    if (d < begin || !(d < end)) continue;
    counts[(d - begin) / 7] += 1;
  }
  return counts;
}

ProgramPace measure_pace(const Program& program, Date as_of, int window_weeks) {
  const uint32_t n = static_cast<uint32_t>(program.items.size());
  const size_t nteams = program.teams.size();
  std::vector<uint8_t> has_kids(n, 0);
  for (const auto& it : program.items)
    if (it.parent.valid() && it.parent.index() < n) has_kids[it.parent.index()] = 1;
  ProgramPace out;
  out.window_weeks = std::max(1, window_weeks);
  out.teams.resize(nteams);
  std::vector<std::vector<Date>> finishes(nteams);
  for (uint32_t i = 0; i < n; ++i) {
    if (has_kids[i] || program.category(WorkItemId{i}) != StateCategory::kDone) continue;
    const auto& it = program.items[i];
    auto f = program.actual_finish(WorkItemId{i});
    if (!f) continue;
    const bool in_team = it.team.valid() && it.team.index() < nteams;
    if (in_team) finishes[it.team.index()].push_back(f->date());
    auto s = program.actual_start(WorkItemId{i});
    if (it.points && *it.points > 0 && s) {
      const double days = std::max(0.5, static_cast<double>(program.calendar.working_days_between(
                                            s->date(), f->date() + 1)));
      const double r = days / *it.points;
      out.days_per_point_all.push_back(r);
      if (in_team) out.teams[it.team.index()].days_per_point.push_back(r);
    }
  }
  for (size_t t = 0; t < nteams; ++t) {
    auto& tp = out.teams[t];
    tp.weekly_done = weekly_counts(finishes[t], as_of + 1, out.window_weeks);
    tp.mean_weekly_done =
        std::accumulate(tp.weekly_done.begin(), tp.weekly_done.end(), 0.0) / out.window_weeks;
  }
  auto mean = [](const std::vector<double>& v) {
    return v.empty() ? 0.0
                     : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  };
  out.mean_days_per_point_of.resize(nteams + 1);
  for (size_t t = 0; t < nteams; ++t)
    out.mean_days_per_point_of[t] = mean(out.days_per_point(TeamId{t}));
  out.mean_days_per_point_of[nteams] = mean(out.days_per_point_all);
  return out;
}

}  // namespace cairn

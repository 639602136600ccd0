#include "analysis/evm.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::analysis {
namespace {

constexpr double kDay = 86400.0;

// One group's work packages and staff: the program or a team.
struct Group {
  std::vector<WorkItemId> items;
  std::vector<double> weight;  // budget of each item (before scaling to a program budget)
  std::vector<PersonId> staff;
  double scale = 1;                // BAC / Σ weight
  const Budget* budget = nullptr;  // the program's, for the program's group
};

double fraction(const PlannedSpan& s, int64_t t) {
  if (t >= s.finish.seconds) return 1;
  if (t <= s.start.seconds) return 0;
  return double(t - s.start.seconds) / double(s.finish.seconds - s.start.seconds);
}

// Cumulated amounts of periods at instant t, linear within each period (from the previous period's
// end, or the program start).
template <typename Period>
double cumulated(const std::vector<Period>& periods, Date start, int64_t t) {
  double sum = 0;
  int64_t from = DateTime::from_date(start).seconds;
  for (const auto& p : periods) {
    int64_t to = DateTime::from_date(p.period_end + 1).seconds;
    if (t >= to)
      sum += p.amount;
    else if (t > from && to > from)
      sum += p.amount * double(t - from) / double(to - from);
    from = to;
  }
  return sum;
}

double percent_complete(const Program& p, WorkItemId id, int64_t t, bool at_status) {
  auto f = p.actual_finish(id);
  if (f && f->seconds < t) return 1;
  auto s = p.actual_start(id);
  if (!s || s->seconds >= t) return 0;
  const WorkItem& it = p.item(id);
  if (at_status && it.remaining && it.estimate && it.estimate->pert_mean() > 0)
    return std::clamp(1 - *it.remaining / it.estimate->pert_mean(), 0.0, 1.0);
  return 0.5;
}

struct Curves {
  const Program& p;
  const EvmInput& in;
  Date start;
  double pv(const Group& g, int64_t t) const {
    if (g.budget && !g.budget->planned.empty()) return cumulated(g.budget->planned, start, t);
    double sum = 0;
    for (size_t k = 0; k < g.items.size(); ++k)
      if (const auto& s = in.planned[g.items[k].index()]) sum += g.weight[k] * fraction(*s, t);
    return sum * g.scale;
  }
  double ev(const Group& g, int64_t t, bool at_status) const {
    double sum = 0;
    for (size_t k = 0; k < g.items.size(); ++k)
      sum += g.weight[k] * percent_complete(p, g.items[k], t, at_status);
    return sum * g.scale;
  }
  double rate(PersonId id, bool money) const {
    const Person& who = p.person(id);
    return (money ? who.cost_per_day : 1.0) * who.allocation / 100.0;
  }
  double ac(const Group& g, int64_t t, bool money) const {
    if (g.budget && !g.budget->actual.empty()) return cumulated(g.budget->actual, start, t);
    double sum = 0;
    Date end = DateTime{t}.date();  // days before the one t falls in (t is a day boundary)
    for (PersonId id : g.staff) {
      const auto& cal = p.calendar_of(id);
      int days = 0;
      for (Date d = start; d < end; d = d + 1)
        if (cal.is_working_day(d) && !p.person(id).on_leave(d)) ++days;
      sum += rate(id, money) * days;
    }
    return sum;
  }
};

std::optional<double> ratio(double a, double b) {
  return b != 0 ? std::optional<double>(a / b) : std::nullopt;
}

// Earned schedule (Lipke): the time at which the planned value reached today's earned value.
void earned_schedule(EvmFigures& f, const Curves& c, const Group& g, Date start, int64_t now,
                     int64_t planned_end) {
  int64_t t0 = DateTime::from_date(start).seconds;
  f.at_days = (now - t0) / kDay;
  if (planned_end <= t0) return;
  f.planned_days = (planned_end - t0) / kDay;
  int days = static_cast<int>(std::ceil(*f.planned_days));
  double before = c.pv(g, t0);
  double es = 0;
  for (int d = 0; d < days; ++d) {
    double after = c.pv(g, t0 + static_cast<int64_t>((d + 1) * kDay));
    if (after <= f.ev) {
      es = d + 1;
      before = after;
      continue;
    }
    if (after > before) es = d + (f.ev - before) / (after - before);
    break;
  }
  f.es_days = es;
  if (*f.at_days > 0) {
    f.spi_t = es / *f.at_days;
    f.sv_t_days = es - *f.at_days;
    if (*f.spi_t > 0)
      f.ieac_finish = start + static_cast<int>(std::ceil(*f.planned_days / *f.spi_t)) - 1;
  }
}

EvmFigures figures(const Program& p, const Curves& c, const Group& g, Date as_of, bool money,
                   const EvmOptions& o) {
  EvmFigures f;
  f.items = g.items.size();
  bool at_status = true;  // remaining effort is known at the status date only
  if (g.budget && !g.budget->actual.empty() && g.budget->actual.back().period_end < as_of) {
    as_of = g.budget->actual.back().period_end;
    at_status = false;
  }
  f.data_date = as_of;
  f.planned_source =
      g.budget && !g.budget->planned.empty() ? std::string("budget") : c.in.planned_source;
  double total = 0;
  for (double w : g.weight)
    total += w;
  f.bac = total * g.scale;
  if (g.budget && g.budget->total > 0) f.bac = g.budget->total;
  int64_t now = DateTime::from_date(as_of + 1).seconds;
  f.pv = c.pv(g, now);
  f.ev = c.ev(g, now, at_status);
  f.ac = c.ac(g, now, money);
  f.sv = f.ev - f.pv;
  f.cv = f.ev - f.ac;
  f.spi = ratio(f.ev, f.pv);
  f.cpi = ratio(f.ev, f.ac);
  if (f.cpi && *f.cpi > 0) {
    f.eac_cpi = f.bac / *f.cpi;
    f.etc = *f.eac_cpi - f.ac;
    f.vac = f.bac - *f.eac_cpi;
    f.tcpi_eac = ratio(f.bac - f.ev, *f.eac_cpi - f.ac);
  }
  f.eac_atypical = f.ac + (f.bac - f.ev);
  if (f.cpi && f.spi && *f.cpi * *f.spi > 0)
    f.eac_cpi_spi = f.ac + (f.bac - f.ev) / (*f.cpi * *f.spi);
  f.tcpi_bac = ratio(f.bac - f.ev, f.bac - f.ac);
  int64_t planned_end = 0;
  for (WorkItemId id : g.items)
    if (const auto& s = c.in.planned[id.index()])
      planned_end = std::max(planned_end, s->finish.seconds);
    else
      ++f.unplanned;
  if (g.budget && !g.budget->planned.empty())
    planned_end = DateTime::from_date(g.budget->planned.back().period_end + 1).seconds;
  earned_schedule(f, c, g, p.start, now, planned_end);
  for (Date d = p.start + (o.step_days - 1); d < as_of; d = d + o.step_days) {
    int64_t t = DateTime::from_date(d + 1).seconds;
    f.series.push_back({d, c.pv(g, t), c.ev(g, t, false), c.ac(g, t, money)});
  }
  f.series.push_back({as_of, f.pv, f.ev, f.ac});
  return f;
}

double mean_rate(const Program& p, TeamId team) {
  double sum = 0;
  size_t n = 0;
  for (const auto& who : p.people)
    if (who.cost_per_day > 0 && (!team.valid() || who.team == team)) sum += who.cost_per_day, ++n;
  return n ? sum / n : 0;
}

void findings(const Program& p, const EvmResult& r, const EvmOptions& o, const SourceMap* sources,
              Diagnostics& diags) {
  if (r.planned_source == "schedule")
    diags.info(codes::kEvmPlannedValueSource,
               "planned value comes from the current schedule, not a baseline: SV and SPI compare "
               "against today's plan",
               {}, "store a baseline (cairn baseline create) or give items baseline dates");
  std::vector<const EvmFigures*> all{&r.program};
  for (const auto& t : r.teams)
    all.push_back(&t);
  for (const auto* f : all) {
    if (f->unestimated > f->items) continue;  // too little of the work is estimated
    std::string who = f->key.empty() ? "the program" : "team " + f->key;
    // A team's findings point to the team; the program's to its budget, when it has one.
    Location at;
    if (sources && !f->key.empty())
      at = sources->at(EntityKind::kTeam, p.find_team(f->key).value);
    else if (sources && p.budget)
      at = sources->at(EntityKind::kBudget, 0);
    if (f->spi && *f->spi < o.spi_threshold)
      diags.warning(
          codes::kEvmBehindSchedule,
          fmt::format("{}: SPI {:.2f} (EV {:.0f} of PV {:.0f} {}){}", who, *f->spi, f->ev, f->pv,
                      r.unit, f->spi_t ? fmt::format(", SPI(t) {:.2f}", *f->spi_t) : ""),
          at, "less work is done than planned by now: see which items are late");
    if (f->cpi && *f->cpi < o.cpi_threshold)
      diags.warning(codes::kEvmOverBudget,
                    fmt::format("{}: CPI {:.2f} (EV {:.0f} for AC {:.0f} {}), EAC {:.0f} against "
                                "BAC {:.0f}",
                                who, *f->cpi, f->ev, f->ac, r.unit, f->eac_cpi.value_or(0), f->bac),
                    at, "the work done cost more than planned: re-estimate what is left");
  }
}

}  // namespace

std::vector<std::optional<PlannedSpan>> planned_from_baseline_dates(const Program& p) {
  std::vector<std::optional<PlannedSpan>> out(p.items.size());
  bool any = false;
  for (size_t i = 0; i < p.items.size(); ++i)
    if (p.items[i].baseline_start && p.items[i].baseline_finish) {
      out[i] = PlannedSpan{*p.items[i].baseline_start, *p.items[i].baseline_finish};
      any = any || p.items[i].estimate.has_value();
    }
  if (!any) out.clear();
  return out;
}

std::vector<std::optional<PlannedSpan>> planned_from_schedule(const Program& p,
                                                              const schedule::ScheduleResult& r) {
  std::vector<std::optional<PlannedSpan>> out(p.items.size());
  for (size_t i = 0; i < p.items.size() && i < r.items.size(); ++i)
    if (r.items[i].scheduled) out[i] = PlannedSpan{r.items[i].start, r.items[i].finish};
  return out;
}

Result<EvmInput> planned_from_plan(const Program& p, Diagnostics& diags) {
  EvmInput input;
  if (auto b = planned_from_baseline_dates(p); !b.empty()) {
    input.planned = std::move(b);
    input.planned_source = "baseline";
    return input;
  }
  schedule::ScheduleOptions so;
  so.weekly_load = false;
  auto sr = schedule::schedule_program(p, so, diags);
  if (!sr) return std::unexpected(sr.error());
  input.planned = planned_from_schedule(p, *sr);
  input.planned_source = "schedule";
  return input;
}

EvmResult analyze_evm(const Program& p, const EvmInput& in, const EvmOptions& o, Diagnostics& diags,
                      std::optional<Date> as_of, const SourceMap* sources) {
  EvmResult r;
  r.as_of = as_of ? *as_of : p.as_of.value_or(p.start);
  r.planned_source = in.planned_source;
  bool money = mean_rate(p, TeamId{}) > 0;
  r.unit = money ? p.currency : "person-days";
  std::vector<char> leaf(p.items.size(), 1);
  for (const auto& it : p.items)
    if (it.parent.valid()) leaf[it.parent.index()] = 0;
  Group program;
  std::vector<Group> teams(p.teams.size());
  std::vector<size_t> unestimated(p.teams.size() + 1, 0);
  double everyone = mean_rate(p, TeamId{});
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (!leaf[i]) continue;
    if (!it.estimate) {
      if (p.category(WorkItemId{i}) != StateCategory::kDone)
        ++unestimated[it.team.valid() ? it.team.index() : p.teams.size()];
      continue;
    }
    double rate = 1;
    if (money) {
      rate = it.assignee.valid() ? p.person(it.assignee).cost_per_day : 0;
      if (rate <= 0 && it.team.valid()) rate = mean_rate(p, it.team);
      if (rate <= 0) rate = everyone;
    }
    double w = it.estimate->pert_mean() * rate;
    program.items.emplace_back(i);
    program.weight.push_back(w);
    if (it.team.valid()) {
      teams[it.team.index()].items.emplace_back(i);
      teams[it.team.index()].weight.push_back(w);
    }
  }
  for (uint32_t k = 0; k < p.people.size(); ++k)
    if (p.people[k].team.valid()) {
      program.staff.emplace_back(k);
      teams[p.people[k].team.index()].staff.emplace_back(k);
    }
  EvmInput input = in;
  input.planned.resize(p.items.size());
  if (p.budget) {
    program.budget = &*p.budget;
    double total = 0;
    for (double w : program.weight)
      total += w;
    if (p.budget->total > 0 && total > 0) program.scale = p.budget->total / total;
  }
  r.actual_source = p.budget && !p.budget->actual.empty() ? "budget" : "run-rate";
  Curves c{p, input, p.start};
  r.program = figures(p, c, program, r.as_of, money, o);
  r.program.unestimated = 0;
  for (size_t n : unestimated)
    r.program.unestimated += n;
  for (size_t t = 0; t < teams.size(); ++t) {
    if (teams[t].items.empty()) continue;
    auto f = figures(p, c, teams[t], r.as_of, money, o);
    f.key = p.teams[t].key;
    f.name = p.teams[t].name;
    f.unestimated = unestimated[t];
    r.teams.push_back(std::move(f));
  }
  r.program.name = "program";
  findings(p, r, o, sources, diags);
  return r;
}

}  // namespace cairn::analysis

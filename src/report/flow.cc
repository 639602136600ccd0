#include "report/flow.h"

#include <algorithm>
#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

using analysis::StreamFlow;

Json cycle_json(const StreamFlow& s) {
  Json j{{"basis", s.cycle_time_basis},
         {"samples", s.cycle_samples},
         {"mean", number_or_null(s.mean_cycle_time)}};
  const auto& p = s.cycle_time;
  j["p50"] = p ? Json(p->p50) : Json(nullptr);
  j["p70"] = p ? Json(p->p70) : Json(nullptr);
  j["p85"] = p ? Json(p->p85) : Json(nullptr);
  j["p95"] = p ? Json(p->p95) : Json(nullptr);
  return j;
}

Json states_json(const StreamFlow& s, bool has_states) {
  if (!has_states) return nullptr;
  Json out = Json::array();
  for (const auto& st : s.states)
    out.push_back({{"name", st.state.name},
                   {"category", to_string(st.state.category)},
                   {"active", st.state.active},
                   {"wip", st.wip},
                   {"wip_limit", st.state.wip_limit ? Json(*st.state.wip_limit) : Json(nullptr)},
                   {"item_days", st.item_days},
                   {"mean_days", st.mean_days},
                   {"visits", st.visits}});
  return out;
}

Json stream_json(const StreamFlow& s, bool has_states) {
  Json j{{"key", s.key}, {"name", s.name}, {"items", s.items}, {"finished", s.finished}};
  j["throughput_per_week"] = s.throughput_per_week;
  Json weeks = Json::array();
  for (size_t i = 0; i < s.week_ends.size(); ++i)
    weeks.push_back({{"week_end", s.week_ends[i].to_string()}, {"items", s.weekly_throughput[i]}});
  j["weekly_throughput"] = weeks;
  j["cycle_time_days"] = cycle_json(s);
  j["wip"] = s.wip;
  Json aging = Json::array();
  for (const auto& a : s.aging)
    aging.push_back(
        {{"key", a.key}, {"state", a.state}, {"age_days", a.age_days}, {"band", a.band}});
  j["aging"] = aging;
  j["states"] = states_json(s, has_states);
  j["flow_efficiency"] = has_states && s.flow_efficiency ? Json{{"value", *s.flow_efficiency},
                                                                {"active_days", s.active_days},
                                                                {"cycle_days", s.cycle_days}}
                                                         : Json(nullptr);
  const auto& l = s.littles_law;
  j["littles_law"] = {{"average_wip", l.average_wip},
                      {"throughput_per_day", l.throughput_per_day},
                      {"predicted_cycle_days", number_or_null(l.predicted)},
                      {"measured_cycle_days", number_or_null(l.measured)},
                      {"gap", number_or_null(l.gap)},
                      {"consistent", l.consistent}};
  j["bottleneck"] = s.bottleneck ? Json{{"state", s.bottleneck->state},
                                        {"item_days", s.bottleneck->item_days},
                                        {"share", s.bottleneck->share},
                                        {"waiting", s.bottleneck->waiting}}
                                 : Json(nullptr);
  Json dates = Json::array();
  for (Date d : s.cfd.dates)
    dates.push_back(d.to_string());
  Json bands = Json::array();
  for (size_t k = 0; k < s.cfd.states.size(); ++k)
    bands.push_back({{"state", s.cfd.states[k]}, {"counts", s.cfd.counts[k]}});
  j["cumulative_flow"] = {{"dates", dates}, {"states", bands}};
  return j;
}

std::string opt_days(const std::optional<double>& v) {
  return v ? fmt::format("{:.1f}", *v) : std::string("-");
}

void stream_row(const StreamFlow& s, std::ostream& out) {
  const auto& p = s.cycle_time;
  out << fmt::format("  {:<10} {:>6} {:>9.1f} {:>6} {:>6} {:>6} {:>6} {:>5} {:>6} {:>9} {:>9}\n",
                     s.key.empty() ? "program" : s.key.substr(0, 10), s.finished,
                     s.throughput_per_week, p ? fmt::format("{:.1f}", p->p50) : "-",
                     p ? fmt::format("{:.1f}", p->p85) : "-",
                     p ? fmt::format("{:.1f}", p->p95) : "-", opt_days(s.mean_cycle_time), s.wip,
                     fmt::format("{:.1f}", s.littles_law.average_wip),
                     s.flow_efficiency ? fmt::format("{:.0f}%", 100 * *s.flow_efficiency) : "-",
                     opt_days(s.littles_law.predicted));
}

}  // namespace

Json flow_json(const Header& h, const analysis::FlowResult& r, const std::string& source,
               const Diagnostics& diags) {
  Json j = document("flow", h);
  j["source"] = source;
  j["window"] = {
      {"from", r.from.to_string()}, {"to", r.as_of.to_string()}, {"days", r.window_days}};
  j["has_states"] = r.has_states;
  j["items_without_history"] = r.without_history;
  j["overall"] = stream_json(r.program, r.has_states);
  Json streams = Json::array();
  for (const auto& s : r.streams)
    streams.push_back(stream_json(s, r.has_states));
  j["streams"] = streams;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void flow_table(const analysis::FlowResult& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format("Flow over {} days, {} to {}{}\n", r.window_days, r.from.to_string(),
                     r.as_of.to_string(),
                     r.has_states ? "" : " (issue history: cycle time is created to resolved)");
  out << fmt::format("  {:<10} {:>6} {:>9} {:>6} {:>6} {:>6} {:>6} {:>5} {:>6} {:>9} {:>9}\n",
                     "stream", "done", "per week", "P50", "P85", "P95", "mean", "WIP", "avgWIP",
                     "flow eff", "L/λ (d)");
  stream_row(r.program, out);
  for (const auto& s : r.streams)
    stream_row(s, out);
  const auto& l = r.program.littles_law;
  if (l.predicted && l.measured)
    out << fmt::format(
        "Little's law: average WIP {:.1f} / {:.2f} per day = {:.1f} days vs measured {:.1f} "
        "({})\n",
        l.average_wip, l.throughput_per_day, *l.predicted, *l.measured,
        l.consistent ? "consistent" : "not stable");
  if (const auto& b = r.program.bottleneck)
    out << fmt::format("Bottleneck: {} — {:.0f} item-days, {:.0f}% of in-progress time{}\n",
                       b->state, b->item_days, 100 * b->share, b->waiting ? " (waiting)" : "");
  if (r.has_states) {
    out << "\nTime in state (program, item-days in the window)\n";
    for (const auto& st : r.program.states)
      if (st.state.category != StateCategory::kDone)
        out << fmt::format("  {:<10} {:>8.1f} item-days, {:>4} now, mean {:.1f} days per item\n",
                           st.state.name, st.item_days, st.wip, st.mean_days);
  }
  std::vector<const analysis::AgingItem*> old;
  for (const auto& s : r.streams)
    for (const auto& a : s.aging)
      if (a.band == "P85-P95" || a.band == ">P95") old.push_back(&a);
  std::stable_sort(old.begin(), old.end(),
                   [](auto* a, auto* b) { return a->age_days > b->age_days; });
  if (!old.empty()) {
    out << fmt::format("\nAging WIP beyond its team's P85 ({} items; oldest first)\n", old.size());
    for (size_t i = 0; i < old.size() && i < 10; ++i)
      out << fmt::format("  {:<12} {:<14} {:>6.1f} days  {}\n", old[i]->key, old[i]->state,
                         old[i]->age_days, old[i]->band);
  }
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

void flow_csv(const analysis::FlowResult& r, std::ostream& out) {
  out << "stream,date,state,items\n";
  auto rows = [&](const StreamFlow& s, const std::string& name) {
    for (size_t d = 0; d < s.cfd.dates.size(); ++d)
      for (size_t k = 0; k < s.cfd.states.size(); ++k)
        out << fmt::format("{},{},{},{}\n", csv_field(name), s.cfd.dates[d].to_string(),
                           csv_field(s.cfd.states[k]), s.cfd.counts[k][d]);
  };
  rows(r.program, "program");
  for (const auto& s : r.streams)
    rows(s, s.key);
}

}  // namespace cairn::report

#include "store/history.h"

#include <algorithm>

#include "report/baseline.h"

namespace cairn::store {

std::optional<Baseline> newest_baseline(Store& s, const std::string& key) {
  auto list = s.baselines(key);
  if (!list || list->empty()) return std::nullopt;
  auto newest = std::max_element(list->begin(), list->end(), [](const auto& a, const auto& b) {
    return a.revision != b.revision ? a.revision < b.revision : a.created_at < b.created_at;
  });
  auto b = s.baseline(key, newest->name);
  if (!b || !*b) return std::nullopt;
  return std::move(**b);
}

void baseline_order(const Baseline& b, const Program& p,
                    std::vector<schedule::PreviousPlacement>& previous, std::string& source) {
  previous = report::baseline_doc_placements(b.schedule, p);
  source = "baseline " + b.name;
}

std::vector<std::optional<analysis::PlannedSpan>> baseline_spans(const Baseline& b,
                                                                 const Program& p) {
  std::vector<std::optional<analysis::PlannedSpan>> out;
  const auto& items = b.schedule["items"];
  if (!items.is_object()) return out;
  out.resize(p.items.size());
  for (size_t i = 0; i < p.items.size(); ++i) {
    auto it = items.find(p.items[i].key);
    if (it == items.end() || !it->is_array() || it->size() < 2) continue;
    auto start = it->size() > 2 ? DateTime::parse((*it)[2].get<std::string>()) : std::nullopt;
    auto first = Date::parse((*it)[0].get<std::string>());
    auto last = Date::parse((*it)[1].get<std::string>());
    if (!first || !last) continue;
    out[i] = analysis::PlannedSpan{start.value_or(DateTime::from_date(*first)),
                                   DateTime::from_date(*last + 1)};
  }
  return out;
}

std::vector<std::pair<std::string, Date>> milestone_dates(const nlohmann::ordered_json& doc,
                                                          const char* field) {
  std::vector<std::pair<std::string, Date>> out;
  auto ms = doc.find("milestones");
  if (ms == doc.end() || !ms->is_array()) return out;
  for (const auto& m : *ms) {
    if (!m.is_object() || !m.contains(field) || !m[field].is_string()) continue;
    if (auto d = Date::parse(m[field].get<std::string>())) out.emplace_back(m.value("key", ""), *d);
  }
  return out;
}

std::optional<std::pair<Date, nlohmann::ordered_json>> snapshot_before(Store& s,
                                                                       const std::string& key,
                                                                       Date day) {
  auto snaps = s.forecast_snapshots(key);
  if (!snaps) return std::nullopt;
  std::optional<std::pair<Date, nlohmann::ordered_json>> out;
  for (auto& [d, doc] : *snaps)
    if (d < day && (!out || d > out->first)) out.emplace(d, std::move(doc));
  return out;
}

analysis::HealthInput health_history(Store& s, const std::string& key, const Program& p, Date as_of,
                                     forecast::ForecastOptions& fo) {
  analysis::HealthInput in;
  in.history.stored = true;
  if (auto b = newest_baseline(s, key)) {
    in.history.baseline = b->name;
    in.history.baseline_dates = milestone_dates(b->schedule);
    baseline_order(*b, p, fo.previous, fo.previous_source);
    in.evm.planned = baseline_spans(*b, p);
    in.evm.planned_source = "baseline " + b->name;
  }
  if (auto snap = snapshot_before(s, key, as_of)) {
    in.history.snapshot_day = snap->first;
    in.history.snapshot_p85 = milestone_dates(snap->second, "p85");
  }
  return in;
}

Result<analysis::EvmInput> evm_input(Store* s, const std::string& key, const Program& p,
                                     Diagnostics& schedule_diags) {
  if (s)
    if (auto b = newest_baseline(*s, key)) {
      analysis::EvmInput in;
      in.planned = baseline_spans(*b, p);
      in.planned_source = "baseline " + b->name;
      if (!in.planned.empty()) return in;
    }
  return analysis::planned_from_plan(p, schedule_diags);
}

}  // namespace cairn::store

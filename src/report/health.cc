#include "report/health.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {
namespace {

Json reason_json(const analysis::HealthReason& r) {
  return {{"rule", r.rule},
          {"rag", r.rag ? Json(to_string(*r.rag)) : Json(nullptr)},
          {"text", r.text},
          {"value", number_or_null(r.value)},
          {"limit", number_or_null(r.limit)}};
}

Json status_json(const analysis::HealthStatus& s) {
  Json reasons = Json::array();
  for (const auto& r : s.reasons)
    reasons.push_back(reason_json(r));
  return {{"kind", s.kind},
          {"key", s.key},
          {"name", s.name},
          {"rag", to_string(s.rag)},
          {"typed", s.typed ? Json(to_string(*s.typed)) : Json(nullptr)},
          {"typed_source", s.typed ? Json(s.typed_source) : Json(nullptr)},
          {"disagrees", s.disagrees()},
          {"summary", s.summary()},
          {"reasons", std::move(reasons)}};
}

Json statuses_json(const std::vector<analysis::HealthStatus>& v) {
  Json a = Json::array();
  for (const auto& s : v)
    a.push_back(status_json(s));
  return a;
}

const char* mark(std::optional<Rag> r) {
  if (!r) return "note ";
  switch (*r) {
    case Rag::kRed:
      return "RED  ";
    case Rag::kAmber:
      return "AMBER";
    case Rag::kGreen:
      return "green";
  }
  return "?";
}

void status_table(const analysis::HealthStatus& s, std::ostream& out) {
  std::string typed = s.typed ? fmt::format("  (typed: {}, {}{})", to_string(*s.typed),
                                            s.typed_source, s.disagrees() ? "; DISAGREES" : "")
                              : "";
  out << fmt::format("{} {} '{}': {}{}\n", s.kind, s.key, s.name, to_string(s.rag), typed);
  for (const auto& r : s.reasons)
    out << fmt::format("    {} {:<14} {}\n", mark(r.rag), r.rule, r.text);
}

}  // namespace

Json health_json(const Header& h, const analysis::HealthReport& r, const Diagnostics& diags) {
  Json j = document("health", h);
  j["trials"] = r.trials;
  j["seed"] = r.seed;
  Json t = Json::object();
  for (const auto& i : analysis::health_thresholds())
    t[i.name] = r.thresholds.*i.field;
  j["thresholds"] = std::move(t);
  j["overall"] = status_json(r.program);
  j["milestones"] = statuses_json(r.milestones);
  j["teams"] = statuses_json(r.teams);
  j["dependencies"] = statuses_json(r.dependencies);
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void health_table(const analysis::HealthReport& r, std::ostream& out) {
  out << fmt::format("Health as of {} ({} trials, seed {})\n\n", r.as_of.to_string(), r.trials,
                     r.seed);
  status_table(r.program, out);
  out << "\nMilestones\n";
  for (const auto& s : r.milestones)
    status_table(s, out);
  out << "\nTeams\n";
  for (const auto& s : r.teams)
    status_table(s, out);
  size_t green = 0, judged = 0;
  out << "\nCross-team dependencies not green\n";
  for (const auto& s : r.dependencies) {
    bool has_rag = false;
    for (const auto& x : s.reasons)
      has_rag = has_rag || x.rag.has_value();
    judged += has_rag ? 1 : 0;
    if (s.rag == Rag::kGreen && !s.disagrees()) {
      green += has_rag ? 1 : 0;
      continue;
    }
    status_table(s, out);
  }
  out << fmt::format("  {} of {} judged dependencies green; {} without a need-by date\n", green,
                     judged, r.dependencies.size() - judged);
}

void health_csv(const analysis::HealthReport& r, std::ostream& out) {
  out << "kind,key,name,rag,typed,summary\n";
  auto row = [&](const analysis::HealthStatus& s) {
    out << fmt::format("{},{},{},{},{},{}\n", s.kind, csv_field(s.key), csv_field(s.name),
                       to_string(s.rag), s.typed ? to_string(*s.typed) : "",
                       csv_field(s.summary()));
  };
  row(r.program);
  for (const auto* v : {&r.milestones, &r.teams, &r.dependencies})
    for (const auto& s : *v)
      row(s);
}

}  // namespace cairn::report

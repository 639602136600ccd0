#include "report/whatif.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

Json side_json(const analysis::WhatIfSide& s) {
  return {{"deadline", date_or_null(s.deadline)},
          {"scheduled", date_or_null(s.scheduled)},
          {"p50", s.p50.to_string()},
          {"p85", s.p85.to_string()},
          {"on_time_probability", number_or_null(s.on_time)},
          {"complete", s.complete}};
}

Json target_json(const analysis::WhatIfTarget& t) {
  return {{"key", t.key},
          {"name", t.name},
          {"before", side_json(t.before)},
          {"after", side_json(t.after)},
          {"p85_change_days", t.p85_days}};
}

std::string cell(const std::optional<Date>& d) {
  return d ? d->to_string() : "-";
}

std::string percent(const std::optional<double>& p) {
  return p ? fmt::format("{:.0f}%", 100 * *p) : "-";
}

std::string arrow(const std::string& a, const std::string& b) {
  return a == b ? a : a + " -> " + b;
}

void row(const analysis::WhatIfTarget& t, std::ostream& out) {
  const auto &b = t.before, &a = t.after;
  out << fmt::format("  {:<8} {:<24} {:<24} {:<24} {:>5} {:<12}\n", t.key,
                     arrow(cell(b.scheduled), cell(a.scheduled)),
                     arrow(b.p50.to_string(), a.p50.to_string()),
                     arrow(b.p85.to_string(), a.p85.to_string()), fmt::format("{:+d}", t.p85_days),
                     arrow(percent(b.on_time), percent(a.on_time)));
  if (b.deadline != a.deadline)
    out << fmt::format("  {:<8} deadline {} -> {}\n", "", cell(b.deadline), cell(a.deadline));
}

}  // namespace

Json whatif_json(const Header& h, const analysis::WhatIfReport& r, const Diagnostics& diags) {
  Json j = document("whatif", h);
  j["trials"] = r.trials;
  j["seed"] = r.seed;
  Json edits = Json::array();
  for (const auto& e : r.edits)
    edits.push_back({{"kind", to_string(e.kind)}, {"key", e.key}, {"text", e.text()}});
  j["edits"] = edits;
  j["program_target"] = target_json(r.program);
  Json ms = Json::array();
  for (const auto& m : r.milestones)
    ms.push_back(target_json(m));
  j["milestones"] = ms;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void whatif_csv(const analysis::WhatIfReport& r, std::ostream& out) {
  out << "key,deadline_before,deadline_after,scheduled_before,scheduled_after,p50_before,"
         "p50_after,p85_before,p85_after,on_time_before,on_time_after,p85_change_days\n";
  auto opt = [](const std::optional<Date>& d) { return d ? d->to_string() : std::string(); };
  auto prob = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; };
  auto line = [&](const analysis::WhatIfTarget& t) {
    const auto &b = t.before, &a = t.after;
    out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(t.key), opt(b.deadline),
                       opt(a.deadline), opt(b.scheduled), opt(a.scheduled), b.p50.to_string(),
                       a.p50.to_string(), b.p85.to_string(), a.p85.to_string(), prob(b.on_time),
                       prob(a.on_time), t.p85_days);
  };
  for (const auto& m : r.milestones)
    line(m);
  line(r.program);
}

void whatif_table(const analysis::WhatIfReport& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format(
      "What-if as of {} ({} trials, seed {}, the same random numbers before and "
      "after)\n",
      r.as_of.to_string(), r.trials, r.seed);
  if (r.edits.empty()) out << "  no edits: before and after are the same\n";
  for (const auto& e : r.edits)
    out << "  " << e.text() << "\n";
  out << fmt::format("\n  {:<8} {:<24} {:<24} {:<24} {:>5} {:<12}\n", "target", "scheduled", "P50",
                     "P85", "days", "on time");
  for (const auto& m : r.milestones)
    row(m, out);
  row(r.program, out);
  out << "\n  days: P85 after minus before, working days (negative: earlier)\n";
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

}  // namespace cairn::report

#include "report/critique.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {

Json critique_json(const Header& h, const analysis::CritiqueReport& r, const Diagnostics& diags) {
  Json j = document("critique", h);
  j["trials"] = r.trials;
  j["screen_trials"] = r.screen_trials;
  j["seed"] = r.seed;
  j["candidates_screened"] = r.candidates;
  Json fixes = Json::array();
  for (const auto& f : r.fixes)
    fixes.push_back({{"milestone", f.milestone},
                     {"kind", analysis::to_string(f.edit.kind)},
                     {"edit", f.edit.text()},
                     {"p85_before", f.p85_before.to_string()},
                     {"p85_after", f.p85_after.to_string()},
                     {"p85_change_days", f.p85_days},
                     {"on_time_before", number_or_null(f.on_time_before)},
                     {"on_time_after", number_or_null(f.on_time_after)},
                     {"text", f.text}});
  j["fixes"] = fixes;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void critique_table(const analysis::CritiqueReport& r, const Diagnostics& diags,
                    std::ostream& out) {
  out << fmt::format("Critique as of {} ({} findings; forecast {} trials, seed {})\n",
                     r.as_of.to_string(), diags.size(), r.trials, r.seed);
  diagnostics_table(diags, out);
  if (r.fixes.empty()) return;
  out << fmt::format(
      "\nMeasured fixes ({} candidates screened with {} trials, best confirmed "
      "with {}):\n",
      r.candidates, r.screen_trials, r.trials);
  for (const auto& f : r.fixes)
    out << fmt::format("  {:<8} {}\n           {}\n", f.milestone, f.text, f.edit.text());
}

void critique_csv(const analysis::CritiqueReport& r, std::ostream& out) {
  out << "milestone,edit,p85_before,p85_after,p85_change_days,on_time_before,on_time_after\n";
  auto prob = [](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; };
  for (const auto& f : r.fixes)
    out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(f.milestone), csv_field(f.edit.text()),
                       f.p85_before.to_string(), f.p85_after.to_string(), f.p85_days,
                       prob(f.on_time_before), prob(f.on_time_after));
}

}  // namespace cairn::report

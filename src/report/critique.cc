#include "report/critique.h"

#include <ostream>
#include <string_view>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

Json finding_json(const analysis::CritiqueFinding& g) {
  Json members = Json::array();
  for (const auto& m : g.members)
    members.push_back({{"key", m.key},
                       {"evidence", m.evidence},
                       {"impact", m.impact},
                       {"message", m.diagnostic.message},
                       {"file", m.diagnostic.where.file},
                       {"line", m.diagnostic.where.line},
                       {"column", m.diagnostic.where.column}});
  return {{"rank", g.rank},
          {"id", g.id},
          {"severity", to_string(g.severity)},
          {"tier", g.tier},
          {"subject", g.subject},
          {"summary", g.summary},
          {"hint", g.hint},
          {"file", g.where.file},
          {"line", g.where.line},
          {"column", g.where.column},
          {"count", g.members.size()},
          {"impact", g.impact},
          {"unit", g.unit},
          {"members", members}};
}

size_t count_id(const analysis::CritiqueReport& r, std::string_view id) {
  size_t n = 0;
  for (const auto& g : r.findings)
    n += g.id == id ? g.members.size() : 0;
  return n;
}

}  // namespace

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
  Json findings = Json::array();
  for (const auto& g : r.findings)
    findings.push_back(finding_json(g));
  j["findings"] = findings;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void critique_table(const analysis::CritiqueReport& r, const Diagnostics& diags, std::ostream& out,
                    bool detail) {
  out << fmt::format(
      "Critique as of {}: {} milestones at risk; {} findings in {} groups, most urgent first "
      "(forecast {} trials, seed {})\n",
      r.as_of.to_string(), count_id(r, "critique-milestone-at-risk"), diags.size(),
      r.findings.size(), r.trials, r.seed);
  for (const auto& g : r.findings) {
    out << fmt::format("\n{:>3}. {} [{}]\n     {}\n", g.rank, g.summary, g.id,
                       g.where.empty() ? std::string("(no plan-file place)") : g.where.to_string());
    if (!g.hint.empty()) out << fmt::format("     fix: {}\n", g.hint);
  }
  if (!r.fixes.empty()) {
    out << fmt::format(
        "\nMeasured fixes ({} candidates screened with {} trials, best confirmed "
        "with {}):\n",
        r.candidates, r.screen_trials, r.trials);
    for (const auto& f : r.fixes)
      out << fmt::format("  {:<8} {}\n           cairn whatif {}\n", f.milestone, f.text,
                         f.edit.text());
  }
  if (detail) {
    out << "\nEvery finding:\n";
    diagnostics_table(diags, out);
  } else if (diags.size() > r.findings.size()) {
    out << "\n--detail lists every finding one by one\n";
  }
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

#include "report/evm.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

using analysis::EvmFigures;

Json figures_json(const EvmFigures& f) {
  Json series = Json::array();
  for (const auto& p : f.series)
    series.push_back({{"date", p.date.to_string()}, {"pv", p.pv}, {"ev", p.ev}, {"ac", p.ac}});
  return {{"key", f.key},
          {"name", f.name},
          {"data_date", f.data_date.to_string()},
          {"planned_source", f.planned_source},
          {"items", f.items},
          {"unestimated", f.unestimated},
          {"unplanned", f.unplanned},
          {"bac", f.bac},
          {"pv", f.pv},
          {"ev", f.ev},
          {"ac", f.ac},
          {"sv", f.sv},
          {"cv", f.cv},
          {"spi", number_or_null(f.spi)},
          {"cpi", number_or_null(f.cpi)},
          {"eac",
           {{"cpi", number_or_null(f.eac_cpi)},
            {"atypical", number_or_null(f.eac_atypical)},
            {"cpi_spi", number_or_null(f.eac_cpi_spi)}}},
          {"etc", number_or_null(f.etc)},
          {"vac", number_or_null(f.vac)},
          {"tcpi", {{"bac", number_or_null(f.tcpi_bac)}, {"eac", number_or_null(f.tcpi_eac)}}},
          {"earned_schedule",
           {{"es_days", number_or_null(f.es_days)},
            {"at_days", number_or_null(f.at_days)},
            {"spi_t", number_or_null(f.spi_t)},
            {"sv_t_days", number_or_null(f.sv_t_days)},
            {"planned_days", number_or_null(f.planned_days)},
            {"ieac_finish", date_or_null(f.ieac_finish)}}},
          {"series", series}};
}

std::string opt(const std::optional<double>& v, const char* spec) {
  return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

void row(const EvmFigures& f, std::ostream& out) {
  out << fmt::format(
      "  {:<8} {:>10.0f} {:>10.0f} {:>10.0f} {:>10.0f} {:>5} {:>5} {:>6} {:>10} {:>11}\n",
      f.key.empty() ? "program" : f.key, f.bac, f.pv, f.ev, f.ac, opt(f.spi, "{:.2f}"),
      opt(f.cpi, "{:.2f}"), opt(f.spi_t, "{:.2f}"), opt(f.eac_cpi, "{:.0f}"),
      f.ieac_finish ? f.ieac_finish->to_string() : std::string("-"));
}

}  // namespace

Json evm_json(const Header& h, const analysis::EvmResult& r, const Diagnostics& diags) {
  Json j = document("evm", h);
  j["unit"] = r.unit;
  j["planned_source"] = r.planned_source;
  j["actual_source"] = r.actual_source;
  j["overall"] = figures_json(r.program);
  Json teams = Json::array();
  for (const auto& t : r.teams)
    teams.push_back(figures_json(t));
  j["teams"] = teams;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void evm_table(const analysis::EvmResult& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format(
      "Earned value at {} in {} (planned value from the {}, actual cost from the {})\n",
      r.as_of.to_string(), r.unit, r.planned_source,
      r.actual_source == "budget" ? "budget's actuals" : "staffing run rate");
  out << fmt::format("  {:<8} {:>10} {:>10} {:>10} {:>10} {:>5} {:>5} {:>6} {:>10} {:>11}\n",
                     "group", "BAC", "PV", "EV", "AC", "SPI", "CPI", "SPI(t)", "EAC", "IEAC(t)");
  row(r.program, out);
  for (const auto& t : r.teams)
    row(t, out);
  const auto& f = r.program;
  out << fmt::format(
      "Program: SV {:.0f}, CV {:.0f}, ETC {}, VAC {}, TCPI {} (to BAC); EAC {} (CPI), {} "
      "(atypical), {} (CPI x SPI)\n",
      f.sv, f.cv, opt(f.etc, "{:.0f}"), opt(f.vac, "{:.0f}"), opt(f.tcpi_bac, "{:.2f}"),
      opt(f.eac_cpi, "{:.0f}"), opt(f.eac_atypical, "{:.0f}"), opt(f.eac_cpi_spi, "{:.0f}"));
  if (f.data_date != r.as_of || f.planned_source != r.planned_source)
    out << fmt::format(
        "Program: figures at {} (the end of the budget's last actuals period), "
        "planned value from the {}\n",
        f.data_date.to_string(), f.planned_source);
  if (f.es_days)
    out << fmt::format("Earned schedule: {:.1f} of {:.1f} days elapsed (SV(t) {:+.1f} days)\n",
                       *f.es_days, f.at_days.value_or(0), f.sv_t_days.value_or(0));
  if (f.unestimated || f.unplanned)
    out << fmt::format("Left out: {} open items without an estimate; {} without planned dates\n",
                       f.unestimated, f.unplanned);
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

void evm_csv(const analysis::EvmResult& r, std::ostream& out) {
  out << "group,date,pv,ev,ac\n";
  auto rows = [&](const EvmFigures& f, const std::string& name) {
    for (const auto& p : f.series)
      out << fmt::format("{},{},{},{},{}\n", csv_field(name), p.date.to_string(), rounded(p.pv, 2),
                         rounded(p.ev, 2), rounded(p.ac, 2));
  };
  rows(r.program, "program");
  for (const auto& t : r.teams)
    rows(t, t.key);
}

}  // namespace cairn::report

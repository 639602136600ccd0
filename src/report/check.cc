#include "report/check.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {

Json check_json(const Header& h, const Diagnostics& diags, const Program* program) {
  Json j = document("check", h);
  j["errors"] = diags.count(Severity::kError);
  j["warnings"] = diags.count(Severity::kWarning);
  if (program)
    j["counts"] = {{"teams", program->teams.size()},
                   {"people", program->people.size()},
                   {"items", program->items.size()},
                   {"dependencies", program->dependencies.size()},
                   {"milestones", program->milestones.size()}};
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void diagnostics_table(const Diagnostics& diags, std::ostream& out) {
  for (const auto& d : diags.items())
    out << format_diagnostic(d) << "\n";
}

void check_table(const Diagnostics& diags, const Program* program, std::ostream& out) {
  diagnostics_table(diags, out);
  size_t errors = diags.count(Severity::kError), warnings = diags.count(Severity::kWarning);
  if (program && errors == 0)
    out << fmt::format(
        "{}: {} teams, {} people, {} items, {} dependencies: {} errors, {} warnings\n",
        program->key, program->teams.size(), program->people.size(), program->items.size(),
        program->dependencies.size(), errors, warnings);
  else
    out << fmt::format("{} errors, {} warnings\n", errors, warnings);
}

}  // namespace cairn::report

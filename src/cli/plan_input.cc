#include "cli/plan_input.h"

#include <ostream>

#include <fmt/format.h>

#include "base/codes.h"
#include "cli/output.h"
#include "io/tjp_reader.h"
#include "report/check.h"

namespace cairn::cli {

bool is_unusable(const Diagnostic& d) {
  const codes::CodeInfo* c = codes::find(d.id);
  return d.severity == Severity::kError && c && c->unusable;
}

Result<io::LoadedPlan> read_input(const std::vector<std::string>& paths, Diagnostics& diags,
                                  const std::string& scenario) {
  auto ends_with = [](const std::string& s, const char* suffix) {
    std::string_view sv(s), suf(suffix);
    return sv.size() >= suf.size() && sv.substr(sv.size() - suf.size()) == suf;
  };
  if (paths.size() == 1 && (ends_with(paths[0], ".tjp") || ends_with(paths[0], ".tji"))) {
    io::TjpReadOptions options;
    options.scenario = scenario;
    return io::read_tjp(paths[0], diags, options);
  }
  for (const auto& p : paths)
    if (ends_with(p, ".tjp") || ends_with(p, ".tji"))
      return make_error(codes::kUsage, "a TaskJuggler file is read on its own",
                        Location{p, 0, 0, {}}, "give one .tjp file (it may include others)");
  return io::read_plan(paths, diags);
}

std::optional<io::LoadedPlan> load_plan_or_report(const std::vector<std::string>& paths,
                                                  std::ostream& err, int& exit_code,
                                                  bool show_warnings, const std::string& scenario) {
  Diagnostics diags;
  auto plan = read_input(paths, diags, scenario);
  if (!plan) {
    fail(plan.error(), exit_code);
    return std::nullopt;
  }
  Diagnostics shown;
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError || show_warnings) shown.add(d);
  report::diagnostics_table(shown, err);
  if (diags.has_errors()) {
    err << fmt::format("{} error(s) in the plan; run `cairn check` for all findings\n",
                       diags.count(Severity::kError));
    exit_code = 2;
    return std::nullopt;
  }
  return std::move(*plan);
}

}  // namespace cairn::cli

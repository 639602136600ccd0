#include "cli/plan_input.h"

#include <ostream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "io/tjp_reader.h"

namespace cairn::cli {

bool is_unusable(const Diagnostic& d) {
  static const std::set<std::string> kIds = {
      "file-not-found",    "binary-input",   "invalid-utf8",
      "invalid-yaml",      "file-too-large", "nesting-too-deep",
      "include-not-found", "include-cycle",  "tjp-syntax",
      "tjp-no-project",    "usage"};
  return d.severity == Severity::kError && kIds.count(d.id) > 0;
}

void print_diagnostics(const Diagnostics& diags, const std::string& format, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json arr = nlohmann::ordered_json::array();
    for (const auto& d : diags.items()) {
      nlohmann::ordered_json o;
      o["severity"] = to_string(d.severity);
      o["id"] = d.id;
      o["message"] = d.message;
      o["file"] = d.where.file;
      o["line"] = d.where.line;
      o["column"] = d.where.column;
      if (!d.where.pointer.empty()) o["pointer"] = d.where.pointer;
      o["hint"] = d.hint;
      arr.push_back(o);
    }
    nlohmann::ordered_json doc;
    doc["errors"] = diags.count(Severity::kError);
    doc["warnings"] = diags.count(Severity::kWarning);
    doc["diagnostics"] = arr;
    out << doc.dump(2) << "\n";
    return;
  }
  for (const auto& d : diags.items())
    out << format_diagnostic(d) << "\n";
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
      return make_error("usage", "a TaskJuggler file is read on its own", Location{p, 0, 0, {}},
                        "give one .tjp file (it may include others)");
  return io::read_plan(paths, diags);
}

std::optional<io::LoadedPlan> load_plan_or_report(const std::vector<std::string>& paths,
                                                  std::ostream& err, int& exit_code,
                                                  bool show_warnings, const std::string& scenario) {
  Diagnostics diags;
  auto plan = read_input(paths, diags, scenario);
  if (!plan) {
    err << plan.error().to_string() << "\n";
    exit_code = 2;
    return std::nullopt;
  }
  Diagnostics shown;
  for (const auto& d : diags.items())
    if (d.severity == Severity::kError || show_warnings) shown.add(d);
  print_diagnostics(shown, "text", err);
  if (diags.has_errors()) {
    err << fmt::format("{} error(s) in the plan; run `cairn check` for all findings\n",
                       diags.count(Severity::kError));
    exit_code = 2;
    return std::nullopt;
  }
  return std::move(*plan);
}

}  // namespace cairn::cli

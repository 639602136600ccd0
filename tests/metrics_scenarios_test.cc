// The scenario runner of the TPM metrics (testdata/analysis/{flow,sprints,evm,deps,risks}/*.yaml):
// each file
// is a plan plus an `expect:` section with hand-computed results. The runner removes `expect:`,
// reads the plan, runs the analysis of its folder and makes its JSON document (src/report, the
// one the CLI prints), then checks that the document contains `expect:`:
//   options:     analysis options (flow: window; sprints: last; evm: none yet; evm takes its
//                planned value as the CLI does for a plan: baseline dates, else the schedule;
//                deps: trials, effect_trials; risks: effect_trials, cost_per_day)
//   diagnostics: [id, ...]   each must be reported (a finding that fires)
//   absent:      [id, ...]   none may be reported (a finding that does not fire)
//   lines:       {id: N}     the finding points to line N of the scenario file
//   anything else: a part of the document. Mappings match key by key (fields not named are not
//   checked); a list of mappings matches element by element, except that a list whose elements
//   carry `key`, `name` or `state` is matched by that field; numbers match within 1e-6.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "test_plans.h"

#include "analysis/deps.h"
#include "analysis/evm.h"
#include "analysis/flow.h"
#include "analysis/risks.h"
#include "analysis/sprints.h"
#include "plan/plan.h"
#include "report/deps.h"
#include "report/evm.h"
#include "report/flow.h"
#include "report/risks.h"
#include "report/sprints.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;
using report::Json;

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const char* dir : {"flow", "sprints", "evm", "deps", "risks"}) {
    fs::path p = fs::path(CAIRN_SOURCE_DIR) / "testdata" / "analysis" / dir;
    if (!fs::exists(p)) continue;
    for (const auto& e : fs::directory_iterator(p))
      if (e.path().extension() == ".yaml")
        out.push_back(std::string(dir) + "/" + e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

using test_plans::read_text;
using test_plans::strip_expect;

// Whether `got` contains `want`; the first mismatch is described in `why`.
bool contains(const Json& got, const YAML::Node& want, const std::string& path, std::string& why) {
  if (want.IsMap()) {
    if (!got.is_object()) return why = path + ": not an object", false;
    for (const auto& kv : want) {
      auto k = kv.first.as<std::string>();
      if (!got.contains(k)) return why = path + "." + k + ": missing", false;
      if (!contains(got[k], kv.second, path + "." + k, why)) return false;
    }
    return true;
  }
  if (want.IsSequence()) {
    if (!got.is_array()) return why = path + ": not an array", false;
    if (want.size() == 0 && !got.empty())
      return why = path + ": " + got.dump() + ", expected []", false;
    for (size_t i = 0; i < want.size(); ++i) {
      const YAML::Node w = want[i];
      const char* id = nullptr;
      for (const char* f : {"key", "name", "state"})
        if (w.IsMap() && w[f]) {
          id = f;
          break;
        }
      if (!id) {
        if (want.size() != got.size())
          return why = path + ": " + std::to_string(got.size()) + " elements", false;
        if (!contains(got[i], w, path + "[" + std::to_string(i) + "]", why)) return false;
        continue;
      }
      auto value = w[id].as<std::string>();
      auto it = std::find_if(got.begin(), got.end(), [&](const Json& g) {
        return g.is_object() && g.contains(id) && g[id].is_string() && g[id] == value;
      });
      if (it == got.end()) return why = path + ": no element with " + id + " " + value, false;
      if (!contains(*it, w, path + "[" + value + "]", why)) return false;
    }
    return true;
  }
  if (want.IsNull()) return got.is_null() ? true : (why = path + ": not null", false);
  auto text = want.as<std::string>();
  if (got.is_number()) {
    double w = 0;
    try {
      w = std::stod(text);
    } catch (...) {
      return why = path + ": " + got.dump() + " is a number, expected " + text, false;
    }
    if (std::abs(got.get<double>() - w) <= 1e-6) return true;
    return why = path + ": " + got.dump() + ", expected " + text, false;
  }
  if (got.is_boolean()) {
    bool ok = (text == "true") == got.get<bool>();
    return ok ? true : (why = path + ": " + got.dump() + ", expected " + text, false);
  }
  if (got.is_string() && got.get<std::string>() == text) return true;
  return why = path + ": " + got.dump() + ", expected " + text, false;
}

// The forecast-based registers (deps, risks), with the scenario's options.
Json run_register(const std::string& kind, const plan::LoadedPlan& plan, const YAML::Node& options,
                  Diagnostics& diags) {
  const Program& p = plan.program;
  report::Header h = report::header_of(p);
  int effect_trials = options["effect_trials"] ? options["effect_trials"].as<int>() : 1000;
  if (kind == "deps") {
    analysis::DepsOptions o;
    if (options["trials"]) o.forecast.trials = options["trials"].as<int>();
    o.effect_trials = effect_trials;
    auto r = analysis::analyze_deps(p, o, diags, &plan.sources);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
    return r ? report::deps_json(h, *r, p, diags) : Json();
  }
  analysis::RisksOptions o;
  o.effect_trials = effect_trials;
  if (options["cost_per_day"]) o.cost_per_day = options["cost_per_day"].as<double>();
  auto r = analysis::analyze_risks(p, o, diags, &plan.sources);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? report::risks_json(h, *r, diags) : Json();
}

Json run_analysis(const std::string& kind, const plan::LoadedPlan& plan, const YAML::Node& options,
                  Diagnostics& diags) {
  if (kind == "deps" || kind == "risks") return run_register(kind, plan, options, diags);
  const Program& p = plan.program;
  report::Header h = report::header_of(p);
  if (kind == "flow") {
    analysis::FlowOptions o;
    if (options["window"]) o.window_days = options["window"].as<int>();
    auto r = analysis::analyze_flow(analysis::flow_input(p, {}, &plan.sources), o, diags);
    return report::flow_json(h, r, "plan", diags);
  }
  if (kind == "sprints") {
    analysis::SprintOptions o;
    if (options["last"]) o.last = options["last"].as<size_t>();
    auto r = analysis::analyze_sprints(p, o, diags, {}, &plan.sources);
    return report::sprints_json(h, r, diags);
  }
  if (kind == "evm") {  // planned value as `cairn evm` takes it: baseline dates, else the schedule
    analysis::EvmInput in;
    in.planned = analysis::planned_from_baseline_dates(p);
    in.planned_source = "baseline";
    if (in.planned.empty()) {
      auto sr = schedule::schedule_program(p, {}, diags);
      EXPECT_TRUE(sr.has_value());
      if (sr) in.planned = analysis::planned_from_schedule(p, *sr);
      in.planned_source = "schedule";
    }
    auto r = analysis::analyze_evm(p, in, {}, diags, {}, &plan.sources);
    return report::evm_json(h, r, diags);
  }
  ADD_FAILURE() << "no analysis for " << kind;
  return Json();
}

class MetricsScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(MetricsScenario, DocumentMatchesExpectation) {
  fs::path path = fs::path(CAIRN_SOURCE_DIR) / "testdata" / "analysis" / (GetParam() + ".yaml");
  std::string text = read_text(path);
  YAML::Node expect = YAML::Load(text)["expect"];
  ASSERT_TRUE(expect && expect.IsMap()) << path << ": no expect: section";
  Diagnostics read_diags;
  auto plan = plan::read_plan_text(strip_expect(text), path.string(), read_diags);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_FALSE(read_diags.has_errors()) << format_diagnostic(read_diags.items().front());
  std::string kind = GetParam().substr(0, GetParam().find('/'));
  Diagnostics diags;
  Json doc = run_analysis(kind, *plan, expect["options"], diags);
  // The same input gives the same document.
  Diagnostics again;
  EXPECT_EQ(doc.dump(), run_analysis(kind, *plan, expect["options"], again).dump());
  for (const auto& kv : expect) {
    auto key = kv.first.as<std::string>();
    if (key == "options") continue;
    if (key == "lines") {
      for (const auto& kv2 : kv.second) {
        auto id = kv2.first.as<std::string>();
        bool found = false;
        for (const auto& d : diags.items())
          found |=
              d.id == id && d.where.line == kv2.second.as<int>() && d.where.file == path.string();
        EXPECT_TRUE(found) << id << " does not point to line " << kv2.second.as<int>();
      }
      continue;
    }
    if (key == "diagnostics" || key == "absent") {
      for (const auto& id : kv.second)
        EXPECT_EQ(diags.has(id.as<std::string>()), key == "diagnostics")
            << id.as<std::string>() << (key == "absent" ? " fired" : " did not fire");
      continue;
    }
    std::string why;
    ASSERT_TRUE(doc.contains(key)) << key << " missing from the document";
    EXPECT_TRUE(contains(doc[key], kv.second, key, why)) << why;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, MetricsScenario, ::testing::ValuesIn(scenario_files()),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '/', '_');
                           return n;
                         });

}  // namespace
}  // namespace cairn

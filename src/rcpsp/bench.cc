#include "rcpsp/bench.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rcpsp/psplib.h"
#include "rcpsp/rcpsp.h"

namespace cairn::rcpsp {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string set;
  std::string name;  // file name without .sm
  std::string path;
  // Results.
  bool ok = false;
  std::string error;
  int makespan = 0;
  int cp_bound = 0;
  int lower_bound = 0;
  int schedules_used = 0;
  double seconds = 0;
  bool feasible = false;
};

using References = std::map<std::string, PsplibReference>;

void solve_one(Case& c, const BenchOptions& opt) {
  auto instance = read_psplib(c.path);
  if (!instance) {
    c.error = instance.error().to_string();
    return;
  }
  RcpspOptions ro;
  ro.schedules = opt.schedules;
  ro.seed = opt.seed;
  const auto t0 = std::chrono::steady_clock::now();
  auto sol = solve_rcpsp(*instance, ro);
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!sol) {
    c.error = sol.error().to_string();
    return;
  }
  c.ok = true;
  c.makespan = sol->makespan;
  c.cp_bound = sol->critical_path_bound;
  c.lower_bound = sol->lower_bound;
  c.schedules_used = sol->schedules_used;
  c.feasible = is_feasible_rcpsp(*instance, sol->start);
}

void solve_all(std::vector<Case>& cases, const BenchOptions& opt) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= cases.size()) return;
      solve_one(cases[i], opt);
    }
  };
  int threads =
      opt.threads > 0 ? opt.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::clamp(threads, 1, std::max<int>(1, static_cast<int>(cases.size())));
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
}

double pct(int value, int base) {
  return base > 0 ? 100.0 * (value - base) / base : 0.0;
}

// The .sm files of every directory (sorted by name), the set names, and the default reference
// table when none was given. False (after a message on `err`) when a directory is unusable.
bool collect_cases(const BenchOptions& opt, std::vector<Case>& cases,
                   std::vector<std::string>& sets, std::vector<std::string>& references,
                   std::ostream& err) {
  for (const std::string& dir : opt.dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      err << fmt::format("error: {} is not a readable directory\n", dir);
      return false;
    }
    std::vector<std::string> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".sm") files.push_back(it->path().string());
    }
    if (ec) {
      err << fmt::format("error: cannot list {}: {}\n", dir, ec.message());
      return false;
    }
    std::sort(files.begin(), files.end());
    fs::path canonical = fs::weakly_canonical(fs::path(dir), ec);
    std::string set = canonical.filename().string();
    if (set.empty()) set = canonical.parent_path().filename().string();
    sets.push_back(set);
    for (const std::string& f : files) {
      cases.push_back(Case{set, fs::path(f).stem().string(), f});
    }
    if (references.empty()) {
      fs::path guess = canonical.parent_path() / "reference" / "reference.csv";
      if (fs::exists(guess, ec)) references.push_back(guess.string());
    }
  }
  return true;
}

// The merged reference rows by instance name; false (after a message) on a bad table.
bool load_references(const std::vector<std::string>& references, References& refs,
                     std::ostream& err) {
  if (references.empty()) return true;
  std::vector<PsplibReference> rows;
  for (const std::string& path : references) {
    auto table = read_psplib_reference(path);
    if (!table) {
      err << "error: " << table.error().to_string() << "\n";
      return false;
    }
    rows.insert(rows.end(), table->begin(), table->end());
  }
  auto merged = merge_psplib_references(rows);
  if (!merged) {
    err << "error: " << merged.error().to_string() << "\n";
    return false;
  }
  for (auto& r : *merged)
    refs[r.instance] = std::move(r);
  return true;
}

void print_json(const std::vector<Case>& cases, const References& refs, std::ostream& out) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::array();
  for (const Case& c : cases) {
    if (!c.ok) continue;
    nlohmann::ordered_json rec;
    rec["set"] = c.set;
    rec["instance"] = c.name;
    rec["makespan"] = c.makespan;
    rec["seconds"] = c.seconds;
    rec["schedules_used"] = c.schedules_used;
    rec["critical_path_bound"] = c.cp_bound;
    rec["lower_bound"] = c.lower_bound;
    if (auto it = refs.find(c.name); it != refs.end()) {
      rec["reference"] = it->second.best_ub;
      rec["proven_optimal"] = it->second.proven_optimal;
      if (it->second.cpm_lb) rec["cpm_lb"] = *it->second.cpm_lb;
      rec["above_reference_pct"] = pct(c.makespan, it->second.best_ub);
      rec["above_cpm_lb_pct"] = pct(c.makespan, it->second.cpm_lb.value_or(c.cp_bound));
    } else {
      rec["above_cpm_lb_pct"] = pct(c.makespan, c.cp_bound);
    }
    doc.push_back(std::move(rec));
  }
  out << doc.dump(2) << "\n";
}

void print_table(const std::vector<Case>& cases, const std::vector<std::string>& sets,
                 const References& refs, int schedules, std::ostream& out) {
  out << fmt::format("{:<8} {:>9} {:>9} {:>10} {:>13} {:>12} {:>9} {:>9}\n", "set", "instances",
                     "schedules", "% above ref", "hit ref", "% above cpm", "mean s", "max s");
  for (const std::string& set : sets) {
    int count = 0, with_ref = 0, hits = 0;
    double above_ref = 0, above_cpm = 0, sum_s = 0, max_s = 0;
    for (const Case& c : cases) {
      if (c.set != set || !c.ok) continue;
      ++count;
      sum_s += c.seconds;
      max_s = std::max(max_s, c.seconds);
      auto it = refs.find(c.name);
      if (it != refs.end()) {
        ++with_ref;
        above_ref += pct(c.makespan, it->second.best_ub);
        if (c.makespan <= it->second.best_ub) ++hits;
        above_cpm += pct(c.makespan, it->second.cpm_lb.value_or(c.cp_bound));
      } else {
        above_cpm += pct(c.makespan, c.cp_bound);
      }
    }
    if (count == 0) {
      out << fmt::format("{:<8} {:>9}\n", set, 0);
      continue;
    }
    std::string ref_pct = with_ref ? fmt::format("{:.3f}", above_ref / with_ref) : "-";
    std::string hit = with_ref ? fmt::format("{}/{}", hits, with_ref) : "-";
    out << fmt::format("{:<8} {:>9} {:>9} {:>10} {:>13} {:>12.3f} {:>9.4f} {:>9.4f}\n", set, count,
                       schedules, ref_pct, hit, above_cpm / count, sum_s / count, max_s);
  }
}

}  // namespace

int run_psplib_bench(const BenchOptions& opt, std::ostream& out, std::ostream& err) {
  if (opt.schedules < 1) {
    err << "error: --schedules must be at least 1\n";
    return 2;
  }
  if (opt.format != "table" && opt.format != "json") {
    err << fmt::format("error: unknown --format '{}' (expected table or json)\n", opt.format);
    return 2;
  }
  std::vector<Case> cases;
  std::vector<std::string> sets;
  std::vector<std::string> references = opt.references;
  if (!collect_cases(opt, cases, sets, references, err)) return 2;
  References refs;
  if (!load_references(references, refs, err)) return 2;

  solve_all(cases, opt);

  int failed = 0;
  for (const Case& c : cases) {
    if (!c.ok) {
      err << fmt::format("error: {}\n", c.error);
      ++failed;
    } else if (!c.feasible) {
      err << fmt::format("error: {}: the solver returned an infeasible schedule\n", c.path);
      ++failed;
    }
  }
  if (opt.format == "json")
    print_json(cases, refs, out);
  else
    print_table(cases, sets, refs, opt.schedules, out);
  return failed > 0 ? 1 : 0;
}

}  // namespace cairn::rcpsp

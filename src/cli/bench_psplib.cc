// `cairn bench psplib DIR... [--reference FILE]... [--schedules N] [--seed S]
// [--format table|json] [--threads T]`: solves every PSPLIB `.sm` file of each directory (a set,
// e.g. j30) and compares the makespans with the reference tables (best known / optimal makespans,
// critical-path bounds): Cairn's `reference.csv` or the PSPLIB site's `j30opt.sm`, `j60hrs.sm`,
// `j60lb.sm`, ... (see io/psplib.h), merged per instance when several are given. A table without
// a cpm_lb column (the PSPLIB files) is completed with the critical-path bound computed from each
// instance.
//
// Instances run in parallel across threads; each instance's result depends only on the file, the
// budget and the seed, never on the thread count. Exit codes: 0 fine, 1 an instance could not be
// read or solved, 2 bad usage or an unreadable directory or reference table.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "io/psplib.h"
#include "schedule/rcpsp.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  std::vector<std::string> dirs;
  std::vector<std::string> references;  // none: <dir>/../reference/reference.csv if it exists
  int schedules = 5000;
  uint64_t seed = 1;
  std::string format = "table";
  int threads = 0;  // 0: hardware concurrency
};

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

void solve_all(std::vector<Case>& cases, const BenchOptions& opt) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (;;) {
      const size_t i = next.fetch_add(1);
      if (i >= cases.size()) return;
      Case& c = cases[i];
      auto instance = io::read_psplib(c.path);
      if (!instance) {
        c.error = instance.error().to_string();
        continue;
      }
      schedule::RcpspOptions ro;
      ro.schedules = opt.schedules;
      ro.seed = opt.seed;
      const auto t0 = std::chrono::steady_clock::now();
      auto sol = schedule::solve_rcpsp(*instance, ro);
      c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (!sol) {
        c.error = sol.error().to_string();
        continue;
      }
      c.ok = true;
      c.makespan = sol->makespan;
      c.cp_bound = sol->critical_path_bound;
      c.lower_bound = sol->lower_bound;
      c.schedules_used = sol->schedules_used;
      c.feasible = schedule::is_feasible_rcpsp(*instance, sol->start);
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

int run_bench(const BenchOptions& opt) {
  if (opt.schedules < 1) {
    std::cerr << "error: --schedules must be at least 1\n";
    return 2;
  }
  if (opt.format != "table" && opt.format != "json") {
    std::cerr << fmt::format("error: unknown --format '{}' (expected table or json)\n", opt.format);
    return 2;
  }
  std::vector<Case> cases;
  std::vector<std::string> sets;
  std::vector<std::string> references = opt.references;
  for (const std::string& dir : opt.dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      std::cerr << fmt::format("error: {} is not a readable directory\n", dir);
      return 2;
    }
    std::vector<std::string> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".sm") files.push_back(it->path().string());
    }
    if (ec) {
      std::cerr << fmt::format("error: cannot list {}: {}\n", dir, ec.message());
      return 2;
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
  std::map<std::string, io::PsplibReference> refs;
  if (!references.empty()) {
    std::vector<io::PsplibReference> rows;
    for (const std::string& path : references) {
      auto table = io::read_psplib_reference(path);
      if (!table) {
        std::cerr << "error: " << table.error().to_string() << "\n";
        return 2;
      }
      rows.insert(rows.end(), table->begin(), table->end());
    }
    auto merged = io::merge_psplib_references(rows);
    if (!merged) {
      std::cerr << "error: " << merged.error().to_string() << "\n";
      return 2;
    }
    for (auto& r : *merged)
      refs[r.instance] = std::move(r);
  }

  solve_all(cases, opt);

  int failed = 0;
  for (const Case& c : cases) {
    if (!c.ok) {
      std::cerr << fmt::format("error: {}\n", c.error);
      ++failed;
    } else if (!c.feasible) {
      std::cerr << fmt::format("error: {}: the solver returned an infeasible schedule\n", c.path);
      ++failed;
    }
  }

  if (opt.format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
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
      out.push_back(std::move(rec));
    }
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << fmt::format("{:<8} {:>9} {:>9} {:>10} {:>13} {:>12} {:>9} {:>9}\n", "set",
                             "instances", "schedules", "% above ref", "hit ref", "% above cpm",
                             "mean s", "max s");
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
        std::cout << fmt::format("{:<8} {:>9}\n", set, 0);
        continue;
      }
      std::string ref_pct = with_ref ? fmt::format("{:.3f}", above_ref / with_ref) : "-";
      std::string hit = with_ref ? fmt::format("{}/{}", hits, with_ref) : "-";
      std::cout << fmt::format("{:<8} {:>9} {:>9} {:>10} {:>13} {:>12.3f} {:>9.4f} {:>9.4f}\n", set,
                               count, opt.schedules, ref_pct, hit, above_cpm / count, sum_s / count,
                               max_s);
    }
  }
  return failed > 0 ? 1 : 0;
}

}  // namespace

void register_bench(CLI::App& app, Context& ctx) {
  auto* bench = app.add_subcommand("bench", "Benchmarks of the engines against published data");
  bench->require_subcommand(1);
  auto opt = std::make_shared<BenchOptions>();
  auto* ps = bench->add_subcommand(
      "psplib",
      "Solve every PSPLIB .sm file of each DIR (a set, e.g. j30) and compare with the reference "
      "makespans");
  ps->add_option("DIR", opt->dirs, "directories of .sm files")->required();
  ps->add_option("--reference", opt->references,
                 "reference table, repeatable (merged per instance): Cairn's CSV "
                 "(set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal) or a PSPLIB solution "
                 "file (j30opt.sm, j60hrs.sm, j60lb.sm, ...); default "
                 "DIR/../reference/reference.csv when it exists")
      ->allow_extra_args(false);
  ps->add_option("--schedules", opt->schedules, "schedule budget per instance (SGS passes)")
      ->capture_default_str();
  ps->add_option("--seed", opt->seed, "random seed")->capture_default_str();
  ps->add_option("--format", opt->format, "table or json")->capture_default_str();
  ps->add_option("--threads", opt->threads, "worker threads (0: one per core)")
      ->capture_default_str();
  ps->callback([opt, &ctx] { ctx.exit_code = run_bench(*opt); });
}

}  // namespace cairn::cli

#include "rcpsp/rcpsp.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>

#include "base/random.h"
#include "rcpsp/model.h"
#include "rcpsp/sgs.h"

namespace cairn::rcpsp {
namespace {

// An independent checker: precedence by the instance's successor lists and capacity period by
// period (a plain time-indexed count, unlike the event sweep of is_feasible_rcpsp).
void expect_feasible(const RcpspInstance& in, const RcpspSolution& sol) {
  ASSERT_EQ(static_cast<int>(sol.start.size()), in.jobs);
  int makespan = 0;
  for (int j = 0; j < in.jobs; ++j) {
    EXPECT_GE(sol.start[j], 0) << "job " << j;
    makespan = std::max(makespan, sol.start[j] + in.duration[j]);
    for (int s : in.successors[j]) {
      EXPECT_GE(sol.start[s], sol.start[j] + in.duration[j]) << j << " -> " << s;
    }
  }
  EXPECT_EQ(makespan, sol.makespan);
  for (int t = 0; t < makespan; ++t) {
    for (int k = 0; k < in.resources; ++k) {
      int load = 0;
      for (int j = 0; j < in.jobs; ++j) {
        if (sol.start[j] <= t && t < sol.start[j] + in.duration[j]) {
          load += in.demand[j * in.resources + k];
        }
      }
      EXPECT_LE(load, in.capacity[k]) << "resource " << k << " at " << t;
    }
  }
  EXPECT_TRUE(is_feasible_rcpsp(in, sol.start));
}

// Four jobs on one resource of capacity 2: A (3 periods, needs 2), B (2, needs 1), C (2, needs 1)
// after A, D (2, needs 2) after B. A and D use the whole resource, B and C can share it: the
// optimum is A [0,3), B and C [3,5), D [5,7): makespan 7 (also the energy bound 14 / 2).
RcpspInstance tiny() {
  RcpspInstance in;
  in.jobs = 4;
  in.duration = {3, 2, 2, 2};
  in.resources = 1;
  in.capacity = {2};
  in.demand = {2, 1, 1, 2};
  in.successors = {{2}, {3}, {}, {}};
  return in;
}

TEST(Rcpsp, TinyInstanceOptimum) {
  RcpspInstance in = tiny();
  EXPECT_EQ(critical_path_length(in), 5);
  auto sol = solve_rcpsp(in, {.schedules = 200});
  ASSERT_TRUE(sol.has_value()) << sol.error().to_string();
  EXPECT_EQ(sol->makespan, 7);
  EXPECT_EQ(sol->critical_path_bound, 5);
  EXPECT_LE(sol->schedules_used, 200);
  expect_feasible(in, *sol);
}

TEST(Rcpsp, EmptyInstance) {
  RcpspInstance in;
  auto sol = solve_rcpsp(in);
  ASSERT_TRUE(sol.has_value());
  EXPECT_EQ(sol->makespan, 0);
  EXPECT_TRUE(sol->start.empty());
}

TEST(Rcpsp, UnconstrainedChainMeetsCriticalPath) {
  RcpspInstance in;
  in.jobs = 3;
  in.duration = {4, 0, 5};
  in.resources = 0;
  in.successors = {{1}, {2}, {}};
  auto sol = solve_rcpsp(in);
  ASSERT_TRUE(sol.has_value());
  EXPECT_EQ(sol->makespan, 9);
  EXPECT_EQ(sol->start, (std::vector<int>{0, 4, 4}));
}

TEST(Rcpsp, RejectsCycle) {
  RcpspInstance in = tiny();
  in.successors[3].push_back(1);
  auto sol = solve_rcpsp(in);
  ASSERT_FALSE(sol.has_value());
  EXPECT_EQ(sol.error().code, "rcpsp-cycle");
  EXPECT_NE(sol.error().message.find("2 -> 4 -> 2"), std::string::npos) << sol.error().message;
  EXPECT_EQ(critical_path_length(in), -1);
}

// Found by the psplib fuzzer: the first job left over by the topological sort lay downstream of
// the cycle and had no successors; the walk along successors ran off the job table.
TEST(Rcpsp, NamesACycleSeenFromDownstream) {
  RcpspInstance in;
  in.jobs = 4;
  in.duration = {0, 1, 1, 1};
  in.resources = 0;
  in.successors = {{2}, {}, {3}, {2, 1}};  // 1 -> 3 -> 4 -> 3, and 4 -> 2 (a sink)
  auto sol = solve_rcpsp(in);
  ASSERT_FALSE(sol.has_value());
  EXPECT_EQ(sol.error().code, "rcpsp-cycle");
  EXPECT_NE(sol.error().message.find("3 -> 4 -> 3"), std::string::npos) << sol.error().message;
}

TEST(Rcpsp, RejectsDemandAboveCapacity) {
  RcpspInstance in = tiny();
  in.demand[3] = 3;
  auto sol = solve_rcpsp(in);
  ASSERT_FALSE(sol.has_value());
  EXPECT_EQ(sol.error().code, "rcpsp-demand-exceeds-capacity");
  EXPECT_NE(sol.error().message.find("job 4 needs 3 of resource 1"), std::string::npos);
}

TEST(Rcpsp, RejectsBadShapes) {
  RcpspInstance in = tiny();
  in.successors[0].push_back(9);
  EXPECT_EQ(solve_rcpsp(in).error().code, "invalid-rcpsp");
  in = tiny();
  in.duration[1] = -1;
  EXPECT_EQ(solve_rcpsp(in).error().code, "invalid-rcpsp");
  in = tiny();
  in.demand.pop_back();
  EXPECT_EQ(solve_rcpsp(in).error().code, "invalid-rcpsp");
  in = tiny();
  EXPECT_EQ(solve_rcpsp(in, {.schedules = 0}).error().code, "invalid-rcpsp-options");
}

TEST(Rcpsp, FeasibilityCheckerFindsViolations) {
  RcpspInstance in = tiny();
  std::string why;
  EXPECT_FALSE(is_feasible_rcpsp(in, {0, 0, 3, 2}, &why));  // A and B overlap: 3 > 2
  EXPECT_NE(why.find("resource 1"), std::string::npos) << why;
  EXPECT_FALSE(is_feasible_rcpsp(in, {0, 3, 2, 5}, &why));  // C before A finishes
  EXPECT_NE(why.find("job 3"), std::string::npos) << why;
  EXPECT_TRUE(is_feasible_rcpsp(in, {0, 3, 3, 5}, &why)) << why;
}

// A minimal independent .sm reader for the test (the product reader is rcpsp/psplib.h).
RcpspInstance read_sm(const std::string& path) {
  std::ifstream f(path);
  std::string line;
  RcpspInstance in;
  in.resources = 4;
  while (std::getline(f, line)) {
    if (line.rfind("jobs (incl.", 0) == 0) {
      in.jobs = std::stoi(line.substr(line.find(':') + 1));
      in.duration.assign(in.jobs, 0);
      in.successors.assign(in.jobs, {});
      in.demand.assign(in.jobs * 4, 0);
    } else if (line.rfind("PRECEDENCE", 0) == 0) {
      std::getline(f, line);
      for (int j = 0; j < in.jobs; ++j) {
        std::getline(f, line);
        std::istringstream ss(line);
        int nr, modes, count;
        ss >> nr >> modes >> count;
        for (int k = 0; k < count; ++k) {
          int s;
          ss >> s;
          in.successors[j].push_back(s - 1);
        }
      }
    } else if (line.rfind("REQUESTS", 0) == 0) {
      std::getline(f, line);
      std::getline(f, line);
      for (int j = 0; j < in.jobs; ++j) {
        std::getline(f, line);
        std::istringstream ss(line);
        int nr, mode;
        ss >> nr >> mode >> in.duration[j];
        for (int k = 0; k < 4; ++k)
          ss >> in.demand[j * 4 + k];
      }
    } else if (line.rfind("RESOURCEAVAILABILITIES", 0) == 0) {
      std::getline(f, line);
      std::getline(f, line);
      std::istringstream ss(line);
      in.capacity.assign(4, 0);
      for (int k = 0; k < 4; ++k)
        ss >> in.capacity[k];
    }
  }
  return in;
}

std::map<std::string, int> optima() {
  std::map<std::string, int> out;
  std::ifstream f(std::string(CAIRN_SHARED_DIR) + "/data/psplib/reference/reference.csv");
  std::string line;
  std::getline(f, line);  // set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal
  while (std::getline(f, line)) {
    std::vector<std::string> cells;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ','))
      cells.push_back(cell);
    if (cells.size() >= 7 && cells[6] == "1") out[cells[1]] = std::stoi(cells[4]);
  }
  return out;
}

std::string j30_path(const std::string& name) {
  return std::string(CAIRN_SHARED_DIR) + "/data/psplib/j30/" + name + ".sm";
}

TEST(Rcpsp, FindsJ30Optima) {
  ASSERT_TRUE(std::filesystem::exists(j30_path("j301_1")))
      << "no PSPLIB data: ../shared is missing";
  const auto opt = optima();
  for (const char* name : {"j301_1", "j305_7", "j3021_4", "j3037_6", "j3045_3", "j3046_4"}) {
    RcpspInstance in = read_sm(j30_path(name));
    ASSERT_EQ(in.jobs, 32) << name;
    auto sol = solve_rcpsp(in, {.schedules = 5000, .seed = 7});
    ASSERT_TRUE(sol.has_value()) << sol.error().to_string();
    ASSERT_TRUE(opt.contains(name));
    EXPECT_EQ(sol->makespan, opt.at(name)) << name;
    EXPECT_LE(sol->schedules_used, 5000);
    expect_feasible(in, *sol);
  }
}

TEST(Rcpsp, SameSeedSameStarts) {
  ASSERT_TRUE(std::filesystem::exists(j30_path("j3029_9")))
      << "no PSPLIB data: ../shared is missing";
  RcpspInstance in = read_sm(j30_path("j3029_9"));
  RcpspOptions opt{.schedules = 1000, .seed = 42, .stop_at_lower_bound = false};
  auto a = solve_rcpsp(in, opt);
  auto b = solve_rcpsp(in, opt);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->start, b->start);
  EXPECT_EQ(a->schedules_used, b->schedules_used);
  EXPECT_LE(a->schedules_used, 1000);
  EXPECT_GE(a->schedules_used, 998);
  expect_feasible(in, *a);
}

// tiny() with zero-duration milestones: M1 after A and before C, M2 after every other job. Ties
// between a milestone and its neighbours test the tie-breaks of the backward (mirrored) lists.
RcpspInstance tiny_with_milestones() {
  RcpspInstance in = tiny();
  in.jobs = 6;
  in.duration = {3, 2, 2, 2, 0, 0};
  in.demand = {2, 1, 1, 2, 0, 0};
  in.successors = {{2, 4}, {3}, {5}, {5}, {2, 5}, {}};
  return in;
}

// The reflection that feeds the second population: the jobs of a forward schedule by decreasing
// finish, decoded backward, give a feasible schedule no longer; its jobs by start, decoded
// forward, again one no longer than that.
void expect_reflections_shorten(const RcpspInstance& in) {
  using detail::Model;
  using detail::Sgs;
  const Model m = detail::build_model(in);
  Sgs sgs(m);
  std::vector<int> list(m.n), start(m.n), mirrored(m.n), back(m.n), out(in.jobs);
  std::iota(list.begin(), list.end(), 0);  // internal indices are a topological order
  auto feasible = [&](const std::vector<int>& s) {
    for (int j = 0; j < m.n; ++j)
      out[m.original[j]] = s[j];
    std::string why;
    EXPECT_TRUE(is_feasible_rcpsp(in, out, &why)) << why;
  };
  int makespan = sgs.forward(list.data(), start.data());
  feasible(start);
  for (int round = 0; round < 3; ++round) {
    for (int j = 0; j < m.n; ++j)
      mirrored[j] = makespan - start[j] - m.dur[j];
    sgs.order_by_start_desc_index(mirrored.data(), list.data());
    const int backward = sgs.backward(list.data(), back.data());
    EXPECT_LE(backward, makespan);
    feasible(back);
    sgs.order_by_start(back.data(), list.data());
    const int forward = sgs.forward(list.data(), start.data());
    EXPECT_LE(forward, backward);
    feasible(start);
    makespan = forward;
  }
}

TEST(RcpspSgs, ReflectionsAreFeasibleAndNoLonger) {
  expect_reflections_shorten(tiny());
  expect_reflections_shorten(tiny_with_milestones());
  ASSERT_TRUE(std::filesystem::exists(j30_path("j3045_3")))
      << "no PSPLIB data: ../shared is missing";
  for (const char* name : {"j301_1", "j3045_3", "j3029_9"})
    expect_reflections_shorten(read_sm(j30_path(name)));
}

// Cap 1: P (2 periods, no resource), A (1 period) after P, B (3 periods). With the list P, A, B
// the serial SGS starts A at 2 and then fits B only after it, at 3 (makespan 6); the parallel SGS
// starts P and B at 0 (A is not eligible yet) and A when B finishes, at 3 (makespan 4).
TEST(RcpspSgs, ParallelDiffersFromSerialAsTheDefinitionSays) {
  RcpspInstance in;
  in.jobs = 3;
  in.duration = {2, 1, 3};
  in.resources = 1;
  in.capacity = {1};
  in.demand = {0, 1, 1};
  in.successors = {{1}, {}, {}};
  const detail::Model m = detail::build_model(in);
  detail::Sgs sgs(m);
  const int p = m.internal[0], a = m.internal[1], b = m.internal[2];
  std::vector<int> list = {p, a, b}, start(3);
  EXPECT_EQ(sgs.forward(list.data(), start.data()), 6);
  EXPECT_EQ(start[p], 0);
  EXPECT_EQ(start[a], 2);
  EXPECT_EQ(start[b], 3);
  EXPECT_EQ(sgs.forward_parallel(list.data(), start.data()), 4);
  EXPECT_EQ(start[p], 0);
  EXPECT_EQ(start[a], 3);
  EXPECT_EQ(start[b], 0);
  // Backward, list A, B, P (every job after its successors): A finishes last, at 4; B cannot
  // share the resource, so it ends when A starts; P ends there too, at 3, and starts at 1.
  list = {a, b, p};
  EXPECT_EQ(sgs.backward_parallel(list.data(), start.data()), 4);
  EXPECT_EQ(start[a], 3);
  EXPECT_EQ(start[b], 0);
  EXPECT_EQ(start[p], 1);
  // The list B, A, P: B takes the last three periods, A must end before B starts, P before A.
  list = {b, a, p};
  EXPECT_EQ(sgs.backward_parallel(list.data(), start.data()), 6);
  EXPECT_EQ(start[b], 3);
  EXPECT_EQ(start[a], 2);
  EXPECT_EQ(start[p], 0);
}

// The parallel SGS as the textbook states it (Kolisch 1996), written plainly: at each decision
// time, repeatedly start the first job of the list that is eligible (every predecessor finished)
// and fits; then move to the next finish. `backward` runs it on the reversed network and returns
// starts in normal time.
std::vector<int> plain_parallel_sgs(const detail::Model& m, const std::vector<int>& list,
                                    bool backward) {
  const std::vector<int>& off = backward ? m.succ_off : m.pred_off;
  const std::vector<int>& before = backward ? m.succ : m.pred;
  std::vector<int> t_of(m.n, -1);
  int placed = 0;
  int t = 0;
  while (placed < m.n) {
    for (bool again = true; again;) {
      again = false;
      for (int j : list) {
        if (t_of[j] >= 0) continue;
        bool ready = true;
        for (int k = off[j]; k < off[j + 1]; ++k) {
          const int p = before[k];
          ready = ready && t_of[p] >= 0 && t_of[p] + m.dur[p] <= t;
        }
        bool fits = ready;
        for (int tau = t; fits && tau < t + m.dur[j]; ++tau) {
          for (int res = 0; res < m.r; ++res) {
            int load = m.dem[static_cast<size_t>(j) * m.r + res];
            for (int i = 0; i < m.n; ++i) {
              if (t_of[i] >= 0 && t_of[i] <= tau && tau < t_of[i] + m.dur[i])
                load += m.dem[static_cast<size_t>(i) * m.r + res];
            }
            fits = fits && load <= m.cap[res];
          }
        }
        if (fits) {
          t_of[j] = t;
          ++placed;
          again = true;
          break;
        }
      }
    }
    int next = INT32_MAX;
    for (int i = 0; i < m.n; ++i) {
      if (t_of[i] >= 0 && t_of[i] + m.dur[i] > t) next = std::min(next, t_of[i] + m.dur[i]);
    }
    if (placed < m.n) t = next;
  }
  if (!backward) return t_of;
  int makespan = 0;
  for (int j = 0; j < m.n; ++j)
    makespan = std::max(makespan, t_of[j] + m.dur[j]);
  std::vector<int> start(m.n);
  for (int j = 0; j < m.n; ++j)
    start[j] = makespan - t_of[j] - m.dur[j];
  return start;
}

// An instance of `jobs` jobs on `resources` resources, each capacity drawn from
// [cap_lo, cap_lo + cap_span), with every duration, demand and arc still empty.
RcpspInstance blank_instance(Xoshiro256& rng, int jobs, int resources, int cap_lo, int cap_span) {
  RcpspInstance in;
  in.jobs = jobs;
  in.resources = resources;
  in.capacity.assign(resources, 0);
  for (int& c : in.capacity)
    c = cap_lo + rng.below(cap_span);
  in.duration.assign(jobs, 0);
  in.demand.assign(static_cast<size_t>(jobs) * resources, 0);
  in.successors.assign(jobs, {});
  return in;
}

// Random instances with zero-duration jobs and random lists: the fast parallel SGS gives exactly
// the plain one's starts, forward and backward, and feasible schedules.
TEST(RcpspSgs, ParallelMatchesThePlainDefinition) {
  Xoshiro256 rng(2024);
  for (int round = 0; round < 300; ++round) {
    const int jobs = 2 + rng.below(24);
    const int resources = 1 + rng.below(3);
    RcpspInstance in = blank_instance(rng, jobs, resources, 1, 6);
    for (int j = 0; j < in.jobs; ++j) {
      in.duration[j] = rng.below(5) == 0 ? 0 : 1 + rng.below(6);
      for (int k = 0; k < in.resources; ++k)
        in.demand[static_cast<size_t>(j) * in.resources + k] = rng.below(in.capacity[k] + 1);
      for (int s = j + 1; s < in.jobs; ++s) {
        if (rng.below(5) == 0) in.successors[j].push_back(s);
      }
    }
    ASSERT_TRUE(validate_rcpsp(in).has_value());
    const detail::Model m = detail::build_model(in);
    detail::Sgs sgs(m);
    // A random topological order: repeatedly a random job whose predecessors are all listed.
    std::vector<int> list, npred(m.n), ready;
    for (int j = 0; j < m.n; ++j) {
      npred[j] = m.pred_off[j + 1] - m.pred_off[j];
      if (npred[j] == 0) ready.push_back(j);
    }
    while (!ready.empty()) {
      const int at = rng.below(static_cast<int>(ready.size()));
      const int j = ready[at];
      ready.erase(ready.begin() + at);
      list.push_back(j);
      for (int k = m.succ_off[j]; k < m.succ_off[j + 1]; ++k) {
        if (--npred[m.succ[k]] == 0) ready.push_back(m.succ[k]);
      }
    }
    ASSERT_EQ(static_cast<int>(list.size()), m.n);
    std::vector<int> start(m.n), out(in.jobs);
    auto check = [&](int makespan, const std::vector<int>& expected, const char* what) {
      EXPECT_EQ(start, expected) << what << " round " << round;
      int latest = 0;
      for (int j = 0; j < m.n; ++j) {
        out[m.original[j]] = start[j];
        latest = std::max(latest, start[j] + m.dur[j]);
      }
      EXPECT_EQ(makespan, latest) << what << " round " << round;
      std::string why;
      EXPECT_TRUE(is_feasible_rcpsp(in, out, &why)) << what << " round " << round << ": " << why;
    };
    check(sgs.forward_parallel(list.data(), start.data()), plain_parallel_sgs(m, list, false),
          "forward");
    std::reverse(list.begin(), list.end());
    check(sgs.backward_parallel(list.data(), start.data()), plain_parallel_sgs(m, list, true),
          "backward");
  }
}

TEST(Rcpsp, ZeroDurationMilestonesStayInOrder) {
  RcpspInstance in = tiny_with_milestones();
  for (uint64_t seed : {1, 2, 3}) {
    auto sol = solve_rcpsp(in, {.schedules = 300, .seed = seed, .stop_at_lower_bound = false});
    ASSERT_TRUE(sol.has_value()) << sol.error().to_string();
    EXPECT_EQ(sol->makespan, 7);
    expect_feasible(in, *sol);
  }
}

// Instances of 120 jobs reach the large-instance search (self-adapting SGS gene, elite mothers
// late in the run): feasible, within the budget, repeatable for a seed, and no longer than the
// best of a tiny budget.
TEST(Rcpsp, LargeInstancesFeasibleAndRepeatable) {
  Xoshiro256 rng(120);
  for (int round = 0; round < 3; ++round) {
    RcpspInstance in = blank_instance(rng, 122, 4, 8, 8);
    for (int j = 1; j + 1 < in.jobs; ++j) {
      in.duration[j] = 1 + rng.below(10);
      for (int k = 0; k < in.resources; ++k)
        if (rng.below(2) == 0)
          in.demand[static_cast<size_t>(j) * in.resources + k] = 1 + rng.below(in.capacity[k]);
      const int a = j + 1 + rng.below(std::min(12, in.jobs - 1 - j));
      in.successors[j].push_back(a);
      if (rng.below(2) == 0 && a + 1 < in.jobs) in.successors[j].push_back(a + 1);
    }
    for (int j = 1; j + 1 < in.jobs; ++j)
      in.successors[0].push_back(j);
    in.successors[in.jobs - 2].push_back(in.jobs - 1);
    for (auto& s : in.successors) {
      std::sort(s.begin(), s.end());
      s.erase(std::unique(s.begin(), s.end()), s.end());
    }
    ASSERT_TRUE(validate_rcpsp(in).has_value()) << "round " << round;
    RcpspOptions opt{.schedules = 3000, .seed = 7, .stop_at_lower_bound = false};
    auto a = solve_rcpsp(in, opt);
    auto b = solve_rcpsp(in, opt);
    auto small = solve_rcpsp(in, {.schedules = 2, .seed = 7});
    ASSERT_TRUE(a && b && small);
    expect_feasible(in, *a);
    EXPECT_EQ(a->start, b->start) << "round " << round;
    EXPECT_LE(a->schedules_used, 3000);
    EXPECT_GE(a->schedules_used, 2990);
    EXPECT_GE(a->makespan, a->lower_bound);
    EXPECT_LE(a->makespan, small->makespan) << "round " << round;
  }
}

TEST(Rcpsp, TinyBudgetStillFeasible) {
  ASSERT_TRUE(std::filesystem::exists(j30_path("j3045_3")))
      << "no PSPLIB data: ../shared is missing";
  RcpspInstance in = read_sm(j30_path("j3045_3"));
  for (int budget : {1, 2, 3, 10}) {
    auto sol = solve_rcpsp(in, {.schedules = budget});
    ASSERT_TRUE(sol.has_value());
    EXPECT_LE(sol->schedules_used, budget);
    expect_feasible(in, *sol);
  }
}

}  // namespace
}  // namespace cairn::rcpsp

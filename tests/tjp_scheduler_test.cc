// TaskJuggler's scheduler regression files (../shared/data/tjp/scheduler-correct__*.tjp) assert
// their own start and end dates (minstart/maxstart/minend/maxend). This test imports each file,
// schedules it, and checks every assertion of the files whose constructs Cairn supports.
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "io/tjp/tjp_reader.h"
#include "schedule/schedule.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int checked = 0;
  std::vector<std::string> misses;
};

Outcome run(const std::string& name) {
  Outcome out;
  fs::path path = fs::path(CAIRN_SHARED_DIR) / "data/tjp" /
                  (std::string("scheduler-correct__") + name + ".tjp");
  Diagnostics diags;
  auto plan = io::read_tjp(path.string(), diags);
  if (!plan) {
    out.misses.push_back("import failed: " + plan.error().to_string());
    return out;
  }
  schedule::ScheduleOptions options;
  Diagnostics sdiags;
  auto result = schedule::schedule_program(plan->program, options, sdiags);
  if (!result) {
    out.misses.push_back("schedule failed: " + result.error().to_string());
    return out;
  }
  for (const auto& a : plan->tjp_assertions) {
    const auto& item = result->items[a.item.index()];
    const std::string& key = plan->program.item(a.item).key;
    auto check = [&](const char* what, const std::optional<DateTime>& bound, DateTime got,
                     bool upper) {
      if (!bound) return;
      ++out.checked;
      bool ok = upper ? got <= *bound : got >= *bound;
      if (!ok)
        out.misses.push_back(fmt::format("{} {}: {} {} {}", key, what, got.to_string(),
                                         upper ? ">" : "<", bound->to_string()));
    };
    check("start", a.min_start, item.start, false);
    check("start", a.max_start, item.start, true);
    check("end", a.min_end, item.finish, false);
    check("end", a.max_end, item.finish, true);
  }
  return out;
}

class TjpSchedulerCorrect : public ::testing::TestWithParam<std::string> {};

TEST_P(TjpSchedulerCorrect, MatchesTaskJugglersAssertedDates) {
  Outcome o = run(GetParam());
  EXPECT_GT(o.checked, 0);
  std::string all;
  for (const auto& m : o.misses)
    all += "  " + m + "\n";
  EXPECT_TRUE(o.misses.empty()) << o.misses.size() << " of " << o.checked << " assertions missed:\n"
                                << all;
}

INSTANTIATE_TEST_SUITE_P(Shared, TjpSchedulerCorrect,
                         ::testing::Values("Allocate", "Booking", "Depends", "Limits", "Optimize-5",
                                           "Precedes", "Shift"),
                         [](const auto& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace cairn

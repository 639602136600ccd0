#include "forecast/sensitivity.h"

#include <gtest/gtest.h>

namespace cairn::forecast {
namespace {

TEST(Sensitivity, FractionalRanksAverageTies) {
  std::vector<float> v = {3.0f, -1.0f, 3.0f, 0.0f};
  auto r = fractional_ranks(v);
  EXPECT_EQ(r, (std::vector<double>{3.5, 1, 3.5, 2}));
}

TEST(Sensitivity, SpearmanOfMonotoneAndReversed) {
  std::vector<float> a = {1, 2, 3, 4, 5}, b = {10, 20, 25, 70, 100}, c = {5, 4, 3, 2, 1};
  EXPECT_DOUBLE_EQ(spearman(a, b), 1.0);
  EXPECT_DOUBLE_EQ(spearman(a, c), -1.0);
  std::vector<float> flat = {1, 1, 1, 1, 1};
  EXPECT_DOUBLE_EQ(spearman(a, flat), 0.0);
}

}  // namespace
}  // namespace cairn::forecast

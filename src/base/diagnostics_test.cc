#include "base/diagnostics.h"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace cairn {
namespace {

TEST(SomeNames, JoinsUpToFiveThenSaysThereAreMore) {
  EXPECT_EQ(some_names(std::vector<std::string>{}), "");
  EXPECT_EQ(some_names(std::vector<std::string>{"A"}), "A");
  EXPECT_EQ(some_names(std::vector<std::string_view>{"A", "B", "C", "D", "E"}), "A, B, C, D, E");
  EXPECT_EQ(some_names(std::vector<std::string>{"A", "B", "C", "D", "E", "F"}),
            "A, B, C, D, E, ...");
  EXPECT_EQ(some_names(std::vector<std::string>{"A", "B", "C"}, 2), "A, B, ...");
}

}  // namespace
}  // namespace cairn

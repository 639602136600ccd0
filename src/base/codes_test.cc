#include "base/codes.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace cairn::codes {
namespace {

TEST(Codes, IdsAreUniqueAndKebabCase) {
  std::set<std::string_view> seen;
  for (const auto& c : all()) {
    EXPECT_TRUE(seen.insert(c.id).second) << "registered twice: " << c.id;
    ASSERT_FALSE(c.id.empty());
    for (char ch : c.id)
      EXPECT_TRUE((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-') << c.id;
    EXPECT_NE(c.id.front(), '-') << c.id;
    EXPECT_NE(c.id.back(), '-') << c.id;
  }
}

TEST(Codes, FindsRegisteredIdsOnly) {
  ASSERT_NE(find(kFileNotFound), nullptr);
  EXPECT_TRUE(find(kFileNotFound)->unusable);
  ASSERT_NE(find("dependency-cycle"), nullptr);
  EXPECT_FALSE(find(kDependencyCycle)->unusable);
  EXPECT_EQ(find("no-such-code"), nullptr);
  EXPECT_EQ(std::string_view(kConflict), "conflict");
}

}  // namespace
}  // namespace cairn::codes

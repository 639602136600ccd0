#include "server/webhooks.h"

#include <gtest/gtest.h>

namespace cairn::server {
namespace {

// GitHub's documented example (docs.github.com, "Validating webhook deliveries").
constexpr const char* kSecret = "It's a Secret to Everybody";
constexpr const char* kBody = "Hello, World!";
constexpr const char* kSignature =
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

TEST(WebhookSignature, MatchesGithubsExample) {
  EXPECT_TRUE(signature_matches(kSecret, kBody, kSignature));
  std::string upper = kSignature;
  for (size_t i = 7; i < upper.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(upper[i])));
  EXPECT_TRUE(signature_matches(kSecret, kBody, upper));
}

TEST(WebhookSignature, RefusesAnythingElse) {
  EXPECT_FALSE(signature_matches(kSecret, "Hello, World?", kSignature));
  EXPECT_FALSE(signature_matches("It's a secret to everybody", kBody, kSignature));
  EXPECT_FALSE(signature_matches(kSecret, kBody, ""));
  EXPECT_FALSE(signature_matches(kSecret, kBody, std::string(kSignature).substr(7)));  // no sha256=
  EXPECT_FALSE(signature_matches(kSecret, kBody, std::string(kSignature) + "0"));
  std::string flipped = kSignature;
  flipped.back() = flipped.back() == '7' ? '8' : '7';
  EXPECT_FALSE(signature_matches(kSecret, kBody, flipped));
}

}  // namespace
}  // namespace cairn::server

#include "server/access.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>

#include "base/codes.h"

namespace cairn::server {
namespace {

constexpr std::array<const char*, 5> kRoleNames = {"viewer", "member", "manager", "tpm", "admin"};

std::string hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

}  // namespace

const char* to_string(Role role) {
  return kRoleNames[static_cast<size_t>(role)];
}

std::optional<Role> parse_role(std::string_view text) {
  for (size_t i = 0; i < kRoleNames.size(); ++i)
    if (text == kRoleNames[i]) return static_cast<Role>(i);
  return std::nullopt;
}

const char* role_names() {
  return "admin, tpm, manager, member, viewer";
}

Result<std::string> random_hex(size_t n) {
  std::vector<unsigned char> bytes(n);
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    return make_error(codes::kStoreError, "the system's random number generator failed", {},
                      "check that /dev/urandom is readable");
  return hex(bytes.data(), bytes.size());
}

Result<std::string> new_token() {
  auto h = random_hex(32);
  if (!h) return h;
  return "cairn_" + *h;
}

std::string hash_token(std::string_view token) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  EVP_Digest(token.data(), token.size(), md.data(), &n, EVP_sha256(), nullptr);
  return hex(md.data(), n);
}

std::optional<Role> Principal::role_on(std::string_view program) const {
  std::optional<Role> best;
  for (const auto& g : grants) {
    if (!program.empty() && g.program != "*" && g.program != program) continue;
    auto r = parse_role(g.role);
    if (r && (!best || *r > *best)) best = r;
  }
  return best;
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i)  // the scheme is case-insensitive (RFC 9110)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i])))
      return std::nullopt;
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ')
    token.remove_suffix(1);
  if (token.empty() || token.find(' ') != std::string_view::npos) return std::nullopt;
  return token;
}

}  // namespace cairn::server

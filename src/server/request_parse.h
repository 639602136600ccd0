// What `cairn serve` reads from a request, as plain functions of strings (no HTTP library), so the
// server and the fuzz harness run the same code: the query string, paging, If-Match, JSON bodies,
// an item's PATCH fields and the what-if's edits. Each failure is a BadRequest the server sends as
// an RFC 9457 problem naming the bad parameter, header or field. Thread-safe: pure functions.
#pragma once

#include <cstdint>
#include <expected>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/whatif.h"

namespace cairn::server {

using Params = std::multimap<std::string, std::string>;

struct BadRequest {
  int status = 400;    // 400 (malformed), 422 (well-formed but not acceptable)
  std::string title;   // "Bad query parameter"
  std::string detail;  // what is wrong and how to fix it
  std::string param;   // the parameter, header or body field at fault
};
template <typename T>
using Parsed = std::expected<T, BadRequest>;

// The query of a request target ("/x?a=1&b=%20c" or "a=1&b=%20c"): name=value pairs split at '&',
// percent-decoded, '+' as a space. A malformed escape or a NUL is a 400.
Parsed<Params> parse_query(std::string_view target);

// Every parameter must be one of `allowed`, and appear once unless `repeats`.
Parsed<void> check_params(const Params& params, std::span<const std::string_view> allowed,
                          bool repeats = false);

struct Page {
  size_t limit = 100;  // 1..1000
  size_t offset = 0;   // the cursor: 0..2^30
};
Parsed<Page> parse_page(const Params& params);

// The version an If-Match header states: exactly one quoted ETag of digits, "3" (or W/"3").
Parsed<int64_t> parse_if_match(std::string_view header);

// The body as one JSON object (not an array, number or bad JSON); valid UTF-8 only, arrays and
// objects nested at most kMaxBodyDepth deep.
inline constexpr size_t kMaxBodyDepth = 64;
Parsed<nlohmann::ordered_json> parse_json_object(std::string_view body);

// An item's PATCH: only title, state, assignee (strings) and estimate (any JSON; the store checks
// it). 422 naming the field otherwise.
Parsed<void> check_item_patch(const nlohmann::ordered_json& patch);

// The what-if's edits from its query: one parameter per edit kind, spelled as the CLI flag without
// dashes (descope=PAY-103&move-item=PAY-151:jmuller), each may repeat; in the CLI's order.
Parsed<std::vector<analysis::Edit>> parse_whatif_query(const Params& params);

}  // namespace cairn::server

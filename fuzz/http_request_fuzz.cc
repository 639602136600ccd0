// libFuzzer harness for what `cairn serve` reads from a request (server/request_parse.h): the
// query string, paging, If-Match, JSON bodies, an item's PATCH and the what-if's edits. Any bytes
// must give a value or a BadRequest with a status of 400 or 422 and a title, never a crash, a hang
// or a sanitizer report. The first byte picks the reader; the rest is the query, header or body.
// Built and run by `make fuzz`.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/request_parse.h"

namespace {

template <typename T>
void check(const cairn::server::Parsed<T>& r) {
  if (!r && ((r.error().status != 400 && r.error().status != 422) || r.error().title.empty()))
    __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace s = cairn::server;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {  // a request target: query, its parameters, paging and what-if edits
      auto params = s::parse_query(in);
      check(params);
      if (!params) break;
      static constexpr std::array<std::string_view, 4> allowed = {"limit", "offset", "team",
                                                                  "descope"};
      check(s::check_params(*params, allowed, data[0] & 4));
      check(s::parse_page(*params));
      check(s::parse_whatif_query(*params));
      break;
    }
    case 1:
      check(s::parse_if_match(in));
      break;
    default: {  // a JSON body, and an item's PATCH
      auto body = s::parse_json_object(in);
      check(body);
      if (body) check(s::check_item_patch(*body));
      break;
    }
  }
  return 0;
}

#include "server/request_parse.h"

#include <algorithm>
#include <charconv>

namespace cairn::server {
namespace {

BadRequest bad(int status, std::string title, std::string detail, std::string param) {
  return {status, std::move(title), std::move(detail), std::move(param)};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes `in`; false on a malformed escape or a NUL.
bool decode(std::string_view in, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_digit(in[i + 1]), lo = hex_digit(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return false;
    out.push_back(c);
  }
  return true;
}

}  // namespace

Parsed<Params> parse_query(std::string_view target) {
  if (const size_t q = target.find('?'); q != std::string_view::npos)
    target.remove_prefix(q + 1);
  else if (target.starts_with('/'))
    return Params{};
  if (const size_t hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);
  Params out;
  std::string name, value;
  while (!target.empty()) {
    const size_t amp = target.find('&');
    const std::string_view pair = target.substr(0, amp);
    target = amp == std::string_view::npos ? std::string_view{} : target.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    if (!decode(pair.substr(0, eq), name) ||
        !decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), value))
      return std::unexpected(bad(400, "Bad query string",
                                 "'" + std::string(pair) +
                                     "' is not percent-encoded correctly (%XX with two hex "
                                     "digits, no NUL); encode the value",
                                 "query"));
    out.emplace(name, value);
  }
  return out;
}

Parsed<void> check_params(const Params& params, std::span<const std::string_view> allowed,
                          bool repeats) {
  for (const auto& [k, v] : params) {
    bool known = false;
    for (auto a : allowed)
      known = known || k == a;
    if (!known) {
      std::string list;
      for (auto a : allowed)
        list += (list.empty() ? "" : ", ") + std::string(a);
      return std::unexpected(bad(
          400, "Bad query parameter",
          "unknown query parameter '" + k + "'; use " + (list.empty() ? std::string("none") : list),
          k));
    }
    if (!repeats && params.count(k) > 1)
      return std::unexpected(
          bad(400, "Bad query parameter", "'" + k + "' is given more than once; give it once", k));
  }
  return {};
}

Parsed<Page> parse_page(const Params& params) {
  Page page;
  auto number = [&](const char* name, size_t& out, size_t lo, size_t hi) -> Parsed<void> {
    auto it = params.find(name);
    if (it == params.end()) return {};
    const std::string& v = it->second;
    unsigned long long n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi)
      return std::unexpected(bad(400, "Bad query parameter",
                                 std::string(name) + " must be a whole number from " +
                                     std::to_string(lo) + " to " + std::to_string(hi) + ", not '" +
                                     v + "'",
                                 name));
    out = n;
    return {};
  };
  if (auto r = number("limit", page.limit, 1, 1000); !r) return std::unexpected(r.error());
  if (auto r = number("cursor", page.offset, 0, size_t{1} << 30); !r)
    return std::unexpected(r.error());
  return page;
}

Parsed<int64_t> parse_if_match(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  int64_t n = 0;
  if (tag.size() >= 3 && tag.size() <= 20 && tag.front() == '"' && tag.back() == '"') {
    const std::string_view digits = tag.substr(1, tag.size() - 2);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && end == digits.data() + digits.size() && n >= 0 &&
        digits.find_first_not_of("0123456789") == std::string_view::npos)
      return n;
  }
  return std::unexpected(bad(400, "Bad If-Match",
                             "If-Match must be the quoted ETag the entity was read with, e.g. "
                             "\"3\" (one tag, no lists)",
                             "If-Match"));
}

namespace {

// How deep the body's arrays and objects nest (brackets outside strings), counted before parsing:
// the parser copes with any depth, but what walks the document afterwards recurses.
size_t nesting_depth(std::string_view body) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char ch : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (ch == '\\') {
        escaped = true;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((ch == ']' || ch == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

Parsed<nlohmann::ordered_json> parse_json_object(std::string_view body) {
  if (nesting_depth(body) > kMaxBodyDepth)
    return std::unexpected(bad(400, "Bad JSON",
                               "the body nests arrays and objects more than " +
                                   std::to_string(kMaxBodyDepth) +
                                   " levels deep; no entity needs that many",
                               "body"));
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return std::unexpected(bad(400, "Bad JSON",
                               "the body must be one JSON object in UTF-8 (e.g. {\"title\": "
                               "\"...\"}); check its syntax",
                               "body"));
  return j;
}

Parsed<void> check_item_patch(const nlohmann::ordered_json& patch) {
  using T = nlohmann::ordered_json::value_t;
  struct Writable {
    const char* field;
    T type;  // null: any type (the store validates it)
  };
  static constexpr Writable kItemWritable[] = {
      {"title", T::string}, {"state", T::string}, {"assignee", T::string}, {"estimate", T::null}};
  for (const auto& [k, v] : patch.items()) {
    const Writable* w = nullptr;
    for (const auto& c : kItemWritable)
      if (k == c.field) w = &c;
    if (!w)
      return std::unexpected(
          bad(422, "Unknown field",
              "an item's PATCH may set title, state, assignee or estimate, not '" + k + "'", k));
    if (w->type != T::null && v.type() != w->type)
      return std::unexpected(bad(
          422, "Wrong type", "'" + k + "' must be a string, not " + std::string(v.type_name()), k));
  }
  return {};
}

Parsed<std::vector<analysis::Edit>> parse_whatif_query(const Params& params) {
  std::vector<analysis::EditKind> kinds;
  std::vector<std::string_view> names;
  for (int k = 0; k < 32; ++k) {  // every kind the analysis names (to_string gives "?" beyond)
    const auto kind = static_cast<analysis::EditKind>(k);
    if (std::string_view(analysis::to_string(kind)) == "?") continue;
    kinds.push_back(kind);
    names.push_back(analysis::to_string(kind));
  }
  if (auto ok = check_params(params, names, true); !ok) return std::unexpected(ok.error());
  std::vector<analysis::Edit> edits;
  for (size_t i = 0; i < kinds.size(); ++i) {
    auto [lo, hi] = params.equal_range(std::string(names[i]));
    for (auto it = lo; it != hi; ++it) {
      auto e = analysis::parse_edit(kinds[i], it->second);
      if (!e) return std::unexpected(bad(422, "Bad edit", e.error().message, it->first));
      edits.push_back(*e);
    }
  }
  return edits;
}

}  // namespace cairn::server

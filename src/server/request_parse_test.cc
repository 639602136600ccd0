#include "server/request_parse.h"

#include <gtest/gtest.h>

#include "server/access.h"
#include "server/routes.h"

namespace cairn::server {
namespace {

TEST(RequestParse, QueryDecodesAndSplits) {
  auto q = parse_query("/api/v1/x?team=PAY&title=a%20b+c&&flag");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->find("team")->second, "PAY");
  EXPECT_EQ(q->find("title")->second, "a b c");
  EXPECT_EQ(q->find("flag")->second, "");
  EXPECT_EQ(q->size(), 3u);
  EXPECT_TRUE(parse_query("/no/query")->empty());
}

TEST(RequestParse, BadEscapesAreRefused) {
  for (const char* bad : {"/x?a=%", "/x?a=%2", "/x?a=%zz", "/x?a=%00"}) {
    auto q = parse_query(bad);
    ASSERT_FALSE(q) << bad;
    EXPECT_EQ(q.error().status, 400);
    EXPECT_EQ(q.error().param, "query");
  }
}

TEST(RequestParse, PageBounds) {
  EXPECT_EQ(parse_page({{"limit", "5"}, {"cursor", "10"}})->limit, 5u);
  EXPECT_EQ(parse_page({})->limit, 100u);
  for (const char* bad : {"0", "1001", "-1", "5x", "", "99999999999999999999999"}) {
    auto p = parse_page({{"limit", bad}});
    ASSERT_FALSE(p) << bad;
    EXPECT_EQ(p.error().param, "limit");
  }
}

TEST(RequestParse, UnknownOrRepeatedParameters) {
  constexpr std::string_view allowed[] = {"limit"};
  EXPECT_TRUE(check_params({{"limit", "1"}}, allowed));
  EXPECT_EQ(check_params({{"colour", "red"}}, allowed).error().param, "colour");
  EXPECT_EQ(check_params({{"limit", "1"}, {"limit", "2"}}, allowed).error().param, "limit");
}

TEST(RequestParse, IfMatch) {
  EXPECT_EQ(*parse_if_match("\"3\""), 3);
  EXPECT_EQ(*parse_if_match("W/\"12\""), 12);
  for (const char* bad : {"3", "\"\"", "\"3\", \"4\"", "\"-1\"", "\"x\"", "*", "\"3"})
    EXPECT_FALSE(parse_if_match(bad)) << bad;
}

TEST(RequestParse, JsonBodyAndPatchFields) {
  EXPECT_FALSE(parse_json_object("[1]"));
  EXPECT_FALSE(parse_json_object("{bad"));
  EXPECT_FALSE(parse_json_object("\"\xff\""));
  auto ok = parse_json_object(R"({"title":"x","estimate":3})");
  ASSERT_TRUE(ok);
  EXPECT_TRUE(check_item_patch(*ok));
  EXPECT_EQ(check_item_patch({{"colour", "red"}}).error().param, "colour");
  EXPECT_EQ(check_item_patch({{"title", 7}}).error().status, 422);
}

TEST(RequestParse, JsonBodyDepthIsLimited) {
  auto nested = [](size_t depth) {
    return "{\"a\": " + std::string(depth - 1, '[') + std::string(depth - 1, ']') + "}";
  };
  EXPECT_TRUE(parse_json_object(nested(kMaxBodyDepth)));
  auto deep = parse_json_object(nested(kMaxBodyDepth + 1));
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().status, 400);
  EXPECT_EQ(deep.error().param, "body");
  // Brackets inside strings (escaped quotes too) do not nest.
  EXPECT_TRUE(parse_json_object("{\"a\": \"\\\"" + std::string(100, '[') + "\"}"));
}

TEST(RequestParse, WhatifEdits) {
  auto e = parse_whatif_query({{"descope", "PAY-103"}, {"move-item", "PAY-1:ann"}});
  ASSERT_TRUE(e);
  ASSERT_EQ(e->size(), 2u);
  EXPECT_EQ((*e)[0].kind, analysis::EditKind::kMoveItem);  // the CLI's order, not the query's
  EXPECT_EQ(parse_whatif_query({{"explode", "x"}}).error().param, "explode");
  EXPECT_EQ(parse_whatif_query({{"move-item", "nocolon"}}).error().status, 422);
}

TEST(Access, TokensAndRoles) {
  auto a = new_token(), b = new_token();
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->size(), 6u + 64u);
  EXPECT_EQ(hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2
  EXPECT_EQ(*bearer_token("bearer  tok "), "tok");
  EXPECT_FALSE(bearer_token("Basic tok"));
  EXPECT_FALSE(bearer_token("Bearer a b"));
  Principal p{"ann", {{"ATLAS", "member"}, {"*", "viewer"}}};
  EXPECT_EQ(p.role_on("ATLAS"), Role::kMember);
  EXPECT_EQ(p.role_on("OTHER"), Role::kViewer);
  EXPECT_FALSE(Principal{}.role_on("ATLAS"));
}

TEST(Routes, MatchPrefersLiteralSegments) {
  auto m = match_route("GET", "/api/v1/programs/ATLAS/summary");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->handler, Handler::kView);
  m = match_route("GET", "/api/v1/programs/ATLAS/items");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->handler, Handler::kCollection);
  EXPECT_EQ(m.params.at("collection"), "items");
  m = match_route("DELETE", "/healthz");
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.other_method);
  EXPECT_FALSE(match_route("GET", "/api/v1/programs//items").route);
  // An escaped '/' stays inside its segment, and each parameter is decoded.
  m = match_route("PATCH", "/api/v1/programs/ATLAS/items/acme%2Fpay%2342");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.params["key"], "acme/pay#42");
  EXPECT_FALSE(match_route("PATCH", "/api/v1/programs/ATLAS/items/acme/pay%2342").route);
  EXPECT_EQ(match_route("GET", "/api/v1/programs/%41%zz").params["program"], "A%zz");
}

}  // namespace
}  // namespace cairn::server

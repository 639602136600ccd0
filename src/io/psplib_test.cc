#include "io/psplib.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace cairn::io {
namespace {

constexpr const char* kSmall =
    R"(************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  5
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    1
  3      1     2       1    0
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    1
************************************************************************
)";

TEST(Psplib, ParsesSmallFile) {
  auto in = parse_psplib(kSmall, "tiny.sm");
  ASSERT_TRUE(in.has_value()) << in.error().to_string();
  EXPECT_EQ(in->jobs, 4);
  EXPECT_EQ(in->resources, 2);
  EXPECT_EQ(in->duration, (std::vector<int>{0, 3, 2, 0}));
  EXPECT_EQ(in->capacity, (std::vector<int>{2, 1}));
  EXPECT_EQ(in->demand, (std::vector<int>{0, 0, 2, 1, 1, 0, 0, 0}));
  EXPECT_EQ(in->successors[0], (std::vector<int>{1, 2}));
  EXPECT_EQ(in->successors[1], (std::vector<int>{3}));
  EXPECT_TRUE(in->successors[3].empty());
}

TEST(Psplib, AcceptsCrLf) {
  std::string text = kSmall;
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  auto in = parse_psplib(crlf, "tiny.sm");
  ASSERT_TRUE(in.has_value()) << in.error().to_string();
  EXPECT_EQ(in->capacity, (std::vector<int>{2, 1}));
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(Psplib, ErrorNamesLineAndColumn) {
  auto in = parse_psplib(replace(kSmall, "   2        1          1           4",
                                 "   2        1          1           x"),
                         "bad.sm");
  ASSERT_FALSE(in.has_value());
  EXPECT_EQ(in.error().code, "invalid-psplib");
  EXPECT_EQ(in.error().where.file, "bad.sm");
  EXPECT_EQ(in.error().where.line, 15);
  EXPECT_EQ(in.error().where.column, 36);
  EXPECT_NE(in.error().to_string().find("bad.sm:15:36"), std::string::npos);
}

TEST(Psplib, RejectsWrongSuccessorCount) {
  auto in = parse_psplib(replace(kSmall, "   3        1          1           4",
                                 "   3        1          2           4"),
                         "bad.sm");
  ASSERT_FALSE(in.has_value());
  EXPECT_EQ(in.error().where.line, 16);
  EXPECT_NE(in.error().message.find("announces 2 successors but lists 1"), std::string::npos);
}

TEST(Psplib, RejectsSuccessorOutOfRange) {
  auto in = parse_psplib(replace(kSmall, "   2        1          1           4",
                                 "   2        1          1           9"),
                         "bad.sm");
  ASSERT_FALSE(in.has_value());
  EXPECT_NE(in.error().message.find("successor 9 of job 2"), std::string::npos);
}

TEST(Psplib, RejectsMultiModeAndTruncation) {
  auto multi = parse_psplib(replace(kSmall, "   2        1          1           4",
                                    "   2        3          1           4"),
                            "mm.sm");
  ASSERT_FALSE(multi.has_value());
  EXPECT_NE(multi.error().message.find("single-mode"), std::string::npos);

  std::string text = kSmall;
  auto cut = parse_psplib(text.substr(0, text.find("REQUESTS")), "cut.sm");
  ASSERT_FALSE(cut.has_value());
  EXPECT_NE(cut.error().message.find("REQUESTS/DURATIONS"), std::string::npos);

  auto empty = parse_psplib("", "empty.sm");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().where.file, "empty.sm");
}

TEST(Psplib, RejectsDemandAboveCapacity) {
  auto in = parse_psplib(
      replace(kSmall, "  2      1     3       2    1", "  2      1     3       3    1"), "over.sm");
  ASSERT_FALSE(in.has_value());
  EXPECT_EQ(in.error().code, "rcpsp-demand-exceeds-capacity");
  EXPECT_EQ(in.error().where.file, "over.sm");
}

TEST(Psplib, MissingFile) {
  auto in = read_psplib("/nonexistent/x.sm");
  ASSERT_FALSE(in.has_value());
  EXPECT_EQ(in.error().code, "unreadable-file");
}

TEST(Psplib, ParsesReferenceTable) {
  auto refs = parse_psplib_reference(
      "set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal\r\n"
      "j30,j301_1,30,38,43,43,1\r\n"
      "j60,j609_3,60,70,80,78,0\r\n",
      "ref.csv");
  ASSERT_TRUE(refs.has_value()) << refs.error().to_string();
  ASSERT_EQ(refs->size(), 2u);
  EXPECT_EQ((*refs)[0].instance, "j301_1");
  EXPECT_EQ((*refs)[0].best_ub, 43);
  EXPECT_TRUE((*refs)[0].proven_optimal);
  EXPECT_EQ((*refs)[1].set, "j60");
  EXPECT_EQ((*refs)[1].cpm_lb, 70);
  EXPECT_EQ((*refs)[1].best_lb, 78);
  EXPECT_FALSE((*refs)[1].proven_optimal);

  auto bad = parse_psplib_reference("instance,cpm_lb,best_ub\nj301_1,38,x\n", "ref.csv");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().where.line, 2);
  EXPECT_EQ(bad.error().where.column, 11);
  auto no_col = parse_psplib_reference("instance,best_ub\n", "ref.csv");
  ASSERT_FALSE(no_col.has_value());
  EXPECT_NE(no_col.error().message.find("cpm_lb"), std::string::npos);
}

TEST(Psplib, ReadsSharedData) {
  const std::string dir = std::string(CAIRN_SHARED_DIR) + "/data/psplib";
  ASSERT_TRUE(std::filesystem::exists(dir + "/j30/j301_1.sm"))
      << "no PSPLIB data: ../shared is missing";
  auto in = read_psplib(dir + "/j30/j301_1.sm");
  ASSERT_TRUE(in.has_value()) << in.error().to_string();
  EXPECT_EQ(in->jobs, 32);
  EXPECT_EQ(in->capacity, (std::vector<int>{12, 13, 4, 12}));
  EXPECT_EQ(in->duration[1], 8);
  EXPECT_EQ(schedule::critical_path_length(*in), 38);
  auto refs = read_psplib_reference(dir + "/reference/reference.csv");
  ASSERT_TRUE(refs.has_value()) << refs.error().to_string();
  EXPECT_EQ(refs->size(), 960u);
  for (const auto& r : *refs) {
    if (r.instance == "j301_1") {
      EXPECT_EQ(r.cpm_lb, 38);
      EXPECT_EQ(r.best_ub, 43);
    }
  }
}

}  // namespace
}  // namespace cairn::io

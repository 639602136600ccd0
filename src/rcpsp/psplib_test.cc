#include "rcpsp/psplib.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

namespace cairn::rcpsp {
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

// Found by the psplib fuzzer: a count of 22 million jobs in a 30-line file allocated its tables
// and took over 10 s. A count the file cannot hold is an error at once.
TEST(Psplib, RejectsCountsTheFileCannotHold) {
  auto jobs = parse_psplib(replace(kSmall, "sink ):  4", "sink ):  22222322"), "big.sm");
  ASSERT_FALSE(jobs.has_value());
  EXPECT_EQ(jobs.error().where.line, 5);
  EXPECT_NE(jobs.error().message.find("22222322 jobs, but the file has only"), std::string::npos);
  auto res = parse_psplib(replace(kSmall, "renewable                 :  2",
                                  "renewable                 :  "
                                  "900000000"),
                          "big.sm");
  ASSERT_FALSE(res.has_value());
  EXPECT_NE(res.error().message.find("900000000 renewable resources"), std::string::npos);
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
  EXPECT_EQ(critical_path_length(*in), 38);
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

// The head of j30opt.sm: a "Paramter" (sic) header after free text, columns separated by spaces.
constexpr const char* kOpt = R"(==================================================================
Authors' Name           : E. Demeulemeester / W. Herroelen
Instance Set            : j30
Type                    : sm
==================================================================
Research Report:        New benchmark Results for the
                        resource-constrained project scheduling
==================================================================
Paramter Instance Makespan CPU-Time[sec.]
------------------------------------------------------------------
1       1         43       0.30
1       2         47       0.11
12      10        61       1.02
=================================================================

)";

// The head of j60hrs.sm: tab-separated, an empty Date cell, the author after spaces.
constexpr const char* kHrs =
    "solutionlist data/j60hrs.sm\n"
    "==============================\n"
    "Par\tInst\tMakespan\tDate\t\t\tAuthor\n"
    "==============================\n"
    "1\t1\t77\t\tTue Apr  2 16:26:00 1996  R. Kolisch / A. Drexl\n"
    "1\t8\t75\t\tWed Aug 14 12:07:44 1996  Haase / Kohlmorgen / Schmeck\n"
    "48\t10\t70\t\tTue Apr  2 16:26:00 1996  R. Kolisch / A. Drexl\n";

// The head of j60lb.sm: text above the table, "*" marking LB = UB, authors as free text.
constexpr const char* kLb = R"(This files contains the upper bounds (UB) and lower bounds (LB)
for the 60-job problems contained in j60.sm.tgz.

Instances where LB=UB holds, i.e., where the optimal makespan has be
verified to be LB=UB, are marked with an "*".

============================================================================
Par  Inst    UB   LB         Author LB
----------------------------------------------------------------------------
  1   1    77    77    *    
  1   4    91    91    *    Klein & Scholl 	  Brucker & Knust 
  9   1    87    82         Heilmann & Schwindt  Brucker & Knust 
  9   6   111   105         A. Schutt, T. Feydy, P. J. Stuckey, and 
 13   5    97    97         Philippe Laborie
============================================================================
)";

const PsplibReference* find(const std::vector<PsplibReference>& rows, const std::string& name) {
  for (const auto& r : rows)
    if (r.instance == name) return &r;
  return nullptr;
}

TEST(PsplibReference, ParsesOptimaFile) {
  // The name says nothing: the CPU-Time column makes them optima, "Instance Set" names the set.
  auto refs = parse_psplib_reference(kOpt, "solutions.txt");
  ASSERT_TRUE(refs.has_value()) << refs.error().to_string();
  ASSERT_EQ(refs->size(), 3u);
  const PsplibReference& r = (*refs)[1];
  EXPECT_EQ(r.set, "j30");
  EXPECT_EQ(r.instance, "j301_2");
  EXPECT_EQ(r.best_ub, 47);
  EXPECT_EQ(r.best_lb, 47);
  EXPECT_TRUE(r.proven_optimal);
  EXPECT_FALSE(r.cpm_lb.has_value());
  EXPECT_EQ(r.where, (Location{"solutions.txt", 12, 0}));
  EXPECT_EQ((*refs)[2].instance, "j3012_10");
  EXPECT_EQ((*refs)[2].best_ub, 61);
}

TEST(PsplibReference, ParsesHeuristicFile) {
  auto refs = parse_psplib_reference(kHrs, "/tmp/j60hrs.sm");
  ASSERT_TRUE(refs.has_value()) << refs.error().to_string();
  ASSERT_EQ(refs->size(), 3u);
  EXPECT_EQ((*refs)[0].instance, "j601_1");
  EXPECT_EQ((*refs)[1].instance, "j601_8");
  EXPECT_EQ((*refs)[1].best_ub, 75);
  EXPECT_EQ((*refs)[2].instance, "j6048_10");
  for (const auto& r : *refs) {
    EXPECT_EQ(r.set, "j60");
    EXPECT_EQ(r.best_lb, 0) << r.instance;
    EXPECT_FALSE(r.proven_optimal) << r.instance;
  }
  // The set from the file name (before the solutionlist line): j120 names j1201_1.
  auto j120 = parse_psplib_reference(kHrs, "J120HRS.SM");
  ASSERT_TRUE(j120.has_value()) << j120.error().to_string();
  EXPECT_EQ((*j120)[0].instance, "j1201_1");
  // Neither an Instance Set line nor a set in the file name: the solutionlist line.
  auto listed = parse_psplib_reference(kHrs, "upper.txt");
  ASSERT_TRUE(listed.has_value()) << listed.error().to_string();
  EXPECT_EQ((*listed)[0].instance, "j601_1");
  // No sign anywhere: an error that says how to name the file.
  auto unnamed =
      parse_psplib_reference(replace(kHrs, "solutionlist data/j60hrs.sm\n", ""), "upper.txt");
  ASSERT_FALSE(unnamed.has_value());
  EXPECT_EQ(unnamed.error().code, "invalid-psplib-reference");
  EXPECT_NE(unnamed.error().hint.find("j60hrs.sm"), std::string::npos);
}

TEST(PsplibReference, ParsesBoundsFileWithMarks) {
  auto refs = parse_psplib_reference(kLb, "j60lb.sm");
  ASSERT_TRUE(refs.has_value()) << refs.error().to_string();
  ASSERT_EQ(refs->size(), 5u);
  const PsplibReference* marked = find(*refs, "j601_4");
  ASSERT_NE(marked, nullptr);
  EXPECT_EQ(marked->best_ub, 91);
  EXPECT_EQ(marked->best_lb, 91);
  EXPECT_TRUE(marked->proven_optimal);
  const PsplibReference* open = find(*refs, "j609_6");
  ASSERT_NE(open, nullptr);
  EXPECT_EQ(open->best_ub, 111);
  EXPECT_EQ(open->best_lb, 105);
  EXPECT_FALSE(open->proven_optimal);
  EXPECT_EQ(open->where.line, 13);
  // LB = UB without the mark is proven as well.
  const PsplibReference* equal = find(*refs, "j6013_5");
  ASSERT_NE(equal, nullptr);
  EXPECT_TRUE(equal->proven_optimal);
  const PsplibReference* open_too = find(*refs, "j609_1");
  ASSERT_NE(open_too, nullptr);
  EXPECT_FALSE(open_too->proven_optimal);
}

TEST(PsplibReference, MalformedRowsNameLineAndColumn) {
  // A letter in UB (line 11, the "9x" at column 12).
  auto bad = parse_psplib_reference(
      replace(kLb, "  1   4    91    91    *", "  1   4    9x    91    *"), "j60lb.sm");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "invalid-psplib-reference");
  EXPECT_NE(bad.error().to_string().find("j60lb.sm:11:12"), std::string::npos)
      << bad.error().to_string();
  EXPECT_NE(bad.error().message.find("'9x'"), std::string::npos);
  EXPECT_FALSE(bad.error().hint.empty());

  // A "*" where LB < UB.
  auto star = parse_psplib_reference(
      replace(kLb, "  9   1    87    82        ", "  9   1    87    82    *   "), "j60lb.sm");
  ASSERT_FALSE(star.has_value());
  EXPECT_EQ(star.error().where, (Location{"j60lb.sm", 12, 24}));
  EXPECT_NE(star.error().hint.find("remove the '*'"), std::string::npos);

  // LB above UB.
  auto swapped = parse_psplib_reference(replace(kLb, "  9   1    87    82", "  9   1    82    87"),
                                        "j60lb.sm");
  ASSERT_FALSE(swapped.has_value());
  EXPECT_EQ(swapped.error().where, (Location{"j60lb.sm", 12, 18}));

  // A row cut short, tab-separated (tabs count one column each).
  auto cut = parse_psplib_reference(replace(kHrs,
                                            "1\t8\t75\t\tWed Aug 14 12:07:44 1996  Haase / "
                                            "Kohlmorgen / Schmeck",
                                            "1\t8"),
                                    "j60hrs.sm");
  ASSERT_FALSE(cut.has_value());
  EXPECT_EQ(cut.error().where, (Location{"j60hrs.sm", 6, 4}));
  EXPECT_NE(cut.error().message.find("makespan"), std::string::npos);

  // A stray line inside the table.
  auto stray = parse_psplib_reference(
      replace(kOpt, "1       2         47       0.11", "one     2         47       0.11"),
      "j30opt.sm");
  ASSERT_FALSE(stray.has_value());
  EXPECT_EQ(stray.error().where, (Location{"j30opt.sm", 12, 1}));

  // Neither format.
  auto neither = parse_psplib_reference("just some notes\n1 1 43\n", "notes.txt");
  ASSERT_FALSE(neither.has_value());
  EXPECT_EQ(neither.error().where, (Location{"notes.txt", 1, 1}));
  EXPECT_NE(neither.error().hint.find("j60lb.sm"), std::string::npos);

  // A Makespan table that says nothing of its kind, in a file whose name says nothing either.
  auto vague = parse_psplib_reference("Par Inst Makespan\n1 1 43\n", "j30.txt");
  ASSERT_FALSE(vague.has_value());
  EXPECT_EQ(vague.error().where, (Location{"j30.txt", 1, 10}));
  auto named = parse_psplib_reference("Par Inst Makespan\n1 1 43\n", "j30opt.txt");
  ASSERT_TRUE(named.has_value()) << named.error().to_string();
  EXPECT_TRUE((*named)[0].proven_optimal);
}

TEST(PsplibReference, MergesTables) {
  auto csv = parse_psplib_reference(
      "set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal\n"
      "j60,j601_1,60,70,79,60,0\n"
      "j60,j609_1,60,71,88,80,0\n",
      "ref.csv");
  auto hrs = parse_psplib_reference(kHrs, "j60hrs.sm");
  auto lb = parse_psplib_reference(kLb, "j60lb.sm");
  ASSERT_TRUE(csv && hrs && lb);
  std::vector<PsplibReference> rows = *csv;
  rows.insert(rows.end(), hrs->begin(), hrs->end());
  rows.insert(rows.end(), lb->begin(), lb->end());
  auto merged = merge_psplib_references(rows);
  ASSERT_TRUE(merged.has_value()) << merged.error().to_string();
  // One row per instance, in order of first appearance.
  ASSERT_EQ(merged->size(), 7u);
  EXPECT_EQ((*merged)[0].instance, "j601_1");
  EXPECT_EQ((*merged)[1].instance, "j609_1");
  EXPECT_EQ((*merged)[2].instance, "j601_8");
  // j601_1: CSV 79 / 60, hrs 77, lb 77 / 77 "*": the smallest UB, the largest LB, proven; the CSV
  // keeps its cpm_lb and jobs.
  const PsplibReference& a = (*merged)[0];
  EXPECT_EQ(a.best_ub, 77);
  EXPECT_EQ(a.best_lb, 77);
  EXPECT_TRUE(a.proven_optimal);
  EXPECT_EQ(a.cpm_lb, 70);
  EXPECT_EQ(a.jobs, 60);
  EXPECT_EQ(a.where.file, "ref.csv");
  // j609_1: CSV 88 / 80, lb 87 / 82: open.
  const PsplibReference& b = (*merged)[1];
  EXPECT_EQ(b.best_ub, 87);
  EXPECT_EQ(b.best_lb, 82);
  EXPECT_FALSE(b.proven_optimal);
  // j601_8: only hrs.
  EXPECT_EQ((*merged)[2].best_ub, 75);
  EXPECT_EQ((*merged)[2].best_lb, 0);
  EXPECT_FALSE((*merged)[2].cpm_lb.has_value());

  // Proven by best_lb == best_ub across files: an upper bound from one, a lower bound from the
  // other, neither proven alone.
  auto lb2 = parse_psplib_reference("Par Inst UB LB\n1 8 80 75\n", "j60lb.sm");
  ASSERT_TRUE(lb2.has_value()) << lb2.error().to_string();
  EXPECT_FALSE((*lb2)[0].proven_optimal);
  std::vector<PsplibReference> pair = *hrs;
  pair.insert(pair.end(), lb2->begin(), lb2->end());
  auto closed = merge_psplib_references(pair);
  ASSERT_TRUE(closed.has_value()) << closed.error().to_string();
  const PsplibReference* c = find(*closed, "j601_8");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->best_ub, 75);
  EXPECT_EQ(c->best_lb, 75);
  EXPECT_TRUE(c->proven_optimal);

  // A proven optimum above another file's upper bound: the tables disagree.
  auto opt =
      parse_psplib_reference("Paramter Instance Makespan CPU-Time\n1 1 78 0.1\n", "j60opt.sm");
  ASSERT_TRUE(opt.has_value()) << opt.error().to_string();
  std::vector<PsplibReference> clash = *opt;
  clash.insert(clash.end(), hrs->begin(), hrs->end());
  auto conflict = merge_psplib_references(clash);
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, "psplib-reference-conflict");
  EXPECT_NE(conflict.error().message.find("j601_1"), std::string::npos);
  EXPECT_NE(conflict.error().message.find("j60opt.sm:2"), std::string::npos);
  EXPECT_NE(conflict.error().message.find("j60hrs.sm:5"), std::string::npos);
}

std::string shared_reference(const std::string& file) {
  return std::string(CAIRN_SHARED_DIR) + "/data/psplib/reference/" + file;
}

std::map<std::string, PsplibReference> by_instance(const std::vector<PsplibReference>& rows) {
  std::map<std::string, PsplibReference> out;
  for (const auto& r : rows)
    out[r.instance] = r;
  return out;
}

TEST(PsplibReference, SharedJ30OptimaMatchReferenceCsv) {
  ASSERT_TRUE(std::filesystem::exists(shared_reference("j30opt.sm")))
      << "no PSPLIB data: ../shared is missing";
  auto csv = read_psplib_reference(shared_reference("reference.csv"));
  ASSERT_TRUE(csv.has_value()) << csv.error().to_string();
  auto csv_merged = merge_psplib_references(*csv);  // what the bench does with it
  ASSERT_TRUE(csv_merged.has_value()) << csv_merged.error().to_string();
  const auto ref = by_instance(*csv_merged);
  auto opt = read_psplib_reference(shared_reference("j30opt.sm"));
  ASSERT_TRUE(opt.has_value()) << opt.error().to_string();
  ASSERT_EQ(opt->size(), 480u);
  int proven = 0;
  for (const auto& r : *opt) {
    EXPECT_EQ(r.set, "j30");
    proven += r.proven_optimal;
    auto it = ref.find(r.instance);
    ASSERT_NE(it, ref.end()) << r.instance;
    EXPECT_EQ(r.best_ub, it->second.best_ub) << r.instance;
    EXPECT_TRUE(it->second.proven_optimal) << r.instance;
  }
  EXPECT_EQ(proven, 480);
  EXPECT_EQ(by_instance(*opt).size(), 480u);  // 480 distinct names
}

TEST(PsplibReference, SharedJ60BoundsMatchReferenceCsv) {
  ASSERT_TRUE(std::filesystem::exists(shared_reference("j60hrs.sm")))
      << "no PSPLIB data: ../shared is missing";
  auto csv = read_psplib_reference(shared_reference("reference.csv"));
  ASSERT_TRUE(csv.has_value()) << csv.error().to_string();
  const auto ref = by_instance(*csv);
  auto hrs = read_psplib_reference(shared_reference("j60hrs.sm"));
  auto lb = read_psplib_reference(shared_reference("j60lb.sm"));
  ASSERT_TRUE(hrs.has_value()) << hrs.error().to_string();
  ASSERT_TRUE(lb.has_value()) << lb.error().to_string();
  EXPECT_EQ(hrs->size(), 480u);
  EXPECT_EQ(lb->size(), 410u);  // parameters 1-41 only
  std::vector<PsplibReference> rows = *hrs;
  rows.insert(rows.end(), lb->begin(), lb->end());
  auto merged = merge_psplib_references(rows);
  ASSERT_TRUE(merged.has_value()) << merged.error().to_string();
  ASSERT_EQ(merged->size(), 480u);
  const auto in_lb = by_instance(*lb);
  int ub_differ = 0, lb_below = 0, proven = 0, csv_proven = 0;
  for (const auto& r : *merged) {
    auto it = ref.find(r.instance);
    ASSERT_NE(it, ref.end()) << r.instance;
    const PsplibReference& c = it->second;
    EXPECT_EQ(c.set, "j60");
    // Every best_ub of reference.csv for J60 is PSPLIB's.
    if (r.best_ub != c.best_ub) ++ub_differ;
    // The lower bounds: reference.csv has newer ones for some instances, never weaker ones.
    if (in_lb.contains(r.instance)) {
      EXPECT_LE(r.best_lb, c.best_lb) << r.instance;
      if (r.best_lb < c.best_lb) ++lb_below;
    } else {
      EXPECT_EQ(r.best_lb, 0) << r.instance;
    }
    // What PSPLIB proves optimal, reference.csv does as well.
    if (r.proven_optimal) {
      ++proven;
      EXPECT_TRUE(c.proven_optimal) << r.instance;
      EXPECT_EQ(r.best_lb, r.best_ub) << r.instance;
    }
    csv_proven += c.proven_optimal;
  }
  EXPECT_EQ(ub_differ, 0);
  EXPECT_EQ(lb_below, 10);
  EXPECT_EQ(proven, 382);
  EXPECT_EQ(csv_proven, 462);
}

}  // namespace
}  // namespace cairn::rcpsp

#include "io/tjp/tjp_reader.h"

#include <filesystem>
#include <fstream>
#include <map>

#include <gtest/gtest.h>

#include "io/tjp/tjp_lexer.h"
#include "schedule/schedule.h"

namespace cairn::io {

using plan::LoadedPlan;
using plan::TjpAssertion;

namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(CAIRN_SHARED_DIR) + "/data/tjp/";

LoadedPlan read(std::string_view text, Diagnostics& diags, bool validate = false) {
  TjpReadOptions o;
  o.validate = validate;
  auto r = read_tjp_text(text, "test.tjp", diags, o);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
  return r ? std::move(*r) : LoadedPlan{};
}

const WorkItem& item(const LoadedPlan& p, const std::string& key) {
  WorkItemId id = p.program.find_item(key);
  EXPECT_TRUE(id.valid()) << key;
  static WorkItem none;
  return id.valid() ? p.program.item(id) : none;
}

const Diagnostic* find(const Diagnostics& d, const std::string& id, int line = 0) {
  for (const auto& x : d.items())
    if (x.id == id && (line == 0 || x.where.line == line)) return &x;
  return nullptr;
}

std::string dump(const Diagnostics& d) {
  std::string s;
  for (const auto& x : d.items())
    s += format_diagnostic(x) + "\n";
  return s;
}

// The program of `text` in one of its scenarios.
Result<LoadedPlan> read_scenario(const std::string& text, const std::string& scenario,
                                 Diagnostics& d) {
  TjpReadOptions o;
  o.scenario = scenario;
  return read_tjp_text(text, "s.tjp", d, o);
}

DateTime at(const char* text) {
  return *DateTime::parse(text);
}

constexpr const char* kHeader = "project p \"P\" 2025-01-06 +3m\n";

// Lexes `text`, defining macros as the parser does; returns the token texts.
std::vector<std::string> lex_all(std::string_view text, Diagnostics& d) {
  tjp::Lexer lex(d);
  lex.push_file("m.tjp", std::string(text));
  std::vector<std::string> got;
  for (auto t = lex.next(); t.kind != tjp::Tok::kEof; t = lex.next()) {
    if (t.kind == tjp::Tok::kMacroBody) {
      lex.define_macro(got.back(), t.text);
      got.pop_back();
      got.pop_back();
      continue;
    }
    got.push_back(std::string(t.text));
  }
  return got;
}

TEST(TjpLexer, ExpandsMacrosWithArgumentsEscapesAndOptionalCalls) {
  Diagnostics d;
  auto got = lex_all(
      "macro A [ x${1}y ${B \"${2}\"} $${1} ]\nmacro B [ <${1}> ]\n${A \"1\" \"2\"} "
      "${?nothing} t${B \"q\"}\n",
      d);
  EXPECT_EQ(
      got, (std::vector<std::string>{"x1y", "<", "2", ">", "$", "{", "1", "}", "t", "<", "q", ">"}))
      << dump(d);
}

// TaskJuggler's macros are textual: what is glued to a call joins its expansion in one token.
TEST(TjpLexer, MacroExpansionIsTextual) {
  Diagnostics d;
  auto got = lex_all(
      "macro content [f]\nmacro major [20]\nmacro y [2013]\nmacro t [Fedora]\n"
      "macro P [${content}${major}]\nmacro N [x${1}]\n"
      "project ${content}${major} \"${t} ${major}\" ${y}-05-01 - ${y}-12-31\n"
      "a${major}b ${P}.c ${N \"1\"}${N \"2\"} ${major}\n",
      d);
  EXPECT_EQ(got, (std::vector<std::string>{"project", "f20", "Fedora 20", "2013-05-01", "-",
                                           "2013-12-31", "a20b", "f20.c", "x1x2", "20"}))
      << dump(d);
  EXPECT_TRUE(d.empty()) << dump(d);
}

// tj3 expands macros as it reads, also in a -8<- string: a macro's text joins the string, and
// the closing ->8- may come from a macro, what follows it there being read next (tj3's own
// ReportGenerator/Macros.tjp, which Cairn rejected as an unterminated string).
TEST(TjpLexer, ScissorsStringMayBeClosedByAMacro) {
  Diagnostics d;
  auto got = lex_all(
      "macro n4 [is a]\nmacro n5 [This\n  is ${n4}\n  note\n  ->8- after]\n"
      "note -8<-\n  This\n  ${n4}\n  note\n  ->8-\n"
      "note -8<-\n  ${n5} end\n",
      d);
  EXPECT_EQ(got, (std::vector<std::string>{"note", "This\nis a\nnote\n", "note",
                                           "This\nis is a\nnote\n", "after", "end"}))
      << dump(d);
  EXPECT_TRUE(d.empty()) << dump(d);
  Diagnostics bad;
  lex_all("macro n [x]\nnote -8<-\n  ${n}\n", bad);
  EXPECT_TRUE(bad.has("tjp-syntax")) << dump(bad);  // still unterminated
}

TEST(TjpReader, AdjacentMacroCallsMakeOneId) {
  Diagnostics d;
  auto p = read(
      "macro content [f]\nmacro major [20]\nmacro start_date [2013-04-30]\n"
      "project ${content}${major} \"Fedora\" \"${major}\" ${start_date} - 2014-12-31\n"
      "task ${content}${major}_a \"A ${content}${major}\" { length 2d }\n",
      d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(p.program.key, "f20");
  EXPECT_EQ(item(p, "f20_a").title, "A f20");
}

TEST(TjpLexer, ScansDatesTimesNumbersAndStrings) {
  Diagnostics d;
  tjp::Lexer lex(d);
  lex.push_file("t.tjp",
                "2007-04-9-9:00 2011-11-11-0:00--0500 9:00 4.5 12 'a\\'b' \"c\" -8<-\n  x\n  y\n  "
                "->8- /* c */ # c\n// c\nend");
  std::vector<std::pair<tjp::Tok, std::string>> got;
  for (auto t = lex.next(); t.kind != tjp::Tok::kEof; t = lex.next())
    got.emplace_back(t.kind, std::string(t.text));
  using T = tjp::Tok;
  std::vector<std::pair<tjp::Tok, std::string>> want = {{T::kDate, "2007-04-9-9:00"},
                                                        {T::kDate, "2011-11-11-0:00--0500"},
                                                        {T::kTime, "9:00"},
                                                        {T::kFloat, "4.5"},
                                                        {T::kInteger, "12"},
                                                        {T::kString, "a'b"},
                                                        {T::kString, "c"},
                                                        {T::kString, "x\ny\n"},
                                                        {T::kId, "end"}};
  EXPECT_EQ(got, want);
  EXPECT_TRUE(d.empty()) << dump(d);
}

TEST(TjpReader, ProjectCalendarAndUnits) {
  Diagnostics d;
  auto p = read(std::string("project prog \"Prog\" 2025-01-06 - 2025-06-30 {\n"
                            "  dailyworkinghours 6\n"
                            "  workinghours mon - thu 8:00 - 12:00, 13:00 - 15:00\n"
                            "  workinghours fri, sat off\n"
                            "  currency \"USD\"\n"
                            "}\n"
                            "vacation \"Holiday\" 2025-04-18 +2d\n"
                            "task a \"A\" { effort 1w }\n"
                            "task b \"B\" { effort 3h }\n"
                            "task c \"C\" { duration 1w }\n"
                            "task e \"E\" { length 2d }\n"),
                d);
  const Program& pr = p.program;
  EXPECT_EQ(pr.key, "prog");
  EXPECT_EQ(pr.start, Date::from_ymd(2025, 1, 6));
  EXPECT_EQ(pr.currency, "USD");
  EXPECT_EQ(pr.calendar.day_minutes(), 360);
  EXPECT_EQ(pr.calendar.hours(Weekday::kMonday).size(), 2u);
  EXPECT_TRUE(pr.calendar.hours(Weekday::kFriday).empty());
  EXPECT_TRUE(pr.calendar.is_holiday(Date::from_ymd(2025, 4, 19)));
  EXPECT_FALSE(pr.calendar.is_holiday(Date::from_ymd(2025, 4, 20)));
  EXPECT_EQ(item(p, "a").estimate->likely, 5);  // 1w = 5 working days
  EXPECT_EQ(item(p, "a").basis, EstimateBasis::kEffort);
  EXPECT_DOUBLE_EQ(item(p, "b").estimate->likely, 0.5);  // 3h of a 6h day
  EXPECT_EQ(item(p, "c").estimate->likely, 7);           // duration: calendar days
  EXPECT_EQ(item(p, "c").basis, EstimateBasis::kDuration);
  EXPECT_EQ(item(p, "e").basis, EstimateBasis::kLength);
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, ResourceGroupsBecomeTeams) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "rate 300\n"
                    "resource boss \"Boss\"\n"
                    "resource dev \"Developers\" {\n"
                    "  vacation 2025-02-03 - 2025-02-05\n"
                    "  resource d1 \"D1\" { email \"d1@x\" rate 400 }\n"
                    "  resource sub \"Sub\" { resource d2 \"D2\" { limits { dailymax 4h } } }\n"
                    "  resource d3 \"D3\" { workinghours mon - fri 10:00 - 14:00 }\n"
                    "}\n",
                d);
  const Program& pr = p.program;
  ASSERT_EQ(pr.teams.size(), 1u);
  EXPECT_EQ(pr.teams[0].key, "dev");
  ASSERT_EQ(pr.people.size(), 4u);
  const Person& boss = pr.person(pr.find_person("boss"));
  EXPECT_FALSE(boss.team.valid());
  EXPECT_EQ(boss.cost_per_day, 300);
  const Person& d1 = pr.person(pr.find_person("d1"));
  EXPECT_EQ(d1.team, pr.find_team("dev"));
  EXPECT_EQ(d1.email, "d1@x");
  EXPECT_EQ(d1.cost_per_day, 400);
  ASSERT_EQ(d1.leave.size(), 1u);  // inherited from the group; the end date is exclusive
  EXPECT_EQ(d1.leave[0].dates.to, Date::from_ymd(2025, 2, 4));
  const Person& d2 = pr.person(pr.find_person("d2"));
  EXPECT_EQ(d2.team, pr.find_team("dev"));  // nested groups flatten into the top team
  // dailymax 4h: tj3 books whole slots until the day's count is reached, so a forward schedule
  // uses the first 4 working hours of each day (not half of every hour).
  EXPECT_EQ(d2.allocation, 100);
  ASSERT_TRUE(d2.calendar.has_value());
  EXPECT_EQ(d2.calendar->working_minutes(Date::from_ymd(2025, 1, 6)), 240);
  const Person& d3 = pr.person(pr.find_person("d3"));
  ASSERT_TRUE(d3.calendar.has_value());
  EXPECT_EQ(d3.calendar->working_minutes(Date::from_ymd(2025, 1, 6)), 240);
  EXPECT_FALSE(pr.find_person("sub").valid());
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, ShiftsForAPeriodBookingsAndLimits) {
  Diagnostics d;
  auto p = read(
      "project p \"P\" 2025-01-06 +3m { now 2025-01-20 }\n"
      "shift night \"Night\" { workinghours mon - fri 20:00 - 24:00 vacation 2025-01-08 }\n"
      "shift rep \"Rep\" { vacation 2025-02-05 replace }\n"
      "resource g \"G\" {\n"
      "  shifts night 2025-01-06 +2w\n"
      "  resource a \"A\" { shifts rep 2025-02-03 +1w }\n"
      "}\n"
      "resource b \"B\"\n"
      "task c \"C\" {\n"
      "  limits { weeklymax 20h monthlymax 10d { period 2025-02-01 - 2025-03-01 } }\n"
      "  task t \"T\" {\n"
      "    effort 5d\n"
      "    allocate a, b { shifts night 2025-01-13 +1w }\n"
      "    shifts night\n"
      "    booking a 2025-01-07 +1d, 2025-01-08 +1d { sloppy 2 overtime 1 }\n"
      "  }\n"
      "}\n"
      "supplement resource b { booking c.t 2025-01-09-09:00 +4h }\n",
      d);
  const Program& pr = p.program;
  EXPECT_EQ(pr.as_of, Date::from_ymd(2025, 1, 20));  // bookings describe the work up to now
  const Person& a = pr.person(pr.find_person("a"));
  ASSERT_EQ(a.shifts.size(), 2u);  // the group's shift, inherited, and its own
  EXPECT_EQ(a.shifts[0].dates.to, Date::from_ymd(2025, 1, 19));
  EXPECT_EQ(a.shifts[0].hours[0], (std::vector<TimeRange>{{20 * 60, 24 * 60}}));
  EXPECT_TRUE(a.shifts[0].hours[5].empty());
  EXPECT_EQ(a.shifts[0].leave, std::vector<Date>{Date::from_ymd(2025, 1, 8)});
  EXPECT_TRUE(a.shifts[1].replace);
  EXPECT_EQ(a.shifts[1].hours[0], (std::vector<TimeRange>{{9 * 60, 17 * 60}}));  // the project's
  const WorkItem& c = item(p, "c");
  ASSERT_EQ(c.limits.size(), 2u);  // on the container: shared by its subtasks
  EXPECT_EQ(c.limits[0].per, WorkLimit::Per::kWeek);
  EXPECT_EQ(c.limits[0].hours, 20);
  EXPECT_EQ(c.limits[1].per, WorkLimit::Per::k30Days);
  EXPECT_EQ(c.limits[1].from, Date::from_ymd(2025, 2, 1));
  EXPECT_EQ(c.limits[1].until, Date::from_ymd(2025, 3, 1));
  const WorkItem& t = item(p, "c.t");
  ASSERT_EQ(t.allocations.size(), 2u);
  EXPECT_TRUE(t.allocations[0].shifts.empty());
  ASSERT_EQ(t.allocations[1].shifts.size(), 1u);
  EXPECT_EQ(t.allocations[1].shifts[0].dates.from, Date::from_ymd(2025, 1, 13));
  ASSERT_EQ(t.shifts.size(), 1u);  // no period: the whole project
  EXPECT_EQ(t.shifts[0].dates.from, Date::from_ymd(2025, 1, 6));
  EXPECT_GE(t.shifts[0].dates.to, Date::from_ymd(2025, 4, 5));
  ASSERT_EQ(t.bookings.size(), 3u);  // sorted by start; one from the supplement
  EXPECT_EQ(t.bookings[0].counts, BookingCounts::kOffHours);
  EXPECT_EQ(t.bookings[2].person, pr.find_person("b"));
  EXPECT_EQ(t.bookings[2].end.to_string(), "2025-01-09T13:00:00Z");
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_FALSE(d.has("tjp-unsupported")) << dump(d);
}

TEST(TjpReader, TasksNestInheritAndAllocate) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "resource r1 \"R1\"\nresource r2 \"R2\"\nresource r3 \"R3\"\n"
                    "resource g \"G\" { resource g1 \"G1\"\n resource g2 \"G2\" }\n"
                    "task top \"Top\" {\n"
                    "  priority 700\n  start 2025-02-03\n  allocate r1\n"
                    "  task a \"A\" { effort 4d allocate r2 { alternative r3 } }\n"
                    "  task b \"B\" { effort 2d complete 50 }\n"
                    "  task m \"M\" { milestone maxend 2025-03-01 }\n"
                    "  task c \"C\" { effort 2d allocate g { mandatory } complete 100 }\n"
                    "}\n"
                    "task \"Anonymous\" { effort 1d }\n",
                d);
  const WorkItem& top = item(p, "top");
  EXPECT_EQ(top.kind, WorkItemKind::kEpic);
  const WorkItem& a = item(p, "top.a");
  EXPECT_EQ(a.parent, p.program.find_item("top"));
  EXPECT_EQ(a.priority, 700);
  EXPECT_EQ(a.start_no_earlier_than, DateTime::from_date(Date::from_ymd(2025, 2, 3)));
  ASSERT_EQ(a.allocations.size(), 2u);  // inherited r1, then r2 or r3
  EXPECT_EQ(a.allocations[1].candidates.size(), 2u);
  const WorkItem& b = item(p, "top.b");
  EXPECT_EQ(b.assignee, p.program.find_person("r1"));
  // `complete` is for reports in TaskJuggler: the item is planned in full, where it belongs.
  EXPECT_EQ(b.state, "");
  EXPECT_FALSE(b.remaining);
  EXPECT_DOUBLE_EQ(b.estimate->likely, 2.0);
  const WorkItem& m = item(p, "top.m");
  EXPECT_EQ(m.estimate->likely, 0);
  ASSERT_EQ(p.program.milestones.size(), 1u);
  EXPECT_EQ(p.program.milestones[0].key, "top.m");
  // `maxend 2025-03-01` (00:00): a milestone may still be at 00:00 of that day.
  EXPECT_EQ(p.program.milestones[0].deadline, Date::from_ymd(2025, 3, 1));
  const WorkItem& c = item(p, "top.c");
  ASSERT_EQ(c.allocations.size(), 3u);  // r1 + both members of g
  EXPECT_TRUE(c.allocations[1].mandatory);
  EXPECT_EQ(c.state, "");
  // tj3 3.7: _Task_<sequence number of the task> (the sixth task here; top.a is the second).
  EXPECT_TRUE(p.program.find_item("_Task_6").valid());
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, DependencyTypesGapsAndRelativeIds) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "task g \"G\" {\n"
                    "  task a \"A\" { length 1d }\n"
                    "  task b \"B\" { length 1d depends !a { gapduration 1w } }\n"
                    "  task c \"C\" { length 1d depends !a { onstart gaplength 2d } }\n"
                    "  task s \"S\" { task x \"X\" { length 1d depends !!a } }\n"
                    "}\n"
                    "task d \"D\" { duration 1d precedes g.a }\n"
                    "task e \"E\" { duration 1d precedes g.b { onend } end 2025-03-01 }\n"
                    "task f \"F\" { length 1d depends g.c }\n",
                d);
  const Program& pr = p.program;
  auto dep = [&](const std::string& from, const std::string& to) -> const Dependency* {
    for (const auto& x : pr.dependencies)
      if (x.predecessor == pr.find_item(from) && x.successor == pr.find_item(to)) return &x;
    return nullptr;
  };
  ASSERT_NE(dep("g.a", "g.b"), nullptr);
  EXPECT_EQ(dep("g.a", "g.b")->type, DependencyType::kFinishStart);
  EXPECT_EQ(dep("g.a", "g.b")->lag, 7);
  EXPECT_EQ(dep("g.a", "g.b")->lag_unit, LagUnit::kCalendarDays);
  ASSERT_NE(dep("g.a", "g.c"), nullptr);
  EXPECT_EQ(dep("g.a", "g.c")->type, DependencyType::kStartStart);
  EXPECT_EQ(dep("g.a", "g.c")->lag, 2);
  EXPECT_EQ(dep("g.a", "g.c")->lag_unit, LagUnit::kWorkingDays);
  EXPECT_NE(dep("g.a", "g.s.x"), nullptr);
  // `d precedes g.a` (g.a forward, d without an end): d ends at g.a's start, written as
  // g.a -> d start-finish; d is placed forward to end there. e has an end: it stays ALAP.
  EXPECT_EQ(dep("d", "g.a"), nullptr);
  ASSERT_NE(dep("g.a", "d"), nullptr);
  EXPECT_EQ(dep("g.a", "d")->type, DependencyType::kStartFinish);
  EXPECT_FALSE(item(p, "d").alap);
  ASSERT_NE(dep("e", "g.b"), nullptr);
  EXPECT_EQ(dep("e", "g.b")->type, DependencyType::kFinishFinish);
  EXPECT_TRUE(item(p, "e").alap);
  EXPECT_EQ(item(p, "e").finish_no_later_than, DateTime::from_date(Date::from_ymd(2025, 3, 1)));
  EXPECT_FALSE(item(p, "f").alap);
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, AlapWithoutEndEndsAtTheProjectEnd) {
  Diagnostics d;
  auto p = read(
      "project p \"P\" 2025-01-06 - 2025-03-03\n"
      "task a \"A\" { length 2d scheduling alap }\n"
      "task b \"B\" { end 2025-02-01 task c \"C\" { length 1d scheduling alap } }\n"
      "task m \"M\" { milestone scheduling alap }\n"
      "task f \"F\" { length 1d }\n"
      "task g \"G\" { length 1d precedes f }\n",
      d);
  const DateTime end = DateTime::from_date(Date::from_ymd(2025, 3, 3));
  EXPECT_EQ(item(p, "a").finish_no_later_than, end);
  EXPECT_EQ(item(p, "m").finish_no_later_than, end);
  // An ancestor's end still comes first; ASAP items get no end.
  EXPECT_EQ(item(p, "b.c").finish_no_later_than, DateTime::from_date(Date::from_ymd(2025, 2, 1)));
  EXPECT_FALSE(item(p, "f").finish_no_later_than.has_value());
  EXPECT_FALSE(item(p, "g").finish_no_later_than.has_value());  // ends before its successor
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, MilestoneMaxendAtMidnightAllowsThatDay) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "task m \"M\" { start ${projectstart} maxend ${projectstart} }\n"
                    "task t \"T\" { length 1d maxend 2025-01-08 }\n",
                d, /*validate=*/true);
  ASSERT_EQ(p.program.milestones.size(), 1u);
  EXPECT_EQ(p.program.milestones[0].deadline, Date::from_ymd(2025, 1, 6));
  EXPECT_EQ(item(p, "m").due, Date::from_ymd(2025, 1, 6));
  // A task ending at 00:00 has its last day before it.
  EXPECT_EQ(item(p, "t").due, Date::from_ymd(2025, 1, 7));
  EXPECT_EQ(find(d, "deadline-before-start"), nullptr) << dump(d);
}

TEST(TjpReader, TaskWithOnlyBookingsSpansThem) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "resource r \"R\"\n"
                    "task s \"S\" {\n  booking r 2025-01-07-9:00 +4h, 2025-01-08-9:00 +8h\n"
                    "  scheduled\n}\n",
                d);
  const WorkItem& s = item(p, "s");
  EXPECT_TRUE(p.program.milestones.empty());
  EXPECT_EQ(s.basis, EstimateBasis::kDuration);
  EXPECT_EQ(s.start_no_earlier_than, at("2025-01-07T09:00"));
  EXPECT_DOUBLE_EQ(s.estimate->likely, 32.0 / 24);  // 07 09:00 .. 08 17:00
  EXPECT_FALSE(d.has_errors()) << dump(d);
  // The status date is `now` (the project start), before the bookings: the item keeps their span
  // (none of it has elapsed yet, so nothing is added).
  Diagnostics sd;
  auto r = schedule::schedule_program(p.program, {}, sd);
  ASSERT_TRUE(r.has_value());
  const auto& got = r->items[p.program.find_item("s").index()];
  EXPECT_EQ(got.start, at("2025-01-07T09:00"));
  EXPECT_EQ(got.finish, at("2025-01-08T17:00"));
}

// Read as tj3 reads them (testdata/tjp/semantics has each with tj3's dates): a leave list names
// each element's type; hours off the 60-minute slots become the slots that start within them,
// with a warning; timingresolution or timezone after workinghours brings back the default week.
TEST(TjpReader, LeaveListsSlotHoursAndTheWorkingHoursReset) {
  Diagnostics d;
  auto p = read(std::string("project prog \"Prog\" 2025-01-06 - 2025-06-30 {\n"  // 1
                            "  workinghours mon - fri 09:00 - 15:30\n"           // 2
                            "}\n"                                                // 3
                            "leaves holiday \"A\" 2025-01-07, holiday \"B\" 2025-01-09\n"
                            "task a \"A\" { effort 1d }\n"),
                d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_TRUE(p.program.calendar.is_holiday(Date::from_ymd(2025, 1, 7)));
  EXPECT_TRUE(p.program.calendar.is_holiday(Date::from_ymd(2025, 1, 9)));
  const auto& mon = p.program.calendar.hours(Weekday::kMonday);
  ASSERT_EQ(mon.size(), 1u);
  EXPECT_EQ(mon[0].end_minute, 16 * 60);  // the 15:00 slot starts within the hours
  const Diagnostic* w = find(d, "tjp-working-hours-slots", 2);
  ASSERT_NE(w, nullptr) << dump(d);
  EXPECT_NE(w->message.find("09:00 - 16:00"), std::string::npos) << w->message;

  Diagnostics d2;
  auto q = read(std::string("project prog \"Prog\" 2025-01-06 - 2025-06-30 {\n"  // 1
                            "  workinghours mon - fri 16:00 - 18:00\n"           // 2
                            "  timezone \"UTC\"\n"                               // 3
                            "}\n"
                            "task a \"A\" { effort 1d }\n"),
                d2);
  const auto& hours = q.program.calendar.hours(Weekday::kMonday);
  ASSERT_EQ(hours.size(), 1u);
  EXPECT_EQ(hours[0].start_minute, 9 * 60);
  EXPECT_EQ(hours[0].end_minute, 17 * 60);
  w = find(d2, "tjp-working-hours-reset", 3);
  ASSERT_NE(w, nullptr) << dump(d2);
  EXPECT_NE(w->message.find(":2"), std::string::npos) << w->message;  // where the hours were
  // Set first, the resolution keeps the hours written after it.
  Diagnostics d3;
  auto r = read(std::string("project prog \"Prog\" 2025-01-06 - 2025-06-30 {\n"
                            "  timingresolution 60min\n"
                            "  workinghours mon - fri 16:00 - 18:00\n"
                            "}\n"
                            "task a \"A\" { effort 1d }\n"),
                d3);
  EXPECT_EQ(r.program.calendar.hours(Weekday::kMonday)[0].start_minute, 16 * 60);
  EXPECT_EQ(find(d3, "tjp-working-hours-reset", 2), nullptr);
}

// A hammock (a leaf without work between a `depends` and a `precedes`, here its container's)
// spans them as in tj3: an epic over a start point and an end point, the end point as late as
// possible before what it precedes (testdata/tjp/semantics/spans_precedes.tjp has tj3's dates).
TEST(TjpReader, HammockTaskSpansItsStartAndEnd) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +                       // line 1
                    "task m1 \"M1\" { start 2025-02-03 }\n"  // 2
                    "task m2 \"M2\" { start 2025-03-03 }\n"  // 3
                    "task p \"P\" {\n"                       // 4
                    "  depends m1\n  precedes m2\n"          // 5, 6
                    "  task f \"F\" { }\n"                   // 7
                    "}\n",
                d);
  EXPECT_EQ(find(d, "tjp-unsupported", 7), nullptr) << dump(d);
  EXPECT_EQ(find(d, "tjp-unsupported", 2), nullptr);
  EXPECT_EQ(item(p, "p.f").kind, WorkItemKind::kEpic);
  const WorkItem& from = item(p, "p.f.start");
  const WorkItem& to = item(p, "p.f.end");
  EXPECT_EQ(from.parent, p.program.find_item("p.f"));
  EXPECT_EQ(from.estimate->likely, 0);
  EXPECT_FALSE(from.alap);
  EXPECT_EQ(to.parent, p.program.find_item("p.f"));
  // `precedes m2` turned onto the end point: it ends where m2 starts.
  const bool anchored = std::any_of(p.program.dependencies.begin(), p.program.dependencies.end(),
                                    [&](const Dependency& x) {
                                      return x.predecessor == p.program.find_item("m2") &&
                                             x.successor == p.program.find_item("p.f.end") &&
                                             x.type == DependencyType::kStartFinish;
                                    });
  EXPECT_TRUE(anchored);
}

// Cairn's TaskJuggler order takes each slot's first free candidate: `persistent` with
// alternatives is not followed and says so; on a lone resource it changes nothing and is quiet.
TEST(TjpReader, PersistentIsReadIntoTheSeat) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +                        // 1
                    "resource a \"A\"\nresource b \"B\"\n" +  // 2, 3
                    "task t \"T\" { effort 1d allocate a { persistent alternative b } }\n" +  // 4
                    "task u \"U\" { effort 1d allocate a, b { alternative a } }\n",           // 5
                d);
  EXPECT_EQ(find(d, "tjp-unsupported", 4), nullptr) << dump(d);
  const auto& t = item(p, "t");
  ASSERT_EQ(t.allocations.size(), 1u);
  EXPECT_EQ(t.allocations[0].candidates.size(), 2u);
  EXPECT_TRUE(t.allocations[0].persistent);
  const auto& u = item(p, "u");
  ASSERT_EQ(u.allocations.size(), 2u);
  EXPECT_FALSE(u.allocations[1].persistent);
}

TEST(TjpReader, PurgeOfAnotherScenarioWarnsAndKeepsParsing) {
  Diagnostics d;
  auto p = read(
      "project p \"P\" 2025-01-06 +3m {\n"  // 1
      "  scenario s1 \"S1\" { scenario s2 \"S2\" }\n"
      "}\n"
      "resource r1 \"R1\"\nresource r2 \"R2\"\n"  // 4, 5
      "task t \"T\" {\n"                          // 6
      "  allocate r1\n"
      "  task a \"A\" {\n"       // 8
      "    purge s2:allocate\n"  // 9
      "    s2:allocate r2\n"     // 10
      "    effort 2d\n"
      "  }\n"
      "  task b \"B\" { purge s1:allocate allocate r2 effort 1d }\n"
      "}\n",
      d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_NE(find(d, "tjp-unsupported", 9), nullptr) << dump(d);
  EXPECT_NE(find(d, "tjp-unsupported", 10), nullptr) << dump(d);
  // The top scenario's allocation is the inherited one; `purge s1:` clears it.
  EXPECT_EQ(item(p, "t.a").assignee, p.program.find_person("r1"));
  EXPECT_EQ(item(p, "t.b").assignee, p.program.find_person("r2"));
}

TEST(TjpReader, UnsupportedConstructsWarnWithKeywordAndLine) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +                                        // line 1
                    "resource r \"R\"\n"                                      // 2
                    "task t \"T\" {\n"                                        // 3
                    "  effort 2d\n"                                           // 4
                    "  booking r 2025-01-06 +4h,\n"                           // 5
                    "          2025-01-07 +4h { sloppy 2 }\n"                 // 6
                    "  note \"n\"\n"                                          // 7
                    "  allocate r\n"                                          // 8
                    "}\n"                                                     // 9
                    "taskreport x \"X\" {\n  columns name, start, end\n}\n",  // 10
                d);
  // Bookings are imported (one per interval); `note` is not.
  EXPECT_EQ(find(d, "tjp-unsupported", 5), nullptr) << dump(d);
  ASSERT_EQ(item(p, "t").bookings.size(), 2u);
  EXPECT_EQ(item(p, "t").bookings[1].counts, BookingCounts::kWorkingTime);
  const Diagnostic* b = find(d, "tjp-unsupported", 7);
  ASSERT_NE(b, nullptr) << dump(d);
  EXPECT_NE(b->message.find("'note'"), std::string::npos);
  EXPECT_EQ(b->severity, Severity::kWarning);
  EXPECT_NE(find(d, "tjp-unsupported", 10), nullptr);
  // The statements after the skipped ones still count.
  EXPECT_EQ(item(p, "t").assignee, p.program.find_person("r"));
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, ErrorsNameTheLineAndHaveStableIds) {
  Diagnostics d;
  read(std::string(kHeader) +
           "resource dev1 \"Dev\"\n"
           "task t \"T\" { effort 2d allocate dev2 }\n"    // line 3
           "task u \"U\" { effort 2d depends nothere }\n"  // line 4
           "task v \"V\" { effort 2 }\n"                   // line 5
           "${Missing}\n",                                 // line 6
       d);
  const Diagnostic* r = find(d, "tjp-unknown-resource", 3);
  ASSERT_NE(r, nullptr) << dump(d);
  EXPECT_NE(r->hint.find("dev1"), std::string::npos);
  EXPECT_NE(find(d, "tjp-unknown-task", 4), nullptr) << dump(d);
  const Diagnostic* s = find(d, "tjp-syntax", 5);
  ASSERT_NE(s, nullptr) << dump(d);
  EXPECT_GT(s->where.column, 0);
  EXPECT_NE(find(d, "tjp-undefined-macro", 6), nullptr) << dump(d);
}

TEST(TjpReader, IncludesResolveRelativeToTheIncludingFile) {
  fs::path dir = fs::temp_directory_path() / "cairn_tjp_include_test";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "main.tjp") << kHeader
                                  << "include \"sub/res.tji\"\ntask t \"T\" { effort 1d "
                                     "allocate r }\ninclude \"missing.tji\"\n";
  std::ofstream(dir / "sub" / "res.tji") << "resource r \"R\"\ninclude \"more.tji\"\n";
  std::ofstream(dir / "sub" / "more.tji") << "macro M [ x ]\ninclude \"more.tji\"\n";
  Diagnostics d;
  auto p = read_tjp((dir / "main.tjp").string(), d);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->files.size(), 3u);
  EXPECT_EQ(item(*p, "t").assignee, p->program.find_person("r"));
  EXPECT_TRUE(d.has("include-cycle")) << dump(d);
  EXPECT_TRUE(d.has("include-not-found")) << dump(d);
  Diagnostics d2;
  auto missing = read_tjp((dir / "nope.tjp").string(), d2);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "file-not-found");
  fs::remove_all(dir);
}

// include "f.tji" { taskprefix a resourceprefix team }: the file's top-level tasks go under a
// (its `supplement task` ids too; `depends` ids stay absolute) and its resources under team, as
// tj3 reads them; a file it includes inherits the prefix. The statement after an include with
// attributes comes after the file (the lexer had peeked it before the file was pushed).
TEST(TjpReader, IncludeAttributesPutTheFilesTasksUnderAPrefix) {
  fs::path dir = fs::temp_directory_path() / "cairn_tjp_include_prefix_test";
  fs::create_directories(dir);
  std::ofstream(dir / "main.tjp")
      << kHeader
      << "resource team \"Team\" { resource lead \"Lead\" }\ntask a \"A\"\n"
         "include \"inner.tji\" { taskprefix a resourceprefix team }\n"
         "task c \"C\" { depends a.u effort 1d allocate dev }\n"
         "include \"plain.tji\"\ntask z \"Z\" { depends a.t duration 1d }\n";
  std::ofstream(dir / "inner.tji")
      << "resource dev \"Dev\"\ntask t \"T\" { duration 2d }\n"
         "task u \"U\" { depends a.t duration 1d }\nsupplement task u { priority 700 }\n"
         "include \"nested.tji\"\n";
  std::ofstream(dir / "nested.tji") << "task n \"N\" { depends a.u duration 1d }\n";
  std::ofstream(dir / "plain.tji") << "task y \"Y\" { duration 1d }\n";
  Diagnostics d;
  auto p = read_tjp((dir / "main.tjp").string(), d);
  ASSERT_TRUE(p.has_value()) << dump(d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  const Program& g = p->program;
  for (const char* key : {"a.t", "a.u", "a.n", "c", "y", "z"})
    EXPECT_TRUE(g.find_item(key).valid()) << key << "\n" << dump(d);
  EXPECT_FALSE(g.find_item("t").valid());
  EXPECT_EQ(item(*p, "a.t").parent, g.find_item("a"));
  EXPECT_EQ(item(*p, "a.n").parent, g.find_item("a"));
  EXPECT_EQ(item(*p, "y").parent, WorkItemId{});
  EXPECT_EQ(item(*p, "a.u").priority, 700);
  const PersonId dev = g.find_person("dev");
  ASSERT_TRUE(dev.valid());
  EXPECT_EQ(g.people[dev.index()].team, g.people[g.find_person("lead").index()].team);
  EXPECT_EQ(item(*p, "c").assignee, dev);
  Diagnostics bad;
  auto q = read_tjp_text(std::string(kHeader) + "include \"x.tji\" { taskprefix nope }\n",
                         "bad.tjp", bad);
  EXPECT_TRUE(bad.has("tjp-unknown-task")) << dump(bad);
  fs::remove_all(dir);
}

TEST(TjpReader, SurvivesHostileInput) {
  const char* inputs[] = {
      "macro A [ ${A} ]\n${A}\n",
      "macro A [ ${B}${B}${B}${B}${B}${B}${B}${B} ]\nmacro B [ ${C}${C}${C}${C}${C}${C}${C}${C} ]\n"
      "macro C [ ${D}${D}${D}${D}${D}${D}${D}${D} ]\nmacro D [ ${E}${E}${E}${E}${E}${E}${E}${E} ]\n"
      "macro E [ ${F}${F}${F}${F}${F}${F}${F}${F} ]\nmacro F [ ${G}${G}${G}${G}${G}${G}${G}${G} ]\n"
      "macro G [ ${H}${H}${H}${H}${H}${H}${H}${H} ]\nmacro H [ resource r \"R\" xxxxxxxxxxxxxxxxx "
      "]\n"
      "${A}\n",
      "project p \"P\" 2025-01-06 +1m {",
      "task t \"T\" { task u \"U\" { depends !!!!!!x",
      "project p \"P\" 2025-13-45 +1m\ntask \"",
      "} } } ] [ ${ \"x",
      "project p \"P\" 2025-01-06 +1m\nvacation 1900-01-01 - 2200-01-01\n",
      "-8<-\nfoo",
      "/* unterminated",
  };
  for (const char* in : inputs) {
    Diagnostics d;
    auto r = read_tjp_text(in, "bad.tjp", d);
    ASSERT_TRUE(r.has_value()) << in;
    EXPECT_TRUE(d.has_errors() || d.count(Severity::kWarning) > 0) << in;
  }
}

// Every shared TaskJuggler file imports without errors.
// A container with dates of its own gets a point for each (build_container_points): the two
// top containers of benchmarks__depends have a start, as has one container of Shift.
TEST(TjpReader, SharedFilesImport) {
  const std::map<std::string, size_t> kItems = {
      {"Tutorial__tutorial.tjp", 15},          {"Scrum__scrum.tjp", 18},
      {"ToDo-List__todolist.tjp", 7},          {"ProjectTemplate__template.tjp", 10},
      {"benchmarks__666tasks.tjp", 666},       {"benchmarks__allocate.tjp", 60},
      {"benchmarks__allocatedSlots.tjp", 333}, {"benchmarks__booking.tjp", 1000},
      {"benchmarks__depends.tjp", 224},        {"export-ref__Allocate-1.tjp", 4},
      {"export-ref__tutorial.tjp", 15},        {"scheduler-correct__Allocate.tjp", 10},
      {"scheduler-correct__Booking.tjp", 15},  {"scheduler-correct__Depends.tjp", 8},
      {"scheduler-correct__Limits.tjp", 11},   {"scheduler-correct__Optimize-5.tjp", 7},
      {"scheduler-correct__Precedes.tjp", 8},  {"scheduler-correct__Shift.tjp", 8},
  };
  for (const auto& [file, items] : kItems) {
    Diagnostics d;
    auto p = read_tjp(kShared + file, d);
    ASSERT_TRUE(p.has_value()) << file << ": " << p.error().to_string();
    EXPECT_FALSE(d.has_errors()) << file << "\n" << dump(d);
    EXPECT_EQ(p->program.items.size(), items) << file;
  }
}

// The Fedora 20 release schedule shipped with TaskJuggler (testdata/tjp/fedora-20, MIT): it
// imports with warnings only and schedules; dates checked against tj3 3.7.
TEST(TjpReader, ImportsAndSchedulesFedora20) {
  Diagnostics d;
  auto p = read_tjp(std::string(CAIRN_SOURCE_DIR) + "/testdata/tjp/fedora-20/f-20.tjp", d);
  ASSERT_TRUE(p.has_value()) << p.error().to_string();
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(p->files.size(), 2u);  // with reports.tji
  EXPECT_EQ(p->program.key, "f20");
  // 414 tasks, and a point for each own date of a container (5).
  EXPECT_EQ(p->program.items.size(), 419u);
  EXPECT_EQ(p->program.milestones.size(), 223u);
  // 365 written; the `precedes` of the two banner containers (ALAP, onto forward milestones)
  // become one reversed dependency per leaf: 2 more.
  EXPECT_EQ(p->program.dependencies.size(), 367u);
  // Reports, the `actual` scenario, the time zone and the note warn.
  EXPECT_NE(find(d, "tjp-unsupported", 52), nullptr) << dump(d);
  Diagnostics sd;
  auto r = schedule::schedule_program(p->program, {}, sd);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  auto finish = [&](const char* key) {
    WorkItemId id = p->program.find_item(key);
    EXPECT_TRUE(id.valid()) << key;
    return id.valid() ? r->items[id.index()].finish : DateTime{};
  };
  // tj3: the alpha and beta change deadlines and the project end.
  EXPECT_EQ(finish("f20.TestingPhase.alpha.alpha_deadline"), at("2013-08-06T17:00:00Z"));
  EXPECT_EQ(finish("f20.TestingPhase.beta.beta_deadline"), at("2013-09-10T17:00:00Z"));
  EXPECT_EQ(r->project_end, at("2013-11-29T17:00:00Z"));
}

// The ${FixStart}/${FixEnd} assertions of TaskJuggler's scheduler tests are kept.
TEST(TjpReader, KeepsSchedulerTestAssertions) {
  Diagnostics d;
  auto p = read_tjp(kShared + "scheduler-correct__Depends.tjp", d);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->files.size(), 2u);  // with checks.tji
  std::map<std::string, TjpAssertion> by_key;
  for (const auto& a : p->tjp_assertions)
    by_key[p->program.item(a.item).key] = a;
  ASSERT_EQ(by_key.size(), 8u);
  EXPECT_EQ(by_key["t1"].max_end, at("2007-04-09T00:00:00Z"));
  EXPECT_EQ(by_key["t4"].min_start, at("2007-05-04T17:00:00Z"));
  EXPECT_EQ(by_key["t4"].max_start, at("2007-05-04T17:00:00Z"));
  EXPECT_EQ(by_key["t4"].min_end, at("2007-05-11T17:00:00Z"));
  EXPECT_EQ(by_key["t8"].min_start, at("2007-04-09T09:00:00Z"));
  EXPECT_GT(by_key["t8"].where.line, 0);
}

// `timezone`: the header's dates (read in UTC before the statement, as tj3 does) and dates with
// an explicit offset become the zone's wall clock, daylight saving time included; plain dates
// after it are that wall clock already. A zone whose offset changes during the project warns
// (Cairn's calendars keep one), an unknown one warns and leaves UTC.
TEST(TjpReader, TimeZoneTurnsInstantsIntoItsWallClock) {
  Diagnostics d;
  auto p = read(
      "project p \"P\" 2025-03-24 +2m {\n"                    // 1
      "  now 2025-04-01-06:00\n"                              // 2
      "  timezone \"Europe/Amsterdam\"\n"                     // 3
      "}\n"                                                   // 4
      "task winter \"W\" { start 2025-03-25-08:00-+0000 }\n"  // 5: UTC+1
      "task summer \"S\" { start 2025-04-02-08:00-+0000 }\n"  // 6: UTC+2
      "task plain \"P\" { start 2025-04-02-08:00 }\n"         // 7
      "task west \"W\" { start 2025-04-02-20:00--0500 }\n",   // 8
      d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(p.program.start, Date::from_ymd(2025, 3, 24));
  EXPECT_EQ(item(p, "winter").start_no_earlier_than, at("2025-03-25T09:00:00Z"));
  EXPECT_EQ(item(p, "summer").start_no_earlier_than, at("2025-04-02T10:00:00Z"));
  EXPECT_EQ(item(p, "plain").start_no_earlier_than, at("2025-04-02T08:00:00Z"));
  EXPECT_EQ(item(p, "west").start_no_earlier_than, at("2025-04-03T03:00:00Z"));
  EXPECT_NE(find(d, "tjp-unsupported", 3), nullptr) << dump(d);  // daylight saving time

  // The header read in UTC: the project starts at 01:00 in Amsterdam, and so does work that
  // has no start of its own.
  Diagnostics h;
  auto q = read(
      "project p \"P\" 2025-01-06 +1m { timezone \"Europe/Amsterdam\" }\n"
      "task t \"T\" { duration 1d }\n",
      h);
  EXPECT_EQ(item(q, "t").start_no_earlier_than, at("2025-01-06T01:00:00Z"));
  EXPECT_EQ(find(h, "tjp-unsupported"), nullptr) << dump(h);  // no change of offset in January

  Diagnostics u;
  auto r = read(
      "project p \"P\" 2025-01-06 +1m { timezone \"Mars/Olympus\" }\n"
      "task t \"T\" { start 2025-01-07-10:00-+0100 }\n",
      u);
  const Diagnostic* w = find(u, "tjp-unsupported", 1);
  ASSERT_NE(w, nullptr) << dump(u);
  EXPECT_NE(w->message.find("unknown time zone 'Mars/Olympus'"), std::string::npos) << w->message;
  EXPECT_EQ(item(r, "t").start_no_earlier_than, at("2025-01-07T09:00:00Z"));
}

// %{ DATE +|- DURATION } moves a date by calendar time (a macro date included); a missing sign
// or brace is a syntax error at its place.
TEST(TjpReader, DateArithmeticMovesADateByCalendarTime) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "task a \"A\" { start %{${projectstart} + 1w} }\n"    // 2
                    "task b \"B\" { start %{2025-01-10-12:00 - 2d} }\n",  // 3
                d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  EXPECT_EQ(item(p, "a").start_no_earlier_than, at("2025-01-13T00:00:00Z"));
  EXPECT_EQ(item(p, "b").start_no_earlier_than, at("2025-01-08T12:00:00Z"));

  Diagnostics bad;
  read(std::string(kHeader) + "task a \"A\" { start %{2025-01-07 * 1w} }\n", bad);
  const Diagnostic* e = find(bad, "tjp-syntax", 2);
  ASSERT_NE(e, nullptr) << dump(bad);
  EXPECT_NE(e->message.find("expected '+' or '-'"), std::string::npos) << e->message;
  EXPECT_EQ(e->where.column, 33);  // the '*'
}

// A synthetic multi-team program of 5,000 tasks, in the shape gen_tjp.py writes.
TEST(TjpReader, ImportsLargeProgram) {
  std::string text =
      "project prog \"Big\" 2025-01-06 - 2027-01-28 {\n  timingresolution 60min\n"
      "  timezone \"UTC\"\n  dailyworkinghours 8\n}\n";
  const int kTeams = 50, kPer = 100;
  for (int t = 0; t < kTeams; ++t) {
    text += "resource t" + std::to_string(t) + " \"Team\" {\n";
    for (int k = 0; k < 8; ++k)
      text += "  resource t" + std::to_string(t) + "_p" + std::to_string(k) + " \"P\"\n";
    text += "}\n";
  }
  text += "task prog \"Program\" {\n";
  for (int t = 0; t < kTeams; ++t) {
    text += "  task t" + std::to_string(t) + " \"W\" {\n";
    for (int k = 0; k < kPer; ++k) {
      std::string id = "k" + std::to_string(k);
      text += "    task " + id + " \"Task\" {\n      effort 5d\n      allocate t" +
              std::to_string(t) + "_p" + std::to_string(k % 8) + " { alternative t" +
              std::to_string(t) + "_p" + std::to_string((k + 1) % 8) + " persistent }\n";
      if (k > 0)
        text += "      depends prog.t" + std::to_string(t) + ".k" + std::to_string(k - 1) + "\n";
      text += "    }\n";
    }
    text += "  }\n";
  }
  text += "}\n";
  Diagnostics d;
  auto p = read_tjp_text(text, "big.tjp", d);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->program.items.size(), 1u + kTeams + kTeams * kPer);
  EXPECT_EQ(p->program.dependencies.size(), size_t{kTeams} * (kPer - 1));
  EXPECT_EQ(p->program.teams.size(), size_t{kTeams});
  EXPECT_FALSE(d.has_errors()) << dump(d);
}

TEST(TjpReader, CompleteAsProgressIsAnOption) {
  Diagnostics d;
  TjpReadOptions o;
  o.validate = false;
  o.complete_as_progress = true;
  auto p = read_tjp_text(std::string(kHeader) +
                             "resource r \"R\"\n"
                             "task b \"B\" { effort 4d complete 75 allocate r }\n"
                             "task c \"C\" { effort 2d complete 100 allocate r }\n",
                         "test.tjp", d, o);
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_DOUBLE_EQ(item(*p, "b").estimate->likely, 1.0);  // what is left, still after its deps
  EXPECT_EQ(item(*p, "b").state, "");
  EXPECT_EQ(item(*p, "c").state, "Done");
}

// A booking holds only in the scenario it is written for: tj3 does not carry the top scenario's
// plain bookings into `actual` (other attributes it does).
TEST(TjpReader, BookingsHoldOnlyInTheirOwnScenario) {
  const std::string text =
      "project p \"P\" 2016-08-10 - 2016-09-29 {\n"
      "  scenario plan \"Plan\" { scenario actual \"Actual\" }\n"
      "}\n"
      "resource pm \"PM\"\n"
      "resource qa \"QA\"\n"
      "task t \"T\" { effort 2d allocate pm }\n"
      "supplement task t {\n"
      "  booking pm 2016-08-10-09:00 + 8h\n"
      "  actual:booking qa 2016-08-11-09:00 + 8h\n"
      "}\n";
  for (const std::string scenario : {"plan", "actual"}) {
    Diagnostics d;
    auto p = read_scenario(text, scenario, d);
    ASSERT_TRUE(p) << p.error().to_string();
    const auto& b = item(*p, "t").bookings;
    ASSERT_EQ(b.size(), 1u) << scenario;
    EXPECT_EQ(p->program.people[b[0].person.index()].key, scenario == "plan" ? "pm" : "qa");
  }
}

// `trackingscenario actual`: in `actual` (tj3's projection mode) work not booked yet starts no
// earlier than `now`, to the minute; in its parent `plan` nothing moves; a task fixed at both ends
// keeps its start. An undeclared tracking scenario is an error at its line.
TEST(TjpReader, TrackingScenarioStartsOpenWorkAfterNow) {
  const std::string text =
      "project p \"P\" 2016-08-01 +2m {\n"
      "  scenario plan \"Plan\" { scenario actual \"Actual\" }\n"
      "  now 2016-08-17-13:00\n"
      "  trackingscenario actual\n"
      "}\n"
      "resource r \"R\"\n"
      "task e \"E\" { effort 2d allocate r }\n"
      "task f \"F\" { start 2016-08-02 end 2016-08-05 allocate r }\n";
  for (const std::string scenario : {"plan", "actual"}) {
    Diagnostics d;
    auto p = read_scenario(text, scenario, d);
    ASSERT_TRUE(p) << p.error().to_string();
    const auto& e = item(*p, "e").start_no_earlier_than;
    if (scenario == "plan") {
      EXPECT_FALSE(e.has_value());
    } else {
      ASSERT_TRUE(e.has_value());
      EXPECT_EQ(e->to_string(), "2016-08-17T13:00:00Z");
    }
    EXPECT_EQ(item(*p, "f").start_no_earlier_than->to_string(), "2016-08-02T00:00:00Z");
  }
  Diagnostics bad;
  auto q =
      read_tjp_text("project p \"P\" 2016-08-01 +2m {\n  trackingscenario nope\n}\n", "u.tjp", bad);
  const Diagnostic* err = find(bad, "tjp-unknown-scenario", 2);
  EXPECT_NE(err, nullptr) << dump(bad);
}

TEST(TjpReader, ResourceWithoutIdIsNamedAsTaskJugglerNamesIt) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "resource r1 \"R1\"\n"
                    "resource g \"G\" { resource \"R3\" resource r2 \"R2\" resource \"R4\" }\n"
                    "task t \"T\" { effort 1d allocate g }\n",
                d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  // tj3 3.7: _Resource_<sequence number of the resource>.
  EXPECT_TRUE(p.program.find_person("_Resource_3").valid());
  EXPECT_TRUE(p.program.find_person("_Resource_5").valid());
  EXPECT_EQ(item(p, "t").allocations.size(), 3u);
}

// tj3's own syntax test AutoID.tjp: a shift (like a resource or a task) may have a name and no id;
// tj3 names it _Shift_<its sequence number>, and a resource can then use it by that id.
TEST(TjpReader, ShiftWithoutIdIsNamedAsTaskJugglerNamesIt) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "shift \"Foo\" { shift \"bar\" { workinghours mon - fri 10:00 - 12:00 } }\n"
                    "resource r \"R\" { shifts _Shift_2 2025-01-06 +1w }\n"
                    "task t \"T\" { effort 4h allocate r }\n",
                d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  ASSERT_EQ(p.program.people.size(), 1u);
  ASSERT_EQ(p.program.people[0].shifts.size(), 1u);
  EXPECT_EQ(p.program.people[0].shifts[0].hours[0].size(), 1u);  // Monday 10:00-12:00
}

// A resource that stands for a team (efficiency above 1) is read as the person's efficiency, not
// as an allocation over 100 % (which `cairn check` rejects): tj3's Efficiency.tjp, efficiency 5.
TEST(TjpReader, EfficiencyAboveOneIsThePersonsEfficiency) {
  Diagnostics d;
  auto p = read(std::string(kHeader) +
                    "resource tuxies \"Tuxies\" { efficiency 5.0 }\n"
                    "resource huge \"Huge\" { efficiency 500 }\n"
                    "task t \"T\" { effort 5d allocate tuxies }\n",
                d);
  EXPECT_FALSE(d.has_errors()) << dump(d);
  const Person& t = p.program.people[p.program.find_person("tuxies").index()];
  EXPECT_DOUBLE_EQ(t.efficiency, 5.0);
  EXPECT_DOUBLE_EQ(t.allocation, 100.0);
  EXPECT_DOUBLE_EQ(p.program.people[p.program.find_person("huge").index()].efficiency, 100.0);
  EXPECT_NE(find(d, "tjp-unsupported", 3), nullptr) << dump(d);  // over 100: read as 100
}

TEST(TjpReader, ScenarioAttributesOfTheChosenScenarioAndItsParents) {
  const std::string text =
      "project p \"P\" 2025-01-06 +3m { scenario plan \"Plan\" {\n"
      "  scenario late \"Late\" { scenario later \"Later\" } scenario other \"Other\" } }\n"
      "task a \"A\" { length 2d late:length 4d other:length 9d }\n";
  auto length_in = [&](const std::string& scenario, Diagnostics& d) {
    TjpReadOptions o;
    o.validate = false;
    o.scenario = scenario;
    auto p = read_tjp_text(text, "test.tjp", d, o);
    EXPECT_TRUE(p) << (p ? "" : p.error().to_string());
    return p ? item(*p, "a").estimate->likely : -1.0;
  };
  Diagnostics d1, d2, d3, d4;
  EXPECT_DOUBLE_EQ(length_in("", d1), 2.0);  // the top scenario
  EXPECT_DOUBLE_EQ(length_in("late", d2), 4.0);
  EXPECT_DOUBLE_EQ(length_in("later", d3), 4.0);  // inherited from `late`
  EXPECT_FALSE(d3.has_errors()) << dump(d3);
  length_in("nope", d4);
  ASSERT_TRUE(d4.has_errors());
  EXPECT_EQ(d4.items().front().id, "tjp-unknown-scenario");
  EXPECT_EQ(d4.items().front().where.line, 1);
}

}  // namespace
}  // namespace cairn::io

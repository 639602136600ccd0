#include "io/ical/ical.h"

#include <gtest/gtest.h>

namespace cairn::io {
namespace {

Program program() {
  Program p;
  p.key = "ATL";
  p.name = "Atlas; the big one";
  p.start = Date::from_ymd(2026, 9, 28);
  p.as_of = Date::from_ymd(2026, 11, 23);
  p.teams.push_back({"PAY", "Payments"});
  WorkItem a;
  a.key = "PAY-1";
  a.title = "Tokens, cards";
  a.due = Date::from_ymd(2026, 12, 1);
  p.items.push_back(a);
  Milestone m;
  m.key = "M1";
  m.name = "Beta";
  m.deadline = Date::from_ymd(2027, 1, 29);
  m.items.push_back(WorkItemId{0});
  p.milestones.push_back(m);
  Sprint s;
  s.key = "S1";
  s.name = "Sprint 1";
  s.team = TeamId{0};
  s.start = Date::from_ymd(2026, 10, 5);
  s.end = Date::from_ymd(2026, 10, 16);
  s.goal = std::string(100, 'g');
  p.sprints.push_back(s);
  p.reindex();
  return p;
}

TEST(Ical, EscapesText) {
  EXPECT_EQ(ical_escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
}

TEST(Ical, WritesMilestonesSprintsAndDeadlines) {
  const Program p = program();
  ScheduleDates dates;
  dates[WorkItemId{0}] = {
      Date::from_ymd(2026, 10, 1), Date::from_ymd(2026, 11, 20), {}, Date::from_ymd(2026, 12, 4)};
  const std::string ics = write_ical(p, &dates);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_NE(ics.find("X-WR-CALNAME:Atlas\\; the big one\r\n"), std::string::npos);
  EXPECT_NE(ics.find("UID:milestone-M1@ATL.cairn\r\nDTSTAMP:20261123T000000Z\r\n"
                     "DTSTART;VALUE=DATE:20270129\r\nDTEND;VALUE=DATE:20270130\r\n"
                     "SUMMARY:Milestone: Beta\r\n"
                     "DESCRIPTION:Planned finish: 2026-11-20. 85% forecast: 2026-12-04.\r\n"),
            std::string::npos)
      << ics;
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261005\r\nDTEND;VALUE=DATE:20261017\r\n"
                     "SUMMARY:Sprint: Sprint 1 (Payments)\r\n"),
            std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Due: PAY-1 Tokens\\, cards\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Long lines fold at 75 octets.
  size_t start = 0;
  while (start < ics.size()) {
    const size_t end = ics.find("\r\n", start);
    EXPECT_LE(end - start, 75u);
    start = end + 2;
  }
  EXPECT_EQ(ics, write_ical(p, &dates));
}

}  // namespace
}  // namespace cairn::io

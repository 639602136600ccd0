// The program's calendar events as iCalendar (RFC 5545), for any calendar application: one
// all-day VEVENT per milestone deadline, per sprint (start to end) and per item due date. With
// schedule dates, milestones also say when their items are planned (or forecast) to finish.
// UIDs are stable (`milestone-<key>@<program>.cairn`), DTSTAMP is the program's status date, so
// the same program gives byte-identical output. Lines end in CRLF and fold at 75 octets.
// Thread-safe.
#pragma once

#include <string>

#include "io/import.h"

namespace cairn::io {

std::string write_ical(const Program& program, const ScheduleDates* dates = nullptr);

// Escapes TEXT values (backslash, semicolon, comma, line breaks) as RFC 5545 §3.3.11 says.
std::string ical_escape(std::string_view text);

}  // namespace cairn::io

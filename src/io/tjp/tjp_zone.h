// A TaskJuggler `timezone` (an IANA zone name such as "Europe/Amsterdam"), read with ICU's zone
// data: Cairn's times are the project's wall clock, so an instant (a date written with an
// explicit offset, or any date read before the `timezone` statement, which tj3 reads in UTC) is
// turned into the zone's wall clock at that instant, daylight saving time included.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "base/date.h"

namespace cairn::io::tjp {

class TimeZone {
 public:
  // nullopt when ICU does not know the name.
  static std::optional<TimeZone> find(std::string_view name);
  // The wall clock of the zone at instant `utc`.
  DateTime wall(DateTime utc) const;
  // Whether the zone's offset from UTC changes (daylight saving time, or a change of its rules)
  // within [from, to).
  bool offset_changes(DateTime from, DateTime to) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace cairn::io::tjp

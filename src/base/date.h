// Calendar dates and instants.
//
// Date is a day in the proleptic Gregorian calendar, stored as days since 1970-01-01 (can be
// negative). DateTime is an instant in UTC, stored as seconds since 1970-01-01T00:00:00Z. Both are
// trivially copyable value types; thread-compatible. ISO 8601 is the only text form.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

enum class Weekday { kMonday = 0, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

struct Date {
  int32_t days = 0;  // since 1970-01-01

  static Date from_ymd(int year, int month, int day);
  // Parses "YYYY-MM-DD". nullopt when the text is not a real date (2026-02-30 is not).
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  Weekday weekday() const;
  std::string to_string() const;  // "YYYY-MM-DD"

  Date operator+(int n) const { return Date{days + n}; }
  Date operator-(int n) const { return Date{days - n}; }
  int operator-(Date o) const { return days - o.days; }
  friend auto operator<=>(Date, Date) = default;
};

struct DateTime {
  int64_t seconds = 0;  // since 1970-01-01T00:00:00Z

  static DateTime from_date(Date d, int minute_of_day = 0) {
    return DateTime{int64_t{d.days} * 86400 + int64_t{minute_of_day} * 60};
  }
  // Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+hh:mm|-hh:mm]" (a space may stand for the
  // T; no zone means UTC). nullopt when it is not a valid instant.
  static std::optional<DateTime> parse(std::string_view text);

  Date date() const;
  int minute_of_day() const;
  // "YYYY-MM-DDTHH:MM:SSZ".
  std::string to_string() const;
  friend auto operator<=>(DateTime, DateTime) = default;
};

const char* weekday_name(Weekday w);                          // "mon", "tue", ...
std::optional<Weekday> parse_weekday(std::string_view text);  // "mon" / "monday", any case

}  // namespace cairn

#include "base/date.h"

#include <cctype>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace cairn {
namespace {

namespace chr = std::chrono;

bool read_int(std::string_view& s, size_t digits, int& out) {
  if (s.size() < digits) return false;
  for (size_t i = 0; i < digits; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  std::from_chars(s.data(), s.data() + digits, out);
  s.remove_prefix(digits);
  return true;
}

bool eat(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

chr::year_month_day ymd_of(int32_t days) {
  return chr::year_month_day{chr::sys_days{chr::days{days}}};
}

}  // namespace

Date Date::from_ymd(int year, int month, int day) {
  chr::year_month_day ymd{chr::year{year}, chr::month{static_cast<unsigned>(month)},
                          chr::day{static_cast<unsigned>(day)}};
  return Date{static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> Date::parse(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (!read_int(s, 4, y) || !eat(s, '-') || !read_int(s, 2, m) || !eat(s, '-') ||
      !read_int(s, 2, d) || !s.empty())
    return std::nullopt;
  chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                          chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{static_cast<int32_t>(chr::sys_days{ymd}.time_since_epoch().count())};
}

int Date::year() const {
  return static_cast<int>(ymd_of(days).year());
}
int Date::month() const {
  return static_cast<int>(static_cast<unsigned>(ymd_of(days).month()));
}
int Date::day() const {
  return static_cast<int>(static_cast<unsigned>(ymd_of(days).day()));
}

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday.
  int w = ((days % 7) + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

namespace {

// Writes v as exactly `width` decimal digits (v >= 0), right to left.
void put_digits(char* at, int width, int v) {
  for (int i = width - 1; i >= 0; --i, v /= 10)
    at[i] = static_cast<char>('0' + v % 10);
}

}  // namespace

// Hand-formatted: schedules and exports format tens of thousands of dates.
std::string Date::to_string() const {
  auto ymd = ymd_of(days);
  int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999)
    return fmt::format("{:04}-{:02}-{:02}", y, static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
  std::string s(10, '-');
  put_digits(s.data(), 4, y);
  put_digits(s.data() + 5, 2, static_cast<int>(static_cast<unsigned>(ymd.month())));
  put_digits(s.data() + 8, 2, static_cast<int>(static_cast<unsigned>(ymd.day())));
  return s;
}

std::optional<DateTime> DateTime::parse(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  auto date = Date::parse(s.substr(0, 10));
  if (!date) return std::nullopt;
  s.remove_prefix(10);
  int64_t secs = int64_t{date->days} * 86400;
  if (s.empty()) return DateTime{secs};
  if (s.front() != 'T' && s.front() != 't' && s.front() != ' ') return std::nullopt;
  s.remove_prefix(1);
  int hh = 0, mm = 0, ss = 0;
  if (!read_int(s, 2, hh) || !eat(s, ':') || !read_int(s, 2, mm)) return std::nullopt;
  if (eat(s, ':')) {
    if (!read_int(s, 2, ss)) return std::nullopt;
    if (eat(s, '.') || eat(s, ',')) {
      size_t n = 0;
      while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n])))
        ++n;
      if (n == 0) return std::nullopt;
      s.remove_prefix(n);
    }
  }
  if (hh > 24 || mm > 59 || ss > 60 || (hh == 24 && (mm != 0 || ss != 0))) return std::nullopt;
  secs += hh * 3600 + mm * 60 + std::min(ss, 59);
  if (s.empty() || s == "Z" || s == "z") return DateTime{secs};
  int sign = 0;
  if (s.front() == '+') sign = 1;
  if (s.front() == '-') sign = -1;
  if (sign == 0) return std::nullopt;
  s.remove_prefix(1);
  int oh = 0, om = 0;
  if (!read_int(s, 2, oh)) return std::nullopt;
  eat(s, ':');
  if (!s.empty() && !read_int(s, 2, om)) return std::nullopt;
  if (!s.empty() || oh > 14 || om > 59) return std::nullopt;
  secs -= sign * (oh * 3600 + om * 60);
  return DateTime{secs};
}

Date DateTime::date() const {
  int64_t d = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return Date{static_cast<int32_t>(d)};
}

int DateTime::minute_of_day() const {
  return static_cast<int>((seconds - int64_t{date().days} * 86400) / 60);
}

std::string DateTime::to_string() const {
  int rem = static_cast<int>(seconds - int64_t{date().days} * 86400);
  std::string s = date().to_string();
  size_t at = s.size();
  s.resize(at + 10);
  s[at] = 'T';
  put_digits(s.data() + at + 1, 2, rem / 3600);
  s[at + 3] = ':';
  put_digits(s.data() + at + 4, 2, (rem / 60) % 60);
  s[at + 6] = ':';
  put_digits(s.data() + at + 7, 2, rem % 60);
  s[at + 9] = 'Z';
  return s;
}

const char* weekday_name(Weekday w) {
  static const char* const kNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return kNames[static_cast<int>(w)];
}

std::optional<Weekday> parse_weekday(std::string_view text) {
  static const char* const kLong[] = {"monday", "tuesday",  "wednesday", "thursday",
                                      "friday", "saturday", "sunday"};
  std::string lower;
  for (char c : text)
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 7; ++i) {
    if (lower == weekday_name(static_cast<Weekday>(i)) || lower == kLong[i])
      return static_cast<Weekday>(i);
  }
  return std::nullopt;
}

}  // namespace cairn

#include "io/history/history_csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "base/codes.h"
#include "io/csv/csv.h"

namespace cairn::io {
namespace {

std::string lower_trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return s;
}

// Reads digits at `pos`; the count of digits read goes to `len`.
std::optional<int> digits(std::string_view s, size_t& pos, int min_len, int max_len) {
  int v = 0, len = 0;
  while (pos < s.size() && len < max_len && std::isdigit(static_cast<unsigned char>(s[pos]))) {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++len;
  }
  if (len < min_len) return std::nullopt;
  return v;
}

bool is_sep(char c) {
  return c == '-' || c == '/' || c == '.';
}

// The rest after a date: nothing, or a time part starting with 'T' or a space.
bool time_tail_ok(std::string_view s, size_t pos) {
  return pos == s.size() || s[pos] == 'T' || s[pos] == ' ';
}

std::optional<Date> make_date(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  auto text = fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
  return Date::parse(text);
}

// "a<sep>b<sep>year" with the same separator; the first two numbers and the year.
struct Triple {
  int a = 0, b = 0, year = 0;
};
std::optional<Triple> numeric_triple(std::string_view s) {
  size_t pos = 0;
  auto a = digits(s, pos, 1, 2);
  if (!a || pos >= s.size() || !is_sep(s[pos])) return std::nullopt;
  const char sep = s[pos++];
  auto b = digits(s, pos, 1, 2);
  if (!b || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  const size_t ys = pos;
  auto y = digits(s, pos, 2, 4);
  if (!y || (pos - ys) == 3 || !time_tail_ok(s, pos)) return std::nullopt;
  int year = *y;
  if (pos - ys == 2) year += year < 70 ? 2000 : 1900;
  return Triple{*a, *b, year};
}

std::optional<int> month_name(std::string_view s) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return std::nullopt;
  const std::string l = lower_trim(s.substr(0, 3));
  for (int i = 0; i < 12; ++i)
    if (l == kNames[i]) return i + 1;
  return std::nullopt;
}

}  // namespace

const char* to_string(DateFormat f) {
  switch (f) {
    case DateFormat::kIso:
      return "iso";
    case DateFormat::kJira:
      return "jira";
    case DateFormat::kDayFirst:
      return "day-first";
    case DateFormat::kMonthFirst:
      return "month-first";
    case DateFormat::kUnixSeconds:
      return "unix";
    case DateFormat::kUnknown:
      return "unknown";
  }
  return "unknown";
}

std::optional<Date> parse_date_as(std::string_view text, DateFormat format) {
  const std::string_view s = trim(text);
  if (s.empty()) return std::nullopt;
  switch (format) {
    case DateFormat::kIso: {
      size_t pos = 0;
      auto y = digits(s, pos, 4, 4);
      if (!y || pos >= s.size() || !is_sep(s[pos])) return std::nullopt;
      const char sep = s[pos++];
      auto m = digits(s, pos, 1, 2);
      if (!m || pos >= s.size() || s[pos] != sep) return std::nullopt;
      ++pos;
      auto d = digits(s, pos, 1, 2);
      if (!d || !time_tail_ok(s, pos)) return std::nullopt;
      return make_date(*y, *m, *d);
    }
    case DateFormat::kJira: {
      // 12/Mar/24 3:14 PM, 12-Mar-2024, 12 Mar 2024
      size_t pos = 0;
      auto d = digits(s, pos, 1, 2);
      if (!d || pos >= s.size() || !(is_sep(s[pos]) || s[pos] == ' ')) return std::nullopt;
      const char sep = s[pos++];
      const size_t ms = pos;
      while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos])))
        ++pos;
      auto m = month_name(s.substr(ms, pos - ms));
      if (!m || pos >= s.size() || s[pos] != sep) return std::nullopt;
      ++pos;
      const size_t ys = pos;
      auto y = digits(s, pos, 2, 4);
      if (!y || pos - ys == 3 || !time_tail_ok(s, pos)) return std::nullopt;
      int year = *y;
      if (pos - ys == 2) year += year < 70 ? 2000 : 1900;
      return make_date(year, *m, *d);
    }
    case DateFormat::kDayFirst:
    case DateFormat::kMonthFirst: {
      auto t = numeric_triple(s);
      if (!t) return std::nullopt;
      return format == DateFormat::kDayFirst ? make_date(t->year, t->b, t->a)
                                             : make_date(t->year, t->a, t->b);
    }
    case DateFormat::kUnixSeconds: {
      int64_t v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
      if (v > 100000000000LL) v /= 1000;  // milliseconds
      return DateTime{v}.date();
    }
    case DateFormat::kUnknown:
      return std::nullopt;
  }
  return std::nullopt;
}

DateFormat detect_date_format(const std::vector<std::string>& values) {
  bool any = false, first_big = false, second_big = false;
  for (const auto& v : values) {
    if (trim(v).empty()) continue;
    any = true;
    if (auto t = numeric_triple(trim(v))) {
      first_big |= t->a > 12;
      second_big |= t->b > 12;
    }
  }
  if (!any) return DateFormat::kIso;
  const DateFormat numeric =
      !first_big && second_big ? DateFormat::kMonthFirst : DateFormat::kDayFirst;
  for (DateFormat f : {DateFormat::kIso, DateFormat::kJira, numeric, DateFormat::kUnixSeconds}) {
    bool all = true;
    for (const auto& v : values)
      if (!trim(v).empty() && !parse_date_as(v, f)) {
        all = false;
        break;
      }
    if (all) return f;
  }
  return DateFormat::kUnknown;
}

Result<IssueHistory> read_history_csv(std::string_view text, const std::string& name,
                                      const HistoryCsvOptions& options, Diagnostics& diags) {
  CsvReader reader(text, name, CsvOptions{.delimiter = options.delimiter});
  std::vector<std::string_view> fields;
  auto first = reader.next(fields);
  if (!first) return std::unexpected(first.error());
  if (!*first) return make_error(codes::kEmptyHistory, fmt::format("{} has no header row", name));
  std::vector<std::string> header, written;
  for (auto f : fields) {
    header.push_back(lower_trim(f));
    written.emplace_back(trim(f));
  }
  if (!header.empty() && header[0].starts_with("\xEF\xBB\xBF")) header[0].erase(0, 3);
  if (!written.empty() && written[0].starts_with("\xEF\xBB\xBF")) written[0].erase(0, 3);
  auto columns_list = [&] {
    std::string have;
    for (size_t i = 0; i < header.size() && i < 12; ++i)
      have += (i ? ", " : "") + header[i];
    return have + (header.size() > 12 ? ", ..." : "");
  };
  auto column = [&](const std::string& want, const char* role) -> Result<size_t> {
    const std::string w = lower_trim(want);
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == w) return i;
    return make_error(codes::kHistoryMissingColumn,
                      fmt::format("{} has no column '{}' (the --{} column)", name, want, role),
                      Location{name, 1, 0, {}},
                      fmt::format("name the column with --{} (columns: {})", role, columns_list()));
  };
  // Without a name: the first of the usual names (compared without spaces, '_' and '-') that the
  // header has.
  auto usual = [&](std::initializer_list<std::string_view> names, const char* role,
                   std::string_view first) -> Result<size_t> {
    auto bare = [](std::string_view h) {
      std::string b;
      for (char c : h)
        if (c != ' ' && c != '_' && c != '-') b += c;
      return b;
    };
    for (std::string_view want : names)
      for (size_t i = 0; i < header.size(); ++i)
        if (bare(header[i]) == want) return i;
    return make_error(
        codes::kHistoryMissingColumn,
        fmt::format("{} has no {} date column under a usual name ({}, ...)", name, role, first),
        Location{name, 1, 0, {}},
        fmt::format("name the column with --{} (columns: {})", role, columns_list()));
  };
  auto ci =
      options.created.empty()
          ? usual({"created", "createddate", "createdat", "createdon", "creationdate",
                   "datecreated", "createdtime", "opened", "openedat", "openeddate", "opendate"},
                  "created", "created, created_date, created_at, creation date, opened")
          : column(options.created, "created");
  if (!ci) return std::unexpected(ci.error());
  auto ri = options.resolved.empty()
                ? usual({"resolved",      "resolutiondate", "resolveddate",  "resolvedat",
                         "resolvedon",    "dateresolved",   "closed",        "closedat",
                         "closeddate",    "closedon",       "dateclosed",    "finished",
                         "finisheddate",  "finishedat",     "completed",     "completedat",
                         "completeddate", "completiondate", "datecompleted", "done",
                         "donedate",      "doneat"},
                        "resolved",
                        "resolved, resolutiondate, resolved_at, closed_at, finished_date, "
                        "completed_at, done_date")
                : column(options.resolved, "resolved");
  if (!ri) return std::unexpected(ri.error());
  std::optional<size_t> gi;
  if (!options.group.empty()) {
    auto g = column(options.group, "group");
    if (!g) return std::unexpected(g.error());
    gi = *g;
  }
  std::optional<size_t> ki;
  if (!options.key.empty()) {
    auto k = column(options.key, "key");
    if (!k) return std::unexpected(k.error());
    ki = *k;
  } else {
    for (const char* want : {"key", "issue key", "id"})
      for (size_t i = 0; i < header.size() && !ki; ++i)
        if (header[i] == want) ki = i;
  }

  std::vector<std::string> created, resolved, group, key;
  std::vector<int> line;
  while (true) {
    auto more = reader.next(fields);
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    auto get = [&](size_t i) { return i < fields.size() ? std::string(fields[i]) : std::string(); };
    created.push_back(get(*ci));
    resolved.push_back(get(*ri));
    group.push_back(gi ? std::string(trim(get(*gi))) : std::string());
    key.push_back(ki ? std::string(trim(get(*ki))) : std::string());
    line.push_back(reader.record_line());
  }
  IssueHistory out;
  out.rows = created.size();
  out.created_column = written[*ci];
  out.resolved_column = written[*ri];
  const DateFormat cf = detect_date_format(created);
  DateFormat rf = detect_date_format(resolved);
  // When no format reads every value, take the one that reads the most (bad rows are skipped).
  auto best = [](const std::vector<std::string>& values, DateFormat detected) {
    if (detected != DateFormat::kUnknown) return detected;
    DateFormat pick = DateFormat::kIso;
    size_t most = 0;
    for (DateFormat f : {DateFormat::kIso, DateFormat::kJira, DateFormat::kDayFirst,
                         DateFormat::kMonthFirst, DateFormat::kUnixSeconds}) {
      size_t n = 0;
      for (const auto& v : values)
        n += parse_date_as(v, f).has_value();
      if (n > most) {
        most = n;
        pick = f;
      }
    }
    return pick;
  };
  const DateFormat cfmt = best(created, cf);
  rf = best(resolved, rf);
  out.created_format = to_string(cfmt);
  out.resolved_format = to_string(rf);
  int first_bad = 0, first_reversed = 0;
  for (size_t i = 0; i < created.size(); ++i) {
    auto c = parse_date_as(created[i], cfmt);
    std::optional<Date> r;
    const bool has_r = !trim(resolved[i]).empty();
    if (has_r) r = parse_date_as(resolved[i], rf);
    if (!c || (has_r && !r)) {
      if (!out.skipped_bad_date++) first_bad = line[i];
      continue;
    }
    bool unknown = false;
    if (r && *r < *c) {
      if (!first_reversed) first_reversed = line[i];
      unknown = *c - *r > 1;
      ++(unknown ? out.resolved_long_before_created : out.resolved_day_before_created);
      c = *r;
    }
    out.records.push_back({*c, r, group[i], key[i], line[i], unknown});
  }
  if (out.skipped_bad_date)
    diags.warning(codes::kHistoryBadDate,
                  fmt::format("{} row(s) have a date that does not read as {} / {}; skipped",
                              out.skipped_bad_date, out.created_format, out.resolved_format),
                  Location{name, first_bad, 0, {}}, "check the column choice and the date format");
  if (const size_t n = out.resolved_day_before_created + out.resolved_long_before_created)
    diags.warning(
        codes::kHistoryResolvedBeforeCreated,
        fmt::format("{} row(s) were resolved before they were created ({} by one day, read as "
                    "created the day they were resolved; {} by more, with no cycle time); their "
                    "resolutions count in throughput",
                    n, out.resolved_day_before_created, out.resolved_long_before_created),
        Location{name, first_reversed, 0, {}},
        "a day early is usually a date written in another time zone, more a data migration "
        "that rewrote the created date; check the column choice if neither fits");
  return out;
}

Result<IssueHistory> read_history_csv_file(const std::string& path,
                                           const HistoryCsvOptions& options, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return make_error(codes::kFileNotFound, fmt::format("cannot read {}", path), Location{path},
                      "check the path");
  std::stringstream ss;
  ss << in.rdbuf();
  return read_history_csv(ss.str(), path, options, diags);
}

std::map<std::string, IssueStream> issue_streams(const IssueHistory& history) {
  std::map<std::string, IssueStream> out;
  for (const auto& r : history.records) {
    IssueStream& s = out[r.group];
    if (r.resolved) s.resolved.push_back(*r.resolved);
    s.created.push_back(r.resolved ? std::min(r.created, *r.resolved) : r.created);
  }
  return out;
}

std::optional<Date> record_end(const IssueHistory& history) {
  std::optional<Date> newest;
  for (const auto& r : history.records) {
    const Date c = r.resolved ? std::min(r.created, *r.resolved) : r.created;
    if (!newest || *newest < c) newest = c;
  }
  if (!newest) return std::nullopt;
  const Date end = *newest + 1;
  size_t resolved = 0, after = 0;
  for (const auto& r : history.records) {
    if (!r.resolved) continue;
    ++resolved;
    after += !(*r.resolved < end);
  }
  if (static_cast<double>(after) > kRecordTail * static_cast<double>(resolved)) return std::nullopt;
  return end;
}

}  // namespace cairn::io

#include "io/tjp/tjp_parser.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

namespace cairn::io::tjp {
namespace {

constexpr int kWarningsPerKeyword = 5;
constexpr size_t kMaxDiagnostics = 2000;

bool parse_digits(std::string_view& s, size_t min, size_t max, int& out) {
  size_t n = 0;
  while (n < s.size() && n < max && s[n] >= '0' && s[n] <= '9')
    ++n;
  if (n < min) return false;
  out = 0;
  std::from_chars(s.data(), s.data() + n, out);
  s.remove_prefix(n);
  return true;
}

bool eat(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

// YYYY-M-D[-H:M[:S]][-[+-]HHMM]; the zone offset converts to UTC (`offset`: whether one was
// written).
std::optional<DateTime> parse_tj_date(std::string_view s, bool& with_offset) {
  with_offset = false;
  int y = 0, m = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!parse_digits(s, 4, 4, y) || !eat(s, '-') || !parse_digits(s, 1, 2, m) || !eat(s, '-') ||
      !parse_digits(s, 1, 2, d))
    return std::nullopt;
  int offset = 0;
  if (eat(s, '-')) {
    if (!parse_digits(s, 1, 2, h) || !eat(s, ':') || !parse_digits(s, 1, 2, mi))
      return std::nullopt;
    if (eat(s, ':') && !parse_digits(s, 1, 2, se)) return std::nullopt;
    if (eat(s, '-')) {
      int sign = 1;
      if (eat(s, '-'))
        sign = -1;
      else
        eat(s, '+');
      int z = 0;
      if (s.size() != 4 || !parse_digits(s, 4, 4, z)) return std::nullopt;
      if (z / 100 > 14 || z % 100 > 59) return std::nullopt;
      offset = sign * ((z / 100) * 60 + z % 100);
      with_offset = true;
    }
  }
  if (!s.empty()) return std::nullopt;
  if (y < 1900 || y > 2200 || h > 24 || mi > 59 || se > 59 || (h == 24 && (mi || se)))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  DateTime t = DateTime::from_date(Date::from_ymd(y, m, d), h * 60 + mi);
  t.seconds += se - int64_t{offset} * 60;
  return t;
}

// sun=0 .. sat=6 as TaskJuggler numbers them; -1 when not a weekday.
int tj_weekday(std::string_view s) {
  static constexpr std::string_view kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int i = 0; i < 7; ++i)
    if (s == kDays[i]) return i;
  return -1;
}

std::optional<int> time_minutes(std::string_view s) {
  int h = 0, m = 0;
  if (!parse_digits(s, 1, 2, h) || !eat(s, ':') || !parse_digits(s, 2, 2, m)) return std::nullopt;
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

bool is_report(std::string_view k) {
  static constexpr std::string_view kReports[] = {
      "taskreport",         "resourcereport",    "textreport",
      "tracereport",        "icalreport",        "export",
      "navigator",          "statussheetreport", "timesheetreport",
      "nikureport",         "accountreport",     "tagfile",
      "csvtaskreport",      "csvresourcereport", "htmltaskreport",
      "htmlresourcereport", "htmlaccountreport", "htmlweeklycalendar",
      "htmlstatusreport",   "xmlreport",         "export_report",
      "taskreport_csv",     "resourcereport_csv"};
  return std::find(std::begin(kReports), std::end(kReports), k) != std::end(kReports);
}

}  // namespace

// tj3 3.7's default week, as its own `export` writes it: Monday to Friday, 09:00-17:00. (Older
// TaskJuggler versions used 9:00-12:00, 13:00-18:00; the scheduler tests' dates need 9-17.)
Week default_week() {
  Week w;
  for (int d = 0; d < 5; ++d)
    w[d] = {TimeRange{9 * 60, 17 * 60}};
  return w;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics and recovery

void Parser::syntax(const Token& at, const std::string& what) {
  std::string got = at.kind == Tok::kEof ? std::string("end of file")
                                         : fmt::format("'{}'", at.text.substr(0, 40));
  diags_.error("tjp-syntax", fmt::format("{}, found {}", what, got), loc(at),
               "see docs/taskjuggler.md for the supported syntax");
}

void Parser::unsupported(const Token& kw, const std::string& context) {
  std::string key(kw.text);
  auto& c = capped_[key];
  if (++c.count == 1) c.first = loc(kw);
  if (c.count > kWarningsPerKeyword) return;
  diags_.warning("tjp-unsupported",
                 fmt::format("'{}' is not imported ({}); it is ignored", kw.text, context), loc(kw),
                 "see docs/taskjuggler.md for what Cairn imports from TaskJuggler");
}

void Parser::flush_warnings() {
  for (const auto& [kw, c] : capped_)
    if (c.count > kWarningsPerKeyword)
      diags_.warning("tjp-unsupported",
                     fmt::format("'{}' is not imported: {} more uses ignored (only the first {} "
                                 "are listed)",
                                 kw, c.count - kWarningsPerKeyword, kWarningsPerKeyword),
                     c.first, "see docs/taskjuggler.md for what Cairn imports from TaskJuggler");
  capped_.clear();
}

// Skips the rest of a statement: up to the next keyword that starts a line at this nesting level,
// or the closing brace of the enclosing block. A line ending in a comma or an operator continues.
void Parser::skip_statement() {
  int depth = 0;
  bool cont = false;
  while (true) {
    const Token& t = lex_.peek();
    if (t.kind == Tok::kEof) return;
    if (depth == 0) {
      if (t.punct('}')) return;
      if (t.bol && !cont && (t.kind == Tok::kId || t.kind == Tok::kIdColon)) return;
    }
    Token c = lex_.next();
    if (c.punct('{')) ++depth;
    if (c.punct('}')) --depth;
    cont = c.kind == Tok::kPunct && !c.punct('{') && !c.punct('}') && !c.punct(')');
  }
}

bool Parser::optional_block_start() {
  if (!lex_.peek().punct('{')) return false;
  lex_.next();
  return true;
}

bool Parser::block_closed() {
  const Token& t = lex_.peek();
  if (t.kind == Tok::kEof) return true;
  if (!t.punct('}')) return false;
  lex_.next();
  return true;
}

// ---------------------------------------------------------------------------------------------
// Values

std::optional<double> Parser::number() {
  Token t = lex_.next();
  if (t.kind != Tok::kInteger && t.kind != Tok::kFloat) {
    syntax(t, "expected a number");
    return std::nullopt;
  }
  double v = 0;
  std::string s(t.text);
  if (!s.empty() && s[0] == '.') s = "0" + s;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::optional<std::string> Parser::string_value() {
  Token t = lex_.next();
  if (t.kind != Tok::kString) {
    syntax(t, "expected a string in quotes");
    return std::nullopt;
  }
  return std::string(t.text);
}

std::optional<std::string> Parser::id_value() {
  Token t = lex_.next();
  if (t.kind != Tok::kId) {
    syntax(t, "expected an id");
    return std::nullopt;
  }
  return std::string(t.text);
}

std::optional<DateTime> Parser::date() {
  Token t = lex_.next();
  // %{ DATE +|- DURATION }: a date moved by calendar time (TjpSyntaxRules#rule_dateCalcedOrNot;
  // weeks of 7 days, months of 30.4167, years of 365).
  if (t.punct('%') && lex_.peek().punct('{')) {
    lex_.next();
    auto base = date();
    if (!base) return std::nullopt;
    Token sign = lex_.next();
    if (!sign.punct('+') && !sign.punct('-')) {
      syntax(sign, "expected '+' or '-' and a duration after the date in %{ }");
      return std::nullopt;
    }
    auto days = calendar_days();
    if (!days) return std::nullopt;
    Token close = lex_.next();
    if (!close.punct('}')) {
      syntax(close, "expected '}' to close the date %{ }");
      return std::nullopt;
    }
    const auto moved = static_cast<int64_t>(std::llround(*days * 86400));
    return DateTime{base->seconds + (sign.punct('+') ? moved : -moved)};
  }
  if (t.kind != Tok::kDate) {
    syntax(t, "expected a date (YYYY-MM-DD[-hh:mm])");
    return std::nullopt;
  }
  bool with_offset = false;
  auto d = parse_tj_date(t.text, with_offset);
  if (!d)
    diags_.error("tjp-bad-date", fmt::format("'{}' is not a valid date", t.text), loc(t),
                 "write YYYY-MM-DD or YYYY-MM-DD-hh:mm with a real day and time");
  else if (with_offset && zone_)
    *d = zone_->wall(*d);
  return d;
}

// A duration unit after a number: the factor to seconds (working time uses the project's daily
// working hours and yearly working days, as TaskJuggler does).
static std::optional<double> unit_seconds(std::string_view u, bool working, double daily_hours,
                                          double yearly_days) {
  const double day = working ? 3600 * daily_hours : 86400;
  if (u == "min") return 60.0;
  if (u == "h") return 3600.0;
  if (u == "d") return day;
  if (u == "w") return working ? day * yearly_days / 52.1429 : 7 * day;
  if (u == "m") return working ? day * yearly_days / 12 : 30.4167 * day;
  if (u == "y") return working ? day * yearly_days : 365 * day;
  return std::nullopt;
}

std::optional<double> Parser::working_days() {
  auto v = number();
  if (!v) return std::nullopt;
  Token u = lex_.next();
  auto f = u.kind == Tok::kId
               ? unit_seconds(u.text, true, project_.daily_hours, project_.yearly_days)
               : std::nullopt;
  if (!f) {
    syntax(u, "expected a duration unit (min, h, d, w, m or y)");
    return std::nullopt;
  }
  // TaskJuggler rounds working durations to whole time slots.
  const double res = project_.resolution_minutes * 60.0;
  double slots = std::round(*v * *f / res);
  return slots * res / (3600 * project_.daily_hours);
}

std::optional<double> Parser::calendar_days() {
  auto v = number();
  if (!v) return std::nullopt;
  Token u = lex_.next();
  auto f = u.kind == Tok::kId ? unit_seconds(u.text, false, 0, 0) : std::nullopt;
  if (!f) {
    syntax(u, "expected a duration unit (min, h, d, w, m or y)");
    return std::nullopt;
  }
  const double res = project_.resolution_minutes * 60.0;
  double slots = std::trunc(*v * *f / res);
  return slots * res / 86400;
}

// date ( '-' date | '+' duration )?; a single date is a day when allowed.
std::optional<Interval> Parser::interval(bool allow_single) {
  auto s = date();
  if (!s) return std::nullopt;
  const Token& t = lex_.peek();
  if (t.punct('-')) {
    lex_.next();
    auto e = date();
    if (!e) return std::nullopt;
    return Interval{*s, *e};
  }
  if (t.punct('+')) {
    lex_.next();
    auto d = calendar_days();
    if (!d) return std::nullopt;
    return Interval{*s, DateTime{s->seconds + static_cast<int64_t>(std::llround(*d * 86400))}};
  }
  if (!allow_single) {
    syntax(t, "expected '- end date' or '+ duration' after the start date");
    return std::nullopt;
  }
  return Interval{*s, DateTime{s->seconds + 86400}};
}

// days ( ',' days )* ( 'off' | time '-' time ( ',' time '-' time )* )
bool Parser::parse_working_hours(Week& week) {
  const Token kw = lex_.peek();  // the first weekday, for the warning's place
  std::array<bool, 7> days{};
  while (true) {
    Token d = lex_.next();
    int a = d.kind == Tok::kId ? tj_weekday(d.text) : -1;
    if (a < 0) {
      syntax(d, "expected a weekday (sun, mon, tue, wed, thu, fri, sat)");
      return false;
    }
    int b = a;
    if (lex_.peek().punct('-')) {
      lex_.next();
      Token e = lex_.next();
      b = e.kind == Tok::kId ? tj_weekday(e.text) : -1;
      if (b < 0) {
        syntax(e, "expected a weekday after '-'");
        return false;
      }
    }
    for (int k = a;; k = (k + 1) % 7) {
      days[k] = true;
      if (k == b) break;
    }
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
  std::vector<TimeRange> ranges;
  if (lex_.peek().id("off")) {
    lex_.next();
  } else {
    while (true) {
      Token a = lex_.next();
      auto from = a.kind == Tok::kTime ? time_minutes(a.text) : std::nullopt;
      if (!from) {
        syntax(a, "expected a time (hh:mm) or 'off'");
        return false;
      }
      Token dash = lex_.next();
      if (!dash.punct('-')) {
        syntax(dash, "expected '-' between the times");
        return false;
      }
      Token b = lex_.next();
      auto to = b.kind == Tok::kTime ? time_minutes(b.text) : std::nullopt;
      if (!to || *to <= *from) {
        syntax(b, "expected an end time after the start time");
        return false;
      }
      ranges.push_back(TimeRange{*from, *to});
      if (!lex_.peek().punct(',')) break;
      lex_.next();
    }
    std::sort(ranges.begin(), ranges.end(), [](const TimeRange& x, const TimeRange& y) {
      return x.start_minute < y.start_minute;
    });
    // TaskJuggler works a slot of the timing resolution when the slot starts within the hours:
    // 09:00 - 15:30 in 60-minute slots is 09:00 - 16:00, 09:30 - 17:00 is 10:00 - 17:00.
    const int res = project_.resolution_minutes;
    auto up = [&](int m) { return std::min(1440, (m + res - 1) / res * res); };
    std::vector<TimeRange> slots;
    for (const TimeRange& r : ranges) {
      const TimeRange a{up(r.start_minute), up(r.end_minute)};
      if (a.end_minute <= a.start_minute) continue;
      if (!slots.empty() && a.start_minute <= slots.back().end_minute)
        slots.back().end_minute = std::max(slots.back().end_minute, a.end_minute);
      else
        slots.push_back(a);
    }
    if (slots != ranges) {
      auto hhmm = [](int m) { return fmt::format("{:02d}:{:02d}", m / 60, m % 60); };
      std::string read;
      for (const TimeRange& r : slots)
        read += fmt::format("{}{} - {}", read.empty() ? "" : ", ", hhmm(r.start_minute),
                            hhmm(r.end_minute));
      diags_.warning(
          "tjp-working-hours-slots",
          fmt::format("working hours that do not start and end on the {}-minute slots "
                      "are read as tj3 works them, a slot when it starts within them: {}",
                      res, read.empty() ? "no hours" : read),
          loc(kw), "align the hours to the timingresolution to say exactly what is meant");
      ranges = std::move(slots);
    }
  }
  for (int k = 0; k < 7; ++k)
    if (days[k]) week[(k + 6) % 7] = ranges;
  return true;
}

// vacation ["name"] interval, interval, ...   /   leaves type ["name"] interval, type ["name"]
// interval, ... (TaskJuggler's leave list: every element names its own type).
void Parser::parse_leaves(const Token& kw, std::vector<TjLeave>& into, bool typed) {
  std::string reason(kw.text);
  bool first = true;
  while (true) {
    // After a comma a leave list names the next type (a date instead keeps the last one).
    if (first || (typed && lex_.peek().kind == Tok::kId)) {
      if (typed) {
        auto type = id_value();
        if (!type) return skip_statement();
        reason = *type;
      }
      if (lex_.peek().kind == Tok::kString) reason = std::string(lex_.next().text);
    }
    first = false;
    auto iv = interval(true);
    if (!iv) return skip_statement();
    into.push_back(TjLeave{*iv, reason});
    if (!lex_.peek().punct(',')) break;
    lex_.next();
  }
}

// limits { dailymax 4h weeklymax 3d { resources r1, r2 period I } ... } into `out` (a task's or
// a resource's; a resource's limit with `resources` is warned about and left out). What Cairn
// cannot schedule is warned about when the plan is built.
void Parser::parse_limits(const Token& kw, std::vector<TjLimit>& out, bool task) {
  if (!lex_.peek().punct('{')) {
    syntax(lex_.peek(), "expected '{' after limits");
    skip_statement();
    return;
  }
  lex_.next();
  while (true) {
    const Token& t = lex_.peek();
    if (t.kind == Tok::kEof) {
      syntax(t, "expected '}' to close limits");
      return;
    }
    if (t.punct('}')) {
      lex_.next();
      break;
    }
    Token k = lex_.next();
    TjLimit l;
    l.where = pos(k);
    bool known = true;
    if (k.id("dailymax"))
      l.per = 'd';
    else if (k.id("weeklymax"))
      l.per = 'w';
    else if (k.id("monthlymax"))
      l.per = 'm';
    else
      known = false;
    auto v = working_days();
    if (!v) {
      skip_statement();
      if (lex_.peek().punct('}')) lex_.next();
      return;
    }
    l.hours = *v * project_.daily_hours;
    if (lex_.peek().punct('{')) {
      lex_.next();
      while (true) {
        const Token& o = lex_.peek();
        if (o.kind == Tok::kEof) {
          syntax(o, "expected '}' to close the limit's options");
          return;
        }
        if (o.punct('}')) {
          lex_.next();
          break;
        }
        Token ok = lex_.next();
        if (ok.id("resources")) {
          while (true) {
            Token r = lex_.next();
            if (r.kind != Tok::kId) {
              syntax(r, "expected a resource id");
              break;
            }
            l.resources.push_back(TjRef{r.text, 0, pos(r)});
            if (!lex_.peek().punct(',')) break;
            lex_.next();
          }
        } else if (ok.id("period")) {
          auto iv = interval(false);
          if (!iv) return;
          l.period = *iv;
        } else {
          syntax(ok, "expected resources or period");
          return;
        }
      }
    }
    if (!known)
      unsupported(k, fmt::format("a limit in {}", kw.text));
    else if (!task && !l.resources.empty())  // tj3 accepts it; it names no work of this resource
      unsupported(k, "a resource's limit for other resources");
    else
      out.push_back(std::move(l));
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

void Parser::parse(const IncludeReader& read_include) {
  read_include_ = &read_include;
  parse_top();
  read_include_ = nullptr;
  if (scenario_parent_.empty()) scenario_parent_[top_scenario_] = "";  // TaskJuggler's default
  if (!wanted_scenario_.empty() && !scenario_parent_.count(wanted_scenario_)) {
    std::string known;
    for (const auto& [name, parent] : scenario_parent_)
      known += (known.empty() ? "" : ", ") + name;
    const Pos& p = project_.where;
    diags_.error("tjp-unknown-scenario",
                 fmt::format("scenario '{}' is not declared in the project", wanted_scenario_),
                 Location{p.file < lex_.files().size() ? lex_.files()[p.file] : std::string(),
                          p.line,
                          p.column,
                          {}},
                 fmt::format("choose one of: {}", known));
  }
}

void Parser::parse_top() {
  while (!lex_.aborted()) {
    if (diags_.size() > kMaxDiagnostics) {
      diags_.error(
          "tjp-too-many-errors",
          fmt::format("more than {} problems; the rest of the input is not read", kMaxDiagnostics),
          loc(lex_.peek()), "fix the first problems and read the file again");
      return;
    }
    Token kw = lex_.next();
    if (kw.kind == Tok::kEof) return;
    if (kw.kind != Tok::kId) {
      syntax(kw, "expected a keyword such as project, resource or task");
      skip_statement();
      continue;
    }
    if (!top_statement(kw)) {
      unsupported(kw, "not a supported statement");
      skip_statement();
    }
  }
}

bool Parser::top_statement(const Token& kw) {
  std::string_view k = kw.text;
  if (k == "project") return parse_project(kw), true;
  if (k == "resource") return parse_resource(kw, resource_prefix(kw)), true;
  if (k == "task") return parse_task(kw, task_prefix(kw)), true;
  if (k == "shift") return parse_shift(kw), true;
  if (k == "macro") return parse_macro(kw), true;
  if (k == "include") return parse_include(kw), true;
  if (k == "supplement") return parse_supplement(kw), true;
  if (k == "vacation") return parse_leaves(kw, project_.holidays, false), true;
  if (k == "leaves") return parse_leaves(kw, project_.holidays, true), true;
  if (k == "rate") {
    // The default daily rate of the resources declared after it.
    auto v = number();
    if (v) project_.default_rate = *v;
    return true;
  }
  if (k == "flags") {
    // A declaration of flag names; the flags of tasks become labels.
    while (lex_.peek().kind == Tok::kId) {
      lex_.next();
      if (!lex_.peek().punct(',')) break;
      lex_.next();
    }
    return true;
  }
  if (is_report(k)) {
    unsupported(kw, "reports are not imported; Cairn makes its own");
    skip_statement();
    return true;
  }
  return false;
}

void Parser::parse_block(Handler handler) {
  while (!lex_.aborted() && diags_.size() <= kMaxDiagnostics) {
    const Token& t = lex_.peek();
    if (t.kind == Tok::kEof) {
      syntax(t, "expected '}' to close the block");
      return;
    }
    if (t.punct('}')) {
      lex_.next();
      return;
    }
    Token kw = lex_.next();
    stmt_scenario_ = top_scenario_;
    if (kw.kind == Tok::kIdColon) {
      stmt_scenario_ = std::string(kw.text);
      if (!scenario_imported(kw.text)) {
        unsupported(kw, fmt::format("attributes of scenario '{}'; only scenario '{}' is imported "
                                    "(choose another with --scenario)",
                                    kw.text, imported_scenario()));
        skip_statement();
        continue;
      }
      kw = lex_.next();
    }
    if (kw.kind != Tok::kId) {
      syntax(kw, "expected an attribute keyword");
      skip_statement();
      continue;
    }
    if (kw.text == "include") {
      parse_include(kw);
      continue;
    }
    if (kw.text == "macro") {
      parse_macro(kw);
      continue;
    }
    if (std::find(extended_.begin(), extended_.end(), kw.text) != extended_.end()) {
      unsupported(kw, "a custom attribute");
      skip_statement();
      continue;
    }
    if (!(this->*handler)(kw)) {
      unsupported(kw, "not a supported attribute here");
      skip_statement();
    }
  }
}

void Parser::parse_macro(const Token& kw) {
  Token name = lex_.next();
  if (name.kind != Tok::kId) {
    syntax(name, "expected the macro name");
    return skip_statement();
  }
  Token body = lex_.next();
  if (body.kind != Tok::kMacroBody) {
    syntax(body, "expected the macro body in [ ]");
    return skip_statement();
  }
  (void)kw;
  lex_.define_macro(name.text, body.text);
}

int Parser::task_prefix(const Token& t) const {
  return t.file < file_prefix_.size() ? file_prefix_[t.file].first : -1;
}

int Parser::resource_prefix(const Token& t) const {
  return t.file < file_prefix_.size() ? file_prefix_[t.file].second : -1;
}

// include "file" [{ taskprefix ID resourceprefix ID accountprefix ID reportprefix ID }]: the
// file's top-level tasks (resources) go under the task (resource) given, as in tj3, which also
// reads `supplement task` ids in it relative to that task; `depends` ids stay absolute. A file it
// includes inherits the prefixes; its own ones are read from there (tj3's rule_taskId).
void Parser::parse_include(const Token& kw) {
  Token f = lex_.next();
  if (f.kind != Tok::kString) {
    syntax(f, "expected the file name in quotes");
    return skip_statement();
  }
  Location from = loc(kw);
  std::string dir = lex_.dir_of(kw);
  std::filesystem::path p(std::string(f.text));
  if (p.is_relative() && !dir.empty()) p = std::filesystem::path(dir) / p;
  std::string path = p.lexically_normal().string();
  // Checked before the attributes are read: looking past the file name may finish the files
  // that include this one.
  bool ok = true;
  if (lex_.is_open(path)) {
    diags_.error("include-cycle",
                 fmt::format("{} includes itself (through the include chain)", path), from,
                 "remove the include that closes the loop");
    ok = false;
  } else if (lex_.file_depth() > max_include_depth_) {
    diags_.error("include-too-deep",
                 fmt::format("includes nest deeper than {} levels", max_include_depth_), from,
                 "flatten the include chain");
    ok = false;
  }
  std::pair<int, int> prefix{task_prefix(kw), resource_prefix(kw)};
  if (lex_.peek().punct('{')) {
    lex_.next();
    while (!lex_.aborted()) {
      Token a = lex_.next();
      if (a.punct('}')) break;
      if (a.kind == Tok::kEof) return syntax(a, "expected '}' to close the include's attributes");
      const bool is_task = a.id("taskprefix"), is_resource = a.id("resourceprefix");
      if (!is_task && !is_resource && !a.id("accountprefix") && !a.id("reportprefix")) {
        syntax(a, "expected taskprefix, resourceprefix, accountprefix or reportprefix");
        return skip_statement();
      }
      Token id = lex_.next();
      if (id.kind != Tok::kId) {
        syntax(id, "expected the id of a task, resource, account or report defined before");
        return skip_statement();
      }
      if (!is_task && !is_resource) continue;  // accounts and reports are not imported
      std::string full(id.text);
      const int outer = is_task ? prefix.first : prefix.second;
      if (is_task && outer >= 0) full = project_.tasks[outer].id + "." + full;
      const auto& index = is_task ? project_.task_index : project_.resource_index;
      auto it = index.find(full);
      if (it == index.end()) {
        diags_.error(
            is_task ? "tjp-unknown-task" : "tjp-unknown-resource",
            fmt::format("{} '{}' of the include is not defined", a.text, full), loc(id),
            fmt::format("define the {} before the include", is_task ? "task" : "resource"));
        return skip_statement();
      }
      (is_task ? prefix.first : prefix.second) = it->second;
    }
  }
  if (!ok) return;
  auto text = (*read_include_)(path, from);
  if (!text) return;
  const uint32_t file = lex_.push_file(path, std::move(*text));
  if (prefix.first >= 0 || prefix.second >= 0) {
    if (file_prefix_.size() <= file) file_prefix_.resize(file + 1, {-1, -1});
    file_prefix_[file] = prefix;
  }
}

}  // namespace cairn::io::tjp

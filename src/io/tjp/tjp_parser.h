// The TaskJuggler 3 parser: reads the token stream of a project file into a TjProject, a plain
// image of the TaskJuggler properties Cairn imports (project, shifts, resources, tasks), with
// attribute inheritance applied as TaskJuggler does it when a child is declared. References
// (resources of allocations, tasks of dependencies) stay as written; the Builder resolves them
// and maps the image onto a Program. Durations are already converted to days (working days for
// effort, length and gaplength; calendar days for duration and gapduration). Times are wall-clock
// times of the project, stored as DateTime (no time zone; see Parser::zone_). Not thread-safe; one
// parser per read.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/diagnostics.h"
#include "io/tjp/tjp_lexer.h"
#include "io/tjp/tjp_zone.h"

namespace cairn::io::tjp {

using Week = std::array<std::vector<TimeRange>, 7>;  // Monday first, as cairn::Weekday

// A compact source position (file index into Lexer::files()); Builder turns it into a Location.
struct Pos {
  uint32_t file = 0;
  int line = 0;
  int column = 0;
};

struct Interval {
  DateTime start;
  DateTime end;  // exclusive
};

struct TjLeave {
  Interval interval;
  std::string reason;
};

// A reference as written; the view points into the lexer's buffers (valid while it lives).
struct TjRef {
  std::string_view id;  // a resource id, or a task id without its leading '!' marks
  int bangs = 0;        // task ids: how many '!' (levels up from the writing task) preceded it
  Pos where;
};

struct TjShift {
  std::string id;
  std::string name;
  Week week;
  std::vector<TjLeave> leaves;
  bool replace = false;  // `replace`: its leaves replace the resource's and the global ones
};

// A shift for a period: `shifts id 2007-09-01 +2w` (no period: the whole project).
struct TjShiftUse {
  int shift = -1;
  std::optional<Interval> period;
};

// Actual work: `booking resource interval, ... [{ sloppy N overtime N }]` in a task, or
// `booking task ...` in a resource (then `resource` is the resource's id).
struct TjBooking {
  TjRef resource;
  TjRef task;               // set for bookings written in a resource
  int resource_index = -1;  // for bookings written in a resource
  std::vector<Interval> intervals;
  int overtime = 0;  // 0: working time, 1: also off-hours, 2: also leave
  Pos where;
};

// A task or resource limit: limits { dailymax|weeklymax|monthlymax V [{ resources r, ... period I
// }] } (resources: task limits only).
struct TjLimit {
  char per = 'd';  // 'd' dailymax, 'w' weeklymax, 'm' monthlymax
  double hours = 0;
  std::vector<TjRef> resources;    // empty: the task's work in total
  std::optional<Interval> period;  // only for a period
  Pos where;
};

struct TjResource {
  std::string id;
  std::string name;
  int parent = -1;
  std::vector<int> children;
  Pos where;
  std::optional<Week> week;  // own or inherited working hours; unset: the project's
  std::vector<TjLeave> leaves;
  std::optional<double> rate;
  std::string email;
  std::optional<double> daily_max_hours;  // limits { dailymax } (plain: no period)
  std::vector<TjLimit> limits;            // the other limits (weeklymax, monthlymax, a period)
  double efficiency = 1.0;                // effort per slot worked (Person::efficiency)
  std::vector<TjShiftUse> shift_periods;  // shifts for a period (inherited by children)
};

struct TjAllocation {
  std::vector<TjRef> candidates;  // the first is the preferred one
  bool mandatory = false;
  bool persistent = false;
  std::vector<TjShiftUse> shifts;
};

struct TjDependency {
  TjRef target;
  int scope = -1;         // the task it was written in (relative ids resolve from there)
  bool precedes = false;  // written as `precedes` (this task comes first)
  bool on_end = true;     // depends: onend (default) / onstart; precedes: onend / onstart (default)
  std::optional<double> gap_length;    // working days
  std::optional<double> gap_duration;  // calendar days
};

enum class TjBasis { kNone, kEffort, kLength, kDuration };

struct TjTask {
  std::string id;         // full id: parent.child
  std::string_view name;  // points into the lexer's buffers
  int parent = -1;
  std::vector<int> children;
  Pos where;
  TjBasis basis = TjBasis::kNone;
  double amount = 0;  // days, see TjBasis
  bool milestone = false;
  std::optional<DateTime> start, end;
  bool alap = false;  // TaskJuggler's !forward
  int priority = 500;
  std::vector<TjAllocation> allocations;
  std::vector<TjDependency> dependencies;
  std::optional<double> complete;  // percent
  std::optional<DateTime> min_start, max_start, min_end, max_end;
  Pos assert_where;
  std::vector<std::string_view> flags;
  std::vector<TjLimit> limits;
  std::vector<TjShiftUse> shifts;
  std::vector<TjBooking> bookings;
};

struct TjProject {
  std::string id;
  std::string name;
  bool have_project = false;
  Pos where;
  DateTime start, end;
  std::optional<DateTime> now;
  // The imported scenario is the `trackingscenario` or inherits from it: tj3's projection mode,
  // where open work starts after `now`.
  bool projection = false;
  std::string currency;
  std::optional<double> default_rate;   // top-level `rate`: for resources declared after it
  double daily_hours = 8;               // dailyworkinghours
  double yearly_days = 260.714;         // yearlyworkingdays
  int resolution_minutes = 60;          // timingresolution
  Week week;                            // project working hours
  std::optional<Location> week_set_at;  // where `workinghours` last set them (none: the default)
  std::vector<TjLeave> holidays;        // global vacations / leaves
  std::vector<TjShift> shifts;
  std::vector<TjResource> resources;
  std::vector<TjTask> tasks;
  std::vector<TjBooking> resource_bookings;  // written in resources (supplement resource)
  std::unordered_map<std::string, int> shift_index, resource_index, task_index;
};

// TaskJuggler's default week (tj3 3.x): Monday to Friday 9:00-17:00.
Week default_week();

class Parser {
 public:
  Parser(Lexer& lexer, Diagnostics& diags, int max_include_depth)
      : lex_(lexer), diags_(diags), max_include_depth_(max_include_depth) {
    project_.week = default_week();
  }

  // Parses the whole token stream. `read_include(path, from)` reads an included file and returns
  // its text, or nullopt after reporting why not.
  using IncludeReader =
      std::function<std::optional<std::string>(const std::string& path, const Location& from)>;
  void parse(const IncludeReader& read_include);

  TjProject& project() { return project_; }
  // The scenario whose attributes are imported (with its ancestors'); empty: the top one.
  void select_scenario(std::string name) { wanted_scenario_ = std::move(name); }
  // Emits the summaries of warnings that were capped per keyword.
  void flush_warnings();

 private:
  using Handler = bool (Parser::*)(const Token& keyword);

  // Statements.
  void parse_top();
  bool top_statement(const Token& kw);
  void parse_project(const Token& kw);
  bool project_attribute(const Token& kw);
  void parse_resource(const Token& kw, int parent);
  bool resource_attribute(const Token& kw);
  void parse_task(const Token& kw, int parent);
  bool task_attribute(const Token& kw);
  void parse_shift(const Token& kw);
  void parse_scenario(const std::string& parent);
  // Whether attributes written for `scenario` (`name:effort 5d`) are imported: it is the
  // selected scenario or one of its ancestors (TaskJuggler's scenarios inherit their parent's).
  bool scenario_imported(std::string_view scenario) const;
  // The scenario imported: the selected one, else the top one.
  const std::string& imported_scenario() const {
    return wanted_scenario_.empty() ? top_scenario_ : wanted_scenario_;
  }
  bool shift_attribute(const Token& kw);
  void parse_macro(const Token& kw);
  void parse_include(const Token& kw);
  // The task and the resource that the top-level tasks and resources of the file of `t` go under
  // (`include "f.tji" { taskprefix a resourceprefix r }`, for that file and the files it
  // includes); -1 for none.
  int task_prefix(const Token& t) const;
  int resource_prefix(const Token& t) const;
  // `supplement task|resource ID { ... }`; inside a task's block (`in_task`) a task id is relative
  // to that task, as in tj3.
  void parse_supplement(const Token& kw, int in_task = -1);
  void parse_block(Handler handler);
  void parse_dependencies(const Token& kw, bool precedes);
  void parse_allocations(const Token& kw);
  void parse_leaves(const Token& kw, std::vector<TjLeave>& into, bool typed);
  bool parse_working_hours(Week& week);
  // `timezone` or `timingresolution` (at `kw`) after the project's workinghours: back to the
  // default week, with a warning (tj3 rebuilds the working hours then).
  void reset_working_hours(const Token& kw);
  void set_time_zone(const Token& zone_name);
  void parse_limits(const Token& kw, std::vector<TjLimit>& out, bool task);
  // shifts id [interval] [, id [interval]]...; false after a reported error.
  bool parse_shift_uses(std::vector<TjShiftUse>& into);
  void parse_booking(const Token& kw, bool in_task);

  // Values.
  std::optional<DateTime> date();
  std::optional<Interval> interval(bool allow_single);
  std::optional<double> number();
  std::optional<double> working_days();   // effort, length, gaplength
  std::optional<double> calendar_days();  // duration, gapduration
  std::optional<std::string> string_value();
  std::optional<std::string> id_value();

  // Diagnostics and recovery.
  void syntax(const Token& at, const std::string& what);
  void unsupported(const Token& kw, const std::string& context);
  void skip_statement();
  bool optional_block_start();
  // True (and the '}' read) at the end of a block; also at the end of the input.
  bool block_closed();
  Location loc(const Token& t) const { return lex_.where(t); }
  static Pos pos(const Token& t) { return Pos{t.file, t.line, t.column}; }

  void too_deep(const Token& kw);
  static constexpr int kMaxNesting = 64;  // nested tasks, resources or shifts

  Lexer& lex_;
  Diagnostics& diags_;
  int nesting_ = 0;
  int max_include_depth_;
  const IncludeReader* read_include_ = nullptr;
  TjProject project_;
  int cur_task_ = -1;
  // Per file index (Lexer::files()): the prefixes in effect in it (task_prefix); missing: none.
  std::vector<std::pair<int, int>> file_prefix_;
  int cur_resource_ = -1;
  int cur_shift_ = -1;
  std::string top_scenario_ = "plan";
  // The scenario the statement being parsed was written for (its `name:` prefix, else the top
  // scenario): bookings apply only in their own scenario.
  std::string stmt_scenario_;
  std::string wanted_scenario_;                         // empty: the top scenario
  std::map<std::string, std::string> scenario_parent_;  // declared scenarios; top: ""
  std::vector<std::string> extended_;                   // custom attribute names from `extend`
  struct Capped {
    int count = 0;
    Location first;
  };
  std::map<std::string, Capped> capped_;
  // The project's `timezone` (unset: UTC): a date with an explicit offset is an instant, turned
  // into its wall clock; so are the dates read before the statement (tj3 reads them in UTC).
  std::optional<TimeZone> zone_;
  bool zone_read_ = false;
};

}  // namespace cairn::io::tjp

// The MSPDI reader (the writer is in mspdi_write.cc).
#include "io/mspdi/mspdi.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "base/codes.h"
#include "io/mspdi/mspdi_values.h"
#include "model/enums.h"

namespace cairn::io {
namespace {

using mspdi_values::elapsed_format;
using mspdi_values::percent_format;
using mspdi_values::time_of_day;
using mspdi_values::to_double;
using mspdi_values::to_int;

class Reader {
 public:
  Reader(std::string_view text, const std::string& name, const ImportOptions& options,
         Diagnostics& diags)
      : text_(text), name_(name), options_(options), diags_(diags) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  Result<ImportResult> run() {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed =
        doc.load_buffer(text_.data(), text_.size(), pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
      return make_error(codes::kInvalidXml,
                        fmt::format("not well-formed XML: {}", parsed.description()),
                        at_offset(static_cast<size_t>(std::max<ptrdiff_t>(0, parsed.offset))),
                        "save the project again from MS Project as XML");
    }
    const pugi::xml_node project = doc.document_element();
    if (std::string_view(project.name()) != "Project") {
      return make_error(codes::kNotMspdi,
                        fmt::format("the root element is <{}>, not <Project>", project.name()),
                        where(project), "save the project from MS Project as 'XML Format'");
    }
    out_.format = ImportFormat::kMspdi;
    out_.file = name_;
    if (auto r = read_project(project); !r) return std::unexpected(r.error());
    if (auto r = read_calendars(project); !r) return std::unexpected(r.error());
    if (auto r = read_resources(project); !r) return std::unexpected(r.error());
    if (auto r = read_tasks(project); !r) return std::unexpected(r.error());
    if (auto r = read_assignments(project); !r) return std::unexpected(r.error());
    finish();
    return std::move(out_);
  }

 private:
  Location at_offset(size_t off) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), off);
    const size_t line = static_cast<size_t>(it - line_starts_.begin());
    return Location{
        name_, static_cast<int>(line), static_cast<int>(off - line_starts_[line - 1]) + 1, {}};
  }
  Location where(pugi::xml_node n) const {
    return at_offset(static_cast<size_t>(std::max<ptrdiff_t>(0, n.offset_debug())));
  }
  std::unexpected<Error> bad(pugi::xml_node n, std::string message, std::string hint = {}) const {
    return make_error(codes::kInvalidMspdi, std::move(message), where(n), std::move(hint));
  }

  static std::string_view text(pugi::xml_node parent, const char* child) {
    return parent.child(child).text().get();
  }

  // An integer child; `fallback` when absent or empty, an error when not a number.
  Result<long long> integer(pugi::xml_node parent, const char* child, long long fallback) const {
    const pugi::xml_node n = parent.child(child);
    if (!n || std::string_view(n.text().get()).empty()) return fallback;
    auto v = to_int(n.text().get());
    if (!v) return bad(n, fmt::format("<{}> is '{}', not a whole number", child, n.text().get()));
    return *v;
  }
  Result<std::optional<double>> number(pugi::xml_node parent, const char* child) const {
    const pugi::xml_node n = parent.child(child);
    if (!n || std::string_view(n.text().get()).empty()) return std::optional<double>{};
    auto v = to_double(n.text().get());
    if (!v) return bad(n, fmt::format("<{}> is '{}', not a number", child, n.text().get()));
    return v;
  }
  Result<std::optional<DateTime>> datetime(pugi::xml_node parent, const char* child) const {
    const pugi::xml_node n = parent.child(child);
    const std::string_view s = n.text().get();
    if (!n || s.empty()) return std::optional<DateTime>{};
    auto d = DateTime::parse(s);
    if (!d)
      return bad(n, fmt::format("<{}> is '{}', not a date and time", child, s),
                 "MSPDI writes 2024-03-12T08:00:00");
    return d;
  }
  Result<std::optional<double>> duration_minutes(pugi::xml_node parent, const char* child) const {
    const pugi::xml_node n = parent.child(child);
    const std::string_view s = n.text().get();
    if (!n || s.empty()) return std::optional<double>{};
    auto m = parse_mspdi_duration_minutes(s);
    if (!m) return bad(n, fmt::format("<{}> is '{}', not a duration like PT8H0M0S", child, s));
    return m;
  }

  Result<void> read_project(pugi::xml_node project) {
    Program& p = out_.program;
    auto mpd = integer(project, "MinutesPerDay", 480);
    if (!mpd) return std::unexpected(mpd.error());
    minutes_per_day_ = *mpd > 0 && *mpd <= 1440 ? static_cast<int>(*mpd) : 480;
    std::string stem(text(project, "Name"));
    if (!stem.empty()) stem = file_stem(stem);
    p.key = !options_.program_key.empty() ? options_.program_key
                                          : (stem.empty() ? file_stem(name_) : stem);
    const std::string title(text(project, "Title"));
    p.name =
        !options_.program_name.empty() ? options_.program_name : (title.empty() ? p.key : title);
    p.goal = std::string(text(project, "Subject"));
    if (auto cur = text(project, "CurrencyCode"); !cur.empty()) p.currency = std::string(cur);
    auto start = datetime(project, "StartDate");
    if (!start) return std::unexpected(start.error());
    if (*start) p.start = (*start)->date();
    auto status = datetime(project, "StatusDate");
    if (!status) return std::unexpected(status.error());
    if (*status) p.as_of = (*status)->date();
    auto cal = integer(project, "CalendarUID", -1);
    if (!cal) return std::unexpected(cal.error());
    project_calendar_ = *cal;
    // Custom field aliases: which FieldID carries which Cairn field.
    for (pugi::xml_node ea : project.child("ExtendedAttributes").children("ExtendedAttribute")) {
      const std::string alias(text(ea, "Alias"));
      const std::string id(text(ea, "FieldID"));
      if (!alias.empty() && !id.empty()) alias_of_field_[id] = alias;
    }
    return {};
  }

  // The week and exceptions of one calendar node onto `cal`; the off-days of its own exceptions go
  // to `own_off` when given.
  Result<void> apply_calendar(pugi::xml_node c, WorkingCalendar& cal, bool& has_week,
                              std::vector<Leave>* own_off) const {
    std::array<std::vector<TimeRange>, 7> after_midnight;  // by the weekday they fall on
    std::vector<Holiday> days_off;  // the exceptions' days, added at once at the end
    for (pugi::xml_node wd : c.child("WeekDays").children("WeekDay")) {
      auto type = integer(wd, "DayType", -1);
      if (!type) return std::unexpected(type.error());
      auto working = integer(wd, "DayWorking", 0);
      if (!working) return std::unexpected(working.error());
      if (*type >= 1 && *type <= 7) {
        const Weekday w = *type == 1 ? Weekday::kSunday : static_cast<Weekday>(*type - 2);
        std::vector<TimeRange> ranges;
        if (*working) {
          auto r = times(wd, after_midnight[(static_cast<int>(w) + 1) % 7]);
          if (!r) return std::unexpected(r.error());
          ranges = std::move(*r);
          if (ranges.empty()) ranges = {{8 * 60, 12 * 60}, {13 * 60, 17 * 60}};
        }
        cal.set_hours(w, std::move(ranges));
        has_week = true;
      } else if (*type == 0) {  // MS Project 2003/2007 exception
        if (auto r = exception(wd, *working != 0, days_off, own_off); !r) return r;
      } else {
        return bad(wd, fmt::format("<DayType> is {}, not 0..7", *type));
      }
    }
    for (int d = 0; d < 7; ++d) {
      if (after_midnight[d].empty()) continue;
      std::vector<TimeRange> ranges = cal.hours(static_cast<Weekday>(d));
      ranges.insert(ranges.end(), after_midnight[d].begin(), after_midnight[d].end());
      std::sort(ranges.begin(), ranges.end(), [](const TimeRange& a, const TimeRange& b) {
        return a.start_minute < b.start_minute;
      });
      cal.set_hours(static_cast<Weekday>(d), std::move(ranges));
    }
    for (pugi::xml_node ex : c.child("Exceptions").children("Exception")) {
      auto working = integer(ex, "DayWorking", 0);
      if (!working) return std::unexpected(working.error());
      if (auto r = exception(ex, *working != 0, days_off, own_off); !r) return r;
    }
    if (c.child("WorkWeeks").first_child())
      diags_.info(codes::kMspdiWorkWeeksIgnored,
                  "alternative work weeks of calendar '" + std::string(text(c, "Name")) +
                      "' are not read; the default week is used",
                  where(c.child("WorkWeeks")), "model them as holidays or leave if they matter");
    cal.add_holidays(std::move(days_off));
    return {};
  }

  // The working times of a weekday. A time that crosses midnight (FromTime 23:00, ToTime 08:00) is
  // worked to midnight on this day and from midnight on the next: that part goes to `next_day`.
  Result<std::vector<TimeRange>> times(pugi::xml_node wd, std::vector<TimeRange>& next_day) const {
    std::vector<TimeRange> out;
    for (pugi::xml_node wt : wd.child("WorkingTimes").children("WorkingTime")) {
      auto from = time_of_day(text(wt, "FromTime"));
      auto to = time_of_day(text(wt, "ToTime"));
      if (!from || !to) return bad(wt, "a <WorkingTime> needs FromTime and ToTime like 08:00:00");
      int end = *to == 0 ? 1440 : *to;
      if (end == *from) return bad(wt, "a <WorkingTime> ends when it starts");
      if (end < *from) {
        next_day.push_back({0, end});
        end = 1440;
      }
      out.push_back({*from, end});
    }
    return out;
  }

  Result<void> exception(pugi::xml_node ex, bool working, std::vector<Holiday>& days_off,
                         std::vector<Leave>* own_off) const {
    auto from = datetime(ex.child("TimePeriod"), "FromDate");
    auto to = datetime(ex.child("TimePeriod"), "ToDate");
    if (!from) return std::unexpected(from.error());
    if (!to) return std::unexpected(to.error());
    if (!*from || !*to) return bad(ex, "a calendar exception has no TimePeriod FromDate/ToDate");
    if (working) {
      diags_.info(codes::kMspdiWorkingExceptionIgnored,
                  "an exception that makes days working is not read (Cairn calendars only close "
                  "days)",
                  where(ex), "");
      return {};
    }
    Date a = (*from)->date(), b = (*to)->date();
    if (b < a) std::swap(a, b);
    if (b - a > 3660) b = a + 3660;
    const std::string nm(text(ex, "Name"));
    for (Date d = a; d <= b; d = d + 1)
      days_off.push_back({d, nm});
    if (own_off) own_off->push_back({{a, b}, nm});
    return {};
  }

  Result<WorkingCalendar> calendar(long long uid, int depth, std::vector<Leave>* own_off,
                                   bool* own_week) const {
    WorkingCalendar cal;
    cal.set_day_minutes(minutes_per_day_);
    auto it = calendars_.find(uid);
    if (it == calendars_.end()) return cal;
    auto base = integer(it->second, "BaseCalendarUID", -1);
    if (!base) return std::unexpected(base.error());
    if (*base >= 0 && *base != uid && depth < 8 && calendars_.count(*base)) {
      auto b = calendar(*base, depth + 1, nullptr, nullptr);
      if (!b) return b;
      cal = std::move(*b);
    }
    bool has_week = false;
    if (auto r = apply_calendar(it->second, cal, has_week, own_off); !r)
      return std::unexpected(r.error());
    if (own_week) *own_week = has_week;
    return cal;
  }

  Result<void> read_calendars(pugi::xml_node project) {
    for (pugi::xml_node c : project.child("Calendars").children("Calendar")) {
      auto uid = integer(c, "UID", -1);
      if (!uid) return std::unexpected(uid.error());
      if (*uid < 0) return bad(c, "a <Calendar> has no <UID>");
      if (!calendars_.emplace(*uid, c).second)
        return bad(c, fmt::format("calendar UID {} is used twice", *uid));
    }
    auto cal = calendar(project_calendar_, 0, nullptr, nullptr);
    if (!cal) return std::unexpected(cal.error());
    out_.program.calendar = std::move(*cal);
    return {};
  }

  std::string custom(pugi::xml_node n, const char* alias) const {
    for (pugi::xml_node ea : n.children("ExtendedAttribute")) {
      auto a = alias_of_field_.find(std::string(text(ea, "FieldID")));
      if (a != alias_of_field_.end() && a->second == alias) return std::string(text(ea, "Value"));
    }
    return {};
  }

  TeamId team(const std::string& key) {
    auto [it, fresh] = teams_.emplace(key, static_cast<uint32_t>(out_.program.teams.size()));
    if (fresh) {
      Team t;
      t.key = t.name = key;
      out_.program.teams.push_back(std::move(t));
    }
    return TeamId{it->second};
  }

  std::string prefixed(char kind, long long uid) const {
    return options_.key_prefix.empty() ? fmt::format("{}{}", kind, uid)
                                       : fmt::format("{}-{}{}", options_.key_prefix, kind, uid);
  }

  Result<void> read_resources(pugi::xml_node project) {
    Program& p = out_.program;
    int skipped = 0;
    for (pugi::xml_node r : project.child("Resources").children("Resource")) {
      auto uid = integer(r, "UID", -1);
      if (!uid) return std::unexpected(uid.error());
      if (*uid < 0) return bad(r, "a <Resource> has no <UID>");
      auto type = integer(r, "Type", 1);
      if (!type) return std::unexpected(type.error());
      auto is_null = integer(r, "IsNull", 0);
      if (!is_null) return std::unexpected(is_null.error());
      const std::string nm(text(r, "Name"));
      if (*type != 1 || *is_null || nm.empty()) {
        if (!nm.empty() && *type != 1) ++skipped;
        continue;
      }
      Person person;
      person.key = custom(r, kCairnKey);
      if (person.key.empty()) person.key = prefixed('R', *uid);
      person.name = nm;
      person.email = std::string(text(r, "EmailAddress"));
      auto units = number(r, "MaxUnits");
      if (!units) return std::unexpected(units.error());
      if (*units) {
        double pct = **units * 100;
        if (pct > 100) {
          diags_.info(codes::kMspdiUnitsCapped,
                      fmt::format("resource {} has {}% max units; Cairn allocates one person at "
                                  "most 100%",
                                  nm, pct),
                      where(r), "split a group resource into people if it matters");
          pct = 100;
        }
        if (pct > 0) person.allocation = pct;
      }
      auto rate = number(r, "StandardRate");
      if (!rate) return std::unexpected(rate.error());
      if (*rate) person.cost_per_day = **rate * minutes_per_day_ / 60.0;
      if (auto g = text(r, "Group"); !g.empty()) person.team = team(std::string(g));
      auto cal_uid = integer(r, "CalendarUID", -1);
      if (!cal_uid) return std::unexpected(cal_uid.error());
      if (*cal_uid >= 0 && *cal_uid != project_calendar_ && calendars_.count(*cal_uid)) {
        std::vector<Leave> off;
        bool own_week = false;
        auto cal = calendar(*cal_uid, 0, &off, &own_week);
        if (!cal) return std::unexpected(cal.error());
        bool same_week = true;
        for (int w = 0; w < 7; ++w)
          same_week = same_week && cal->hours(static_cast<Weekday>(w)) ==
                                       p.calendar.hours(static_cast<Weekday>(w));
        if (!same_week) {
          WorkingCalendar own = p.calendar;  // the program's holidays, the person's own week
          for (int w = 0; w < 7; ++w)
            own.set_hours(static_cast<Weekday>(w), cal->hours(static_cast<Weekday>(w)));
          person.calendar = std::move(own);
        }
        person.leave = std::move(off);
      }
      if (!resources_.emplace(*uid, static_cast<uint32_t>(p.people.size())).second)
        return bad(r, fmt::format("resource UID {} is used twice", *uid));
      out_.sources.set(EntityKind::kPerson, static_cast<uint32_t>(p.people.size()), {}, where(r));
      p.people.push_back(std::move(person));
    }
    if (skipped > 0)
      diags_.info(codes::kMspdiResourceSkipped,
                  fmt::format("{} material or cost resources were not read (people only)", skipped),
                  where(project.child("Resources")), "");
    return {};
  }

  Result<void> read_tasks(pugi::xml_node project) {
    std::vector<std::pair<long long, uint32_t>> stack;  // outline level, item
    std::set<long long> constraints_ignored;
    for (pugi::xml_node t : project.child("Tasks").children("Task")) {
      auto uid = integer(t, "UID", -1);
      if (!uid) return std::unexpected(uid.error());
      if (*uid < 0) return bad(t, "a <Task> has no <UID>");
      auto is_null = integer(t, "IsNull", 0);
      if (!is_null) return std::unexpected(is_null.error());
      auto level = integer(t, "OutlineLevel", 1);
      if (!level) return std::unexpected(level.error());
      if (*is_null || *level <= 0 || (*uid == 0 && !t.child("OutlineLevel"))) continue;
      if (!uids_.insert(*uid).second) return bad(t, fmt::format("task UID {} is used twice", *uid));
      const std::string cairn_kind = custom(t, kCairnKind);
      if (cairn_kind == kCairnMilestoneKind) {  // a Cairn milestone written by write_mspdi
        if (auto ok = read_cairn_milestone(t, *uid); !ok) return ok;
        continue;
      }
      if (auto ok = read_item_task(t, *uid, *level, cairn_kind, stack, constraints_ignored); !ok)
        return ok;
    }
    if (!constraints_ignored.empty())
      diags_.info(codes::kMspdiConstraintIgnored,
                  "constraints other than 'start no earlier than' and 'must start on' are not read",
                  where(project.child("Tasks")), "Cairn schedules as soon as possible");

    return read_links();
  }

  // A Cairn milestone written by write_mspdi (task UID `uid`).
  Result<void> read_cairn_milestone(pugi::xml_node t, long long uid) {
    Program& p = out_.program;
    auto deadline = datetime(t, "Deadline");
    if (!deadline) return std::unexpected(deadline.error());
    Milestone m;
    m.key = custom(t, kCairnKey);
    if (m.key.empty()) m.key = prefixed('T', uid);
    m.name = std::string(text(t, "Name"));
    if (*deadline) m.deadline = (*deadline)->date();
    out_.sources.set(EntityKind::kMilestone, static_cast<uint32_t>(p.milestones.size()), {},
                     where(t));
    milestone_nodes_.emplace_back(static_cast<uint32_t>(p.milestones.size()), t);
    p.milestones.push_back(std::move(m));
    return {};
  }

  // A task that is a work item (UID `uid`, outline `level`; `stack` holds the open summaries).
  Result<void> read_item_task(pugi::xml_node t, long long uid, long long level,
                              const std::string& cairn_kind,
                              std::vector<std::pair<long long, uint32_t>>& stack,
                              std::set<long long>& constraints_ignored) {
    Program& p = out_.program;
    const uint32_t index = static_cast<uint32_t>(p.items.size());
    tasks_.emplace(uid, index);
    task_nodes_.push_back(t);

    WorkItem it;
    it.key = custom(t, kCairnKey);
    if (it.key.empty()) it.key = prefixed('T', uid);
    it.title = std::string(text(t, "Name"));
    while (!stack.empty() && stack.back().first >= level)
      stack.pop_back();
    if (!stack.empty()) it.parent = WorkItemId{stack.back().second};
    stack.emplace_back(level, index);

    auto summary = integer(t, "Summary", 0);
    auto milestone = integer(t, "Milestone", 0);
    auto priority = integer(t, "Priority", 500);
    auto fmt_code = integer(t, "DurationFormat", 7);
    auto constraint = integer(t, "ConstraintType", 0);
    auto pct = integer(t, "PercentComplete", 0);
    auto type = integer(t, "Type", 0);
    for (auto* r : {&summary, &milestone, &priority, &fmt_code, &constraint, &pct, &type})
      if (!*r) return std::unexpected(r->error());
    it.kind = *summary ? WorkItemKind::kEpic : WorkItemKind::kTask;
    it.priority = static_cast<int>(std::clamp<long long>(*priority, 1, 1000));
    auto duration = duration_minutes(t, "Duration");
    if (!duration) return std::unexpected(duration.error());
    if (*duration && !*summary) {
      const bool elapsed = elapsed_format(*fmt_code);
      const double days = **duration / (elapsed ? 1440.0 : minutes_per_day_);
      it.basis = elapsed ? EstimateBasis::kDuration : EstimateBasis::kLength;
      it.estimate = ThreePoint{days, days, days};
      durations_[index] = days;
    } else if (*milestone) {
      it.basis = EstimateBasis::kLength;
      it.estimate = ThreePoint{0, 0, 0};
    }
    if (!cairn_kind.empty()) {
      for (WorkItemKind k :
           {WorkItemKind::kEpic, WorkItemKind::kStory, WorkItemKind::kTask, WorkItemKind::kBug})
        if (cairn_kind == to_string(k)) it.kind = k;
    }
    if (auto est = custom(t, kCairnEstimate); !est.empty()) {
      if (auto parsed = parse_cairn_estimate(est)) {
        it.basis = parsed->first;
        it.estimate = parsed->second;
      }
    }
    if (auto pts = custom(t, kCairnPoints); !pts.empty())
      if (auto v = to_double(pts); v && *v >= 0) it.points = *v;
    if (auto labels = custom(t, kCairnLabels); !labels.empty()) it.labels = split_labels(labels);
    auto created = datetime(t, "CreateDate");
    if (!created) return std::unexpected(created.error());
    it.created = *created;
    if (*constraint == 2 || *constraint == 4) {
      auto cd = datetime(t, "ConstraintDate");
      if (!cd) return std::unexpected(cd.error());
      it.start_no_earlier_than = *cd;
    } else if (*constraint != 0 && *constraint != 1) {
      constraints_ignored.insert(*constraint);
    }
    auto deadline = datetime(t, "Deadline");
    if (!deadline) return std::unexpected(deadline.error());
    if (*deadline && !(*milestone && cairn_kind.empty())) it.due = (*deadline)->date();
    it.link = std::string(text(t, "HyperlinkAddress"));
    for (pugi::xml_node b : t.children("Baseline")) {
      auto num = integer(b, "Number", 0);
      if (!num) return std::unexpected(num.error());
      if (*num != 0) continue;
      auto bs = datetime(b, "Start");
      auto bf = datetime(b, "Finish");
      if (!bs) return std::unexpected(bs.error());
      if (!bf) return std::unexpected(bf.error());
      it.baseline_start = *bs;
      it.baseline_finish = *bf;
    }

    auto cat = read_progress(t, it, *pct, *summary);
    if (!cat) return std::unexpected(cat.error());
    cairn_state_.push_back(custom(t, kCairnState));
    cairn_team_.push_back(custom(t, kCairnTeam));
    categories_.push_back(*cat);
    if (*milestone && cairn_kind.empty()) {  // an MS Project milestone
      Milestone m;
      m.key = it.key;
      m.name = it.title;
      if (*deadline) m.deadline = (*deadline)->date();
      m.items.push_back(WorkItemId{index});
      out_.sources.set(EntityKind::kMilestone, static_cast<uint32_t>(p.milestones.size()), {},
                       where(t));
      if (m.deadline)
        out_.sources.set(EntityKind::kMilestone, static_cast<uint32_t>(p.milestones.size()),
                         "deadline", where(t.child("Deadline")));
      p.milestones.push_back(std::move(m));
    }
    out_.sources.set(EntityKind::kItem, index, {}, where(t));
    p.items.push_back(std::move(it));
    return {};
  }

  // An item's progress from its percent complete and actual dates: its state, history and
  // remaining work (summary tasks take theirs from their children).
  Result<StateCategory> read_progress(pugi::xml_node t, WorkItem& it, long long pct, bool summary) {
    auto actual_start = datetime(t, "ActualStart");
    auto actual_finish = datetime(t, "ActualFinish");
    if (!actual_start) return std::unexpected(actual_start.error());
    if (!actual_finish) return std::unexpected(actual_finish.error());
    StateCategory cat = StateCategory::kTodo;
    if (pct >= 100 || *actual_finish)
      cat = StateCategory::kDone;
    else if (pct > 0 || *actual_start)
      cat = StateCategory::kInProgress;
    if (cat != StateCategory::kTodo && !summary) {
      std::optional<DateTime> s = *actual_start ? *actual_start : *actual_finish;
      if (s) it.history.push_back({"In Progress", *s});
      if (cat == StateCategory::kDone) {
        std::optional<DateTime> f = *actual_finish ? *actual_finish : *actual_start;
        if (f) it.history.push_back({"Done", std::max(*f, s.value_or(*f))});
        it.state = "Done";
      } else {
        it.state = "In Progress";
        auto rem = duration_minutes(t, "RemainingDuration");
        if (!rem) return std::unexpected(rem.error());
        if (*rem) it.remaining = **rem / minutes_per_day_;
      }
    }
    return cat;
  }

  // Links, now that every task is known; then the items of Cairn's milestone tasks.
  Result<void> read_links() {
    Program& p = out_.program;
    // A link written twice over is read once; two links between the same tasks with other lags
    // are both kept (the plan's check warns of them, and the larger lag binds).
    std::set<std::tuple<uint32_t, uint32_t, int, double, int>> seen;
    for (uint32_t i = 0; i < task_nodes_.size(); ++i) {
      for (pugi::xml_node l : task_nodes_[i].children("PredecessorLink")) {
        auto pred = integer(l, "PredecessorUID", -1);
        auto type = integer(l, "Type", 1);
        auto lag = integer(l, "LinkLag", 0);
        auto format = integer(l, "LagFormat", 7);
        auto cross = integer(l, "CrossProject", 0);
        for (auto* r : {&pred, &type, &lag, &format, &cross})
          if (!*r) return std::unexpected(r->error());
        if (*cross) {
          diags_.warning(codes::kMspdiCrossProjectLink, "a link to another project is not read",
                         where(l), "import that project into the same program");
          continue;
        }
        auto pit = tasks_.find(*pred);
        if (pit == tasks_.end()) {
          diags_.warning(codes::kUnknownLinkTarget,
                         fmt::format("{} links to task UID {}, which is not in the file",
                                     p.items[i].key, *pred),
                         where(l), "");
          continue;
        }
        if (pit->second == i) continue;
        Dependency d;
        d.predecessor = WorkItemId{pit->second};
        d.successor = WorkItemId{i};
        switch (*type) {
          case 0:
            d.type = DependencyType::kFinishFinish;
            break;
          case 1:
            d.type = DependencyType::kFinishStart;
            break;
          case 2:
            d.type = DependencyType::kStartFinish;
            break;
          case 3:
            d.type = DependencyType::kStartStart;
            break;
          default:
            return bad(l, fmt::format("link <Type> is {}, not 0..3", *type));
        }
        // LinkLag is in tenths of a minute (tenths of a percent for percent lags).
        if (percent_format(*format)) {
          auto dur = durations_.find(pit->second);
          d.lag = (*lag / 1000.0) * (dur == durations_.end() ? 0.0 : dur->second);
          diags_.info(codes::kMspdiPercentLag,
                      "a lag given in percent of the predecessor's duration became working days",
                      where(l), "");
        } else if (elapsed_format(*format)) {
          d.lag = *lag / 10.0 / 1440.0;
          d.lag_unit = LagUnit::kCalendarDays;
        } else {
          d.lag = *lag / 10.0 / minutes_per_day_;
        }
        if (!seen.insert(
                     {pit->second, i, static_cast<int>(*type), d.lag, static_cast<int>(d.lag_unit)})
                 .second)
          continue;
        out_.sources.set(EntityKind::kDependency, static_cast<uint32_t>(p.dependencies.size()), {},
                         where(l));
        p.dependencies.push_back(d);
      }
    }
    for (const auto& [m, node] : milestone_nodes_) {
      for (pugi::xml_node l : node.children("PredecessorLink")) {
        auto pred = integer(l, "PredecessorUID", -1);
        if (!pred) return std::unexpected(pred.error());
        auto pit = tasks_.find(*pred);
        if (pit != tasks_.end()) p.milestones[m].items.emplace_back(pit->second);
      }
    }
    return {};
  }

  Result<void> read_assignments(pugi::xml_node project) {
    Program& p = out_.program;
    std::map<uint32_t, std::vector<PersonId>> by_item;
    for (pugi::xml_node a : project.child("Assignments").children("Assignment")) {
      auto task = integer(a, "TaskUID", -1);
      auto res = integer(a, "ResourceUID", -1);
      if (!task) return std::unexpected(task.error());
      if (!res) return std::unexpected(res.error());
      auto t = tasks_.find(*task);
      auto r = resources_.find(*res);
      if (t == tasks_.end() || r == resources_.end()) continue;  // unassigned, summary, material
      auto& list = by_item[t->second];
      if (std::find(list.begin(), list.end(), PersonId{r->second}) == list.end())
        list.emplace_back(r->second);
    }
    for (auto& [item, people] : by_item) {
      WorkItem& it = p.items[item];
      if (people.size() == 1)
        it.assignee = people.front();
      else
        for (PersonId who : people)
          it.allocations.push_back({{who}});
    }
    return {};
  }

  void finish() {
    Program& p = out_.program;
    // Teams: the Cairn team field, else the first assignee's group, else one team for the project.
    for (uint32_t i = 0; i < p.items.size(); ++i) {
      WorkItem& it = p.items[i];
      if (!cairn_team_[i].empty())
        it.team = team(cairn_team_[i]);
      else if (it.assignee.valid() && p.people[it.assignee.index()].team.valid())
        it.team = p.people[it.assignee.index()].team;
    }
    bool need_default = false;
    for (const auto& it : p.items)
      need_default = need_default || !it.team.valid();
    for (const auto& per : p.people)
      need_default = need_default || !per.team.valid();
    if (need_default) {
      const TeamId def = team(p.key);
      p.teams[def.index()].name = p.name;
      for (auto& it : p.items)
        if (!it.team.valid()) it.team = def;
      for (auto& per : p.people)
        if (!per.team.valid()) per.team = def;
    }
    // States carried by the Cairn state field replace the generic ones; states the default
    // workflow lacks are added to the team's workflow before its done states.
    for (uint32_t i = 0; i < p.items.size(); ++i) {
      WorkItem& it = p.items[i];
      const std::string& s = cairn_state_[i];
      if (s.empty()) continue;
      Team& t = p.teams[it.team.index()];
      if (t.workflow.empty()) t.workflow = default_workflow();
      if (!t.state_index(s)) {
        WorkflowState ws{s, categories_[i], categories_[i] == StateCategory::kInProgress,
                         std::nullopt};
        auto pos = t.workflow.end();
        if (categories_[i] != StateCategory::kDone)
          pos = std::find_if(t.workflow.begin(), t.workflow.end(),
                             [&](const WorkflowState& w) { return w.category > categories_[i]; });
        t.workflow.insert(pos, ws);
      }
      if (!it.history.empty()) it.history.back().state = s;
      it.state = s;
    }
    for (auto& t : p.teams)
      if (t.workflow == default_workflow()) t.workflow.clear();
    p.fill_default_teams();
    p.reindex();
  }

  std::string_view text_;
  const std::string& name_;
  const ImportOptions& options_;
  Diagnostics& diags_;
  std::vector<size_t> line_starts_;
  ImportResult out_;
  int minutes_per_day_ = 480;
  long long project_calendar_ = -1;
  std::unordered_map<std::string, std::string> alias_of_field_;
  std::map<long long, pugi::xml_node> calendars_;
  std::unordered_map<long long, uint32_t> tasks_, resources_;
  std::unordered_map<std::string, uint32_t> teams_;
  std::vector<pugi::xml_node> task_nodes_;
  std::vector<std::pair<uint32_t, pugi::xml_node>> milestone_nodes_;
  std::set<long long> uids_;
  std::unordered_map<uint32_t, double> durations_;
  std::vector<std::string> cairn_state_, cairn_team_;
  std::vector<StateCategory> categories_;
};

}  // namespace

Result<ImportResult> read_mspdi(std::string_view text, const std::string& name,
                                const ImportOptions& options, Diagnostics& diags) {
  Reader reader(text, name, options, diags);
  return reader.run();
}

}  // namespace cairn::io

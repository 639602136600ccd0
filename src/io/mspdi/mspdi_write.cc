// The MSPDI writer (the reader is in mspdi.cc). Elements are written in the order MS Project
// itself writes them.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "io/mspdi/mspdi.h"
#include "model/enums.h"

namespace cairn::io {
namespace {

// MS Project's FieldIDs for task Text1..Text7 and resource Text1.
constexpr struct {
  const char* alias;
  const char* field_id;
  const char* field_name;
} kTaskFields[] = {
    {kCairnKey, "188743731", "Text1"},    {kCairnTeam, "188743734", "Text2"},
    {kCairnState, "188743737", "Text3"},  {kCairnEstimate, "188743740", "Text4"},
    {kCairnLabels, "188743743", "Text5"}, {kCairnKind, "188743746", "Text6"},
    {kCairnPoints, "188743747", "Text7"},
};
constexpr const char* kResourceKeyField = "205520904";

std::string num(double v) {
  if (std::abs(v) < 1e15 && std::abs(v - std::round(v)) < 1e-9)  // whole, and fits long long
    return fmt::format("{}", static_cast<long long>(std::round(v)));
  return fmt::format("{}", v);
}

std::string iso_local(DateTime t) {
  std::string s = t.to_string();  // ...Z
  s.pop_back();
  return s;
}

std::string duration(double minutes) {
  if (minutes < 0) minutes = 0;
  const long long total = std::llround(minutes * 60);  // seconds
  return fmt::format("PT{}H{}M{}S", total / 3600, (total / 60) % 60, total % 60);
}

void add(pugi::xml_node n, const char* name, const std::string& value) {
  n.append_child(name).text().set(value.c_str());
}

// First and last working minute of a date in a calendar (08:00 and 17:00 when it has none).
std::pair<int, int> day_bounds(const WorkingCalendar& cal, Date d) {
  const auto& h = cal.hours(d.weekday());
  if (h.empty()) return {8 * 60, 17 * 60};
  int first = 1440, last = 0;
  for (const TimeRange& r : h) {
    first = std::min(first, r.start_minute);
    last = std::max(last, r.end_minute);
  }
  return {first, last};
}

void write_week(pugi::xml_node c, const WorkingCalendar& cal) {
  pugi::xml_node week = c.append_child("WeekDays");
  for (int type = 1; type <= 7; ++type) {
    const Weekday w = type == 1 ? Weekday::kSunday : static_cast<Weekday>(type - 2);
    pugi::xml_node wd = week.append_child("WeekDay");
    add(wd, "DayType", std::to_string(type));
    // MS Project lists a day's times in order (a night shift: 00:00-08:00, then 23:00-24:00).
    auto ranges = cal.hours(w);
    std::sort(ranges.begin(), ranges.end(), [](const TimeRange& a, const TimeRange& b) {
      return a.start_minute < b.start_minute;
    });
    add(wd, "DayWorking", ranges.empty() ? "0" : "1");
    if (ranges.empty()) continue;
    pugi::xml_node times = wd.append_child("WorkingTimes");
    for (const TimeRange& r : ranges) {
      pugi::xml_node wt = times.append_child("WorkingTime");
      add(wt, "FromTime", fmt::format("{:02}:{:02}:00", r.start_minute / 60, r.start_minute % 60));
      const int end = r.end_minute % 1440;
      add(wt, "ToTime", fmt::format("{:02}:{:02}:00", end / 60, end % 60));
    }
  }
}

void write_exceptions(pugi::xml_node c, const std::vector<std::pair<DateRange, std::string>>& off) {
  if (off.empty()) return;
  pugi::xml_node ex = c.append_child("Exceptions");
  for (const auto& [range, name] : off) {
    pugi::xml_node e = ex.append_child("Exception");
    add(e, "EnteredByOccurrences", "0");
    pugi::xml_node tp = e.append_child("TimePeriod");
    add(tp, "FromDate", iso_local(DateTime::from_date(range.from)));
    add(tp, "ToDate", iso_local(DateTime::from_date(range.to, 23 * 60 + 59)));
    add(e, "Occurrences", "1");
    add(e, "Name", name);
    add(e, "Type", "1");
    add(e, "DayWorking", "0");
  }
}

// Holidays as ranges of consecutive dates with the same name.
std::vector<std::pair<DateRange, std::string>> holiday_ranges(const WorkingCalendar& cal) {
  std::vector<std::pair<DateRange, std::string>> out;
  for (const Holiday& h : cal.holidays()) {
    if (!out.empty() && out.back().first.to + 1 == h.date && out.back().second == h.name)
      out.back().first.to = h.date;
    else
      out.push_back({{h.date, h.date}, h.name});
  }
  return out;
}

}  // namespace

std::string format_cairn_estimate(EstimateBasis basis, const ThreePoint& e) {
  return fmt::format("{} {} {} {}", to_string(basis), num(e.optimistic), num(e.likely),
                     num(e.pessimistic));
}

std::optional<std::pair<EstimateBasis, ThreePoint>> parse_cairn_estimate(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string basis;
  ThreePoint e;
  if (!(in >> basis >> e.optimistic >> e.likely >> e.pessimistic)) return std::nullopt;
  auto b = parse_enum<EstimateBasis>(basis);
  if (!b) return std::nullopt;
  return std::pair{*b, e};
}

std::string join_labels(const std::vector<std::string>& labels) {
  std::string out;
  for (size_t i = 0; i < labels.size(); ++i)
    out += (i ? ", " : "") + labels[i];
  return out;
}

std::vector<std::string> split_labels(std::string_view text) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find(',', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view l = text.substr(b, e - b);
    while (!l.empty() && l.front() == ' ')
      l.remove_prefix(1);
    while (!l.empty() && l.back() == ' ')
      l.remove_suffix(1);
    if (!l.empty()) out.emplace_back(l);
    b = e + 1;
  }
  return out;
}

namespace {

// The working days of an item's estimate (PERT mean), 0 without one.
double days_of(const WorkItem& it) {
  return it.estimate ? std::max(0.0, it.estimate->pert_mean()) : 0.0;
}

// Where each item's task goes (lay_out).
struct Layout {
  std::vector<std::vector<uint32_t>> kids;  // children per item
  std::vector<uint32_t> order;              // the items in task order
  std::vector<int> level;                   // outline level per item
  std::vector<std::string> outline;         // outline number per item
  int top = 0;                              // top-level outline numbers used
  std::vector<long long> uid;               // task UID per item
  long long next_uid = 1;                   // the first UID free after the items'
  std::vector<std::pair<Date, Date>> span;  // first and last day per item
  Date project_finish;
};

// Where each item goes: task order (depth first through the parent tree, siblings in item
// order), outline numbers and levels, UIDs and date spans.
Layout lay_out(const Program& p, const ScheduleDates* dates) {
  const WorkingCalendar& cal = p.calendar;
  Layout L;
  std::vector<std::vector<uint32_t>>& kids = L.kids;
  kids.resize(p.items.size());
  std::vector<uint32_t> roots;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItemId par = p.items[i].parent;
    if (par.valid() && par.index() < p.items.size() && par.index() != i)
      kids[par.index()].push_back(i);
    else
      roots.push_back(i);
  }
  std::vector<uint32_t>& order = L.order;
  std::vector<int>& level = L.level;
  level.assign(p.items.size(), 1);
  std::vector<std::string>& outline = L.outline;
  outline.resize(p.items.size());
  std::vector<char> visited(p.items.size(), 0);
  std::function<void(uint32_t, int, const std::string&)> visit = [&](uint32_t i, int lvl,
                                                                     const std::string& num_) {
    if (visited[i]) return;
    visited[i] = 1;
    order.push_back(i);
    level[i] = lvl;
    outline[i] = num_;
    int k = 0;
    for (uint32_t c : kids[i])
      visit(c, lvl + 1, fmt::format("{}.{}", num_, ++k));
  };
  int& top = L.top;
  for (uint32_t r : roots)
    visit(r, 1, std::to_string(++top));
  for (uint32_t i = 0; i < p.items.size(); ++i)  // parent cycles: write the rest at the top
    if (!visited[i]) visit(i, 1, std::to_string(++top));

  // UIDs: T<n> keys keep n when free; the rest count up after the largest.
  std::vector<long long>& uid = L.uid;
  uid.assign(p.items.size(), 0);
  std::set<long long> used;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const std::string& k = p.items[i].key;
    if (k.size() > 1 && k[0] == 'T' && k.size() < 10 &&
        std::all_of(k.begin() + 1, k.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const long long n = std::stoll(k.substr(1));
      if (n > 0 && used.insert(n).second) uid[i] = n;
    }
  }
  long long& next_uid = L.next_uid;
  next_uid = used.empty() ? 1 : *used.rbegin() + 1;
  for (uint32_t i : order)
    if (uid[i] == 0) uid[i] = next_uid++;

  // Dates: given, else start at the program start or the start constraint for the estimate.
  std::vector<std::pair<Date, Date>>& span = L.span;
  span.resize(p.items.size());
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    if (dates) {
      auto d = dates->find(WorkItemId{i});
      if (d != dates->end()) {
        span[i] = {d->second.start, std::max(d->second.start, d->second.finish)};
        continue;
      }
    }
    Date s = p.start;
    if (it.start_no_earlier_than && it.start_no_earlier_than->date() > s)
      s = it.start_no_earlier_than->date();
    s = cal.next_working_day(s);
    const int n = static_cast<int>(std::ceil(days_of(it)));
    span[i] = {s, n <= 1 ? s : cal.add_working_days(s, n - 1)};
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {  // summaries span their children
    if (kids[*it].empty()) continue;
    Date a = span[kids[*it].front()].first, b = span[kids[*it].front()].second;
    for (uint32_t c : kids[*it]) {
      a = std::min(a, span[c].first);
      b = std::max(b, span[c].second);
    }
    span[*it] = {a, b};
  }
  L.project_finish = p.start;
  for (const auto& s : span)
    L.project_finish = std::max(L.project_finish, s.second);

  return L;
}

// The Project element's own fields and the extended attributes Cairn's fields travel in.
void write_project_fields(pugi::xml_node pr, const Program& p, const Layout& L, int mpd) {
  const WorkingCalendar& cal = p.calendar;
  pr.append_attribute("xmlns") = "http://schemas.microsoft.com/project";
  add(pr, "SaveVersion", "14");
  add(pr, "Name", p.key + ".xml");
  add(pr, "Title", p.name.empty() ? p.key : p.name);
  if (!p.goal.empty()) add(pr, "Subject", p.goal);
  add(pr, "ScheduleFromStart", "1");
  auto [day_start, day_end] = day_bounds(cal, cal.next_working_day(p.start));
  add(pr, "StartDate", iso_local(DateTime::from_date(p.start, day_start)));
  add(pr, "FinishDate", iso_local(DateTime::from_date(L.project_finish, day_end)));
  add(pr, "CurrencyCode", p.currency);
  add(pr, "CalendarUID", "1");
  add(pr, "DefaultStartTime", fmt::format("{:02}:{:02}:00", day_start / 60, day_start % 60));
  add(pr, "DefaultFinishTime", fmt::format("{:02}:{:02}:00", day_end / 60 % 24, day_end % 60));
  add(pr, "MinutesPerDay", std::to_string(mpd));
  add(pr, "MinutesPerWeek", std::to_string(mpd * std::max<size_t>(1, cal.weekdays().size())));
  add(pr, "DaysPerMonth", "20");
  add(pr, "DurationFormat", "7");
  add(pr, "WorkFormat", "2");
  add(pr, "NewTasksEffortDriven", "0");
  if (p.as_of) add(pr, "StatusDate", iso_local(DateTime::from_date(*p.as_of, day_end % 1440)));
  pugi::xml_node eas = pr.append_child("ExtendedAttributes");
  for (const auto& f : kTaskFields) {
    pugi::xml_node ea = eas.append_child("ExtendedAttribute");
    add(ea, "FieldID", f.field_id);
    add(ea, "FieldName", f.field_name);
    add(ea, "Alias", f.alias);
  }
  {
    pugi::xml_node ea = eas.append_child("ExtendedAttribute");
    add(ea, "FieldID", kResourceKeyField);
    add(ea, "FieldName", "Text1");
    add(ea, "Alias", kCairnKey);
  }
}

// Calendars: 1 is the program's; each person gets one based on it (own week, leave).
void write_calendars(pugi::xml_node pr, const Program& p) {
  const WorkingCalendar& cal = p.calendar;
  pugi::xml_node cals = pr.append_child("Calendars");
  {
    pugi::xml_node c = cals.append_child("Calendar");
    add(c, "UID", "1");
    add(c, "Name", "Standard");
    add(c, "IsBaseCalendar", "1");
    add(c, "BaseCalendarUID", "-1");
    write_week(c, cal);
    write_exceptions(c, holiday_ranges(cal));
  }
  for (size_t i = 0; i < p.people.size(); ++i) {
    const Person& per = p.people[i];
    pugi::xml_node c = cals.append_child("Calendar");
    add(c, "UID", std::to_string(i + 2));
    add(c, "Name", per.name.empty() ? per.key : per.name);
    add(c, "IsBaseCalendar", "0");
    add(c, "BaseCalendarUID", "1");
    if (per.calendar) write_week(c, *per.calendar);
    std::vector<std::pair<DateRange, std::string>> off;
    for (const Leave& l : per.leave)
      off.push_back({l.dates, l.reason});
    write_exceptions(c, off);
  }
}

// An item's predecessor links (lag in tenths of a minute).
void write_links(pugi::xml_node t, const std::vector<const Dependency*>& preds,
                 const std::vector<long long>& uid, int mpd) {
  for (const Dependency* d : preds) {
    pugi::xml_node l = t.append_child("PredecessorLink");
    add(l, "PredecessorUID", std::to_string(uid[d->predecessor.index()]));
    const char* type = "1";
    switch (d->type) {
      case DependencyType::kFinishFinish:
        type = "0";
        break;
      case DependencyType::kFinishStart:
        type = "1";
        break;
      case DependencyType::kStartFinish:
        type = "2";
        break;
      case DependencyType::kStartStart:
        type = "3";
        break;
    }
    add(l, "Type", type);
    add(l, "CrossProject", "0");
    const bool cal_days = d->lag_unit == LagUnit::kCalendarDays;
    add(l, "LinkLag", std::to_string(std::llround(d->lag * (cal_days ? 1440 : mpd) * 10)));
    add(l, "LagFormat", cal_days ? "8" : "7");
  }
}

// Cairn's fields of an item as extended attributes (empty ones left out).
void write_custom_fields(pugi::xml_node t, const Program& p, const WorkItem& it) {
  auto custom = [&](const char* alias, const std::string& value) {
    if (value.empty()) return;
    for (const auto& f : kTaskFields) {
      if (std::string_view(f.alias) != alias) continue;
      pugi::xml_node ea = t.append_child("ExtendedAttribute");
      add(ea, "FieldID", f.field_id);
      add(ea, "Value", value);
    }
  };
  custom(kCairnKey, it.key);
  if (it.team.valid() && it.team.index() < p.teams.size())
    custom(kCairnTeam, p.teams[it.team.index()].key);
  custom(kCairnState, it.state);
  if (it.estimate) custom(kCairnEstimate, format_cairn_estimate(it.basis, *it.estimate));
  custom(kCairnLabels, join_labels(it.labels));
  custom(kCairnKind, to_string(it.kind));
  if (it.points) custom(kCairnPoints, num(*it.points));
}

// One work item's task (the `id`th), with its links, Cairn's fields and its baseline.
void write_item_task(pugi::xml_node tasks, const Program& p, const Layout& L,
                     const std::vector<const Dependency*>& preds, uint32_t i, int id, int mpd) {
  const WorkingCalendar& cal = p.calendar;
  const WorkItem& it = p.items[i];
  const bool summary = !L.kids[i].empty();
  const bool ms = it.estimate && it.estimate->pert_mean() == 0 && L.kids[i].empty();
  const StateCategory cat = p.category(WorkItemId{i});
  const double days = days_of(it);
  const bool elapsed = it.basis == EstimateBasis::kDuration;
  const double minutes = elapsed ? days * 1440 : days * mpd;
  auto [b0, b1] = day_bounds(cal, L.span[i].first);
  auto [e0, e1] = day_bounds(cal, L.span[i].second);
  (void)b1;
  (void)e0;

  pugi::xml_node t = tasks.append_child("Task");
  add(t, "UID", std::to_string(L.uid[i]));
  add(t, "ID", std::to_string(id));
  add(t, "Name", it.title.empty() ? it.key : it.title);
  add(t, "Type", it.basis == EstimateBasis::kEffort ? "0" : "1");
  add(t, "IsNull", "0");
  if (it.created) add(t, "CreateDate", iso_local(*it.created));
  add(t, "WBS", L.outline[i]);
  add(t, "OutlineNumber", L.outline[i]);
  add(t, "OutlineLevel", std::to_string(L.level[i]));
  add(t, "Priority", std::to_string(std::clamp(it.priority, 0, 1000)));
  add(t, "Start", iso_local(DateTime::from_date(L.span[i].first, b0)));
  add(t, "Finish", iso_local(DateTime::from_date(L.span[i].second, ms ? b0 : e1)));
  if (!summary) {
    add(t, "Duration", duration(ms ? 0 : minutes));
    add(t, "DurationFormat", elapsed ? "8" : "7");
    if (it.basis == EstimateBasis::kEffort) add(t, "Work", duration(days * mpd));
  } else {
    add(t, "Duration",
        duration(
            static_cast<double>(cal.working_days_between(L.span[i].first, L.span[i].second + 1)) *
            mpd));
    add(t, "DurationFormat", "7");
  }
  add(t, "EffortDriven", it.basis == EstimateBasis::kEffort ? "1" : "0");
  add(t, "Estimated", "0");
  add(t, "Milestone", ms ? "1" : "0");
  add(t, "Summary", summary ? "1" : "0");
  int pct = 0;
  if (cat == StateCategory::kDone) {
    pct = 100;
  } else if (cat == StateCategory::kInProgress) {
    pct = 1;
    if (it.remaining && days > 0)
      pct = std::clamp(static_cast<int>(std::lround(100 * (1 - *it.remaining / days))), 1, 99);
  }
  if (!summary) add(t, "PercentComplete", std::to_string(pct));
  const auto started = p.actual_start(WorkItemId{i});
  const auto finished = p.actual_finish(WorkItemId{i});
  if (!summary && cat != StateCategory::kTodo) {
    const DateTime s =
        started ? *started : (finished ? *finished : DateTime::from_date(L.span[i].first, b0));
    add(t, "ActualStart", iso_local(s));
    if (cat == StateCategory::kDone)
      add(t, "ActualFinish", iso_local(finished ? std::max(*finished, s) : s));
    if (cat == StateCategory::kInProgress && it.remaining)
      add(t, "RemainingDuration", duration(*it.remaining * mpd));
  }
  if (it.start_no_earlier_than) {
    add(t, "ConstraintType", "4");
    add(t, "ConstraintDate", iso_local(*it.start_no_earlier_than));
  } else {
    add(t, "ConstraintType", "0");
  }
  if (it.due) add(t, "Deadline", iso_local(DateTime::from_date(*it.due, e1)));
  if (!it.link.empty() && it.link.find("://") != std::string::npos)
    add(t, "HyperlinkAddress", it.link);
  write_links(t, preds, L.uid, mpd);
  write_custom_fields(t, p, it);
  if (it.baseline_start || it.baseline_finish) {
    pugi::xml_node b = t.append_child("Baseline");
    add(b, "Number", "0");
    if (it.baseline_start) add(b, "Start", iso_local(*it.baseline_start));
    if (it.baseline_finish) add(b, "Finish", iso_local(*it.baseline_finish));
  }
}

// A milestone as a milestone task after the items (Cairn kind "milestone"), linked finish-start
// from its items: the `id`th task, with UID `u` and outline number `top`.
void write_milestone_task(pugi::xml_node tasks, const Program& p, const Layout& L,
                          const Milestone& milestone, long long u, int id, int top) {
  const Milestone* m = &milestone;
  const WorkingCalendar& cal = p.calendar;
  pugi::xml_node t = tasks.append_child("Task");
  Date when = p.start;
  for (WorkItemId w : m->items)
    if (w.valid() && w.index() < L.span.size()) when = std::max(when, L.span[w.index()].second);
  auto [d0, d1] = day_bounds(cal, when);
  (void)d0;
  add(t, "UID", std::to_string(u));
  add(t, "ID", std::to_string(id));
  add(t, "Name", m->name.empty() ? m->key : m->name);
  add(t, "Type", "1");
  add(t, "IsNull", "0");
  add(t, "WBS", std::to_string(top));
  add(t, "OutlineNumber", std::to_string(top));
  add(t, "OutlineLevel", "1");
  add(t, "Priority", "500");
  add(t, "Start", iso_local(DateTime::from_date(when, d1)));
  add(t, "Finish", iso_local(DateTime::from_date(when, d1)));
  add(t, "Duration", "PT0H0M0S");
  add(t, "DurationFormat", "7");
  add(t, "Milestone", "1");
  add(t, "Summary", "0");
  add(t, "ConstraintType", "0");
  if (m->deadline) add(t, "Deadline", iso_local(DateTime::from_date(*m->deadline, d1)));
  for (WorkItemId w : m->items) {
    if (!w.valid() || w.index() >= p.items.size()) continue;
    pugi::xml_node l = t.append_child("PredecessorLink");
    add(l, "PredecessorUID", std::to_string(L.uid[w.index()]));
    add(l, "Type", "1");
    add(l, "CrossProject", "0");
    add(l, "LinkLag", "0");
    add(l, "LagFormat", "7");
  }
  pugi::xml_node ea = t.append_child("ExtendedAttribute");
  add(ea, "FieldID", kTaskFields[0].field_id);
  add(ea, "Value", m->key);
  ea = t.append_child("ExtendedAttribute");
  add(ea, "FieldID", kTaskFields[5].field_id);
  add(ea, "Value", kCairnMilestoneKind);
}

// Resources: a person each, with their calendar (UID i + 2) and key.
void write_resources(pugi::xml_node pr, const Program& p, int mpd) {
  pugi::xml_node res = pr.append_child("Resources");
  for (size_t i = 0; i < p.people.size(); ++i) {
    const Person& per = p.people[i];
    pugi::xml_node r = res.append_child("Resource");
    add(r, "UID", std::to_string(i + 1));
    add(r, "ID", std::to_string(i + 1));
    add(r, "Name", per.name.empty() ? per.key : per.name);
    add(r, "Type", "1");
    add(r, "IsNull", "0");
    if (!per.email.empty()) add(r, "EmailAddress", per.email);
    if (per.team.valid() && per.team.index() < p.teams.size())
      add(r, "Group", p.teams[per.team.index()].key);
    add(r, "MaxUnits", num(per.allocation / 100.0));
    add(r, "StandardRate", num(per.cost_per_day * 60.0 / mpd));
    add(r, "StandardRateFormat", "2");
    add(r, "CalendarUID", std::to_string(i + 2));
    pugi::xml_node ea = r.append_child("ExtendedAttribute");
    add(ea, "FieldID", kResourceKeyField);
    add(ea, "Value", per.key);
  }
}

// Assignments: each seat's first candidate (or the assignee) on the item's task.
void write_assignments(pugi::xml_node pr, const Program& p, const Layout& L, int mpd) {
  pugi::xml_node asg = pr.append_child("Assignments");
  long long auid = 1;
  for (uint32_t i : L.order) {
    const WorkItem& it = p.items[i];
    std::vector<PersonId> who;
    if (!it.allocations.empty()) {
      for (const Allocation& a : it.allocations)
        if (!a.candidates.empty()) who.push_back(a.candidates.front());
    } else if (it.assignee.valid()) {
      who.push_back(it.assignee);
    }
    for (PersonId w : who) {
      if (!w.valid() || w.index() >= p.people.size()) continue;
      pugi::xml_node a = asg.append_child("Assignment");
      add(a, "UID", std::to_string(auid++));
      add(a, "TaskUID", std::to_string(L.uid[i]));
      add(a, "ResourceUID", std::to_string(w.index() + 1));
      add(a, "Units", num(p.people[w.index()].allocation / 100.0));
      if (it.basis == EstimateBasis::kEffort && it.estimate)
        add(a, "Work", duration(days_of(it) * mpd / static_cast<double>(who.size())));
    }
  }
}

}  // namespace

std::string write_mspdi(const Program& p, const ScheduleDates* dates) {
  const int mpd = p.calendar.day_minutes() > 0 ? p.calendar.day_minutes() : 480;
  Layout L = lay_out(p, dates);

  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  pugi::xml_node pr = doc.append_child("Project");
  write_project_fields(pr, p, L, mpd);
  write_calendars(pr, p);

  // Tasks: the project summary (0), the items in order, then the milestones.
  pugi::xml_node tasks = pr.append_child("Tasks");
  {
    pugi::xml_node t = tasks.append_child("Task");
    add(t, "UID", "0");
    add(t, "ID", "0");
    add(t, "Name", p.name.empty() ? p.key : p.name);
    add(t, "Type", "1");
    add(t, "IsNull", "0");
    add(t, "WBS", "0");
    add(t, "OutlineNumber", "0");
    add(t, "OutlineLevel", "0");
    auto [day_start, day_end] = day_bounds(p.calendar, p.calendar.next_working_day(p.start));
    add(t, "Start", iso_local(DateTime::from_date(p.start, day_start)));
    add(t, "Finish", iso_local(DateTime::from_date(L.project_finish, day_end)));
    add(t, "Summary", "1");
  }
  std::vector<std::vector<const Dependency*>> preds(p.items.size());
  for (const Dependency& d : p.dependencies)
    if (d.successor.valid() && d.successor.index() < p.items.size() && d.predecessor.valid() &&
        d.predecessor.index() < p.items.size())
      preds[d.successor.index()].push_back(&d);
  int id = 0;
  for (uint32_t i : L.order)
    write_item_task(tasks, p, L, preds[i], i, ++id, mpd);
  long long next_uid = L.next_uid;
  int top = L.top;
  for (const Milestone& m : p.milestones)
    write_milestone_task(tasks, p, L, m, next_uid++, ++id, ++top);

  write_resources(pr, p, mpd);
  write_assignments(pr, p, L, mpd);

  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

}  // namespace cairn::io

#include "report/baseline.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <ostream>
#include <set>

#include <fmt/format.h>

#include "report/forecast.h"

namespace cairn::report {
namespace {

// o[key] when present, else an empty array (a reference that outlives the call).
const Json& member(const Json& o, const char* key) {
  static const Json kEmpty = Json::array();
  if (!o.is_object()) return kEmpty;
  auto it = o.find(key);
  return it == o.end() ? kEmpty : *it;
}

std::string str_or(const Json& v, const char* dflt = "-") {
  return v.is_string() ? v.get<std::string>() : std::string(dflt);
}

std::string signed_days(int d) {
  return d == 0 ? "0" : fmt::format("{:+}", d);
}

// Signed working days from `from` to `to` (positive: `to` is later).
int slip_days(const WorkingCalendar& cal, const std::string& from, const std::string& to) {
  auto a = Date::parse(from), b = Date::parse(to);
  if (!a || !b) return 0;
  return *a <= *b ? cal.working_days_between(*a, *b) : -cal.working_days_between(*b, *a);
}

std::string program_key(const Json& doc) {
  const Json& p = member(doc, "program");
  return p.is_object() ? p.value("key", "") : str_or(p, "");
}

using ByKey = std::map<std::string, const Json*>;

ByKey by_key(const Json& list) {
  ByKey out;
  for (const auto& m : list)
    out[m.value("key", "")] = &m;
  return out;
}

const Json* find(const ByKey& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : it->second;
}

// One row: baseline and current date and P85 of a milestone (or the end), with slips.
Json milestone_row(const WorkingCalendar& cal, const std::string& k, const Json* bs, const Json* ns,
                   const Json* bf, const Json* nf) {
  Json row{{"key", k}};
  std::string bd = bs ? str_or((*bs)["date"], "") : "", nd = ns ? str_or((*ns)["date"], "") : "";
  row["baseline_date"] = bd.empty() ? Json(nullptr) : Json(bd);
  row["date"] = nd.empty() ? Json(nullptr) : Json(nd);
  row["date_slip_days"] = !bd.empty() && !nd.empty() ? Json(slip_days(cal, bd, nd)) : nullptr;
  std::string bp = bf ? str_or((*bf)["p85"], "") : "", np = nf ? str_or((*nf)["p85"], "") : "";
  row["baseline_p85"] = bp.empty() ? Json(nullptr) : Json(bp);
  row["p85"] = np.empty() ? Json(nullptr) : Json(np);
  row["p85_slip_days"] = !bp.empty() && !np.empty() ? Json(slip_days(cal, bp, np)) : nullptr;
  return row;
}

// Items whose finish moved (largest slip first), added and removed.
void item_changes(const WorkingCalendar& cal, const Json& bi, const Json& ni, Json& out) {
  Json moved = Json::array(), added = Json::array(), removed = Json::array();
  struct Move {
    std::string key, from, to;
    int days;
  };
  std::vector<Move> moves;
  for (auto it = ni.begin(); it != ni.end(); ++it) {
    if (!bi.contains(it.key())) {
      added.push_back(it.key());
      continue;
    }
    const Json& was = bi[it.key()];
    const Json& is = it.value();
    if (!was.is_array() || !is.is_array()) continue;
    std::string from = was[1].get<std::string>(), to = is[1].get<std::string>();
    if (from == to) continue;
    moves.push_back({it.key(), from, to, slip_days(cal, from, to)});
  }
  for (auto it = bi.begin(); it != bi.end(); ++it)
    if (!ni.contains(it.key())) removed.push_back(it.key());
  std::stable_sort(moves.begin(), moves.end(), [](const Move& x, const Move& y) {
    return std::abs(x.days) != std::abs(y.days) ? std::abs(x.days) > std::abs(y.days)
                                                : x.key < y.key;
  });
  for (const auto& m : moves)
    moved.push_back(
        {{"key", m.key}, {"baseline_finish", m.from}, {"finish", m.to}, {"slip_days", m.days}});
  out["items_moved"] = moved;
  out["items_added"] = added;
  out["items_removed"] = removed;
}

Json info_json(const BaselineInfo& b) {
  return Json{
      {"name", b.name}, {"revision", b.revision}, {"created_at", b.created_at}, {"actor", b.actor}};
}

}  // namespace

Json baseline_schedule_json(const Program& p, const schedule::ScheduleResult& r) {
  Json ms = Json::array();
  for (const auto& m : r.milestones) {
    const auto& mm = p.milestone(m.milestone);
    ms.push_back({{"key", mm.key},
                  {"name", mm.name},
                  {"date", m.scheduled ? Json(m.date.to_string()) : Json(nullptr)},
                  {"deadline", date_or_null(m.deadline)},
                  {"days_late", m.days_late}});
  }
  Json items = Json::object();
  for (const auto& it : r.items) {
    const auto& key = p.item(it.item).key;
    // [start, finish, start instant, who(, seats)]: the last ones let a comparison keep the
    // baseline's order (older baselines have the first two only); seats, for an item with
    // several: per seat [who or null, when they started on it].
    if (!it.scheduled) {
      items[key] = nullptr;
      continue;
    }
    Json row =
        Json::array({it.start_date.to_string(), it.finish_date.to_string(), it.start.to_string(),
                     it.assignee.valid() ? Json(p.person(it.assignee).key) : Json(nullptr)});
    if (!it.seats.empty()) {
      Json seats = Json::array();
      for (const auto& st : it.seats)
        seats.push_back(st.person.valid()
                            ? Json::array({p.person(st.person).key, st.start.to_string()})
                            : Json::array({nullptr, nullptr}));
      row.push_back(std::move(seats));
    }
    items[key] = std::move(row);
  }
  return Json{{"start", r.project_start_date.to_string()},
              {"end", r.project_end_date.to_string()},
              {"method", r.method},
              {"milestones", ms},
              {"items", items}};
}

std::vector<schedule::PreviousPlacement> baseline_doc_placements(const Json& doc,
                                                                 const Program& p) {
  std::vector<schedule::PreviousPlacement> out(p.items.size());
  auto items = doc.find("items");
  if (items == doc.end() || !items->is_object()) return out;
  for (auto it = items->begin(); it != items->end(); ++it) {
    const WorkItemId id = p.find_item(it.key());
    const auto& v = it.value();
    if (!id.valid() || !v.is_array() || v.empty() || !v[0].is_string()) continue;
    std::optional<DateTime> start;
    if (v.size() > 2 && v[2].is_string()) start = DateTime::parse(v[2].get<std::string>());
    if (!start)
      if (auto d = Date::parse(v[0].get<std::string>())) start = DateTime::from_date(*d);
    if (!start) continue;
    out[id.index()].start = *start;
    if (v.size() > 1 && v[1].is_string())
      if (auto d = Date::parse(v[1].get<std::string>()))
        out[id.index()].finish = DateTime::from_date(*d + 1);
    if (v.size() > 3 && v[3].is_string())
      out[id.index()].person = p.find_person(v[3].get<std::string>());
    if (v.size() > 4 && v[4].is_array()) {
      std::vector<schedule::PreviousPlacement::Seat> seats;
      bool known = true;  // every person named is still in the plan
      for (const auto& st : v[4]) {
        schedule::PreviousPlacement::Seat seat;
        if (st.is_array() && !st.empty() && st[0].is_string()) {
          seat.person = p.find_person(st[0].get<std::string>());
          known = known && seat.person.valid();
          if (st.size() > 1 && st[1].is_string())
            seat.start = DateTime::parse(st[1].get<std::string>());
        }
        seats.push_back(seat);
      }
      if (known) out[id.index()].seats = std::move(seats);
    }
  }
  return out;
}

Json baseline_list_json(const Header& h, const std::vector<BaselineInfo>& baselines) {
  Json j = document("baseline-list", h);
  Json arr = Json::array();
  for (const auto& b : baselines)
    arr.push_back(info_json(b));
  j["baselines"] = arr;
  return j;
}

void baseline_list_table(const std::string& program, const std::vector<BaselineInfo>& baselines,
                         std::ostream& out) {
  if (baselines.empty()) out << fmt::format("{}: no baselines\n", program);
  for (const auto& b : baselines)
    out << fmt::format("{:<20} revision {:<6} {}  {}\n", b.name, b.revision, b.created_at, b.actor);
}

Json baseline_show_json(const Header& h, const BaselineInfo& b, const Json& schedule,
                        const Json& forecast) {
  Json j = document("baseline", h);
  const Json info = info_json(b);
  for (auto it = info.begin(); it != info.end(); ++it)
    j[it.key()] = it.value();
  j["schedule"] = schedule;
  j["forecast"] = forecast;
  return j;
}

void baseline_show_table(const std::string& program, const BaselineInfo& b, const Json& schedule,
                         const Json& forecast, std::ostream& out) {
  out << fmt::format("{}: baseline {} (revision {}, {}, by {})\n\n", program, b.name, b.revision,
                     b.created_at, b.actor);
  ByKey fc = by_key(member(forecast, "milestones"));
  out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", "milestone", "deadline",
                     "scheduled", "P50", "P85", "on time");
  for (const auto& m : member(schedule, "milestones")) {
    std::string k = m.value("key", "");
    const Json* f = find(fc, k);
    auto on_time = f && (*f)["on_time_probability"].is_number()
                       ? fmt::format("{:.0f}%", 100 * (*f)["on_time_probability"].get<double>())
                       : std::string("-");
    out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", k.substr(0, 14),
                       str_or(m["deadline"]), str_or(m["date"]), f ? str_or((*f)["p50"]) : "-",
                       f ? str_or((*f)["p85"]) : "-", on_time);
  }
  const Json* end = forecast_end(forecast);
  out << fmt::format("  end {} ({} items scheduled; forecast {} trials, P85 {})\n",
                     schedule.value("end", "-"), member(schedule, "items").size(),
                     forecast.value("trials", 0), end ? str_or((*end)["p85"]) : "-");
}

Json baseline_comparison_json(const Header& h, const ComparisonInput& in) {
  const auto& cal = *in.calendar;
  const Json &bs = *in.baseline_schedule, &bf = *in.baseline_forecast;
  const Json &ns = *in.schedule, &nf = *in.forecast;
  // Milestones: by key, the baseline's order, then new ones.
  ByKey base_sched = by_key(member(bs, "milestones")), base_fc = by_key(member(bf, "milestones"));
  ByKey now_sched = by_key(member(ns, "milestones")), now_fc = by_key(member(nf, "milestones"));
  std::vector<std::string> keys;
  std::set<std::string> seen;
  for (const Json* list : {&member(bs, "milestones"), &member(ns, "milestones")})
    for (const auto& m : *list)
      if (seen.insert(m.value("key", "")).second) keys.push_back(m.value("key", ""));
  Json ms = Json::array();
  for (const auto& k : keys)
    ms.push_back(milestone_row(cal, k, find(base_sched, k), find(now_sched, k), find(base_fc, k),
                               find(now_fc, k)));
  // The program end: the schedule's end and the forecast's end target.
  Json end_base{{"date", bs.value("end", "")}}, end_now{{"date", ns.value("end", "")}};
  Json j = document("baseline-comparison", h);
  j["baseline"] = in.baseline.name;
  j["baseline_revision"] = in.baseline.revision;
  j["baseline_created_at"] = in.baseline.created_at;
  j["revision"] = in.revision;
  j["milestones"] = ms;
  j["end"] = milestone_row(cal, "program", &end_base, &end_now, forecast_end(bf), forecast_end(nf));
  item_changes(cal, member(bs, "items"), member(ns, "items"), j);
  return j;
}

void baseline_comparison_table(const Json& c, std::ostream& out) {
  out << fmt::format("{}: now at revision {}, compared with baseline {} (revision {}, {})\n\n",
                     program_key(c), c["revision"].get<int64_t>(), c["baseline"].get<std::string>(),
                     c["baseline_revision"].get<int64_t>(),
                     c["baseline_created_at"].get<std::string>());
  out << fmt::format("  {:<14} {:<10} {:<10} {:>5}   {:<10} {:<10} {:>5}\n", "milestone",
                     "baseline", "now", "slip", "base P85", "P85", "slip");
  auto row = [&](const Json& m) {
    auto d = [](const Json& v) { return v.is_number() ? signed_days(v.get<int>()) : "-"; };
    out << fmt::format("  {:<14} {:<10} {:<10} {:>5}   {:<10} {:<10} {:>5}\n",
                       m["key"].get<std::string>().substr(0, 14), str_or(m["baseline_date"]),
                       str_or(m["date"]), d(m["date_slip_days"]), str_or(m["baseline_p85"]),
                       str_or(m["p85"]), d(m["p85_slip_days"]));
  };
  for (const auto& m : c["milestones"])
    row(m);
  row(c["end"]);
  out << "  (slips in working days; positive is later)\n";
  const auto& moved = c["items_moved"];
  out << fmt::format("\nItems whose finish moved: {}\n", moved.size());
  for (size_t k = 0; k < moved.size() && k < 50; ++k)
    out << fmt::format("  {:<16} {} -> {}  {}\n", moved[k]["key"].get<std::string>(),
                       moved[k]["baseline_finish"].get<std::string>(),
                       moved[k]["finish"].get<std::string>(),
                       signed_days(moved[k]["slip_days"].get<int>()));
  if (moved.size() > 50) out << fmt::format("  ... and {} more\n", moved.size() - 50);
  auto list = [&](const char* label, const Json& keys) {
    out << fmt::format("\n{}: {}\n", label, keys.size());
    std::string line = " ";
    for (const auto& k : keys) {
      if (line.size() > 90) {
        out << line << "\n";
        line = " ";
      }
      line += " " + k.get<std::string>();
    }
    if (keys.size()) out << line << "\n";
  };
  list("Items added since the baseline", c["items_added"]);
  list("Items removed since the baseline", c["items_removed"]);
}

Json trend_json(const Header& h, const std::vector<std::pair<Date, Json>>& snapshots) {
  Json rows = Json::array();
  for (const auto& [day, snap] : snapshots) {
    Json p85 = Json::object();
    for (const auto& m : member(snap, "milestones"))
      p85[m.value("key", "")] = m.value("p85", "");
    if (const Json* end = forecast_end(snap)) p85["program"] = end->value("p85", "");
    rows.push_back({{"date", day.to_string()},
                    {"revision", snap.value("revision", int64_t{0})},
                    {"p85", p85}});
  }
  Json j = document("trend", h);
  j["snapshots"] = rows;
  return j;
}

void trend_table(const Json& trend, std::ostream& out) {
  const std::string key = program_key(trend);
  const Json& rows = trend["snapshots"];
  if (rows.empty()) {
    out << fmt::format("{}: no forecast snapshots\n", key);
    return;
  }
  // Milestone columns in the order first seen, the program end last.
  std::vector<std::string> cols;
  std::set<std::string> seen{"program"};
  for (const auto& r : rows)
    for (auto it = r["p85"].begin(); it != r["p85"].end(); ++it)
      if (seen.insert(it.key()).second) cols.push_back(it.key());
  cols.push_back("program");
  out << fmt::format("P85 of {} by snapshot day\n\n  {:<10} {:>5}", key, "day", "rev");
  for (const auto& k : cols)
    out << fmt::format(" {:<10}", k.substr(0, 10));
  out << "\n";
  for (const auto& r : rows) {
    out << fmt::format("  {:<10} {:>5}", r["date"].get<std::string>(),
                       r["revision"].get<int64_t>());
    for (const auto& k : cols)
      out << fmt::format(" {:<10}", r["p85"].contains(k) ? str_or(r["p85"][k]) : "-");
    out << "\n";
  }
}

}  // namespace cairn::report

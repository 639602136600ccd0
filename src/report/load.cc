#include "report/load.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {
namespace {

Json items_json(const std::vector<analysis::ItemHours>& items) {
  Json a = Json::array();
  for (const auto& i : items)
    a.push_back({{"item", i.item}, {"hours", rounded(i.hours, 2)}});
  return a;
}

Json people_json(const std::vector<analysis::PersonWeeks>& rows, bool with_items) {
  Json a = Json::array();
  for (const auto& row : rows) {
    Json weeks = Json::array();
    for (const auto& w : row.weeks) {
      Json wj = {{"week", w.week.to_string()},
                 {"booked_hours", rounded(w.booked, 2)},
                 {"capacity_hours", rounded(w.capacity, 2)}};
      if (with_items) wj["items"] = items_json(w.items);
      weeks.push_back(std::move(wj));
    }
    a.push_back({{"person", row.person}, {"team", row.team}, {"weeks", std::move(weeks)}});
  }
  return a;
}

const analysis::WeekLoad* peak(const analysis::PersonWeeks& row) {
  const analysis::WeekLoad* best = nullptr;
  auto ratio = [](const analysis::WeekLoad& w) {
    return w.capacity > 0 ? w.booked / w.capacity : (w.booked > 0 ? 1e9 : 0);
  };
  for (const auto& w : row.weeks)
    if (!best || ratio(w) > ratio(*best)) best = &w;
  return best;
}

std::string peak_text(const std::vector<analysis::PersonWeeks>& rows, const std::string& person) {
  for (const auto& row : rows)
    if (row.person == person) {
      const auto* w = peak(row);
      if (!w) return "-";
      return fmt::format("{} {:.0f}/{:.0f} h", w->week.to_string(), w->booked, w->capacity);
    }
  return "-";
}

}  // namespace

Json load_json(const Header& h, const analysis::LoadReport& r, const analysis::LoadOptions& o,
               const Diagnostics& diags) {
  Json j = document("load", h);
  j["tolerance"] = o.tolerance;
  j["unplaced"] = r.unplaced;
  j["leveled"] = people_json(r.leveled, false);
  j["written"] = people_json(r.written, true);
  Json over = Json::array();
  for (const auto& x : r.over)
    over.push_back({{"view", x.view},
                    {"person", x.person},
                    {"week", x.week.to_string()},
                    {"booked_hours", rounded(x.booked, 2)},
                    {"capacity_hours", rounded(x.capacity, 2)},
                    {"excess_hours", rounded(x.excess(), 2)},
                    {"items", items_json(x.items)}});
  j["over_allocations"] = std::move(over);
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void load_table(const analysis::LoadReport& r, std::ostream& out) {
  out << "People load by ISO week: peak week (booked/capacity hours)\n";
  out << fmt::format("  {:<12} {:<8} {:<26} {}\n", "person", "team", "leveled", "as written");
  for (const auto& row : r.leveled)
    out << fmt::format("  {:<12} {:<8} {:<26} {}\n", row.person, row.team,
                       peak_text(r.leveled, row.person), peak_text(r.written, row.person));
  out << fmt::format("\nOver-allocated person-weeks: {}\n", r.over.size());
  for (const auto& x : r.over) {
    std::string items;
    for (const auto& i : x.items)
      items += fmt::format("{}{} {:.0f} h", items.empty() ? "" : ", ", i.item, i.hours);
    out << fmt::format("  {:<8} {:<12} {}  {:.0f} h of {:.0f} h (+{:.0f} h){}{}\n", x.view,
                       x.person, x.week.to_string(), x.booked, x.capacity, x.excess(),
                       items.empty() ? "" : ": ", items);
  }
  if (r.unplaced > 0)
    out << fmt::format(
        "\n{} open items have no person or no planned window (baseline, sprint, or "
        "start_no_earlier_than with due) and are not in the as-written view\n",
        r.unplaced);
}

void load_csv(const analysis::LoadReport& r, std::ostream& out) {
  out << "view,person,team,week,booked_hours,capacity_hours,over\n";
  auto rows = [&](const char* view, const std::vector<analysis::PersonWeeks>& people) {
    for (const auto& row : people)
      for (const auto& w : row.weeks)
        out << fmt::format("{},{},{},{},{:.2f},{:.2f},{}\n", view, csv_field(row.person),
                           csv_field(row.team), w.week.to_string(), w.booked, w.capacity,
                           w.booked > w.capacity + 1e-6 ? 1 : 0);
  };
  rows("leveled", r.leveled);
  rows("written", r.written);
}

}  // namespace cairn::report

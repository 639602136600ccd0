#include "io/csv/items_csv.h"

#include <fmt/format.h>

#include "io/csv/csv.h"
#include "model/enums.h"

namespace cairn::io {
namespace {

std::string num(const std::optional<double>& v) {
  return v ? fmt::format("{}", *v) : std::string();
}
std::string date(const std::optional<Date>& d) {
  return d ? d->to_string() : std::string();
}

}  // namespace

std::string write_items_csv(const Program& p, const ScheduleDates* dates) {
  std::string out;
  append_csv_record(out,
                    {"key",    "title",    "kind",          "parent",     "team",   "assignee",
                     "state",  "category", "estimate_days", "optimistic", "likely", "pessimistic",
                     "basis",  "points",   "remaining",     "created",    "due",    "start",
                     "finish", "p50",      "p85",           "link",       "labels"});
  std::vector<std::string> row;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const WorkItem& it = p.items[i];
    const WorkItemId id{i};
    auto key_of = [&](auto ref, const auto& list) {
      return ref.valid() && ref.index() < list.size() ? list[ref.index()].key : std::string();
    };
    const ItemDates* d = nullptr;
    if (dates) {
      auto f = dates->find(id);
      if (f != dates->end()) d = &f->second;
    }
    std::string labels;
    for (size_t l = 0; l < it.labels.size(); ++l)
      labels += (l ? "; " : "") + it.labels[l];
    row = {it.key,
           it.title,
           to_string(it.kind),
           key_of(it.parent, p.items),
           key_of(it.team, p.teams),
           key_of(it.assignee, p.people),
           it.state,
           to_string(p.category(id)),
           it.estimate ? fmt::format("{}", it.estimate->pert_mean()) : "",
           it.estimate ? fmt::format("{}", it.estimate->optimistic) : "",
           it.estimate ? fmt::format("{}", it.estimate->likely) : "",
           it.estimate ? fmt::format("{}", it.estimate->pessimistic) : "",
           to_string(it.basis),
           num(it.points),
           num(it.remaining),
           it.created ? it.created->to_string() : "",
           date(it.due),
           d ? d->start.to_string() : "",
           d ? d->finish.to_string() : "",
           d ? date(d->p50) : "",
           d ? date(d->p85) : "",
           it.link,
           labels};
    append_csv_record(out, row);
  }
  return out;
}

}  // namespace cairn::io

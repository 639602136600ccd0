#include "io/schedule_json.h"

#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/codes.h"

namespace cairn::io {

Result<std::vector<schedule::PreviousPlacement>> read_previous_schedule(const std::string& path,
                                                                        const Program& program,
                                                                        Diagnostics& diags) {
  const std::string hint =
      "give the JSON output of an earlier `cairn schedule --format json`, or --keep-order baseline";
  std::ifstream in(path);
  if (!in)
    return make_error(std::string(codes::kInvalidPreviousSchedule),
                      fmt::format("cannot read the previous schedule {}", path), Location{path},
                      hint);
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("items") || !doc["items"].is_array())
    return make_error(std::string(codes::kInvalidPreviousSchedule),
                      fmt::format("{} is not a schedule document (no items array)", path),
                      Location{path, 0, 0, "/items"}, hint);
  std::vector<schedule::PreviousPlacement> out(program.items.size());
  const auto& items = doc["items"];
  for (size_t i = 0; i < items.size(); ++i) {
    const auto& it = items[i];
    const std::string ptr = fmt::format("/items/{}", i);
    if (!it.is_object() || !it.contains("key") || !it["key"].is_string())
      return make_error(std::string(codes::kInvalidPreviousSchedule),
                        fmt::format("{}: an item without a key", path), Location{path, 0, 0, ptr},
                        hint);
    const std::string key = it["key"].get<std::string>();
    const WorkItemId id = program.find_item(key);
    if (!id.valid()) {
      diags.warning(std::string(codes::kPreviousItemUnknown),
                    fmt::format("the previous schedule has {}, which the plan no longer has", key),
                    Location{path, 0, 0, ptr}, "nothing to do: it is left out");
      continue;
    }
    auto st = it.find("start_time");
    if (st == it.end() || st->is_null()) continue;
    auto t = st->is_string() ? DateTime::parse(st->get<std::string>()) : std::nullopt;
    if (!t)
      return make_error(
          std::string(codes::kInvalidPreviousSchedule),
          fmt::format("{}: {} has a start_time that is not an ISO 8601 time", path, key),
          Location{path, 0, 0, ptr + "/start_time"}, hint);
    out[id.index()].start = *t;
    if (auto ft = it.find("finish_time"); ft != it.end() && ft->is_string())
      out[id.index()].finish = DateTime::parse(ft->get<std::string>());
    auto who = it.find("assignee");
    if (who != it.end() && who->is_string())
      out[id.index()].person = program.find_person(who->get<std::string>());
    // Per seat who worked on it (null: nobody) and when they started on it.
    auto seats = it.find("seats");
    if (seats == it.end() || seats->is_null()) continue;
    const std::string sptr = ptr + "/seats";
    if (!seats->is_array())
      return make_error(std::string(codes::kInvalidPreviousSchedule),
                        fmt::format("{} has seats that are not an array (at {})", key, sptr),
                        Location{path, 0, 0, sptr}, hint);
    std::vector<schedule::PreviousPlacement::Seat> list;
    bool known = true;  // every person named is still in the plan
    for (size_t k = 0; k < seats->size(); ++k) {
      const auto& st = (*seats)[k];
      const std::string kptr = fmt::format("{}/{}", sptr, k);
      auto person = st.is_object() ? st.find("person") : st.end();
      if (!st.is_object() || person == st.end() || !(person->is_string() || person->is_null()))
        return make_error(std::string(codes::kInvalidPreviousSchedule),
                          fmt::format("seat {} of {} needs a person, a key or null (at {}/person)",
                                      k + 1, key, kptr),
                          Location{path, 0, 0, kptr + "/person"}, hint);
      schedule::PreviousPlacement::Seat seat;
      if (person->is_string()) {
        seat.person = program.find_person(person->get<std::string>());
        known = known && seat.person.valid();
      }
      if (auto t = st.find("start_time"); t != st.end() && !t->is_null()) {
        seat.start = t->is_string() ? DateTime::parse(t->get<std::string>()) : std::nullopt;
        if (!seat.start)
          return make_error(std::string(codes::kInvalidPreviousSchedule),
                            fmt::format("seat {} of {} has a start_time that is not an ISO 8601 "
                                        "time (at {}/start_time)",
                                        k + 1, key, kptr),
                            Location{path, 0, 0, kptr + "/start_time"}, hint);
      }
      list.push_back(seat);
    }
    // A person no longer in the plan: the seats are chosen anew (the first one's person kept).
    if (known) out[id.index()].seats = std::move(list);
  }
  return out;
}

}  // namespace cairn::io

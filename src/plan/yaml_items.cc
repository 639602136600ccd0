// The work items and dependencies of the YAML plan (the largest sections): one reader method per
// list-valued field. See docs/plan-format.md.
#include "plan/yaml_reader.h"

namespace cairn::plan::detail {

void Reader::read_item(const YAML::Node& n) {
  auto key = key_of(n, "a work item");
  if (!key || !unique_key<WorkItem>(item_keys_, *key, n, "work item")) return;
  uint32_t idx = static_cast<uint32_t>(program_.items.size());
  program_.items.push_back({});
  note(K::kItem, idx, n);
  WorkItem& it = program_.items.back();
  it.key = *key;
  std::string what = "item " + *key;
  Fields f(*this, n, yaml_fields(PlanObject::kItem), what);
  f.done();
  read_bound(f, it, idx, what, {"key"});
  if (f.has("start_no_earlier_than"))
    it.start_no_earlier_than =
        datetime(f.get("start_no_earlier_than"), what + " start_no_earlier_than");
  if (f.has("priority")) {
    if (auto p = integer(f.get("priority"), what + " priority")) {
      if (*p < 1 || *p > 1000)
        diags_.error(codes::kInvalidValue, fmt::format("priority of {} is {}", *key, *p),
                     loc(f.get("priority")), "use 1 to 1000 (higher first; default 500)");
      else
        it.priority = *p;
    }
  }
  if (f.has("history")) read_item_history(idx, f.get("history"), what);
  if (f.has("allocate")) read_item_allocate(idx, f.get("allocate"), what);
  if (f.has("limits")) read_limits(idx, f.get("limits"), what, false);
  if (f.has("shifts")) program_.items[idx].shifts = shifts(f.get("shifts"), what + " shifts");
  if (f.has("bookings")) read_item_bookings(idx, f.get("bookings"), what);
  if (f.has("milestone"))
    ref(RefKind::kMilestone, f.get("milestone"), what + " milestone", [this, idx](uint32_t m) {
      auto& v = program_.milestones[m].items;
      if (std::find(v.begin(), v.end(), WorkItemId{idx}) == v.end()) v.emplace_back(idx);
    });
  if (f.has("depends_on"))
    for (const auto& d : list(f.get("depends_on"), what + " depends_on"))
      read_dependency(d, idx);
}

void Reader::read_item_history(uint32_t idx, const YAML::Node& n, const std::string& what) {
  for (const auto& h : list(n, what + " history")) {
    if (!h.IsMap()) {
      wrong_type(h, what + " history entry", "a mapping with state and at");
      continue;
    }
    Fields hf(*this, h, yaml_fields(PlanObject::kHistoryEntry), what + " history entry");
    hf.done();
    if (!hf.has("state") || !hf.has("at")) {
      diags_.error(codes::kMissingField, "a history entry needs state and at", loc(h),
                   "write {state: In Progress, at: 2026-03-02T09:00:00Z}");
      continue;
    }
    StateChange c;
    if (!read_bound(hf, c, 0, "history")) continue;
    sources_.set(K::kItem, idx, fmt::format("history/{}", program_.items[idx].history.size()),
                 loc(h));
    program_.items[idx].history.push_back(c);
  }
}

void Reader::read_item_allocate(uint32_t idx, const YAML::Node& n, const std::string& what) {
  for (const auto& seat : list(n, what + " allocate")) {
    uint32_t s = static_cast<uint32_t>(program_.items[idx].allocations.size());
    program_.items[idx].allocations.push_back({});
    YAML::Node people = seat;
    if (seat.IsMap()) {  // {people: [a, b], mandatory: true}
      Fields sf(*this, seat, yaml_fields(PlanObject::kSeat), what + " allocate seat");
      sf.done();
      if (sf.has("shifts"))
        program_.items[idx].allocations[s].shifts =
            shifts(sf.get("shifts"), what + " allocate seat shifts");
      if (sf.has("mandatory"))
        program_.items[idx].allocations[s].mandatory =
            boolean(sf.get("mandatory"), "seat mandatory").value_or(false);
      if (sf.has("persistent"))
        program_.items[idx].allocations[s].persistent =
            boolean(sf.get("persistent"), "seat persistent").value_or(false);
      if (!sf.has("people")) {
        diags_.error(codes::kMissingField, "an allocate seat has no people", loc(seat),
                     "write {people: [ann, bo], mandatory: true}");
        continue;
      }
      people = sf.get("people");
    }
    for (const auto& c : list(people, what + " allocate alternatives"))
      ref(RefKind::kPerson, c, what + " allocate", [this, idx, s](uint32_t p) {
        program_.items[idx].allocations[s].candidates.emplace_back(p);
      });
  }
}

void Reader::read_limits(uint32_t idx, const YAML::Node& n, const std::string& what, bool person) {
  for (const auto& l : list(n, what + " limits")) {
    if (!l.IsMap()) {
      wrong_type(l, what + " limit", "a mapping {per, hours, people}");
      continue;
    }
    Fields lf(*this, l, yaml_fields(PlanObject::kLimit), what + " limit");
    lf.done();
    if (!lf.has("per") || !lf.has("hours")) {
      diags_.error(codes::kMissingField, "a limit needs per and hours", loc(l),
                   "write {per: week, hours: 16}");
      continue;
    }
    WorkLimit lim;
    std::string per = str(lf.get("per"), "limit per").value_or("");
    if (per == "day") {
      lim.per = WorkLimit::Per::kDay;
    } else if (per == "week") {
      lim.per = WorkLimit::Per::kWeek;
    } else if (per == "month") {
      lim.per = WorkLimit::Per::kMonth;
    } else if (per == "30-days") {
      lim.per = WorkLimit::Per::k30Days;
    } else {
      diags_.error(codes::kInvalidValue, fmt::format("limit per '{}'", per), loc(lf.get("per")),
                   "use day, week, month or 30-days");
      continue;
    }
    if (lf.has("from")) lim.from = date(lf.get("from"), "limit from");
    if (lf.has("until")) lim.until = date(lf.get("until"), "limit until");
    auto hours = num(lf.get("hours"), "limit hours");
    if (!hours || *hours < 0) {
      if (hours)
        diags_.error(codes::kInvalidValue, "limit hours must be 0 or more", loc(lf.get("hours")),
                     "write the working hours allowed per period");
      continue;
    }
    lim.hours = *hours;
    if (person) {
      if (lf.has("people"))
        diags_.error(codes::kInvalidValue,
                     "a person's limit counts all their work: it takes no people",
                     loc(lf.get("people")), "remove people, or put the limit on the item");
      program_.people[idx].limits.push_back(lim);
      continue;
    }
    uint32_t li = static_cast<uint32_t>(program_.items[idx].limits.size());
    program_.items[idx].limits.push_back(lim);
    if (lf.has("people"))
      for (const auto& c : list(lf.get("people"), what + " limit people"))
        ref(RefKind::kPerson, c, what + " limit",
            [this, idx, li](uint32_t p) { program_.items[idx].limits[li].people.emplace_back(p); });
  }
}

void Reader::read_item_bookings(uint32_t idx, const YAML::Node& n, const std::string& what) {
  for (const auto& b : list(n, what + " bookings")) {
    if (!b.IsMap()) {
      wrong_type(b, what + " booking", "a mapping {person, start, end, counts}");
      continue;
    }
    Fields bf(*this, b, yaml_fields(PlanObject::kBooking), what + " booking");
    bf.done();
    if (!bf.has("person") || !bf.has("start") || !bf.has("end")) {
      diags_.error(codes::kMissingField, "a booking needs person, start and end", loc(b),
                   "write {person: ana, start: 2026-03-02T09:00, end: 2026-03-02T17:00}");
      continue;
    }
    Booking bk;
    if (!read_bound(bf, bk, 0, what + " booking")) continue;
    uint32_t bi = static_cast<uint32_t>(program_.items[idx].bookings.size());
    sources_.set(K::kItem, idx, fmt::format("bookings/{}", bi), loc(b));
    program_.items[idx].bookings.push_back(bk);
    ref(RefKind::kPerson, bf.get("person"), what + " booking person",
        [this, idx, bi](uint32_t p) { program_.items[idx].bookings[bi].person = PersonId{p}; });
  }
}

// A dependency: top-level {from, to, ...}, or inside an item's depends_on: a key or {item, ...}.
void Reader::read_dependency(const YAML::Node& n, std::optional<uint32_t> successor) {
  uint32_t idx = static_cast<uint32_t>(program_.dependencies.size());
  if (successor && n.IsScalar()) {
    program_.dependencies.push_back({});
    sources_.set(K::kDependency, idx, {}, loc(n));
    program_.dependencies[idx].successor = WorkItemId{*successor};
    ref(RefKind::kItem, n, "depends_on",
        [this, idx](uint32_t p) { program_.dependencies[idx].predecessor = WorkItemId{p}; });
    return;
  }
  if (!n.IsMap()) {
    wrong_type(n, "a dependency", successor ? "an item key or a mapping" : "a mapping");
    return;
  }
  program_.dependencies.push_back({});
  note(K::kDependency, idx, n);
  Fields f(*this, n, yaml_fields(successor ? PlanObject::kDependsOn : PlanObject::kDependency),
           "a dependency");
  f.done();
  auto& dep = program_.dependencies[idx];
  const char* pred_field = successor ? "item" : "from";
  if (!f.has(pred_field)) {
    diags_.error(codes::kMissingField, fmt::format("a dependency has no {}", pred_field), loc(n),
                 successor ? "write item: KEY" : "write from: KEY (the predecessor)");
  } else {
    ref(RefKind::kItem, f.get(pred_field), "dependency predecessor",
        [this, idx](uint32_t p) { program_.dependencies[idx].predecessor = WorkItemId{p}; });
  }
  if (successor) {
    dep.successor = WorkItemId{*successor};
  } else if (!f.has("to")) {
    diags_.error(codes::kMissingField, "a dependency has no to", loc(n),
                 "write to: KEY (the successor)");
  } else {
    ref(RefKind::kItem, f.get("to"), "dependency successor",
        [this, idx](uint32_t p) { program_.dependencies[idx].successor = WorkItemId{p}; });
  }
  if (f.has("type")) {
    const YAML::Node t = f.get("type");
    std::string s = t.IsScalar() ? t.Scalar() : "";
    static const std::pair<const char*, DependencyType> kShort[] = {
        {"FS", DependencyType::kFinishStart},
        {"SS", DependencyType::kStartStart},
        {"FF", DependencyType::kFinishFinish},
        {"SF", DependencyType::kStartFinish}};
    std::string upper = s;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    auto hit = std::find_if(std::begin(kShort), std::end(kShort),
                            [&](const auto& e) { return upper == e.first; });
    if (hit != std::end(kShort))
      dep.type = hit->second;
    else if (auto v = enumeration<DependencyType>(t, "dependency type"))
      dep.type = *v;
  }
  read_bound(f, dep, idx, "dependency", {"type"});
  if (f.has("provider"))
    ref(RefKind::kTeam, f.get("provider"), "dependency provider",
        [this, idx](uint32_t t) { program_.dependencies[idx].provider = TeamId{t}; });
  if (f.has("consumer"))
    ref(RefKind::kTeam, f.get("consumer"), "dependency consumer",
        [this, idx](uint32_t t) { program_.dependencies[idx].consumer = TeamId{t}; });
}

}  // namespace cairn::plan::detail

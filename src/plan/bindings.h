// The value bindings of the plan's field table (plan/fields.h): for a model type T, which of its
// members a field of the document holds and how it is written. One generic conversion per value
// type then serves every bound field of every reader and the writer:
//   - the canonical JSON reader (canonical_reader.h, `CanonicalReader::bound_fields`),
//   - the YAML reader (yaml_reader.h, `Reader::read_bound`),
//   - the writer (write.cc, `object_json`).
// Value types: std::string, double, int, bool, Date, DateTime, an enum with enum_names<E>(),
// ThreePoint, std::vector<std::string>, an entity id (TeamId, PersonId, WorkItemId, MilestoneId:
// written and read as the entity's key), a list of ids, and std::optional of any scalar one.
// A field with its own shape (calendars, shifts, seats, a person's team, a milestone's items) is
// not bound: each reader and the writer handle it beside the bound ones.
// fields_test.cc checks that every bound name is a canonical field of its object. Constant data;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "model/program.h"
#include "plan/fields.h"

namespace cairn::plan {

// When the writer writes a bound field.
enum class Emit : uint8_t {
  kUnlessDefault,  // only when the value differs from the member of a default-constructed T
  kAlways,
};
// How the YAML form reads a trailing '%' of a number: not at all, as a percent ("50%" = 50) or as
// a fraction ("30%" = 0.3). The canonical form has plain numbers only.
enum class Pct : uint8_t { kNo, kPercent, kFraction };

template <typename T, typename M>
struct Bind {
  using Object = T;
  using Value = M;
  const char* name;
  M T::*member;
  Emit emit = Emit::kUnlessDefault;
  Pct pct = Pct::kNo;
};

template <typename T, typename M>
constexpr Bind<T, M> bind(const char* name, M T::*member, Emit emit = Emit::kUnlessDefault,
                          Pct pct = Pct::kNo) {
  return Bind<T, M>{name, member, emit, pct};
}

// Binding<T>::object is T's mapping in the field table; Binding<T>::fields its bound fields.
template <typename T>
struct Binding;

constexpr Emit kAlways = Emit::kAlways;
constexpr Emit kUnlessDefault = Emit::kUnlessDefault;

template <>
struct Binding<Program> {
  static constexpr PlanObject object = PlanObject::kProgram;
  static constexpr auto fields = std::tuple{bind("key", &Program::key, kAlways),
                                            bind("name", &Program::name),
                                            bind("goal", &Program::goal),
                                            bind("start", &Program::start, kAlways),
                                            bind("as_of", &Program::as_of),
                                            bind("end", &Program::end),
                                            bind("schedule_order", &Program::schedule_order),
                                            bind("currency", &Program::currency, kAlways)};
};
template <>
struct Binding<Team> {
  static constexpr PlanObject object = PlanObject::kTeam;
  static constexpr auto fields =
      std::tuple{bind("key", &Team::key, kAlways), bind("name", &Team::name),
                 bind("method", &Team::method, kAlways)};
};
template <>
struct Binding<WorkflowState> {
  static constexpr PlanObject object = PlanObject::kWorkflowState;
  static constexpr auto fields = std::tuple{bind("name", &WorkflowState::name, kAlways),
                                            bind("category", &WorkflowState::category, kAlways),
                                            bind("wip", &WorkflowState::wip_limit)};
};
template <>
struct Binding<Channel> {
  static constexpr PlanObject object = PlanObject::kChannel;
  static constexpr auto fields =
      std::tuple{bind("kind", &Channel::kind), bind("name", &Channel::name, kAlways),
                 bind("purpose", &Channel::purpose)};
};
template <>
struct Binding<Person> {
  static constexpr PlanObject object = PlanObject::kPerson;
  static constexpr auto fields =
      std::tuple{bind("key", &Person::key, kAlways),
                 bind("name", &Person::name),
                 bind("email", &Person::email),
                 bind("allocation", &Person::allocation, kUnlessDefault, Pct::kPercent),
                 bind("efficiency", &Person::efficiency, kUnlessDefault),
                 bind("cost_per_day", &Person::cost_per_day),
                 bind("skills", &Person::skills)};
};
template <>
struct Binding<Milestone> {
  static constexpr PlanObject object = PlanObject::kMilestone;
  static constexpr auto fields =
      std::tuple{bind("key", &Milestone::key, kAlways), bind("name", &Milestone::name),
                 bind("deadline", &Milestone::deadline)};
};
template <>
struct Binding<QualityGate> {
  static constexpr PlanObject object = PlanObject::kGate;
  static constexpr auto fields = std::tuple{bind("metric", &QualityGate::metric, kAlways),
                                            bind("threshold", &QualityGate::threshold, kAlways),
                                            bind("actual", &QualityGate::actual)};
};
template <>
struct Binding<WorkItem> {
  static constexpr PlanObject object = PlanObject::kItem;
  static constexpr auto fields =
      std::tuple{bind("key", &WorkItem::key, kAlways),
                 bind("title", &WorkItem::title),
                 bind("kind", &WorkItem::kind, kAlways),
                 bind("parent", &WorkItem::parent),
                 bind("team", &WorkItem::team),
                 bind("assignee", &WorkItem::assignee),
                 bind("basis", &WorkItem::basis),
                 bind("estimate", &WorkItem::estimate),
                 bind("points", &WorkItem::points),
                 bind("remaining", &WorkItem::remaining),
                 bind("state", &WorkItem::state),
                 bind("created", &WorkItem::created),
                 bind("finish_no_later_than", &WorkItem::finish_no_later_than),
                 bind("alap", &WorkItem::alap),
                 bind("baseline_start", &WorkItem::baseline_start),
                 bind("baseline_finish", &WorkItem::baseline_finish),
                 bind("due", &WorkItem::due),
                 bind("link", &WorkItem::link),
                 bind("labels", &WorkItem::labels)};
};
template <>
struct Binding<StateChange> {
  static constexpr PlanObject object = PlanObject::kHistoryEntry;
  static constexpr auto fields = std::tuple{bind("state", &StateChange::state, kAlways),
                                            bind("at", &StateChange::at, kAlways)};
};
template <>
struct Binding<WorkLimit> {
  static constexpr PlanObject object = PlanObject::kLimit;
  static constexpr auto fields =
      std::tuple{bind("people", &WorkLimit::people), bind("from", &WorkLimit::from),
                 bind("until", &WorkLimit::until)};
};
template <>
struct Binding<Booking> {
  static constexpr PlanObject object = PlanObject::kBooking;
  static constexpr auto fields =
      std::tuple{bind("start", &Booking::start, kAlways), bind("end", &Booking::end, kAlways),
                 bind("counts", &Booking::counts)};
};
template <>
struct Binding<Dependency> {
  static constexpr PlanObject object = PlanObject::kDependency;
  static constexpr auto fields =
      std::tuple{bind("type", &Dependency::type),         bind("lag", &Dependency::lag),
                 bind("lag_unit", &Dependency::lag_unit), bind("need_by", &Dependency::need_by),
                 bind("state", &Dependency::state),       bind("alap", &Dependency::alap)};
};
template <>
struct Binding<Risk> {
  static constexpr PlanObject object = PlanObject::kRisk;
  static constexpr auto fields =
      std::tuple{bind("key", &Risk::key, kAlways),
                 bind("title", &Risk::title),
                 bind("probability", &Risk::probability, kAlways, Pct::kFraction),
                 bind("impact", &Risk::impact),
                 bind("cost_impact", &Risk::cost_impact),
                 bind("items", &Risk::items),
                 bind("milestones", &Risk::milestones),
                 bind("owner", &Risk::owner),
                 bind("mitigation", &Risk::mitigation),
                 bind("trigger_date", &Risk::trigger_date),
                 bind("status", &Risk::status, kAlways)};
};
template <>
struct Binding<Sprint> {
  static constexpr PlanObject object = PlanObject::kSprint;
  static constexpr auto fields =
      std::tuple{bind("key", &Sprint::key, kAlways),   bind("name", &Sprint::name),
                 bind("team", &Sprint::team),          bind("start", &Sprint::start, kAlways),
                 bind("end", &Sprint::end, kAlways),   bind("goal", &Sprint::goal),
                 bind("committed", &Sprint::committed)};
};
template <>
struct Binding<Budget> {
  static constexpr PlanObject object = PlanObject::kBudget;
  static constexpr auto fields = std::tuple{bind("total", &Budget::total, kAlways)};
};
template <>
struct Binding<PlannedSpend> {
  static constexpr PlanObject object = PlanObject::kPeriod;
  static constexpr auto fields = std::tuple{bind("period_end", &PlannedSpend::period_end, kAlways),
                                            bind("amount", &PlannedSpend::amount, kAlways)};
};
template <>
struct Binding<ActualSpend> {
  static constexpr PlanObject object = PlanObject::kPeriod;
  static constexpr auto fields = std::tuple{bind("period_end", &ActualSpend::period_end, kAlways),
                                            bind("amount", &ActualSpend::amount, kAlways)};
};
template <>
struct Binding<StatusUpdate> {
  static constexpr PlanObject object = PlanObject::kStatusUpdate;
  static constexpr auto fields = std::tuple{
      bind("date", &StatusUpdate::date, kAlways), bind("author", &StatusUpdate::author),
      bind("team", &StatusUpdate::team),          bind("rag", &StatusUpdate::rag, kAlways),
      bind("summary", &StatusUpdate::summary),    bind("blockers", &StatusUpdate::blockers)};
};
template <>
struct Binding<Decision> {
  static constexpr PlanObject object = PlanObject::kDecision;
  static constexpr auto fields =
      std::tuple{bind("key", &Decision::key), bind("date", &Decision::date, kAlways),
                 bind("owner", &Decision::owner), bind("text", &Decision::text),
                 bind("status", &Decision::status, kAlways)};
};
template <>
struct Binding<ActionItem> {
  static constexpr PlanObject object = PlanObject::kAction;
  static constexpr auto fields =
      std::tuple{bind("key", &ActionItem::key), bind("text", &ActionItem::text),
                 bind("owner", &ActionItem::owner), bind("due", &ActionItem::due),
                 bind("done", &ActionItem::done, kAlways)};
};

// What kind of value a bound member is (for the generic conversions).
template <typename>
constexpr bool kIsOptional = false;
template <typename X>
constexpr bool kIsOptional<std::optional<X>> = true;
template <typename>
constexpr bool kIsId = false;
template <typename Tag>
constexpr bool kIsId<Id<Tag>> = true;
template <typename>
constexpr bool kIsIdList = false;
template <typename Tag>
constexpr bool kIsIdList<std::vector<Id<Tag>>> = true;

// The entities an id points into, and its noun in messages.
inline const std::vector<Team>& entities(const Program& p, TeamId) {
  return p.teams;
}
inline const std::vector<Person>& entities(const Program& p, PersonId) {
  return p.people;
}
inline const std::vector<WorkItem>& entities(const Program& p, WorkItemId) {
  return p.items;
}
inline const std::vector<Milestone>& entities(const Program& p, MilestoneId) {
  return p.milestones;
}

// Calls f(binding) for each bound field of T, in declaration order.
template <typename T, typename F>
void for_each_binding(F&& f) {
  std::apply([&](const auto&... b) { (f(b), ...); }, Binding<T>::fields);
}

// For each canonical field of T's object (canonical_fields(object), by position), the position of
// its binding in Binding<T>::fields, or -1 when it is not bound. Built once; thread-safe.
template <typename T>
const std::vector<int8_t>& binding_positions() {
  static const std::vector<int8_t> positions = [] {
    const std::vector<const char*>& names = canonical_fields(Binding<T>::object);
    std::vector<int8_t> out(names.size(), -1);
    int8_t i = 0;
    for_each_binding<T>([&](const auto& b) {
      for (size_t j = 0; j < names.size(); ++j)
        if (std::string_view(names[j]) == b.name) out[j] = i;
      ++i;
    });
    return out;
  }();
  return positions;
}

// Calls f(binding) with the binding at `position` of Binding<T>::fields; false when position is
// -1 (the field is not bound).
template <typename T, typename F>
bool with_binding(int position, F&& f) {
  return [&]<size_t... I>(std::index_sequence<I...>) {
    return ((position == static_cast<int>(I) && (f(std::get<I>(Binding<T>::fields)), true)) || ...);
  }
  (std::make_index_sequence<std::tuple_size_v<decltype(Binding<T>::fields)>>{});
}

// The names bound for T (for fields_test).
template <typename T>
std::vector<const char*> bound_names() {
  std::vector<const char*> out;
  for_each_binding<T>([&](const auto& b) { out.push_back(b.name); });
  return out;
}

}  // namespace cairn::plan

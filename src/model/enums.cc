#include "model/enums.h"

#include "model/person.h"
#include "model/program.h"

#include <string>

namespace cairn {
namespace {
constexpr const char* kStateCategory[] = {"todo", "in-progress", "done"};
constexpr const char* kTeamMethod[] = {"scrum", "kanban", "other"};
constexpr const char* kWorkItemKind[] = {"epic", "story", "task", "bug"};
constexpr const char* kEstimateBasis[] = {"effort", "length", "duration"};
constexpr const char* kDependencyType[] = {"finish-start", "start-start", "finish-finish",
                                           "start-finish"};
constexpr const char* kDependencyShort[] = {"FS", "SS", "FF", "SF"};
constexpr const char* kCrossTeamState[] = {"requested", "committed", "at-risk", "delivered"};
constexpr const char* kRiskStatus[] = {"open", "mitigated", "closed", "occurred"};
constexpr const char* kRag[] = {"green", "amber", "red"};
constexpr const char* kDecisionStatus[] = {"proposed", "accepted", "rejected", "superseded"};
constexpr const char* kLagUnit[] = {"working-days", "calendar-days"};
constexpr const char* kComparison[] = {"<", "<=", "==", ">=", ">"};
constexpr const char* kBookingCounts[] = {"working-time", "off-hours", "all"};
constexpr const char* kScheduleOrder[] = {"search", "taskjuggler"};
}  // namespace

template <>
std::span<const char* const> enum_names<StateCategory>() {
  return kStateCategory;
}
template <>
std::span<const char* const> enum_names<TeamMethod>() {
  return kTeamMethod;
}
template <>
std::span<const char* const> enum_names<WorkItemKind>() {
  return kWorkItemKind;
}
template <>
std::span<const char* const> enum_names<EstimateBasis>() {
  return kEstimateBasis;
}
template <>
std::span<const char* const> enum_names<DependencyType>() {
  return kDependencyType;
}
template <>
std::span<const char* const> enum_names<CrossTeamState>() {
  return kCrossTeamState;
}
template <>
std::span<const char* const> enum_names<RiskStatus>() {
  return kRiskStatus;
}
template <>
std::span<const char* const> enum_names<Rag>() {
  return kRag;
}
template <>
std::span<const char* const> enum_names<DecisionStatus>() {
  return kDecisionStatus;
}
template <>
std::span<const char* const> enum_names<Comparison>() {
  return kComparison;
}
template <>
std::span<const char* const> enum_names<BookingCounts>() {
  return kBookingCounts;
}
const char* to_string(BookingCounts c) {
  return kBookingCounts[static_cast<int>(c)];
}
template <>
std::span<const char* const> enum_names<ScheduleOrder>() {
  return kScheduleOrder;
}
template <>
std::span<const char* const> enum_names<LagUnit>() {
  return kLagUnit;
}
const char* to_string(LagUnit u) {
  return kLagUnit[static_cast<int>(u)];
}

const char* to_string(StateCategory c) {
  return kStateCategory[static_cast<int>(c)];
}
const char* to_string(TeamMethod m) {
  return kTeamMethod[static_cast<int>(m)];
}
const char* to_string(WorkItemKind k) {
  return kWorkItemKind[static_cast<int>(k)];
}
const char* to_string(EstimateBasis b) {
  return kEstimateBasis[static_cast<int>(b)];
}
const char* to_string(DependencyType t) {
  return kDependencyType[static_cast<int>(t)];
}
const char* short_name(DependencyType t) {
  return kDependencyShort[static_cast<int>(t)];
}
const char* to_string(CrossTeamState s) {
  return kCrossTeamState[static_cast<int>(s)];
}
const char* to_string(RiskStatus s) {
  return kRiskStatus[static_cast<int>(s)];
}
const char* to_string(Rag r) {
  return kRag[static_cast<int>(r)];
}
const char* to_string(DecisionStatus s) {
  return kDecisionStatus[static_cast<int>(s)];
}
const char* to_string(Comparison c) {
  return kComparison[static_cast<int>(c)];
}

std::optional<Comparison> parse_comparison(const std::string& text) {
  if (text == "=") return Comparison::kEqual;
  for (int i = 0; i < 5; ++i)
    if (text == kComparison[i]) return static_cast<Comparison>(i);
  return std::nullopt;
}

bool QualityGate::holds(double v) const {
  switch (comparison) {
    case Comparison::kLess:
      return v < threshold;
    case Comparison::kLessEqual:
      return v <= threshold;
    case Comparison::kEqual:
      return v == threshold;
    case Comparison::kGreaterEqual:
      return v >= threshold;
    case Comparison::kGreater:
      return v > threshold;
  }
  return false;
}

std::optional<size_t> Team::state_index(const std::string& state) const {
  for (size_t i = 0; i < workflow.size(); ++i)
    if (workflow[i].name == state) return i;
  return std::nullopt;
}

std::vector<WorkflowState> default_workflow() {
  return {
      {"To Do", StateCategory::kTodo, false, std::nullopt},
      {"In Progress", StateCategory::kInProgress, true, std::nullopt},
      {"In Review", StateCategory::kInProgress, false, std::nullopt},
      {"Done", StateCategory::kDone, false, std::nullopt},
  };
}

bool Person::on_leave(Date d) const {
  for (const auto& l : leave)
    if (l.dates.contains(d)) return true;
  return false;
}

}  // namespace cairn

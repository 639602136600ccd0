#include "plan/fields.h"

#include <array>

namespace cairn::plan {
namespace {

using F = FieldSpec;
constexpr bool kReq = true;
constexpr FieldForm kYaml = FieldForm::kYamlOnly;

constexpr F kDocument[] = {{"program"},
                           {"teams"},
                           {"people"},
                           {"milestones"},
                           {"items"},
                           {"dependencies"},
                           {"risks"},
                           {"sprints"},
                           {"budget"},
                           {"status_updates"},
                           {"decisions"},
                           {"actions"},
                           {"include", false, kYaml}};
constexpr F kProgram[] = {
    {"key", kReq}, {"name"},           {"goal"},     {"start", kReq}, {"as_of"},
    {"end"},       {"schedule_order"}, {"currency"}, {"calendar"},    {"health_thresholds"}};
constexpr F kCalendar[] = {
    {"weekdays"}, {"hours"}, {"day_hours"}, {"daily_max_hours"}, {"holidays"}};
constexpr F kHoliday[] = {{"date", kReq}, {"name"}};
constexpr F kTeam[] = {{"key", kReq}, {"name"},     {"method"},
                       {"workflow"},  {"channels"}, {"members", false, kYaml}};
constexpr F kWorkflowState[] = {{"name", kReq}, {"category"}, {"active"}, {"wip"}};
constexpr F kChannel[] = {{"kind"}, {"name"}, {"purpose"}};
constexpr F kPerson[] = {{"key", kReq},  {"name"},       {"email"},        {"team"},
                         {"allocation"}, {"efficiency"}, {"cost_per_day"}, {"leave"},
                         {"skills"},     {"calendar"},   {"shifts"},       {"limits"}};
constexpr F kLeave[] = {{"from", kReq}, {"to"}, {"reason"}};
constexpr F kShift[] = {{"from", kReq}, {"to", kReq}, {"weekdays"},
                        {"hours"},      {"leave"},    {"replace"}};
constexpr F kMilestone[] = {{"key", kReq}, {"name"}, {"deadline"}, {"items"}, {"gates"}};
constexpr F kGate[] = {{"metric", kReq}, {"op"}, {"threshold", kReq}, {"actual"}};
constexpr F kItem[] = {{"key", kReq},
                       {"title"},
                       {"kind"},
                       {"parent"},
                       {"team"},
                       {"assignee"},
                       {"allocate"},
                       {"basis"},
                       {"estimate"},
                       {"points"},
                       {"remaining"},
                       {"state"},
                       {"history"},
                       {"created"},
                       {"start_no_earlier_than"},
                       {"finish_no_later_than"},
                       {"alap"},
                       {"limits"},
                       {"shifts"},
                       {"bookings"},
                       {"baseline_start"},
                       {"baseline_finish"},
                       {"due"},
                       {"priority"},
                       {"link"},
                       {"labels"},
                       {"milestone", false, kYaml},
                       {"depends_on", false, kYaml}};
constexpr F kSeat[] = {{"people", kReq}, {"mandatory"}, {"persistent"}, {"shifts"}};
constexpr F kHistoryEntry[] = {{"state", kReq}, {"at", kReq}};
constexpr F kLimit[] = {{"per", kReq}, {"hours", kReq}, {"people"}, {"from"}, {"until"}};
constexpr F kBooking[] = {{"person", kReq}, {"start", kReq}, {"end", kReq}, {"counts"}};
constexpr F kDependency[] = {{"from", kReq}, {"to", kReq}, {"type"},    {"lag"},   {"lag_unit"},
                             {"provider"},   {"consumer"}, {"need_by"}, {"state"}, {"alap"}};
constexpr F kDependsOn[] = {{"item", kReq}, {"type"},    {"lag"},   {"lag_unit"}, {"provider"},
                            {"consumer"},   {"need_by"}, {"state"}, {"alap"}};
constexpr F kRisk[] = {{"key", kReq},   {"title"},        {"probability"}, {"impact"},
                       {"cost_impact"}, {"items"},        {"milestones"},  {"owner"},
                       {"mitigation"},  {"trigger_date"}, {"status"}};
constexpr F kSprint[] = {{"key", kReq}, {"name"}, {"team", kReq}, {"start", kReq},
                         {"end", kReq}, {"goal"}, {"committed"}};
constexpr F kBudget[] = {{"total"}, {"planned"}, {"actual"}};
constexpr F kPeriod[] = {{"period_end", kReq}, {"amount", kReq}};
constexpr F kStatusUpdate[] = {{"date", kReq}, {"author"},  {"team"},
                               {"rag"},        {"summary"}, {"blockers"}};
constexpr F kDecision[] = {{"key"}, {"date", kReq}, {"owner"}, {"text"}, {"status"}};
constexpr F kAction[] = {{"key"}, {"text"}, {"owner"}, {"due"}, {"done"}};
constexpr F kThreePoint[] = {
    {"optimistic", kReq, kYaml}, {"likely", kReq, kYaml}, {"pessimistic", kReq, kYaml}};

using P = PlanObject;
constexpr ObjectSpec kObjects[] = {
    {P::kDocument, "", kDocument},
    {P::kProgram, "/$defs/program", kProgram},
    {P::kCalendar, "/$defs/calendar", kCalendar},
    {P::kHoliday, "/$defs/holiday/anyOf/1", kHoliday},
    {P::kTeam, "/$defs/team", kTeam},
    {P::kWorkflowState, "/$defs/workflowState/anyOf/1", kWorkflowState},
    {P::kChannel, "/$defs/channel/anyOf/1", kChannel},
    {P::kPerson, "/$defs/person", kPerson},
    {P::kLeave, "/$defs/leave", kLeave},
    {P::kShift, "/$defs/shift", kShift},
    {P::kMilestone, "/$defs/milestone", kMilestone},
    {P::kGate, "/$defs/gate/anyOf/1", kGate},
    {P::kItem, "/$defs/item", kItem},
    {P::kSeat, "/$defs/seat/anyOf/1", kSeat},
    {P::kHistoryEntry, "/$defs/historyEntry", kHistoryEntry},
    {P::kLimit, "/$defs/item/properties/limits/items", kLimit},
    {P::kBooking, "/$defs/booking", kBooking},
    {P::kDependency, "/$defs/dependency", kDependency},
    {P::kDependsOn, "/$defs/dependsOn/anyOf/1", kDependsOn},
    {P::kRisk, "/$defs/risk", kRisk},
    {P::kSprint, "/$defs/sprint", kSprint},
    {P::kBudget, "/$defs/budget", kBudget},
    {P::kPeriod, "/$defs/period", kPeriod},
    {P::kStatusUpdate, "/$defs/statusUpdate", kStatusUpdate},
    {P::kDecision, "/$defs/decision", kDecision},
    {P::kAction, "/$defs/action", kAction},
    {P::kThreePoint, "/$defs/threePoint/anyOf/2", kThreePoint},
};
constexpr size_t kCount = std::size(kObjects);

struct Names {
  std::array<std::vector<const char*>, kCount> yaml, canonical;
  std::array<uint64_t, kCount> required{};
  Names() {
    for (size_t i = 0; i < kCount; ++i) {
      for (const FieldSpec& f : kObjects[i].fields) {
        yaml[i].push_back(f.name);
        if (f.form != FieldForm::kCanonical) continue;
        if (f.required) required[i] |= uint64_t{1} << canonical[i].size();
        canonical[i].push_back(f.name);
      }
    }
  }
};

const Names& names() {
  static const Names n;
  return n;
}

}  // namespace

std::span<const ObjectSpec> plan_objects() {
  return kObjects;
}

const ObjectSpec& object_spec(PlanObject object) {
  return kObjects[static_cast<size_t>(object)];
}

const std::vector<const char*>& yaml_fields(PlanObject object) {
  return names().yaml[static_cast<size_t>(object)];
}

const std::vector<const char*>& canonical_fields(PlanObject object) {
  return names().canonical[static_cast<size_t>(object)];
}

uint64_t canonical_required_mask(PlanObject object) {
  return names().required[static_cast<size_t>(object)];
}

}  // namespace cairn::plan

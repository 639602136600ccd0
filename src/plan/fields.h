// The plan document's field table: for every mapping of the plan format (docs/plan-format.md),
// the fields it may have, in canonical order (the order plan_to_json writes them), which are
// required, and which are shorthands of the YAML form only.
//
// One table drives the readers and is checked against the rest:
//  - the YAML reader accepts exactly `yaml_fields(object)` in each mapping (unknown fields are
//    warned about with a "did you mean" among them);
//  - the canonical JSON reader accepts exactly `canonical_fields(object)` and requires the
//    required ones (anything else is `not-canonical`, naming the field);
//  - plan_to_json writes only canonical fields, in table order (fields_test.cc);
//  - schema/plan.schema.json has, at each object's `schema_pointer`, exactly these properties and
//    these required ones (fields_test.cc).
// plan/bindings.h gives most fields a value binding (member and type), so that one generic
// conversion per type reads (YAML, canonical JSON) and writes them. A new field of a bound type is
// added here, in bindings.h and in the schema; a field with a shape of its own is also handled by
// each reader and the writer beside the bound ones. The tests fail until all agree. Constant data;
// thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace cairn::plan {

// Every mapping of the plan format.
enum class PlanObject {
  kDocument,       // the top level: its sections
  kProgram,        // program:
  kCalendar,       // a working calendar (program, person)
  kHoliday,        // {date, name} in a calendar's holidays
  kTeam,           // teams[]
  kWorkflowState,  // {name, category, active, wip} in a team's workflow
  kChannel,        // {kind, name, purpose} in a team's channels
  kPerson,         // people[]
  kLeave,          // a person's leave[]
  kShift,          // shifts[] of a person, an item or a seat
  kMilestone,      // milestones[]
  kGate,           // {metric, op, threshold, actual} in a milestone's gates
  kItem,           // items[]
  kSeat,           // {people, mandatory, shifts} in an item's allocate
  kHistoryEntry,   // an item's history[]
  kLimit,          // an item's limits[]
  kBooking,        // an item's bookings[]
  kDependency,     // dependencies[]: from, to and the common fields
  kDependsOn,      // an item's depends_on[] as a mapping: item and the common fields
  kRisk,           // risks[]
  kSprint,         // sprints[]
  kBudget,         // budget:
  kPeriod,         // {period_end, amount} in budget planned/actual
  kStatusUpdate,   // status_updates[]
  kDecision,       // decisions[]
  kAction,         // actions[]
  kThreePoint,     // {optimistic, likely, pessimistic} (YAML only; canonical form is [o, l, p])
};

enum class FieldForm {
  kCanonical,  // written by plan_to_json, accepted by both readers
  kYamlOnly,   // a shorthand of the YAML form (e.g. an item's depends_on); never written
};

struct FieldSpec {
  const char* name;
  bool required = false;  // the schema's `required`; the readers report a missing one
  FieldForm form = FieldForm::kCanonical;
};

struct ObjectSpec {
  PlanObject object;
  std::string_view schema_pointer;  // JSON pointer to the object's schema in plan.schema.json
  std::span<const FieldSpec> fields;
};

// Every object of the table, in PlanObject order.
std::span<const ObjectSpec> plan_objects();
const ObjectSpec& object_spec(PlanObject object);

// The field names the YAML reader accepts in `object` (canonical ones first, in table order).
const std::vector<const char*>& yaml_fields(PlanObject object);
// The field names of the canonical form of `object`, in the order plan_to_json writes them.
const std::vector<const char*>& canonical_fields(PlanObject object);
// Bit i is set when canonical_fields(object)[i] is required (an object has at most 64 fields).
uint64_t canonical_required_mask(PlanObject object);

}  // namespace cairn::plan

// The field table (fields.h) against schema/plan.schema.json and against what plan_to_json
// writes: a field added to one and not the others fails here.
#include "plan/fields.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "plan/bindings.h"
#include "plan/canonical.h"
#include "plan/plan.h"

namespace cairn::plan {
namespace {

using json = nlohmann::json;

json load_schema() {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/schema/plan.schema.json");
  return json::parse(in);
}

// The properties (and required ones) of the object schema at `node`, following a `$ref` to a
// definition whose properties it adds to (the dependency forms share dependencyFields).
void collect(const json& schema, const json& node, std::set<std::string>& props,
             std::set<std::string>& required) {
  if (auto p = node.find("properties"); p != node.end())
    for (auto it = p->begin(); it != p->end(); ++it)
      props.insert(it.key());
  if (auto r = node.find("required"); r != node.end())
    for (const auto& name : *r)
      required.insert(name.get<std::string>());
  if (auto ref = node.find("$ref"); ref != node.end()) {
    const std::string target = ref->get<std::string>().substr(1);  // "#/$defs/x" -> "/$defs/x"
    collect(schema, schema.at(json::json_pointer(target)), props, required);
  }
}

TEST(PlanFields, SchemaHasExactlyTheTableFields) {
  const json schema = load_schema();
  for (const ObjectSpec& spec : plan_objects()) {
    SCOPED_TRACE(spec.schema_pointer.empty() ? std::string("(top level)")
                                             : std::string(spec.schema_pointer));
    const json& node = schema.at(json::json_pointer(std::string(spec.schema_pointer)));
    std::set<std::string> props, required;
    collect(schema, node, props, required);
    std::set<std::string> fields, table_required;
    for (const FieldSpec& f : spec.fields) {
      fields.insert(f.name);
      if (f.required) table_required.insert(f.name);
    }
    EXPECT_EQ(props, fields);
    EXPECT_EQ(required, table_required);
    EXPECT_EQ(yaml_fields(spec.object).size(), spec.fields.size());
  }
}

TEST(PlanFields, EveryObjectOnceInEnumOrder) {
  int i = 0;
  for (const ObjectSpec& spec : plan_objects())
    EXPECT_EQ(static_cast<int>(spec.object), i++);
  EXPECT_EQ(&object_spec(PlanObject::kItem), &plan_objects()[static_cast<int>(PlanObject::kItem)]);
}

// Every mapping of the canonical document (the example program, which uses most fields) has only
// canonical fields of its table row, in table order.
void expect_canonical_order(const nlohmann::ordered_json& o, PlanObject object,
                            const std::string& at) {
  const auto& names = canonical_fields(object);
  size_t pos = 0;
  for (auto it = o.begin(); it != o.end(); ++it) {
    auto found =
        std::find_if(names.begin(), names.end(), [&](const char* n) { return it.key() == n; });
    ASSERT_NE(found, names.end()) << at << "/" << it.key() << " is not a canonical field";
    const size_t idx = static_cast<size_t>(found - names.begin());
    EXPECT_GE(idx, pos) << at << "/" << it.key() << " is out of table order";
    pos = idx;
  }
}

void expect_list(const nlohmann::ordered_json& doc, const char* section, PlanObject object) {
  if (!doc.contains(section)) return;
  for (size_t i = 0; i < doc[section].size(); ++i)
    expect_canonical_order(doc[section][i], object,
                           std::string("/") + section + "/" + std::to_string(i));
}

TEST(PlanFields, WriterFollowsTheTable) {
  Diagnostics diags;
  auto plan = read_plan({std::string(CAIRN_SOURCE_DIR) + "/examples/atlas"}, diags);
  ASSERT_TRUE(plan.has_value()) << plan.error().to_string();
  const nlohmann::ordered_json doc = plan_to_json(plan->program);
  expect_canonical_order(doc, PlanObject::kDocument, "");
  expect_canonical_order(doc["program"], PlanObject::kProgram, "/program");
  expect_canonical_order(doc["program"]["calendar"], PlanObject::kCalendar, "/program/calendar");
  expect_list(doc, "teams", PlanObject::kTeam);
  expect_list(doc, "people", PlanObject::kPerson);
  expect_list(doc, "milestones", PlanObject::kMilestone);
  expect_list(doc, "items", PlanObject::kItem);
  expect_list(doc, "dependencies", PlanObject::kDependency);
  expect_list(doc, "risks", PlanObject::kRisk);
  expect_list(doc, "sprints", PlanObject::kSprint);
  expect_list(doc, "status_updates", PlanObject::kStatusUpdate);
  expect_list(doc, "decisions", PlanObject::kDecision);
  expect_list(doc, "actions", PlanObject::kAction);
  if (doc.contains("budget")) expect_canonical_order(doc["budget"], PlanObject::kBudget, "/budget");
  EXPECT_GT(doc["items"].size(), 100u);
}

// The canonical reader takes required fields from the table: a missing one is `not-canonical`,
// naming the field and pointing at its mapping.
TEST(PlanFields, CanonicalReaderRequiresTheTableRequiredFields) {
  struct Case {
    const char* doc;
    const char* field;
    const char* pointer;
  };
  const Case cases[] = {
      {R"({"program": {"key": "P"}})", "start", "/program"},
      {R"({"program": {"key": "P", "start": "2026-01-05"}, "status_updates": [{"rag": "green"}]})",
       "date", "/status_updates/0"},
      {R"({"program": {"key": "P", "start": "2026-01-05"},
           "sprints": [{"key": "S", "start": "2026-01-05", "end": "2026-01-16"}]})",
       "team", "/sprints/0"},
      {R"({"program": {"key": "P", "start": "2026-01-05"},
           "items": [{"key": "A", "history": [{"state": "Done"}]}]})",
       "at", "/items/0/history/0"},
  };
  for (const Case& c : cases) {
    Diagnostics diags;
    auto r = read_canonical_plan_text(c.doc, "t.json", diags);
    ASSERT_FALSE(r.has_value()) << c.doc;
    EXPECT_EQ(r.error().code, "not-canonical");
    EXPECT_NE(r.error().message.find(std::string("missing required field '") + c.field + "'"),
              std::string::npos)
        << r.error().message;
    EXPECT_EQ(r.error().where.pointer, c.pointer);
  }
}

// Every bound field (bindings.h) is a canonical field of its object, bound once.
template <typename T>
void expect_bound_names_canonical() {
  const PlanObject object = Binding<T>::object;
  const std::vector<const char*>& names = canonical_fields(object);
  std::set<std::string> seen;
  for (const char* b : bound_names<T>()) {
    SCOPED_TRACE(fmt::format("{} of {}", b, object_spec(object).schema_pointer));
    EXPECT_NE(std::find_if(names.begin(), names.end(),
                           [&](const char* n) { return std::string_view(n) == b; }),
              names.end());
    EXPECT_TRUE(seen.insert(b).second);
  }
  // binding_positions maps each bound name back to its binding.
  int bound = 0;
  for (int8_t p : binding_positions<T>())
    bound += p >= 0;
  EXPECT_EQ(bound, static_cast<int>(seen.size()));
}

TEST(PlanFields, BindingsNameCanonicalFieldsOnce) {
  expect_bound_names_canonical<Program>();
  expect_bound_names_canonical<Team>();
  expect_bound_names_canonical<WorkflowState>();
  expect_bound_names_canonical<Channel>();
  expect_bound_names_canonical<Person>();
  expect_bound_names_canonical<Milestone>();
  expect_bound_names_canonical<QualityGate>();
  expect_bound_names_canonical<WorkItem>();
  expect_bound_names_canonical<StateChange>();
  expect_bound_names_canonical<WorkLimit>();
  expect_bound_names_canonical<Booking>();
  expect_bound_names_canonical<Dependency>();
  expect_bound_names_canonical<Risk>();
  expect_bound_names_canonical<Sprint>();
  expect_bound_names_canonical<Budget>();
  expect_bound_names_canonical<PlannedSpend>();
  expect_bound_names_canonical<ActualSpend>();
  expect_bound_names_canonical<StatusUpdate>();
  expect_bound_names_canonical<Decision>();
  expect_bound_names_canonical<ActionItem>();
}

}  // namespace
}  // namespace cairn::plan

// libFuzzer harness for the canonical JSON plan reader (what the store loads and `cairn import`
// reads from .json): any bytes must give diagnostics, never a crash, a hang or a sanitizer report;
// what reads cleanly must write and read back to the same program. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "plan/plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto doc = nlohmann::ordered_json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return 0;
  cairn::Diagnostics diags;
  auto plan = cairn::plan::read_plan_json(doc, "fuzz.json", diags);
  if (plan && !diags.has_errors()) {
    cairn::Diagnostics again;
    auto back = cairn::plan::read_plan_json(cairn::plan::plan_to_json(plan->program),
                                            "roundtrip.json", again);
    if (!back || !back->program.same_content(plan->program)) __builtin_trap();
  }
  return 0;
}

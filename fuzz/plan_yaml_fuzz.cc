// libFuzzer harness for the YAML plan reader: any bytes must give diagnostics, never a crash, a
// hang or a sanitizer report. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "plan/plan.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Diagnostics diags;
  cairn::plan::PlanReadOptions options;
  options.max_file_bytes = 1 << 20;
  auto plan = cairn::plan::read_plan_text(
      std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.yaml", diags, options);
  if (plan && !diags.has_errors()) {
    // What reads cleanly must write and read back cleanly.
    std::string yaml = cairn::plan::write_plan_yaml(plan->program);
    cairn::Diagnostics again;
    auto back = cairn::plan::read_plan_text(yaml, "roundtrip.yaml", again, options);
    if (!back || !back->program.same_content(plan->program)) __builtin_trap();
  }
  return 0;
}

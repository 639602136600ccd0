// libFuzzer harness for the MS Project XML reader: any bytes must give a Program or an Error,
// never a crash, a hang or a sanitizer report. What reads cleanly (no error, validation included)
// must also export to MSPDI and read back. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/import.h"
#include "io/mspdi/mspdi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Diagnostics diags;
  auto r = cairn::io::import_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.xml", cairn::io::ImportFormat::kMspdi, {}, diags);
  if (r && !diags.has_errors()) {
    const std::string xml = cairn::io::write_mspdi(r->program);
    cairn::Diagnostics again;
    auto back = cairn::io::import_text(xml, r->program.key + ".xml",
                                       cairn::io::ImportFormat::kMspdi, {}, again);
    if (!back) __builtin_trap();
  }
  return 0;
}

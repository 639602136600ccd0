// libFuzzer harness for the GitHub issues JSON reader: any bytes must give a Program or an Error,
// never a crash, a hang or a sanitizer report. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/csv/items_csv.h"
#include "io/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Diagnostics diags;
  auto r = cairn::io::import_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.json", cairn::io::ImportFormat::kGithubJson, {}, diags);
  if (r && !diags.has_errors()) (void)cairn::io::write_items_csv(r->program);
  return 0;
}

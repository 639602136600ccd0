// libFuzzer harness for the TaskJuggler (.tjp) text reader: any input must return (an error or a
// plan with diagnostics) without crashing, hanging or leaking. Includes are not followed (text
// input without a directory).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/tjp/tjp_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Diagnostics diags;
  cairn::io::TjpReadOptions options;
  options.max_file_bytes = size_t{1} << 20;
  auto plan = cairn::io::read_tjp_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                       "fuzz.tjp", diags, options);
  (void)plan;
  return 0;
}

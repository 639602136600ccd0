// libFuzzer harness for the PSPLIB readers (`.sm` instances and reference tables, `cairn bench
// psplib`): any bytes must give an instance or an Error, never a crash, a hang or a sanitizer
// report. The first byte picks the reader. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "rcpsp/psplib.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1)
    (void)cairn::rcpsp::parse_psplib_reference(text, "fuzz.csv");
  else
    (void)cairn::rcpsp::parse_psplib(text, "fuzz.sm");
  return 0;
}

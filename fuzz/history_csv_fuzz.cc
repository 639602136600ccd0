// libFuzzer harness for the issue-history CSV reader (`cairn flow`, `cairn backtest`): any bytes
// must give a history or an Error, never a crash, a hang or a sanitizer report. The first byte
// picks the columns asked for (the defaults, or the shared rueedlinger export's with a group), so
// both paths of the column lookup are fuzzed. Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/history/history_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  cairn::io::HistoryCsvOptions options;
  if (data[0] & 1) {
    options.created = "created_date";
    options.resolved = "finished_date";
    options.group = "project";
  }
  if (data[0] & 2) options.delimiter = ';';
  cairn::Diagnostics diags;
  (void)cairn::io::read_history_csv(
      std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), "fuzz.csv", options,
      diags);
  return 0;
}

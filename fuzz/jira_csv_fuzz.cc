// libFuzzer harness for the Jira CSV reader (and the CSV parser under it): any bytes must give a
// Program or an Error, never a crash, a hang or a sanitizer report. What imports must also export
// to every format without trouble, unless the import reported an error (`cairn convert` then
// exports nothing: exit 2). Built and run by `make fuzz`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/csv/items_csv.h"
#include "io/ical/ical.h"
#include "io/import.h"
#include "io/mspdi/mspdi.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::Diagnostics diags;
  auto r = cairn::io::import_text(std::string_view(reinterpret_cast<const char*>(data), size),
                                  "fuzz.csv", cairn::io::ImportFormat::kJiraCsv, {}, diags);
  if (r && !diags.has_errors()) {  // as `cairn convert`: an import with errors exports nothing
    (void)cairn::io::write_items_csv(r->program);
    (void)cairn::io::write_ical(r->program);
    (void)cairn::io::write_mspdi(r->program);
  }
  return 0;
}

#include "server/views.h"

#include "analysis/summary.h"
#include "report/summary.h"

namespace cairn::server {

const std::vector<View>& views() {
  static const std::vector<View> all = {
      {"summary",
       [](const Program& p) {
         return report::summary_json(report::header_of(p), analysis::summarize(p));
       }},
  };
  return all;
}

const View* find_view(std::string_view name) {
  for (const auto& v : views())
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace cairn::server

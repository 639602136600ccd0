#include "server/views.h"

#include "analysis/summary.h"
#include "forecast/program_forecast.h"
#include "report/forecast.h"
#include "report/summary.h"

namespace cairn::server {

const std::vector<View>& views() {
  static const std::vector<View> all = {
      {"summary",
       [](const Program& p) -> Result<report::Json> {
         return report::summary_json(report::header_of(p), analysis::summarize(p));
       }},
      {"forecast",
       [](const Program& p) -> Result<report::Json> {
         Diagnostics diags;
         auto f = forecast::forecast_program(p, {}, diags);  // 10,000 trials, seed 1
         if (!f) return std::unexpected(f.error());
         return report::forecast_json(report::header_of(p, f->as_of), *f, diags);
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

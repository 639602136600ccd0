// The computed views a program serves at /api/v1/programs/{program}/{view}: one registry, so a new
// view is one line in views.cc.
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "model/program.h"
#include "report/document.h"

namespace cairn::server {

struct View {
  std::string_view name;  // the path segment, e.g. "summary"
  // The document; an Error (e.g. a dependency cycle) becomes a 422 problem.
  std::function<Result<report::Json>(const Program&)> make;
};

const std::vector<View>& views();
// The view of that name; nullptr when there is none.
const View* find_view(std::string_view name);

}  // namespace cairn::server

// The computed views a program serves at /api/v1/programs/{program}/{view}: one registry, so a new
// view is one entry in views.cc (the route table, the OpenAPI document and the cache follow it).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include <string>

#include "analysis/whatif.h"
#include "base/error.h"
#include "model/program.h"
#include "store/store.h"

namespace cairn::server {

// What a view may read besides the program: the what-if's edits (from its query string), and the
// store the program came from with its key, for what the store remembers of its past (baselines,
// forecast snapshots: store/history.h). `store` is null when there is none.
struct ViewArgs {
  std::vector<analysis::Edit> edits;
  store::Store* store = nullptr;
  std::string program;
};

struct View {
  std::string_view name;     // the path segment, e.g. "summary"
  std::string_view schema;   // its document's schema: schema/report/<schema>.schema.json
  std::string_view summary;  // one line for the OpenAPI document
  // true: a function of the program alone, computed once per revision (server/view_cache.h);
  // false: depends on the request (whatif) or on the store's history, computed per request.
  bool cached = true;
  // The document's JSON text; an Error (e.g. a dependency cycle) becomes a 422 problem.
  std::function<Result<std::string>(const Program&, const ViewArgs&)> make;
  // false: reads only the store's history (baselines, snapshots), so it gets a program with only
  // its key and name, not its entities (uncached views only).
  bool whole_program = true;
};

const std::vector<View>& views();
// The view of that name; nullptr when there is none.
const View* find_view(std::string_view name);

}  // namespace cairn::server

// GET /api/v1/openapi.json: an OpenAPI 3.1 document generated from the route table
// (server/routes.h), so it names every route; each view's 200 response refers to its report
// schema by the schema's $id (https://cairn.invalid/schema/report/NAME.schema.json, the files in
// schema/report/). Thread-safe (pure).
#pragma once

#include <nlohmann/json.hpp>

namespace cairn::server {

nlohmann::ordered_json openapi_document();

}  // namespace cairn::server

#include "server/openapi.h"

#include "base/version.h"
#include "server/routes.h"

namespace cairn::server {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchemaBase = "https://cairn.invalid/schema/report/";

Json parameters(const Route& r) {
  Json out = Json::array();
  for (size_t open = r.path.find('{'); open != std::string::npos;
       open = r.path.find('{', open + 1)) {
    const std::string name = r.path.substr(open + 1, r.path.find('}', open) - open - 1);
    Json schema = {{"type", "string"}};
    if (name == "collection") {
      Json names = Json::array();
      for (std::string_view rest = r.collections; !rest.empty();) {
        const size_t comma = rest.find(',');
        names.push_back(std::string(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
      schema["enum"] = names;
    }
    out.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", schema}});
  }
  return out;
}

Json operation(const Route& r) {
  Json op = {{"summary", r.summary}, {"operationId", r.method + " " + r.path}};
  if (auto params = parameters(r); !params.empty()) op["parameters"] = params;
  Json ok = {{"description", "OK"}};
  if (!r.schema.empty())
    ok["content"] = {
        {"application/json", {{"schema", {{"$ref", kSchemaBase + r.schema + ".schema.json"}}}}}};
  else
    ok["content"] = {{"application/json", {{"schema", {{"type", "object"}}}}}};
  if (r.handler == Handler::kMetrics)
    ok["content"] = {{"text/plain", {{"schema", {{"type", "string"}}}}}};
  Json problem = {{"description", "An RFC 9457 problem"},
                  {"content", {{"application/problem+json", {{"schema", {{"type", "object"}}}}}}}};
  op["responses"] = {{"200", ok}, {"default", problem}};
  if (r.scope == Scope::kAnonymous)
    op["security"] = Json::array();
  else
    op["x-cairn-min-role"] = to_string(r.min_role);
  return op;
}

}  // namespace

Json openapi_document() {
  Json paths = Json::object();
  for (const auto& r : routes()) {
    std::string method = r.method;
    for (auto& ch : method)
      ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    paths[r.path][method] = operation(r);
  }
  return {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Cairn API"},
        {"version", std::string(cairn_version())},
        {"description",
         "Programs, their entities and computed views (docs/server.md). Bearer tokens from "
         "`cairn token create`; x-cairn-min-role is the least role a route needs."}}},
      {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", Json::array({{{"bearer", Json::array()}}})},
      {"paths", paths},
  };
}

}  // namespace cairn::server

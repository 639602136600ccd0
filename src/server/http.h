// What the server's files share (internal to src/server): the request being answered, problem
// documents, JSON responses, ETags and the per-thread store connection.
#pragma once

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/error.h"
#include "server/access.h"
#include "server/request_parse.h"
#include "server/routes.h"
#include "store/store.h"

namespace cairn::server {

using Json = nlohmann::ordered_json;

// One request on its way through the route table.
struct Call {
  const httplib::Request& req;
  httplib::Response& res;
  const Route& route;
  std::map<std::string, std::string> params;  // the path's {program}, {collection}, {key}
  Params query;
  Principal who;
  std::string audit_detail;  // what a write changed, for the audit log
  const std::string& param(const std::string& name) const { return params.at(name); }
};

// RFC 9457 problem details; `param` names the bad field, header or query parameter.
void problem(httplib::Response& res, int status, const std::string& title,
             const std::string& detail, const std::string& param = {}, Json extra = Json::object());
inline void problem(httplib::Response& res, const BadRequest& b) {
  problem(res, b.status, b.title, b.detail, b.param);
}
void send_json(httplib::Response& res, const Json& body, int status = 200);
// JSON text; invalid UTF-8 (from a request echoed back) becomes U+FFFD instead of throwing.
std::string dump(const Json& j);
// `s` with every byte sequence that is not UTF-8 replaced by U+FFFD (for the audit log and the
// server's own log: PostgreSQL refuses text that is not UTF-8).
std::string utf8_safe(const std::string& s);
// A store Error as a problem: 404 (no program), 412 (conflict), 503 (busy), 422 (invalid), else
// 500.
void store_error(httplib::Response& res, const Error& e);
inline std::string etag(int64_t version) {
  return "\"" + std::to_string(version) + "\"";
}

// Each worker thread keeps its own store connection (a Store is one connection).
class StorePool {
 public:
  explicit StorePool(std::string db) : db_(std::move(db)) {}
  Result<store::Store*> get();
  const std::string& location() const { return db_; }

 private:
  std::string db_;
};

}  // namespace cairn::server

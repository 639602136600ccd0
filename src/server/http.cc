#include "server/http.h"

#include "base/codes.h"
#include "server/metrics.h"

namespace cairn::server {

std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string utf8_safe(const std::string& s) {
  return Json::parse(dump(Json(s))).get<std::string>();
}

void problem(httplib::Response& res, int status, const std::string& title,
             const std::string& detail, const std::string& param, Json extra) {
  Json p = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!param.empty()) p["param"] = param;
  for (auto& [k, v] : extra.items())
    p[k] = v;
  res.status = status;
  res.set_content(dump(p), "application/problem+json");
}

void send_json(httplib::Response& res, const Json& body, int status) {
  res.status = status;
  res.set_content(dump(body), "application/json");
}

void store_error(httplib::Response& res, const Error& e) {
  int status = 500;
  if (e.code == codes::kProgramNotFound) status = 404;
  if (e.code == codes::kConflict) status = 412;
  if (e.code == codes::kStoreBusy) status = 503;
  if (e.code == codes::kInvalidResult) status = 422;  // the program would be invalid
  if (status >= 500) metrics().store_error();
  Json extra = {{"code", e.code}};
  if (!e.where.pointer.empty()) extra["pointer"] = e.where.pointer;
  problem(res, status, status == 422 ? "Invalid entity" : "Store error", e.message, {}, extra);
}

Result<store::Store*> StorePool::get() {
  thread_local std::unique_ptr<store::Store> s;
  if (!s) {
    auto opened = store::Store::open(db_, {.create = false});
    if (!opened) {
      metrics().store_error();
      return std::unexpected(opened.error());
    }
    s = std::move(*opened);
  }
  return s.get();
}

}  // namespace cairn::server

#include "report/document.h"

#include <cmath>

#include "base/version.h"

namespace cairn::report {

Header header_of(const Program& p, std::optional<Date> as_of,
                 std::optional<DateTime> generated_at) {
  return Header{p.key, p.name, as_of ? as_of : p.as_of, generated_at};
}

Json document(std::string_view kind, const Header& h) {
  Json j;
  j["document"] = kind;
  j["cairn_version"] = cairn_version();
  j["program"] = h.program_key.empty() ? Json(nullptr)
                                       : Json{{"key", h.program_key}, {"name", h.program_name}};
  j["as_of"] = date_or_null(h.as_of);
  if (h.generated_at) j["generated_at"] = h.generated_at->to_string();
  return j;
}

Json diagnostic_json(const Diagnostic& d) {
  Json o;
  o["severity"] = to_string(d.severity);
  o["id"] = d.id;
  o["message"] = d.message;
  o["file"] = d.where.file;
  o["line"] = d.where.line;
  o["column"] = d.where.column;
  if (!d.where.pointer.empty()) o["pointer"] = d.where.pointer;
  o["hint"] = d.hint;
  return o;
}

Json diagnostics_json(const Diagnostics& diags) {
  Json arr = Json::array();
  for (const auto& d : diags.items())
    arr.push_back(diagnostic_json(d));
  return arr;
}

double rounded(double v, int digits) {
  double scale = std::pow(10.0, digits);
  return std::round(v * scale) / scale;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

Json date_or_null(const std::optional<Date>& d) {
  return d ? Json(d->to_string()) : Json(nullptr);
}

Json number_or_null(const std::optional<double>& v) {
  return v ? Json(*v) : Json(nullptr);
}

}  // namespace cairn::report

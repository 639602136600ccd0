// A thin field writer over RapidJSON's pretty writer, for documents too large to build as a DOM
// (the schedule). Each field is one call: field("start", date), field("slack", 1.5). Not
// thread-safe; one per output.
#pragma once

#include <cmath>
#include <optional>
#include <ostream>
#include <string_view>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "base/date.h"
#include "report/document.h"

namespace cairn::report {

class JsonStream {
 public:
  explicit JsonStream(size_t reserve) {
    buf_.Reserve(reserve);
    w_.SetIndent(' ', 2);
  }
  void begin_object(std::string_view k = {}) {
    key_if(k);
    w_.StartObject();
  }
  void end_object() { w_.EndObject(); }
  void begin_array(std::string_view k = {}) {
    key_if(k);
    w_.StartArray();
  }
  void end_array() { w_.EndArray(); }

  void field(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  void field(std::string_view k, const char* v) { field(k, std::string_view(v)); }
  void field(std::string_view k, const std::string& v) { field(k, std::string_view(v)); }
  void field(std::string_view k, double v) {
    key(k);
    number(v);
  }
  void field(std::string_view k, int v) {
    key(k);
    w_.Int(v);
  }
  void field(std::string_view k, bool v) {
    key(k);
    w_.Bool(v);
  }
  // A date or time when `have`, else null.
  template <typename D>
  void field(std::string_view k, bool have, const D& d) {
    key(k);
    if (have)
      str(d.to_string());
    else
      w_.Null();
  }
  void field(std::string_view k, const std::optional<Date>& d) { field(k, d.has_value(), *d); }
  void null_field(std::string_view k) {
    key(k);
    w_.Null();
  }
  void str(std::string_view v) { w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size())); }
  // A number; null when not finite (RapidJSON writes nothing for NaN or infinity, which would
  // leave the document invalid).
  void number(double v) {
    if (std::isfinite(v))
      w_.Double(v);
    else
      w_.Null();
  }
  // Writes a DOM value (the header, the diagnostics) into the stream, or as a field.
  void value(const Json& v);
  void field(std::string_view k, const Json& v) {
    key(k);
    value(v);
  }
  // Writes each member of the object `v` as a field of the open object.
  void members(const Json& v);

  void write_to(std::ostream& out) {
    out.write(buf_.GetString(), static_cast<std::streamsize>(buf_.GetSize()));
    out << "\n";
  }

 private:
  void key(std::string_view k) { w_.Key(k.data(), static_cast<rapidjson::SizeType>(k.size())); }
  void key_if(std::string_view k) {
    if (!k.empty()) key(k);
  }
  rapidjson::StringBuffer buf_;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w_{buf_};
};

}  // namespace cairn::report

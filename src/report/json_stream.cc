#include "report/json_stream.h"

namespace cairn::report {

void JsonStream::value(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      w_.Null();
      break;
    case Json::value_t::boolean:
      w_.Bool(v.get<bool>());
      break;
    case Json::value_t::number_integer:
      w_.Int64(v.get<int64_t>());
      break;
    case Json::value_t::number_unsigned:
      w_.Uint64(v.get<uint64_t>());
      break;
    case Json::value_t::number_float:
      number(v.get<double>());
      break;
    case Json::value_t::string:
      str(v.get_ref<const std::string&>());
      break;
    case Json::value_t::array:
      w_.StartArray();
      for (const auto& x : v)
        value(x);
      w_.EndArray();
      break;
    case Json::value_t::object:
      w_.StartObject();
      members(v);
      w_.EndObject();
      break;
    case Json::value_t::binary:
      w_.Null();
      break;
  }
}

void JsonStream::members(const Json& v) {
  for (auto it = v.begin(); it != v.end(); ++it)
    field(it.key(), it.value());
}

}  // namespace cairn::report

// Text names of the model's enums, as the plan file and every output spell them.
// parse_enum<E>("in-progress") gives the value or nullopt; enum_names<E>() lists the accepted names
// (for hints). Also accepts underscores for dashes and any case. Thread-safe (constant tables).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/dependency.h"
#include "model/milestone.h"
#include "model/risk.h"
#include "model/shift.h"
#include "model/status.h"
#include "model/team.h"
#include "model/work_item.h"

namespace cairn {

template <typename E>
std::span<const char* const> enum_names();

const char* to_string(LagUnit u);  // "working-days", "calendar-days"

template <typename E>
std::optional<E> parse_enum(std::string_view text) {
  std::string norm;
  for (char c : text) {
    char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    norm += (l == '_' || l == ' ') ? '-' : l;
  }
  auto names = enum_names<E>();
  for (size_t i = 0; i < names.size(); ++i)
    if (norm == names[i]) return static_cast<E>(i);
  return std::nullopt;
}

// "a, b or c": the accepted names, for messages.
template <typename E>
std::string enum_choices() {
  std::string out;
  auto names = enum_names<E>();
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace cairn

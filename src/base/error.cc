#include "base/error.h"

#include <fmt/format.h>

namespace cairn {

std::string Location::to_string() const {
  std::string out = file;
  if (line > 0) {
    out += out.empty() ? fmt::format("line {}", line) : fmt::format(":{}", line);
    if (column > 0) out += fmt::format(":{}", column);
  }
  if (out.empty()) return pointer;
  return out;
}

std::string Error::to_string() const {
  std::string out;
  std::string at = where.to_string();
  if (!at.empty()) out = at + ": ";
  out += message;
  if (!code.empty()) out += fmt::format(" ({})", code);
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

}  // namespace cairn

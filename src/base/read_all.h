// Reading a whole stream into a string in large blocks (istreambuf_iterator goes a character at a
// time, which cost ~3 ms per MB of plan text).
#pragma once

#include <istream>
#include <string>

namespace cairn {

// Appends everything left in `in` to a new string; `size_hint` (e.g. the file size) reserves it.
// `in.bad()` tells a read error afterwards.
inline std::string read_all(std::istream& in, size_t size_hint = 0) {
  std::string text;
  text.reserve(size_hint);
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0)
    text.append(buf, static_cast<size_t>(in.gcount()));
  return text;
}

}  // namespace cairn

// Error values that cross module boundaries.
//
// An Error has a stable machine-readable code (`unknown-team`, `invalid-yaml`, ...), a message a
// person can act on, an optional hint that says how to fix it, and where it happened. Result<T> is
// std::expected<T, Error>. Value types; thread-compatible.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace cairn {

// Where something happened: a file position (1-based line and column; 0 when unknown) and/or a
// JSON pointer into a document (`/items/3/estimate`).
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;

  bool empty() const { return file.empty() && line == 0 && pointer.empty(); }
  // "file:line:column", "file:line", "file" or the pointer; empty when nothing is known.
  std::string to_string() const;
  friend bool operator==(const Location&, const Location&) = default;
};

struct Error {
  std::string code;
  std::string message;
  Location where;
  std::string hint;

  // "file:line:column: message (code)" followed by "  hint: ..." when there is a hint.
  std::string to_string() const;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> make_error(std::string code, std::string message, Location where = {},
                                         std::string hint = {}) {
  return std::unexpected<Error>(
      Error{std::move(code), std::move(message), std::move(where), std::move(hint)});
}

}  // namespace cairn

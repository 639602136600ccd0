// Diagnostics: the findings a reader or an engine reports without stopping.
//
// Each diagnostic has a severity, a stable id that tests and scripts check (`dependency-cycle`,
// `person-overallocated`), a message, where it happened and a hint that says how to fix it. A
// Diagnostics sink is passed in explicitly; there is no global one. Not thread-safe: give each
// thread its own and merge.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"

namespace cairn {

enum class Severity { kError, kWarning, kInfo };

// Up to `most` of `names` joined by ", ", then ", ..." when there are more: the items a
// diagnostic names without drowning its message.
template <typename Names>
std::string some_names(const Names& names, size_t most = 5) {
  std::string out;
  size_t k = 0;
  for (const auto& name : names) {
    if (k == most) {
      out += ", ...";
      break;
    }
    if (k++) out += ", ";
    out += name;
  }
  return out;
}

const char* to_string(Severity s);

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string id;
  std::string message;
  Location where;
  std::string hint;
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string id, std::string message, Location where = {}, std::string hint = {});
  void warning(std::string id, std::string message, Location where = {}, std::string hint = {});
  void info(std::string id, std::string message, Location where = {}, std::string hint = {});
  void add_error(const Error& e) { error(e.code, e.message, e.where, e.hint); }
  void merge(const Diagnostics& other);

  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::kError) > 0; }
  // Whether any diagnostic has this id.
  bool has(const std::string& id) const;
  // Orders by file, line, column, then severity and id: the order people read them in.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:col: error: message [id]\n  hint: ..." — one diagnostic, as `cairn check` prints it.
std::string format_diagnostic(const Diagnostic& d);

}  // namespace cairn

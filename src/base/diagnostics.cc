#include "base/diagnostics.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

namespace cairn {

const char* to_string(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

void Diagnostics::error(std::string id, std::string message, Location where, std::string hint) {
  add({Severity::kError, std::move(id), std::move(message), std::move(where), std::move(hint)});
}
void Diagnostics::warning(std::string id, std::string message, Location where, std::string hint) {
  add({Severity::kWarning, std::move(id), std::move(message), std::move(where), std::move(hint)});
}
void Diagnostics::info(std::string id, std::string message, Location where, std::string hint) {
  add({Severity::kInfo, std::move(id), std::move(message), std::move(where), std::move(hint)});
}

void Diagnostics::merge(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

size_t Diagnostics::count(Severity s) const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [s](const Diagnostic& d) { return d.severity == s; }));
}

bool Diagnostics::has(const std::string& id) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Diagnostic& d) { return d.id == id; });
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.file, a.where.line, a.where.column, a.severity, a.id) <
           std::tie(b.where.file, b.where.line, b.where.column, b.severity, b.id);
  });
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out;
  std::string at = d.where.to_string();
  if (!at.empty()) out = at + ": ";
  out += fmt::format("{}: {} [{}]", to_string(d.severity), d.message, d.id);
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

}  // namespace cairn

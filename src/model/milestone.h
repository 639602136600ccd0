// A milestone: a deadline that a set of work items must meet, with quality gates that must hold
// when it is reached. An item in `items` that is an epic brings all its descendants. Value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"

namespace cairn {

enum class Comparison { kLess, kLessEqual, kEqual, kGreaterEqual, kGreater };

// "open_bugs <= 0", "test_coverage >= 80": a metric that must compare to a threshold.
struct QualityGate {
  std::string metric;
  Comparison comparison = Comparison::kLessEqual;
  double threshold = 0;
  std::optional<double> actual;  // last measured value, when known
  bool holds(double value) const;
  friend bool operator==(const QualityGate&, const QualityGate&) = default;
};

struct Milestone {
  std::string key;
  std::string name;
  std::optional<Date> deadline;
  std::vector<WorkItemId> items;
  std::vector<QualityGate> gates;
  friend bool operator==(const Milestone&, const Milestone&) = default;
};

const char* to_string(Comparison c);  // "<", "<=", "==", ">=", ">"
std::optional<Comparison> parse_comparison(const std::string& text);

}  // namespace cairn

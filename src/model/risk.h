// A risk: something that may happen (probability 0..1) and, if it does, delays what it is linked to
// by a three-point schedule impact (working days) and costs money (currency units). Open risks fire
// in forecasts; mitigated and closed ones do not. Value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"
#include "model/work_item.h"

namespace cairn {

enum class RiskStatus { kOpen, kMitigated, kClosed, kOccurred };

struct Risk {
  std::string key;
  std::string title;
  double probability = 0;               // 0..1
  std::optional<ThreePoint> impact;     // working days of delay when it fires
  double cost_impact = 0;               // currency units when it fires
  std::vector<WorkItemId> items;        // what it delays
  std::vector<MilestoneId> milestones;  // what it delays directly
  PersonId owner;
  std::string mitigation;
  std::optional<Date> trigger_date;  // when we will know
  RiskStatus status = RiskStatus::kOpen;
  friend bool operator==(const Risk&, const Risk&) = default;
};

const char* to_string(RiskStatus s);

}  // namespace cairn

// The program's budget: the total approved, and the planned spend by period (cumulative spend is
// the planned value curve for earned value). Amounts in the program's currency. Value type.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"

namespace cairn {

struct PlannedSpend {
  Date period_end;  // spend planned up to and including this date, for its period
  double amount = 0;
  friend bool operator==(const PlannedSpend&, const PlannedSpend&) = default;
};

struct ActualSpend {
  Date period_end;
  double amount = 0;
  friend bool operator==(const ActualSpend&, const ActualSpend&) = default;
};

struct Budget {
  double total = 0;
  std::vector<PlannedSpend> planned;  // by period, in date order
  std::vector<ActualSpend> actual;    // by period, in date order
  friend bool operator==(const Budget&, const Budget&) = default;
};

}  // namespace cairn

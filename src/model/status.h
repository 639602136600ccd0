// The program's communication record: status updates (RAG with summary and blockers), decisions and
// action items. Value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/ids.h"

namespace cairn {

enum class Rag { kGreen, kAmber, kRed };
enum class DecisionStatus { kProposed, kAccepted, kRejected, kSuperseded };

struct StatusUpdate {
  Date date;
  PersonId author;
  TeamId team;  // invalid: the whole program
  Rag rag = Rag::kGreen;
  std::string summary;
  std::vector<std::string> blockers;
  friend bool operator==(const StatusUpdate&, const StatusUpdate&) = default;
};

struct Decision {
  std::string key;
  Date date;
  PersonId owner;
  std::string text;
  DecisionStatus status = DecisionStatus::kProposed;
  friend bool operator==(const Decision&, const Decision&) = default;
};

struct ActionItem {
  std::string key;
  std::string text;
  PersonId owner;
  std::optional<Date> due;
  bool done = false;
  friend bool operator==(const ActionItem&, const ActionItem&) = default;
};

const char* to_string(Rag r);  // "green", "amber", "red"
const char* to_string(DecisionStatus s);

}  // namespace cairn

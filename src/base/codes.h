// The vocabulary of problems: every Error code and every Diagnostic id Cairn uses, in one registry.
//
// Each entry is a stable, kebab-case string that scripts and tests may check (`dependency-cycle`,
// `file-not-found`). docs/diagnostics.md explains each one and how to fix it; tests/codes_test.py
// fails when an id is registered but not documented, or used in src/ but not registered. Use the
// constants (`codes::kConflict`) rather than the spelling when comparing.
//
// `unusable` marks the problems that make an input unusable as a whole (not found, not text, not
// parseable): the command line exits 2 for them instead of 1 (docs/cli.md). Constants only;
// thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace cairn::codes {

// X(constant, "id", unusable)
#define CAIRN_CODES(X)                                                       \
  /* Reading files */                                                        \
  X(kFileNotFound, "file-not-found", true)                                   \
  X(kUnreadableFile, "unreadable-file", true)                                \
  X(kBinaryInput, "binary-input", true)                                      \
  X(kInvalidUtf8, "invalid-utf8", true)                                      \
  X(kFileTooLarge, "file-too-large", true)                                   \
  X(kNestingTooDeep, "nesting-too-deep", true)                               \
  X(kUnknownFormat, "unknown-format", true)                                  \
  X(kUsage, "usage", true)                                                   \
  X(kInvalidOption, "invalid-option", false)                                 \
  X(kInvalidOptions, "invalid-options", false)                               \
  /* The YAML / JSON plan */                                                 \
  X(kInvalidYaml, "invalid-yaml", true)                                      \
  X(kInvalidJson, "invalid-json", false)                                     \
  X(kIncludeNotFound, "include-not-found", true)                             \
  X(kIncludeCycle, "include-cycle", true)                                    \
  X(kIncludeTooDeep, "include-too-deep", false)                              \
  X(kMissingProgram, "missing-program", false)                               \
  X(kNotCanonical, "not-canonical", false)                                   \
  X(kMissingField, "missing-field", false)                                   \
  X(kUnknownField, "unknown-field", false)                                   \
  X(kDuplicateField, "duplicate-field", false)                               \
  X(kDuplicateKey, "duplicate-key", false)                                   \
  X(kWrongType, "wrong-type", false)                                         \
  X(kInvalidValue, "invalid-value", false)                                   \
  X(kInvalidDate, "invalid-date", false)                                     \
  X(kInvalidNumber, "invalid-number", false)                                 \
  X(kInvalidRange, "invalid-range", false)                                   \
  X(kInvalidKind, "invalid-kind", false)                                     \
  X(kInvalidProbability, "invalid-probability", false)                       \
  X(kInvalidAllocation, "invalid-allocation", false)                         \
  X(kInvalidEfficiency, "invalid-efficiency", false)                         \
  X(kEffortWithoutEffortPeople, "effort-without-effort-people", false)       \
  X(kAllocationLooksLikeFraction, "allocation-looks-like-fraction", false)   \
  X(kNegativeEstimate, "negative-estimate", false)                           \
  X(kNegativeCost, "negative-cost", false)                                   \
  X(kEstimateOrder, "estimate-order", false)                                 \
  X(kValueTooLarge, "value-too-large", true)                                 \
  X(kDateOutOfRange, "date-out-of-range", true)                              \
  X(kUnknownTeam, "unknown-team", false)                                     \
  X(kUnknownPerson, "unknown-person", false)                                 \
  X(kUnknownItem, "unknown-item", false)                                     \
  X(kUnknownMilestone, "unknown-milestone", false)                           \
  X(kUnknownReference, "unknown-reference", false)                           \
  X(kUnknownParent, "unknown-parent", false)                                 \
  X(kUnknownLinkTarget, "unknown-link-target", false)                        \
  X(kLinkTypeIgnored, "link-type-ignored", false)                            \
  /* Semantic checks of the model (model/validate.h) */                      \
  X(kDependencyCycle, "dependency-cycle", false)                             \
  X(kSelfDependency, "self-dependency", false)                               \
  X(kDuplicateDependency, "duplicate-dependency", false)                     \
  X(kParentCycle, "parent-cycle", false)                                     \
  X(kItemWithoutTeam, "item-without-team", false)                            \
  X(kAssigneeNotInTeam, "assignee-not-in-team", false)                       \
  X(kTeamWithoutPeople, "team-without-people", false)                        \
  X(kTeamMembershipConflict, "team-membership-conflict", false)              \
  X(kPersonWithoutTime, "person-without-time", false)                        \
  X(kOverlappingShifts, "overlapping-shifts", false)                         \
  X(kEmptyCalendar, "empty-calendar", false)                                 \
  X(kWorkflowWithoutDone, "workflow-without-done", false)                    \
  X(kInvalidWipLimit, "invalid-wip-limit", false)                            \
  X(kStateNotInWorkflow, "state-not-in-workflow", false)                     \
  X(kStateHistoryMismatch, "state-history-mismatch", false)                  \
  X(kHistoryStateNotInWorkflow, "history-state-not-in-workflow", false)      \
  X(kHistoryOutOfOrder, "history-out-of-order", false)                       \
  X(kHistoryAfterAsOf, "history-after-as-of", false)                         \
  X(kStartedWithoutDate, "started-without-date", false)                      \
  X(kDoneWithoutDates, "done-without-dates", false)                          \
  X(kRemainingOnDoneItem, "remaining-on-done-item", false)                   \
  X(kRemainingAssumed, "remaining-assumed", false)                           \
  X(kEstimateFromPace, "estimate-from-pace", false)                          \
  X(kBookingOnEpic, "booking-on-epic", false)                                \
  X(kBookingAfterAsOf, "booking-after-as-of", false)                         \
  X(kMilestoneWithoutItems, "milestone-without-items", false)                \
  X(kDeadlineBeforeStart, "deadline-before-start", false)                    \
  X(kSprintOfKanbanTeam, "sprint-of-kanban-team", false)                     \
  X(kSprintItemOtherTeam, "sprint-item-other-team", false)                   \
  X(kSprintDatesGuessed, "sprint-dates-guessed", false)                      \
  X(kOverlappingSprints, "overlapping-sprints", false)                       \
  X(kBudgetPeriodsOutOfOrder, "budget-periods-out-of-order", false)          \
  /* TaskJuggler (.tjp) */                                                   \
  X(kTjpSyntax, "tjp-syntax", true)                                          \
  X(kTjpNoProject, "tjp-no-project", true)                                   \
  X(kTjpUnsupported, "tjp-unsupported", false)                               \
  X(kTjpWorkingHoursReset, "tjp-working-hours-reset", false)                 \
  X(kTjpWorkingHoursSlots, "tjp-working-hours-slots", false)                 \
  X(kTjpDuplicateId, "tjp-duplicate-id", false)                              \
  X(kTjpBadDate, "tjp-bad-date", false)                                      \
  X(kTjpUnknownTask, "tjp-unknown-task", false)                              \
  X(kTjpUnknownResource, "tjp-unknown-resource", false)                      \
  X(kTjpUnknownShift, "tjp-unknown-shift", false)                            \
  X(kTjpUnknownScenario, "tjp-unknown-scenario", false)                      \
  X(kTjpUndefinedMacro, "tjp-undefined-macro", false)                        \
  X(kTjpMacroRecursion, "tjp-macro-recursion", false)                        \
  X(kTjpMacroTooLarge, "tjp-macro-too-large", false)                         \
  X(kTjpNestingTooDeep, "tjp-nesting-too-deep", false)                       \
  X(kTjpTooManyErrors, "tjp-too-many-errors", false)                         \
  /* MS Project XML (MSPDI) */                                               \
  X(kInvalidXml, "invalid-xml", false)                                       \
  X(kNotMspdi, "not-mspdi", false)                                           \
  X(kInvalidMspdi, "invalid-mspdi", false)                                   \
  X(kMspdiConstraintIgnored, "mspdi-constraint-ignored", false)              \
  X(kMspdiCrossProjectLink, "mspdi-cross-project-link", false)               \
  X(kMspdiPercentLag, "mspdi-percent-lag", false)                            \
  X(kMspdiResourceSkipped, "mspdi-resource-skipped", false)                  \
  X(kMspdiUnitsCapped, "mspdi-units-capped", false)                          \
  X(kMspdiWorkWeeksIgnored, "mspdi-work-weeks-ignored", false)               \
  X(kMspdiWorkingExceptionIgnored, "mspdi-working-exception-ignored", false) \
  /* Jira CSV, GitHub JSON, issue histories */                               \
  X(kInvalidCsv, "invalid-csv", false)                                       \
  X(kMissingColumn, "missing-column", false)                                 \
  X(kInvalidGithubJson, "invalid-github-json", false)                        \
  X(kGithubPullRequestSkipped, "github-pull-request-skipped", false)         \
  X(kHistoryMissingColumn, "history-missing-column", false)                  \
  X(kHistoryBadDate, "history-bad-date", false)                              \
  X(kHistoryResolvedBeforeCreated, "history-resolved-before-created", false) \
  X(kEmptyHistory, "empty-history", false)                                   \
  /* Scheduling */                                                           \
  X(kInvalidResolution, "invalid-resolution", false)                         \
  X(kItemUnschedulable, "item-unschedulable", false)                         \
  X(kScheduleBeyondHorizon, "schedule-beyond-horizon", true)                 \
  X(kItemWithoutEstimate, "item-without-estimate", false)                    \
  X(kNoCandidate, "no-candidate", false)                                     \
  X(kDeadlineMissed, "deadline-missed", false)                               \
  X(kDeadlineImpossible, "deadline-impossible", false)                       \
  X(kBeyondProjectEnd, "beyond-project-end", false)                          \
  X(kFinishBoundMissed, "finish-bound-missed", false)                        \
  X(kAlapBeforeForward, "alap-before-forward", false)                        \
  X(kInvalidPreviousSchedule, "invalid-previous-schedule", true)             \
  X(kPreviousItemUnknown, "previous-item-unknown", false)                    \
  /* Forecasting */                                                          \
  X(kInvalidNetwork, "invalid-network", false)                               \
  X(kForecastCycle, "forecast-cycle", false)                                 \
  X(kForecastPersonOrderCycle, "forecast-person-order-cycle", false)         \
  X(kForecastNoSchedule, "forecast-no-schedule", false)                      \
  X(kForecastNoVelocity, "forecast-no-velocity", false)                      \
  X(kForecastEstimateOrder, "forecast-estimate-order", false)                \
  X(kForecastUnestimated, "forecast-unestimated", false)                     \
  X(kForecastStreamTruncated, "forecast-stream-truncated", false)            \
  /* PSPLIB / RCPSP */                                                       \
  X(kInvalidPsplib, "invalid-psplib", false)                                 \
  X(kInvalidPsplibReference, "invalid-psplib-reference", false)              \
  X(kPsplibReferenceConflict, "psplib-reference-conflict", false)            \
  X(kInvalidRcpsp, "invalid-rcpsp", false)                                   \
  X(kInvalidRcpspOptions, "invalid-rcpsp-options", false)                    \
  X(kRcpspCycle, "rcpsp-cycle", false)                                       \
  X(kRcpspTooLarge, "rcpsp-too-large", false)                                \
  X(kRcpspDemandExceedsCapacity, "rcpsp-demand-exceeds-capacity", false)     \
  /* The store */                                                            \
  X(kConflict, "conflict", false)                                            \
  X(kStoreNotFound, "store-not-found", false)                                \
  X(kStoreOpenFailed, "store-open-failed", false)                            \
  X(kStoreTooNew, "store-too-new", false)                                    \
  X(kStoreCorrupt, "store-corrupt", false)                                   \
  X(kStoreBusy, "store-busy", false)                                         \
  X(kStoreError, "store-error", false)                                       \
  X(kStorePluginMissing, "store-plugin-missing", false)                      \
  X(kServerPluginMissing, "server-plugin-missing", false)                    \
  X(kProgramNotFound, "program-not-found", false)                            \
  X(kAmbiguousProgram, "ambiguous-program", false)                           \
  X(kInvalidResult, "invalid-result", false)                                 \
  X(kBaselineNotFound, "baseline-not-found", false)                          \
  X(kWebhookNotFound, "webhook-not-found", false)                            \
  X(kWebhookExists, "webhook-exists", false)                                 \
  X(kWebhookSignature, "webhook-signature", false)                           \
  X(kWebhookPayload, "webhook-payload", false)                               \
  /* Backtests */                                                            \
  X(kNoBacktestHistory, "no-backtest-history", false)                        \
  /* Flow, sprints, earned value (analysis/flow.h, sprints.h, evm.h) */      \
  X(kFlowAgingWip, "flow-aging-wip", false)                                  \
  X(kFlowWipOverLimit, "flow-wip-over-limit", false)                         \
  X(kFlowLittlesLawGap, "flow-littles-law-gap", false)                       \
  X(kSprintLowSayDo, "sprint-low-say-do", false)                             \
  X(kSprintOvercommitted, "sprint-overcommitted", false)                     \
  X(kSprintScopeChange, "sprint-scope-change", false)                        \
  X(kEvmBehindSchedule, "evm-behind-schedule", false)                        \
  X(kEvmOverBudget, "evm-over-budget", false)                                \
  X(kDependencyNeedByAtRisk, "dependency-need-by-at-risk", false)            \
  X(kDependencyStateMismatch, "dependency-state-mismatch", false)            \
  X(kRiskReviewOverdue, "risk-review-overdue", false)                        \
  X(kRiskUnmitigated, "risk-unmitigated", false)                             \
  X(kEvmPlannedValueSource, "evm-planned-value-source", false)               \
  /* Health (analysis/health.h) */                                           \
  X(kHealthRed, "health-red", false)                                         \
  X(kHealthAmber, "health-amber", false)                                     \
  X(kHealthStatusDisagrees, "health-status-disagrees", false)                \
  /* The critique (analysis/critique.h) */                                   \
  X(kCritiqueMilestoneAtRisk, "critique-milestone-at-risk", false)           \
  X(kCritiqueUnestimatedCritical, "critique-unestimated-critical", false)    \
  X(kCritiqueUnownedInProgress, "critique-unowned-in-progress", false)       \
  X(kCritiqueStaleInProgress, "critique-stale-in-progress", false)           \
  X(kCritiqueBusFactor, "critique-bus-factor", false)                        \
  X(kCritiqueRiskIncomplete, "critique-risk-incomplete", false)              \
  X(kCritiqueMilestoneNoGate, "critique-milestone-no-gate", false)           \
  X(kCritiquePersonOverallocated, "critique-person-overallocated", false)    \
  X(kCritiqueDependencyOnRemoved, "critique-dependency-on-removed", false)   \
  X(kCritiqueDependencyOnDone, "critique-dependency-on-done", false)         \
  X(kCritiqueGateFailing, "critique-gate-failing", false)

#define CAIRN_CODE_CONSTANT(name, id, unusable) inline constexpr const char name[] = id;
CAIRN_CODES(CAIRN_CODE_CONSTANT)
#undef CAIRN_CODE_CONSTANT

struct CodeInfo {
  std::string_view id;
  bool unusable;  // an input that cannot be used at all: exit code 2
};

// Every registered code, in the order above.
std::span<const CodeInfo> all();
// The entry of `id`; nullptr when it is not registered.
const CodeInfo* find(std::string_view id);

}  // namespace cairn::codes

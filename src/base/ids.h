// Strong id types. An Id<Tag> names one entity of a Program (its position in the Program's list of
// that kind); ids of different kinds do not convert into each other. Invalid ids compare unequal to
// every valid one. Trivially copyable; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace cairn {

template <typename Tag>
struct Id {
  static constexpr uint32_t kInvalid = std::numeric_limits<uint32_t>::max();
  uint32_t value = kInvalid;

  constexpr Id() = default;
  constexpr explicit Id(uint32_t v) : value(v) {}
  constexpr explicit Id(size_t v) : value(static_cast<uint32_t>(v)) {}
  constexpr explicit Id(int v) : value(static_cast<uint32_t>(v)) {}
  constexpr bool valid() const { return value != kInvalid; }
  constexpr explicit operator bool() const { return valid(); }
  constexpr size_t index() const { return value; }
  friend constexpr auto operator<=>(Id, Id) = default;
};

using TeamId = Id<struct TeamTag>;
using PersonId = Id<struct PersonTag>;
using WorkItemId = Id<struct WorkItemTag>;
using DependencyId = Id<struct DependencyTag>;
using MilestoneId = Id<struct MilestoneTag>;
using RiskId = Id<struct RiskTag>;
using SprintId = Id<struct SprintTag>;

}  // namespace cairn

template <typename Tag>
struct std::hash<cairn::Id<Tag>> {
  size_t operator()(cairn::Id<Tag> id) const noexcept { return std::hash<uint32_t>{}(id.value); }
};

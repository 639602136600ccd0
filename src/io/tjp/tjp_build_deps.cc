// The dependencies of a TaskJuggler project, and the ALAP `precedes` turned into anchors
// (Builder, tjp_builder.h).
#include "io/tjp/tjp_builder.h"

#include <algorithm>

#include <fmt/format.h>

namespace cairn::io::tjp::detail {

void Builder::build_dependencies() {
  Program& p = out_.program;
  std::vector<uint8_t> from_precedes;  // per dependency: written as `precedes`
  for (size_t i = 0; i < tj_.tasks.size(); ++i) {
    for (const auto& d : tj_.tasks[i].dependencies) {
      int other = resolve_task(d.target, d.scope);
      if (other < 0) continue;
      Dependency dep;
      if (!d.precedes) {
        dep.predecessor = WorkItemId{other};
        dep.successor = WorkItemId{i};
        dep.type = d.on_end ? DependencyType::kFinishStart : DependencyType::kStartStart;
        // `onstart` of a container follows its start, the earliest of its own and its children's
        // (a Cairn epic's start gate waits for every child to start): its start point when it
        // has a start of its own.
        if (auto sp = container_start_.find(static_cast<size_t>(other));
            !d.on_end && sp != container_start_.end())
          dep.predecessor = WorkItemId{sp->second};
      } else {
        dep.predecessor = WorkItemId{i};
        dep.successor = WorkItemId{other};
        dep.type = d.on_end ? DependencyType::kFinishFinish : DependencyType::kFinishStart;
      }
      if (d.gap_duration) {
        dep.lag = *d.gap_duration;
        dep.lag_unit = LagUnit::kCalendarDays;
        if (d.gap_length)
          diags_.warning("tjp-unsupported",
                         "both gaplength and gapduration: only gapduration is imported",
                         loc(d.target.where), "keep one of them");
      } else if (d.gap_length) {
        dep.lag = *d.gap_length;
        dep.lag_unit = LagUnit::kWorkingDays;
      }
      TeamId a = p.items[dep.predecessor.index()].team, b = p.items[dep.successor.index()].team;
      if (a.valid() && b.valid() && a != b) {
        dep.provider = a;
        dep.consumer = b;
      }
      p.dependencies.push_back(dep);
      from_precedes.push_back(d.precedes);
      out_.sources.set(K::kDependency, static_cast<uint32_t>(p.dependencies.size() - 1), {},
                       loc(d.target.where));
    }
  }
  anchor_alap_precedes(std::move(from_precedes));
}

// `A precedes B` with A as late as possible and B scheduled forward: in TaskJuggler B's start
// does not wait for A (only B's own `depends` do); A ends at B's start minus the gap (onend: at
// B's end minus the gap), and whatever depends on A follows from there. Cairn places backward
// items only after all forward ones, so it would make A (and B, waiting for it) forward. The
// same constraint written the other way round keeps TaskJuggler's dates: B -> A start-finish
// (finish-finish for onend) with the gap as a lead, A scheduled forward, so A ends exactly there
// when nothing else holds it. A container's `precedes` holds for each of its leaves (TaskJuggler
// inherits it): one reversed dependency per leaf. Repeated so that ALAP chains ending at a
// forward item unroll. Only for B a leaf and A's leaves without an `end` of their own; a leaf
// stays ALAP while it (or an ancestor) still precedes something not turned.
void Builder::anchor_alap_precedes(std::vector<uint8_t> from_precedes) {
  Program& p = out_.program;
  auto leaves_under = [&](uint32_t t) {
    std::vector<uint32_t> out, stack{t};
    while (!stack.empty()) {
      uint32_t x = stack.back();
      stack.pop_back();
      if (tj_.tasks[x].children.empty()) out.push_back(x);
      for (auto it = tj_.tasks[x].children.rbegin(); it != tj_.tasks[x].children.rend(); ++it)
        stack.push_back(static_cast<uint32_t>(*it));
    }
    return out;
  };
  std::vector<uint8_t> turned(p.dependencies.size(), 0);
  auto still_alap = [&](uint32_t leaf) {
    for (int a = static_cast<int>(leaf); a >= 0; a = tj_.tasks[a].parent)
      for (size_t j = 0; j < p.dependencies.size(); ++j)
        if (from_precedes[j] && !turned[j] && p.dependencies[j].predecessor.index() == size_t(a))
          return true;
    return false;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t k = 0; k < p.dependencies.size(); ++k) {
      if (!from_precedes[k] || turned[k]) continue;
      const Dependency d = p.dependencies[k];
      const uint32_t b = d.successor.index();
      if (!tj_.tasks[b].children.empty() || p.items[b].alap) continue;
      std::vector<uint32_t> leaves = leaves_under(d.predecessor.index());
      bool ok = !leaves.empty() && !tj_.tasks[d.predecessor.index()].end;
      for (uint32_t l : leaves)
        ok = ok && p.items[ends_at(l)].alap && !tj_.tasks[l].end && l != b;
      if (!ok) continue;
      const Location where = out_.sources.at(K::kDependency, static_cast<uint32_t>(k));
      for (size_t i = 0; i < leaves.size(); ++i) {
        Dependency r = d;
        r.predecessor = d.successor;
        r.successor = WorkItemId{ends_at(leaves[i])};
        r.type = d.type == DependencyType::kFinishStart ? DependencyType::kStartFinish
                                                        : DependencyType::kFinishFinish;
        r.lag = -d.lag;
        r.provider = p.items[b].team;
        r.consumer = p.items[ends_at(leaves[i])].team;
        if (!r.provider.valid() || !r.consumer.valid() || r.provider == r.consumer)
          r.provider = r.consumer = TeamId{};
        r.alap = true;
        if (i == 0) {
          p.dependencies[k] = r;
          turned[k] = 1;
          continue;
        }
        p.dependencies.push_back(r);
        from_precedes.push_back(1);
        turned.push_back(1);
        out_.sources.set(K::kDependency, static_cast<uint32_t>(p.dependencies.size() - 1), {},
                         where);
      }
      for (uint32_t l : leaves)
        p.items[ends_at(l)].alap = still_alap(l);
      changed = true;
    }
  }
}

}  // namespace cairn::io::tjp::detail

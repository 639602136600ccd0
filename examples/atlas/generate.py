#!/usr/bin/env python3
"""Generates the Atlas example program: examples/atlas/*.yaml.

Atlas is a fictional, realistic multi-team program: replacing an online retailer's legacy checkout
and payment gateway with a new Payments API, web checkout, native mobile checkout, fraud scoring
and finance reporting, under PSD2/SCA and PCI DSS. Six teams (five Scrum, one Kanban), 31 people,
some 300 work items with eight weeks of history, cross-team dependencies, milestones with quality
gates, risks, sprints, a budget and the program's status record.

How it is built: the backlog is written by hand (titles, sizes, dependencies); the past is
simulated. Each leaf item gets an "actual" effort drawn from its three-point estimate; a list
scheduler (part-time allocations, leave, holidays, a focus factor, engineers juggling two items,
review/QA waiting time, dependencies) plays the eight weeks from the program start to the status
date in each team's epic order, and projects the rest with PERT means, levelled by latest start
(milestone deadlines minus the longest path of successors). What happened before the status date becomes states,
history, assignees, remaining effort, sprint commitments and status updates; the projection decides
which cross-team dependencies are at risk.

Files: backlog.py (the backlog, by hand), record.py (people, teams, milestones, risks, the
status record, by hand), timeline.py (the working-day time axis), writer.py (the YAML files),
this file (the simulation). Python 3 standard library only; a fixed seed: every run writes
byte-identical files.

Run:  python3 examples/atlas/generate.py             writes the YAML files next to this script
      python3 examples/atlas/generate.py --stats     also prints the figures (load, projections)
      python3 examples/atlas/generate.py --calibrate suggests TEAM_SCALE after backlog changes
"""

import math
import os
import random
import re
import sys
from datetime import date

sys.dont_write_bytecode = True  # no __pycache__ next to the example
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from backlog import BACKLOG, CROSS_DEPS  # noqa: E402
from record import MILESTONES, PEOPLE, TEAMS  # noqa: E402
from timeline import NOW, T0, WORKDAYS, day_of, t_of  # noqa: E402
from writer import write_files  # noqa: E402

SEED = 20260928
FOCUS = 0.85  # share of allocated time that went into planned items (meetings, support)
# How each team sizes its work relative to SIZES (a team's "day" differs), calibrated once with
# --calibrate so that the remaining work fills most of each team's capacity to its last milestone.
TEAM_SCALE = {"PAY": 2.75, "WEB": 2.2, "MOB": 2.75, "PLT": 1.45, "DATA": 2.45, "FRD": 1.75}
TARGET_LOAD = {"PAY": 0.9, "WEB": 0.75, "MOB": 0.7, "PLT": 0.6, "DATA": 0.7, "FRD": 0.75}

SIZES = {  # (optimistic, likely, pessimistic) variants in person-days, and story points
    "XS": ([(0.5, 1, 2), (0.5, 1, 3), (1, 1, 2)], 1),
    "S": ([(1, 2, 4), (1, 2, 5), (1.5, 2, 4), (1, 2, 3)], 2),
    "M": ([(2, 3, 6), (2, 3, 5), (2, 4, 8), (1.5, 3, 6), (2, 3, 7)], 3),
    "L": ([(3, 5, 10), (3, 5, 12), (4, 5, 9), (4, 6, 12), (3, 5, 8)], 5),
    "XL": ([(5, 8, 16), (6, 8, 15), (5, 8, 20), (6, 9, 18)], 8),
    "XXL": ([(8, 13, 30), (10, 13, 26), (8, 12, 25)], 13),
    "C": ([(12, 20, 45), (15, 20, 40), (12, 18, 40)], 20),
}

MAX_LIKELY = {"XS": 3, "S": 5, "M": 10, "L": 13, "XL": 18, "XXL": 22, "C": 30}

# ---------------------------------------------------------------------------------------------
# People and their capacity per working day (allocation x focus, 0 on leave or days off).

class Person:
    def __init__(self, spec, order):
        self.__dict__.update(spec)
        self.team = spec.get("team")
        self.order = order
        alloc = spec.get("allocation", 100)
        self.share = (float(str(alloc).rstrip("%")) / 100.0)
        # Scrum engineers with most of their day on Atlas juggle two items at once (each at half
        # speed); Kanban teams keep to their WIP limits, one item each.
        kanban = any(t["key"] == self.team and t["method"] == "kanban" for t in TEAMS)
        self.slots = 2 if self.team and not kanban and self.share >= 0.8 else 1
        weekdays = spec.get("weekdays", [0, 1, 2, 3, 4])
        self.caps = []
        for d in WORKDAYS[T0:]:
            on_leave = any(a <= d <= b for a, b, _ in spec.get("leave", []))
            self.caps.append(0.0 if on_leave or d.weekday() not in weekdays else self.share)

    def cap(self, i, shared=True):
        """Effort per day on one item: in the past at FOCUS; work started in the past shares the
        day with the person's other items in progress; planned work gets the whole day."""
        if not 0 <= i < len(self.caps):
            return 0.0
        if i < NOW:
            return self.caps[i] * FOCUS / self.slots
        return self.caps[i] / self.slots if shared else self.caps[i]

    def raw_days(self, t_from, t_to):
        """Allocated person-days between two day indexes (no focus factor)."""
        return sum(self.caps[i] for i in range(int(t_from), int(t_to)))

    def advance(self, t, effort):
        """Works `effort` person-days from t: (actual start, end)."""
        shared = t < NOW
        i = math.floor(t)
        pos = t
        while self.cap(i, shared) == 0:
            i += 1
            pos = float(i)
        start = pos
        while True:
            c = self.cap(i, shared)
            if c > 0:
                avail = (i + 1 - pos) * c
                if avail >= effort - 1e-9:
                    return start, pos + effort / c
                effort -= avail
            i += 1
            pos = float(i)

    def worked(self, t0, t1):
        """Effort done between t0 and t1."""
        total, i = 0.0, math.floor(t0)
        while i < t1:
            lo, hi = max(t0, i), min(t1, i + 1)
            if hi > lo:
                total += (hi - lo) * self.cap(i)
            i += 1
        return total


# ---------------------------------------------------------------------------------------------
# The backlog: items from the hand-written spec.

class Item:
    pass


def nice(v):
    return round(v * 2) / 2 if v < 2 else float(round(v))


def parse_backlog(rng, scale=None):
    scale = scale or TEAM_SCALE
    items, epics, handles = [], [], {}
    for team in TEAMS:
        rank = 0
        for e_no, (title, ms, labels, children) in enumerate(BACKLOG[team["key"]]):
            ep = Item()
            ep.__dict__.update(kind="epic", title=title, team=team["key"], milestone=ms,
                               labels=labels, children=[], epic_no=e_no, handle=None,
                               opts={})
            epics.append(ep)
            items.append(ep)
            for line in children:
                it = Item()
                words = line.split()
                kind = {"s": "story", "t": "task", "b": "bug"}[words[0]]
                size = words[1]
                rest = [w for w in words[2:] if w[0] not in "#@>"]
                toks = [w for w in words[2:] if w[0] in "#@>"]
                it.__dict__.update(kind=kind, size=size, title=" ".join(rest), team=team["key"],
                                   parent=ep, handle=None, opts={}, local_deps=[],
                                   labels=list(labels), rank=rank)
                rank += 1
                for tok in toks:
                    if tok[0] == "#":
                        it.handle = tok[1:]
                        handles[it.handle] = it
                    elif tok[0] == ">":
                        parts = tok[1:].split(":")
                        it.local_deps.append((parts[0], parts[1] if len(parts) > 1 else "FS",
                                              float(parts[2]) if len(parts) > 2 else 0))
                    else:
                        k, _, v = tok[1:].partition("=")
                        it.opts[k] = v
                ep.children.append(it)
                items.append(it)
    for it in items:
        if it.kind == "epic":
            continue
        kanban = next(t for t in TEAMS if t["key"] == it.team)["method"] == "kanban"
        variants, pts = SIZES[it.size]
        # Early, refined epics are sized smaller than the later, coarser ones.
        n_epics = len(BACKLOG[it.team])
        g = 0.4 + 0.9 * it.parent.epic_no / max(1, n_epics - 1)
        g *= {"XXL": 0.6, "C": 0.4}.get(it.size, 1.0) * (0.5 if it.kind == "bug" else 1.0)
        f = 1 + (scale[it.team] - 1) * g
        if it.opts.get("basis", "effort") != "effort":
            f = 1.0
        o, l, p = rng.choice(variants)
        f = min(f, MAX_LIKELY[it.size] / l)
        it.three = (nice(o * f), nice(l * f), nice(p * f))
        it.points = pts if (it.kind == "story" and it.team in ("PAY", "WEB", "MOB", "FRD")) else None
        it.show_estimate = (not kanban) or "est" in it.opts or rng.random() < 0.12
        o, l, p = it.three
        if kanban and not it.show_estimate:
            # Unestimated Kanban work: its true size is only known to the simulation.
            it.actual = min(15.0, max(0.5, rng.lognormvariate(math.log(2.2 * f), 0.65)))
        else:
            it.actual = rng.triangular(o, p, l) * rng.uniform(0.95, 1.2)
        it.pert = (o + 4 * l + p) / 6 if it.show_estimate else it.actual
        it.basis = it.opts.get("basis", "effort")
        it.priority = int(it.opts.get("prio", 650 if it.kind == "bug" else 500))
    return items, epics, handles


# ---------------------------------------------------------------------------------------------
# The list scheduler: plays the past with actual efforts and projects the future with PERT means.

def review_state(team):
    return {"PAY": "Code Review", "PLT": "Review"}.get(team["key"], "In Review")


def has_qa(team):
    return any(s[0] == "QA" for s in team["workflow"])


def latest_starts(leaves, deps, cross):
    """Latest start of each leaf (working days) from its milestone deadline and its successors:
    the priority of good leveling for the projection (smallest first)."""
    succ = {id(it): [] for it in leaves}
    for d in deps:
        if cross or d["pred"].team == d["succ"].team:
            succ[id(d["pred"])].append(d)
    dl = {m["key"]: t_of(m["deadline"]) for m in MILESTONES}
    memo = {}

    def ls(it):
        if id(it) in memo:
            return memo[id(it)]
        dur = it.pert / 0.8 if it.basis == "effort" else it.pert
        lf = dl[it.parent.milestone]
        for d in succ[id(it)]:
            s2 = ls(d["succ"])
            if d["type"] == "SS":
                lf = min(lf, s2 - d["lag"] + dur)
            elif d["type"] == "FF":
                lf = min(lf, s2 + (d["succ"].pert / 0.8) - d["lag"])
            else:
                lf = min(lf, s2 - d["lag"] - 1.0)  # a day for review
        memo[id(it)] = lf - dur
        return memo[id(it)]

    return {id(it): ls(it) for it in leaves}


def simulate(items, deps, people, rng_seed, cross=True, leveling="latest-start"):
    rng = random.Random(rng_seed)
    leaves = [it for it in items if it.kind != "epic"]
    lst = latest_starts(leaves, deps, cross)
    members = {t["key"]: [p for p in people if p.team == t["key"]] for t in TEAMS}
    teams = {t["key"]: t for t in TEAMS}
    preds = {id(it): [] for it in leaves}
    for d in deps:
        if cross or d["pred"].team == d["succ"].team:
            preds[id(d["succ"])].append(d)
    free = {(p.key, k): 0.0 for p in people for k in range(p.slots)}
    sched = {}
    todo = list(leaves)
    while todo:
        best = None
        for it in todo:
            ps = preds[id(it)]
            if any(id(d["pred"]) not in sched for d in ps):
                continue
            es = t_of(date.fromisoformat(it.opts["snet"])) if "snet" in it.opts else 0.0
            for d in ps:
                s = sched[id(d["pred"])]
                if d["type"] == "SS":
                    es = max(es, s["start"] + d["lag"])
                elif d["type"] == "FF":
                    es = max(es, s["done"] + d["lag"] - it.pert)
                else:
                    es = max(es, s["done"] + d["lag"])
            if it.basis != "effort":
                who, st = None, es
            else:
                cands = members[it.team]
                skill = it.opts.get("skill")
                if skill:
                    cands = [p for p in cands if skill in p.skills]
                def slot_start(pk):
                    t = max(free[(pk[0].key, pk[1])], es)
                    if t >= NOW:  # planned work: the person's whole day, after all current work
                        t = max([es] + [free[(pk[0].key, k)] for k in range(pk[0].slots)])
                    return t
                who = min(((p, k) for p in cands for k in range(p.slots)),
                          key=lambda pk: (slot_start(pk), pk[0].order, pk[1]))
                st = slot_start(who)
            # The past followed the teams' epic order; the plan levels by latest start.
            good = st >= NOW and leveling == "latest-start"
            key = (round(st, 6), lst[id(it)] if good else it.rank, it.team)
            if best is None or key < best[0]:
                best = (key, it, who, st)
        _, it, who, st = best
        todo.remove(it)
        effort = it.actual if st < NOW else it.pert
        if who is None:
            o, l, p = it.three
            span = effort if it.basis == "length" else effort * 5 / 7
            start, wend = st, st + span
        else:
            start, wend = who[0].advance(st, effort)
            if st >= NOW:
                for k in range(who[0].slots):
                    free[(who[0].key, k)] = wend
            else:
                free[(who[0].key, who[1])] = wend
            who = who[0]
        team = teams[it.team]
        r = rng.uniform(0.15, 1.2)
        if rng.random() < (0.4 if it.team != "PLT" else 0.1):
            r += rng.uniform(2.0, 6.0)  # waiting for a reviewer, security sign-off, a device lab
        q = rng.uniform(0.3, 1.2) if has_qa(team) else 0.0
        done = wend + r + q
        for d in preds[id(it)]:
            if d["type"] == "FF":
                done = max(done, sched[id(d["pred"])]["done"] + d["lag"])
        sched[id(it)] = dict(start=start, wend=wend, review=r, qa=q, done=done, who=who,
                             effort=effort)
    return sched


# ---------------------------------------------------------------------------------------------

def build_deps(items, handles):
    deps = []
    for it in items:
        if it.kind == "epic":
            continue
        for h, typ, lag in it.local_deps:
            deps.append(dict(pred=handles[h], succ=it, type=typ, lag=lag, inline=True))
    for spec in CROSS_DEPS:
        pred, succ = handles[spec[0]], handles[spec[1]]
        assert pred.team != succ.team, spec
        deps.append(dict(pred=pred, succ=succ, type=spec[2], lag=spec[3], inline=False,
                         force=spec[4] if len(spec) > 4 else None,
                         lag_unit=spec[5] if len(spec) > 5 else None))
    return deps


def horizon(team_key):
    order = [m["key"] for m in MILESTONES]
    last = max(order.index(e[1]) for e in BACKLOG[team_key])
    return t_of(MILESTONES[last]["deadline"])


def calibrate():
    """Prints TEAM_SCALE values that give each team its TARGET_LOAD."""
    people = [Person(p, i) for i, p in enumerate(PEOPLE)]
    scale = {k: 1.5 for k in TEAM_SCALE}
    for _ in range(8):
        items, epics, handles = parse_backlog(random.Random(SEED), scale)
        sched = simulate(items, build_deps(items, handles), people, SEED + 1)
        for t in TEAMS:
            k = t["key"]
            mine = [it for it in items if it.kind != "epic" and it.team == k]
            rem = 0.0
            for it in mine:
                sc = sched[id(it)]
                if sc["start"] >= NOW:
                    rem += it.pert
                elif sc["wend"] > NOW:
                    rem += sc["effort"] - (sc["who"].worked(sc["start"], NOW) if sc["who"] else 0)
            cap = sum(p.raw_days(NOW, horizon(k)) for p in people if p.team == k)
            scale[k] = 1 + (scale[k] - 1) * (TARGET_LOAD[k] * cap / rem) ** 0.7
    print("TEAM_SCALE =", {k: round(v, 2) for k, v in scale.items()})


def main():
    if "--calibrate" in sys.argv:
        return calibrate()
    rng = random.Random(SEED)
    people = [Person(p, i) for i, p in enumerate(PEOPLE)]
    items, epics, handles = parse_backlog(rng)
    teams = {t["key"]: t for t in TEAMS}

    deps = build_deps(items, handles)
    sched = simulate(items, deps, people, SEED + 1, cross=True)
    leaves = [it for it in items if it.kind != "epic"]

    # ---- creation times, keys, states and history ----
    crng = random.Random(SEED + 2)
    for ep in epics:
        ep.created = -crng.uniform(3, 10)
    for it in leaves:
        s = sched[id(it)]
        if it.kind == "bug":
            c = s["start"] - crng.uniform(0.5, 6)
            c = min(max(c, crng.uniform(1, 8)), NOW - crng.uniform(0.3, 6))
        elif it.parent.milestone == "M1" or it.parent.epic_no == 0:
            c = -crng.uniform(1, 9)
        else:
            c = min(s["start"] - crng.uniform(2, 15), NOW - crng.uniform(0.5, 25))
            c = max(c, -crng.uniform(1, 9))
        it.created = max(min(c, s["start"] - 0.2), it.parent.created + crng.uniform(0.05, 1.5))
    for team in TEAMS:
        mine = sorted([it for it in items if it.team == team["key"]],
                      key=lambda x: (round(x.created, 6), x.kind != "epic"))
        for n, it in enumerate(mine):
            it.key = f"{team['key']}-{101 + n}"

    for it in leaves:
        s, team = sched[id(it)], teams[it.team]
        first = team["workflow"][0][0]
        rs = review_state(team)
        h = [(first, it.created)]
        if it.team == "PLT":
            ready = s["start"] - crng.uniform(0.5, 6)
            if ready < NOW and (s["start"] < NOW or s["start"] < NOW + 12):
                h.append(("Ready", max(ready, it.created + 0.1)))
        if s["start"] < NOW:
            h.append(("In Progress", s["start"]))
        if s["wend"] < NOW:
            h.append((rs, s["wend"]))
            if s["done"] < NOW and crng.random() < 0.12 and s["review"] > 0.5:
                back = s["wend"] + s["review"] * 0.4
                h.append(("In Progress", back))
                h.append((rs, back + s["review"] * 0.3))
        if s["qa"] and s["wend"] + s["review"] < NOW:
            h.append(("QA", s["wend"] + s["review"]))
        if s["done"] < NOW:
            h.append(("Done", s["done"]))
        fixed, last = [], -1e9
        for n, (st, t) in enumerate(h):
            if t == math.floor(t) and n > 0:  # not everyone moves a card at 09:00 sharp
                nxt = h[n + 1][1] if n + 1 < len(h) else NOW
                t += min(crng.uniform(0.02, 0.35), max(0.0, (nxt - t) / 2))
            t = max(t, last + 0.03)
            fixed.append((st, t))
            last = t
        it.history = fixed if len(fixed) > 1 else []
        it.state = fixed[-1][0]
        it.cat = "done" if it.state == "Done" else ("todo" if it.state in (first, "Ready")
                                                   else "in-progress")
        it.assignee = None
        if s["who"] is not None and (it.cat != "todo" or s["start"] < NOW + 4):
            it.assignee = s["who"].key
        it.remaining = None
        if it.cat == "in-progress":
            if it.state == "In Progress":
                left = max(0.5, s["effort"] - s["who"].worked(s["start"], NOW)) if s["who"] else \
                    max(0.5, s["wend"] - NOW)
                it.remaining = math.ceil(left * 2) / 2
            else:
                it.remaining = 0.5
    for ep in epics:
        kids = [sched[id(c)] for c in ep.children]
        team = teams[ep.team]
        h = [(team["workflow"][0][0], ep.created)]
        st = min(c.history[1][1] for c in ep.children if len(c.history) > 1 and
                 c.history[1][0] != "Ready" or len(c.history) > 2) if \
            any(c.cat != "todo" for c in ep.children) else NOW
        if st < NOW:
            h.append(("In Progress", st))
        if all(k["done"] < NOW for k in kids):
            h.append(("Done", max(k["done"] for k in kids) + 0.05))
        ep.history = h if len(h) > 1 else []
        ep.state = h[-1][0]

    # ---- milestones: projection vs deadline ----
    proj = {}
    for ms in MILESTONES:
        dones = [sched[id(c)]["done"] for ep in epics if ep.milestone == ms["key"]
                 for c in ep.children]
        proj[ms["key"]] = day_of(max(dones))

    # ---- dependency states ----
    # need_by: when the consumer's item starts in the leveled plan (finishes, for FF). A
    # dependency is at risk when the provider's pessimistic delivery is later than that.
    for d in deps:
        if d["inline"]:
            continue
        p, c = sched[id(d["pred"])], sched[id(d["succ"])]
        need_t = c["done"] if d["type"] == "FF" else c["start"]
        d["need_by"] = day_of(max(need_t, 0))
        deliver = (p["start"] if d["type"] == "SS" else p["done"]) + d["lag"]
        left = 1.0 if p["start"] >= NOW else (d["pred"].remaining or 0) / max(p["effort"], 0.5)
        pess = deliver + left * (d["pred"].three[2] - d["pred"].pert) / 0.8
        if (p["start"] if d["type"] == "SS" else p["done"]) < NOW:
            state = "delivered"
        elif pess > need_t + 8:
            state = "at-risk"
        elif p["start"] < NOW + 20:
            state = "committed"
        else:
            state = "requested"
        d["state"] = d["force"] or state

    write_files(items, epics, leaves, deps, sched, people, handles, SEED)
    if "--stats" in sys.argv:
        print_stats(items, leaves, deps, sched, people, proj)
        naive = simulate(items, deps, people, SEED + 1, leveling="epic-order")
        for ms in MILESTONES:
            dones = [naive[id(c)]["done"] for ep in epics if ep.milestone == ms["key"]
                     for c in ep.children]
            print(f"  {ms['key']} with epic-order leveling: {day_of(max(dones))}")


def print_stats(items, leaves, deps, sched, people, proj):
    cats = {}
    for it in leaves:
        cats[it.cat] = cats.get(it.cat, 0) + 1
    print(f"items {len(items)} leaves {len(leaves)} {cats}")
    tot_rem = tot_cap = 0.0
    for t in TEAMS:
        mine = [it for it in leaves if it.team == t["key"]]
        rem = sum(it.remaining if it.cat == "in-progress" else
                  (it.pert if it.cat == "todo" else 0) for it in mine)
        est = sum(1 for it in mine if it.cat == "todo" and not it.show_estimate)
        end = horizon(t["key"])
        cap = sum(p.raw_days(NOW, end) for p in people if p.team == t["key"])
        tot_rem += rem
        tot_cap += cap
        last = day_of(max(sched[id(it)]["done"] for it in mine))
        c = {}
        for it in mine:
            c[it.cat] = c.get(it.cat, 0) + 1
        print(f"  {t['key']:5} leaves {len(mine):3} {c} remaining {rem:6.1f} pd "
              f"(+{est} unestimated) capacity {cap:6.1f} pd ratio {rem / cap:4.2f} last {last}")
        if t["method"] == "kanban":
            wip = {}
            for it in mine:
                wip[it.state] = wip.get(it.state, 0) + 1
            print("       states", wip)
    print(f"  total remaining {tot_rem:.0f} pd, capacity {tot_cap:.0f} pd (to each team's last"
          " milestone)")
    for m in MILESTONES:
        print(f"  {m['key']} deadline {m['deadline']} projected {proj[m['key']]}")
    xs = [d for d in deps if not d["inline"]]
    st = {}
    for d in xs:
        st[d["state"]] = st.get(d["state"], 0) + 1
    print(f"  cross-team deps {len(xs)} {st}; intra-team {len(deps) - len(xs)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Random plans against three promises of `cairn schedule` and `cairn forecast`.

    bench/random_plans.py zero-spread|monotone|keep-order|all --seeds A B [--cairn build/release/cairn]
                          [--trials 500] [--edits 3] [--shrink] [--out /tmp/rp]

make_plan(seed) writes a plan (random.Random(seed): the same seed, the same text) that `cairn check`
accepts: 1-4 teams (one may have no people and a steady history: a lane), people part-time, on
leave and on their own weekly calendars, 5-40 open items (three-point estimates; story points and
unestimated work on teams that finished two 2-point items a week for 13 weeks), done items with
history, epics, work in progress, FS/SS/FF/SF links with lags, ALAP items, start and finish
bounds, priorities, items with two seats, 1-4 milestones with deadlines, risks and a status date.
make_plan(seed, zero_spread=True): the same plan with every estimate o = m = p and no risks.
Checks, on seeds A..B (inclusive):

  zero-spread  the forecast's P50 of every milestone is the schedule's date within 1 working day
  monotone     doubling one open item's estimate (and remaining work), scheduled and forecast with
               --keep-order the original schedule, moves no milestone's date, P50 or P85 earlier
               than the same runs on the unchanged plan (--edits items per seed, forecast --seed 1)
  keep-order   `schedule --keep-order ORIGINAL.json` of the unchanged plan gives every item the
               original start and finish. A failure is `keep-order-known` (docs/scheduling.md's
               exception) when an item it moves is the successor of a start-finish, start-start or
               finish-finish link that started before its predecessor, and the plan without such
               links keeps its order; else `keep-order`. (Until session 26 an item with several
               seats was excused too, for keep-order and monotone: the schedule now keeps each
               seat.)

Any run that exits other than 0/1, dies of a signal, prints invalid JSON or mentions a cycle on
stderr, on a plan `cairn check` accepts, is a `crash`. Prints per check the seeds, the comparisons
made (milestones; milestone dates x edits; items), the failures by kind, the worst case and the
wall time, then the failing seeds. With --shrink, each failure not of a known kind is shrunk
(items, links, people, milestones and fields dropped while it fails alike; 1-5 minutes each) and
saved as OUT/<kind>_<seed>.yaml. Working days are the program calendar's (Mon-Fri less holidays).
One cairn process at a time, forecasts on one thread. Exit 1 on a failure of a kind not known.
"""
import argparse
import copy
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

import stability  # bench/stability.py: working days

HERE = os.path.dirname(os.path.abspath(__file__))
HIST_WEEKS = 13  # weeks of steady history before the status date
DEP_TYPES = ["FS"] * 12 + ["SS"] * 3 + ["FF"] * 3 + ["SF"] * 2
SECTIONS = ["teams", "people", "milestones", "items", "dependencies", "risks"]


# ---------------------------------------------------------------------------------------------
# Dates and YAML text

def day(s):
    return dt.date.fromisoformat(s[:10])


def iso(d):
    return d.isoformat()


def at(d, hour):
    return f"{iso(d)}T{hour:02d}:00:00Z"


def workday_shift(d, k):
    """The k-th Mon-Fri day after (k > 0) or before (k < 0) d."""
    step = 1 if k > 0 else -1
    while k:
        d += dt.timedelta(days=step)
        k -= step * (d.weekday() < 5)
    return d


def workdays(plan, a, b):
    """Working days of the program calendar in (a, b], negative when b < a."""
    return stability.workdays(a, b, set(plan["program"].get("calendar", {}).get("holidays", [])))


PLAIN = re.compile(r"(?!(yes|no|on|off|null|true|false)$)[A-Za-z][\w.-]*|\d{4}-\d\d-\d\d", re.I)


def flow(v):
    """v as one line of YAML flow style."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"{v:g}"
    if isinstance(v, str):
        return v if PLAIN.fullmatch(v) else json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"


def dump(plan, header=""):
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    out.append("program: " + flow(plan["program"]))
    for s in SECTIONS:
        if plan.get(s):
            out.append(f"{s}:")
            out += [f"  - {flow(e)}" for e in plan[s]]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# The generator

def three_point(r):
    m = r.choice([0.5, 1, 1, 2, 2, 3, 5, 8])
    o = min(m, round(m * r.uniform(0.5, 1) * 2) / 2) or m
    return [o, m, max(m, round(m * r.uniform(1, 2.5) * 2) / 2)]


def build(seed):
    """The plan of `seed` as a dict of sections (dump() writes it)."""
    r = random.Random(seed)
    start = dt.date(2026, 1, 5) + dt.timedelta(weeks=r.randint(0, 80))  # a Monday
    as_of = start + dt.timedelta(weeks=HIST_WEEKS)
    prog = {"key": f"RP{seed}", "start": iso(start), "as_of": iso(as_of)}
    cal = {}
    if r.random() < 0.4:
        cal["hours"] = ["09:00-12:30", "13:30-17:00"]
    hols = sorted({iso(workday_shift(as_of, r.randint(3, 60))) for _ in range(r.randint(0, 3))})
    if hols:
        cal["holidays"] = hols
    if cal:
        prog["calendar"] = cal
    plan = {"program": prog, **{s: [] for s in SECTIONS}}
    n_teams = r.randint(1, 4)
    lane = n_teams >= 2 and r.random() < 0.6
    teams, done = [], []
    for t in range(n_teams):
        key, is_lane = f"T{t + 1}", lane and t == n_teams - 1
        plan["teams"].append({"key": key, "method": "kanban"} if is_lane else {"key": key})
        people = [] if is_lane else [f"{key.lower()}{c}" for c in "abcd"[: r.randint(1, 4)]]
        for p in people:
            person = {"key": p, "team": key}
            if r.random() < 0.4:
                person["allocation"] = r.choice([50, 60, 80])
            if r.random() < 0.3:
                d = as_of + dt.timedelta(days=r.randint(0, 40))
                person["leave"] = [{"from": iso(d), "to": iso(d + dt.timedelta(days=r.randint(0, 6)))}]
            if r.random() < 0.25:
                c = {"weekdays": r.choice([["mon", "tue", "wed", "thu"], ["mon", "wed", "fri"],
                                           ["tue", "wed", "thu", "fri"]])}
                if r.random() < 0.4:
                    c["hours"] = [r.choice(["08:00-16:00", "10:00-16:00", "09:00-13:00"])]
                person["calendar"] = c
            plan["people"].append(person)
        hist = is_lane or r.random() < 0.5
        teams.append((key, people, hist, is_lane))
        if hist:  # two 2-point items a week, each 2 working days: Mon-Tue and Wed-Thu
            for i in range(2 * HIST_WEEKS):
                d = start + dt.timedelta(days=7 * (i // 2) + 2 * (i % 2))
                it = {"key": f"{key}-H{i + 1}", "team": key, "points": 2, "state": "Done",
                      "history": [{"state": "In Progress", "at": at(d, 9)},
                                  {"state": "Done", "at": at(d + dt.timedelta(days=1), 17)}]}
                if people:
                    it["assignee"] = people[i % len(people)]
                plan["items"].append(it)
        else:
            for i in range(r.randint(0, 2)):
                d = workday_shift(as_of, -r.randint(3, 15))
                it = {"key": f"{key}-D{i + 1}", "team": key, "estimate": 1, "state": "Done",
                      "history": [{"state": "In Progress", "at": at(d, 9)},
                                  {"state": "Done", "at": at(d, 17)}]}
                if people:
                    it["assignee"] = r.choice(people)
                plan["items"].append(it)
                done.append(it["key"])
    everyone = [p["key"] for p in plan["people"]]
    opened, by_team = [], {}
    for i in range(r.randint(5, 40)):
        key, people, hist, is_lane = r.choice(teams)
        it = {"key": f"{key}-{i + 1}", "team": key, "kind": r.choice(["task", "story", "bug"])}
        if is_lane:
            if everyone and r.random() < 0.1:
                it["assignee"] = r.choice(everyone)  # a loan
        else:
            u = r.random()
            if hist and u < 0.35:
                if u >= 0.15:
                    it["points"] = r.choice([1, 2, 3, 5])
            else:
                it["estimate"] = three_point(r)
            if r.random() < 0.6:
                it["assignee"] = r.choice(people)
        if r.random() < 0.15:
            it["state"] = "In Progress"
            it["history"] = [{"state": "In Progress", "at": at(workday_shift(as_of, -r.randint(1, 6)), 9)}]
            if "estimate" in it and r.random() < 0.6:
                it["remaining"] = max(0.5, round(it["estimate"][1] * r.uniform(0.2, 1.5) * 2) / 2)
        else:
            if r.random() < 0.08:
                it["alap"] = True
            if r.random() < 0.1:
                it["start_no_earlier_than"] = iso(as_of + dt.timedelta(days=r.randint(1, 30)))
        if r.random() < 0.08:
            it["finish_no_later_than"] = at(workday_shift(as_of, r.randint(8, 45)), 17)
        if r.random() < 0.25:
            it["priority"] = r.choice([100, 300, 700, 900])
        plan["items"].append(it)
        opened.append(it["key"])
        by_team.setdefault(key, []).append(it)
    # Items with two seats.
    seats = [it for key, people, _, _ in teams if len(people) >= 2 for it in by_team.get(key, [])
             if "estimate" in it and "state" not in it]
    for it in r.sample(seats, min(len(seats), r.choice([0, 1, 1, 1, 2]))):
        people = next(t[1] for t in teams if t[0] == it["team"])
        it.pop("assignee", None)
        it["allocate"] = r.sample(people, 2)
    # Epics.
    epics = []
    for key, people, _, is_lane in teams:
        mine = by_team.get(key, [])
        if not is_lane and len(mine) >= 3 and r.random() < 0.4:
            epics.append({"key": f"{key}-E", "team": key, "kind": "epic"})
            for it in r.sample(mine, r.randint(2, min(5, len(mine)))):
                it["parent"] = epics[-1]["key"]
    plan["items"] = epics + plan["items"]
    # Links, in a random order of the open items (so no cycle).
    order = opened[:]
    r.shuffle(order)
    for j in range(1, len(order)):
        if r.random() < 0.5:
            for p in r.sample(order[:j], min(j, 1 + (r.random() < 0.25))):
                d = {"from": p, "to": order[j]}
                if (t := r.choice(DEP_TYPES)) != "FS":
                    d["type"] = t
                if r.random() < 0.25:
                    d["lag"] = r.choice([-1, 1, 2, 3])
                    if r.random() < 0.2:
                        d["lag_unit"] = "calendar-days"
                plan["dependencies"].append(d)
    for k in opened:
        if done and r.random() < 0.1:
            plan["dependencies"].append({"from": r.choice(done), "to": k})
    for m in range(r.randint(1, 4)):
        ms = {"key": f"M{m + 1}", "items": r.sample(opened, r.randint(1, min(6, len(opened))))}
        if epics and r.random() < 0.3:
            ms["items"].append(r.choice(epics)["key"])
        if r.random() < 0.9:
            ms["deadline"] = iso(as_of + dt.timedelta(days=r.randint(10, 120)))
        plan["milestones"].append(ms)
    for k in range(r.randint(0, 2)):
        risk = {"key": f"R{k + 1}", "probability": round(r.uniform(0.1, 0.5), 2), "impact": three_point(r)}
        if r.random() < 0.3:
            risk["milestones"] = [r.choice(plan["milestones"])["key"]]
        else:
            risk["items"] = [r.choice(opened)]
        plan["risks"].append(risk)
    return plan


def zero(plan):
    """The plan with every estimate o = m = p at its likely value, and no risks."""
    p = copy.deepcopy(plan)
    for it in p["items"]:
        if isinstance(it.get("estimate"), list):
            it["estimate"] = [it["estimate"][1]] * 3
    p["risks"] = []
    return p


def make_plan(seed, zero_spread=False):
    """Plan YAML text of `seed` (zero_spread: every estimate o = m = p, no risks)."""
    plan = build(seed)
    return dump(zero(plan) if zero_spread else plan, f"random_plans.py seed {seed}")


def doubled(plan, key):
    p = copy.deepcopy(plan)
    for it in p["items"]:
        if it["key"] == key:
            e = it["estimate"]
            it["estimate"] = [v * 2 for v in e] if isinstance(e, list) else e * 2
            if "remaining" in it:
                it["remaining"] *= 2
    return p


# ---------------------------------------------------------------------------------------------
# Running cairn

class Crash(Exception):
    """A run that must not happen on a plan `cairn check` accepts; str() is its signature."""


class Invalid(Exception):
    """`cairn check` finds errors in a plan (a generator bug, or a shrink step too far)."""


class Cairn:
    """Runs one cairn process at a time; plans and orders go to files under tmp."""

    def __init__(self, path, tmp, trials):
        self.path, self.tmp, self.trials, self.n = path, tmp, trials, 0

    def _run(self, args):
        p = subprocess.run([self.path, *args], capture_output=True, text=True)
        what = args[0] + " --keep-order" * ("--keep-order" in args)
        if p.returncode < 0:
            raise Crash(f"{what}: signal {-p.returncode}")
        if p.returncode not in (0, 1):
            raise Crash(f"{what}: exit {p.returncode}: {p.stderr.strip()[-300:]}")
        if "cycle" in p.stderr.lower():
            raise Crash(f"{what}: cycle on stderr: {p.stderr.strip()[-300:]}")
        try:
            return json.loads(p.stdout)
        except ValueError:
            raise Crash(f"{what}: invalid JSON") from None

    def _file(self, name, text):
        self.n += 1
        path = os.path.join(self.tmp, f"{self.n}{name}")
        with open(path, "w") as f:
            f.write(text)
        return path

    def write(self, plan):
        """Writes the plan and checks it: its path."""
        path = self._file(".yaml", dump(plan))
        p = subprocess.run([self.path, "check", "--format", "json", path], capture_output=True, text=True)
        try:
            doc = json.loads(p.stdout)
        except ValueError:
            raise Crash(f"check: exit {p.returncode}, invalid JSON") from None
        if doc.get("errors"):
            raise Invalid(", ".join(sorted({d["id"] for d in doc["diagnostics"] if d["severity"] == "error"})))
        return path

    def schedule(self, path, keep=None):
        return self._run(["schedule", "--format", "json", *(["--keep-order", keep] if keep else []), path])

    def forecast(self, path, keep=None):
        return self._run(["forecast", "--format", "json", "--trials", str(self.trials), "--seed", "1",
                          "--threads", "1", "--top", "0", *(["--keep-order", keep] if keep else []), path])

    def keep(self, doc):
        return self._file(".json", json.dumps(doc))


# ---------------------------------------------------------------------------------------------
# The checks: each returns (kind or None, worst, detail, comparisons); kind None is a pass.

def ms_dates(doc, *fields):
    return {m["key"]: tuple(m.get(f) for f in fields) for m in doc["milestones"] if not m.get("complete")}


def check_zero(cairn, plan):
    path = cairn.write(plan)
    sched = {k: v[0] for k, v in ms_dates(cairn.schedule(path), "date").items()}
    worst, detail, n = 0, "", 0
    for key, (p50,) in ms_dates(cairn.forecast(path), "p50").items():
        if sched.get(key) and p50:
            n += 1
            gap = abs(workdays(plan, day(sched[key]), day(p50)))
            if gap > worst:
                worst, detail = gap, f"{key}: schedule {sched[key]}, P50 {p50}"
    return ("zero-spread" if worst > 1 else None), worst, detail, n


def monotone_keys(plan, seed, edits):
    cands = [it["key"] for it in plan["items"] if "estimate" in it and it.get("state") != "Done"]
    return random.Random(seed).sample(cands, min(edits, len(cands)))


def kept_dates(cairn, path, order):
    """{(what, milestone): date}: the kept-order schedule's dates, the forecast's P50 and P85."""
    out = {("date", k): v[0] for k, v in ms_dates(cairn.schedule(path, order), "date").items()}
    for k, (p50, p85) in ms_dates(cairn.forecast(path, order), "p50", "p85").items():
        out[("P50", k)], out[("P85", k)] = p50, p85
    return out


def check_monotone(cairn, plan, keys):
    """Working days the worst milestone date, P50 or P85 moves earlier when one of keys doubles."""
    path = cairn.write(plan)
    order = cairn.keep(cairn.schedule(path))
    base = kept_dates(cairn, path, order)
    worst, detail, n = 0, "", 0
    for key in keys:
        got = kept_dates(cairn, cairn.write(doubled(plan, key)), order)
        for (what, ms), old in base.items():
            new = got.get((what, ms))
            n += bool(old and new)
            if old and new and (d := -workdays(plan, day(old), day(new))) > worst:
                worst, detail = d, f"{key} x2: {ms} {what} {old} -> {new}"
    return ("monotone" if worst > 0 else None), worst, detail, n


def moved(plan, a, b):
    """Items whose start or finish differ between schedules a and b: {key: working days}."""
    old = {i["key"]: i for i in a["items"]}
    out = {}
    for i in b["items"]:
        o = old.get(i["key"])
        if o and (o["start_time"], o["finish_time"]) != (i["start_time"], i["finish_time"]):
            out[i["key"]] = max(abs(workdays(plan, day(o[f]), day(i[f]))) for f in ("start", "finish"))
    return out


def known_exceptions(plan, sched):
    """Links whose successor starts before its predecessor (start-finish, and start-start or
    finish-finish ones with a lead or a longer predecessor): listed after its predecessor, such a
    successor cannot back-fill its person's time."""
    start = {i["key"]: i["start_time"] for i in sched["items"]}
    return [d for d in plan["dependencies"] if d.get("type", "FS") != "FS"
            and start.get(d["to"], "") < start.get(d["from"], "")]


def without_known(cairn, plan):
    """The plan without its early links (known_exceptions), dropped until none is left."""
    p = copy.deepcopy(plan)
    for _ in range(4):
        early = known_exceptions(p, cairn.schedule(cairn.write(p)))
        if not early:
            return p
        p["dependencies"] = [d for d in p["dependencies"] if d not in early]
    return p


def keep_order_fails(cairn, plan):
    """(moved items or None, the original schedule)."""
    path = cairn.write(plan)
    sched = cairn.schedule(path)
    return moved(plan, sched, cairn.schedule(path, cairn.keep(sched))) or None, sched


def check_keep(cairn, plan, strict=False):
    """A failure is known when an item it moves has several seats or is such an SF successor, and
    the plan without those keeps its order. strict: any failure that moves none of them."""
    diff, sched = keep_order_fails(cairn, plan)
    n = len(sched["items"])
    if not diff:
        return None, 0, "", n
    worst = max(diff.values())
    detail = f"{len(diff)} moved, e.g. " + ", ".join(sorted(diff, key=diff.get, reverse=True)[:4])
    early = known_exceptions(plan, sched)
    involved = set(diff) & {d["to"] for d in early}
    if strict:
        return (None if involved else "keep-order"), worst, detail, n
    if involved and not keep_order_fails(cairn, without_known(cairn, plan))[0]:
        return "keep-order-known", worst, detail, n
    return "keep-order", worst, detail + (" (also without the known exceptions)" if involved else ""), n


# ---------------------------------------------------------------------------------------------
# Shrinking

def drop_items(plan, keys):
    p = copy.deepcopy(plan)
    p["items"] = [i for i in p["items"] if i["key"] not in keys]
    for i in p["items"]:
        if i.get("parent") in keys:
            del i["parent"]
    p["dependencies"] = [d for d in p["dependencies"] if d["from"] not in keys and d["to"] not in keys]
    for m in p["milestones"]:
        m["items"] = [k for k in m["items"] if k not in keys]
    p["milestones"] = [m for m in p["milestones"] if m["items"]]
    for r in p["risks"]:
        r["items"] = [k for k in r.get("items", []) if k not in keys]
    p["risks"] = [r for r in p["risks"] if r["items"] or r.get("milestones")]
    return p


def drop_person(plan, key):
    p = copy.deepcopy(plan)
    p["people"] = [x for x in p["people"] if x["key"] != key]
    for it in p["items"]:
        if it.get("assignee") == key:
            del it["assignee"]
        if key in it.get("allocate", []):
            rest = [s for s in it.pop("allocate") if s != key]
            if len(rest) > 1:
                it["allocate"] = rest
            elif rest:
                it["assignee"] = rest[0]
    return p


def drop_field(plan, section, key, field):
    p = copy.deepcopy(plan)
    for e in p[section]:
        if (e.get("key") or (e["from"], e["to"])) == key:
            if field == "allocate":
                e["assignee"] = e.pop("allocate")[0]
            elif field == "state":
                for f in ("state", "history", "remaining"):
                    e.pop(f, None)
            else:
                e.pop(field, None)
    return p


FIELDS = {"items": ("parent", "priority", "alap", "start_no_earlier_than", "finish_no_later_than",
                    "assignee", "allocate", "remaining", "state", "kind"),
          "dependencies": ("lag", "lag_unit", "type"), "people": ("allocation", "leave", "calendar"),
          "milestones": ("deadline",)}


def reductions(plan, protect):
    """Smaller plans, in rough order of size. A team's steady history goes as one (its pace stays)."""
    units = {}
    for it in plan["items"]:
        if it["key"] not in protect:
            units.setdefault(re.sub(r"-H\d+$", "-H", it["key"]), []).append(it["key"])
    units = list(units.values())
    size = len(units) // 2
    while size > 1:
        for i in range(0, len(units), size):
            yield drop_items(plan, {k for u in units[i:i + size] for k in u})
        size //= 2
    for u in units:
        yield drop_items(plan, set(u))
    for d in plan["dependencies"]:
        yield {**plan, "dependencies": [x for x in plan["dependencies"] if x is not d]}
    for x in plan["people"]:
        yield drop_person(plan, x["key"])
    for s in ("risks", "milestones"):
        for x in plan[s]:
            yield {**plan, s: [y for y in plan[s] if y is not x]}
    used = {x.get("team") for s in ("items", "people") for x in plan[s]}
    yield {**plan, "teams": [t for t in plan["teams"] if t["key"] in used]}
    for section, fields in FIELDS.items():
        for e in plan[section]:
            for f in fields:
                if f in e and e.get("state") != "Done":
                    yield drop_field(plan, section, e.get("key") or (e["from"], e["to"]), f)
    if "calendar" in plan["program"]:
        yield {**plan, "program": {k: v for k, v in plan["program"].items() if k != "calendar"}}


def shrink(plan, fails, protect=(), budget=900):
    """Greedy: take the first smaller plan that still fails, until none does (or the time is up)."""
    t0 = time.time()
    progress = True
    while progress and time.time() - t0 < budget:
        progress = False
        for cand in reductions(plan, protect):
            if dump(cand) == dump(plan):
                continue
            try:
                ok = fails(cand)
            except Invalid:
                ok = False
            if ok:
                plan, progress = cand, True
                break
    return plan


# ---------------------------------------------------------------------------------------------

CHECKS = ("zero-spread", "monotone", "keep-order")
NO_SHRINK = ("keep-order-known", "invalid-plan")  # known, or a generator bug


def evaluate(cairn, name, plan, keys, strict=False):
    """(kind, worst, detail, comparisons) of check `name`; keys: the items monotone doubles."""
    try:
        if name == "zero-spread":
            return check_zero(cairn, plan)
        if name == "monotone":
            ks = [k for k in keys if any(i["key"] == k for i in plan["items"])]
            return check_monotone(cairn, plan, ks)
        return check_keep(cairn, plan, strict)
    except Invalid as e:
        return "invalid-plan", 0, str(e), 0
    except Crash as e:
        return "crash", 0, str(e), 0


def run_check(cairn, name, seed, edits):
    """evaluate()'s outcome, the plan to shrink and a predicate: does a smaller plan fail alike?"""
    plan = build(seed)
    if name == "zero-spread":
        plan = zero(plan)
    keys = monotone_keys(plan, seed, edits) if name == "monotone" else []
    kind, worst, detail, n = evaluate(cairn, name, plan, keys)
    if kind == "monotone":
        keys = [detail.split()[0]]
    elif kind == "keep-order" and detail.endswith("exceptions)"):
        plan = without_known(cairn, plan)

    def alike(p):  # the same kind (a crash: of the same command and exit)
        k, _, d, _ = evaluate(cairn, name, p, keys, True)
        return k == kind and (k != "crash" or d.split(":")[:2] == detail.split(":")[:2])
    return (kind, worst, detail, n), plan, alike


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("check", choices=CHECKS + ("all",))
    ap.add_argument("--seeds", type=int, nargs=2, default=[1, 20], metavar=("A", "B"))
    ap.add_argument("--cairn", default=os.path.join(HERE, "..", "build", "release", "cairn"))
    ap.add_argument("--trials", type=int, default=500)
    ap.add_argument("--edits", type=int, default=3, help="items doubled per seed (monotone)")
    ap.add_argument("--shrink", action="store_true", help="shrink failures of unknown kinds")
    ap.add_argument("--out", default="/tmp/rp", help="where shrunk plans go")
    a = ap.parse_args()
    names = CHECKS if a.check == "all" else (a.check,)
    seeds = range(a.seeds[0], a.seeds[1] + 1)
    rows, failing = [], []
    with tempfile.TemporaryDirectory() as tmp:
        cairn = Cairn(os.path.abspath(a.cairn), tmp, a.trials)
        for name in names:
            t0, kinds, worst, compared = time.perf_counter(), {}, (0, ""), 0
            for seed in seeds:
                (kind, w, detail, n), plan, fails = run_check(cairn, name, seed, a.edits)
                compared += n
                if w > worst[0]:
                    worst = (w, f"seed {seed}, {kind or 'pass'}: {detail}")
                if not kind:
                    continue
                kinds.setdefault(kind, []).append(seed)
                line = f"{name} seed {seed}: {kind}: {detail}"
                if a.shrink and kind not in NO_SHRINK:
                    os.makedirs(a.out, exist_ok=True)
                    small = shrink(plan, fails, protect=[detail.split()[0]] if kind == "monotone" else ())
                    path = os.path.join(a.out, f"{kind}_{seed}.yaml")
                    with open(path, "w") as f:
                        f.write(dump(small, f"random_plans.py {name}, seed {seed}, shrunk: {kind}\n"
                                            f"original: {detail}"))
                    line += f" -> {path} ({len(small['items'])} items)"
                failing.append(line)
                print(line, file=sys.stderr, flush=True)
            rows.append((name, len(seeds), compared, sum(map(len, kinds.values())),
                         ", ".join(f"{k} {len(v)}" for k, v in kinds.items()) or "-",
                         f"{worst[0]} ({worst[1]})" if worst[0] else "0", time.perf_counter() - t0))
    print("| check | seeds | compared | failures | by kind | worst (working days) | s |")
    print("|---|---:|---:|---:|---|---|---:|")
    for r in rows:
        print("| " + " | ".join(map(str, r[:-1])) + f" | {r[-1]:.1f} |")
    for line in failing:
        print(line)
    sys.exit(1 if any(not line.split(": ")[1].endswith("-known") for line in failing) else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Deadline results of `cairn schedule` when every milestone's deadline is tight to a known schedule.

    bench/deadlines_tight.py [--cairn build/release/cairn] [--tasks 300] [--seeds 1 2 3 4 5]
                             [--witness search|random] [--schedules N] [--check [--max-late N]]

bench/deadlines.py asks for deadlines its generator builds milestone by milestone (earliest
deadline first), an order the search's deadline-aware priorities find. This one asks more: it takes
a multi-team program of `../shared/bench/gen_tjp.py` (pooled allocations, cross-team
dependencies), converted to a plan with Cairn's own order and one milestone per team epic, and sets
every milestone's deadline to its date in a witness schedule of the same program:
  search  the search itself with 3,000 passes and another seed (a short schedule: every deadline
          is tight at once);
  random  the default search with a random `priority` on every item (a loose witness).
A schedule meeting every deadline exists (the witness). Prints one row per seed: milestones, how
many `cairn schedule` (default effort, or --schedules N) leaves late, their working days late in
all, the worst, both project ends, the passes spent and the seconds. Needs PyYAML and ../shared.

--check (the `deadlines_tight` test) also runs each program with 64 passes and with 2 threads,
and fails unless the default effort leaves fewer working days late in all than 64 passes (it
goes on searching while a deadline is missed), at most --max-late milestones late in all (when
given), and the 2-thread schedule is the 1-thread one.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

import yaml

from stability import schedule  # bench/stability.py

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.join(HERE, "..", "..", "shared", "bench", "gen_tjp.py")


def program(cairn, tasks, seed, tmp):
    """The gen_tjp program as a plan in Cairn's own order, a milestone per team epic."""
    base = os.path.join(tmp, f"g{tasks}_{seed}")
    subprocess.run([sys.executable, GEN, "--tasks", str(tasks), "--seed", str(seed), "--tjp",
                    base + ".tjp", "--json", base + ".json"], check=True, capture_output=True)
    subprocess.run([cairn, "convert", base + ".tjp", "--to", "yaml", "-o", base + ".yaml"],
                   check=True, capture_output=True)
    with open(base + ".yaml") as f:
        plan = yaml.safe_load(f)
    plan["program"].pop("schedule_order", None)
    epics = [it["key"] for it in plan["items"]
             if it.get("kind") == "epic" and it["key"].count(".") == 2]
    plan["milestones"] = [{"key": f"M{i}", "name": f"epic {e}", "items": [e]}
                          for i, e in enumerate(epics)]
    return plan, base


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cairn", default=os.path.join(HERE, "..", "build", "release", "cairn"))
    ap.add_argument("--tasks", type=int, default=300)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    ap.add_argument("--witness", choices=["search", "random"], default="search")
    ap.add_argument("--schedules", type=int, default=0, help="passes of the run checked; 0: auto")
    ap.add_argument("--check", action="store_true",
                    help="fail unless the run beats 64 passes and threads do not matter")
    ap.add_argument("--max-late", type=int, default=None,
                    help="with --check: fail when more milestones are late in all")
    a = ap.parse_args()
    cols = ["tasks", "seed", "milestones", "late", "days late", "worst", "end", "witness end",
            "passes", "s"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---:|" * len(cols))
    days, bad, late_all = {"run": 0, "64 passes": 0}, [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in a.seeds:
            plan, base = program(a.cairn, a.tasks, seed, tmp)
            w = dict(plan)
            extra = ["--schedules", "3000", "--seed", "99"]
            if a.witness == "random":
                rng = random.Random(seed)
                w["items"] = [dict(it, priority=rng.randint(1, 1000))
                              if it.get("kind") != "epic" else it for it in plan["items"]]
                extra = []
            with open(base + "_w.yaml", "w") as f:
                yaml.safe_dump(w, f, sort_keys=False)
            wd = schedule(a.cairn, base + "_w.yaml", extra)
            dates = {m["key"]: m["date"] for m in wd["milestones"]}
            for m in plan["milestones"]:
                m["deadline"] = dates[m["key"]]
            with open(base + "_d.yaml", "w") as f:
                yaml.safe_dump(plan, f, sort_keys=False)
            t0 = time.perf_counter()
            d = schedule(a.cairn, base + "_d.yaml",
                         ["--schedules", str(a.schedules)] if a.schedules else [])
            secs = time.perf_counter() - t0
            late = [m.get("days_late", 0) for m in d["milestones"] if m.get("late")]
            row = [a.tasks, seed, len(d["milestones"]), len(late), sum(late), max(late, default=0),
                   d["project_end"], wd["project_end"], d["schedules"], f"{secs:.2f}"]
            print("| " + " | ".join(str(x) for x in row) + " |", flush=True)
            if a.check:
                days["run"] += sum(late)
                late_all += len(late)
                d64 = schedule(a.cairn, base + "_d.yaml", ["--schedules", "64"])
                days["64 passes"] += sum(m.get("days_late", 0) for m in d64["milestones"]
                                         if m.get("late"))
                dt = schedule(a.cairn, base + "_d.yaml", ["--threads", "2"] +
                              (["--schedules", str(a.schedules)] if a.schedules else []))
                if dt["items"] != d["items"]:
                    bad.append(f"seed {seed}: 2 threads give another schedule")
    if a.check:
        print(f"working days late in all: {days['run']} (64 passes: {days['64 passes']})")
        if days["run"] >= days["64 passes"] and days["64 passes"] > 0:
            bad.append("the run leaves no fewer working days late than 64 passes")
        if a.max_late is not None:
            print(f"milestones late in all: {late_all} (at most {a.max_late})")
            if late_all > a.max_late:
                bad.append(f"{late_all} milestones late, more than {a.max_late}")
        for b in bad:
            print("FAIL:", b)
        sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()

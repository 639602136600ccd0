#!/usr/bin/env python3
"""Deadline results of `cairn schedule` on generated programs whose deadlines can all be met.

    bench/deadlines.py [--cairn build/release/cairn] [--vs OTHER_CAIRN] [--items 300 1000] [--seeds 1 2 3]

For each size and seed, bench/gen_deadline_program.py writes a program with a known schedule that
meets every milestone deadline; `cairn schedule --format json` schedules it. Prints one row per
program: milestones, how many are late, their working days late in all, the worst, the project end
and the wall time; with --vs, the same for a second binary (e.g. an older build) beside it.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cairn, plan):
    t0 = time.perf_counter()
    p = subprocess.run([cairn, "schedule", "--format", "json", plan], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"{cairn} failed on {plan}: {p.stderr}")
    d = json.loads(p.stdout)
    ms = d["milestones"]
    late = [m for m in ms if m.get("late")]
    days = [m.get("days_late", 0) for m in late]
    return {"ms": len(ms), "late": len(late), "days": sum(days), "worst": max(days, default=0),
            "end": d["project_end"], "wall": wall}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cairn", default=os.path.join(HERE, "..", "build", "release", "cairn"))
    ap.add_argument("--vs", help="a second cairn binary to compare with")
    ap.add_argument("--items", type=int, nargs="+", default=[300, 1000])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--per-milestone", type=int, default=10, help="items per milestone")
    a = ap.parse_args()
    cols = ["items", "seed", "milestones", "late", "days late", "worst", "end", "s"]
    if a.vs:
        cols += ["late (vs)", "days late (vs)", "worst (vs)", "end (vs)", "s (vs)"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---:|" * len(cols))
    with tempfile.TemporaryDirectory() as tmp:
        for n in a.items:
            for seed in a.seeds:
                plan = os.path.join(tmp, f"gen{n}_{seed}.yaml")
                with open(plan, "w") as f:
                    subprocess.run([sys.executable, os.path.join(HERE, "gen_deadline_program.py"),
                                    "--items", str(n), "--seed", str(seed),
                                    "--milestones", str(max(2, n // a.per_milestone))], stdout=f, check=True)
                r = run(a.cairn, plan)
                row = [n, seed, r["ms"], r["late"], r["days"], r["worst"], r["end"],
                       f"{r['wall']:.2f}"]
                if a.vs:
                    v = run(a.vs, plan)
                    row += [v["late"], v["days"], v["worst"], v["end"], f"{v['wall']:.2f}"]
                print("| " + " | ".join(str(x) for x in row) + " |", flush=True)


if __name__ == "__main__":
    main()

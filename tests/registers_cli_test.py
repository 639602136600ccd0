#!/usr/bin/env python3
"""`cairn risks` and `cairn deps` on a stored program: the risk exposure trend over the stored
revisions, checked against an independent computation from the plan's YAML (no Cairn code).

    tests/registers_cli_test.py CAIRN_BINARY SOURCE_DIR

Stores examples/atlas (revision 1), raises R1's probability by 0.2 (revision 2), closes R2
(revision 3), and checks each revision's total exposure in days and money (open risks only:
probability x PERT mean impact, and probability x (cost_impact + mean days x burn rate), the burn
rate being every person's cost_per_day x allocation). Also: a plan file says it has no history,
and `deps` reads the stored program.
"""

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

import yaml

from checks import check, summary

cairn, root = sys.argv[1], pathlib.Path(sys.argv[2])


def run(*args):
    return subprocess.run([cairn, *args], capture_output=True, text=True)


def pert(i):
    if isinstance(i, (int, float)):
        return float(i)
    return (i[0] + 4 * i[1] + i[2]) / 6


def probability(p):
    return float(p[:-1]) / 100 if isinstance(p, str) else float(p)


def share(a):
    """An allocation: a percent, written 50 or "50%"."""
    return float(a[:-1]) / 100 if isinstance(a, str) else float(a) / 100


def exposure(risks, rate):
    days = money = 0.0
    for r in risks:
        if r.get("status", "open") != "open":
            continue
        p, d = probability(r.get("probability", 0)), pert(r.get("impact", 0))
        days += p * d
        money += p * (r.get("cost_impact", 0) + d * rate)
    return days, money


with tempfile.TemporaryDirectory() as tmp:
    plan = pathlib.Path(tmp) / "atlas"
    shutil.copytree(root / "examples" / "atlas", plan)
    db = str(pathlib.Path(tmp) / "t.db")
    people = yaml.safe_load((plan / "people.yaml").read_text())["people"]
    rate = sum(p.get("cost_per_day", 0) * share(p.get("allocation", 100)) for p in people)
    risks_file = plan / "risks.yaml"
    expected = []
    for step in range(3):
        doc = yaml.safe_load(risks_file.read_text())
        if step == 1:
            doc["risks"][0]["probability"] = probability(doc["risks"][0]["probability"]) + 0.2
        if step == 2:
            doc["risks"][1]["status"] = "closed"
        risks_file.write_text(yaml.safe_dump(doc, sort_keys=False))
        expected.append(exposure(doc["risks"], rate))
        r = run("apply", "--db", db, "-q", str(plan))
        check(f"apply revision {step + 1}", r.returncode == 0, r.stderr[-300:])
    r = run("risks", "--db", db, "--effect-trials", "0", "--format", "json")
    check("risks --db runs", r.returncode in (0, 1), r.stderr[-300:])
    doc = json.loads(r.stdout) if r.stdout else {}
    trend = doc.get("trend", [])
    check("three points, one per revision", [p["revision"] for p in trend] == [1, 2, 3],
          json.dumps(trend)[:300])
    check("the burn rate is the cost rate", abs(doc.get("cost_per_day", 0) - rate) < 1e-6,
          f"{doc.get('cost_per_day')} vs {rate}")
    for p, (days, money) in zip(trend, expected):
        check(f"revision {p['revision']}: exposure {days:.2f} days, {money:.2f}",
              abs(p["exposure"]["days"] - days) < 0.006 and
              abs(p["exposure"]["money"] - money) < 0.006, json.dumps(p))
    check("the last point is today's total", trend and trend[-1]["exposure"] == doc["total"])
    r = run("risks", "--effect-trials", "0", str(plan))
    check("a plan file says it has no history", "no history" in r.stdout, r.stdout[-300:])
    r = run("deps", "--db", db, "--trials", "300", "--effect-trials", "0", "--format", "json")
    deps = json.loads(r.stdout) if r.stdout else {}
    check("deps --db lists the cross-team dependencies",
          r.returncode in (0, 1) and len(deps.get("dependencies", [])) > 10, r.stderr[-300:])

sys.exit(summary())

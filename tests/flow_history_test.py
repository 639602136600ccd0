#!/usr/bin/env python3
"""`cairn flow --history` on the shared real issue histories, checked against a second,
independent computation here (plain Python over the CSV, no Cairn code).

    tests/flow_history_test.py CAIRN_BINARY SHARED_DIR

For each history (rueedlinger: two Scrum projects, 2012-2018; the Public Jira sample: 245 projects)
and a few as-of dates and windows, recomputes per stream and for the whole history: items finished
in the window, the weekly throughput bins, cycle-time percentiles (nearest rank, created to
resolved, over the window or, below 5 samples, the whole history), the mean cycle time, WIP at the
as-of day, the time-averaged WIP, each open item's age and the cumulative-flow counts of every
day; and checks that the rows the reader skipped are the ones filtered here, and that rows resolved
before they were created count as finished the day they were resolved (one day early: a time zone,
created that day; more: no cycle time). Prints one line per
check and `N passed, M failed`; exits 1 when a check failed.
"""

import csv
import datetime
import json
import math
import pathlib
import subprocess
import sys

from checks import check, summary

cairn, shared = sys.argv[1], pathlib.Path(sys.argv[2])
HIST = shared / "data" / "history"
DAY = datetime.timedelta(days=1)


def load(path, created_col, resolved_col, group_col):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            c, r = rec[created_col].strip()[:10], rec[resolved_col].strip()[:10]
            try:
                created = datetime.date.fromisoformat(c)
            except ValueError:
                continue
            resolved = datetime.date.fromisoformat(r) if r else None
            unknown = False
            if resolved and resolved < created:
                unknown = (created - resolved).days > 1
                created = resolved
            rows.append((rec[group_col] if group_col else "history", created, resolved, unknown))
    return rows


def nearest_rank(sorted_values, p):
    rank = max(1, math.ceil(p * len(sorted_values) / 100 - 1e-9))
    return sorted_values[rank - 1]


def expected(rows, as_of, window):
    first = min(r[1] for r in rows)
    start = max(as_of - (window - 1) * DAY, first)
    days = (as_of - start).days + 1
    now = as_of + DAY
    streams = {}
    for g, c, r, u in rows:
        streams.setdefault(g, []).append((c, r, u))
    streams["program"] = [(c, r, u) for _, c, r, u in rows]
    out = {}
    bins = (days + 6) // 7
    for name, items in streams.items():
        present = [(c, r, u) for c, r, u in items if c <= as_of]
        done_w = [(c, r, u) for c, r, u in present if r and start <= r <= as_of]
        weekly = [0] * bins
        for _, r, _ in done_w:
            weekly[bins - 1 - ((now - r).days - 1) // 7] += 1
        cyc_w = sorted((r - c).days for c, r, u in done_w if not u)
        cyc_all = sorted((r - c).days for c, r, u in present if r and r <= as_of and not u)
        basis = cyc_w if len(cyc_w) >= 5 else cyc_all
        wip_days = 0
        for c, r, _ in present:
            end = min(r, now) if r and r <= as_of else now
            lo, hi = max(c, start), min(end, now)
            wip_days += max(0, (hi - lo).days)
        open_items = [(c, r) for c, r, _ in present if not (r and r <= as_of)]
        cfd_open, cfd_done = [], []
        for k in range(days):
            d = start + k * DAY
            cfd_open.append(sum(1 for c, r, _ in items if c <= d and not (r and r <= d)))
            cfd_done.append(sum(1 for c, r, _ in items if r and r <= d))
        out[name] = {
            "finished": len(done_w),
            "weekly": weekly,
            "samples": len(basis),
            "basis": "window" if basis is cyc_w else "history",
            "pcts": [nearest_rank(basis, p) for p in (50, 70, 85, 95)] if basis else None,
            "mean": sum(cyc_w) / len(cyc_w) if cyc_w else None,
            "wip": len(open_items),
            "avg_wip": wip_days / days,
            "ages": sorted(((now - c).days for c, _ in open_items), reverse=True),
            "cfd_open": cfd_open,
            "cfd_done": cfd_done,
        }
    return start, days, out


def compare(label, doc, exp_start, exp_days, exp):
    check(f"{label}: window", doc["window"]["from"] == exp_start.isoformat()
          and doc["window"]["days"] == exp_days, doc["window"])
    got = {s["key"]: s for s in doc["streams"]}
    got["program"] = doc["overall"]
    check(f"{label}: the same streams", set(got) == set(exp), f"{sorted(got)} vs {sorted(exp)}")
    for name, e in exp.items():
        s = got.get(name)
        if s is None:
            continue
        ct = s["cycle_time_days"]
        pcts = [ct["p50"], ct["p70"], ct["p85"], ct["p95"]] if ct["p50"] is not None else None
        close = lambda a, b: (a is None and b is None) or (
            a is not None and b is not None and abs(a - b) < 1e-6)
        bands = s["cumulative_flow"]["states"]
        checks = {
            "finished": s["finished"] == e["finished"],
            "weekly throughput": [w["items"] for w in s["weekly_throughput"]] == e["weekly"],
            "cycle-time samples and basis": ct["samples"] == e["samples"]
            and ct["basis"] == e["basis"],
            "percentiles": pcts == e["pcts"],
            "mean cycle time": close(ct["mean"], e["mean"]),
            "WIP": s["wip"] == e["wip"],
            "average WIP": abs(s["littles_law"]["average_wip"] - e["avg_wip"]) < 1e-6,
            "aging": [round(a["age_days"], 6) for a in s["aging"]] == e["ages"],
            "cumulative flow": bands[0]["counts"] == e["cfd_open"]
            and bands[1]["counts"] == e["cfd_done"],
        }
        for what, ok in checks.items():
            check(f"{label} {name}: {what}", ok,
                  f"cairn {json.dumps(s)[:300]} vs expected {json.dumps(e, default=str)[:300]}")


CASES = [
    ("rueedlinger", HIST / "rueedlinger-agile-project-dataset" / "jira.csv",
     "created_date", "finished_date", "project",
     [("2016-06-30", 84), ("2017-12-31", 365), ("2013-05-10", 30), (None, 84)]),
    ("publicjira", HIST / "publicjira-time-estimates_abroniewski" / "clean_data_r1.csv",
     "created", "resolutiondate", "", [("2020-12-31", 180), (None, 84)]),
]

for name, path, created, resolved, group, points in CASES:
    rows = load(path, created, resolved, group)
    check(f"{name}: the history has rows", len(rows) > 100, len(rows))
    for as_of, window in points:
        args = [cairn, "flow", "--history", str(path), "--created", created, "--resolved",
                resolved, "--window", str(window), "--format", "json"]
        if as_of:
            args += ["--as-of", as_of]
        else:
            # By default the window ends on the newest creation day (an export's date): after it,
            # rueedlinger has only older issues finished later (six, up to 2019-08-08).
            # The window checked below then ends there.
            as_of = max(c for _, c, _, _ in rows).isoformat()
        if group:
            args += ["--group", group]
        r = subprocess.run(args, capture_output=True, text=True, timeout=300)
        try:
            doc = json.loads(r.stdout)
        except ValueError:
            check(f"{name} {as_of}: prints JSON", False, r.stderr[:300])
            continue
        check(f"{name} {as_of}: exit code 0 or 1 (findings)", r.returncode in (0, 1), r.stderr[:300])
        start, days, exp = expected(rows, datetime.date.fromisoformat(as_of), window)
        compare(f"{name} {as_of}/{window}d", doc, start, days, exp)

sys.exit(summary())

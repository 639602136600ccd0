#!/usr/bin/env python3
"""How `cairn schedule` milestone dates move when one item's work grows, fresh and with --keep-order.

    bench/stability.py PLAN_DIR_OR_FILE [--cairn build/release/cairn] [--items N] [--days D]

PLAN_DIR_OR_FILE: a plan folder, or a plan file (copied alone: give the folder of a plan whose files
include others). For up to N open items with an estimate (spread over the plan), writes a copy of
the plan with that
item's estimate (and remaining work) doubled, and another with D working days added, then schedules
each copy twice: searching anew (the default for a plan file) and keeping the original schedule's
order (--keep-order with the original's JSON). Prints, per mode, how many edits moved some milestone
EARLIER (more work must never do that), the largest such move, and the largest move LATER beyond the
days added (working days of the program calendar, weekends only).
"""
import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile


def workdays(a, b, holidays=()):
    """Working days (Mon-Fri, less `holidays`, ISO dates) in (a, b]; negative when b < a."""
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        n += d.weekday() < 5 and d.isoformat() not in holidays
    return sign * n


def schedule(cairn, plan, extra=()):
    p = subprocess.run([cairn, "schedule", "--format", "json", *extra, plan], capture_output=True,
                       text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{cairn} failed on {plan}: {p.stderr[-800:]}")
    return json.loads(p.stdout)


def ms_dates(doc):
    return {m["key"]: dt.date.fromisoformat(m["date"]) for m in doc["milestones"] if m.get("date")}


ITEM = re.compile(r"^(\s*- key: )(\S+)\s*$")
EST = re.compile(r"^(\s*estimate: \[)([^\]]*)(\].*)$")
REM = re.compile(r"^(\s*remaining: )(\S+)(.*)$")


def edit(text, key, factor, days):
    """The plan text with item `key`'s estimate (and remaining) scaled/extended; None if absent."""
    out, inside, done = [], False, False
    inline = re.compile(r"^(\s*- \{key: )" + re.escape(key) + r",")
    for line in text.splitlines(keepends=True):
        if inline.match(line):  # a one-line item: {key: K, ..., estimate: [o, m, p], ...}
            line = re.sub(r"estimate: \[([^\]]*)\]",
                          lambda e: "estimate: [" + ", ".join(
                              f"{float(v) * factor + days:g}" for v in e.group(1).split(",")) + "]",
                          line)
            out.append(line)
            continue
        m = ITEM.match(line)
        if m:
            inside = m.group(2) == key
        elif inside and not done:
            e = EST.match(line)
            if e:
                vals = [float(v) * factor + days for v in e.group(2).split(",")]
                line = e.group(1) + ", ".join(f"{v:g}" for v in vals) + e.group(3) + "\n"
            r = REM.match(line)
            if r:
                line = f"{r.group(1)}{float(r.group(2)) * factor + days:g}{r.group(3)}\n"
        out.append(line)
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("plan")
    ap.add_argument("--cairn", default=os.path.join(os.path.dirname(__file__), "..", "build",
                                                    "release", "cairn"))
    ap.add_argument("--items", type=int, default=40)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--search-only", action="store_true",
                    help="only the fresh search (for builds without --keep-order)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = a.plan if os.path.isdir(a.plan) else os.path.dirname(os.path.abspath(a.plan))
        base_doc = schedule(a.cairn, a.plan)
        prev = os.path.join(tmp, "previous.json")
        with open(prev, "w") as f:
            json.dump(base_doc, f)
        ref = ms_dates(base_doc)
        open_items = [i["key"] for i in base_doc["items"]
                      if i.get("state") != "done" and i.get("kind") != "epic" and i.get("start")]
        step = max(1, len(open_items) // a.items)
        keys = open_items[::step][: a.items]
        stats = {m: {"edits": 0, "earlier": 0, "worst_earlier": 0, "worst_over": 0}
                 for m in ("search", "keep-order")}
        for key in keys:
            for factor, days in ((2, 0), (1, a.days)):
                work = os.path.join(tmp, "plan")
                shutil.rmtree(work, ignore_errors=True)
                if os.path.isdir(a.plan):
                    # The temporary folder is never copied into itself (a plan folder above it).
                    shutil.copytree(src, work, ignore=lambda d, names: [
                        n for n in names if os.path.abspath(os.path.join(d, n)) == tmp])
                else:
                    # A plan file alone (give the folder for a plan whose files include others).
                    os.makedirs(work)
                    shutil.copy2(a.plan, work)
                changed = False
                for name in os.listdir(work):
                    if not name.endswith(".yaml"):
                        continue
                    path = os.path.join(work, name)
                    text = open(path).read()
                    new = edit(text, key, factor, days)
                    if new != text:
                        open(path, "w").write(new)
                        changed = True
                if not changed:
                    continue
                target = work if os.path.isdir(a.plan) else os.path.join(work, os.path.basename(a.plan))
                modes = [("search", ())] + ([] if a.search_only else [("keep-order", ("--keep-order", prev))])
                for mode, extra in modes:
                    got = ms_dates(schedule(a.cairn, target, extra))
                    s = stats[mode]
                    s["edits"] += 1
                    moves = [workdays(ref[m], got[m]) for m in ref if m in got]
                    earliest = min(moves, default=0)
                    if earliest < 0:
                        s["earlier"] += 1
                        s["worst_earlier"] = min(s["worst_earlier"], earliest)
                    if days:
                        s["worst_over"] = max(s["worst_over"], max(moves, default=0) - days)
        print("| mode | edits | some milestone earlier | worst earlier (working days) |"
              f" worst later beyond the {a.days} days added |")
        print("|---|---:|---:|---:|---:|")
        for mode, s in stats.items():
            print(f"| {mode} | {s['edits']} | {s['earlier']} | {s['worst_earlier']} | {s['worst_over']} |")


if __name__ == "__main__":
    main()

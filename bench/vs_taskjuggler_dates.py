#!/usr/bin/env python3
"""Cairn against TaskJuggler 3 on the dates of the same .tjp file.

    bench/vs_taskjuggler_dates.py [--cairn PATH] [--list] [--scenario S] [--min-rate PCT] FILE.tjp ...

For each file: copies its folder (includes stay relative) to a temporary one, appends a CSV task
report (id, start, end, with an explicit time format) to the copy, runs tj3 on it (only that
report), runs `cairn schedule --format json` on the same original file, and compares every leaf
task's start day and end day (the end day is the last day worked: the day of tj3's end instant
minus one minute; a milestone's is its start day). Prints one table row per file: leaf tasks,
start-day and end-day match rates, both project ends; with --list, every differing task with both
dates and Cairn's reason where a diagnostic of the schedule names the task.

--min-rate PCT exits 1 when a file's start or end rate is below PCT or the project ends differ
(--floor-only: only the rates), so a test can assert a floor. tj3 is the Debian package `tj3`.
"""
import argparse
import datetime as dt
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

REPORT = """
taskreport cairn_dates_cmp "cairn_dates_cmp" {
  formats csv
  columns id, start, end
  timeformat "%Y-%m-%d %H:%M"
  hideresource 1
  sorttasks tree
  {scenarios}
}
"""


def tj3_dates(tjp, scenario=None):
    """{task id: (start datetime, end datetime)} of every task tj3 schedules in `tjp`."""
    src_dir = os.path.dirname(os.path.abspath(tjp))
    with tempfile.TemporaryDirectory() as work:
        copy = os.path.join(work, "src")
        shutil.copytree(src_dir, copy)
        target = os.path.join(copy, os.path.basename(tjp))
        with open(target, "a", encoding="utf-8") as f:
            f.write(REPORT.replace("{scenarios}", f"scenarios {scenario}" if scenario else ""))
        run = subprocess.run(
            ["tj3", "--silent", "--no-color", "--report", "cairn_dates_cmp", target],
            capture_output=True, text=True, cwd=copy)
        # tj3 writes it to its cwd, or to the project's `outputdir` when the file sets one.
        csv_path = os.path.join(copy, "cairn_dates_cmp.csv")
        if not os.path.exists(csv_path):
            found = sorted(glob.glob(os.path.join(copy, "**", "cairn_dates_cmp.csv"),
                                     recursive=True))
            csv_path = found[0] if found else csv_path
        if not os.path.exists(csv_path):
            sys.exit(f"tj3 failed on {tjp}:\n{run.stdout}{run.stderr}")
        dates = {}
        with open(csv_path, encoding="utf-8") as f:
            next(f)
            for line in f:
                cells = [c.strip().strip('"') for c in line.rstrip("\n").split(";")]
                if len(cells) < 3 or not cells[1] or not cells[2]:
                    continue
                parse = lambda s: dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
                dates[cells[0]] = (parse(cells[1]), parse(cells[2]))
        return dates


def last_day(start, end):
    """The day of the last minute worked (a zero-length task: its start day)."""
    if end <= start:
        return start.date()
    return (end - dt.timedelta(minutes=1)).date()


def cairn_schedule(cairn, tjp, extra):
    run = subprocess.run([cairn, "schedule", "--format", "json", *extra, tjp],
                         capture_output=True, text=True)
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError:
        sys.exit(f"cairn schedule failed on {tjp} (exit {run.returncode}):\n{run.stderr}")


def reasons(doc):
    """{item key: [diagnostic id, ...]} from the diagnostics that name items."""
    out = {}
    for d in doc.get("diagnostics", []):
        text = d.get("message", "") + " " + str(d.get("items", ""))
        for item in doc["items"]:
            key = item["key"]
            if key in text and d.get("id") not in out.get(key, []):
                out.setdefault(key, []).append(d.get("id", "?"))
    return out


def compare(tjp, cairn, extra, scenario=None):
    tj = tj3_dates(tjp, scenario)
    if scenario:
        extra = [*extra, "--scenario", scenario]
    doc = cairn_schedule(cairn, tjp, extra)
    why = reasons(doc)
    rows, diffs = 0, []
    same_start = same_end = 0
    # tj3's containers: every prefix of an id (a.b of a.b.c). Their leaves are compared, whatever
    # Cairn makes of them (a task that spans from its start to its end is an epic in Cairn).
    containers = {k.rsplit(".", j)[0] for k in tj for j in range(1, k.count(".") + 1)}
    for item in doc["items"]:
        if item["key"] in containers or item["key"] not in tj:
            continue
        s, e = tj[item["key"]]
        rows += 1
        tj_start, tj_end = s.date(), last_day(s, e)
        c_start = dt.date.fromisoformat(item["start"][:10])
        c_end = dt.date.fromisoformat(item["finish"][:10])
        same_start += c_start == tj_start
        same_end += c_end == tj_end
        if c_start != tj_start or c_end != tj_end:
            diffs.append((item["key"], tj_start, tj_end, c_start, c_end,
                          ", ".join(why.get(item["key"], []))))
    # Both ends the same way: the latest end day of a task tj3 reports (Cairn's project_end leaves
    # out a milestone at 00:00 of the day after the last work; tj3's reports show its day).
    tj_proj_end = max((last_day(s, e) for s, e in tj.values()), default=None)
    c_proj_end = max((item["finish"][:10] for item in doc["items"]
                      if item.get("finish") and item["key"] in tj), default="?")
    return {
        "file": os.path.basename(tjp), "tasks": rows,
        "start": 100.0 * same_start / rows if rows else 100.0,
        "end": 100.0 * same_end / rows if rows else 100.0,
        "tj3_end": str(tj_proj_end), "cairn_end": c_proj_end,
        "diffs": diffs, "method": doc.get("method", "?"),
    }


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--cairn", default=os.environ.get("CAIRN",
                                                      os.path.join(here, "build/release/cairn")))
    ap.add_argument("--list", action="store_true", help="list the differing tasks")
    ap.add_argument("--min-rate", type=float, help="exit 1 below this start/end match rate")
    ap.add_argument("--floor-only", action="store_true",
                    help="with --min-rate: do not require equal project ends")
    ap.add_argument("--scenario", help="the TaskJuggler scenario to compare (default: the first)")
    ap.add_argument("--cairn-arg", action="append", default=[],
                    help="extra argument for cairn schedule (repeatable)")
    args = ap.parse_args()
    if not os.access(args.cairn, os.X_OK):
        sys.exit(f"cairn not found: {args.cairn} (build it, or pass --cairn / set CAIRN)")
    if shutil.which("tj3") is None:
        sys.exit("tj3 not found: run scripts/install-deps tj3")
    print("| file | leaf tasks | start day = tj3 | end day = tj3 | project end Cairn / tj3 |")
    print("|---|---:|---:|---:|---|")
    failed = False
    for tjp in args.files:
        r = compare(tjp, args.cairn, args.cairn_arg, args.scenario)
        ends = "equal" if r["tj3_end"] == r["cairn_end"] else f"{r['cairn_end']} / {r['tj3_end']}"
        print(f"| {r['file']} | {r['tasks']} | {r['start']:.0f} % | {r['end']:.0f} % | {ends} |")
        if args.list:
            for key, ts, te, cs, ce, why in r["diffs"]:
                print(f"    {key}: tj3 {ts}..{te}  cairn {cs}..{ce}" + (f"  ({why})" if why else ""))
        if args.min_rate is not None:
            low = min(r["start"], r["end"]) < args.min_rate
            if low or (not args.floor_only and r["tj3_end"] != r["cairn_end"]):
                print(f"  below target: {r['file']}", file=sys.stderr)
                failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""`cairn health` on a plan file and on a stored program with history.

    tests/health_cli_test.py CAIRN_BINARY SOURCE_DIR

Plan file: the program says it has no history and no milestone has a slip since a snapshot;
`--threshold` refuses an unknown name and a value that is not a number (exit 2); a threshold moves
a colour. Stored program (examples/atlas in a temporary SQLite store): with no baseline or snapshot
the program says so; after `cairn baseline create` and `cairn snapshot --date` (one before the
as-of day, one on it), every milestone has a slip of 0 against the baseline's scheduled date
(read from `cairn baseline show`: nothing changed, and the schedule keeps the baseline's order) and
a slip since the snapshot before the as-of day (read from `cairn trend`; never the one taken on the
as-of day) of 0 with the same P85 (same revision, order, trials and seed).
"""

import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

from checks import check, summary

cairn, root = sys.argv[1], pathlib.Path(sys.argv[2])
atlas = root / "examples" / "atlas"


def run(*args):
    return subprocess.run([cairn, *args], capture_output=True, text=True)


def health(*args):
    r = run("health", "--format", "json", "--trials", "200", *args)
    check(f"health {' '.join(args)}: exit 0 or 1 and JSON", r.returncode in (0, 1) and r.stdout,
          r.stderr[:300])
    return json.loads(r.stdout) if r.stdout else {}


def reasons(status, rule):
    return [x for x in status.get("reasons", []) if x["rule"] == rule]


doc = health(str(atlas))
history = reasons(doc.get("overall", {}), "history")
check("plan file: the program says it has no history",
      len(history) == 1 and "plan file" in history[0]["text"], json.dumps(history))
check("plan file: no slip since a snapshot",
      not any(reasons(m, "snapshot_slip") for m in doc.get("milestones", [])))
m2 = next((m for m in doc.get("milestones", []) if m["key"] == "M2"), {})
check("plan file: M2 red with its open-bugs gate",
      m2.get("rag") == "red" and "gate open_bugs 14 > 5" in m2.get("summary", ""), m2.get("summary"))

# The CSV: one line per subject (program, milestones, teams, dependencies) with its summary; the
# table: every milestone and team with its colour.
csv_lines = run("health", "--format", "csv", "--trials", "200", str(atlas)).stdout.splitlines()
subjects = 1 + len(doc.get("milestones", [])) + len(doc.get("teams", [])) + len(
    doc.get("dependencies", []))
check("csv: a header and one line per subject",
      csv_lines[:1] == ["kind,key,name,rag,typed,summary"] and len(csv_lines) == 1 + subjects,
      f"{len(csv_lines)} lines for {subjects} subjects")
table = run("health", "--trials", "200", str(atlas)).stdout
check("table: every milestone and team with its derived colour",
      all(f"{m['kind']} {m['key']} '" in table and f": {m['rag']}" in table
          for m in doc.get("milestones", []) + doc.get("teams", [])), table[:300])

bad = run("health", str(atlas), "--threshold", "on_time=0.5")
check("an unknown threshold is refused with the known names (exit 2)",
      bad.returncode == 2 and "on_time_red" in bad.stderr, bad.stderr[:300])
bad = run("health", str(atlas), "--threshold", "on_time_red=lots")
check("a threshold that is not a number is refused (exit 2)", bad.returncode == 2, bad.stderr[:300])
low = health(str(atlas), "--threshold", "on_time_red=0", "--threshold", "on_time_amber=0")
f = reasons(next((m for m in low.get("milestones", []) if m["key"] == "M2"), {}), "forecast")
check("thresholds move a colour: M2's forecast is green with both on-time thresholds at 0",
      f and f[0]["rag"] == "green" and low["thresholds"]["on_time_red"] == 0, json.dumps(f))

tmp = pathlib.Path(tempfile.mkdtemp(prefix="cairn_health_"))
try:
    db = str(tmp / "h.db")
    r = run("apply", "--db", db, str(atlas))
    check("apply examples/atlas", r.returncode == 0, r.stderr[:300])
    doc = health("--db", db)
    history = reasons(doc.get("overall", {}), "history")
    check("stored, no baseline or snapshot: the program says so",
          len(history) == 1 and "no stored baseline" in history[0]["text"], json.dumps(history))
    for args in (["baseline", "create", "plan-of-record"], ["snapshot", "--date", "2026-11-16"],
                 ["snapshot", "--date", "2026-11-23"]):
        r = run(*args, "--db", db, "--trials", "200")
        check(" ".join(args), r.returncode == 0, r.stderr[:300])
    show = json.loads(run("baseline", "show", "plan-of-record", "--db", db, "--format",
                          "json").stdout)
    base = {m["key"]: m["date"] for m in show["schedule"]["milestones"]}
    trend = json.loads(run("trend", "--db", db, "--format", "json").stdout)
    snap = next(s["p85"] for s in trend["snapshots"] if s["date"] == "2026-11-16")
    doc = health("--db", db)
    check("stored with history: no history note", not reasons(doc.get("overall", {}), "history"))
    for m in doc.get("milestones", []):
        p85 = reasons(m, "forecast")[0]["text"].split()[1].rstrip(",")
        b = reasons(m, "baseline_slip")
        # Nothing changed since the baseline and the schedule keeps its order: no slip.
        check(f"{m['key']}: scheduled date since baseline plan-of-record, {base[m['key']]}: 0",
              len(b) == 1 and f"{base[m['key']]} -> {base[m['key']]}" in b[0]["text"]
              and "plan-of-record" in b[0]["text"] and b[0]["value"] == 0, json.dumps(b))
        s = reasons(m, "snapshot_slip")
        check(f"{m['key']}: slip since the snapshot of 2026-11-16 (not the as-of day's)",
              len(s) == 1 and "2026-11-16" in s[0]["text"]
              and f"{snap[m['key']]} -> {p85}" in s[0]["text"], json.dumps(s))
        # The same revision, the same order, trials and seed as the snapshot: the same P85.
        check(f"{m['key']}: P85 as the snapshot's (nothing changed)", p85 == snap[m["key"]],
              f"{p85} vs {snap[m['key']]}")
        check(f"{m['key']}: a slip of 0 working days is green",
              all(x["rag"] == "green" for x in b + s if x["value"] == 0))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

sys.exit(summary())

#!/usr/bin/env python3
"""Any format into any command (io::read_any), and exports that carry what Cairn computed.

usage: read_any_test.py CAIRN SOURCE_DIR"""
import csv
import io
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

from checks import check, summary

cairn, root = sys.argv[1], pathlib.Path(sys.argv[2])
atlas = root / "examples" / "atlas"
imports = root / "testdata" / "import"
shared = root.parent / "shared" / "data" / "mspdi"
tjp = root / "testdata" / "tjp" / "semantics" / "gaps.tjp"
env = dict(os.environ, SOURCE_DATE_EPOCH="0")


def run(*args):
    return subprocess.run([cairn, *map(str, args)], capture_output=True, text=True, timeout=300,
                          env=env)


# Every command that reads a program reads every format.
inputs = [imports / "jira_small.csv", imports / "github_issues.json", imports / "mspdi_small.xml",
          shared / "sample.xml", tjp]
for path in inputs:
    for cmd in (["schedule", "--format", "json"], ["forecast", "--format", "json", "--trials", "200"],
                ["summary", "--format", "json"], ["check"], ["export", "--format", "yaml"],
                ["convert", "--to", "yaml"]):
        r = run(*cmd, path)
        ok = r.returncode in (0, 1) and len(r.stdout) > 50
        if ok and "json" in cmd:
            ok = isinstance(json.loads(r.stdout), dict)
        check(f"{cmd[0]} reads {path.name}", ok, f"exit {r.returncode}: {r.stderr[-300:]}")

r = run("schedule", shared / "sample.xml")
check("schedule of an MSPDI file schedules its tasks", r.returncode in (0, 1) and "Ends " in r.stdout,
      r.stdout[:300] + r.stderr[-300:])

with tempfile.TemporaryDirectory() as tmp:
    db = pathlib.Path(tmp) / "cairn.db"
    r = run("import", tjp, "--db", db)
    check("import reads a .tjp", r.returncode == 0 and "tjp from" in r.stdout, r.stdout + r.stderr)
    note = pathlib.Path(tmp) / "note.txt"
    note.write_text("hello world\n")
    for cmd in ("schedule", "forecast", "check", "convert"):
        args = [cmd, note] + (["--to", "yaml"] if cmd == "convert" else [])
        r = run(*args)
        check(f"{cmd}: an undetectable file exits 2 naming the formats read",
              r.returncode == 2 and "cannot tell" in (r.stderr + r.stdout) and "jira-csv" in (r.stderr + r.stdout),
              f"exit {r.returncode}: {r.stdout[-200:]}{r.stderr[-300:]}")

for cmd in (["convert", "--to", "yaml"], ["import", "--db", ":memory:"]):
    r = run(*cmd, "--format", "jira-csv", shared / "sample.xml")
    check(f"{cmd[0]}: a wrong --format names what was detected (exit 2)",
          r.returncode == 2 and "looks like mspdi, not jira-csv" in r.stderr, f"exit {r.returncode}: {r.stderr[-300:]}")
r = run("convert", "--to", "yaml", "--format", "excel", imports / "jira_small.csv")
check("convert: an unknown --format is a usage error", r.returncode == 2 and "excel" in r.stderr, r.stderr[-300:])

# Exports carry the leveled schedule: the same dates `cairn schedule` prints.
r = run("schedule", "--format", "json", atlas)
sched = json.loads(r.stdout)
dates = {i["key"]: (i["start"], i["finish"]) for i in sched["items"]}
r = run("convert", "--to", "csv", atlas)
rows = list(csv.DictReader(io.StringIO(r.stdout)))
check("convert --to csv fills start/finish from the schedule for every item",
      len(rows) == len(dates) > 300 and all((x["start"], x["finish"]) == dates[x["key"]] for x in rows),
      str([(x["key"], x["start"], x["finish"], dates.get(x["key"])) for x in rows[:3]]))
check("convert --to csv leaves P50/P85 out without --forecast", all(not x["p85"] for x in rows))
r = run("convert", "--to", "csv", "--forecast", atlas)
rows = list(csv.DictReader(io.StringIO(r.stdout)))
with_p85 = [x for x in rows if x["p85"]]
check("convert --to csv --forecast fills P50/P85 of milestone items, P50 <= P85",
      len(with_p85) > 50 and all(x["p50"] <= x["p85"] for x in with_p85), r.stderr[-300:])

with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "atlas.xml"
    r = run("convert", "--to", "mspdi", atlas, "-o", out)
    ns = {"p": "http://schemas.microsoft.com/project"}
    root_el = ET.parse(out).getroot()
    key_field = next(a.find("p:FieldID", ns).text for a in root_el.findall("p:ExtendedAttributes/p:ExtendedAttribute", ns)
                     if a.find("p:Alias", ns).text == "Cairn key")
    same = total = 0
    for t in root_el.findall("p:Tasks/p:Task", ns):
        key = next((e.find("p:Value", ns).text for e in t.findall("p:ExtendedAttribute", ns)
                    if e.find("p:FieldID", ns).text == key_field), None)
        if key in dates:
            total += 1
            same += (t.find("p:Start", ns).text[:10], t.find("p:Finish", ns).text[:10]) == dates[key]
    check("MSPDI export starts and finishes every task on its leveled dates",
          total == len(dates) and same == total, f"{same} of {total} of {len(dates)}")
    r = run("convert", "--to", "yaml", out)
    r2 = run("convert", "--to", "yaml", atlas)
    cal = lambda text: text[text.find("  calendar:"):text.find("teams:")]
    check("MSPDI export -> import keeps the program calendar", cal(r.stdout) == cal(r2.stdout) and cal(r.stdout),
          cal(r.stdout)[:300])

r = run("convert", "--to", "ical", atlas)
for m in sched["milestones"]:
    check(f"iCal milestone {m['key']} says its planned finish",
          f"Planned finish: {m['date']}" in r.stdout.replace("\r\n ", ""), m["date"])

sys.exit(summary())

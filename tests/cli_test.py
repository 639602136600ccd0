#!/usr/bin/env python3
"""End-to-end checks of the `cairn` command on the example program and a few edge cases."""
import json
import pathlib
import subprocess
import sys
import tempfile

from checks import check, summary

cairn, root = sys.argv[1], pathlib.Path(sys.argv[2])
atlas = root / "examples" / "atlas"


def run(*args, **kw):
    return subprocess.run([cairn, *args], capture_output=True, text=True, timeout=120, **kw)


r = run("check", str(atlas))
check("atlas checks clean (exit 0)", r.returncode == 0, r.stdout + r.stderr)
check("atlas has no warnings", "0 errors, 0 warnings" in r.stdout, r.stdout[-300:])

r = run("check", "--format", "json", str(atlas))
doc = json.loads(r.stdout)
check("json check output", doc["errors"] == 0 and isinstance(doc["diagnostics"], list), r.stdout[:200])

r = run("summary", str(atlas))
check("summary prints teams and milestones", r.returncode == 0 and "Milestones" in r.stdout, r.stderr)

# export -> check -> export is a fixed point, in YAML and JSON.
with tempfile.TemporaryDirectory() as tmp:
    for fmt in ("yaml", "json"):
        first = run("export", "--format", fmt, str(atlas))
        path = pathlib.Path(tmp) / f"atlas.{fmt}"
        path.write_text(first.stdout)
        again = run("export", "--format", fmt, str(path))
        check(f"export {fmt} round trip is a fixed point",
              first.returncode == 0 and first.stdout == again.stdout and len(first.stdout) > 1000,
              again.stderr[:300])
    garbage = pathlib.Path(tmp) / "garbage.yaml"
    garbage.write_bytes(bytes(range(256)) * 100)
    r = run("check", str(garbage))
    check("binary garbage exits 2 with a message", r.returncode == 2 and "binary" in r.stdout, r.stdout[:200])
    r = run("check", str(pathlib.Path(tmp) / "missing.yaml"))
    check("missing file exits 2", r.returncode == 2 and "cannot read" in r.stdout, r.stdout[:200])

# cairn schedule: the JSON names scripts rely on, and the same dates as the CSV.
r = run("schedule", "--format", "json", "--timings", str(atlas))
check("schedule runs (exit 0 or 1: late milestones)", r.returncode in (0, 1), r.stderr[-300:])
sched = json.loads(r.stdout)
check("schedule json has project_end", len(sched["project_end"]) == 10 and sched["project_end"][4] == "-",
      str(sched.get("project_end")))
item_keys = {"key", "assignee", "start", "finish", "slack", "critical"}
check("schedule json items carry the stable fields",
      len(sched["items"]) > 300 and all(item_keys <= set(i) for i in sched["items"]),
      str(sched["items"][0]))
check("schedule json milestones carry key, date, deadline",
      len(sched["milestones"]) == 4 and all({"key", "date", "deadline"} <= set(m) for m in sched["milestones"]),
      str(sched["milestones"]))
check("project_end is the latest item finish",
      sched["project_end"] == max(i["finish"] for i in sched["items"] if i["finish"]), sched["project_end"])
phases = [line.split()[1] for line in r.stderr.splitlines() if line.startswith("timing ")]
check("--timings prints read, schedule and output", phases[:3] == ["read", "schedule", "output"], r.stderr[-300:])
r = run("schedule", "--format", "csv", str(atlas))
rows = [line.split(",") for line in r.stdout.splitlines()]
finish_csv = {row[0]: row[4] for row in rows[1:]}
check("schedule csv has the json's finish dates",
      rows[0][:5] == ["key", "kind", "assignee", "start", "finish"] and
      all(finish_csv.get(i["key"]) == (i["finish"] or "") for i in sched["items"]),
      r.stdout[:200])

with tempfile.TemporaryDirectory() as tmp:
    tjp = pathlib.Path(tmp) / "p.tjp"
    tjp.write_text('project p "P" 2025-01-06 +1m\n'
                   'resource r "R"\n'
                   'task t "T" { effort 2d allocate r }\n'
                   'taskreport "out" { formats html }\n')
    r = run("schedule", str(tjp))
    check("schedule of a .tjp names what the import left out",
          r.returncode == 0 and "1 of them about TaskJuggler constructs" in r.stderr
          and f"cairn check {tjp}" in r.stderr, r.stderr)
    r = run("check", str(tjp))
    check("check lists the unsupported construct with its line",
          "p.tjp:4:1: warning" in r.stdout + r.stderr and "tjp-unsupported" in r.stdout + r.stderr,
          r.stdout + r.stderr)

# cairn schedule as a person reads it: milestones first, what is late and the critical chain with
# titles and teams; every item behind --all or a filter; an unknown filter key exits 2.
r = run("schedule", str(atlas))
lines = r.stdout.splitlines()
check("schedule table: milestones before any item list",
      r.returncode in (0, 1) and any("milestone" in l for l in lines[:6]) and "M4" in r.stdout
      and "Critical chain" in r.stdout and "Items:" not in r.stdout, r.stdout[:600])
first_chain = next((l for l in lines if l.strip().startswith(sched["critical_chain"][0]["key"])), "")
check("schedule table: chain rows carry the title and the team",
      first_chain and any(i["key"] == sched["critical_chain"][0]["key"] and i["title"][:10] in first_chain
                          and i["team"] in first_chain for i in sched["items"]), first_chain)
check("schedule table: no internal method name in the header",
      sched["method"] not in "\n".join(lines[:3]), "\n".join(lines[:3]))
r = run("schedule", "--all", str(atlas))
check("schedule --all lists every item", f"Items: {len(sched['items'])} of {len(sched['items'])}" in r.stdout,
      r.stdout[:300])
team = next(i["team"] for i in sched["items"] if i["team"])
r = run("schedule", "--team", team, str(atlas))
want = sum(1 for i in sched["items"] if i["team"] == team)
check("schedule --team lists that team's items", f"Items: {want} of" in r.stdout, r.stdout[:300])
r = run("schedule", "--team", "NOPE", str(atlas))
check("schedule --team with an unknown key exits 2 naming the known ones",
      r.returncode == 2 and "NOPE" in r.stderr and "known teams" in r.stderr and "[" not in r.stdout,
      r.stderr[:300])
r = run("schedule", "--format", "text", str(atlas))
check("--format text is still accepted (an alias of table)", r.returncode in (0, 1), r.stderr[:200])
r = run("summary", "--format", "json", str(atlas))
summ = json.loads(r.stdout)
check("summary json names the program {key, name} and rounds effort",
      summ["program"]["key"] == "ATLAS" and summ["total_effort_days"] == round(summ["total_effort_days"], 2),
      str(summ["total_effort_days"]))
r = run("forecast", "--as-of", "2026-02-30", str(atlas))
check("a bad --as-of is a usage error naming the option (exit 2)",
      r.returncode == 2 and "--as-of" in r.stderr and "YYYY-MM-DD" in r.stderr, r.stderr)
r = run("--version")
check("--version prints CMake's project version",
      r.stdout.startswith("cairn ") and f"VERSION {r.stdout.split()[-1]} " in (root / "CMakeLists.txt").read_text(),
      r.stdout)

# --keep-order FILE.json keeps every seat of an item with several: its person, or nobody, and
# when they joined (testdata/schedule/keep_order/seat_*.yaml; before session 26 both moved).
with tempfile.TemporaryDirectory() as tmp:
    for name in ("seat_did_nothing", "seat_joins_later"):
        plan = root / "testdata" / "schedule" / "keep_order" / f"{name}.yaml"
        first = run("schedule", "--format", "json", str(plan))
        prev = pathlib.Path(tmp) / f"{name}.json"
        prev.write_text(first.stdout)
        seats = [i.get("seats") for i in json.loads(first.stdout)["items"] if i["key"] == "A"][0]
        check(f"{name}: the schedule lists A's two seats", seats and len(seats) == 2, first.stdout[:400])
        table = run("schedule", "--all", str(plan)).stdout
        row = [l for l in table.splitlines() if l.strip().startswith("A ")]
        want = "with bob from 2026-03-03" if name == "seat_joins_later" else None
        check(f"{name}: the table names who else works on A, and from when",
              row and (want in row[0] if want else "with " not in row[0]), table[-600:])
        kept = run("schedule", "--format", "json", "--keep-order", str(prev), str(plan))
        dates = lambda out: [(i["key"], i["start_time"], i["finish_time"]) for i in json.loads(out)["items"]]
        check(f"{name}: keeping the order of the unchanged plan reproduces it",
              kept.returncode == first.returncode and dates(kept.stdout) == dates(first.stdout),
              f"{dates(first.stdout)} -> {kept.stdout[:400]} {kept.stderr[-300:]}")
    doc = json.loads(first.stdout)
    for i in doc["items"]:
        if i["key"] == "A":
            i["seats"][1] = {"start_time": "2026-03-03T13:00:00Z"}
    bad = pathlib.Path(tmp) / "bad_seat.json"
    bad.write_text(json.dumps(doc))
    r = run("schedule", "--keep-order", str(bad), str(plan))
    check("a seat without a person is an error naming its place (exit 2)",
          r.returncode == 2 and "seat 2 of A" in r.stdout + r.stderr and "/seats/1/person" in r.stdout + r.stderr,
          r.stdout[-400:] + r.stderr[-400:])

r = run("check")
check("no file is a usage error (exit 2)", r.returncode == 2, str(r.returncode))
r = run("frobnicate")
check("unknown command is a usage error (exit 2)", r.returncode == 2, str(r.returncode))

sys.exit(summary())

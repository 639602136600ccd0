#!/usr/bin/env python3
"""Checks every JSON document `cairn` prints against its schema in schema/report/.

    tests/report_schema_test.py CAIRN_BINARY

Runs each command that has a JSON form (check, summary, schedule, forecast, backtest, diff, log,
baseline list/show/compare, trend) on examples/atlas, a generated issue history and a temporary
SQLite store; validates each output against schema/report/<document>.schema.json (JSON Schema
draft 2020-12, python3-jsonschema); checks that every document carries the same header, that
SOURCE_DATE_EPOCH fixes generated_at (so output is byte-identical run to run), that the summary's
effort is rounded to cents of a day, and that the schemas reject a document with a wrong or an
unknown field (so they are not vacuous). Every schema file must be used by some document.

Prints one line per check and `N passed, M failed`; exits 1 when a check failed.
"""

import copy
import datetime
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import jsonschema
import referencing

from checks import check, summary

cairn = sys.argv[1]
ROOT = pathlib.Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schema" / "report"
atlas = ROOT / "examples" / "atlas"
EPOCH = "1780000000"  # 2026-05-28T20:26:40Z

resources = []
for path in sorted(SCHEMAS.glob("*.schema.json")):
    doc = json.loads(path.read_text())
    resources.append((doc["$id"], referencing.Resource.from_contents(doc)))
registry = referencing.Registry().with_resources(resources)
used = set()


def validator(document):
    name = f"{document}.schema.json"
    used.add(name)
    schema = json.loads((SCHEMAS / name).read_text())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def run(*args, env_extra=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, CAIRN_ACTOR="tester")
    env.update(env_extra or {})
    return subprocess.run([cairn, *args], capture_output=True, text=True, timeout=300, env=env)


headers = {}


def validate(label, args, want_document, rc_ok=(0,)):
    r = run(*args)
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        check(f"{label}: prints JSON", False, (r.stdout[:300] + r.stderr[:300]))
        return None
    ok = r.returncode in rc_ok and doc.get("document") == want_document
    check(f"{label}: exit code and document name", ok,
          f"exit {r.returncode}, document {doc.get('document')!r}: {r.stderr[:300]}")
    errors = sorted(validator(want_document).iter_errors(doc), key=lambda e: list(e.path))
    check(f"{label}: matches schema/report/{want_document}.schema.json", not errors,
          "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:3]))
    headers[label] = {k: doc.get(k) for k in ("cairn_version", "generated_at")}
    return doc


def rejects(label, document, doc, mutate):
    bad = copy.deepcopy(doc)
    mutate(bad)
    check(f"{label}: the schema rejects a wrong document", not validator(document).is_valid(bad))


# Documents about a plan file.
chk = validate("check", ["check", "--format", "json", str(atlas)], "check")
summ = validate("summary", ["summary", "--format", "json", str(atlas)], "summary")
sched = validate("schedule", ["schedule", "--format", "json", "--load", str(atlas)], "schedule",
                 (0, 1))
fc = validate("forecast", ["forecast", "--format", "json", "--trials", "300", str(atlas)],
              "forecast", (0, 1))

if summ:
    check("summary names the program by key and name",
          summ["program"]["key"] == "ATLAS" and len(summ["program"]["name"]) > 3, summ["program"])
    figures = [summ["total_effort_days"], summ["remaining_effort_days"], summ["risk_exposure_days"]]
    figures += [t["remaining_effort_days"] for t in summ["team_rows"]]
    check("summary effort figures are rounded to 0.01 day",
          all(abs(round(x, 2) - x) < 1e-9 for x in figures), str(figures))
    check("summary carries the team table and the gates",
          len(summ["team_rows"]) >= 3 and all("gates" in m for m in summ["milestones"]),
          str(summ["team_rows"][:1]))
    rejects("summary", "summary", summ, lambda d: d.__setitem__("teams", "three"))
if sched:
    check("schedule: state is the progress category in JSON",
          {i["state"] for i in sched["items"]} <= {"todo", "in-progress", "done"},
          str({i["state"] for i in sched["items"]}))
    rejects("schedule", "schedule", sched, lambda d: d["items"][0].__setitem__("surprise", 1))
    rejects("schedule header", "schedule", sched, lambda d: d.pop("cairn_version"))
    csv = run("schedule", "--format", "csv", str(atlas)).stdout.splitlines()
    cols = csv[0].split(",")
    state_col = cols.index("state")
    check("schedule: state is the same category in CSV",
          {line.split(",")[state_col] for line in csv[1:] if line.count(",") == len(cols) - 1}
          <= {"todo", "in-progress", "done"}, csv[0])
if fc:
    rejects("forecast", "forecast", fc, lambda d: d["end"].__setitem__("on_time_probability", 2))
if chk:
    rejects("check", "check", chk, lambda d: d.__setitem__("diagnostics", [{"id": "x"}]))

# A check that fails still prints a valid document (program null, diagnostics located).
with tempfile.TemporaryDirectory() as tmp:
    bad = pathlib.Path(tmp) / "bad.yaml"
    bad.write_text("program:\n  key: X\n  name: X\n  start: 2026-13-45\n")
    doc = validate("check of a bad plan", ["check", "--format", "json", str(bad)], "check", (1, 2))
    if doc:
        check("check of a bad plan: diagnostics name file and line",
              any(d["file"].endswith("bad.yaml") and d["line"] > 0 for d in doc["diagnostics"]),
              json.dumps(doc["diagnostics"])[:300])

# A backtest on a generated history: two resolutions a week for a year.
with tempfile.TemporaryDirectory() as tmp:
    hist = pathlib.Path(tmp) / "history.csv"
    day = datetime.date(2025, 1, 6)
    lines = ["key,created,resolved"]
    for k in range(110):
        created = day + datetime.timedelta(days=3 * k)
        resolved = created + datetime.timedelta(days=5 + (k * 7) % 11)
        lines.append(f"H-{k},{created.isoformat()},{resolved.isoformat()}")
    hist.write_text("\n".join(lines) + "\n")
    bt = validate("backtest", ["backtest", "--format", "json", "--trials", "200", str(hist)],
                  "backtest")
    if bt:
        check("backtest: no program, a null program in the header", bt["program"] is None)
        # Known up to the day after the newest creation; the later resolutions are left out.
        end = day + datetime.timedelta(days=3 * 109 + 1)
        later = sum(1 for k in range(110)
                    if day + datetime.timedelta(days=3 * k + 5 + (k * 7) % 11) >= end)
        check("backtest: the history ends the day after its newest creation",
              bt.get("end") == end.isoformat() and bt.get("end_from") == "newest creation",
              f"{bt.get('end')} {bt.get('end_from')}")
        check("backtest: the resolutions after the end are counted",
              later > 0 and bt.get("resolutions_after_end") == later,
              f"{bt.get('resolutions_after_end')} != {later}")
    # A backlog created on one day and worked off after it: no cut, each stream's last resolution.
    backlog = pathlib.Path(tmp) / "backlog.csv"
    backlog.write_text("key,created,resolved\n" + "".join(
        f"B-{k},2025-01-06,{(day + datetime.timedelta(days=2 * k)).isoformat()}\n"
        for k in range(150)))
    worked = validate("backtest (a backlog)", ["backtest", "--format", "json", "--trials", "200",
                                               str(backlog)], "backtest")
    if worked:
        check("backtest: a backlog worked off after its creation is not cut",
              "end" not in worked and worked.get("end_from") == "last resolution"
              and worked.get("resolutions_after_end") == 0, str(worked.get("end_from")))
    given = validate("backtest --end", ["backtest", "--format", "json", "--trials", "200",
                                        "--end", "2025-10-01", str(hist)], "backtest")
    if given:
        check("backtest --end: the day given", given.get("end") == "2025-10-01"
              and given.get("end_from") == "option", str(given.get("end")))

# The throughput forecast replayed on the plan's own history (cairn backtest --plan).
cal = validate("calibration", ["backtest", "--plan", str(atlas), "--format", "json", "--trials",
                               "200"], "calibration")
if cal:
    check("calibration: the program's stream first, then one per team",
          cal["streams"][0]["team"] is None and len(cal["streams"]) > 1)

# The store documents.
with tempfile.TemporaryDirectory() as tmp:
    db = str(pathlib.Path(tmp) / "cairn.db")
    r = run("apply", str(atlas), "--db", db, "-q")
    check("apply atlas into a new store", r.returncode == 0, r.stderr[-300:])
    validate("diff", ["diff", str(atlas), "--db", db, "--format", "json"], "diff")
    log = validate("log", ["log", "--db", db, "--format", "json"], "log")
    if log:
        rejects("log", "log", log, lambda d: d["revisions"][0].__setitem__("revision", "one"))
    r = run("baseline", "create", "v1", "--db", db, "--trials", "200")
    check("baseline create", r.returncode == 0, r.stderr[-300:])
    validate("baseline list", ["baseline", "list", "--db", db, "--format", "json"],
             "baseline-list")
    validate("baseline show", ["baseline", "show", "v1", "--db", db, "--format", "json"],
             "baseline")
    evs = validate("evm of a stored program", ["evm", "--db", db, "--format", "json"], "evm",
                   (0, 1))
    if evs:
        check("evm --db: planned value from the stored baseline",
              evs["planned_source"] == "baseline v1", evs["planned_source"])
    cmp = validate("baseline compare",
                   ["baseline", "compare", "v1", "--db", db, "--format", "json"],
                   "baseline-comparison")
    if cmp:
        check("baseline compare of an unchanged program: no slip",
              all(m["date_slip_days"] == 0 and m["p85_slip_days"] == 0
                  for m in cmp["milestones"] + [cmp["end"]]) and not cmp["items_moved"],
              json.dumps(cmp["end"]))
    for d in ("2026-03-01", "2026-03-02"):
        r = run("snapshot", "--db", db, "--date", d, "--trials", "200")
        check(f"snapshot {d}", r.returncode == 0, r.stderr[-300:])
    tr = validate("trend", ["trend", "--db", db, "--format", "json"], "trend")
    if tr:
        check("trend has the program end's P85 per day",
              len(tr["snapshots"]) == 2 and all("program" in s["p85"] for s in tr["snapshots"]),
              json.dumps(tr["snapshots"]))

# Flow metrics (analysis/flow.h) of the plan's item histories.
fl = validate("flow", ["flow", "--format", "json", str(atlas)], "flow", (0, 1))
if fl:
    check("flow: a stream per team with states", len(fl["streams"]) >= 3 and fl["has_states"])
    rejects("flow", "flow", fl, lambda d: d["overall"].__setitem__("wip", -1))
sp = validate("sprints", ["sprints", "--format", "json", str(atlas)], "sprints", (0, 1))
if sp:
    check("sprints: every sprint has its burndown days", all(s["days"] for s in sp["sprints"]))
    rejects("sprints", "sprints", sp, lambda d: d["sprints"][0].__setitem__("status", "late"))
ev = validate("evm", ["evm", "--format", "json", str(atlas)], "evm", (0, 1))
if ev:
    check("evm: a figure set per team", len(ev["teams"]) >= 3 and ev["overall"]["bac"] > 0)
    rejects("evm", "evm", ev, lambda d: d["overall"]["eac"].__setitem__("typical", 1))
dp = validate("deps", ["deps", "--format", "json", "--trials", "500", "--effect-trials", "200",
                       str(atlas)], "deps", (0, 1))
if dp:
    check("deps: a matrix and the cross-team dependencies", dp["matrix"] and dp["dependencies"])
    rejects("deps", "deps", dp, lambda d: d["dependencies"][0].__setitem__("agreement", "maybe"))
rk = validate("risks", ["risks", "--format", "json", "--effect-trials", "200", str(atlas)],
              "risks", (0, 1))
if rk:
    check("risks: a 5x5 matrix and no history for a plan file",
          len(rk["matrix"]) == 5 and not rk["has_history"] and rk["risks"])
    rejects("risks", "risks", rk, lambda d: d["risks"][0].__setitem__("score", 26))
wi = validate("whatif", ["whatif", "--format", "json", "--trials", "300", "--descope", "PAY-151",
                         "--add-person", "PAY:0.5", str(atlas)], "whatif", (0, 1))
if wi:
    check("whatif: two edits and every milestone", len(wi["edits"]) == 2 and wi["milestones"])
    rejects("whatif", "whatif", wi, lambda d: d["edits"][0].__setitem__("kind", "wish"))
cq = validate("critique", ["critique", "--format", "json", "--trials", "300", str(atlas)], "critique",
              (0, 1))
if cq:
    check("critique: findings and measured fixes on Atlas", cq["diagnostics"] and cq["fixes"])
    rejects("critique", "critique", cq, lambda d: d["fixes"][0].__setitem__("kind", "wish"))
    check("critique: findings grouped and ranked 1..n",
          [g["rank"] for g in cq["findings"]] == list(range(1, len(cq["findings"]) + 1))
          and sum(g["count"] for g in cq["findings"]) == len(cq["diagnostics"]))
    rejects("critique", "critique", cq, lambda d: d["findings"][0].__setitem__("tier", 4))
ld = validate("load", ["load", "--format", "json", str(atlas)], "load", (0, 1))
if ld:
    check("load: a leveled series per person", ld["leveled"] and ld["written"] is not None)
    rejects("load", "load", ld, lambda d: d.__setitem__("tolerance", "lots"))
hl = validate("health", ["health", "--format", "json", "--trials", "300", str(atlas)], "health",
              (0, 1))
if hl:
    check("health: the program, every milestone and team, the cross-team dependencies",
          hl["overall"]["reasons"] and len(hl["milestones"]) == 4 and len(hl["teams"]) == 6
          and hl["dependencies"])
    rejects("health", "health", hl, lambda d: d["milestones"][0].__setitem__("rag", "purple"))

# A PSPLIB instance (cairn schedule FILE.sm): the RCPSP satellite's schedule, as a document.
TINY_SM = """************************************************************************
file with basedata            : tiny.bas
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  4
horizon                       :  5
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    1
  3      1     2       1    0
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    1
************************************************************************
"""
with tempfile.TemporaryDirectory() as tmp:
    sm = pathlib.Path(tmp) / "tiny.sm"
    sm.write_text(TINY_SM)
    ps = validate("psplib schedule", ["schedule", "--format", "json", str(sm)], "psplib-schedule")
    if ps:
        check("psplib schedule: the instance is the program, times are periods",
              ps["program"] == {"key": "tiny", "name": ""} and ps["as_of"] is None
              and ps["project_end"] == max(i["finish"] for i in ps["items"]) == 5
              and len(ps["items"]) == 4, json.dumps(ps)[:300])
        rejects("psplib schedule", "psplib-schedule", ps,
                lambda d: d["items"][1].__setitem__("start", "day 1"))
        rejects("psplib schedule extra field", "psplib-schedule", ps,
                lambda d: d.__setitem__("instance", "tiny"))
    r = run("schedule", "--format", "csv", str(sm))
    check("psplib schedule: an unknown format is a usage error naming it",
          r.returncode == 2 and "'csv'" in r.stderr and "table or json" in r.stderr, r.stderr[:300])

# One header everywhere; the version is CMake's; SOURCE_DATE_EPOCH fixes generated_at.
version = run("--version").stdout.split()[-1]
check("every document carries the same cairn_version and generated_at",
      headers and all(h == {"cairn_version": version, "generated_at": "2026-05-28T20:26:40Z"}
                      for h in headers.values()),
      json.dumps(headers)[:400])
cmake = (ROOT / "CMakeLists.txt").read_text()
check("cairn --version is CMake's project version", f"VERSION {version} " in cmake, version)
first = run("schedule", "--format", "json", str(atlas)).stdout
again = run("schedule", "--format", "json", str(atlas)).stdout
check("schedule JSON is byte-identical run to run under SOURCE_DATE_EPOCH",
      first == again and len(first) > 10000)
now = json.loads(run("summary", "--format", "json", str(atlas),
                     env_extra={"SOURCE_DATE_EPOCH": ""}).stdout)
check("without SOURCE_DATE_EPOCH generated_at is the current time",
      now["generated_at"][:4] == str(datetime.datetime.now(datetime.timezone.utc).year),
      now.get("generated_at"))

unused = sorted({p.name for p in SCHEMAS.glob("*.schema.json")} - used - {"common.schema.json"})
check("every schema in schema/report is checked against a document", not unused, str(unused))

sys.exit(summary())

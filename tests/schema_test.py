#!/usr/bin/env python3
"""Checks schema/plan.schema.json (JSON Schema draft 2020-12) against real plans and bad ones.

    tests/schema_test.py CAIRN_BINARY

It validates every examples/atlas/*.yaml file on its own (each is a partial plan), the canonical
export of the example (`cairn export --format json` and `--format yaml`), the complete example in
docs/plan-format.md (which must also pass `cairn check` with no findings) and a set of documents
that use every shorthand; it checks that deliberately wrong documents are rejected, and that the
schema knows exactly the fields of the plan readers' field table (src/plan/fields.cc; the C++
test src/plan/fields_test.cc also checks required fields and the writer's order).

Needs python3-jsonschema and python3-yaml. Prints one line per check and `N passed, M failed`;
exits 1 when a check failed, 2 on bad usage.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

from checks import check, summary

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "schema", "plan.schema.json")
EXAMPLE = os.path.join(ROOT, "examples", "atlas")
DOC = os.path.join(ROOT, "docs", "plan-format.md")
FIELD_TABLE = os.path.join(ROOT, "src", "plan", "fields.cc")


class PlanLoader(yaml.SafeLoader):
    """YAML as Cairn reads it: dates and times stay text (as in YAML 1.2 and the editor's
    language server), unlike PyYAML's YAML 1.1 default."""


PlanLoader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text):
    return yaml.load(text, Loader=PlanLoader)




def report(ok, name, why=""):
    check(name, ok, why)


def run(*args):
    """Runs a command: (exit code, stdout, stderr); exit code 127 when it cannot start."""
    try:
        r = subprocess.run(list(args), capture_output=True, text=True, timeout=300)
        return r.returncode, r.stdout, r.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return 127, "", str(e)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def expect_valid(validator, name, doc):
    errs = errors(validator, doc)
    why = "; ".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errs[:3])
    report(not errs, name, why)


def expect_invalid(validator, name, doc):
    report(bool(errors(validator, doc)), name, "the schema accepted it")


# Plans that use the shorthands the reader accepts; each must validate.
GOOD = {
    "shorthands": """
program:
  key: P
  start: 2026-01-05
  calendar:
    weekdays: [Mon, tue, wednesday, thu, fri]
    hours: ["08:00-12:00", "13:00-17:00"]
    day_hours: 7.5
    holidays: [2026-12-25, {date: 2026-12-26, name: St Stephen's Day}]
teams:
  - key: T
    method: scrum
    workflow: [Backlog, {name: Doing, category: in-progress, wip: 3},
               {name: Waiting, category: in-progress, active: no}, {name: Done, category: done}]
    channels: ["#t", {kind: meeting, name: Daily}]
    members: [a]
  - {key: U, workflow: [Todo, {name: Done, category: done}]}
people:
  - {key: a, allocation: "50%", leave: [{from: 2026-02-02}], skills: go}
  - {key: b, team: T, allocation: 80, calendar: {weekdays: mon},
     shifts: [{from: 2026-03-02, to: 2026-03-06, weekdays: mon, hours: "10:00-14:00", leave: 2026-03-02},
              {from: 2026-03-09, to: 2026-03-13, hours: {tue: ["08:00-12:00"]}, replace: yes}]}
items:
  - {key: E, kind: epic, team: T, milestone: M, limits: [{per: 30-days, hours: 40, from: 2026-02-01, until: 2026-04-01}]}
  - {key: A, parent: E, team: T, estimate: 3, start_no_earlier_than: 2026-02-01,
     shifts: [{from: 2026-02-02, to: 2026-02-06, hours: ["09:00-12:00"]}],
     bookings: [{person: a, start: 2026-01-06T09:00, end: "2026-01-06 12:00", counts: off-hours}]}
  - {key: B, team: T, estimate: [1, 2, 4.5], depends_on: A, created: "2026-01-05 10:30"}
  - key: C
    team: T
    allocate: [a, {people: [a, b], shifts: [{from: 2026-02-02, to: 2026-02-06, weekdays: [mon, tue]}]}]
    basis: length
    estimate: {optimistic: 1, likely: 2, pessimistic: 3}
    depends_on: [A, {item: B, type: SS, lag: -1, lag_unit: calendar-days}]
    history: [{state: Backlog, at: "2026-01-05T09:00:00+01:00"}, {state: Doing, at: 2026-01-06}]
    labels: x
dependencies:
  - {from: A, to: C, type: finish-finish, need_by: 2026-03-01, state: at-risk, provider: T}
milestones:
  - {key: M, items: A, gates: "open_bugs <= 0"}
  - key: N
    items: [B, C]
    gates: ["coverage >= 80.5", {metric: bugs, op: "=", threshold: 0, actual: 2}]
risks:
  - {key: R, probability: "30%", impact: 5, items: A, milestones: [M], status: occurred}
sprints:
  - {key: S, team: T, start: 2026-01-05, end: 2026-01-16, committed: A}
budget: {total: 1000, planned: [{period_end: 2026-01-31, amount: 500}]}
status_updates: [{date: 2026-01-09, rag: amber, blockers: "waiting for keys"}]
decisions: [{date: 2026-01-09}]
actions: [{text: Call them, done: yes}, {key: A2, done: false}]
""",
    "empty file": "",
    "empty sections": "teams:\nrisks:\nbudget:\n",
    "numeric keys": "items:\n  - {key: 12, parent: 7, title: 2027}\n",
}

# Documents the schema must reject, each with one mistake.
BAD = {
    "unknown top-level section": "tasks: []\n",
    "misspelt section": "milestone: []\n",
    "unknown item field": "items: [{key: A, estimat: 3}]\n",
    "unknown program field": "program: {key: P, start: 2026-01-05, owner: me}\n",
    "program without start": "program: {key: P}\n",
    "program without key": "program: {start: 2026-01-05}\n",
    "item without key": "items: [{title: Nameless}]\n",
    "estimate of two values": "items: [{key: A, estimate: [2, 3]}]\n",
    "negative estimate": "items: [{key: A, estimate: -1}]\n",
    "estimate mapping without pessimistic": "items: [{key: A, estimate: {optimistic: 1, likely: 2}}]\n",
    "estimate as text": "items: [{key: A, estimate: three days}]\n",
    "priority out of range": "items: [{key: A, priority: 0}]\n",
    "unknown item kind": "items: [{key: A, kind: feature}]\n",
    "unknown basis": "items: [{key: A, basis: calendar}]\n",
    "history entry without at": "items: [{key: A, history: [{state: Done}]}]\n",
    "history time not ISO": "items: [{key: A, history: [{state: Done, at: '2026-10-05 9:30'}]}]\n",
    "depends_on mapping without item": "items: [{key: A, depends_on: [{type: SS}]}]\n",
    "dependency type XX": "dependencies: [{from: A, to: B, type: XX}]\n",
    "dependency without to": "dependencies: [{from: A}]\n",
    "dependency with item field": "dependencies: [{from: A, to: B, item: C}]\n",
    "dependency state unknown": "dependencies: [{from: A, to: B, state: late}]\n",
    "date in another format": "milestones: [{key: M, deadline: 01/02/2027}]\n",
    "gate without spaces": "milestones: [{key: M, gates: ['open_bugs<=0']}]\n",
    "gate with a word threshold": "milestones: [{key: M, gates: ['coverage >= lots']}]\n",
    "gate mapping without threshold": "milestones: [{key: M, gates: [{metric: bugs}]}]\n",
    "probability above 1": "risks: [{key: R, probability: 1.5}]\n",
    "probability as a word": "risks: [{key: R, probability: high}]\n",
    "risk status unknown": "risks: [{key: R, status: done}]\n",
    "allocation of 0": "people: [{key: a, allocation: 0}]\n",
    "allocation above 100": "people: [{key: a, allocation: 150}]\n",
    "negative cost": "people: [{key: a, cost_per_day: -5}]\n",
    "leave as a date": "people: [{key: a, leave: 2026-01-05}]\n",
    "weekday misspelt": "program: {key: P, start: 2026-01-05, calendar: {weekdays: [mon, tues]}}\n",
    "working hours not HH:MM": "program: {key: P, start: 2026-01-05, calendar: {hours: 9-17}}\n",
    "team method unknown": "teams: [{key: T, method: waterfall}]\n",
    "WIP limit of 0": "teams: [{key: T, workflow: [{name: Doing, wip: 0}]}]\n",
    "state category unknown": "teams: [{key: T, workflow: [{name: Doing, category: doing}]}]\n",
    "sprint without team": "sprints: [{key: S, start: 2026-01-05, end: 2026-01-16}]\n",
    "budget as a number": "budget: 100000\n",
    "budget period without amount": "budget: {planned: [{period_end: 2026-01-31}]}\n",
    "rag unknown": "status_updates: [{date: 2026-01-09, rag: yellow}]\n",
    "status update without date": "status_updates: [{rag: green}]\n",
    "decision status unknown": "decisions: [{date: 2026-01-09, status: done}]\n",
    "action done as a word": "actions: [{text: x, done: finished}]\n",
    "a list at the top": "- program: {key: P, start: 2026-01-05}\n",
}


def reader_field_lists():
    """The field names of each mapping the plan readers accept: the rows of the field table
    (src/plan/fields.cc, `constexpr F kName[] = {{"key", kReq}, {"name"}, ...};`)."""
    src = open(FIELD_TABLE, encoding="utf-8").read()
    return [frozenset(re.findall(r'\{"(\w+)"', m.group(1)))
            for m in re.finditer(r"constexpr F k\w+\[\] = \{(.*?)\};", src, re.S)]


def schema_field_sets(schema):
    defs = schema["$defs"]
    sets = [frozenset(schema["properties"])]

    def walk(node):
        if isinstance(node, dict):
            props = set(node.get("properties", {}))
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/") and "properties" in defs[ref[8:]]:
                props |= set(defs[ref[8:]]["properties"])
            if props and (node.get("type") in ("object", ["object", "null"]) or ref):
                sets.append(frozenset(props))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(defs)
    return sets


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    cairn = sys.argv[1]
    schema = json.load(open(SCHEMA, encoding="utf-8"))
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
        report(True, "schema is a valid draft 2020-12 schema")
    except jsonschema.SchemaError as e:
        report(False, "schema is a valid draft 2020-12 schema", e.message)
        return 1
    v = jsonschema.Draft202012Validator(schema)

    # Every file of the example, each on its own.
    files = sorted(f for f in os.listdir(EXAMPLE) if f.endswith(".yaml"))
    report(len(files) >= 10, "examples/atlas has its YAML files", f"found {len(files)}")
    for f in files:
        with open(os.path.join(EXAMPLE, f), encoding="utf-8") as fh:
            expect_valid(v, f"examples/atlas/{f}", load(fh.read()))

    # The canonical export, as JSON and as YAML.
    for fmt in ("json", "yaml"):
        name = f"cairn export --format {fmt} examples/atlas"
        code, out, err = run(cairn, "export", "--format", fmt, EXAMPLE)
        if code != 0:
            report(False, name, f"exit {code}: {err.strip()[:300]}")
            continue
        doc = json.loads(out) if fmt == "json" else load(out)
        expect_valid(v, name, doc)
        if fmt == "json":
            # Deliberate damage to the real export is caught too.
            broken = json.loads(out)
            broken["items"][0]["estimate"] = [1, 2]
            expect_invalid(v, "export with a two-value estimate", broken)
            broken = json.loads(out)
            broken["tasks"] = broken.pop("items")
            expect_invalid(v, "export with items renamed to tasks", broken)

    # The complete example of the documentation: valid for the schema and for `cairn check`.
    doc_text = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else ""
    m = re.search(r"<!-- complete-example -->\s*```yaml\n(.*?)```", doc_text, re.S)
    report(m is not None, "docs/plan-format.md has the complete example")
    if m:
        expect_valid(v, "docs/plan-format.md complete example", load(m.group(1)))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "plan.yaml")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(m.group(1))
            code, out, err = run(cairn, "check", "--strict", path)
            report(code == 0, "cairn check --strict on the complete example",
                   (out + err).strip()[-400:])

    for name, text in GOOD.items():
        expect_valid(v, f"accepts: {name}", load(text))
    # The reader agrees: every shorthand the schema accepts reads without a finding.
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "plan.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(GOOD["shorthands"])
        code, out, err = run(cairn, "check", "--strict", path)
        report(code == 0, "cairn check --strict on the shorthands plan", (out + err).strip()[-400:])
        code, out, err = run(cairn, "export", "--format", "json", path)
        if code == 0:
            expect_valid(v, "cairn export of the shorthands plan", json.loads(out))
        else:
            report(False, "cairn export of the shorthands plan", err.strip()[-300:])
    for name, text in BAD.items():
        expect_invalid(v, f"rejects: {name}", load(text))

    # The schema and the reader know the same fields.
    if os.path.isfile(FIELD_TABLE):
        schema_sets = schema_field_sets(schema)
        for fields in reader_field_lists():
            ok = fields in schema_sets
            near = min(schema_sets, key=lambda s: len(s ^ fields))
            report(ok, "schema has the reader's fields " + ",".join(sorted(fields))[:60],
                   f"closest schema object differs by {sorted(near ^ fields)}")

    return summary()


if __name__ == "__main__":
    sys.exit(main())

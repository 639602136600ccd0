#!/usr/bin/env python3
"""Runs the command line on every bad input and checks the stated ids and lines.

Each plan states `# expect: ID LINE` (YAML, TaskJuggler .tjp) or `expect: ID LINE` in its leading
comment (MS Project .xml). YAML and .tjp files go through `cairn check --format json`: it must
report every stated diagnostic and no unstated error, and exit 1 (findings) or 2 (unusable input)
when there are errors, 0 otherwise. XML files go through `cairn import` into a fresh store: it must
exit 2, print every stated error as FILE:LINE:COLUMN and no other error, and write nothing.
(Canonical JSON documents are checked by the canonical reader in tests/plan_bad_test.cc.)
"""
import json
import pathlib
import re
import subprocess
import sys
import tempfile

cairn, folder = sys.argv[1], pathlib.Path(sys.argv[2])
EXPECT = re.compile(r"^(?:#|\s*) ?expect: ([a-z0-9-]+) (\d+)\s*$", re.M)


def expectations(plan):
    return {(m.group(1), int(m.group(2))) for m in EXPECT.finditer(plan.read_text(errors="replace"))}


def check(plan, expected):
    run = subprocess.run([cairn, "check", "--format", "json", str(plan)],
                         capture_output=True, text=True, timeout=60)
    problems = []
    try:
        doc = json.loads(run.stdout)
        got = {(d["id"], d["line"]) for d in doc["diagnostics"]}
        errors = {(d["id"], d["line"]) for d in doc["diagnostics"] if d["severity"] == "error"}
        want_exit = (1, 2) if errors else (0,)
        if run.returncode not in want_exit:
            problems.append(f"exit code {run.returncode}, expected {want_exit}")
        for e in sorted(expected - got):
            problems.append(f"missing {e[0]} at line {e[1]}")
        for e in sorted(errors - expected):
            problems.append(f"unexpected error {e[0]} at line {e[1]}")
    except (ValueError, KeyError) as err:
        problems.append(f"bad JSON output: {err}: {run.stdout[:200]!r}")
    return problems


def import_into_store(plan, expected):
    with tempfile.TemporaryDirectory() as tmp:
        db = pathlib.Path(tmp) / "store.db"
        run = subprocess.run([cairn, "import", str(plan), "--db", str(db)],
                             capture_output=True, text=True, timeout=60)
        errors = {(m.group(3), int(m.group(1))) for m in re.finditer(
            r"^.*?:(\d+):(\d+): error: .*\[([a-z0-9-]+)\]$", run.stderr, re.M)}
        problems = []
        if run.returncode != 2:
            problems.append(f"exit code {run.returncode}, expected 2")
        for e in sorted(expected - errors):
            problems.append(f"missing {e[0]} at line {e[1]}")
        for e in sorted(errors - expected):
            problems.append(f"unexpected error {e[0]} at line {e[1]}")
        if db.exists():
            listed = subprocess.run([cairn, "export", "--db", str(db)], capture_output=True,
                                    text=True, timeout=60)
            if listed.returncode == 0:
                problems.append("the store holds a program after a refused import")
        return problems


passed = failed = 0
for plan in sorted(p for ext in ("yaml", "tjp", "xml") for p in folder.glob(f"*.{ext}")):
    expected = expectations(plan)
    if not expected:
        problems = ["no expect: lines"]
    elif plan.suffix == ".xml":
        problems = import_into_store(plan, expected)
    else:
        problems = check(plan, expected)
    if problems:
        failed += 1
        print(f"FAIL {plan.name}: " + "; ".join(problems))
    else:
        passed += 1
        print(f"ok   {plan.name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

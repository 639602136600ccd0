#!/usr/bin/env python3
"""Runs `cairn check --format json` on every bad plan and checks the stated ids and lines.

Each plan states `# expect: ID LINE`. The command must report every stated diagnostic and no
unstated error, and exit 1 (findings) or 2 (unusable input) when there are errors, 0 otherwise.
"""
import json
import pathlib
import re
import subprocess
import sys

cairn, folder = sys.argv[1], pathlib.Path(sys.argv[2])
passed = failed = 0
for plan in sorted(folder.glob("*.yaml")):
    expected = {(m.group(1), int(m.group(2)))
                for m in re.finditer(r"^# expect: ([a-z0-9-]+) (\d+)\s*$",
                                     plan.read_text(errors="replace"), re.M)}
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
    if problems:
        failed += 1
        print(f"FAIL {plan.name}: " + "; ".join(problems))
    else:
        passed += 1
        print(f"ok   {plan.name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Crash test of the store: kill -9 `cairn apply` at random points of a large apply, many times.

Every time, the database must pass its integrity check (SQLite: PRAGMA integrity_check) and hold
either the old or the new plan, never a mix (compared through `cairn export`).

  crash_test.py CAIRN [--db SPEC] [--items N] [--runs N] [--seed S] [--workdir DIR]
  crash_test.py gen N SEED [--variant K]      prints a generated N-item plan (JSON) to stdout

Without --db, a fresh SQLite file in the work directory is used. With a postgresql:// URL the
integrity check is the old-or-new comparison alone.
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def gen_plan(n_items, seed, variant=0):
    """A realistic-looking plan: teams, people, epics with stories and tasks, dependencies,
    milestones, risks, sprints, status updates, decisions and actions. `variant` changes titles,
    estimates and states of many items (and adds/removes a few) while keeping the plan valid."""
    rng = random.Random(seed)
    vr = random.Random(seed * 7919 + variant)
    n_teams = max(2, n_items // 500)
    teams, people = [], []
    for t in range(n_teams):
        teams.append({"key": f"T{t}", "name": f"Team {t}", "method": "scrum"})
        for p in range(6):
            people.append({"key": f"P{t}-{p}", "name": f"Person {t}.{p}", "team": f"T{t}"})
    items, deps = [], []
    epic = None
    removed = set()
    if variant:
        removed = {f"I{i}" for i in vr.sample(range(n_items), max(1, n_items // 200))}
    for i in range(n_items):
        key = f"I{i}"
        t = i % n_teams
        if i % 20 == 0:
            epic = key
            items.append({"key": key, "title": f"Epic {i}", "kind": "epic", "team": f"T{t}"})
            continue
        if key in removed:
            continue
        lo = rng.randint(1, 5)
        it = {"key": key, "title": f"Item {i} of the program", "kind": "story" if i % 3 else "task",
              "parent": epic, "team": items[-1]["team"] if items else f"T{t}",
              "assignee": None, "estimate": [lo, lo + rng.randint(0, 3), lo + rng.randint(3, 8)]}
        it["team"] = next(x["team"] for x in reversed(items) if x["key"] == epic) if epic else it["team"]
        tn = int(it["team"][1:])
        it["assignee"] = f"P{tn}-{rng.randint(0, 5)}"
        state = rng.choice(["To Do", "To Do", "In Progress", "Done"])
        if variant and vr.random() < 0.3:
            it["title"] = f"Item {i} (revised {variant})"
            it["estimate"] = [lo + 1, lo + 2, lo + 9]
        if variant and vr.random() < 0.2:
            state = {"To Do": "In Progress", "In Progress": "Done", "Done": "Done"}[state]
        it["state"] = state
        if state != "To Do":
            it["history"] = [{"state": "In Progress", "at": f"2025-0{1 + i % 3}-1{i % 10}T09:00:00Z"}]
            if state == "Done":
                it["history"].append({"state": "Done", "at": f"2025-0{4 + i % 3}-1{i % 10}T17:00:00Z"})
        it["labels"] = [f"l{i % 7}"]
        items.append(it)
        if i % 5 == 0 and i > 1:
            prev = f"I{i - 1}"
            if prev not in removed and (i - 1) % 20 != 0:
                deps.append({"from": prev, "to": key})
    for i in range(n_items, n_items + (variant * 3 if variant else 0)):
        items.append({"key": f"N{i}", "title": f"New item {i}", "kind": "task", "team": "T0",
                      "estimate": [1, 2, 3]})
    live = [x["key"] for x in items if x["kind"] != "epic"]
    milestones = [{"key": f"M{m}", "name": f"Milestone {m}", "deadline": f"2026-0{1 + m}-28",
                   "items": live[m::40][:50]} for m in range(5)]
    risks = [{"key": f"R{r}", "title": f"Risk {r}", "probability": round(0.1 + 0.05 * (r % 5), 2),
              "impact": [1, 3, 8], "items": [live[r * 7 % len(live)]], "status": "open"}
             for r in range(20)]
    doc = {
        "program": {"key": "BIG", "name": f"Big program ({n_items} items)", "start": "2025-01-06",
                    "currency": "EUR"},
        "teams": teams, "people": people, "milestones": milestones, "items": items,
        "dependencies": deps, "risks": risks,
        "status_updates": [{"date": f"2025-02-{10 + s}", "author": "P0-0", "rag": "green",
                            "summary": f"Week {s}"} for s in range(5)],
        "decisions": [{"key": "D1", "date": "2025-01-10", "text": "Use SQLite", "status": "accepted"}],
        "actions": [{"key": "A1", "text": "Write the runbook", "owner": "P0-1", "done": bool(variant)}],
    }
    return doc


def psql():
    found = shutil.which("psql")
    if found:
        return found
    import glob
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    return cands[-1] if cands else "psql"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def export(cairn, db, fmt="json"):
    r = run([cairn, "export", "--db", db, "--format", fmt])
    if r.returncode != 0:
        raise RuntimeError(f"export failed: {r.stderr}")
    return r.stdout


def apply(cairn, db, plan):
    r = run([cairn, "apply", plan, "--db", db, "--prune", "--quiet", "--actor", "crash-test"])
    if r.returncode != 0:
        raise RuntimeError(f"apply {plan} failed: {r.stderr}")
    return r.stdout


def integrity(db):
    if db.startswith("postgres"):
        return "ok"  # the server's own recovery; the old-or-new check below is the test
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def round_trip(cairn, db, work):
    """export -> apply gives no changes, in JSON and in YAML."""
    for fmt in ("json", "yaml"):
        path = os.path.join(work, f"exported.{fmt}")
        with open(path, "w") as f:
            f.write(export(cairn, db, fmt))
        out = apply(cairn, db, path)
        if "no changes" not in out:
            raise RuntimeError(f"applying the {fmt} export changed the store: {out}")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "gen":
        g = argparse.ArgumentParser()
        g.add_argument("cmd")
        g.add_argument("n", type=int)
        g.add_argument("seed", type=int)
        g.add_argument("--variant", type=int, default=0)
        a = g.parse_args()
        json.dump(gen_plan(a.n, a.seed, a.variant), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("cairn")
    ap.add_argument("--db")
    ap.add_argument("--db-url-file", help="a file holding the store URL (scripts/pg-test-cluster)")
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir")
    a = ap.parse_args()
    work = a.workdir or tempfile.mkdtemp(prefix="cairn-crash-")
    os.makedirs(work, exist_ok=True)
    plans = [os.path.join(work, "old.json"), os.path.join(work, "new.json")]
    for variant, path in enumerate(plans):
        with open(path, "w") as f:
            json.dump(gen_plan(a.items, a.seed, variant), f)
    db = a.db
    if a.db_url_file:
        with open(a.db_url_file) as f:
            base = f.read().strip()
        schema = f"crash_{os.getpid()}"
        subprocess.run([psql(), base, "-qc", f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"],
                       check=True, capture_output=True)
        db = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    if not db:
        db = os.path.join(work, "crash.db")
    apply(a.cairn, db, plans[0])
    round_trip(a.cairn, db, work)
    t0 = time.monotonic()
    apply(a.cairn, db, plans[1])
    full = time.monotonic() - t0
    rng = random.Random(a.seed)
    outcomes = {"old": 0, "new": 0}
    for run_no in range(a.runs):
        target = plans[run_no % 2]
        complement = plans[1 - run_no % 2]
        apply(a.cairn, db, complement)
        before = export(a.cairn, db)
        delay = rng.uniform(0.2 * full, 1.3 * full)
        p = subprocess.Popen([a.cairn, "apply", target, "--db", db, "--prune", "--actor", "crash"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        chk = integrity(db)
        if chk != "ok":
            print(f"run {run_no}: integrity check failed after {delay:.3f}s: {chk}")
            return 1
        now = export(a.cairn, db)
        if now == before:
            outcomes["old"] += 1
            continue
        # Not the old plan: it must be the whole new one, so that applying it again changes nothing.
        again = run([a.cairn, "apply", target, "--db", db, "--prune", "--quiet"])
        if again.returncode != 0 or "no changes" not in again.stdout:
            print(f"run {run_no}: the store holds a mix of the old and new plans after {delay:.3f}s:"
                  f" {again.stdout.strip()} {again.stderr.strip()}")
            return 1
        outcomes["new"] += 1
    print(f"crash test ({'PostgreSQL' if db.startswith('postgres') else 'SQLite'}): {a.runs} kill -9 "
          f"during {a.items}-item applies (a full apply takes {full:.2f}s): integrity ok every time; "
          f"old plan {outcomes['old']} times, new plan {outcomes['new']} times, never a mix; "
          f"export -> apply round trip (JSON, YAML) changes nothing")
    if a.db_url_file:
        subprocess.run([psql(), base, "-qc", f"DROP SCHEMA IF EXISTS {schema} CASCADE"],
                       capture_output=True)
    if not a.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end test of the store commands `cairn import`, `cairn baseline`, `cairn snapshot` and
`cairn trend` on a temporary SQLite store (docs/store.md).

  store_cli_test.py CAIRN [--source-dir DIR]

Checks: importing a Jira CSV twice changes nothing the second time (the program's revision stays);
a broken CSV exits 2, names the line and field, and leaves the store untouched; baselines can be
created, listed, shown and compared on examples/atlas; changing an estimate shows a slip in the
comparison; snapshots replace the same day's and `trend` lists them. Prints `N passed, M failed`.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import checks



def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def run(cairn, *args):
    p = subprocess.run([cairn, *args], capture_output=True, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def db_state(db):
    """Everything a write would touch: programs and entity rows, revisions and change rows."""
    con = sqlite3.connect(db)
    try:
        out = []
        for table in ("programs", "entities", "revisions", "changes", "baselines",
                      "forecast_snapshots"):
            out.append(con.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall())
        return out
    finally:
        con.close()


def revision(db, key):
    con = sqlite3.connect(db)
    try:
        row = con.execute("SELECT revision FROM programs WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def test_import(cairn, src, tmp):
    db = os.path.join(tmp, "import.db")
    csv = os.path.join(src, "testdata", "import", "jira_small.csv")
    rc, out, err = run(cairn, "import", csv, "--db", db)
    check(rc == 0 and "revision 1" in out, "import jira_small.csv creates the program",
          out + err)
    key = "jira_small"
    rev1 = revision(db, key)
    state1 = db_state(db)
    rc, out, err = run(cairn, "import", csv, "--db", db)
    check(rc == 0 and "no changes" in out, "re-import reports no changes", out + err)
    check(revision(db, key) == rev1, "re-import leaves the revision unchanged",
          f"{rev1} -> {revision(db, key)}")
    check(db_state(db) == state1, "re-import writes nothing")
    rc, out, _ = run(cairn, "export", "--db", db, "--program", key, "--format", "json")
    items = json.loads(out).get("items", []) if rc == 0 else []
    keys = [i["key"] for i in items]
    check(len(keys) == len(set(keys)) and "PAY-2" in keys, "items keyed by Jira keys, no dupes",
          str(keys))

    # Broken inputs: an unreadable date, then an unclosed quote. Nothing may be written.
    text = open(csv, encoding="utf-8").read()
    bad = os.path.join(tmp, "jira_small.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text.replace("03/Jan/24 10:30 AM", "the third of January", 1)
                    .replace("Tokenise cards", "Tokenise all cards", 1))
    rc, out, err = run(cairn, "import", bad, "--db", db)
    check(rc == 2, "a bad date exits 2", f"rc={rc} {out}{err}")
    check(re.search(r"jira_small\.csv:\d+", err) is not None and "Created" in err,
          "the error names the line and the field", err)
    check(db_state(db) == state1, "a bad file leaves the store untouched")
    with open(bad, "w", encoding="utf-8") as f:
        f.write(text + '"never closed,PAY-99,1\n')
    rc, out, err = run(cairn, "import", bad, "--db", db)
    check(rc == 2 and re.search(r"jira_small\.csv:\d+", err) is not None,
          "an unclosed quote exits 2 with a location", err)
    check(db_state(db) == state1, "an unclosed quote leaves the store untouched")

    # Other formats, detected; and into a named program.
    for name in ("github_issues.json", "mspdi_small.xml"):
        path = os.path.join(src, "testdata", "import", name)
        rc, out, err = run(cairn, "import", path, "--db", db, "--program", "other-" + name[:6])
        check(rc == 0 and "revision 1" in out, f"import {name} (format detected)", out + err)
        rc, out, err = run(cairn, "import", path, "--db", db, "--program", "other-" + name[:6])
        check(rc == 0 and "no changes" in out, f"re-import {name} changes nothing", out + err)


def test_baselines(cairn, src, tmp):
    db = os.path.join(tmp, "atlas.db")
    atlas = os.path.join(tmp, "atlas")
    shutil.copytree(os.path.join(src, "examples", "atlas"), atlas)
    rc, out, err = run(cairn, "apply", atlas, "--db", db, "-q")
    check(rc == 0, "apply examples/atlas", out + err)
    rc, out, err = run(cairn, "baseline", "create", "v1", "--db", db)
    check(rc == 0 and "baseline v1 saved" in out, "baseline create", out + err)
    rc, out, err = run(cairn, "baseline", "create", "v1", "--db", db)
    check(rc == 1 and "conflict" in err, "a second baseline v1 is a conflict", f"rc={rc} {err}")
    rc, out, err = run(cairn, "baseline", "list", "--db", db, "--format", "json")
    names = [b["name"] for b in json.loads(out)["baselines"]] if rc == 0 else []
    check(names == ["v1"], "baseline list", out + err)
    rc, out, err = run(cairn, "baseline", "show", "v1", "--db", db)
    check(rc == 0 and "M1" in out and "P85" in out, "baseline show (text)", out + err)
    rc, out, err = run(cairn, "baseline", "show", "v1", "--db", db, "--format", "json")
    doc = json.loads(out) if rc == 0 else {}
    check(len(doc.get("schedule", {}).get("items", {})) > 100 and
          doc.get("forecast", {}).get("milestones"), "baseline show (json) has both documents")
    rc, out, err = run(cairn, "baseline", "show", "nope", "--db", db)
    check(rc == 2, "show of a missing baseline exits 2", err)

    # `cairn schedule` and `cairn forecast` on the stored program keep the baseline's order.
    rc, out, err = run(cairn, "schedule", "--db", db, "--format", "json")
    before = json.loads(out) if out.strip() else {}
    check(rc in (0, 1) and before.get("order_from") == "baseline v1",
          "schedule --db keeps the newest baseline's order", out[:500] + err)
    rc, out, err = run(cairn, "schedule", "--db", db, "--format", "json", "--relevel")
    check(rc in (0, 1) and not json.loads(out).get("order_from"),
          "schedule --db --relevel searches anew", out[:500] + err)
    rc, out, err = run(cairn, "forecast", "--db", db, "--format", "json", "--trials", "200")
    check(rc in (0, 1) and json.loads(out).get("order_from") == "baseline v1",
          "forecast --db keeps the newest baseline's order", out[:500] + err)
    rc, out, err = run(cairn, "schedule", atlas, "--db", db)
    check(rc == 2 and "not both" in err, "schedule with files and --db is a usage error", err)

    rc, out, err = run(cairn, "baseline", "compare", "v1", "--db", db, "--format", "json")
    cmp = json.loads(out) if rc == 0 else {}
    same = (rc == 0 and not cmp["items_moved"] and not cmp["items_added"] and
            not cmp["items_removed"] and
            all(m["date_slip_days"] == 0 and m["p85_slip_days"] == 0 for m in cmp["milestones"]))
    check(same, "compare of an unchanged program shows no slip", out[:2000] + err)

    # Make the payments team's estimates three times larger, apply, compare.
    path = os.path.join(atlas, "items-pay.yaml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"estimate: \[(\d+), (\d+), (\d+)\]",
                  lambda m: "estimate: [%d, %d, %d]" % tuple(3 * int(x) for x in m.groups()),
                  text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    rc, out, err = run(cairn, "apply", atlas, "--db", db, "-q")
    check(rc == 0 and "updated" in out, "apply larger estimates", out + err)
    rc, out, err = run(cairn, "baseline", "compare", "v1", "--db", db, "--format", "json")
    cmp = json.loads(out) if rc == 0 else {}
    moved = cmp.get("items_moved", [])
    check(any(i["slip_days"] > 0 for i in moved), "compare shows items that slipped",
          out[:2000] + err)
    check(any((ms["date_slip_days"] or 0) > 0 or (ms["p85_slip_days"] or 0) > 0
              for ms in cmp.get("milestones", []) + [cmp.get("end", {})]),
          "compare shows a milestone or end slip", out[:2000])
    # The comparison keeps the baseline's order: more work moves no milestone (nor its P85) earlier.
    check(bool(cmp.get("milestones")) and
          all((ms["date_slip_days"] or 0) >= 0 and (ms["p85_slip_days"] or 0) >= 0
              for ms in cmp.get("milestones", [])),
          "more work slips no milestone earlier (the baseline's order is kept)", out[:2000])
    rc, out, err = run(cairn, "schedule", "--db", db, "--format", "json")
    after = json.loads(out) if out.strip() else {}
    was = {m["key"]: m["date"] for m in before.get("milestones", []) if m.get("date")}
    now = {m["key"]: m["date"] for m in after.get("milestones", []) if m.get("date")}
    check(was and now.keys() == was.keys() and all(now[k] >= was[k] for k in was) and
          any(now[k] > was[k] for k in was),
          "schedule --db after more work: no milestone earlier, some later", f"{was} -> {now}")
    rc, out, err = run(cairn, "baseline", "compare", "v1", "--db", db, "--format", "json",
                       "--relevel")
    check(rc == 0 and json.loads(out).get("milestones"), "compare --relevel searches anew", err)
    rc, out, err = run(cairn, "baseline", "compare", "v1", "--db", db)
    check(rc == 0 and "Items whose finish moved" in out, "compare (text)", out + err)

    # Snapshots and the trend.
    for day in ("2026-03-01", "2026-03-02", "2026-03-02"):
        rc, out, err = run(cairn, "snapshot", "--db", db, "--date", day, "--trials", "500")
        check(rc == 0 and "snapshot" in out, f"snapshot {day}", out + err)
    rc, out, err = run(cairn, "trend", "--db", db, "--format", "json")
    snaps = json.loads(out)["snapshots"] if rc == 0 else []
    check([s["date"] for s in snaps] == ["2026-03-01", "2026-03-02"],
          "one snapshot per day, trend in day order", out + err)
    check(all("M1" in s["p85"] and "program" in s["p85"] for s in snaps),
          "trend has each milestone's P85", out)
    rc, out, err = run(cairn, "trend", "--db", db)
    check(rc == 0 and "2026-03-02" in out, "trend (text)", out + err)


def test_baseline_keeps_seats_and_early_links(cairn, src, tmp):
    """A stored program in its newest baseline's order schedules exactly as the baseline did, also
    with an item whose second seat did nothing or joined later and a successor that started before
    its predecessor (testdata/schedule/keep_order; before session 26 each moved, a milestone late)."""
    for name in ("seat_did_nothing", "seat_joins_later", "early_successor"):
        plan = os.path.join(src, "testdata", "schedule", "keep_order", name + ".yaml")
        db = os.path.join(tmp, name + ".db")
        rc, out, err = run(cairn, "apply", plan, "--db", db, "-q")
        check(rc == 0, f"{name}: apply", out + err)
        rc, fresh, err = run(cairn, "schedule", plan, "--format", "json")
        rc, out, err = run(cairn, "baseline", "create", "b1", "--db", db)
        check(rc == 0, f"{name}: baseline create", out + err)
        rc, kept, err = run(cairn, "schedule", "--db", db, "--format", "json")
        doc = json.loads(kept) if kept.strip() else {}
        dates = lambda d: {i["key"]: (i["start_time"], i["finish_time"]) for i in d.get("items", [])}
        check(doc.get("order_from") == "baseline b1" and dates(doc) == dates(json.loads(fresh)),
              f"{name}: the baseline's order reproduces its schedule",
              f"{dates(json.loads(fresh))} -> {dates(doc)} {err}")


def test_tjp_keeps_its_order(cairn, src, tmp):
    """A .tjp stored with `cairn import` schedules and forecasts as the file does: the program keeps
    TaskJuggler's order, the project end and the ALAP anchors (precedes_busy.tjp: draft booked
    backward before launch, edit split around proof), with or without a baseline."""
    tjp = os.path.join(src, "testdata", "tjp", "semantics", "precedes_busy.tjp")
    db = os.path.join(tmp, "tjp.db")
    rc, out, err = run(cairn, "import", tjp, "--db", db)
    check(rc == 0, "import of a .tjp", err)
    rc, direct, err = run(cairn, "schedule", tjp, "--format", "csv")
    check(rc == 0 and "draft" in direct, "schedule of the .tjp file", err)
    rc, stored, err = run(cairn, "schedule", "--db", db, "--relevel", "--format", "csv")
    check(rc == 0 and stored == direct, "the stored .tjp schedules as the file does",
          f"file:\n{direct}\nstored:\n{stored}\n{err}")
    rc, out, err = run(cairn, "schedule", "--db", db, "--format", "json")
    doc = json.loads(out) if out.strip() else {}
    dates = {i["key"]: (i.get("start"), i.get("finish")) for i in doc.get("items", [])}
    check(rc == 0 and dates.get("draft") == ("2024-01-08", "2024-01-09"),
          "stored: draft booked backward before launch (tj3's 01-08..01-09)",
          str(dates.get("draft")) + err)
    rc, fdirect, err = run(cairn, "forecast", tjp, "--format", "json", "--trials", "200")
    rc2, fstored, err2 = run(cairn, "forecast", "--db", db, "--relevel", "--format", "json",
                             "--trials", "200")
    end = lambda text: json.loads(text).get("end") if text.strip() else None
    check(rc == rc2 and end(fdirect) is not None and end(fdirect) == end(fstored),
          "the stored .tjp forecasts as the file does", err + err2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cairn")
    ap.add_argument("--source-dir",
                    default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="cairn-store-cli-")
    try:
        test_import(a.cairn, a.source_dir, tmp)
        test_baselines(a.cairn, a.source_dir, tmp)
        test_baseline_keeps_seats_and_early_links(a.cairn, a.source_dir, tmp)
        test_tjp_keeps_its_order(a.cairn, a.source_dir, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Two `cairn serve` processes on one PostgreSQL database behave as one service (issue 14 item 5):
a write through one is read through the other, entity and views, within 1 s; concurrent If-Match
writers through both lose no update. Runs under ctest's throwaway cluster (fixture cairn_pg), in a
schema of its own.

  api_two_servers_test.py CAIRN --source-dir DIR [--pg]   (always PostgreSQL; --pg is accepted)

Prints `N passed, M failed`.
"""
import sys
import tempfile
import threading
import time

import checks
from api_server import Server, TestDb, cli_args, token

ITEM = "/api/v1/programs/ATLAS/items/PAY-110"
WRITES_PER_WRITER = 15


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def wait_until(fn, limit):
    t0 = time.time()
    while time.time() - t0 < limit:
        if fn():
            return time.time() - t0
        time.sleep(0.02)
    return None


def test_visible_on_the_other(a, b):
    _, h, _ = a.call("GET", ITEM)
    st, h2, _ = a.call("PATCH", ITEM, {"title": "written through A"}, {"If-Match": h["ETag"]})
    check(st == 200, "a write through server A", st)
    rev = int(h2["ETag"].strip('"'))
    took = wait_until(lambda: b.call("GET", ITEM)[2].get("title") == "written through A", 1.0)
    check(took is not None, f"server B reads A's write within 1 s ({took})")
    _, hb, _ = b.call("GET", "/api/v1/programs/ATLAS")
    check(hb.get("ETag") is not None, "server B has the program's revision", hb.get("ETag"))
    took = wait_until(lambda: b.call("GET", "/api/v1/programs/ATLAS/summary")[1]
                      .get("Cairn-Stale") == "false" and
                      b.call("GET", "/api/v1/programs/ATLAS/summary")[1].get("Cairn-Revision")
                      == str(rev), 3.0)
    check(took is not None, f"server B's summary is at A's revision {rev}, not stale ({took})")


def writer(server, name, results):
    """Read-modify-write loops on one item's title; 412 is retried with the current version."""
    done = 0
    while done < WRITES_PER_WRITER:
        _, h, item = server.call("GET", ITEM)
        title = f"{name}-{done}"
        st, _, _ = server.call("PATCH", ITEM, {"title": title}, {"If-Match": h["ETag"]})
        if st == 200:
            results.append(title)
            done += 1
        elif st not in (412, 503):
            results.append(f"error {st}")
            return


def test_no_lost_update(a, b, db):
    audit_sql = "SELECT count(*) FROM audit WHERE status = 200 AND action LIKE 'PATCH %'"
    before = int(db.rows("SELECT count(*) FROM revisions")[0][0])
    audited = int(db.rows(audit_sql)[0][0])
    results = []
    threads = [threading.Thread(target=writer, args=(srv, name, results))
               for srv, name in ((a, "a1"), (a, "a2"), (b, "b1"), (b, "b2"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    errors = [r for r in results if r.startswith("error")]
    check(not errors and len(results) == 4 * WRITES_PER_WRITER,
          "every writer through both servers finished without an error", errors[:5])
    after = int(db.rows("SELECT count(*) FROM revisions")[0][0])
    check(after - before == len(results),
          "each successful write is exactly one revision (none lost, none doubled)",
          (before, after, len(results)))
    check(int(db.rows(audit_sql)[0][0]) - audited == len(results),
          "the audit log has one 200 row per write")
    _, _, final = a.call("GET", ITEM)
    _, _, final_b = b.call("GET", ITEM)
    check(final.get("title") in results and final == final_b,
          "both servers end on the same item, one of the writes", (final.get("title"),
                                                                     final_b.get("title")))


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, pg=True)
        try:
            tok = token(args.cairn, db.url, "tpm1", "tpm", "ATLAS")
            a = Server(args.cairn, db.url)
            b = Server(args.cairn, db.url)
            a.token = b.token = tok
            try:
                check(a.base != b.base, "two servers on two ports", (a.base, b.base))
                test_visible_on_the_other(a, b)
                test_no_lost_update(a, b, db)
            finally:
                rc_a, _ = a.stop()
                rc_b, _ = b.stop()
            check(rc_a == 0 and rc_b == 0, "both stop cleanly on SIGTERM", (rc_a, rc_b))
        finally:
            db.close()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

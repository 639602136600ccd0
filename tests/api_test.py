#!/usr/bin/env python3
"""End-to-end test of `cairn serve` (docs/server.md): starts a real server on port 0 over a
temporary SQLite store holding examples/atlas and talks HTTP to it on loopback.

  api_test.py CAIRN --source-dir DIR [--pg]

With --pg the same checks run on PostgreSQL (ctest's throwaway cluster, a schema of its own).

Checks: health and readiness; the program list and a program with its ETag; collections with
pagination and filters; an item with its ETag; the summary view; RFC 9457 problems naming the bad
parameter or field; PATCH without If-Match (428), with a stale one (412 with the current version),
bad JSON, unknown field, wrong type and an invalid value (each 4xx, nothing written); a good PATCH
bumps the ETag and is recorded in the store's history; the access log is JSON lines; SIGTERM stops
the server with exit code 0. Prints `N passed, M failed`.
"""
import json
import os
import sys
import tempfile

import checks
from api_server import Server, TestDb, cli_args, token



def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def db_state(db):
    return [db.rows(f"SELECT * FROM {t} ORDER BY 1, 2, 3")
            for t in ("programs", "entities", "revisions", "changes")]


def test_reads(s, kind):
    st, _, body = s.call("GET", "/healthz")
    check(st == 200 and body["status"] == "ok", "healthz", body)
    st, _, body = s.call("GET", "/readyz")
    check(st == 200 and body["store"] == kind, "readyz names the store", body)
    st, _, body = s.call("GET", "/api/v1/programs")
    check(st == 200 and [p["key"] for p in body["items"]] == ["ATLAS"], "program list", body)
    st, h, body = s.call("GET", "/api/v1/programs/ATLAS")
    check(st == 200 and body["key"] == "ATLAS" and h.get("ETag") == '"1"', "program + ETag", h)
    st, _, body = s.call("GET", "/api/v1/programs/NOPE", token=s.admin)
    check(st == 404 and body["status"] == 404, "unknown program is a 404 problem (to an admin of all)",
          body)
    st, _, body = s.call("GET", "/api/v1/programs/NOPE")
    check(st == 403 and body["status"] == 403, "... and 403 to a role on another program", body)

    st, _, teams = s.call("GET", "/api/v1/programs/ATLAS/teams")
    check(st == 200 and len(teams["items"]) >= 2, "teams", teams)
    st, _, page1 = s.call("GET", "/api/v1/programs/ATLAS/items?limit=5")
    check(st == 200 and len(page1["items"]) == 5 and page1["next_cursor"] == "5", "items page 1",
          page1.get("next_cursor"))
    st, _, page2 = s.call("GET", "/api/v1/programs/ATLAS/items?limit=5&cursor=5")
    keys1 = {i["key"] for i in page1["items"]}
    check(st == 200 and len(page2["items"]) == 5 and not keys1 & {i["key"] for i in page2["items"]},
          "items page 2 follows page 1")
    st, _, pay = s.call("GET", "/api/v1/programs/ATLAS/items?team=PAY&limit=1000")
    check(st == 200 and pay["items"] and all(i.get("team") == "PAY" for i in pay["items"])
          and pay["next_cursor"] is None, "filter team=PAY", len(pay.get("items", [])))
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/items?limit=0")
    check(st == 400 and body.get("param") == "limit" and "content-type" not in body,
          "limit=0 is a problem naming limit", body)
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/items?colour=red")
    check(st == 400 and body.get("param") == "colour", "unknown filter names the parameter", body)
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/gizmos")
    check(st == 404 and body.get("param") == "path", "unknown collection/view is 404", body)

    st, _, summary = s.call("GET", "/api/v1/programs/ATLAS/summary")
    check(st == 200 and summary.get("document") == "summary"
          and summary.get("program", {}).get("key", summary.get("program")) is not None,
          "summary view is a report document", str(summary)[:200])
    st, h, fc = s.call("GET", "/api/v1/programs/ATLAS/forecast")
    check(st == 200 and fc.get("document") == "forecast" and h.get("ETag") == '"1"',
          "forecast view is a report document with the revision as ETag", str(fc)[:200])
    return pay["items"][0]["key"]


def test_writes(s, db, key):
    path = f"/api/v1/programs/ATLAS/items/{key}"
    st, h, item = s.call("GET", path)
    check(st == 200 and item["key"] == key and h.get("ETag", "").startswith('"'), "item + ETag", h)
    tag = h["ETag"]
    before = db_state(db)

    st, _, body = s.call("PATCH", path, {"title": "x"})
    check(st == 428 and body.get("param") == "If-Match", "PATCH without If-Match is 428", body)
    refused = [
        ("bad JSON", b"{not json", 400, "body"),
        ("unknown field", {"colour": "red"}, 422, "colour"),
        ("wrong type", {"title": 7}, 422, "title"),
        ("invalid value", {"estimate": "banana"}, 422, None),
    ]
    for what, payload, want, param in refused:
        st, _, body = s.call("PATCH", path, payload, {"If-Match": tag})
        check(st == want and body.get("status") == want and (param is None or body.get("param") == param),
              f"PATCH {what} is {want}", (st, body))
    check(db_state(db) == before, "refused writes changed nothing")

    st, h2, body = s.call("PATCH", path, {"title": "Renamed by the API"}, {"If-Match": tag})
    check(st == 200 and body["title"] == "Renamed by the API" and h2.get("ETag") != tag,
          "PATCH with If-Match writes and bumps the ETag", (st, h2.get("ETag"), body))
    st, h3, again = s.call("GET", path)
    check(again["title"] == "Renamed by the API" and h3["ETag"] == h2["ETag"], "GET sees the write")

    st, _, body = s.call("PATCH", path, {"title": "Lost update"}, {"If-Match": tag})
    check(st == 412 and body.get("current", {}).get("title") == "Renamed by the API"
          and body.get("current_etag") == h2["ETag"], "stale If-Match is 412 with the current", body)
    st, _, now = s.call("GET", path)
    check(now["title"] == "Renamed by the API", "the stale write changed nothing")

    rows = db.rows("SELECT actor, source FROM revisions ORDER BY revision")
    audit = db.rows("SELECT actor, action, status, remote FROM audit WHERE action LIKE 'PATCH %'"
                    " ORDER BY id")
    check(len(audit) == 7 and all(a[0] == "tpm1" and a[3] == "127.0.0.1" for a in audit)
          and [int(a[2]) for a in audit] == [428, 400, 422, 422, 422, 200, 412],
          "every write attempt is in the audit log: who, what, answer, from where", audit)
    check(len(rows) == 2 and rows[-1][0] == "tpm1" and key in rows[-1][1],
          "the write is one revision in the history", rows)


def test_put_delete(s):
    _, _, risks = s.call("GET", "/api/v1/programs/ATLAS/risks?limit=1")
    risk = dict(risks["items"][0], key="API-RISK-1")
    path = "/api/v1/programs/ATLAS/risks/API-RISK-1"
    st, _, body = s.call("PUT", path, risk)
    check(st == 428 and body.get("param") == "If-Match", "PUT without If-Match or If-None-Match is 428")
    st, h, body = s.call("PUT", path, risk, {"If-None-Match": "*"})
    check(st == 201 and body.get("key") == "API-RISK-1" and h.get("ETag") == '"1"',
          "PUT with If-None-Match: * creates (201, ETag 1)", (st, body))
    st, _, body = s.call("PUT", path, risk, {"If-None-Match": "*"})
    check(st == 412, "PUT If-None-Match: * on an existing entity is 412", (st, body))
    st, _, body = s.call("PUT", "/api/v1/programs/ATLAS/risks/OTHER-1", risk, {"If-None-Match": "*"})
    check(st == 422 and body.get("param") == "key", "PUT of a body with another key is 422", body)
    st, h, body = s.call("PUT", path, dict(risk, title="Renamed risk"), {"If-Match": '"1"'})
    check(st == 200 and h.get("ETag") == '"2"' and body.get("title") == "Renamed risk",
          "PUT with If-Match replaces", (st, body))
    st, _, body = s.call("DELETE", path, headers={"If-Match": '"1"'})
    check(st == 412 and body.get("current_etag") == '"2"', "DELETE with a stale If-Match is 412", body)
    st, _, _ = s.call("DELETE", path, headers={"If-Match": '"2"'}, raw=True)
    st2, _, _ = s.call("GET", path)
    check(st == 204 and st2 == 404, "DELETE with If-Match removes it (204, then 404)", (st, st2))
    _, _, teams = s.call("GET", "/api/v1/programs/ATLAS/teams?limit=1")
    team = teams["items"][0]["key"]
    _, h, _ = s.call("GET", f"/api/v1/programs/ATLAS/teams/{team}")
    st, _, body = s.call("DELETE", f"/api/v1/programs/ATLAS/teams/{team}",
                         headers={"If-Match": h["ETag"]})
    check(st == 422 and body.get("status") == 422,
          "DELETE of a team its people still name is 422, nothing written", body)


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, args.pg)
        try:
            tpm = token(args.cairn, db.url, "tpm1", "tpm", "ATLAS")
            s = Server(args.cairn, db.url)
            s.token = tpm
            s.admin = token(args.cairn, db.url, "root", "admin")
            try:
                key = test_reads(s, db.kind)
                test_writes(s, db, key)
                test_put_delete(s)
            finally:
                rc, err = s.stop()
        finally:
            db.close()
        check(rc == 0, "SIGTERM stops the server cleanly", rc)
        log = [json.loads(l) for l in err if l.startswith("{")]
        check(any(e["path"] == "/healthz" and e["status"] == 200 and "ms" in e for e in log),
              "access log is JSON lines with status and latency", len(log))
        check(any(e.get("user") == "tpm1" for e in log), "access log names the user")
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

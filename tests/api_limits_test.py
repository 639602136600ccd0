#!/usr/bin/env python3
"""Hardening of `cairn serve` (docs/server.md, "Limits and log"; issue 14 item 6): bodies that are
too large, too deep, not JSON, not UTF-8 or not an object, bad query strings, and a client that
stops sending, on a real server on port 0 over a temporary SQLite store holding examples/atlas.

  api_limits_test.py CAIRN --source-dir DIR [--pg]

Every bad request gets a 4xx RFC 9457 problem document naming the part at fault, and writes
nothing (the store's programs, entities, revisions and changes are compared before and after);
the server keeps answering (/healthz) after each, and a stalled request is dropped after
--timeout seconds. Prints `N passed, M failed`.
"""
import json
import socket
import sys
import tempfile
import time

import checks
from api_server import Server, TestDb, cli_args, token

MAX_BODY = 64 * 1024
TIMEOUT_S = 2


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def db_state(db):
    return [db.rows(f"SELECT * FROM {t} ORDER BY 1, 2, 3")
            for t in ("programs", "entities", "revisions", "changes")]


def is_problem(st, h, body, status):
    return (st == status and h.get("Content-Type", "").startswith("application/problem+json")
            and isinstance(body, dict) and body.get("status") == status and body.get("detail"))


def test_bodies(s, db):
    path = "/api/v1/programs/ATLAS/items/PAY-110"
    st, h, item = s.call("GET", path)
    check(st == 200 and "ETag" in h, "the item to write to exists", st)
    tag = h["ETag"]
    before = db_state(db)
    deep = b'{"title": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"  # under --max-body
    deep_object = b'{"title": ' + b'{"a":' * 10_000 + b"1" + b"}" * 10_000 + b"}"
    cases = [
        ("over --max-body", b'{"title": "' + b"x" * (MAX_BODY + 10) + b'"}', 413),
        ("30,000 nested arrays", deep, 400),
        ("10,000 nested objects", deep_object, 400),
        ("invalid UTF-8 in a string", b'{"title": "caf\xe9 \xff\xfe"}', 400),
        ("an overlong UTF-8 encoding", b'{"title": "\xc0\xaf"}', 400),
        ("a lone surrogate escape", b'{"title": "\\ud800"}', 400),
        ("not JSON", b"{title: x}", 400),
        ("trailing garbage", b'{"title": "a"} {"title": "b"}', 400),
        ("an empty body", b"", 400),
        ("an array, not an object", b'[{"title": "a"}]', 400),
        ("a number out of range", b'{"remaining": 1e999}', 400),
        ("a NUL in a field name", b'{"tit\\u0000le": "a"}', 422),
    ]
    for what, payload, want in cases:
        st, h, body = s.call("PATCH", path, payload, {"If-Match": tag})
        check(is_problem(st, h, body, want), f"PATCH with {what} is a {want} problem",
              (st, h.get("Content-Type"), str(body)[:300]))
        if want in (400, 413):
            check(body.get("param") == "body", f"the problem for {what} names the body", body)
        st, _, _ = s.call("GET", "/healthz", token="")
        check(st == 200, f"the server answers after {what}", st)
    # The same bodies as a PUT of a new entity.
    for what, payload, want in cases[:4]:
        st, h, body = s.call("PUT", "/api/v1/programs/ATLAS/risks/R-LIMITS", payload,
                             {"If-None-Match": "*"})
        check(is_problem(st, h, body, want), f"PUT with {what} is a {want} problem", (st, body))
    check(db_state(db) == before, "no refused body wrote anything")


def test_queries(s):
    bad = [
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=-1", "limit"),
        ("limit=abc", "limit"), ("cursor=%ff%fe", "cursor"), ("limit=1&limit=2", "limit"),
    ]
    st, h, body = s.call("GET", "/api/v1/programs/%ff%fe/items")
    check(st in (403, 404) and h.get("Content-Type", "").startswith("application/problem+json"),
          "a path that is not UTF-8 is a 403/404 problem, not a failure", (st, body))
    for q, param in bad:
        st, h, body = s.call("GET", f"/api/v1/programs/ATLAS/items?{q}")
        check(is_problem(st, h, body, 400) and body.get("param") == param,
              f"?{q} is a 400 problem naming {param}", (st, body))
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/items?limit=5")
    check(st == 200 and len(body.get("items", body.get("data", []))) == 5, "a good limit still works",
          str(body)[:200])


def test_stalled_client(s):
    host, port = s.base.rsplit("/", 1)[1].split(":")
    sock = socket.create_connection((host, int(port)), timeout=TIMEOUT_S * 5)
    sock.sendall(b"PATCH /api/v1/programs/ATLAS/items/PAY-110 HTTP/1.1\r\nHost: x\r\n"
                 b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\": ")
    t0 = time.monotonic()
    try:
        data = sock.recv(4096)  # the server's answer, or its close
        answered = True
    except socket.timeout:
        data, answered = b"", False
    waited = time.monotonic() - t0
    sock.close()
    check(answered and waited < TIMEOUT_S * 2, "a client that stops sending is answered or dropped "
          "after --timeout", f"after {waited:.1f} s: {data[:60]!r}")
    st, _, _ = s.call("GET", "/healthz", token="")
    check(st == 200, "the server answers after the stalled client", st)


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, args.pg)
        try:
            tpm = token(args.cairn, db.url, "tpm1", "tpm", "ATLAS")
            s = Server(args.cairn, db.url, "--max-body", str(MAX_BODY), "--timeout", str(TIMEOUT_S))
            s.token = tpm
            try:
                test_bodies(s, db)
                test_queries(s)
                test_stalled_client(s)
            finally:
                rc, err = s.stop()
            check(rc == 0, "SIGTERM stops the server cleanly", rc)
            raw = [l for l in err if "\ufffd" in l and not l.startswith("{")]
            check(not raw, "the server logs no request bytes that are not UTF-8", raw[:3])
            statuses = [int(r[0]) for r in db.rows(
                "SELECT status FROM audit WHERE action LIKE 'PATCH %' OR action LIKE 'PUT %'")]
            check(len(statuses) == 16 and all(400 <= x < 500 for x in statuses),
                  "every refused write is an audit row with its 4xx", statuses)
        finally:
            db.close()
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

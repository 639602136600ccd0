#!/usr/bin/env python3
"""The computed views of `cairn serve` (docs/server.md) on a real server on port 0 over a temporary
SQLite store holding examples/atlas.

  api_views_test.py CAIRN --source-dir DIR [--pg]

Checks: GET /api/v1/openapi.json is OpenAPI 3.1 and names every route; each view's 200 response
refers to its schema in schema/report/ by $id, and each view's document validates against that
schema; the what-if takes its edits from the query (a bad edit is a 422 naming it); views are
cached per revision: after a write a read is either stale (the old revision, `Cairn-Stale: true`)
or the new revision, and the new result arrives within 1 s (summary) and within 3 s (forecast);
/metrics counts requests by route and status, latency and recompute times.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

import jsonschema
import referencing

import checks
from api_server import Server, TestDb, cli_args, token


SCHEMA_OF = {"baselines": "baseline-list"}  # views whose schema has another name
HISTORY_ONLY = {"baselines", "trend"}  # views of the store's history, computed per request


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def registry(source_dir):
    schemas = pathlib.Path(source_dir) / "schema" / "report"
    by_id = {}
    for path in sorted(schemas.glob("*.schema.json")):
        doc = json.loads(path.read_text())
        by_id[doc["$id"]] = (path.name, doc)
    reg = referencing.Registry().with_resources(
        [(i, referencing.Resource.from_contents(d)) for i, (_, d) in by_id.items()])
    return by_id, reg


def test_openapi_and_views(s, source_dir):
    st, _, doc = s.call("GET", "/api/v1/openapi.json", token="")
    check(st == 200 and doc.get("openapi", "").startswith("3.1"), "openapi.json is OpenAPI 3.1")
    paths = doc["paths"]
    for must in ("/healthz", "/readyz", "/metrics", "/api/v1/programs",
                 "/api/v1/programs/{program}/items/{key}"):
        check(must in paths, f"openapi lists {must}")
    by_id, reg = registry(source_dir)
    views = {}
    for path, ops in paths.items():
        ref = (ops.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
               .get("application/json", {}).get("schema", {}).get("$ref"))
        if ref:
            views.setdefault(path.rsplit("/", 1)[1], []).append((path, ref))
    want = {"summary", "schedule", "forecast", "whatif", "deps", "risks", "flow", "sprints", "evm",
            "load", "critique", "health", "baselines", "trend"}
    check(want <= set(views), "openapi has every view", sorted(want - set(views)))
    for name, entries in sorted(views.items()):
        check(any(p.endswith("/views/" + name) for p, _ in entries) and
              (name in ("risks", "sprints") or len(entries) == 2),
              f"view {name} at /views/{name}, and at /{name} unless a collection has the name",
              entries)
        schema = SCHEMA_OF.get(name, name)
        for path, ref in entries:
            check(ref in by_id and by_id[ref][0] == f"{schema}.schema.json",
                  f"{path}: response schema is schema/report/{schema}.schema.json", ref)
            t0 = time.time()
            st, h, body = s.call("GET", path.replace("{program}", "ATLAS"))
            took = time.time() - t0
            errors = []
            if st == 200 and ref in by_id:
                v = jsonschema.Draft202012Validator(by_id[ref][1], registry=reg)
                errors = [e.message for e in v.iter_errors(body)][:3]
            # Views of the store's history alone have no program revision to tag.
            tag_ok = h.get("ETag") is None if name in HISTORY_ONLY else h.get("ETag") == '"1"'
            check(st == 200 and not errors and tag_ok,
                  f"{path}: 200, ETag = revision (none for history), valid against its schema "
                  f"({took:.2f} s)", (st, errors, str(body)[:300]))
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/risks")
    check(st == 200 and "items" in body, "/risks is the collection of risks", str(body)[:200])


def test_whatif(s):
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/views/whatif?descope=PAY-103")
    check(st == 200 and body.get("document") == "whatif" and "PAY-103" in json.dumps(body),
          "whatif takes its edits from the query", str(body)[:300])
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/views/whatif?descope=NOPE-1")
    check(st == 422 and body.get("status") == 422, "whatif with an unknown item is 422", body)
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/views/whatif?explode=1")
    check(st == 400 and body.get("param") == "explode", "whatif names an unknown edit", body)
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/summary?x=1")
    check(st == 400 and body.get("param") == "x", "a cached view takes no query parameters", body)


def wait_for(s, path, revision, limit):
    """Polls `path` until its ETag is `revision`; returns (seconds, every (ETag, stale) seen)."""
    t0 = time.time()
    seen = []
    while time.time() - t0 < limit + 5:
        st, h, _ = s.call("GET", path)
        seen.append((h.get("ETag"), h.get("Cairn-Stale"), h.get("Cairn-Revision")))
        if h.get("ETag") == f'"{revision}"':
            return time.time() - t0, seen
        time.sleep(0.02)
    return None, seen


def test_fresh_after_write(s):
    for view, limit in (("summary", 1.0), ("forecast", 3.0)):
        path = f"/api/v1/programs/ATLAS/{view}"
        _, h0, _ = s.call("GET", path)
        rev = int(h0["Cairn-Revision"])  # the program's revision now (the ETag may be older)
        _, _, items = s.call("GET", "/api/v1/programs/ATLAS/items?limit=1")
        key = items["items"][0]["key"]
        _, h, _ = s.call("GET", f"/api/v1/programs/ATLAS/items/{key}")
        st, _, _ = s.call("PATCH", f"/api/v1/programs/ATLAS/items/{key}",
                          {"title": f"renamed for {view}"}, {"If-Match": h["ETag"]})
        check(st == 200, f"a write before reading {view}", st)
        took, seen = wait_for(s, path, rev + 1, limit)
        tag, stale, current = seen[0]
        check(current == str(rev + 1) and ((stale == "true" and int(tag.strip('"')) <= rev) or
                                           (stale == "false" and tag == f'"{rev + 1}"')),
              f"{view} right after the write: stale at an old revision, or the new one", seen[0])
        check(all(st == "true" for tag, st, _ in seen[:-1]) and seen[-1][1] == "false",
              f"{view}: stale until the new result lands", seen[-3:])
        check(took is not None and took <= limit,
              f"{view}: the new revision served within {limit} s (took {took})", seen[-3:])


def test_history(s, cairn, db):
    """Baselines and snapshots saved by the CLI reach the views: baselines and trend at once,
    health and evm (cached per revision) from the next write on."""
    for cmd in (["baseline", "create", "B1"], ["snapshot", "--date", "2026-11-02"]):
        p = subprocess.run([cairn, *cmd, "--db", db, "--program", "ATLAS", "--trials", "200"],
                           capture_output=True, text=True)
        check(p.returncode == 0, f"cairn {cmd[0]} on the server's store", p.stderr[-300:])
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/baselines")
    check(st == 200 and [b["name"] for b in body.get("baselines", [])] == ["B1"],
          "the baselines view lists a baseline saved by the CLI at once", str(body)[:300])
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/trend")
    check(st == 200 and len(body.get("snapshots", [])) == 1,
          "the trend view has the snapshot saved by the CLI", str(body)[:300])
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/trend?x=1")
    check(st == 400 and body.get("param") == "x", "a history view takes no query parameters", body)
    st, _, body = s.call("GET", "/api/v1/programs/NOPE/trend", token=s.admin)
    check(st == 404, "a history view of an unknown program is 404", body)
    _, h0, _ = s.call("GET", "/api/v1/programs/ATLAS/evm")
    rev = int(h0["Cairn-Revision"])
    _, h, _ = s.call("GET", "/api/v1/programs/ATLAS/items/PAY-110")
    st, _, _ = s.call("PATCH", "/api/v1/programs/ATLAS/items/PAY-110", {"title": "after B1"},
                      {"If-Match": h["ETag"]})
    check(st == 200, "a write after the baseline", st)
    for view in ("evm", "health"):
        took, _ = wait_for(s, f"/api/v1/programs/ATLAS/{view}", rev + 1, 10)
        st, _, body = s.call("GET", f"/api/v1/programs/ATLAS/{view}")
        check(took is not None and "baseline B1" in json.dumps(body),
              f"the {view} view measures against the stored baseline B1", str(body)[:300])
    test_kept_order(s, rev + 1)


def milestone_dates(doc):
    return {m["key"]: m["date"] for m in doc.get("milestones", [])}


def test_kept_order(s, rev):
    """With a stored baseline, the views that level keep its order of people's work (docs/store.md):
    they say so, and more work on an item moves no milestone earlier (PAY-145, as in
    bench/stability.py)."""
    views = {}
    for view in ("schedule", "forecast", "load"):
        took, _ = wait_for(s, f"/api/v1/programs/ATLAS/{view}", rev, 10)
        st, _, views[view] = s.call("GET", f"/api/v1/programs/ATLAS/{view}")
        check(took is not None and st == 200, f"{view} at revision {rev}", st)
    sched = views["schedule"]
    check(sched.get("method") == "kept-order" and sched.get("order_from") == "baseline B1",
          "the schedule view keeps the newest baseline's order and names it",
          (sched.get("method"), sched.get("order_from")))
    check(views["forecast"].get("order_from") == "baseline B1",
          "the forecast view's trials follow the same kept order", views["forecast"].get("order_from"))
    before = milestone_dates(sched)
    _, h, item = s.call("GET", "/api/v1/programs/ATLAS/items/PAY-145")
    st, _, body = s.call("PATCH", "/api/v1/programs/ATLAS/items/PAY-145",
                         {"estimate": [2 * x for x in item["estimate"]]}, {"If-Match": h["ETag"]})
    check(st == 200, "PAY-145's estimate doubled", (st, body, item))
    took, _ = wait_for(s, "/api/v1/programs/ATLAS/schedule", rev + 1, 10)
    _, _, after_doc = s.call("GET", "/api/v1/programs/ATLAS/schedule")
    after = milestone_dates(after_doc)
    earlier = [k for k in before if k in after and after[k] < before[k]]
    check(took is not None and before and set(after) == set(before) and not earlier,
          "more work moves no milestone of the schedule view earlier",
          f"before {before}, after {after}")


def test_metrics(s):
    st, _, text = s.call("GET", "/metrics", raw=True)
    check(st == 200 and 'cairn_http_requests_total{route="/api/v1/programs/{program}/summary",'
          'method="GET",status="200"}' in text, "metrics count requests by route and status",
          text[:500])
    check('cairn_http_request_duration_seconds_bucket{route="/api/v1/programs/{program}/summary"'
          in text, "metrics have a latency histogram by route")
    check('cairn_view_recompute_seconds_count{view="forecast"}' in text,
          "metrics have recompute times by view")
    check("cairn_store_errors_total 0" in text, "metrics count store errors (none here)")


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, args.pg)
        try:
            s = Server(args.cairn, db.url)
            s.token = token(args.cairn, db.url, "tpm1", "tpm", "ATLAS")
            s.admin = token(args.cairn, db.url, "root", "admin")
            try:
                test_openapi_and_views(s, args.source_dir)
                test_whatif(s)
                test_fresh_after_write(s)
                test_history(s, args.cairn, db.url)
                test_metrics(s)
            finally:
                rc, _ = s.stop()
        finally:
            db.close()
        check(rc == 0, "SIGTERM stops the server cleanly", rc)
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

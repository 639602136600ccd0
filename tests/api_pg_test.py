#!/usr/bin/env python3
"""`cairn serve` on PostgreSQL (docs/server.md): the access tables of migration 2 through the
PostgreSQL backend. Runs under ctest's throwaway cluster (fixture cairn_pg; the URL in the file
CAIRN_TEST_PG_URL_FILE names), in a schema of its own that it drops afterwards.

  api_pg_test.py CAIRN --source-dir DIR

Checks: `cairn token create` on a postgresql:// store; a request with the token reads a view; an
unknown token is 401; a PATCH with If-Match writes and names the user in the history; a stale one
is 412; the audit log holds the write, the 412 and the 401 with who and from where; the view is
fresh at the new revision within 1 s.
"""
import os
import subprocess
import sys
import tempfile
import time

import checks
from api_server import Server, cli_args, token


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def psql(url, sql):
    p = subprocess.run(["psql", url, "-At", "-c", sql], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"psql failed: {p.stderr}")
    return [l.split("|") for l in p.stdout.splitlines() if l]


def main():
    args = cli_args()
    with open(os.environ["CAIRN_TEST_PG_URL_FILE"]) as f:
        base_url = f.readline().strip()
    schema = f"api_pg_{os.getpid()}"
    psql(base_url, f"CREATE SCHEMA {schema}")
    url = base_url + ("&" if "?" in base_url else "?") + f"options=-csearch_path%3D{schema}"
    try:
        p = subprocess.run([args.cairn, "apply", os.path.join(args.source_dir, "examples", "atlas"),
                            "--db", url, "-q"], capture_output=True, text=True)
        check(p.returncode == 0, "apply examples/atlas to PostgreSQL", p.stderr)
        s = Server(args.cairn, url)
        s.token = token(args.cairn, url, "tpm1", "tpm", "ATLAS")
        try:
            st, h, body = s.call("GET", "/api/v1/programs/ATLAS/summary")
            check(st == 200 and body.get("document") == "summary" and h.get("ETag") == '"1"',
                  "a token from the PostgreSQL store reads the summary", (st, h.get("ETag")))
            st, _, _ = s.call("GET", "/api/v1/programs/ATLAS/summary", token="cairn_" + "1" * 64)
            check(st == 401, "an unknown token is 401", st)
            _, _, items = s.call("GET", "/api/v1/programs/ATLAS/items?limit=1")
            path = f"/api/v1/programs/ATLAS/items/{items['items'][0]['key']}"
            _, h, _ = s.call("GET", path)
            st, h2, _ = s.call("PATCH", path, {"title": "on PostgreSQL"}, {"If-Match": h["ETag"]})
            check(st == 200 and h2.get("ETag") != h["ETag"], "PATCH with If-Match writes", st)
            st, _, body = s.call("PATCH", path, {"title": "lost"}, {"If-Match": h["ETag"]})
            check(st == 412 and body.get("current", {}).get("title") == "on PostgreSQL",
                  "a stale PATCH is 412 with the current item", st)
            t0 = time.time()
            while time.time() - t0 < 5:
                _, h3, _ = s.call("GET", "/api/v1/programs/ATLAS/summary")
                if h3.get("ETag") == '"2"':
                    break
                time.sleep(0.02)
            took = time.time() - t0
            check(h3.get("ETag") == '"2"' and h3.get("Cairn-Stale") == "false" and took <= 1.0,
                  f"the summary at the new revision within 1 s ({took:.2f} s)", h3)
        finally:
            rc, _ = s.stop()
        check(rc == 0, "SIGTERM stops the server cleanly", rc)
        audit = psql(url, "SELECT actor, action, remote, status FROM audit ORDER BY id")
        statuses = [(a[0], a[3]) for a in audit]
        check(("cli", "0") in statuses and ("tpm1", "200") in statuses and ("tpm1", "412") in statuses
              and ("anonymous", "401") in statuses
              and all(a[2] in ("127.0.0.1", "local") for a in audit),
              "the audit log holds the token grant, the write, the 412 and the 401", audit)
        hist = psql(url, "SELECT actor, source FROM revisions ORDER BY revision")
        check(hist[-1][0] == "tpm1" and hist[-1][1].startswith("PATCH "),
              "the history names the user", hist)
        hashes = psql(url, "SELECT hash FROM tokens")
        check(len(hashes) == 1 and s.token not in hashes[0][0] and len(hashes[0][0]) == 64,
              "the store keeps only the token's hash", hashes)
    finally:
        psql(base_url, f"DROP SCHEMA {schema} CASCADE")
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

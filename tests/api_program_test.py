#!/usr/bin/env python3
"""The whole program through the API (docs/server.md, "Routes"): PUT /api/v1/programs/{program}
with the canonical plan document (what `cairn export --format json` writes) creates a program
(If-None-Match: *) or replaces it at the revision read (If-Match), as `cairn apply --prune`: what
the document lacks is deleted, in one revision. No precondition: 428; a stale one: 412 with the
current ETag; a plan with errors: 422 naming each, nothing written; the body's key must be the
path's. Creating a program needs a role on every program (a grant on `*`).

  api_program_test.py CAIRN --source-dir DIR [--pg]
"""
import json
import subprocess

import checks
from api_server import Server, run_on_test_db, token


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def main():
    return run_on_test_db(run)


def run(cairn, db):
    url = db.url
    tpm = token(cairn, url, "tina", "tpm", "ATLAS")
    manager = token(cairn, url, "tnguyen", "manager", "ATLAS")
    root = token(cairn, url, "root", "tpm")  # a tpm on every program
    p = subprocess.run([cairn, "export", "--db", url, "--program", "ATLAS", "--format", "json"],
                       capture_output=True, text=True)
    check(p.returncode == 0, "cairn export gives the plan document", p.stderr)
    doc = json.loads(p.stdout)
    path = "/api/v1/programs/ATLAS"
    s = Server(cairn, url)
    try:
        st, h, _ = s.call("GET", path, token=tpm)
        rev = h["ETag"]
        st, _, body = s.call("PUT", path, doc, token=tpm)
        check(st == 428 and body.get("param") == "If-Match", "PUT without a precondition: 428", body)
        st, _, body = s.call("PUT", path, doc, {"If-Match": '"999"'}, token=tpm)
        check(st == 412 and body.get("current_etag") == rev, "a stale If-Match: 412 with the current",
              body)
        st, _, body = s.call("PUT", path, doc, {"If-Match": rev}, token=manager)
        check(st == 403, "a manager may not replace the program", (st, body))

        st, h2, body = s.call("PUT", path, doc, {"If-Match": rev}, token=tpm)
        check(st == 200 and body["written"] is False and h2.get("ETag") == rev,
              "the same document again writes nothing", (st, body))

        removed = doc["risks"][0]["key"]
        changed = doc["milestones"][0]
        edited = json.loads(json.dumps(doc))
        edited["risks"] = edited["risks"][1:]
        edited["milestones"][0]["name"] = changed["name"] + " (renamed)"
        st, h2, body = s.call("PUT", path, edited, {"If-Match": rev}, token=tpm)
        check(st == 200 and body["revision"] == int(rev.strip('"')) + 1 and body["deleted"] == 1
              and body["updated"] >= 1 and h2.get("ETag") == f'"{body["revision"]}"',
              "a replaced program: one revision, the risk deleted, the milestone updated", body)
        st, _, _ = s.call("GET", f"{path}/risks/{removed}", token=tpm)
        check(st == 404, "what the document lacks is gone", st)
        st, _, ms = s.call("GET", f"{path}/milestones/{changed['key']}", token=tpm)
        check(ms.get("name", "").endswith("(renamed)"), "what the document changes is changed", ms)
        st, _, _ = s.call("PUT", path, doc, {"If-Match": rev}, token=tpm)
        check(st == 412, "the ETag read before that write is stale now", st)
        new_rev = h2["ETag"]

        bad = json.loads(json.dumps(edited))
        bad["items"][0]["team"] = "NOBODY"
        st, _, body = s.call("PUT", path, bad, {"If-Match": new_rev}, token=tpm)
        errors = body.get("errors", [])
        check(st == 422 and any("NOBODY" in e["message"] and e["pointer"].startswith("/items/0")
                                for e in errors),
              "a plan with errors: 422 naming each error and where", body)
        wrong = json.loads(json.dumps(edited))
        wrong["program"]["key"] = "OTHER"
        st, _, body = s.call("PUT", path, wrong, {"If-Match": new_rev}, token=tpm)
        check(st == 422 and body.get("param") == "key", "the body's key must be the path's", body)
        _, h3, _ = s.call("GET", path, token=tpm)
        check(h3["ETag"] == new_rev, "refused writes wrote nothing", (h3["ETag"], new_rev))

        fresh = json.loads(json.dumps(doc))
        fresh["program"]["key"] = "NEWP"
        fresh["program"]["name"] = "A program made over the API"
        st, _, body = s.call("PUT", "/api/v1/programs/NEWP", fresh, {"If-None-Match": "*"}, token=tpm)
        check(st == 403, "a tpm of one program may not create another", (st, body))
        st, h4, body = s.call("PUT", "/api/v1/programs/NEWP", fresh, {"If-None-Match": "*"},
                              token=root)
        check(st == 201 and body["revision"] == 1 and h4.get("ETag") == '"1"',
              "a tpm on every program creates one: 201, revision 1", (st, body))
        st, _, body = s.call("PUT", "/api/v1/programs/NEWP", fresh, {"If-None-Match": "*"},
                             token=root)
        check(st == 412 and body.get("current_etag") == '"1"', "creating it again: 412", body)
        st, _, _ = s.call("GET", "/api/v1/programs/NEWP/summary", token=root)
        check(st == 200, "the new program has its views", st)
        rows = db.rows("SELECT actor, source FROM revisions WHERE revision = 1 AND program_id = "
                       "(SELECT id FROM programs WHERE key = 'NEWP')")
        check(rows and rows[0][0] == "root" and rows[0][1].startswith("PUT "),
              "the revision names who and how", rows)
    finally:
        s.stop()


if __name__ == "__main__":
    raise SystemExit(main())

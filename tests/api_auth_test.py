#!/usr/bin/env python3
"""The role matrix of `cairn serve` (docs/server.md): walks every route of the route table (as
GET /api/v1/openapi.json lists it) with anonymous, a bad token, and a token of each role, and
checks exactly who gets through. The expected matrix is written here, not read from the server.

  api_auth_test.py CAIRN --source-dir DIR

A write (PATCH, PUT, DELETE) that gets through is stopped by its missing If-Match (428), so the
walk changes nothing.
Also: a member changes only items assigned to them; a role on another program gives nothing here;
the program list shows only programs with a role; every refusal is one audit row.
"""
import os
import subprocess
import sys
import tempfile

import checks
from api_server import Server, TestDb, cli_args, token

ROLES = ["viewer", "member", "manager", "tpm", "admin"]
P = "/api/v1/programs/{program}"
# The least role of each route; None: anonymous may call it.
EXPECTED = {
    ("GET", "/healthz"): None,
    ("GET", "/readyz"): None,
    ("GET", "/api/v1/openapi.json"): None,
    ("POST", "/api/v1/login"): None,
    ("POST", "/api/v1/logout"): "viewer",
    ("POST", "/api/v1/hooks/github"): None,  # the signature is the auth (api_webhooks_test)
    ("POST", "/api/v1/hooks/jira"): None,
    ("GET", "/metrics"): "viewer",
    ("GET", "/api/v1/tokens"): "viewer",  # one's own tokens (api_tokens_test)
    ("DELETE", "/api/v1/tokens/{id}"): "viewer",
    ("GET", "/api/v1/programs"): "viewer",
    ("GET", P): "viewer",
    ("PUT", P): "tpm",  # the whole program from its plan document (api_program_test)
    ("GET", P + "/{collection}"): "viewer",
    ("GET", P + "/{collection}/{key}"): "viewer",
    ("PATCH", P + "/items/{key}"): "member",
    ("PUT", P + "/teams/{key}"): "manager",
    ("PUT", P + "/people/{key}"): "manager",
    ("PUT", P + "/{collection}/{key}"): "tpm",
    ("DELETE", P + "/teams/{key}"): "manager",
    ("DELETE", P + "/people/{key}"): "manager",
    ("DELETE", P + "/{collection}/{key}"): "tpm",
}
# What a call let through answers when not 200 (GET) or 428 (a write without If-Match): login
# without a body is 400, logout with a Bearer token has no session to end (400), and a webhook
# delivery of `{}` names no repository or project (400, before its signature is checked).
LET_THROUGH = {("POST", "/api/v1/login"): 400, ("POST", "/api/v1/logout"): 400,
               ("POST", "/api/v1/hooks/github"): 400, ("POST", "/api/v1/hooks/jira"): 400,
               ("DELETE", "/api/v1/tokens/{id}"): 404}  # no such token (a made-up id)
VIEWS = ["summary", "schedule", "forecast", "whatif", "deps", "risks", "flow", "sprints", "evm",
         "load", "critique", "health", "baselines", "trend"]  # views every viewer may read
for v in VIEWS:
    EXPECTED[("GET", P + "/views/" + v)] = "viewer"
    if v not in ("risks", "sprints"):  # also collections: /risks is the collection
        EXPECTED[("GET", P + "/" + v)] = "viewer"


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def concrete(path, keys):
    coll = "items"
    if "/teams/" in path:
        coll = "teams"
    elif "/people/" in path:
        coll = "people"
    key = keys[coll]
    return (path.replace("{program}", "ATLAS").replace("{collection}", coll)
            .replace("{key}", key).replace("{id}", "0123456789ab"))


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = TestDb(args.cairn, args.source_dir, tmp, pg=args.pg)
        try:
            run(args, store)
        finally:
            store.close()
    return checks.summary()


def run(args, store):
    db = store.url
    tokens = {r: token(args.cairn, db, f"{r}-user", r, "ATLAS") for r in ROLES}
    global_admin = token(args.cairn, db, "root", "admin")
    other_plan = os.path.join(args.source_dir, "testdata", "schedule", "alap_finish_bounds.yaml")
    p = subprocess.run([args.cairn, "apply", other_plan, "--db", db, "-q"], capture_output=True,
                       text=True)
    check(p.returncode == 0, "a second program (ALAP) in the store", p.stderr)
    outsider = token(args.cairn, db, "outsider", "admin", "ALAP")
    p = subprocess.run([args.cairn, "token", "create", "--db", db, "--user", "x", "--role",
                        "boss"], capture_output=True, text=True)
    check(p.returncode == 2 and p.stdout == "" and "admin, tpm" in p.stderr,
          "token create refuses an unknown role, listing the roles", p.stderr)
    s = Server(args.cairn, db)
    try:
        st, _, doc = s.call("GET", "/api/v1/openapi.json")
        listed = {(m.upper(), path) for path, ops in doc["paths"].items() for m in ops}
        check(listed == set(EXPECTED), "the matrix covers exactly the routes of the table",
              sorted(listed ^ set(EXPECTED)))
        _, _, items = s.call("GET", "/api/v1/programs/ATLAS/items?limit=1000",
                             token=global_admin)
        _, _, teams = s.call("GET", "/api/v1/programs/ATLAS/teams", token=global_admin)
        _, _, people = s.call("GET", "/api/v1/programs/ATLAS/people", token=global_admin)
        keys = {"items": items["items"][0]["key"], "teams": teams["items"][0]["key"],
                "people": people["items"][0]["key"]}
        refusals = 0
        for (method, path), least in sorted(EXPECTED.items()):
            url = concrete(path, keys)
            body = {} if method in ("PATCH", "PUT") else None
            who = [("anonymous", "")] + [(r, tokens[r]) for r in ROLES]
            for name, tok in who:
                st, _, _ = s.call(method, url, body, token=tok, raw=True)
                allowed = least is not None and name != "anonymous" and \
                    ROLES.index(name) >= ROLES.index(least)
                if least is None:
                    allowed = True
                got = st not in (401, 403)
                refusals += not got
                # Let through: a read answers 200, a write stops at its missing If-Match.
                want = ((401 if name == "anonymous" else 403) if not allowed
                        else LET_THROUGH.get((method, path),
                                             200 if method == "GET" else 428))
                check(got == allowed and st == want,
                      f"{method} {path} as {name}: {'allowed' if allowed else want}", st)
        st, h, _ = s.call("GET", "/api/v1/programs/ATLAS", token="cairn_" + "0" * 64)
        check(st == 401 and "invalid_token" in h.get("WWW-Authenticate", ""),
              "an unknown token is 401", (st, h))
        st, _, body = s.call("GET", "/api/v1/programs/ATLAS", headers={"Authorization": "Basic x"})
        check(st == 401 and body.get("param") == "Authorization", "a non-Bearer header is 401")
        refusals += 2
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS/summary", token=outsider)
        check(st == 403, "an admin of another program may not read this one", st)
        st, _, _ = s.call("GET", "/api/v1/programs/ALAP/summary", token=outsider)
        check(st == 200, "... but reads their own", st)
        st, _, lst = s.call("GET", "/api/v1/programs", token=outsider)
        check([p["key"] for p in lst["items"]] == ["ALAP"], "... and lists only theirs", lst)
        refusals += 1
        p = subprocess.run([args.cairn, "token", "create", "--db", db, "--user", "y", "--role",
                            "admin", "--program", "NOPE"], capture_output=True, text=True)
        check(p.returncode == 2 and "NOPE" in p.stderr, "token create refuses an unknown program")
        # A member and their own items.
        own = next(i for i in items["items"] if i.get("assignee"))
        theirs = next(i for i in items["items"] if i.get("assignee") and
                      i["assignee"] != own["assignee"])
        member = token(args.cairn, db, own["assignee"], "member", "ATLAS")
        for item, want in ((theirs, 403), (own, 200)):
            path = f"/api/v1/programs/ATLAS/items/{item['key']}"
            _, h, _ = s.call("GET", path, token=member)
            st, _, body = s.call("PATCH", path, {"title": "by its assignee"},
                                 headers={"If-Match": h["ETag"]}, token=member)
            check(st == want, f"a member PATCHes {'their own' if want == 200 else 'another'}'s item: {want}",
                  (st, body))
        refusals += 1
        st, _, lst = s.call("GET", "/api/v1/programs", token=tokens["viewer"])
        check(st == 200 and [p["key"] for p in lst["items"]] == ["ATLAS"],
              "the program list shows only programs with a role", lst)
        st, _, lst = s.call("GET", "/api/v1/programs", token=global_admin)
        check([p["key"] for p in lst["items"]] == ["ALAP", "ATLAS"],
              "a role on every program (no --program) sees them all", lst)
    finally:
        s.stop()
    denied = int(store.rows("SELECT COUNT(*) FROM audit WHERE status IN (401, 403)")[0][0])
    sample = store.rows("SELECT actor, action, remote FROM audit WHERE status = 403 LIMIT 1")
    sample = sample[0] if sample else None
    tokens_stored = [r[0] for r in store.rows("SELECT hash FROM tokens")]
    check(denied == refusals, "every refusal is one audit row", (denied, refusals))
    check(sample and sample[2] == "127.0.0.1" and sample[1].startswith(("GET ", "PATCH ", "PUT ", "DELETE ")),
          "an audit row says who, what and from where", sample)
    check(all(t not in tokens_stored for t in tokens.values())
          and all(len(h) == 64 for h in tokens_stored), "the store keeps only token hashes")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""API tokens listed and revoked (docs/server.md "Tokens"): `cairn token create` names the new
token's id on stderr, `cairn token list` shows ids (never tokens or whole hashes), `cairn token
revoke ID | --user U`; GET /api/v1/tokens (own tokens; an admin on every program sees all) and
DELETE /api/v1/tokens/{id} (own, or any for that admin; another's is a 404 to anyone else). A
revoked token is refused on the next request, also by a second server on the same store. Every
revoke is in the audit log.

  api_tokens_test.py CAIRN --source-dir DIR [--pg]
"""
import re
import subprocess
import sys

import checks
from api_server import Server, run_on_test_db


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def create(cairn, db, user, role, program=None):
    cmd = [cairn, "token", "create", "--db", db, "--user", user, "--role", role]
    if program:
        cmd += ["--program", program]
    p = subprocess.run(cmd, capture_output=True, text=True)
    m = re.search(r"token ([0-9a-f]{12}) of " + re.escape(user), p.stderr)
    check(p.returncode == 0 and len(p.stdout.splitlines()) == 1 and m is not None,
          f"token create for {user}: the token alone on stdout, its id on stderr", p.stderr)
    return p.stdout.strip(), m.group(1) if m else ""


def cli(cairn, *args):
    return subprocess.run([cairn, "token", *args], capture_output=True, text=True)


def main():
    return run_on_test_db(run)


def run(cairn, db):
    url = db.url
    root, root_id = create(cairn, url, "root", "admin")
    ann, ann_id = create(cairn, url, "ann", "viewer", "ATLAS")
    ann2, ann2_id = create(cairn, url, "ann", "member", "ATLAS")
    bob, bob_id = create(cairn, url, "bob", "tpm", "ATLAS")

    p = cli(cairn, "list", "--db", url)
    rows = [l.split() for l in p.stdout.splitlines()[1:]]
    check(p.returncode == 0 and sorted(r[0] for r in rows) == sorted([root_id, ann_id, ann2_id, bob_id]),
          "token list shows every token's id", p.stdout)
    check(all(t not in p.stdout for t in (root, ann, bob)) and all(len(r[0]) == 12 for r in rows),
          "token list never shows a token", p.stdout)
    p = cli(cairn, "list", "--db", url, "--user", "ann")
    check(sorted(l.split()[0] for l in p.stdout.splitlines()[1:]) == sorted([ann_id, ann2_id]),
          "token list --user shows that user's tokens only", p.stdout)

    s = Server(cairn, url)
    s2 = Server(cairn, url)
    try:
        st, _, doc = s.call("GET", "/api/v1/tokens", token=ann)
        check(st == 200 and sorted(t["id"] for t in doc["tokens"]) == sorted([ann_id, ann2_id])
              and {t["user"] for t in doc["tokens"]} == {"ann"},
              "GET /tokens: a user sees their own tokens", doc)
        st, _, doc = s.call("GET", "/api/v1/tokens?user=bob", token=ann)
        check(st == 403 and doc.get("param") == "user", "GET /tokens?user=other: 403 for a non-admin",
              doc)
        st, _, doc = s.call("GET", "/api/v1/tokens", token=bob)
        check(st == 200 and [t["id"] for t in doc["tokens"]] == [bob_id],
              "a tpm on one program is no store admin: own tokens only", doc)
        st, _, doc = s.call("GET", "/api/v1/tokens", token=root)
        check(st == 200 and len(doc["tokens"]) == 4, "GET /tokens: an admin on * sees all", doc)
        st, _, doc = s.call("GET", "/api/v1/tokens?user=ann", token=root)
        check(st == 200 and len(doc["tokens"]) == 2, "GET /tokens?user=: the admin filters", doc)
        st, _, doc = s.call("GET", "/api/v1/tokens?owner=ann", token=root)
        check(st == 400 and doc.get("param") == "owner", "an unknown query parameter is a 400", doc)
        st, _, doc = s.call("GET", "/api/v1/tokens")
        check(st == 401, "GET /tokens anonymous: 401", st)

        st, _, doc = s.call("DELETE", f"/api/v1/tokens/{bob_id}", token=ann)
        check(st == 404, "DELETE another user's token: 404 for a non-admin", doc)
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS", token=bob)
        check(st == 200, "... and that token still works", st)
        st, _, doc = s.call("DELETE", "/api/v1/tokens/not-an-id", token=ann)
        check(st == 400 and doc.get("param") == "id", "DELETE with a malformed id: 400 naming id",
              doc)
        st, _, doc = s.call("DELETE", f"/api/v1/tokens/{ann2_id}", token=ann, raw=True)
        check(st == 204, "DELETE one's own other token: 204", (st, doc))
        st, _, _ = s2.call("GET", "/api/v1/programs/ATLAS", token=ann2)
        check(st == 401, "the revoked token is refused at once, by another server too", st)
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS", token=ann)
        check(st == 200, "the user's other token still works", st)
        st, _, _ = s.call("DELETE", f"/api/v1/tokens/{ann2_id}", token=ann)
        check(st == 404, "revoking it again: 404", st)
        st, _, _ = s.call("DELETE", f"/api/v1/tokens/{bob_id}", token=root, raw=True)
        check(st == 204, "an admin on * revokes anyone's token", st)
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS", token=bob)
        check(st == 401, "... refused at once", st)
    finally:
        s.stop()
        s2.stop()

    p = cli(cairn, "revoke", "--db", url, ann_id)
    check(p.returncode == 0 and f"token {ann_id} of ann" in p.stdout, "cairn token revoke ID",
          p.stdout + p.stderr)
    p = cli(cairn, "revoke", "--db", url, ann_id)
    check(p.returncode == 2 and "no token has the id" in p.stderr and "hint" in p.stderr,
          "revoking an unknown id: exit 2 with a hint", p.stderr)
    p = cli(cairn, "revoke", "--db", url, "XYZ")
    check(p.returncode == 2 and "is not a token id" in p.stderr, "a malformed id: exit 2", p.stderr)
    p = cli(cairn, "revoke", "--db", url)
    check(p.returncode == 2 and "token id or --user" in p.stderr, "neither id nor --user: exit 2",
          p.stderr)
    create(cairn, url, "carl", "viewer")
    create(cairn, url, "carl", "viewer")
    p = cli(cairn, "revoke", "--db", url, "--user", "carl")
    check(p.returncode == 0 and "2 token(s) of carl" in p.stdout, "revoke --user: every token of a user",
          p.stdout + p.stderr)
    p = cli(cairn, "list", "--db", url)
    check([l.split()[0] for l in p.stdout.splitlines()[1:]] == [root_id],
          "only root's token is left", p.stdout)

    audit = db.rows("SELECT actor, action, status, detail FROM audit ORDER BY id")
    api = [r for r in audit if r[1].startswith("DELETE /api/v1/tokens/")]
    check(len(api) == 5 and any(r[2] == "204" and "of ann" in r[3] for r in api)
          and any(r[2] == "404" for r in api), "API revokes are audited with their outcome", api)
    cli_rows = [r for r in audit if r[1] == "token revoke"]
    check(len(cli_rows) == 2 and any("2 token(s) of carl" in r[3] for r in cli_rows),
          "CLI revokes are audited", cli_rows)


if __name__ == "__main__":
    sys.exit(main())

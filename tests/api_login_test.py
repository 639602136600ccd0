#!/usr/bin/env python3
"""Browser login on `cairn serve` (docs/server.md "Browser login"): passwords set by
`cairn user set-password` (argon2id in the store), POST /api/v1/login and /logout, the session
cookie's attributes, CSRF on writes sent with the cookie, the login rate limit (per user and per
client address, kept in the store), sessions shared by two servers on one store, and the audit rows.

  api_login_test.py CAIRN --source-dir DIR
"""
import subprocess
import sys
import tempfile
import time

import checks
from api_server import Server, TestDb, cli_args, token

PASSWORD = "correct horse battery"


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def set_password(cairn, db, user, password):
    return subprocess.run([cairn, "user", "set-password", "--db", db, "--user", user],
                          input=password + "\n", capture_output=True, text=True)


def login(s, user, password, headers=None):
    return s.call("POST", "/api/v1/login", {"user": user, "password": password}, headers=headers)


def session_of(h):
    cookie = h.get("Set-Cookie", "")
    return cookie.split(";")[0]  # "cairn_session=..."


def iso(offset):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + offset))


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
    token(args.cairn, db, "alice", "tpm", "ATLAS")  # alice: a TPM on ATLAS
    p = set_password(args.cairn, db, "alice", "short")
    check(p.returncode == 2 and "at least 12" in p.stderr, "a password under 12 characters is refused",
          p.stderr)
    p = subprocess.run([args.cairn, "user", "set-password", "--db", db, "--user", "alice"],
                       input="", capture_output=True, text=True)
    check(p.returncode == 2 and "stdin" in p.stderr, "no password on stdin is refused", p.stderr)
    for user in ("alice", "dave", "erin"):
        p = set_password(args.cairn, db, user, PASSWORD)
        check(p.returncode == 0 and p.stdout == "", f"set-password for {user}", p.stderr)
    hashes = [r[0] for r in store.rows("SELECT password_hash FROM users WHERE password_hash "
                                       "IS NOT NULL")]
    check(len(hashes) == 3 and all(h.startswith("$argon2id$") and PASSWORD not in h
                                   for h in hashes),
          "the store keeps argon2id hashes only", hashes)
    s = Server(args.cairn, db)
    s2 = None
    failures = 0  # failed logins from 127.0.0.1
    try:
        st, _, body = login(s, "alice", "wrong password!")
        failures += 1
        check(st == 401 and "wrong user or password" in body["detail"], "a wrong password is 401",
              (st, body))
        st, _, body2 = login(s, "nobody", PASSWORD)
        failures += 1
        check(st == 401 and body2["detail"] == body["detail"],
              "an unknown user gets the same answer", (st, body2))
        st, _, body = s.call("POST", "/api/v1/login", {"user": "alice"})
        check(st == 422 and body.get("param") == "password", "a login without password is 422",
              (st, body))

        st, h, body = login(s, "alice", PASSWORD)
        cookie = h.get("Set-Cookie", "")
        check(st == 200 and body["user"] == "alice" and len(body["csrf"]) == 64 and
              body["expires"] > iso(11 * 3600), "a login answers {user, csrf, expires}", body)
        check(all(a in cookie for a in ("HttpOnly", "SameSite=Strict", "Path=/")) and
              "Secure" not in cookie and cookie.startswith("cairn_session="),
              "the cookie is HttpOnly, SameSite=Strict, Path=/ (no Secure on plain HTTP)", cookie)
        sid = session_of(h)
        csrf = body["csrf"]
        stored = [r[0] for r in store.rows("SELECT hash FROM sessions")]
        check(len(stored) == 1 and sid.split("=")[1] not in stored, "the store keeps the session's hash", stored)
        _, h, _ = login(s, "alice", PASSWORD, headers={"X-Forwarded-Proto": "https"})
        check("; Secure" in h.get("Set-Cookie", ""), "behind TLS (X-Forwarded-Proto) the cookie is Secure",
              h.get("Set-Cookie"))

        st, _, prog = s.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": sid})
        check(st == 200 and prog["key"] == "ATLAS", "the cookie authenticates a read", st)
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": "cairn_session=" + "0" * 64})
        check(st == 401, "an unknown session is 401", st)
        _, _, items = s.call("GET", "/api/v1/programs/ATLAS/items?limit=1", headers={"Cookie": sid})
        path = "/api/v1/programs/ATLAS/items/" + items["items"][0]["key"]
        _, h, _ = s.call("GET", path, headers={"Cookie": sid})
        etag = h["ETag"]
        st, _, body = s.call("PATCH", path, {"title": "by cookie"},
                             headers={"Cookie": sid, "If-Match": etag})
        check(st == 403 and body.get("param") == "X-CSRF-Token",
              "a write with the cookie and no X-CSRF-Token is 403", (st, body))
        st, _, body = s.call("PATCH", path, {"title": "by cookie"},
                             headers={"Cookie": sid, "If-Match": etag, "X-CSRF-Token": "0" * 64})
        check(st == 403 and "not this session" in body["detail"], "a wrong X-CSRF-Token is 403", (st, body))
        st, _, body = s.call("PATCH", path, {"title": "by cookie"},
                             headers={"Cookie": sid, "If-Match": etag, "X-CSRF-Token": csrf})
        check(st == 200 and body["title"] == "by cookie", "with its CSRF token the write goes through",
              (st, body))

        s2 = Server(args.cairn, db)
        st, _, _ = s2.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": sid})
        check(st == 200, "a second server on the store knows the session", st)

        st, _, _ = s.call("POST", "/api/v1/logout", headers={"Cookie": sid})
        check(st == 403, "logout without X-CSRF-Token is 403", st)
        st, h, _ = s.call("POST", "/api/v1/logout", headers={"Cookie": sid, "X-CSRF-Token": csrf}, raw=True)
        check(st == 204 and "Max-Age=0" in h.get("Set-Cookie", ""), "logout is 204 and clears the cookie",
              (st, h))
        st, _, _ = s2.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": sid})
        check(st == 401, "after logout the session is 401 (on the other server too)", st)

        # An expired session (its idle expiry passed) is 401.
        _, h, _ = login(s, "alice", PASSWORD)
        store.execute(f"UPDATE sessions SET expires_at = '{iso(-1)}'")
        st, _, body = s.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": session_of(h)})
        check(st == 401 and "expired" in body["detail"], "an expired session is 401", (st, body))
        st, _, _ = s.call("GET", "/healthz", headers={"Cookie": session_of(h)})
        check(st == 200, "... but not on an anonymous route", st)

        # However active, a session ends 7 days after its login.
        _, h, _ = login(s, "alice", PASSWORD)
        st, _, _ = s.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": session_of(h)})
        check(st == 200, "a fresh session reads", st)
        store.execute(f"UPDATE sessions SET created_at = '{iso(-7 * 86400 - 60)}'")
        st, _, body = s.call("GET", "/api/v1/programs/ATLAS", headers={"Cookie": session_of(h)})
        check(st == 401 and "expired" in body["detail"],
              "a session logged in over 7 days ago is 401 however recently used", (st, body))

        # Per user: 5 failures for dave from elsewhere in the window stop dave from here too;
        # failures older than the window do not count (erin).
        store.execute(*[f"INSERT INTO login_failures VALUES ('{iso(-60)}', 'dave', '10.0.0.9')"
                        for _ in range(5)],
                      *[f"INSERT INTO login_failures VALUES ('{iso(-16 * 60)}', 'erin', "
                        "'10.0.0.9')" for _ in range(5)])
        st, h, body = login(s, "dave", PASSWORD)
        retry = int(h.get("Retry-After", "0"))
        check(st == 429 and 800 <= retry <= 900 and "'dave'" in body["detail"],
              "5 failures for a user in 15 min: 429 with Retry-After", (st, h.get("Retry-After"), body))
        st, _, _ = login(s, "erin", PASSWORD)
        check(st == 200, "failures older than 15 minutes do not count", st)
        # Per address: failures from 127.0.0.1 for any users.
        while failures < 5:
            st, _, _ = login(s, f"guess{failures}", "not it at all")
            failures += 1
        st, h, body = login(s, "alice", PASSWORD)
        check(st == 429 and "127.0.0.1" in body["detail"] and h.get("Retry-After"),
              "5 failures from one address: 429 even with the right password", (st, body))
    finally:
        s.stop()
        if s2:
            s2.stop()
    rows = store.rows("SELECT status, actor, detail FROM audit WHERE action = "
                      "'POST /api/v1/login'")
    cli = int(store.rows("SELECT COUNT(*) FROM audit WHERE action = 'user set-password'")[0][0])
    statuses = [int(r[0]) for r in rows]
    check(statuses.count(401) == 5 and statuses.count(429) == 2,
          "every failed and refused login is one audit row", statuses)
    check(all(PASSWORD not in (r[2] or "") for r in rows), "no password in the audit log")
    check(cli == 3, "set-password is audited", cli)


if __name__ == "__main__":
    sys.exit(main())

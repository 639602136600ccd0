#!/usr/bin/env python3
"""Webhooks in on `cairn serve` (docs/server.md "Webhooks"): `cairn webhook add|list|remove`, then
GitHub `issues` and Jira `jira:issue_*` deliveries (testdata/webhooks/, shaped as GitHub and Jira
document them) signed with HMAC-SHA256, against a real server on port 0.

  api_webhooks_test.py CAIRN --source-dir DIR [--pg]

With --pg the same checks run on PostgreSQL (ctest's throwaway cluster, a schema of its own).

Checks: issues opened / labeled / closed / reopened create and update the item with the state and a
history entry at the event's own time; a wrong secret, a missing signature and a tampered body are
401 and write nothing; an unknown repository or project is 404 naming `cairn webhook add`; a
payload without a needed field is 400 naming its JSON pointer; the same delivery id again is
`{"duplicate": true}` and the same event under a new id is `unchanged`, the revision unchanged
both times; an older event than the item's last change is `stale`; Jira created / updated
(status from the changelog) / deleted (Cancelled); revisions by `webhook:github` / `webhook:jira`
with source `webhook`; one audit row per delivery. Prints `N passed, M failed`.
"""
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request

import checks
from api_server import Server, TestDb, cli_args, token

GH_SECRET = "3f1c9a7e2b6d4058a1e9c7b3d2f60a84"
JIRA_SECRET = "jira-shared-secret-0c41d6e8b2a9"


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def db_state(db):
    return [db.rows(f"SELECT * FROM {t} ORDER BY 1, 2, 3")
            for t in ("programs", "entities", "revisions", "changes")]


def revision(db):
    return int(db.rows("SELECT revision FROM programs WHERE key = 'ATLAS'")[0][0])


class Hooks:
    def __init__(self, server, source_dir, s_args=None):
        self.s = server
        self.source_dir = source_dir
        self.s_args = s_args  # (cairn, db url): to start a second server on the same store
        self.dir = os.path.join(source_dir, "testdata", "webhooks")

    def payload(self, name):
        with open(os.path.join(self.dir, name + ".json"), "rb") as f:
            return f.read()

    def github(self, body, delivery, event="issues", secret=GH_SECRET, signature=None):
        if isinstance(body, str):
            body = self.payload(body)
        sig = signature if signature is not None else \
            "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        h = {"X-GitHub-Event": event}
        if delivery:
            h["X-GitHub-Delivery"] = delivery
        if sig:
            h["X-Hub-Signature-256"] = sig
        return self.s.call("POST", "/api/v1/hooks/github", body, headers=h, token="")

    def jira(self, body, delivery, secret=JIRA_SECRET):
        if isinstance(body, str):
            body = self.payload(body)
        sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        h = {"X-Hub-Signature": sig, "X-Atlassian-Webhook-Identifier": delivery}
        return self.s.call("POST", "/api/v1/hooks/jira", body, headers=h, token="")


def webhook_cli(args, db):
    def run(*argv, stdin=""):
        return subprocess.run([args.cairn, "webhook", *argv, "--db", db.url], input=stdin,
                              capture_output=True, text=True)
    p = run("add", "--program", "ATLAS", "--source", "github", "--project", "Acme/Payments",
            stdin=GH_SECRET + "\n")
    check(p.returncode == 0 and p.stdout == "", "webhook add github acme/payments", p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "jira", "--project", "OPS",
            stdin=JIRA_SECRET + "\n")
    check(p.returncode == 0, "webhook add jira OPS", p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "github", "--project", "acme/payments",
            stdin="another-secret-of-32-characters!\n")
    check(p.returncode == 2 and "webhook-exists" in p.stderr and "webhook remove" in p.stderr,
          "a second webhook for the same repository is refused, naming remove", p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "github", "--project", "acme/web",
            stdin="short\n")
    check(p.returncode == 2 and "at least 16" in p.stderr, "a secret under 16 characters is refused",
          p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "github", "--project", "acme/web")
    check(p.returncode == 2 and "stdin" in p.stderr, "no secret on stdin is refused", p.stderr)
    p = run("add", "--program", "NOPE", "--source", "github", "--project", "acme/web",
            stdin=GH_SECRET + "\n")
    check(p.returncode == 2 and "NOPE" in p.stderr, "an unknown program is refused", p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "gitlab", "--project", "acme/web",
            stdin=GH_SECRET + "\n")
    check(p.returncode == 2 and "github or jira" in p.stderr, "an unknown source is refused",
          p.stderr)
    p = run("add", "--program", "ATLAS", "--source", "jira", "--project", "ops key",
            stdin=GH_SECRET + "\n")
    check(p.returncode == 2 and "project key" in p.stderr, "a bad Jira key is refused", p.stderr)
    p = run("list")
    check(p.returncode == 0 and "acme/payments" in p.stdout and "OPS" in p.stdout
          and GH_SECRET not in p.stdout and JIRA_SECRET not in p.stdout,
          "webhook list shows both and never a secret", p.stdout)
    rows = db.rows("SELECT source, project, program FROM webhooks ORDER BY 1")
    check(rows == [("github", "acme/payments", "ATLAS"), ("jira", "OPS", "ATLAS")],
          "the store holds the two webhooks", rows)
    return run


def item(s, key):
    """The item through the API, found in its team's collection (the escaped entity path is
    checked on its own in test_github)."""
    team = key.split("#")[0] if "#" in key else key.split("-")[0]
    st, h, body = s.call("GET", "/api/v1/programs/ATLAS/items?limit=1000&team=" +
                         team.replace("/", "%2F"))
    found = [i for i in body.get("items", [])] if st == 200 else []
    found = [i for i in found if i["key"] == key]
    return (st if found else 404), h, (found[0] if found else body)


def team_of(s, key):
    st, _, body = s.call("GET", "/api/v1/programs/ATLAS/teams?limit=1000")
    found = [t for t in body.get("items", []) if t["key"] == key] if st == 200 else []
    return found[0] if found else body


def test_github(h, s, db):
    rev0 = revision(db)
    st, _, body = h.github("github_issue_opened", "gh-1")
    check(st == 200 and body.get("outcome") == "created" and body.get("item") == "acme/payments#42"
          and body.get("state") == "Open" and body.get("revision") == rev0 + 1,
          "issues opened creates the item (key as the importer names it)", body)
    st, _, it = item(s, "acme/payments#42")
    check(st == 200 and it.get("title") == "Refund API returns 500 on partial refunds"
          and it.get("kind") == "bug" and it.get("team") == "acme/payments"
          and it.get("history") == [{"state": "Open", "at": "2026-03-02T09:00:00Z"}],
          "the item: title, kind from the label, team = the repository, history", it)
    team = team_of(s, "acme/payments")
    check([w["name"] for w in team.get("workflow", [])] ==
          ["Open", "In Progress", "Closed"], "the repository's team is created with its workflow",
          team)
    st, _, body = h.github("github_issue_labeled", "gh-2")
    st2, _, it = item(s, "acme/payments#42")
    check(st == 200 and body.get("outcome") == "updated" and it.get("state") == "In Progress"
          and it.get("assignee") == "aokafor"
          and it["history"][-1] == {"state": "In Progress", "at": "2026-03-03T10:15:00Z"},
          "labeled 'in progress' (and assigned): In Progress at updated_at, assignee set", it)
    st, _, body = h.github("github_issue_closed", "gh-3")
    _, _, it = item(s, "acme/payments#42")
    check(st == 200 and it.get("state") == "Closed"
          and it["history"][-1] == {"state": "Closed", "at": "2026-03-05T16:30:00Z"},
          "closed: Closed at closed_at", it)
    st, _, body = h.github("github_issue_reopened", "gh-4")
    _, etag_h, it = item(s, "acme/payments#42")
    check(st == 200 and it.get("state") == "Open" and len(it["history"]) == 4
          and it["history"][-1] == {"state": "Open", "at": "2026-03-06T08:45:00Z"},
          "reopened: Open again at updated_at, four history entries", it)
    rev = revision(db)
    check(rev == rev0 + 4, "four deliveries, four revisions", (rev0, rev))
    st, ph, _ = s.call("GET", "/api/v1/programs/ATLAS")
    check(ph.get("ETag") == f'"{rev}"', "the program's ETag is the new revision", ph.get("ETag"))

    # Replays.
    before = db_state(db)
    st, _, body = h.github("github_issue_reopened", "gh-4")
    check(st == 200 and body.get("duplicate") is True, "the same delivery id again: duplicate",
          body)
    st, _, body = h.github("github_issue_reopened", "gh-4-redelivered")
    check(st == 200 and body.get("outcome") == "unchanged" and body.get("revision") == rev,
          "the same event under a new delivery id: unchanged", body)
    st, _, body = h.github("github_issue_closed", "gh-3-late")
    check(st == 200 and body.get("outcome") == "stale" and body.get("state") == "Open",
          "an event older than the item's last change (closed after reopened): stale", body)
    check(db_state(db) == before and revision(db) == rev,
          "... none of the three writes anything (revision unchanged)", revision(db))

    # GitHub's keys hold '/' and '#': the entity path takes them escaped; an estimate a TPM sets
    # there stays when the tracker, which has none, sends the issue again.
    path = "/api/v1/programs/ATLAS/items/acme%2Fpayments%2342"
    st, eh, got = s.call("GET", path)
    check(st == 200 and got.get("key") == "acme/payments#42", "GET of the item at its escaped path",
          (st, got))
    st, _, got = s.call("PATCH", path, {"estimate": [1, 2, 3]},
                        headers={"If-Match": eh.get("ETag", "")}, token=h.tpm)
    check(st == 200 and got.get("estimate") == [1, 2, 3], "a TPM PATCHes its estimate", (st, got))
    labeled = json.loads(h.payload("github_issue_labeled"))
    labeled["issue"]["updated_at"] = "2026-03-06T09:00:00Z"
    labeled["issue"]["title"] = "Refund API fails on partial refunds"
    st, _, body = h.github(json.dumps(labeled).encode(), "gh-5")
    _, _, it = item(s, "acme/payments#42")
    check(st == 200 and it.get("title") == "Refund API fails on partial refunds"
          and it.get("estimate") == [1, 2, 3] and it.get("state") == "In Progress",
          "the next delivery takes the tracker's title and state and keeps Cairn's estimate", it)
    # A retitle (no state change), then a late redelivery of the older labeled event: stale, the
    # new title stays.
    edited = json.loads(json.dumps(labeled))
    edited["action"] = "edited"
    edited["issue"]["updated_at"] = "2026-03-06T10:00:00Z"
    edited["issue"]["title"] = "Partial refunds fail in the PSP adapter"
    st, _, body = h.github(json.dumps(edited).encode(), "gh-6")
    check(st == 200 and body.get("outcome") == "updated", "an edited title is taken", body)
    st, _, body = h.github(json.dumps(labeled).encode(), "gh-5-late")
    _, _, it = item(s, "acme/payments#42")
    check(st == 200 and body.get("outcome") == "stale" and
          it.get("title") == "Partial refunds fail in the PSP adapter",
          "the older event redelivered after it is stale: the newer title stays", (body, it))
    rev = revision(db)

    # Two servers on one store agree: a delivery one handled is a duplicate on the other, and the
    # same new event sent to both at once is written once.
    s2 = Server(h.s_args[0], h.s_args[1])
    try:
        h2 = Hooks(s2, h.source_dir)
        st, _, body = h2.github("github_issue_reopened", "gh-4")
        check(st == 200 and body.get("duplicate") is True,
              "a second server on the store knows the first one's delivery ids", body)
        other = json.loads(h.payload("github_issue_opened"))
        other["issue"]["number"] = 43
        other["issue"]["html_url"] = other["issue"]["html_url"].replace("/42", "/43")
        raw = json.dumps(other).encode()
        results = []
        threads = [threading.Thread(target=lambda hh, d: results.append(hh.github(raw, d)),
                                    args=(hh, d)) for hh, d in ((h, "gh-race-1"), (h2, "gh-race-2"))]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        outcomes = sorted(r[2].get("outcome", r[2].get("detail")) for r in results)
        check(outcomes == ["created", "unchanged"] and revision(db) == rev + 1,
              "the same new issue sent to both servers at once: created once, one revision",
              (outcomes, revision(db) - rev))
    finally:
        s2.stop()
    other["action"] = "deleted"
    other["issue"]["updated_at"] = "2026-03-04T12:00:00Z"
    st, _, body = h.github(json.dumps(other).encode(), "gh-deleted")
    _, _, it = item(s, "acme/payments#43")
    check(st == 200 and body.get("outcome") == "cancelled" and it.get("state") == "Cancelled"
          and it["history"][-1] == {"state": "Cancelled", "at": "2026-03-04T12:00:00Z"},
          "a deleted GitHub issue: its item is Cancelled at updated_at", (body, it))
    rev = revision(db)
    before = db_state(db)

    # Refusals: nothing written.
    body = h.payload("github_issue_closed")
    st, _, p = h.github(body, "gh-bad-1", secret="not-the-secret-at-all-0000")
    check(st == 401 and p.get("code") == "webhook-signature" and
          p.get("param") == "X-Hub-Signature-256", "a wrong secret is 401", p)
    st, _, p = h.github(body, "gh-bad-2", signature="")
    check(st == 401 and "missing" in p.get("detail", ""), "no signature header is 401", p)
    good = "sha256=" + hmac.new(GH_SECRET.encode(), body, hashlib.sha256).hexdigest()
    tampered = body.replace(b'"closed"', b'"open"', 1)
    st, _, p = h.github(tampered, "gh-bad-3", signature=good)
    check(st == 401, "a tampered body under the original signature is 401", p)
    st, _, p = h.github(body, "gh-bad-4", signature=good[:-1] + ("0" if good[-1] != "0" else "1"))
    check(st == 401, "a signature one digit off is 401", p)
    other = json.loads(h.payload("github_issue_opened"))
    other["repository"]["full_name"] = "acme/unknown"
    st, _, p = h.github(json.dumps(other).encode(), "gh-bad-5")
    check(st == 404 and p.get("code") == "webhook-not-found" and "acme/unknown" in p["detail"]
          and "cairn webhook add" in p["detail"], "an unknown repository is 404 naming how to "
          "register it", p)
    broken = json.loads(h.payload("github_issue_opened"))
    del broken["issue"]["updated_at"]
    st, _, p = h.github(json.dumps(broken).encode(), "gh-bad-6")
    check(st == 400 and p.get("param") == "/issue/updated_at" and p.get("code") == "webhook-payload",
          "a payload without issue.updated_at is 400 naming /issue/updated_at", p)
    del broken["repository"]
    st, _, p = h.github(json.dumps(broken).encode(), "gh-bad-7")
    check(st == 400 and p.get("param") == "/repository/full_name",
          "a payload without the repository is 400 naming /repository/full_name", p)
    st, _, p = h.github(body, "")
    check(st == 400 and p.get("param") == "X-GitHub-Delivery", "no delivery id is 400", p)
    st, _, p = h.github(b"[1, 2]", "gh-bad-8")
    check(st == 400, "a body that is not a JSON object is 400", p)
    form = "payload=" + urllib.parse.quote(body.decode())
    req = urllib.request.Request(h.s.base + "/api/v1/hooks/github", data=form.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded", "X-GitHub-Event": "issues",
        "X-GitHub-Delivery": "gh-form", "X-Hub-Signature-256": "sha256=" + hmac.new(
            GH_SECRET.encode(), form.encode(), hashlib.sha256).hexdigest()}, method="POST")
    try:
        urllib.request.urlopen(req, timeout=60)
        st, p = 200, {}
    except urllib.error.HTTPError as e:
        st, p = e.code, json.loads(e.read())
    check(st == 415 and "application/json" in p.get("detail", ""),
          "a form-encoded delivery is 415 telling to choose application/json", (st, p))
    check(db_state(db) == before, "... none of the refusals writes anything")
    other = json.loads(h.payload("github_issue_reopened"))
    other["repository"]["full_name"] = "ACME/payments"
    st, _, p = h.github(json.dumps(other).encode(), "gh-case")
    check(st == 200 and p.get("item") == "acme/payments#42" and p.get("outcome") == "stale",
          "repository names match whatever their case (registered Acme/Payments)", p)
    st, _, p = h.github("github_ping", "gh-ping", event="ping")
    check(st == 200 and p == {"pong": True}, "ping is 200", p)
    st, _, p = h.github("github_issue_opened", "gh-push", event="push")
    check(st == 202 and p.get("ignored") is True, "another event is 202, ignored", p)
    check(db_state(db) == before, "... and writes nothing")
    return rev0


def test_jira(h, s, db):
    rev0 = revision(db)
    st, _, body = h.jira("jira_issue_created", "j-1")
    _, _, it = item(s, "OPS-7")
    check(st == 200 and body.get("outcome") == "created" and it.get("state") == "To Do"
          and it.get("team") == "OPS" and it.get("estimate") == [2, 2, 2]
          and it.get("priority") == 700 and it.get("labels") == ["security"]
          and it.get("link") == "https://acme.atlassian.net/browse/OPS-7"
          and it.get("history") == [{"state": "To Do", "at": "2026-03-02T09:00:00Z"}],
          "jira:issue_created creates OPS-7 as the CSV importer maps it", it)
    st, _, body = h.jira("jira_issue_updated", "j-2")
    _, _, it = item(s, "OPS-7")
    check(st == 200 and body.get("outcome") == "updated" and it.get("state") == "In Progress"
          and it["history"][-1] == {"state": "In Progress", "at": "2026-03-03T11:20:00Z"},
          "jira:issue_updated with a status change: In Progress at the event's timestamp", it)
    rev = revision(db)
    before = db_state(db)
    st, _, body = h.jira("jira_issue_updated", "j-2")
    check(st == 200 and body.get("duplicate") is True, "Jira: the same delivery id: duplicate", body)
    st, _, body = h.jira("jira_issue_updated", "j-2-again")
    check(st == 200 and body.get("outcome") == "unchanged", "Jira: the same event, new id: "
          "unchanged", body)
    st, _, p = h.jira("jira_issue_updated", "j-bad-1", secret="wrong-wrong-wrong-wrong")
    check(st == 401 and p.get("param") == "X-Hub-Signature", "Jira: a wrong secret is 401", p)
    other = json.loads(h.payload("jira_issue_updated"))
    other["issue"]["fields"]["project"]["key"] = "NOPE"
    st, _, p = h.jira(json.dumps(other).encode(), "j-bad-2")
    check(st == 404 and "NOPE" in p.get("detail", "") and
          p.get("param") == "/issue/fields/project/key", "Jira: an unknown project is 404", p)
    del other["timestamp"]
    other["issue"]["fields"]["project"]["key"] = "OPS"
    st, _, p = h.jira(json.dumps(other).encode(), "j-bad-3")
    check(st == 400 and p.get("param") == "/timestamp", "Jira: no timestamp is 400 naming it", p)
    check(db_state(db) == before and revision(db) == rev, "... none of these writes anything")
    shipped = json.loads(h.payload("jira_issue_updated"))
    shipped["timestamp"] += 86400 * 1000 - 2 * 3600 * 1000  # 2026-03-04T09:20:00Z
    shipped["changelog"]["items"][0].update(fromString="In Progress", toString="Shipped")
    shipped["issue"]["fields"]["status"] = {"name": "Shipped", "statusCategory": {"key": "done"}}
    st, _, body = h.jira(json.dumps(shipped).encode(), "j-shipped")
    team = team_of(s, "OPS")
    check(st == 200 and body.get("state") == "Shipped" and
          {"name": "Shipped", "category": "done"} in team.get("workflow", []),
          "a status the team lacks joins its workflow in Jira's statusCategory (done), not the "
          "guess from its name", (body, team))
    st, _, body = h.jira("jira_issue_deleted", "j-3")
    _, _, it = item(s, "OPS-7")
    check(st == 200 and body.get("outcome") == "cancelled" and it.get("state") == "Cancelled"
          and it["history"][-1] == {"state": "Cancelled", "at": "2026-03-04T15:00:00Z"},
          "jira:issue_deleted: the item is Cancelled at the event's time, history kept", it)
    team = team_of(s, "OPS")
    check({"name": "Cancelled", "category": "done"} in team.get("workflow", []),
          "... Cancelled joins the project team's workflow as a done state", team)
    check(revision(db) == rev0 + 4, "four Jira writes, four revisions", revision(db) - rev0)


def main():
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, args.pg)
        try:
            run = webhook_cli(args, db)
            s = Server(args.cairn, db.url)
            s.token = token(args.cairn, db.url, "viewer1", "viewer", "ATLAS")
            tpm = token(args.cairn, db.url, "tpm1", "tpm", "ATLAS")
            try:
                st, _, doc = s.call("GET", "/api/v1/openapi.json", token="")
                ops = [doc["paths"].get(f"/api/v1/hooks/{x}", {}).get("post", {})
                       for x in ("github", "jira")]
                check(all(o.get("security") == [] and o.get("summary") for o in ops),
                      "openapi.json lists both hooks, without Bearer security", ops)
                h = Hooks(s, args.source_dir, (args.cairn, db.url))
                h.tpm = tpm
                rev0 = test_github(h, s, db)
                test_jira(h, s, db)
                revs = db.rows(f"SELECT actor, source FROM revisions WHERE revision > {rev0} AND actor "
                               "<> 'tpm1' "
                               "ORDER BY revision")
                check(revs == [("webhook:github", "webhook")] * 8 + [("webhook:jira", "webhook")] * 4,
                      "revisions by webhook:github / webhook:jira, source webhook", revs)
                audit = db.rows("SELECT actor, action, status, detail FROM audit WHERE action "
                                "LIKE 'POST /api/v1/hooks/%'")
                ok = [a for a in audit if a[2] == "200"]
                check(len(audit) == 36 and sum(a[2] == "401" for a in audit) == 5 and
                      all(a[0].startswith("webhook:") for a in ok),
                      "one audit row per delivery: 5 refused signatures, the rest by webhook:*",
                      (len(audit), audit[:3]))
                check(any("gh-1" in a[3] and "created" in a[3] for a in ok),
                      "an audit row names the delivery and what it did")
                p = run("remove", "--source", "github", "--project", "acme/payments")
                check(p.returncode == 0, "webhook remove", p.stderr)
                st, _, _ = h.github("github_issue_opened", "gh-after-remove")
                check(st == 404, "after remove the repository's deliveries are 404", st)
                p = run("remove", "--source", "github", "--project", "acme/payments")
                check(p.returncode == 2 and "webhook-not-found" in p.stderr,
                      "removing it again: webhook-not-found", p.stderr)
            finally:
                rc, _ = s.stop()
        finally:
            db.close()
        check(rc == 0, "SIGTERM stops the server cleanly", rc)
    return checks.summary()


if __name__ == "__main__":
    sys.exit(main())

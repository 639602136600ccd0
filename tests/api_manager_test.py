#!/usr/bin/env python3
"""A manager's writes are scoped to their own team (docs/server.md "Roles"): a user with the role
manager on a program is the person whose key is their user name, and may PUT and DELETE only that
person's team and the people of that team. Another team, a person of another team, moving a person
into or out of the team, or a manager who is no person with a team: 403 with a reason naming the
team. A tpm on the same program writes any team. Checks pass on a store built from examples/atlas.

  api_manager_test.py CAIRN --source-dir DIR [--pg]
"""

import checks
from api_server import Server, run_on_test_db, token


def check(cond, what, detail=""):
    checks.check(what, cond, detail)


def main():
    return run_on_test_db(run)


def get(s, tok, path):
    st, h, body = s.call("GET", path, token=tok)
    if st != 200:
        raise SystemExit(f"GET {path}: {st} {body}")
    return h["ETag"], body


def put(s, tok, path, body, tag):
    return s.call("PUT", path, body, {"If-Match": tag}, token=tok)


def run(cairn, db):
    url = db.url
    base = "/api/v1/programs/ATLAS"
    tnguyen = token(cairn, url, "tnguyen", "manager", "ATLAS")  # a person of team PAY
    stranger = token(cairn, url, "nobody", "manager", "ATLAS")  # no person
    staff = token(cairn, url, "aokafor", "manager", "ATLAS")  # a person without a team
    tpm = token(cairn, url, "bob", "tpm", "ATLAS")
    s = Server(cairn, url)
    try:
        tag, pay = get(s, tnguyen, f"{base}/teams/PAY")
        pay["name"] = "Payments API (renamed by its manager)"
        st, h, body = put(s, tnguyen, f"{base}/teams/PAY", pay, tag)
        check(st == 200 and body.get("name") == pay["name"], "a manager replaces their own team",
              (st, body))

        tag, web = get(s, tnguyen, f"{base}/teams/WEB")
        web["name"] = "Taken over"
        st, _, body = put(s, tnguyen, f"{base}/teams/WEB", web, tag)
        check(st == 403 and "PAY" in body.get("detail", "") and "WEB" in body.get("detail", ""),
              "another team: 403 naming both teams", (st, body))
        _, after = get(s, tpm, f"{base}/teams/WEB")
        check(after["name"] != "Taken over", "the refused write changed nothing", after)

        tag, person = get(s, tnguyen, f"{base}/people/pshah")
        person["allocation"] = "80%"
        st, _, body = put(s, tnguyen, f"{base}/people/pshah", person, tag)
        check(st == 200, "a manager changes a person of their team", (st, body))

        tag, person = get(s, tnguyen, f"{base}/people/pshah")
        person["team"] = "WEB"
        st, _, body = put(s, tnguyen, f"{base}/people/pshah", person, tag)
        check(st == 403 and "WEB" in body.get("detail", ""),
              "moving a person out of the team: 403", (st, body))

        tag, person = get(s, tnguyen, f"{base}/people/kfischer")
        person["team"] = "PAY"
        st, _, body = put(s, tnguyen, f"{base}/people/kfischer", person, tag)
        check(st == 403 and "WEB" in body.get("detail", ""),
              "pulling a person of another team in: 403", (st, body))

        new = {"key": "newhire", "name": "New Hire", "team": "PAY", "allocation": "100%"}
        st, _, body = s.call("PUT", f"{base}/people/newhire", new, {"If-None-Match": "*"},
                             token=tnguyen)
        check(st == 201, "a manager adds a person to their team", (st, body))
        other = dict(new, key="webhire", team="WEB")
        st, _, body = s.call("PUT", f"{base}/people/webhire", other, {"If-None-Match": "*"},
                             token=tnguyen)
        check(st == 403, "a manager adds no person to another team", (st, body))

        tag, _ = get(s, tnguyen, f"{base}/people/newhire")
        st, _, body = s.call("DELETE", f"{base}/people/newhire", headers={"If-Match": tag},
                             token=tnguyen)
        check(st == 204, "a manager removes a person of their team", (st, body))
        tag, _ = get(s, tnguyen, f"{base}/people/kfischer")
        st, _, body = s.call("DELETE", f"{base}/people/kfischer", headers={"If-Match": tag},
                             token=tnguyen)
        check(st == 403, "a manager removes no person of another team", (st, body))

        for tok, who in ((stranger, "a user who is no person"), (staff, "a person without a team")):
            tag, pay = get(s, tok, f"{base}/teams/PAY")
            st, _, body = put(s, tok, f"{base}/teams/PAY", pay, tag)
            check(st == 403 and "person" in body.get("detail", ""),
                  f"manager as {who}: 403 saying why", (st, body))

        tag, web = get(s, tpm, f"{base}/teams/WEB")
        web["name"] = "Web checkout (by the TPM)"
        st, _, body = put(s, tpm, f"{base}/teams/WEB", web, tag)
        check(st == 200, "a tpm writes any team", (st, body))
    finally:
        s.stop()


if __name__ == "__main__":
    raise SystemExit(main())

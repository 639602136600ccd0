"""A real `cairn serve` for the API tests (tests/api*_test.py): a temporary SQLite store holding
examples/atlas, tokens made with `cairn token create`, and HTTP calls on loopback."""
import argparse
import json
import os
import shutil
import signal
import subprocess
import tempfile
import urllib.error
import urllib.request


def cli_args():
    """The API tests' command line: CAIRN --source-dir DIR [--pg]."""
    ap = argparse.ArgumentParser()
    ap.add_argument("cairn")
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--pg", action="store_true",
                    help="run on ctest's throwaway PostgreSQL cluster (CAIRN_TEST_PG_URL_FILE)")
    return ap.parse_args()


def run_on_test_db(run):
    """The command line of cli_args, then run(cairn, db) on a TestDb that is closed afterwards;
    returns the checks' exit status (tests/checks.py)."""
    import checks
    args = cli_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = TestDb(args.cairn, args.source_dir, tmp, pg=args.pg)
        try:
            run(args.cairn, db)
        finally:
            db.close()
    return checks.summary()


class TestDb:
    """The store a test runs on, holding examples/atlas: a SQLite file in `tmp`, or with `pg` a
    schema of its own in ctest's throwaway PostgreSQL cluster (fixture cairn_pg; the URL is in the
    file CAIRN_TEST_PG_URL_FILE names), dropped by close()."""

    def __init__(self, cairn, source_dir, tmp, pg=False):
        self.kind = "postgresql" if pg else "sqlite"
        self.schema = None
        if not pg:
            self.url = make_store(cairn, source_dir, tmp)
            return
        with open(os.environ["CAIRN_TEST_PG_URL_FILE"]) as f:
            self.base_url = f.readline().strip()
        self.schema = f"api_{os.getpid()}"
        self._psql(self.base_url, f"CREATE SCHEMA {self.schema}")
        sep = "&" if "?" in self.base_url else "?"
        self.url = self.base_url + sep + f"options=-csearch_path%3D{self.schema}"
        p = subprocess.run([cairn, "apply", os.path.join(source_dir, "examples", "atlas"),
                            "--db", self.url, "-q"], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"cairn apply failed: {p.stdout}{p.stderr}")

    @staticmethod
    def _psql(url, sql):
        p = subprocess.run(["psql", url, "-At", "-F", "\x1f", "-c", sql], capture_output=True,
                           text=True)
        if p.returncode != 0:
            raise SystemExit(f"psql failed: {p.stderr}")
        return [tuple(l.split("\x1f")) for l in p.stdout.splitlines() if l]

    def rows(self, sql):
        """The rows of a query, every value as text (so that both stores compare alike)."""
        if self.schema:
            return self._psql(self.url, sql)
        import sqlite3
        con = sqlite3.connect(self.url)
        try:
            return [tuple("" if v is None else str(v) for v in r) for r in con.execute(sql)]
        finally:
            con.close()

    def execute(self, *statements):
        """Runs write statements (SQL text) in one transaction."""
        if self.schema:
            self._psql(self.url, "BEGIN; " + "; ".join(statements) + "; COMMIT")
            return
        import sqlite3
        con = sqlite3.connect(self.url)
        try:
            for st in statements:
                con.execute(st)
            con.commit()
        finally:
            con.close()

    def close(self):
        if self.schema:
            self._psql(self.base_url, f"DROP SCHEMA {self.schema} CASCADE")


def make_store(cairn, source_dir, tmp):
    """A SQLite store in `tmp` holding examples/atlas; returns its path."""
    db = os.path.join(tmp, "atlas.db")
    atlas = os.path.join(tmp, "atlas")
    shutil.copytree(os.path.join(source_dir, "examples", "atlas"), atlas)
    p = subprocess.run([cairn, "apply", atlas, "--db", db, "-q"], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"cairn apply failed: {p.stdout}{p.stderr}")
    return db


def token(cairn, db, user, role, program=None):
    """A new token from `cairn token create` (its only stdout line)."""
    cmd = [cairn, "token", "create", "--db", db, "--user", user, "--role", role]
    if program:
        cmd += ["--program", program]
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = p.stdout.splitlines()
    if p.returncode != 0 or len(lines) != 1:
        raise SystemExit(f"cairn token create failed: {p.returncode} {p.stdout!r} {p.stderr!r}")
    return lines[0]


class Server:
    def __init__(self, cairn, db, *extra):
        self.proc = subprocess.Popen([cairn, "serve", "--db", db, "--listen", "127.0.0.1:0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     errors="replace")
        line = self.proc.stdout.readline().strip()
        if not line.isdigit():
            self.proc.kill()
            raise SystemExit(f"cairn serve did not print its port: {line!r} {self.proc.stderr.read()}")
        self.base = f"http://127.0.0.1:{line}"
        self.token = None  # sent as Bearer when set and the call gives none

    def call(self, method, path, body=None, headers=None, token=None, raw=False):
        """(status, headers, body): the body parsed as JSON unless raw."""
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        tok = token if token is not None else self.token
        if tok:
            req.add_header("Authorization", f"Bearer {tok}")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                text = r.read()
                return r.status, dict(r.headers), text.decode() if raw else json.loads(text or b"null")
        except urllib.error.HTTPError as e:
            text = e.read()
            return e.code, dict(e.headers), text.decode() if raw else json.loads(text or b"null")

    def stop(self):
        """SIGTERM; returns (exit code or None, stderr lines)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = None
        return rc, self.proc.stderr.read().splitlines()

#!/usr/bin/env python3
"""A read/write mix against one or more `cairn serve` processes on one store (bench/server_mix.sh).

CLIENTS threads run for SECONDS; each operation is a write with probability WRITE_SHARE, else a
read of the program's summary. A write is a read-modify-write of one of the given items' titles
("mix N": GET the item, PATCH it with If-Match, and on 412 read again and retry), so every client
contends for the same few items; the servers are used in turn, so with two servers the writes on
one item go through both. Afterwards: lost updates (an item's final number against the writes that
were answered 200 for it), and how long after a write's answer each server serves the summary and
the forecast of that write's revision (polled every 10 ms).

Prints one JSON object. Latencies are whole operations as a client sees them, in ms.

  server_mix.py --base URL [--base URL2] --token T --program P --items K1,K2,.. [--seconds 30]
                [--clients 8] [--write-share 0.1] [--fresh 5] [--seed 1]
"""
import argparse
import http.client
import json
import random
import threading
import time
import urllib.parse


class Conn:
    """One keep-alive connection per thread and server."""

    def __init__(self, base, token):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.token = token
        self.c = None

    def call(self, method, path, body=None, etag=None):
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if etag:
            headers["If-Match"] = etag
        for attempt in range(2):
            try:
                if self.c is None:
                    self.c = http.client.HTTPConnection(self.host, self.port, timeout=60)
                self.c.request(method, path, body=data, headers=headers)
                r = self.c.getresponse()
                text = r.read()
                return r.status, dict(r.getheaders()), json.loads(text) if text else None
            except (http.client.HTTPException, ConnectionError, OSError):
                self.c = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def pct(xs, q):
    if not xs:
        return None
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(q * len(xs)))], 2)


def title_number(item):
    t = (item or {}).get("title", "")
    return int(t.split()[-1]) if t.startswith("mix ") else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", action="append", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--program", required=True)
    ap.add_argument("--items", required=True)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--write-share", type=float, default=0.1)
    ap.add_argument("--fresh", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    keys = a.items.split(",")
    prog = f"/api/v1/programs/{a.program}"
    lock = threading.Lock()
    counts = {k: 0 for k in keys}
    st = {"reads": 0, "writes": 0, "retries_412": 0, "errors": 0, "read_ms": [], "write_ms": []}
    error_samples = []
    stop = time.time() + a.seconds

    def client(i):
        rng = random.Random(a.seed * 1000 + i)
        conns = [Conn(b, a.token) for b in a.base]
        turn = i
        while time.time() < stop:
            turn += 1
            conn = conns[turn % len(conns)]
            t0 = time.perf_counter()
            try:
                if rng.random() >= a.write_share:
                    code, _, _ = conn.call("GET", f"{prog}/summary")
                    ok = code == 200
                    with lock:
                        if ok:
                            st["reads"] += 1
                            st["read_ms"].append((time.perf_counter() - t0) * 1000)
                        else:
                            st["errors"] += 1
                            error_samples.append(("GET summary", code))
                    continue
                k = keys[rng.randrange(len(keys))]
                while True:
                    code, h, item = conn.call("GET", f"{prog}/items/{k}")
                    if code != 200:
                        with lock:
                            st["errors"] += 1
                            error_samples.append(("GET item", code))
                        break
                    code, _, body = conn.call("PATCH", f"{prog}/items/{k}",
                                              {"title": f"mix {title_number(item) + 1}"},
                                              h.get("ETag"))
                    with lock:
                        if code == 200:
                            st["writes"] += 1
                            counts[k] += 1
                            st["write_ms"].append((time.perf_counter() - t0) * 1000)
                        elif code == 412:
                            st["retries_412"] += 1
                        else:
                            st["errors"] += 1
                            error_samples.append(("PATCH", code, body))
                    if code != 412:
                        break
                    conn = conns[(turn := turn + 1) % len(conns)]
            except Exception as e:  # a refused or broken connection is an error, counted
                with lock:
                    st["errors"] += 1
                    error_samples.append(("exception", repr(e)))

    t_start = time.time()
    ts = [threading.Thread(target=client, args=(i,)) for i in range(a.clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.time() - t_start

    conns = [Conn(b, a.token) for b in a.base]
    lost = 0
    for k in keys:
        _, _, item = conns[0].call("GET", f"{prog}/items/{k}")
        lost += counts[k] - title_number(item)

    # Freshness: write through the first server, then poll every server's views until they are of
    # the revision the write made (ETag = the revision a view is of) and not stale.
    fresh = {"summary": [], "forecast": []}
    for n in range(a.fresh):
        time.sleep(3.0)  # the mix's last recomputes are done
        k = keys[n % len(keys)]
        _, h, item = conns[0].call("GET", f"{prog}/items/{k}")
        code, _, _ = conns[0].call("PATCH", f"{prog}/items/{k}",
                                   {"title": f"mix {title_number(item) + 1}"}, h.get("ETag"))
        t0 = time.perf_counter()
        if code != 200:
            st["errors"] += 1
            continue
        _, hp, _ = conns[0].call("GET", prog)
        rev = hp.get("Cairn-Revision") or hp.get("ETag", "").strip('"')
        for view in fresh:
            for c in conns:
                while True:
                    code, hv, _ = c.call("GET", f"{prog}/{view}")
                    if (code == 200 and hv.get("ETag", "").strip('"') == str(rev)
                            and hv.get("Cairn-Stale") != "true"):
                        break
                    if time.perf_counter() - t0 > 120:
                        st["errors"] += 1
                        break
                    time.sleep(0.01)
                fresh[view].append((time.perf_counter() - t0) * 1000)

    ops = st["reads"] + st["writes"]
    print(json.dumps({
        "servers": len(a.base), "clients": a.clients, "seconds": round(elapsed, 1),
        "operations": ops, "ops_per_s": round(ops / elapsed, 1),
        "reads": st["reads"], "writes": st["writes"],
        "write_share": round(st["writes"] / ops, 3) if ops else None,
        "retries_412": st["retries_412"], "errors": st["errors"], "lost_updates": lost,
        "read_ms_p50": pct(st["read_ms"], 0.5), "read_ms_p99": pct(st["read_ms"], 0.99),
        "write_ms_p50": pct(st["write_ms"], 0.5), "write_ms_p99": pct(st["write_ms"], 0.99),
        "fresh_summary_ms_max": pct(fresh["summary"], 1.0),
        "fresh_forecast_ms_p50": pct(fresh["forecast"], 0.5),
        "fresh_forecast_ms_max": pct(fresh["forecast"], 1.0),
        "error_samples": error_samples[:3],
    }))


if __name__ == "__main__":
    main()

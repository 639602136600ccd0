#!/usr/bin/env python3
"""Writers for bench/server_bench.sh: THREADS threads, each owning a few items, do read-modify-write
loops on an item's title ("bench N": GET, then PATCH with If-Match, retrying on 412) for SECONDS.
Prints one JSON line: writes done, 412 retries, other errors, and lost updates (items whose final
title number differs from the writes counted for them).

  server_writers.py BASE_URL TOKEN PROGRAM SECONDS THREADS ITEM_KEY...
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request


def call(base, tok, method, path, body=None, etag=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", f"Bearer {tok}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if etag:
        req.add_header("If-Match", etag)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("ETag"), json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("ETag"), json.loads(e.read() or b"null")


def main():
    base, tok, program, seconds, threads = sys.argv[1:6]
    keys = sys.argv[6:]
    seconds, threads = float(seconds), int(threads)
    counts = {k: 0 for k in keys}
    stats = {"writes": 0, "retries": 0, "errors": 0}
    lock = threading.Lock()
    stop = time.time() + seconds

    def writer(mine):
        while time.time() < stop:
            for k in mine:
                path = f"/api/v1/programs/{program}/items/{k}"
                while True:
                    st, tag, item = call(base, tok, "GET", path)
                    if st != 200:
                        with lock:
                            stats["errors"] += 1
                        break
                    title = item.get("title", "")
                    n = int(title.split()[-1]) if title.startswith("bench ") else 0
                    st, _, _ = call(base, tok, "PATCH", path, {"title": f"bench {n + 1}"}, tag)
                    with lock:
                        if st == 200:
                            stats["writes"] += 1
                            counts[k] += 1
                        elif st == 412:
                            stats["retries"] += 1
                            continue
                        else:
                            stats["errors"] += 1
                    break

    # Two writers share each item, so 412s (and any lost update) can happen.
    groups = [keys[i % max(1, len(keys) // 2)::max(1, len(keys) // 2)] for i in range(threads)]
    ts = [threading.Thread(target=writer, args=(g,)) for g in groups]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    lost = 0
    for k in keys:
        _, _, item = call(base, tok, "GET", f"/api/v1/programs/{program}/items/{k}")
        title = item.get("title", "")
        final = int(title.split()[-1]) if title.startswith("bench ") else 0
        lost += counts[k] - final
    print(json.dumps({**stats, "lost_updates": lost, "seconds": seconds}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs `cairn bench psplib` on one set for several seeds and prints the mean % above the
critical-path bound per seed, over the seeds, and per cell group (resource strength when the file
names follow PSPLIB's or `gen_rcpsp.py --progen`'s numbering jXC_I.sm), plus the time per instance.

    bench/psplib_seeds.py /tmp/j120 --cairn build/release/cairn --seeds 1 2 3 [--reference FILE]

Options it does not know (e.g. --reference FILE) go to `cairn bench psplib` as they are.

Comparing two builds (or one build under two settings) on the same set and seeds is how
bench/psplib.md's figures for generated sets were measured.
"""
import argparse
import json
import re
import statistics
import subprocess


def run(cairn, directory, seed, schedules, threads, extra):
    cmd = [cairn, "bench", "psplib", directory, "--schedules", str(schedules), "--seed", str(seed),
           "--threads", str(threads), "--format", "json"] + extra
    out = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if not out.stdout.strip():
        raise SystemExit(f"{' '.join(cmd)} failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def strength_group(name, strengths):
    m = re.match(r"j(\d+?)(\d+)_\d+$", name)
    if not m:
        return None
    cell = int(m.group(2))
    return strengths[(cell - 1) % len(strengths)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--cairn", default="build/release/cairn")
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--schedules", type=int, default=5000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=120, help="jobs per instance (cell grouping)")
    args, extra = ap.parse_known_args()
    strengths = [0.1, 0.2, 0.3, 0.4, 0.5] if args.jobs >= 120 else [0.2, 0.5, 0.7, 1.0]
    means = []
    groups = {}
    seconds = []
    for seed in args.seeds:
        recs = run(args.cairn, args.dir, seed, args.schedules, args.threads, extra)
        mean = statistics.fmean(r["above_cpm_lb_pct"] for r in recs)
        means.append(mean)
        print(f"seed {seed}: {mean:.3f} % above cpm_lb over {len(recs)} instances")
        for r in recs:
            g = strength_group(r["instance"], strengths)
            groups.setdefault(g, []).append(r["above_cpm_lb_pct"])
            seconds.append(r["seconds"])
    print(f"mean over seeds {args.seeds}: {statistics.fmean(means):.3f}")
    for g in sorted(k for k in groups if k is not None):
        print(f"  RS {g}: {statistics.fmean(groups[g]):.3f}")
    print(f"seconds per instance: mean {statistics.fmean(seconds):.4f}, max {max(seconds):.4f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Cairn's dates against tj3's on generated multi-team programs (../shared/bench/gen_tjp.py: teams
of people, effort tasks with dependencies across teams, `persistent` alternatives, milestone gates
in a container of their own), not only on TaskJuggler's own examples.

    tests/tjp_generated_vs_tj3.py CAIRN GEN_TJP [TASKS:SEED ...]

Writes each program into a temporary folder and runs bench/vs_taskjuggler_dates.py on them with
--min-rate 100: every leaf task must start and end on tj3's day and the project ends must be
equal (measured: 100 % on 100-2,000 tasks, seeds 1-5). Exits 1 otherwise.
"""
import os
import subprocess
import sys
import tempfile

cairn, gen = sys.argv[1], sys.argv[2]
cases = sys.argv[3:] or ["100:1", "300:1", "300:2", "1000:3"]
here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as tmp:
    files = []
    for case in cases:
        tasks, seed = case.split(":")
        path = os.path.join(tmp, f"gen_{tasks}_{seed}.tjp")
        subprocess.run([sys.executable, gen, "--tasks", tasks, "--seed", seed, "--tjp", path,
                        "--json", os.devnull], check=True, stdout=subprocess.DEVNULL)
        files.append(path)
    r = subprocess.run([sys.executable, os.path.join(here, "..", "bench", "vs_taskjuggler_dates.py"),
                        "--cairn", cairn, "--list", "--min-rate", "100", *files])
    sys.exit(r.returncode)

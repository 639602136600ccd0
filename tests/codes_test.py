#!/usr/bin/env python3
"""Checks the vocabulary of problems: src/base/codes.h against src/ and docs/diagnostics.md.

    tests/codes_test.py SOURCE_DIR

Fails when
  * an id is registered twice, or registered but not documented in docs/diagnostics.md (a table
    row starting with the id in backticks), or documented but not registered;
  * src/ (not tests) uses an id that is not registered: a kebab-case string literal that is
    neither registered nor one of the known value spellings below (enum spellings, option values,
    document names), or a one-word literal where an id goes (make_error("x", .error("x",
    .warning("x", .info("x", .code == "x", .id == "x", Error{"x").

A new kebab-case literal in src/ is either a new id (register it and document it) or a new value
spelling (add it to SPELLINGS with the enum it belongs to). Prints one line per check and
`N passed, M failed`; exits 1 when a check failed.
"""

import pathlib
import re
import sys

from checks import check, summary

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent.parent)

# Kebab-case strings in src/ that are values, not problem ids.
SPELLINGS = {
    "at-risk",                                                     # CrossTeamState
    "bayesian-bootstrap", "block-bootstrap",                       # ThroughputModel
    "calendar-days", "working-days",                               # LagUnit
    "working-time", "off-hours",                                   # BookingCounts
    "day-first", "month-first",                                    # history date formats
    "finish-start", "start-start", "finish-finish", "start-finish",  # DependencyType
    "in-progress",                                                 # progress category
    "jira-csv", "github-json", "ms-project", "plan-json",          # input formats
    "mean-order",                                                  # ResourceOrder
    "log-normal", "pert-beta",                                     # distributions
    "kept-order", "file-order", "taskjuggler-order",               # schedule methods
    "latest-finish", "latest-start", "longest-work", "shortest-work", "min-slack",
    "most-successors",                                             # priority rules
    "program-start", "status-date", "start-no-earlier-than",       # chain start reasons
    "baseline-list", "baseline-comparison", "psplib-schedule",     # report document names
    "person-days", "run-rate",                                     # evm unit, actual-cost source
    "add-person", "remove-person", "move-item", "risk-occurs", "risk-avoided",  # what-if EditKind
    "x-cairn-min-role",                                            # OpenAPI extension key
    "no-store",                                                    # Cache-Control value
    "set-password",                                                # cairn user subcommand
}

header = (root / "src" / "base" / "codes.h").read_text()
registered = re.findall(r'X\((k\w+), "([a-z0-9-]+)", (?:true|false)\)', header)
ids = [i for _, i in registered]
names = [n for n, _ in registered]
check("codes.h registers ids", len(ids) > 100, str(len(ids)))
check("no id is registered twice", len(ids) == len(set(ids)),
      str(sorted({i for i in ids if ids.count(i) > 1})))
check("no constant is registered twice", len(names) == len(set(names)))

doc = (root / "docs" / "diagnostics.md").read_text()
documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", doc, re.M))
check("every registered id is documented in docs/diagnostics.md",
      set(ids) <= documented, str(sorted(set(ids) - documented)))
check("docs/diagnostics.md documents only registered ids",
      documented <= set(ids), str(sorted(documented - set(ids))))

CONTEXT = re.compile(
    r'(?:make_error\(|\.(?:error|warning|info)\(|\.code\s*==|\.id\s*==|Error\{)\s*"([a-z0-9-]+)"')
KEBAB = re.compile(r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"')
unregistered = {}
files = 0
for path in sorted((root / "src").rglob("*")):
    if path.suffix not in (".cc", ".h", ".inc") or path.name.endswith("_test.cc"):
        continue
    if path.name == "codes.h":
        continue
    files += 1
    text = path.read_text(errors="replace")
    found = {m.group(1): m.start() for m in KEBAB.finditer(text)}
    found.update({m.group(1): m.start() for m in CONTEXT.finditer(text)})
    for word, at in found.items():
        if word in ids or word in SPELLINGS:
            continue
        line = text.count("\n", 0, at) + 1
        unregistered.setdefault(word, f"{path.relative_to(root)}:{line}")
check("src/ has sources to scan", files > 50, str(files))
check("every id used in src/ is registered in src/base/codes.h", not unregistered,
      "; ".join(f"{w} ({where})" for w, where in sorted(unregistered.items())))
unused = [s for s in SPELLINGS if not any(
    f'"{s}"' in p.read_text(errors="replace") for p in (root / "src").rglob("*.*"))]
check("every listed value spelling still occurs in src/", not unused, str(unused))

sys.exit(summary())

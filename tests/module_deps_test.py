#!/usr/bin/env python3
"""Checks the dependency rule of docs/architecture.md: every module of src/ includes only itself
and the modules it links, and links only modules of a lower layer.

    tests/module_deps_test.py SOURCE_DIR

The links come from the `cairn_module(NAME DEPS...)` lines of SOURCE_DIR/CMakeLists.txt (a
module may include what its DEPS link, transitively); the layers are the rule itself:

    base <- model <- plan <- schedule <- forecast <- analysis <- report <- io, store <- cli, server
    rcpsp (the PSPLIB satellite) <- base only; cli may use it.
    cli includes server/plugin.h only (the server is a plugin it loads: INTERFACES below).

A quoted `#include "dir/file.h"` whose first component is a module directory is an include of
that module; other includes (system, third-party) are not checked. Prints one line per problem
with file:line and how to fix it, then `N passed, M failed`; exits 1 when a check failed, 2 on
bad usage.
"""

import os
import re
import sys

from checks import check, summary

# The layer of each module: a module may link (and include) only modules of a lower layer, and
# only those listed in ALLOWED when given.
LAYERS = {
    "base": 0,
    "model": 1,
    "plan": 2,
    "schedule": 3,
    "forecast": 4,
    "analysis": 5,
    "report": 6,
    "io": 7,
    "store": 7,
    "rcpsp": 1,
    "cli": 9,
    "server": 8,
}
# Modules with a narrower rule than their layer: the satellite hangs off base alone.
ALLOWED = {"rcpsp": {"base"}}
# Interface headers a module may include without linking their module: the CLI loads the server
# as a plugin (dlopen) and includes only its interface.
INTERFACES = {"cli": {"server/plugin.h"}}

INCLUDE = re.compile(r'^\s*#\s*include\s+"(([^"/]+)/[^"]+)"')


def cmake_links(cmake_text):
    """{module: set of cairn modules it links directly} from the cairn_module(...) lines."""
    links = {}
    for m in re.finditer(r"^cairn_module\((\w+)([^)]*)\)", cmake_text, re.M):
        links[m.group(1)] = set(re.findall(r"\bcairn_(\w+)", m.group(2)))
    return links


def closure(links, module):
    seen, todo = set(), list(links.get(module, ()))
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo.extend(links.get(d, ()))
    return seen


def check_links(links):
    for module, deps in sorted(links.items()):
        for d in sorted(deps):
            ok = d in LAYERS and module in LAYERS and LAYERS[d] < LAYERS[module]
            ok = ok and d in ALLOWED.get(module, {d})
            check(f"CMakeLists.txt: cairn_{module} links cairn_{d}", ok,
                  f"{module} (layer {LAYERS.get(module)}) may not depend on {d} "
                  f"(layer {LAYERS.get(d)}); move the code it needs inward or drop the link")


def check_includes(src, links):
    modules = set(links)
    bad = 0
    for module in sorted(modules):
        allowed = closure(links, module) | {module}
        root = os.path.join(src, module)
        for dirpath, _, files in os.walk(root):
            for name in sorted(files):
                if not name.endswith((".h", ".cc", ".inc")):
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(2) not in modules or m.group(2) in allowed:
                            continue
                        if m.group(1) in INTERFACES.get(module, ()):
                            continue
                        bad += 1
                        rel = os.path.relpath(path, os.path.dirname(src))
                        check(f"{rel}:{lineno}: includes {m.group(2)}/", False,
                              f"{module} does not link {m.group(2)} "
                              f"(it may use {', '.join(sorted(allowed - {module})) or 'nothing'}); "
                              "move the code inward or include a lower module")
    check(f"every #include in src/ respects the links of its module", bad == 0,
          f"{bad} outward includes")


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    root = sys.argv[1]
    with open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8") as f:
        links = cmake_links(f.read())
    check("CMakeLists.txt declares the modules", {"base", "model", "plan"} <= set(links),
          f"found {sorted(links)}")
    for module in sorted(links):
        check(f"module {module} has a layer", module in LAYERS,
              "add it to LAYERS in tests/module_deps_test.py and to docs/architecture.md")
    check_links(links)
    check_includes(os.path.join(root, "src"), links)
    return summary()


if __name__ == "__main__":
    sys.exit(main())

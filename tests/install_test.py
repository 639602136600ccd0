#!/usr/bin/env python3
"""Installs the build into a temporary prefix and runs the installed `cairn` from there.

    tests/install_test.py CMAKE BUILD_DIR SOURCE_DIR LIBDIR

Checks that `cmake --install BUILD_DIR --prefix P` puts P/bin/cairn,
P/LIBDIR/cairn/libcairn_store_pg.so and P/LIBDIR/cairn/libcairn_server.so, that the installed cairn
runs (`--version`, `check` on the example program) without linking the server's libraries (HTTP,
OpenSSL, libsodium: they are the server plugin's), that it loads the installed PostgreSQL plugin
(opening a postgresql:// URL on a closed local port is a connection error, `store-open-failed`, not
`store-plugin-missing`) and the installed server plugin (`token create` on a new SQLite store
prints a token). As a control, a copy of the executable alone in another folder must report
`store-plugin-missing` and `server-plugin-missing`: an executable outside the build tree does not
fall back to the plugins in the build folder, so the first checks can only have passed through the
installed plugins. Prints one line per check and exits 1 when one failed.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile

from checks import check, summary

cmake, libdir = sys.argv[1], sys.argv[4]
build, src = pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])


def closed_port():
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


env = {k: v for k, v in os.environ.items() if k not in ("CAIRN_PLUGIN_DIR", "CAIRN_DB")}


def run(exe, *args):
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120, env=env,
                          cwd=exe.parent)


with tempfile.TemporaryDirectory(prefix="cairn-install-") as tmp:
    tmp = pathlib.Path(tmp).resolve()
    check("the temporary prefix is outside the build folder",
          build.resolve() not in tmp.parents, str(tmp))
    prefix = tmp / "prefix"
    r = subprocess.run([cmake, "--install", str(build), "--prefix", str(prefix)],
                       capture_output=True, text=True, timeout=300)
    check("cmake --install succeeds", r.returncode == 0, r.stdout[-500:] + r.stderr[-500:])

    cairn = prefix / "bin" / "cairn"
    plugin = prefix / libdir / "cairn" / "libcairn_store_pg.so"
    check("bin/cairn is installed and executable", os.access(cairn, os.X_OK), str(cairn))
    check(f"{libdir}/cairn/libcairn_store_pg.so is installed", plugin.is_file(), str(plugin))
    server_plugin = prefix / libdir / "cairn" / "libcairn_server.so"
    check(f"{libdir}/cairn/libcairn_server.so is installed", server_plugin.is_file(),
          str(server_plugin))
    if not cairn.is_file():
        summary()
        sys.exit(1)

    r = run(cairn, "--version")
    check("installed cairn --version", r.returncode == 0 and r.stdout.startswith("cairn "),
          r.stdout + r.stderr)
    r = run(cairn, "check", str(src / "examples" / "atlas"))
    check("installed cairn checks the example program", r.returncode == 0,
          r.stdout[-300:] + r.stderr)

    r = subprocess.run(["readelf", "-d", str(cairn)], capture_output=True, text=True, timeout=60)
    needed = [line.split("[", 1)[1].rstrip("]") for line in r.stdout.splitlines()
              if "(NEEDED)" in line]
    server_libs = [n for n in needed if n.startswith(("libssl", "libcrypto", "libcpp-httplib",
                                                       "libsodium", "libbrotli", "libz."))]
    check("the cairn executable links no server library (they load with the plugin)",
          r.returncode == 0 and needed and not server_libs, f"NEEDED {needed}")

    db = tmp / "store.db"
    r = run(cairn, "init", "--db", str(db))
    check("installed cairn creates a SQLite store", r.returncode == 0, r.stderr)
    r = run(cairn, "token", "create", "--db", str(db), "--user", "ana", "--role", "viewer")
    check("installed cairn loads its server plugin: token create prints a token",
          r.returncode == 0 and r.stdout.startswith("cairn_"), f"rc={r.returncode} {r.stderr}")

    url = f"postgresql://cairn@127.0.0.1:{closed_port()}/cairn?connect_timeout=5"
    r = run(cairn, "init", "--db", url)
    check("installed cairn loads its plugin: a closed port is a connection error",
          r.returncode == 2 and "store-open-failed" in r.stderr
          and "store-plugin-missing" not in r.stderr, f"rc={r.returncode} {r.stderr}")

    # Control: the executable alone, away from both the install and the build tree.
    alone = tmp / "alone" / "bin"
    alone.mkdir(parents=True)
    shutil.copy2(cairn, alone / "cairn")
    r = run(alone / "cairn", "init", "--db", url)
    check("a cairn without the plugin beside it reports store-plugin-missing",
          r.returncode == 2 and "store-plugin-missing" in r.stderr, f"rc={r.returncode} {r.stderr}")
    check("... and does not look in the build folder", str(build.resolve()) not in r.stderr,
          r.stderr)
    r = run(alone / "cairn", "token", "create", "--db", str(db), "--user", "ana", "--role",
            "viewer")
    check("... and server-plugin-missing for token create", r.returncode == 2
          and "server-plugin-missing" in r.stderr and "libcairn_server.so" in r.stderr,
          f"rc={r.returncode} {r.stderr}")
    check("... without looking in the build folder", str(build.resolve()) not in r.stderr,
          r.stderr)

sys.exit(summary())

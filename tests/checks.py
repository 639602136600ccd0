"""The check counter of the Python end-to-end tests (tests/*_test.py): one line per check (`ok` or
`FAIL` with the detail), then `N passed, M failed` and the exit code from summary()."""

passed = 0
failed = 0


def check(name, cond, detail=""):
    """Counts and prints one check; returns cond."""
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    return cond


def summary():
    """Prints the counts; returns the exit code (1 when a check failed)."""
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0

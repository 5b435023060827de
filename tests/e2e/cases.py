"""The tiny harness the end-to-end scripts share: each case runs at once, prints `ok` or `FAIL`
with the assertion's message, and the script ends with the plain `N passed, N failed` line CTest's
log and CI read, exiting 1 when any case failed."""
import sys


class Cases:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, fn):
        """Runs fn() as the case `name`."""
        try:
            fn()
            self.passed += 1
            print(f"ok   {name}")
        except AssertionError as e:
            self.failed += 1
            print(f"FAIL {name}: {e}")

    def case(self, name):
        """A decorator form of check(): the decorated function runs as the case `name`."""
        def wrap(fn):
            self.check(name, fn)
            return fn
        return wrap

    def finish(self):
        """Prints the summary line and exits with the scripts' status."""
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)

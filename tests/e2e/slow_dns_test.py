#!/usr/bin/env python3
"""End to end: a name lookup that never answers is bounded by the connect limit. libcurl's
resolver is its threaded one (getaddrinfo on a thread), so a stuck lookup must neither block the
engine's loop nor keep the process waiting for the resolver thread after the limit fired.

The test runs `bamlc call` in a private mount namespace (`unshare -m`) whose /etc/resolv.conf
names a DNS server on loopback that reads queries and never answers, so nothing outside the test
is touched. The host name ends in `.invalid`, so no real resolver would know it either. Where the
sandbox does not allow a mount namespace (or binding a DNS socket) the test exits 77, which CTest
reports as skipped.

    slow_dns_test.py BAMLC
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

from cases import Cases

BAMLC = os.path.abspath(sys.argv[1])
SKIPPED = 77  # CTest's SKIP_RETURN_CODE for this test
DNS_ADDRESS = "127.0.0.77"  # not 127.0.0.53, where a host's own stub resolver may listen
cases = Cases()


def silent_dns_server():
    """A UDP socket on DNS_ADDRESS:53 that reads queries and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((DNS_ADDRESS, 53))

    def swallow():
        while True:
            try:
                sock.recvfrom(512)
            except OSError:  # closed at the end of the test
                return

    threading.Thread(target=swallow, daemon=True).start()
    return sock


def main():
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        print("skip: no mount namespace here (unshare -m failed); the lookup bound is not tested")
        sys.exit(SKIPPED)
    try:
        server = silent_dns_server()
    except OSError as e:
        print(f"skip: cannot bind a DNS socket on {DNS_ADDRESS}:53 ({e})")
        sys.exit(SKIPPED)
    with tempfile.TemporaryDirectory() as folder:
        resolv = os.path.join(folder, "resolv.conf")
        with open(resolv, "w") as f:
            f.write(f"nameserver {DNS_ADDRESS}\noptions timeout:30 attempts:1\n")
        project = os.path.join(folder, "p.baml")
        with open(project, "w") as f:
            f.write("""client<llm> Unresolvable {
  provider openai-generic
  options {
    model "gpt-4o"
    base_url "http://llm.bamlc-test.invalid/v1"
    http {
      connect_timeout 1s
      request_timeout 1m
    }
  }
}
""")

        @cases.case("a lookup that never answers ends as a connect timeout after 1s, and the process exits at once")
        def _():
            script = f'mount --bind "{resolv}" /etc/resolv.conf && exec "{BAMLC}" call Unresolvable --from "{project}" --format json'
            start = time.monotonic()
            p = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=60)
            wall = time.monotonic() - start
            assert p.returncode == 1, (p.returncode, p.stderr)
            error = json.loads(p.stdout)["error"]
            assert error["type"] == "TimeoutError" and error["kind"] == "connect", error
            assert error["elapsed_ms"] >= 1000, error
            # The resolver would wait 30 s; the limit is 1 s, and leaving must not wait for it.
            assert wall < 5, f"the process took {wall:.1f}s"

        server.close()
    cases.finish()


if __name__ == "__main__":
    main()

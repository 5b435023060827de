#!/usr/bin/env python3
"""Held-open connections against the mock LLM server: the check behind the "Scale" figures of
docs/mock_llm_server.md.

    load_check.py MOCK_LLM_SERVER [--connections 10000] [--mode stall|ping|drip] [--timeout 60]

Starts its own server on 127.0.0.1 (port 0), opens N client connections, each sending one
streaming chat-completions request, and holds them open once the response headers have arrived
(mode `stall`: `mock:stall_after=0`, headers then silence; `ping`: `stall_after=1,ping=200ms`, a
timer per connection; `drip`: `drip=500ms`, a chunk timer per connection).
While they are held it reads the server's RSS, times `GET /_mock/counters` (which must show N + 1
open connections) and one ordinary completion; then it closes them all and waits for
`client_disconnects` = N and `open_connections` = 1. Prints the figures; exits 0 when every check
held, 1 otherwise, 2 on bad arguments.

Bounded: loopback only, at most 18,000 connections (both processes need a descriptor each, under
a hard RLIMIT_NOFILE of 20,000 here), and the whole run is cut at --timeout seconds.
"""
import argparse
import asyncio
import json
import resource
import subprocess
import sys
import time

HOST = "127.0.0.1"
MAX_CONNECTIONS = 18000
MODES = {
    "stall": "mock:stall_after=0",
    "ping": "mock:stall_after=1,ping=200ms",
    "drip": "mock:drip=500ms",
}
OPEN_AT_ONCE = 500  # connects in flight at a time, so the listen backlog is never the limit


def request_bytes(model, stream=True, path="/v1/chat/completions"):
    body = json.dumps({"model": model, "stream": stream, "messages": [{"role": "user", "content": "hi"}]}).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return head + body


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(needed, soft)), hard))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return soft


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def http_get_json(port, path):
    """One GET over a fresh connection; returns (json, milliseconds)."""
    start = time.monotonic()
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    ms = (time.monotonic() - start) * 1000
    head, _, body = data.partition(b"\r\n\r\n")
    if b"Transfer-Encoding: chunked" in head:
        body = dechunk(body)
    return json.loads(body), ms


def dechunk(body):
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2:]
    return out


async def one_completion(port):
    """An ordinary non-streaming completion while the others are held; milliseconds."""
    start = time.monotonic()
    reader, writer = await asyncio.open_connection(HOST, port)
    writer.write(request_bytes("mock:reply=ok", stream=False).replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1))
    await writer.drain()
    data = await reader.read()
    writer.close()
    if not data.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"completion failed: {data[:80]!r}")
    return (time.monotonic() - start) * 1000


class Held:
    """One held-open streaming request. Once its headers are in, nothing more is read: the
    kernel's socket buffers take the pings and drips for the few seconds of the check, and the
    client's own loop stays idle, so the timings measured are the server's, not this script's."""

    def __init__(self):
        self.writer = None

    async def open(self, port, model, gate):
        async with gate:
            reader, self.writer = await asyncio.open_connection(HOST, port)
            self.writer.write(request_bytes(model))
            await self.writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"unexpected response: {head[:80]!r}")

    def close(self):
        if self.writer:
            self.writer.transport.abort()


async def wait_for_counters(port, ready, deadline):
    while True:
        counters, _ = await http_get_json(port, "/_mock/counters")
        if ready(counters) or time.monotonic() > deadline:
            return counters
        await asyncio.sleep(0.05)


async def run(port, pid, n, mode, deadline):
    failures = []
    model = MODES[mode]
    gate = asyncio.Semaphore(OPEN_AT_ONCE)
    held = [Held() for _ in range(n)]

    start = time.monotonic()
    results = await asyncio.gather(*(h.open(port, model, gate) for h in held), return_exceptions=True)
    open_s = time.monotonic() - start
    errors = [r for r in results if isinstance(r, BaseException)]
    print(f"opened {n - len(errors)} of {n} held connections ({mode}: {model}) in {open_s:.2f}s")
    if errors:
        failures.append(f"{len(errors)} connections failed, e.g. {errors[0]!r}")

    await asyncio.sleep(1.0)  # let timers (pings, drips) run with everything held
    print(f"server RSS while held: {rss_mb(pid):.1f} MB")
    times = []
    for _ in range(5):
        counters, ms = await http_get_json(port, "/_mock/counters")
        times.append(ms)
    print(f"GET /_mock/counters: {min(times):.1f}-{max(times):.1f} ms, open_connections {counters['open_connections']}")
    if counters["open_connections"] != n + 1:
        failures.append(f"open_connections is {counters['open_connections']}, expected {n + 1}")
    completion_ms = await one_completion(port)
    print(f"one ordinary completion while held: {completion_ms:.1f} ms")

    for h in held:
        h.close()
    counters = await wait_for_counters(
        port, lambda c: c["client_disconnects"] >= n and c["open_connections"] == 1, deadline)
    print(f"after closing: client_disconnects {counters['client_disconnects']}, "
          f"open_connections {counters['open_connections']}")
    if counters["client_disconnects"] != n:
        failures.append(f"client_disconnects is {counters['client_disconnects']}, expected {n}")
    if counters["open_connections"] != 1:
        failures.append(f"open_connections is {counters['open_connections']} after closing, expected 1")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mock_llm_server", help="path to the mock_llm_server binary")
    parser.add_argument("--connections", type=int, default=10000)
    parser.add_argument("--mode", choices=sorted(MODES), default="stall")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for the whole run")
    args = parser.parse_args()
    if not 1 <= args.connections <= MAX_CONNECTIONS:
        parser.error(f"--connections must be between 1 and {MAX_CONNECTIONS}")
    if not 0 < args.timeout <= 600:
        parser.error("--timeout must be more than 0 and at most 600 seconds")

    needed = args.connections + 64
    limit = raise_fd_limit(needed)
    if limit < needed:
        print(f"load_check: RLIMIT_NOFILE is {limit}, {needed} descriptors are needed", file=sys.stderr)
        return 2

    server = subprocess.Popen([args.mock_llm_server, "--port", "0", "--host", HOST], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in server.stdout:
            line = line.strip()
            if line.startswith("port="):
                port = int(line.split("=", 1)[1])
            if line == "ready":
                break
        if port is None:
            print("load_check: the server did not start: " + server.stderr.read(), file=sys.stderr)
            return 1
        deadline = time.monotonic() + args.timeout
        try:
            failures = asyncio.run(asyncio.wait_for(run(port, server.pid, args.connections, args.mode, deadline),
                                                    timeout=args.timeout))
        except asyncio.TimeoutError:
            failures = [f"the run did not finish within {args.timeout:g}s"]
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    for failure in failures:
        print(f"FAIL {failure}")
    print("ok" if not failures else f"{len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

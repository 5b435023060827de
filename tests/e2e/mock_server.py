"""Starts the project's mock LLM server for a test and reads its counters (tools/mock_llm_server,
docs/mock_llm_server.md). Used as a context manager:

    with MockServer(path) as mock:
        mock.base_url, mock.hang_port, mock.counters()
"""
import json
import subprocess
import time
import urllib.request


class MockServer:
    def __init__(self, binary):
        self.binary = binary

    def __enter__(self):
        self.proc = subprocess.Popen([self.binary, "--port", "0", "--hang-port", "0"], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        fields = {}
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("mock server exited: " + self.proc.stderr.read())
            line = line.strip()
            if line == "ready":
                break
            key, _, value = line.partition("=")
            fields[key] = value
        self.port = int(fields["port"])
        self.hang_port = int(fields["hang_port"])
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def counters(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_mock/counters", timeout=5) as r:
            return json.loads(r.read())

    def wait_for(self, key, at_least, timeout=2.0):
        """Polls a counter until it reaches `at_least` (the server sees a close slightly after the
        client makes it); returns the last value read."""
        end = time.monotonic() + timeout
        value = self.counters()[key]
        while value < at_least and time.monotonic() < end:
            time.sleep(0.02)
            value = self.counters()[key]
        return value

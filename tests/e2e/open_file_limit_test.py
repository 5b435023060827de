#!/usr/bin/env python3
"""End to end: a process out of file descriptors. `bamlc call` runs under a hard RLIMIT_NOFILE
too small for the socket of its call (every limit from 4 up to one that is enough); each run
either succeeds or ends as a ConnectionError of kind `other` that names the open-file limit (or,
with fewer descriptors still, an error that says which resource the system refused), never as a
crash, a hang, an "internal error", or a misleading "connection refused". Where the hard limit allows,
bamlc raises its own soft limit first: with a soft limit of 8 and a generous hard one the call
succeeds.

    open_file_limit_test.py BAMLC MOCK_SERVER
"""
import json
import os
import resource
import subprocess
import sys
import tempfile

from cases import Cases
from mock_server import MockServer

BAMLC, MOCK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
cases = Cases()


def call(project, env, soft, hard):
    def limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    return subprocess.run([BAMLC, "call", "Mock", "--from", project, "--format", "json"], capture_output=True,
                          text=True, timeout=60, env=env, preexec_fn=limit)


def main():
    with tempfile.TemporaryDirectory() as folder, MockServer(MOCK) as mock:
        project = os.path.join(folder, "p.baml")
        with open(project, "w") as f:
            f.write("""client<llm> Mock {
  provider openai-generic
  options {
    model "mock:reply=hello"
    base_url env.MOCK_BASE_URL
    api_key "sk-unused"
  }
}
""")
        env = dict(os.environ, MOCK_BASE_URL=mock.base_url)

        @cases.case("every hard limit too small ends as a ConnectionError naming the open-file limit, or succeeds")
        def _():
            named = 0
            for n in range(4, 64):
                p = call(project, env, n, n)
                assert p.returncode in (0, 1), (n, p.returncode, p.stderr[-2000:])
                assert "internal error" not in p.stderr, (n, p.stderr[-2000:])
                if p.returncode == 1 and p.stdout.strip():
                    error = json.loads(p.stdout)["error"]
                    if "open-file limit" in error["message"]:
                        named += 1
                        assert error["type"] == "ConnectionError" and error["kind"] == "other", error
                    assert "refused" not in error["message"].lower(), (n, error)
                if p.returncode == 0:
                    break
            else:
                raise AssertionError("no limit up to 63 open files was enough for one call")
            assert named > 0, "no run reached the socket and named the limit"

        @cases.case("a low soft limit under a generous hard one is raised: the call succeeds")
        def _():
            hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
            p = call(project, env, 5, hard)
            assert p.returncode == 0, (p.returncode, p.stdout, p.stderr[-2000:])
    cases.finish()


if __name__ == "__main__":
    main()

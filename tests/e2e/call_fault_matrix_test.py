#!/usr/bin/env python3
"""End to end: the real `bamlc call` against the real mock LLM server, over loopback, with faults
injected. Every limit kind, streaming and not, must fire as the right TimeoutError after at least
its limit and well before the fault would have ended, and the cut connection must really be
closed (the server's client_disconnects counter). Faults that must not trip a limit are checked
too. Bounds are generous: precision is measured by tools/runtime_bench, never asserted here.

    call_fault_matrix_test.py BAMLC MOCK_LLM_SERVER
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import Cases  # noqa: E402
from mock_server import MockServer  # noqa: E402

BAMLC, MOCK = sys.argv[1], sys.argv[2]
FAULT_SECONDS = 8  # every fault that should be cut lasts at least this long

# name: (model, http block, base url kind)
CLIENTS = {
    "Connect": ("mock:reply=never", "connect_timeout 1s\n request_timeout 20s", "hang"),
    "FirstTokenNoHeaders": ("mock:ttfb=8s", "time_to_first_token_timeout 1s\n request_timeout 20s", "mock"),
    "FirstTokenWithPings": ("mock:first=8s,ping=200ms", "time_to_first_token_timeout 1s\n request_timeout 20s", "mock"),
    "Idle": ("mock:first=100ms,stall_after=2", "idle_timeout 1s\n request_timeout 20s", "mock"),
    "IdleWithPings": ("mock:first=100ms,stall_after=2,ping=200ms", "idle_timeout 1s\n request_timeout 20s", "mock"),
    "Request": ("mock:drip=100ms", "idle_timeout 1s\n request_timeout 1500ms", "mock"),
    "Total": ("mock:drip=100ms", "request_timeout 20s\n total_timeout 1s", "mock"),
    "Drip": ("mock:drip=100ms", "request_timeout 20s", "mock"),
    "SlowButSteady": ("mock:gap=300ms,reply=one two three four five six", "idle_timeout 1s\n time_to_first_token_timeout 1s\n request_timeout 20s", "mock"),
    "ServerError": ("mock:status=500", "request_timeout 20s", "mock"),
    "RateLimited": ("mock:status=429,retry_after=2", "request_timeout 20s", "mock"),
    "Reset": ("mock:reset", "request_timeout 20s", "mock"),
    "Answer": ("mock:reply=Hello from the matrix.", "request_timeout 20s", "mock"),
    "Echo": ("mock:echo", "request_timeout 20s", "mock"),
    "ChainSlow": ("mock:ttfb=8s", "time_to_first_token_timeout 500ms\n request_timeout 20s", "mock"),
    "Unauthorized": ("mock:status=401", "request_timeout 20s", "mock"),
    "EchoStall": ("mock:echo,stall_after=2", "idle_timeout 1s\n request_timeout 20s", "mock"),
    # The echo (~300 bytes) cut into 3-byte chunks: the 30-byte key spans about ten deltas.
    "EchoChunked": ("mock:echo,chunks=100", "request_timeout 20s", "mock"),
    # The same, stalling once the key has gone by: the held-back tail must still be delivered.
    "EchoChunkedStall": ("mock:echo,chunks=100,stall_after=85", "idle_timeout 1s\n request_timeout 20s", "mock"),
    "MissingKey": ("mock:reply=never sent", "request_timeout 20s", "mock"),
}
# The Anthropic messages API through the same mock (base_url without /v1: the provider appends
# /v1/messages, as against api.anthropic.com).
ANTHROPIC_CLIENTS = {
    "ClaudeAnswer": ("mock:reply=Hello from Claude.", "request_timeout 20s"),
    "ClaudeFirstToken": ("mock:first=8s", "time_to_first_token_timeout 1s\n request_timeout 20s"),
    "ClaudeIdle": ("mock:first=100ms,stall_after=2", "idle_timeout 1s\n request_timeout 20s"),
}
SECRET = "sk-bamlc-test-4f9a1c7e2b8d6053"
UNSET_VARIABLE = "BAMLC_TEST_VARIABLE_NOBODY_SETS"
WITH_KEY = {"Echo", "Unauthorized", "EchoStall", "EchoChunked", "EchoChunkedStall"}


COMPOSITES = '''
client<llm> Chain {
 provider fallback
 options {
  strategy [ChainSlow, Answer]
  http {
   total_timeout 6s
  }
 }
}
'''


def write_project(folder, mock):
    parts = [COMPOSITES]
    for name, (model, http, target) in CLIENTS.items():
        base = mock.base_url if target == "mock" else f"http://127.0.0.1:{mock.hang_port}/v1"
        key = "  api_key env.BAMLC_TEST_SECRET\n" if name in WITH_KEY else ""
        if name == "MissingKey":
            key = f"  api_key env.{UNSET_VARIABLE}\n"
        parts.append(f'client<llm> {name} {{\n provider openai-generic\n options {{\n  base_url "{base}"\n'
                     f'  model "{model}"\n{key}  http {{\n {http}\n  }}\n }}\n}}\n')
    parts.append(f'client<llm> AzureAnswer {{\n provider azure-openai\n options {{\n'
                 f'  base_url "{mock.root_url}/openai/deployments/gpt4o-prod"\n  api_version "2024-06-01"\n'
                 f'  model "mock:reply=Hello from Azure."\n  api_key env.BAMLC_TEST_SECRET\n }}\n}}\n')
    # api_version is optional to BAML's compiler (Azure itself answers 404 without it).
    parts.append(f'client<llm> AzureNoVersion {{\n provider azure-openai\n options {{\n'
                 f'  base_url "{mock.root_url}/openai/deployments/gpt4o-prod"\n'
                 f'  model "mock:reply=Hello from Azure."\n  api_key env.BAMLC_TEST_SECRET\n }}\n}}\n')
    for name, (model, http) in ANTHROPIC_CLIENTS.items():
        parts.append(f'client<llm> {name} {{\n provider anthropic\n options {{\n  base_url "{mock.root_url}"\n'
                     f'  model "{model}"\n  api_key env.BAMLC_TEST_SECRET\n  http {{\n {http}\n  }}\n }}\n}}\n')
    with open(os.path.join(folder, "clients.baml"), "w") as f:
        f.write("\n".join(parts))


def call(project, client, *extra, fmt="json"):
    start = time.monotonic()
    env = {**os.environ, "BAMLC_TEST_SECRET": SECRET}
    env.pop(UNSET_VARIABLE, None)
    proc = subprocess.run([BAMLC, "call", client, "--from", project, "--format", fmt, *extra],
                          capture_output=True, text=True, timeout=60, env=env)
    if fmt != "json":
        return proc.returncode, proc.stdout + proc.stderr, time.monotonic() - start
    wall = time.monotonic() - start
    assert proc.stdout.strip(), f"no JSON on stdout; stderr: {proc.stderr}"
    return proc.returncode, json.loads(proc.stdout), wall


cases = Cases()
check = cases.check


def expect_timeout(project, mock, client, kind, limit_ms, stream, extra=(), closes=True):
    def run():
        before = mock.counters()["client_disconnects"]
        code, out, wall = call(project, client, *(["--stream"] if stream else []), *extra)
        assert code == 1, (code, out)
        err = out["error"]
        assert err["type"] == "TimeoutError", err
        assert err["kind"] == kind, err
        assert err["client"] == client, err
        assert err["limit_ms"] == limit_ms, err
        assert err["elapsed_ms"] >= limit_ms, err
        assert wall < FAULT_SECONDS - 2, f"took {wall:.1f}s: the fault would have ended first"
        if closes:
            after = mock.wait_for("client_disconnects", before + 1)
            assert after >= before + 1, f"the server saw no disconnect ({before} -> {after})"
    mode = "stream" if stream else "call"
    check(f"{client} ({mode}) fails as {kind} after {limit_ms} ms", run)


def last_request(mock):
    """The last LLM request the mock server saw: path, model, stream and headers."""
    with urllib.request.urlopen(f"http://127.0.0.1:{mock.port}/_mock/requests", timeout=5) as r:
        return json.loads(r.read())[-1]


def anthropic_cases(project, mock):
    def headers_as_anthropic_expects(request, model, stream):
        assert request["path"] == "/v1/messages", request["path"]
        assert request["model"] == model and request["stream"] == stream, (request["model"], request["stream"])
        headers = request["headers"]
        # Compared, never printed: the key must not reach the test's output either.
        assert headers.get("x-api-key") == SECRET, "x-api-key is not the key from env.BAMLC_TEST_SECRET"
        assert "authorization" not in headers, "Anthropic takes x-api-key, not Authorization"
        assert headers.get("anthropic-version") == "2023-06-01", headers.get("anthropic-version")
        assert headers.get("content-type") == "application/json", headers.get("content-type")
        assert (headers.get("accept") == "text/event-stream") == stream, headers.get("accept")

    for stream in (False, True):
        mode = "stream" if stream else "call"
        flag = ["--stream"] if stream else []

        def success(stream=stream, flag=flag):
            code, out, _ = call(project, "ClaudeAnswer", *flag)
            assert code == 0 and out["ok"] and out["client"] == "ClaudeAnswer", out
            assert out["text"] == "Hello from Claude.", out
            assert out["finish_reason"] == "end_turn", out
            assert out["usage"]["output_tokens"] == 3 and out["usage"]["input_tokens"] > 0, out
            headers_as_anthropic_expects(last_request(mock), ANTHROPIC_CLIENTS["ClaudeAnswer"][0], stream)
            if stream:
                code, text, _ = call(project, "ClaudeAnswer", *flag, fmt="text")
                assert code == 0 and text.startswith("Hello from Claude.\n"), text  # stdout, then stderr
        check(f"anthropic: an answer with its finish reason, usage and headers ({mode})", success)

        expect_timeout(project, mock, "ClaudeFirstToken", "time_to_first_token", 1000, stream)

        def idle_keeps_partial(stream=stream, flag=flag):
            code, out, _ = call(project, "ClaudeIdle", *flag)
            assert code == 1, out
            err = out["error"]
            assert err["type"] == "TimeoutError" and err["kind"] == "idle" and err["client"] == "ClaudeIdle", err
            assert err["limit_ms"] == 1000 and err["elapsed_ms"] >= 1000 and err["status"] == 200, err
            if stream:
                # Two content_block_delta events arrived: their text is kept, not the events.
                assert err["partial_text"] == "Hello from ", err
            else:
                # A non-streaming body cut in the middle: the bytes that came, as received.
                assert err["partial_text"].startswith('{"id":"msg_mock_'), err
            assert err["bytes_received"] > 0, err
        check(f"anthropic: an idle timeout keeps the partial text ({mode})", idle_keeps_partial)


def run_bamlc(*args):
    """bamlc as is: (exit code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != UNSET_VARIABLE}
    proc = subprocess.run([BAMLC, *args], capture_output=True, text=True, timeout=60, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def cli_cases(project, mock):
    def nothing_sent(before):
        assert mock.counters()["requests"] == before, "a request reached the server"

    def unknown_client():
        before = mock.counters()["requests"]
        for fmt in ("text", "json"):
            code, out, err = run_bamlc("call", "Answr", "--from", project, "--format", fmt)
            assert code == 1, (code, out, err)
            assert out == "", out
            assert "no client named `Answr`" in err and "did you mean `Answer`?" in err, err
        nothing_sent(before)
    check("bamlc call: an unknown client exits 1 with a suggestion", unknown_client)

    def bad_timeout():
        before = mock.counters()["requests"]
        for value, why in [("5x", "is not a duration: unknown duration unit `x`"), ("soon", "is not a duration"),
                           ("0s", "must be longer than 0"), ("-1s", "is not a duration")]:
            code, out, err = run_bamlc("call", "Answer", "--from", project, "--timeout", value, "--format", "json")
            assert code == 2, (value, code, out, err)
            assert out == "", (value, out)
            assert f"--timeout `{value}` {why}" in err, (value, err)
        nothing_sent(before)
    check("bamlc call: a bad --timeout exits 2 and sends nothing", bad_timeout)

    def does_not_compile():
        with tempfile.TemporaryDirectory() as broken:
            with open(os.path.join(broken, "clients.baml"), "w") as f:
                f.write('client<llm> Broken {\n provider nope\n options {\n  model "x"\n }\n}\n')
            code, out, err = run_bamlc("call", "Broken", "--from", broken)
            assert code == 1, (code, out, err)
            assert out == "", out
            assert "error[E0503]: unknown provider `nope`" in err, err
            # In JSON the diagnostics are the result: one object a line on stdout, as check prints them.
            code, out, err = run_bamlc("call", "Broken", "--from", broken, "--format", "json")
            assert code == 1, (code, out, err)
            diagnostics = [json.loads(line) for line in out.splitlines()]
            assert [d["code"] for d in diagnostics] == ["E0503"], out
            code, out, err = run_bamlc("call", "Broken", "--from", os.path.join(broken, "no-such-folder"))
            assert code == 2 and out == "", (code, out, err)
    check("bamlc call: a project that does not compile exits 1 (its diagnostics in JSON on stdout); a missing one 2",
          does_not_compile)

    def missing_variable():
        before = mock.counters()["requests"]
        for stream in ([], ["--stream"]):
            code, out, _ = call(project, "MissingKey", *stream)
            assert code == 1 and out["ok"] is False, out
            err = out["error"]
            assert err["type"] == "ConfigError" and err["client"] == "MissingKey", err
            assert err["variable"] == UNSET_VARIABLE, err
            assert UNSET_VARIABLE in err["message"] and UNSET_VARIABLE in err["detail"], err
            code, text, _ = call(project, "MissingKey", *stream, fmt="text")
            assert code == 1 and f"environment variable {UNSET_VARIABLE} is not set" in text, text
        nothing_sent(before)
    check("bamlc call: a missing env. variable is a ConfigError naming it, exit 1", missing_variable)

    def shorthand():
        # The anonymous client `client "openai/gpt-4o"` makes in a function, with its defaults:
        # here the default api_key env.OPENAI_API_KEY is unset, so nothing goes out.
        env = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}
        proc = subprocess.run([BAMLC, "call", "openai/gpt-4o", "--from", project, "--format", "json"],
                              capture_output=True, text=True, timeout=60, env=env)
        assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
        err = json.loads(proc.stdout)["error"]
        assert err["type"] == "ConfigError" and err["client"] == "openai/gpt-4o", err
        assert err["variable"] == "OPENAI_API_KEY", err
        proc = subprocess.run([BAMLC, "call", "openai/gpt-4o", "--from", project], capture_output=True, text=True,
                              timeout=60, env=env)
        assert "plan: openai/gpt-4o; worst case" in proc.stderr, proc.stderr
        for bad, why in [("nope/x", "known providers:"), ("openai/", "write the model after the slash")]:
            code, out, err = run_bamlc("call", bad, "--from", project)
            assert code == 1 and out == "", (bad, code, out, err)
            assert f"`{bad}` is not a `provider/model` shorthand bamlc knows" in err and why in err, (bad, err)
    check("bamlc call: a provider/model shorthand is a client; an unknown provider exits 1", shorthand)


def azure_cases(project, mock):
    def azure():
        for stream in ([], ["--stream"]):
            code, out, _ = call(project, "AzureAnswer", *stream)
            assert code == 0 and out["text"] == "Hello from Azure.", out
            request = last_request(mock)
            assert request["target"] == "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-06-01", \
                request["target"]
            assert request["headers"].get("api-key") == SECRET, "api-key is not the key from env.BAMLC_TEST_SECRET"
            assert "authorization" not in request["headers"], "azure-openai takes api-key, not Authorization"
        code, out, _ = call(project, "AzureNoVersion")
        assert code == 0, out
        assert last_request(mock)["target"] == "/openai/deployments/gpt4o-prod/chat/completions", last_request(mock)
    check("azure-openai: base_url + /chat/completions?api-version=..., the key in api-key", azure)


def main():
    with MockServer(MOCK) as mock, tempfile.TemporaryDirectory() as project:
        mock.root_url = f"http://127.0.0.1:{mock.port}"
        write_project(project, mock)
        cli_cases(project, mock)
        anthropic_cases(project, mock)
        azure_cases(project, mock)
        for stream in (False, True):
            expect_timeout(project, mock, "Connect", "connect", 1000, stream, closes=False)
            expect_timeout(project, mock, "FirstTokenNoHeaders", "time_to_first_token", 1000, stream)
            expect_timeout(project, mock, "FirstTokenWithPings", "time_to_first_token", 1000, stream)
            expect_timeout(project, mock, "Idle", "idle", 1000, stream)
            expect_timeout(project, mock, "Request", "request", 1500, stream)
            expect_timeout(project, mock, "Total", "total", 1000, stream)
            expect_timeout(project, mock, "Drip", "deadline", 1000, stream, extra=("--timeout", "1s"))
        expect_timeout(project, mock, "IdleWithPings", "idle", 1000, True)

        def slow_but_steady(stream):
            def run():
                code, out, _ = call(project, "SlowButSteady", *(["--stream"] if stream else []))
                assert code == 0 and out["ok"], out
                assert out["text"] == "one two three four five six", out
            return run
        check("a slow but steady answer under its idle limit succeeds (call)", slow_but_steady(False))
        check("a slow but steady answer under its idle limit succeeds (stream)", slow_but_steady(True))

        def http_error():
            code, out, _ = call(project, "ServerError")
            assert code == 1 and out["error"]["type"] == "HttpError" and out["error"]["status"] == 500, out
            code, out, _ = call(project, "RateLimited")
            assert out["error"]["status"] == 429 and out["error"]["retry_after_ms"] == 2000, out
        check("an HTTP error status is an HttpError with its status and Retry-After", http_error)

        def error_shapes():
            # An error status's body is the provider's message (detail), not partial text.
            code, out, _ = call(project, "ServerError")
            err = out["error"]
            assert err["detail"] == "mock error 500" and "partial_text" not in err, err
            # A ConfigError stops the attempt before anything is sent: no "attempt 1 of 1".
            code, out, _ = call(project, "MissingKey")
            err = out["error"]
            assert "(attempt" not in err["message"] and "attempt" not in err and "max_attempts" not in err, err
            # A failing stream ends the line it printed once, and prints no blank line otherwise.
            code, out, err = run_bamlc("call", "Idle", "--from", project, "--stream")
            assert code == 1 and out == "Hello from \n", repr(out)
            assert "timeout: Idle: no new data" in err, err
            code, out, err = run_bamlc("call", "ServerError", "--from", project, "--stream")
            assert code == 1 and out == "", repr(out)
            code, out, err = run_bamlc("call", "Answer", "--from", project, "--stream")
            assert code == 0 and out == "Hello from the matrix.\n", repr(out)
        check("error shapes: no error body as partial_text, no attempt for a ConfigError, no blank lines", error_shapes)

        def reset():
            code, out, _ = call(project, "Reset")
            assert code == 1 and out["error"]["type"] == "ConnectionError", out
        check("a reset connection is a ConnectionError", reset)

        def answer():
            code, out, _ = call(project, "Answer")
            assert code == 0 and out == {**out, "ok": True, "client": "Answer", "text": "Hello from the matrix."}, out
            assert out["elapsed_ms"] >= 0
        check("an answer is printed with its client and elapsed time", answer)

        def far_deadline():
            # Past what a steady-clock instant holds (~292 years in nanoseconds): no deadline, not
            # one that passed at once.
            for value in ("2562047h", "3000000h"):
                code, out, _ = call(project, "Answer", "--timeout", value)
                assert code == 0 and out["ok"] and out["text"] == "Hello from the matrix.", (value, out)
        check("bamlc call --timeout 2562047h (and longer) is no deadline, not one passed at once", far_deadline)

        def composite():
            code, out, _ = call(project, "Chain")
            assert code == 0 and out["client"] == "Answer" and out["text"] == "Hello from the matrix.", out
            attempts = out["attempts"]
            assert [a["path"] for a in attempts] == [["Chain", "ChainSlow"], ["Chain", "Answer"]], attempts
            assert attempts[0]["outcome"] == "error" and attempts[0]["kind"] == "time_to_first_token", attempts
            assert attempts[1]["outcome"] == "ok", attempts
            code, text, _ = call(project, "Chain", fmt="text")
            assert "plan: Chain → ChainSlow, Chain → Answer" in text, text
            assert "Chain → ChainSlow (attempt 1 of 1): TimeoutError time_to_first_token" in text, text
        check("a fallback through bamlc call shows its plan and every attempt (text and JSON)", composite)

        def redaction():
            # The server echoes the request headers, Authorization included, into what it sends.
            cases = [("Unauthorized", False, "json"), ("Unauthorized", False, "text"), ("Unauthorized", True, "text"),
                     ("EchoStall", False, "json"), ("EchoStall", True, "json"), ("EchoStall", True, "text"),
                     ("Echo", False, "json"), ("Echo", False, "text"), ("Echo", True, "json"), ("Echo", True, "text")]
            for client, stream, fmt in cases:
                code, out, _ = call(project, client, *(["--stream"] if stream else []), fmt=fmt)
                assert code == (0 if client == "Echo" else 1), (client, out)
                text = out if isinstance(out, str) else json.dumps(out)
                assert SECRET not in text, f"{client} {fmt}: the API key leaked: {text[:300]}"
                assert SECRET[:12] not in text, f"{client} {fmt}: a prefix of the API key leaked"
            code, out, _ = call(project, "EchoStall", "--stream", "--prompt", "Hi", fmt="json")
            assert "[REDACTED]" in out["error"]["partial_text"], out
            code, out, _ = call(project, "Echo", "--prompt", "Hi")
            assert "Bearer [REDACTED]" in out["text"], out
        check("an API key given through env. never appears in any output: answers, streams, errors", redaction)

        def redaction_split_across_deltas():
            # Each delta scrubbed on its own would let a key cut across deltas through: the stream
            # holds back a tail that could begin a key until the key is whole (or cannot be).
            for client, fmt in [("EchoChunked", "text"), ("EchoChunked", "json"),
                                ("EchoChunkedStall", "text"), ("EchoChunkedStall", "json")]:
                code, out, _ = call(project, client, "--stream", "--prompt", "Hi", fmt=fmt)
                assert code == (0 if client == "EchoChunked" else 1), (client, out)
                text = out if isinstance(out, str) else json.dumps(out)
                assert SECRET not in text, f"{client} {fmt}: the API key leaked: {text[:400]}"
                assert SECRET[:12] not in text, f"{client} {fmt}: a prefix of the API key leaked"
                assert "Bearer [REDACTED]" in text, f"{client} {fmt}: {text[:400]}"
                if fmt == "text":
                    # The streamed text itself (stdout), flushed in full at the end, failure or not.
                    assert text.count("Bearer [REDACTED]") == 1, text
                    if client == "EchoChunkedStall":
                        assert "TimeoutError" in text or "timeout" in text, text
                else:
                    streamed = out["text"] if out["ok"] else out["error"]["partial_text"]
                    assert "Bearer [REDACTED]" in streamed, out
        check("an API key split across streamed deltas is still redacted (chunks=100, success and stall)",
              redaction_split_across_deltas)

    cases.finish()


if __name__ == "__main__":
    main()

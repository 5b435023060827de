#!/usr/bin/env python3
"""End to end: text from a server is bytes. The real `bamlc call` against the real mock LLM server,
whose answers here are not UTF-8: a binary 200, a 200 whose JSON strings carry invalid bytes
(whole and streamed; JSON must be UTF-8, so that is a malformed answer), a 500 with a binary body, and fallbacks whose first child answers so and
whose second succeeds. bamlc must never abort: it exits 0 or 1 as the call went, prints JSON that
parses (what is not UTF-8 becomes U+FFFD), and in text keeps the answer's bytes while escaping
what is not UTF-8 (or would act on the terminal) in its messages.

    call_bad_bytes_test.py BAMLC MOCK_LLM_SERVER
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import Cases  # noqa: E402
from mock_server import MockServer  # noqa: E402

BAMLC, MOCK = sys.argv[1], sys.argv[2]

LEAVES = {
    "Binary": "mock:garbage=300",
    "BadText": "mock:invalid_utf8,reply=caf\u00e9 au lait",
    "BadError": "mock:status=500,garbage=200",
    "Answer": "mock:reply=Hello after the noise.",
}
FALLBACKS = {"BinaryThenAnswer": ["Binary", "Answer"], "BadTextThenAnswer": ["BadText", "Answer"],
             "BadErrorThenAnswer": ["BadError", "Answer"]}


def write_project(folder, mock):
    parts = []
    for name, model in LEAVES.items():
        parts.append(f'client<llm> {name} {{\n provider openai-generic\n options {{\n  base_url "{mock.base_url}"\n'
                     f'  model "{model}"\n  http {{\n   request_timeout 20s\n  }}\n }}\n}}\n')
    for name, children in FALLBACKS.items():
        parts.append(f'client<llm> {name} {{\n provider fallback\n options {{\n  strategy [{", ".join(children)}]\n'
                     f' }}\n}}\n')
    with open(os.path.join(folder, "clients.baml"), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


def bamlc(project, client, *extra):
    """(exit code, stdout bytes, stderr bytes): bytes, since what bamlc prints need not be UTF-8."""
    proc = subprocess.run([BAMLC, "call", client, "--from", project, *extra], capture_output=True, timeout=60)
    assert proc.returncode in (0, 1), f"{client} {extra}: exit {proc.returncode}, stderr: {proc.stderr[-600:]!r}"
    assert b"terminate called" not in proc.stderr and b"type_error" not in proc.stderr, proc.stderr[-600:]
    return proc.returncode, proc.stdout, proc.stderr


def as_json(project, client, *extra):
    code, out, err = bamlc(project, client, "--format", "json", *extra)
    text = out.decode("utf-8")  # strict: the JSON printed must be UTF-8 throughout
    return code, json.loads(text)


cases = Cases()
check = cases.check


def main():
    with MockServer(MOCK) as mock, tempfile.TemporaryDirectory() as project:
        write_project(project, mock)
        for stream in ([], ["--stream"]):
            mode = "stream" if stream else "call"

            def binary(stream=stream):
                code, out = as_json(project, "Binary", *stream)
                assert code == 1 and out["ok"] is False, out
                assert out["error"]["client"] == "Binary", out
                code, stdout, stderr = bamlc(project, "Binary", *stream)
                assert code == 1, stderr
                assert b"\x1b" not in stderr and b"\x00" not in stderr, stderr  # shown as \x1B, \x00
                stderr.decode("utf-8")
            check(f"a binary 200 is a failed call, printed safely ({mode})", binary)

            def bad_text(stream=stream):
                # JSON must be UTF-8 (RFC 8259): such a body is a malformed answer, kept as received.
                code, out = as_json(project, "BadText", *stream)
                assert code == 1 and out["error"]["status"] == 200, out
                assert "malformed response" in out["error"]["detail"], out
                if not stream:
                    assert "caf\u00e9 \ufffd" in out["error"]["partial_text"], out
                code, _, stderr = bamlc(project, "BadText", *stream)
                assert code == 1, stderr
                text = stderr.decode("utf-8")  # nothing raw that is not UTF-8
                if not stream:
                    assert "received before the failure:" in text and "\ufffd" in text, text
            check(f"invalid bytes inside the JSON strings of a 200: a malformed answer, printed safely ({mode})",
                  bad_text)

            def bad_error(stream=stream):
                code, out = as_json(project, "BadError", *stream)
                assert code == 1 and out["error"]["type"] == "HttpError" and out["error"]["status"] == 500, out
                code, _, stderr = bamlc(project, "BadError", *stream)
                assert code == 1 and b"http" in stderr.lower(), stderr
                assert b"\x1b" not in stderr, stderr
                stderr.decode("utf-8")
            check(f"a 500 with a binary body is an HttpError, printed safely ({mode})", bad_error)

            def fallback(stream=stream):
                for client in FALLBACKS:
                    code, out = as_json(project, client, *stream)
                    assert code == 0 and out["ok"] and out["client"] == "Answer", out
                    assert out["text"] == "Hello after the noise.", out
                    assert [a["outcome"] for a in out["attempts"]] == ["error", "ok"], out["attempts"]
                    code, stdout, stderr = bamlc(project, client, *stream)
                    assert code == 0 and stdout == b"Hello after the noise.\n", (stdout, stderr)
                    stderr.decode("utf-8")
            check(f"a fallback past a child that answered noise succeeds ({mode})", fallback)
    cases.finish()


if __name__ == "__main__":
    main()

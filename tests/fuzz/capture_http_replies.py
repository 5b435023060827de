#!/usr/bin/env python3
"""Writes tests/fuzz/http_replies.jsonl, http_fuzz's seeds (docs/fuzzing.md): what the project's
mock LLM server (docs/mock_llm_server.md) answers in each of the four wire formats the runtime
decodes, streaming and not, with the faults it can put in a body (bad UTF-8, in-stream errors,
truncated streams, error statuses, binary noise), then a few SSE framings the mock never sends
(CR and CRLF line ends, a byte order mark, comments, multi-line data, id and retry fields).

    capture_http_replies.py [MOCK_LLM_SERVER]   (default build/tools/mock_llm_server/mock_llm_server)

One JSON object a line: {"provider", "mode": "stream" | "body" | "error", "status", "body"}; a body
that is not UTF-8 is stored with its bad bytes as lone surrogates (Python's surrogateescape).
"""
import http.client
import json
import pathlib
import subprocess
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "http_replies.jsonl"

DIRECTIVES = ["", "reply=Héllo \"wörld\" {braces} [brackets] \\ 日本 🎉", "answer=object", "answer=object,chunk_size=7",
              "answer=resume", "answer=empty", "invalid_utf8", "stream_error=2", "truncate=2", "status=429",
              "status=500", "status=400", "garbage=48"]


def request(port, provider, model, stream):
    body = {"model": model, "stream": stream}
    if provider == "openai":
        path, body["messages"] = "/v1/chat/completions", [{"role": "user", "content": "hi"}]
    elif provider == "anthropic":
        path, body["messages"] = "/v1/messages", [{"role": "user", "content": "hi"}]
        body["max_tokens"] = 64
    elif provider == "openai-responses":
        path, body["input"] = "/v1/responses", "hi"
    else:  # google-ai: the model is in the path, the method says whether to stream
        method = "streamGenerateContent?alt=sse" if stream else "generateContent"
        path = f"/v1beta/models/{urllib.parse.quote(model, safe='')}:{method}"
        body = {"contents": [{"role": "user", "parts": [{"text": "hi"}]}]}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type", ""), data


def extra_sse():
    """SSE framings the decoder must read however the bytes arrive."""
    chunk = 'data: {"choices":[{"delta":{"content":"%s"}}]}'
    done = 'data: {"choices":[{"delta":{},"finish_reason":"stop"}]}'
    return [
        ("openai", (chunk % "a") + "\r\n\r\n" + (chunk % "b") + "\r\n\r\n" + done + "\r\n\r\ndata: [DONE]\r\n\r\n"),
        ("openai", (chunk % "a") + "\r\r" + done + "\r\rdata: [DONE]\r\r"),
        ("openai", "\ufeff" + (chunk % "bom") + "\n\n" + done + "\n\ndata: [DONE]\n"),
        ("openai", ": ping\n\n: keep-alive\n" + (chunk % "x") + "\nid: 7\nretry: 100\n\n" + done + "\n\ndata: [DONE]"),
        ("openai", 'data: {"choices":[{"delta":\ndata: {"content":"split"}}]}\n\n' + done + "\n\ndata: [DONE]\n\n"),
        ("openai", "event: message\ndata\ndata:\n\nfield without colon\n\n" + (chunk % "é") + "\n\n"),
        ("anthropic", 'event: ping\ndata: {"type":"ping"}\n\nevent: error\ndata: {"type":"error","error":'
                      '{"type":"overloaded_error","message":"Overloaded"}}\n\n'),
        ("google-ai", 'data: {"candidates":[{"content":{"parts":[{"text":"a"},{"text":"b"}]},"finishReason":"STOP"}],'
                      '"usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":2}}\r\n\r\n'),
        ("openai-responses", 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"x"}\n\n'
                             'event: response.completed\ndata: {"type":"response.completed","response":{"status":'
                             '"completed","usage":{"input_tokens":1,"output_tokens":1}}}\n\n'),
    ]


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "build" / "tools" / "mock_llm_server" / "mock_llm_server")
    server = subprocess.Popen([binary, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(server.stdout.readline().strip().removeprefix("port="))
        assert server.stdout.readline().strip() == "ready"
        lines = []
        for provider in ["openai", "anthropic", "google-ai", "openai-responses"]:
            for stream in [True, False]:
                for directives in DIRECTIVES:
                    status, content_type, data = request(port, provider, "mock:" + directives, stream)
                    mode = "error" if status >= 300 else "stream" if "event-stream" in content_type else "body"
                    lines.append({"provider": provider, "mode": mode, "status": status,
                                  "body": data.decode("utf-8", "surrogateescape")})
        for provider, body in extra_sse():
            lines.append({"provider": provider, "mode": "stream", "status": 200, "body": body})
        OUT.write_text("".join(json.dumps(line, sort_keys=True) + "\n" for line in lines))
        print(f"capture_http_replies.py: {len(lines)} replies in {OUT.relative_to(ROOT)}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""End to end: TLS verification is on. A real HTTPS server on loopback with a self-signed
certificate (made here with `openssl`) answers like an OpenAI endpoint; `bamlc call` to it must
fail as a ConnectionError of kind `tls` naming the certificate problem, never reach the handler,
and never print the API key.

    tls_test.py BAMLC
"""
import http.server
import json
import os
import ssl
import subprocess
import sys
import tempfile
import threading

from cases import Cases

BAMLC = os.path.abspath(sys.argv[1])
API_KEY = "sk-tls-test-0123456789abcdef"
cases = Cases()


class Handler(http.server.BaseHTTPRequestHandler):
    requests = 0

    def do_POST(self):  # noqa: N802 (http.server's naming)
        Handler.requests += 1
        body = json.dumps({"choices": [{"message": {"content": "should not be read"}, "finish_reason": "stop"}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def self_signed(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def main():
    with tempfile.TemporaryDirectory() as folder:
        cert, key = self_signed(folder)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        project = os.path.join(folder, "p.baml")
        with open(project, "w") as f:
            f.write("""client<llm> Secure {
  provider openai-generic
  options {
    model "gpt-4o"
    base_url env.TLS_BASE_URL
    api_key env.TLS_API_KEY
    http {
      connect_timeout 5s
      request_timeout 20s
    }
  }
}
""")
        env = dict(os.environ, TLS_BASE_URL=f"https://127.0.0.1:{server.server_address[1]}/v1", TLS_API_KEY=API_KEY)

        @cases.case("a self-signed certificate is refused: ConnectionError kind tls, nothing sent")
        def _():
            p = subprocess.run([BAMLC, "call", "Secure", "--from", project, "--format", "json"],
                               capture_output=True, text=True, timeout=60, env=env)
            assert p.returncode == 1, (p.returncode, p.stderr)
            assert API_KEY not in p.stdout + p.stderr, "the API key was printed"
            error = json.loads(p.stdout)["error"]
            assert error["type"] == "ConnectionError", error
            assert error["kind"] == "tls", error
            assert "certificate" in error["message"].lower(), error["message"]
            assert Handler.requests == 0, Handler.requests

        server.shutdown()
    cases.finish()


if __name__ == "__main__":
    main()

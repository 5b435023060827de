#!/usr/bin/env python3
"""End to end: TLS verification is on. A real HTTPS server on loopback with a self-signed
certificate (made here with `openssl`) answers like an OpenAI endpoint; `bamlc call` to it must
fail as a ConnectionError of kind `tls` naming the certificate problem, never reach the handler,
and never print the API key. Given that certificate as the CA bundle (`--ca-bundle`, or
SSL_CERT_FILE in the environment) the same call succeeds; another CA's bundle still refuses, and a
bundle that does not exist is a usage error, never a silent fallback.

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
        body = json.dumps({"choices": [{"message": {"content": "hello over TLS"}, "finish_reason": "stop"}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


def self_signed(folder):
    os.makedirs(folder, exist_ok=True)
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

        def call(*extra, env_extra=None):
            return subprocess.run([BAMLC, "call", "Secure", "--from", project, "--format", "json", *extra],
                                  capture_output=True, text=True, timeout=60, env=dict(env, **(env_extra or {})))

        @cases.case("--ca-bundle with the server's certificate: verified, the call succeeds")
        def _():
            before = Handler.requests
            p = call("--ca-bundle", cert)
            assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)
            assert json.loads(p.stdout)["text"] == "hello over TLS", p.stdout
            assert Handler.requests == before + 1, Handler.requests
            assert API_KEY not in p.stdout + p.stderr, "the API key was printed"

        @cases.case("SSL_CERT_FILE in the environment is honoured the same way")
        def _():
            p = call(env_extra={"SSL_CERT_FILE": cert})
            assert p.returncode == 0, (p.returncode, p.stdout, p.stderr)

        @cases.case("a bundle of another CA: still refused as tls (verification is never off)")
        def _():
            other_cert, _ = self_signed(os.path.join(folder, "other"))
            before = Handler.requests
            p = call("--ca-bundle", other_cert)
            assert p.returncode == 1, (p.returncode, p.stderr)
            error = json.loads(p.stdout)["error"]
            assert error["type"] == "ConnectionError" and error["kind"] == "tls", error
            assert Handler.requests == before, Handler.requests

        @cases.case("a bundle that does not exist: a usage error naming it, nothing sent")
        def _():
            before = Handler.requests
            p = call("--ca-bundle", os.path.join(folder, "missing.pem"))
            assert p.returncode == 2, (p.returncode, p.stderr)
            assert "missing.pem" in p.stderr, p.stderr
            assert Handler.requests == before, Handler.requests

        @cases.case("SSL_CERT_FILE naming a missing file: tls error, not an unverified call")
        def _():
            before = Handler.requests
            p = call(env_extra={"SSL_CERT_FILE": os.path.join(folder, "missing.pem")})
            assert p.returncode == 1, (p.returncode, p.stderr)
            error = json.loads(p.stdout)["error"]
            assert error["type"] == "ConnectionError" and error["kind"] == "tls", error
            assert Handler.requests == before, Handler.requests

        server.shutdown()
    cases.finish()


if __name__ == "__main__":
    main()

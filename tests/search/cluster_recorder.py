"""A local HTTP endpoint that records what the real Elasticsearch/OpenSearch clients send.

No cluster can run in the tests, so the backends talk to this server on 127.0.0.1: the real
client serialises each request (JSON, NDJSON for bulk, headers), the server keeps it and answers
the smallest valid response (acknowledged, no hits), so what is compared with the fixtures under
``tests/fixtures/search-es/`` is exactly what would reach a cluster.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body) if self.body else None

    def ndjson(self) -> list:
        return [json.loads(line) for line in self.body.decode().splitlines() if line.strip()]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        record = Recorded(self.command, parts.path, parts.query, {k.lower(): v for k, v in self.headers.items()}, body)
        self.server.recorded.append(record)
        status, payload = _response(record)
        data = b"" if self.command == "HEAD" else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer


def _response(record: Recorded) -> tuple[int, dict]:
    path = record.path
    if path.endswith("/_bulk"):
        items = [line for line in record.ndjson() if "index" in line]
        return 200, {
            "took": 1,
            "errors": False,
            "items": [{"index": {**line["index"], "status": 201, "result": "created"}} for line in items],
        }
    if path.endswith("/_search") or "/_search/scroll" in path:
        return 200, {"took": 1, "timed_out": False, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}}
    if path.endswith("/_count"):
        return 200, {"count": 0}
    if record.method == "HEAD" or path.startswith("/_alias"):
        return 404, {"error": "not found", "status": 404}
    if record.method in {"PUT", "POST", "DELETE"}:
        return 200, {"acknowledged": True}
    return 200, {"version": {"number": "9.0.0"}, "tagline": "You Know, for Search"}


class ClusterRecorder:
    """``with ClusterRecorder() as cluster:`` → ``cluster.url`` (http://127.0.0.1:port), ``cluster.recorded``."""

    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.recorded = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def recorded(self) -> list[Recorded]:
        return self.server.recorded

    def clear(self) -> None:
        self.server.recorded.clear()

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

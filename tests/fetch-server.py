#!/usr/bin/env python3
"""fetch-server.py PORT: a slow HTTP server for newsfetch's tests.

Every GET waits 0.3 s before answering a small HTML page, so requests that
newsfetch runs at once overlap. The server counts the requests in flight
per Host header and overall; GET /stats answers the highest counts seen, as
"host=N ... total=N" (and does not count itself).
"""
import http.server
import sys
import threading
import time

lock = threading.Lock()
now = {}
peak = {}


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/stats":
            with lock:
                body = " ".join("%s=%d" % kv for kv in sorted(peak.items()))
            return self.answer(body.encode(), "text/plain")
        host = self.headers.get("Host", "").split(":")[0]
        with lock:
            for k in (host, "total"):
                now[k] = now.get(k, 0) + 1
                peak[k] = max(peak.get(k, 0), now[k])
        time.sleep(0.3)
        with lock:
            for k in (host, "total"):
                now[k] -= 1
        self.answer(b"<html><body><p>slow page %s</p></body></html>\n"
                    % self.path.encode(), "text/html")

    def answer(self, body, ctype):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()

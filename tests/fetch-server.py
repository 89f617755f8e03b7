#!/usr/bin/env python3
"""fetch-server.py PORT [--log FILE] [--robots FILE|CODE] [--slow SECONDS]:
a fault server for newsfetch's tests.

Any path not listed below waits --slow seconds (default 0.3) before
answering a small HTML page, so requests that newsfetch runs at once
overlap. The server counts the requests in flight per Host header and
overall; GET /stats answers the highest counts seen, as
"host=N ... total=N" (and does not count itself). With --log, every
request is logged when it ends as "START END HOST PATH STATUS" (times in
seconds since the epoch, HOST with its port), so a test can prove from
the server's side how many requests overlapped.

/robots.txt answers the file given with --robots, or the HTTP status given
there (404, 503), or 404 without --robots. The faults:

  /stall        headers, a few bytes, then silence for 60 s
  /reset        the connection reset before any answer
  /truncated    Content-Length 5000, 100 bytes sent, connection closed
  /retry-after  429 with Retry-After: 2 the first time, then a page
  /unavailable  503 with Retry-After: 1 the first time, then a page
  /endless      a chunked body that never ends
  /latin1-wrong a Latin-1 page labelled charset=utf-8
  /latin1-none  a Latin-1 page without any charset (header or meta)
  /feed-bad     application/rss+xml that is not well-formed
  /feed-empty   application/rss+xml, empty body
  /feed-slow    an RSS feed of 6 items on this server (/slow-item-N)
"""
import http.server
import socket
import struct
import sys
import threading
import time

lock = threading.Lock()
now = {}
peak = {}
seen = {}
args = {"log": None, "robots": None, "slow": 0.3}
logf = None

LATIN1 = ("<html><head><title>Caf\xe9 na \xe1rvore</title></head><body>"
          "<p>Gr\xfc\xdfe aus M\xfcnchen: caf\xe9, cr\xe8me br\xfbl\xe9e "
          "und Stra\xdfenbahn.</p></body></html>\n").encode("latin-1")


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def first_time(self):
        with lock:
            n = seen.get(self.path, 0)
            seen[self.path] = n + 1
        return n == 0

    def do_GET(self):
        t0 = time.time()
        self.status = 0
        host = self.headers.get("Host", "")
        key = host.split(":")[0]
        if self.path != "/stats":
            with lock:
                for k in (key, "total"):
                    now[k] = now.get(k, 0) + 1
                    peak[k] = max(peak.get(k, 0), now[k])
        try:
            self.route()
        finally:
            if self.path != "/stats":
                with lock:
                    for k in (key, "total"):
                        now[k] -= 1
                    if logf:
                        logf.write("%.6f %.6f %s %s %d\n" % (t0, time.time(), host,
                                                               self.path, self.status))
                        logf.flush()

    def route(self):
        p = self.path
        if p == "/stats":
            with lock:
                body = " ".join("%s=%d" % kv for kv in sorted(peak.items()))
            return self.answer(body.encode(), "text/plain")
        if p == "/robots.txt":
            r = args["robots"]
            if r is None or r.isdigit():
                return self.answer(b"no robots here\n", "text/plain",
                                   int(r) if r else 404)
            with open(r, "rb") as f:
                return self.answer(f.read(), "text/plain")
        if p == "/stall":
            self.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b"<html>")
            self.wfile.flush()
            time.sleep(60)
            return
        if p == "/reset":
            self.status = -1
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if p == "/truncated":
            self.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * 88)
            self.wfile.flush()
            self.close_connection = True
            return
        if p == "/retry-after" and self.first_time():
            return self.answer(b"slow down\n", "text/plain", 429, {"Retry-After": "2"})
        if p == "/unavailable" and self.first_time():
            return self.answer(b"later\n", "text/plain", 503, {"Retry-After": "1"})
        if p == "/endless":
            self.status = 200
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"more " * 2000 + b"</p>\n"
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
            self.close_connection = True
            return
        if p == "/latin1-wrong":
            return self.answer(LATIN1, "text/html; charset=utf-8")
        if p == "/latin1-none":
            return self.answer(LATIN1, "text/html")
        if p == "/feed-bad":
            return self.answer(b"<?xml version='1.0'?><rss version='2.0'><channel>"
                               b"<item><title>unclosed</item></channel>",
                               "application/rss+xml")
        if p == "/feed-empty":
            return self.answer(b"", "application/rss+xml")
        if p == "/feed-slow":
            items = "".join("<item><title>Item %d</title><link>/slow-item-%d</link>"
                            "</item>" % (i, i) for i in range(1, 7))
            return self.answer(("<?xml version='1.0'?><rss version='2.0'><channel>"
                                "<title>slow</title>%s</channel></rss>" % items).encode(),
                               "application/rss+xml")
        time.sleep(args["slow"])
        self.answer(b"<html><head><title>Slow page</title></head><body>"
                    b"<p>slow page %s</p></body></html>\n" % p.encode(), "text/html")

    def answer(self, body, ctype, status=200, extra=None):
        self.status = status
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        pass    # a client that hung up (timeouts, SIGKILL) is expected here


def main():
    global logf
    a = sys.argv[1:]
    port = int(a.pop(0))
    while a:
        k = a.pop(0)
        if k in ("--log", "--robots", "--slow"):
            args[k[2:]] = a.pop(0)
        else:
            sys.exit("fetch-server.py: unknown argument " + k)
    args["slow"] = float(args["slow"])
    if args["log"]:
        logf = open(args["log"], "a")
    Server(("127.0.0.1", port), Handler).serve_forever()


main()

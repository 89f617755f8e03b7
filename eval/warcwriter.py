"""A small WARC 1.1 writer (ISO 28500), so that newsclean reads a whole
evaluation set in one run, the way it reads newsfetch's or Common Crawl's
output.

Pages are written as `response` records whose block is an HTTP/1.1 200
response with the page bytes unchanged (no charset is added: the page's
own <meta> or BOM has to be found, as on the web). Record ids are derived
from the URL so the file is reproducible.
"""

import base64
import hashlib
import uuid

WARC_DATE = "2026-01-01T00:00:00Z"


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record(rtype, block, target=None, extra=(), content_type=None,
           record_id=None, date=WARC_DATE):
    """Bytes of one WARC/1.1 record."""
    rid = record_id or "<urn:uuid:%s>" % uuid.uuid5(
        uuid.NAMESPACE_URL, "%s %s %d" % (rtype, target or "",
                                           len(block)))
    h = ["WARC/1.1", "WARC-Type: " + rtype, "WARC-Record-ID: " + rid,
         "WARC-Date: " + date]
    if target:
        h.append("WARC-Target-URI: " + target)
    if content_type:
        h.append("Content-Type: " + content_type)
    h.extend("%s: %s" % kv for kv in extra)
    h.append("WARC-Block-Digest: " + digest(block))
    h.append("Content-Length: %d" % len(block))
    head = ("\r\n".join(h) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def warcinfo(software="newsfilters eval/warcwriter.py"):
    body = ("software: %s\r\nformat: WARC File Format 1.1\r\n"
            % software).encode()
    return record("warcinfo", body, content_type="application/warc-fields",
                  record_id="<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL,
                                                         "warcinfo"))


def http_response(body, content_type="text/html", status=200, reason="OK"):
    head = ("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            "\r\n" % (status, reason, content_type, len(body))).encode("ascii")
    return head + body


def response(url, body, content_type="text/html"):
    """A response record for page bytes `body` fetched from `url`."""
    return record("response", http_response(body, content_type),
                  target=url,
                  content_type="application/http;msgtype=response",
                  extra=[("WARC-Payload-Digest", digest(body))])


def resource(url, body, content_type="text/html"):
    """A resource record (the page bytes without HTTP headers)."""
    return record("resource", body, target=url, content_type=content_type)


def build(pages):
    """A whole WARC file: warcinfo, then one response record per
    (url, bytes) in pages."""
    return warcinfo() + b"".join(response(u, b) for u, b in pages)


def write(f, pages):
    """The same as build(), written to binary file f one record at a time
    (pages may be a generator, so a large set is never all in memory)."""
    f.write(warcinfo())
    for u, b in pages:
        f.write(response(u, b))

#!/usr/bin/env python3
"""warccheck.py: validate a WARC 1.0/1.1 file and list its records.

usage: warccheck.py [--members] [--json] FILE|-

Checks every record: the version line, header fields ending in a blank
line, the mandatory fields (WARC-Record-ID, WARC-Date, WARC-Type,
Content-Length), a block of exactly Content-Length bytes followed by
CRLF CRLF, WARC-Block-Digest and (for HTTP responses) WARC-Payload-Digest
when present (sha1, base32), unique record ids, that every
WARC-Concurrent-To names a record of the file, and that a metadata
record's names the response of the same URI. Gzip input (the whole file
or one member per record) is read transparently; --members also requires
that each gzip member holds exactly one whole record.

--json prints one JSON object a record: {"type", "uri", "id", "fields",
"http_status", "http_headers", "payload_len", "block" (for warc-fields
and metadata records)}.

Exit status 0 if the file is valid, 1 with a message per problem if not,
2 on usage errors. Used by the newsfetch tests and later stage tests.
"""
import base64
import hashlib
import json
import sys
import zlib


def members(data):
    """Split gzip data into decompressed members."""
    out = []
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(data)
            chunk += d.flush()
        except zlib.error as e:
            raise ValueError("bad gzip member %d: %s" % (len(out) + 1, e))
        if not d.eof:
            raise ValueError("truncated gzip member %d" % (len(out) + 1))
        out.append(chunk)
        data = d.unused_data
    return out


def sha1_b32(b):
    return "sha1:" + base64.b32encode(hashlib.sha1(b).digest()).decode()


def parse_http(block):
    end = block.find(b"\r\n\r\n")
    if end < 0:
        return None
    head = block[:end].decode("latin-1").split("\r\n")
    parts = head[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        return None
    headers = []
    for line in head[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers.append([k.strip(), v.strip()])
    status = int(parts[1]) if parts[1].isdigit() else None
    return status, headers, block[end + 4:]


def check(data, errs, want_members=False):
    records = []
    if data[:2] == b"\x1f\x8b":
        try:
            ms = members(data)
        except ValueError as e:
            errs.append(str(e))
            return records
        if want_members:
            for i, m in enumerate(ms):
                if not m.startswith(b"WARC/1."):
                    errs.append("gzip member %d does not start a record" % (i + 1))
                else:
                    sub = []
                    recs = parse(m, sub)
                    if len(recs) != 1 or sub:
                        errs.append("gzip member %d holds %d records%s"
                                    % (i + 1, len(recs), (": " + sub[0]) if sub else ""))
        data = b"".join(ms)
    elif want_members:
        errs.append("not gzip")
    records = parse(data, errs)
    ids = {}
    for r in records:
        rid = r["id"]
        if rid in ids:
            errs.append("record %d: duplicate WARC-Record-ID %s" % (r["num"], rid))
        ids[rid] = r
    for r in records:
        for k, v in r["fields"]:
            if k.lower() == "warc-concurrent-to" and v not in ids:
                errs.append("record %d: WARC-Concurrent-To %s names no record"
                            % (r["num"], v))
            elif (k.lower() == "warc-concurrent-to" and r["type"] == "metadata"
                  and (ids[v]["type"] != "response" or ids[v]["uri"] != r["uri"])):
                errs.append("record %d: metadata WARC-Concurrent-To %s is not the "
                            "response of %s" % (r["num"], v, r["uri"]))
    return records


def parse(data, errs):
    records = []
    pos = 0
    n = 0
    while pos < len(data):
        n += 1
        if not data.startswith(b"WARC/1.", pos):
            errs.append("record %d at %d: no WARC/1.x version line" % (n, pos))
            return records
        hend = data.find(b"\r\n\r\n", pos)
        if hend < 0:
            errs.append("record %d: header not terminated" % n)
            return records
        lines = data[pos:hend].decode("utf-8", "replace").split("\r\n")
        fields = []
        for line in lines[1:]:
            if ":" not in line:
                errs.append("record %d: bad header line %r" % (n, line[:80]))
                continue
            k, v = line.split(":", 1)
            fields.append((k.strip(), v.strip()))
        f = {k.lower(): v for k, v in fields}
        for need in ("warc-record-id", "warc-date", "warc-type", "content-length"):
            if need not in f:
                errs.append("record %d: no %s" % (n, need))
        try:
            clen = int(f.get("content-length", "x"))
        except ValueError:
            errs.append("record %d: bad Content-Length" % n)
            return records
        bstart = hend + 4
        block = data[bstart:bstart + clen]
        if len(block) != clen:
            errs.append("record %d: block truncated (%d of %d bytes)" % (n, len(block), clen))
            return records
        if data[bstart + clen:bstart + clen + 4] != b"\r\n\r\n":
            errs.append("record %d: block not followed by CRLF CRLF "
                        "(Content-Length wrong?)" % n)
            return records
        pos = bstart + clen + 4
        if "warc-block-digest" in f and f["warc-block-digest"] != sha1_b32(block):
            errs.append("record %d: WARC-Block-Digest mismatch" % n)
        rec = {"num": n, "type": f.get("warc-type", ""), "uri": f.get("warc-target-uri"),
               "id": f.get("warc-record-id"), "fields": fields}
        ct = f.get("content-type", "")
        if ct.startswith("application/http") and "msgtype=request" in ct:
            line = block.split(b"\r\n", 1)[0].split(b" ")
            if (len(line) != 3 or not line[2].startswith(b"HTTP/")
                    or block.find(b"\r\n\r\n") < 0):
                errs.append("record %d: block is not an HTTP request" % n)
        elif ct.startswith("application/http"):
            h = parse_http(block)
            if h is None:
                errs.append("record %d: block is not an HTTP response" % n)
            else:
                status, headers, payload = h
                rec["http_status"] = status
                rec["http_headers"] = headers
                rec["payload_len"] = len(payload)
                if "warc-payload-digest" in f and f["warc-payload-digest"] != sha1_b32(payload):
                    errs.append("record %d: WARC-Payload-Digest mismatch" % n)
                cl = [v for k, v in headers if k.lower() == "content-length"]
                if cl and cl[-1].isdigit() and int(cl[-1]) != len(payload):
                    errs.append("record %d: HTTP Content-Length %s but payload %d bytes"
                                % (n, cl[-1], len(payload)))
        elif ct.startswith("application/warc-fields"):
            rec["block"] = block.decode("utf-8", "replace")
        records.append(rec)
    return records


def main(argv):
    want_members = False
    as_json = False
    args = []
    for a in argv[1:]:
        if a == "--members":
            want_members = True
        elif a == "--json":
            as_json = True
        elif a.startswith("--") or len(args) > 0:
            sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
            return 2
        else:
            args.append(a)
    if not args:
        sys.stderr.write("usage: warccheck.py [--members] [--json] FILE|-\n")
        return 2
    data = sys.stdin.buffer.read() if args[0] == "-" else open(args[0], "rb").read()
    errs = []
    records = check(data, errs, want_members)
    if not records and not errs:
        errs.append("no records")
    if as_json:
        for r in records:
            r = dict(r)
            r["fields"] = [list(x) for x in r["fields"]]
            print(json.dumps(r, ensure_ascii=False))
    for e in errs:
        sys.stderr.write("warccheck: %s\n" % e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

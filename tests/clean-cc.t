#!/bin/bash
# newsclean on a WARC laid out the way Common Crawl writes CC-NEWS and
# CC-MAIN files: one gzip member a record; a warcinfo record with
# Common Crawl's fields; for each capture a request, a response (HTTP
# headers as received, X-Crawler-* headers, WARC-Identified-Payload-Type,
# WARC-Warcinfo-ID, WARC-IP-Address, digests) and a metadata record
# (fetchTimeMs, charset-detected, languages-cld2) tied to the response by
# WARC-Concurrent-To; a redirect; a PDF served as text/html; a page
# served as application/octet-stream that only WARC-Identified-Payload-Type names as
# HTML; a revisit record.
. "$(dirname "$0")/lib.sh"

C=$TOP/tests/data/clean
D=$T_TMP

python3 - "$D" "$C" <<'PY'
import gzip, os, sys, uuid
d, c = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.environ["TOP"], "eval"))
import warcwriter
n = [0]
info_id = "<urn:uuid:%s>" % uuid.UUID(int=999)
def rid():
    n[0] += 1
    return "<urn:uuid:%s>" % uuid.UUID(int=n[0])
recs = []
recs.append(warcwriter.record("warcinfo",
    b"isPartOf: CC-NEWS\r\npublisher: Common Crawl\r\ndescription: Wide crawl of news sites\r\n"
    b"operator: Common Crawl Admin (info@commoncrawl.org)\r\nhostname: ip-10-0-1-2.ec2.internal\r\n"
    b"software: StormCrawler 2.8 https://stormcrawler.net/\r\nrobots: checked via crawler-commons 1.4\r\n"
    b"format: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
    content_type="application/warc-fields", record_id=info_id, date="2025-11-22T04:00:00Z",
    extra=[("WARC-Filename", "CC-NEWS-20251122040000-00001.warc.gz")]))
def capture(url, status, reason, headers, body, ident, date, meta=True):
    req = ("GET %s HTTP/1.1\r\nUser-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n"
           "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.8\r\nAccept-Encoding: br,gzip\r\n"
           "Host: %s\r\nConnection: Keep-Alive\r\n\r\n" % (url.split("/", 3)[3:] and "/" + url.split("/", 3)[3] or "/",
                                                          url.split("/")[2])).encode()
    q = rid()
    recs.append(warcwriter.record("request", req, target=url, record_id=q, date=date,
        content_type="application/http; msgtype=request",
        extra=[("WARC-Warcinfo-ID", info_id), ("WARC-IP-Address", "203.0.113.7")]))
    head = "HTTP/1.1 %d %s\r\n" % (status, reason) + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    r = rid()
    extra = [("WARC-Warcinfo-ID", info_id), ("WARC-Concurrent-To", q), ("WARC-IP-Address", "203.0.113.7"),
             ("WARC-Payload-Digest", warcwriter.digest(body))]
    if ident:
        extra.append(("WARC-Identified-Payload-Type", ident))
    recs.append(warcwriter.record("response", head.encode() + body, target=url, record_id=r, date=date,
        content_type="application/http; msgtype=response", extra=extra))
    if meta:
        recs.append(warcwriter.record("metadata",
            b"fetchTimeMs: 412\r\ncharset-detected: UTF-8\r\n"
            b'languages-cld2: {"reliable":true,"text-bytes":2210,"languages":[{"code":"en","code-iso-639-3":"eng","text-covered":0.99,"score":1023.0,"name":"ENGLISH"}]}\r\n',
            target=url, record_id=rid(), date=date, content_type="application/warc-fields",
            extra=[("WARC-Warcinfo-ID", info_id), ("WARC-Concurrent-To", r)]))
    return r
wp = open(c + "/wordpress.html", "rb").read()
dq = open(c + "/disqus.html", "rb").read()
hdr = lambda ct, n: [("Date", "Sat, 22 Nov 2025 04:01:00 GMT"), ("Server", "nginx")] + \
    ([("Content-Type", ct)] if ct else []) + \
    [("X-Crawler-Content-Encoding", "gzip"), ("X-Crawler-Content-Length", "5120"), ("Content-Length", str(n))]
first = capture("https://millbrook-gazette.example.org/2025/11/20/allotment-water-tanks-approved/", 200, "OK",
                hdr("text/html; charset=UTF-8", len(wp)), wp, "text/html", "2025-11-22T04:01:00Z")
capture("https://coastline-courier.example.com/s/40417", 301, "Moved Permanently",
        [("Location", "https://coastline-courier.example.com/news/2025/11/gull-point-field-station"), ("Content-Length", "0")],
        b"", None, "2025-11-22T04:02:00Z", meta=False)
pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
capture("https://coastline-courier.example.com/files/annual-report.pdf", 200, "OK",
        hdr("text/html", len(pdf)), pdf, "application/pdf", "2025-11-22T04:03:00Z")
capture("https://coastline-courier.example.com/news/2025/11/gull-point-field-station", 200, "OK",
        hdr("application/octet-stream", len(dq)), dq, "text/html", "2025-11-22T04:04:00Z")
recs.append(warcwriter.record("revisit", b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
    target="https://millbrook-gazette.example.org/2025/11/20/allotment-water-tanks-approved/",
    record_id=rid(), date="2025-11-22T05:01:00Z", content_type="application/http; msgtype=response",
    extra=[("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
           ("WARC-Refers-To", first), ("WARC-Payload-Digest", warcwriter.digest(wp))]))
open(d + "/cc.warc.gz", "wb").write(b"".join(gzip.compress(r) for r in recs))
PY

st=$(status newsclean "$D/cc.warc.gz")
is "$st" 0 "Common Crawl WARC: exit 0 (the skips are notes)"
cp "$D/out" "$D/cc.jsonl"
cp "$D/err" "$D/cc.err"
is "$(wc -l <"$D/cc.jsonl" | tr -d ' ')" 2 "two documents: the two HTML captures"
like "$(cat "$D/cc.err")" "record 6 \(https://coastline-courier.example.com/s/40417\): HTTP status 301, skipped" \
    "the redirect is skipped, named"
like "$(cat "$D/cc.err")" "record 8 \(https://coastline-courier.example.com/files/annual-report.pdf\): not HTML \(application/pdf\), skipped" \
    "a PDF served as text/html: WARC-Identified-Payload-Type wins, skipped, named"
is "$(grep -c . "$D/cc.err")" 2 "nothing else on stderr (warcinfo, request, metadata, revisit pass silently)"
python3 - "$D/cc.jsonl" <<'PY' >"$D/check.txt" 2>&1
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
def want(cond, what):
    print(("ok " if cond else "FAIL ") + what + ("" if cond else " -- " + repr((a, b))[:300]))
want(a["url"] == "https://millbrook-gazette.example.org/2025/11/20/allotment-water-tanks-approved/", "first: url")
want(a["fetched"] == "2025-11-22T04:01:00Z", "first: fetched is the response's WARC-Date")
want(a["title"] == "Allotment water tanks approved after two-year wait", "first: title from the page, not from Common Crawl's metadata record")
want("Plot holders at the Station Road allotments" in a["text"], "first: text")
want(b["url"] == "https://coastline-courier.example.com/news/2025/11/gull-point-field-station", "second: url")
want("Gull Point lighthouse" in b["text"], "second: served as application/octet-stream, HTML by WARC-Identified-Payload-Type")
want(b["fetched"] == "2025-11-22T04:04:00Z", "second: fetched")
want(b["language"] == "en", "second: language")
PY
is "$(wc -l <"$D/check.txt" | tr -d ' ')" 8 "all 8 field checks ran"
while read -r res what; do
	ok $([ "$res" = ok ] && echo 0 || echo 1) "$what"
done <"$D/check.txt"

newsclean < "$D/cc.warc.gz" >"$D/stdin.jsonl" 2>/dev/null
cmp -s "$D/cc.jsonl" "$D/stdin.jsonl"
ok $? "the same from stdin"

done_testing

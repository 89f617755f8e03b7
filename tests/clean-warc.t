#!/bin/bash
# newsclean on WARC input: plain, one gzip member a record, and a gzip of
# the whole file; response records as HTTP messages (Common Crawl's
# layout) and resource records; feed metadata records tied to their
# response by WARC-Concurrent-To; non-2xx and non-HTML responses skipped
# with a note; the HTTP charset; a truncated file; an oversized record.
. "$(dirname "$0")/lib.sh"

C=$TOP/tests/data/clean
D=$T_TMP

python3 - "$D" "$C" <<'PY'
import gzip, os, sys, uuid
d, c = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.environ["TOP"], "eval"))
import warcwriter
n = [0]
def rec(typ, uri, block, ctype, extra=()):
    n[0] += 1
    i = "<urn:uuid:%s>" % uuid.UUID(int=n[0])
    return i, warcwriter.record(typ, block, target=uri, extra=extra, content_type=ctype,
                                record_id=i, date="2025-11-22T10:%02d:00Z" % n[0])
def http(status, ctype, body, reason="OK"):
    return warcwriter.http_response(body, ctype, status, reason)
RESP = "application/http; msgtype=response"
bare = (b"<html><body><div class=story><p>The harbour master confirmed on Saturday that the breakwater "
        b"repairs are finished, two weeks ahead of the schedule agreed with the council.</p>"
        b"<p>Fishing boats can use the inner basin again from Monday morning, she said.</p></div></body></html>")
recs = []
_, r = rec("warcinfo", None, b"software: test\r\n", "application/warc-fields"); recs.append(r)
_, r = rec("request", "https://harbour.example.com/news/breakwater", b"GET /news/breakwater HTTP/1.1\r\nHost: harbour.example.com\r\n\r\n",
           "application/http; msgtype=request"); recs.append(r)
i1, r = rec("response", "https://harbour.example.com/news/breakwater", http(200, "text/html; charset=utf-8", bare), RESP); recs.append(r)
meta = ("feed-url: https://harbour.example.com/feed.xml\r\nitem-title: Breakwater repairs finished early\r\n"
        "item-published: Sat, 22 Nov 2025 08:00:00 +0000\r\nitem-author: Ines Duarte\r\n"
        "item-description: The breakwater is ready two weeks early.\r\n").encode()
_, r = rec("metadata", "https://harbour.example.com/news/breakwater", meta, "application/warc-fields",
           [("WARC-Concurrent-To", i1)]); recs.append(r)
_, r = rec("response", "https://harbour.example.com/missing", http(404, "text/html", b"<html><body><p>Not found, sorry, the page you asked for is gone for good.</p></body></html>", "Not Found"), RESP); recs.append(r)
png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
_, r = rec("response", "https://harbour.example.com/logo.png", http(200, "image/png", png), RESP); recs.append(r)
koi = open(c + "/koi8r-nometa.html", "rb").read()
_, r = rec("response", "https://vesti.example.ru/paromy", http(200, "text/html; charset=KOI8-R", koi), RESP); recs.append(r)
wp = open(c + "/wordpress.html", "rb").read()
_, r = rec("resource", "file:///srv/pages/allotments.html", wp, "text/html"); recs.append(r)
# metadata naming some other record: ignored
_, r = rec("metadata", "https://elsewhere.example.com/", b"item-title: Not this one\r\n", "application/warc-fields",
           [("WARC-Concurrent-To", "<urn:uuid:00000000-0000-0000-0000-00000000ffff>")]); recs.append(r)
open(d + "/t.warc", "wb").write(b"".join(recs))
open(d + "/t.warc.gz", "wb").write(b"".join(gzip.compress(x) for x in recs))
open(d + "/whole.warc.gz", "wb").write(gzip.compress(b"".join(recs)))
# cut in the middle of the KOI8-R response (record 7)
w = b"".join(recs)
cut = w.index(b"vesti.example.ru") + 400
open(d + "/trunc.warc", "wb").write(w[:cut])
PY

check() {	# check FILE LABEL
	_f=$1; _l=$2
	st=$(status newsclean "$_f")
	is "$st" 0 "$_l: exit 0 (skips are notes, not failures)"
	cp "$D/out" "$D/$_l.jsonl"
	is "$(wc -l <"$D/out" | tr -d ' ')" 3 "$_l: three documents"
	like "$(cat "$D/err")" "record 5 \(https://harbour.example.com/missing\): HTTP status 404, skipped" "$_l: 404 skipped, named"
	like "$(cat "$D/err")" "record 6 \(https://harbour.example.com/logo.png\): not HTML \(image/png\), skipped" "$_l: image/png skipped, named"
	! grep -q "record [1249]" "$D/err"
	ok $? "$_l: warcinfo, request and metadata records pass silently"
	python3 - "$D/out" <<'PY' >"$D/check.txt" 2>&1
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
a, b, c = docs
def want(cond, what):
    print(("ok " if cond else "FAIL ") + what + ("" if cond else " -- " + repr(docs)[:400]))
want(a["url"] == "https://harbour.example.com/news/breakwater", "url is WARC-Target-URI")
want(a["source_domain"] == "harbour.example.com", "source_domain")
want(a["fetched"] == "2025-11-22T10:03:00Z", "fetched is WARC-Date")
want(a["title"] == "Breakwater repairs finished early", "title from the feed metadata")
want(a["date"] == "2025-11-22T08:00:00Z", "RFC 822 date from the feed, normalised")
want(a["authors"] == ["Ines Duarte"], "author from the feed")
want(a["description"] == "The breakwater is ready two weeks early.", "description from the feed")
want("two weeks ahead of the schedule" in a["text"], "text of the response")
want(b["url"] == "https://vesti.example.ru/paromy", "second document is the KOI8-R page")
want("Паромы будут ходить каждые двадцать минут" in b["text"], "charset from the HTTP header (KOI8-R)")
want(b["language"] == "ru", "language of the KOI8-R page")
want(c["url"] == "file:///srv/pages/allotments.html", "resource record: url is its target")
want("Plot holders at the Station Road allotments" in c["text"], "resource record text")
want(c["title"] != "Not this one", "metadata for another record not applied")
PY
	is "$(wc -l <"$D/check.txt" | tr -d ' ')" 14 "$_l: all 14 field checks ran"
	while read -r res what; do
		ok $([ "$res" = ok ] && echo 0 || echo 1) "$_l: $what"
	done <"$D/check.txt"
}
check "$D/t.warc" plain
check "$D/t.warc.gz" per-record-gzip
check "$D/whole.warc.gz" whole-gzip
cmp -s "$D/plain.jsonl" "$D/per-record-gzip.jsonl"
ok $? "plain and gzipped WARC give the same output"

newsclean < "$D/t.warc.gz" >"$D/stdin.jsonl" 2>/dev/null
cmp -s "$D/plain.jsonl" "$D/stdin.jsonl"
ok $? "WARC on stdin: same output"

newsclean -t "$D/t.warc" >"$D/plain.txt" 2>/dev/null
is "$(grep -c '^$' "$D/plain.txt")" 2 "-t on a WARC: documents separated by blank lines"

st=$(status newsclean "$D/trunc.warc")
is "$st" 1 "truncated WARC: exit 1"
is "$(wc -l <"$D/out" | tr -d ' ')" 1 "truncated WARC: the complete document before the cut is kept"
like "$(cat "$D/err")" "record 7" "truncated WARC: the cut record is named"

# A record over --max-record is reported and skipped; the others are kept.
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
w = open(d + "/t.warc", "rb").read()
body = b"<html><body><p>" + b"filler words, " * 300000 + b"</p></body></html>"
blk = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
big = (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:99999999-0000-4000-8000-000000000000>\r\n"
       b"WARC-Date: 2025-11-22T11:00:00Z\r\nWARC-Target-URI: https://big.example.com/\r\n"
       b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(blk)) + blk + b"\r\n\r\n"
open(d + "/big.warc", "wb").write(big + w)
PY
st=$(status newsclean --max-record 1M "$D/big.warc")
is "$st" 1 "oversized record: exit 1"
like "$(cat "$D/err")" "record 1" "oversized record: named"
is "$(wc -l <"$D/out" | tr -d ' ')" 3 "oversized record: the three documents after it kept"

done_testing

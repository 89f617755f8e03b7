#!/bin/bash
# newsfetch against a real nginx on 127.0.0.1 serving tests/data/fetch.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fetchlib.sh"

DATA=$TOP/tests/data/fetch
fetch_www "$DATA"
# A page bigger than the --max-size used below.
python3 -c 'import sys; sys.stdout.write("<html><body>" + "<p>filler text</p>\n" * 20000 + "</body></html>\n")' >"$WWW/big.html"
cp "$WWW/news.rss" "$WWW/news-copy.rss"

nginx_start "$WWW" '
	gzip on; gzip_min_length 0; gzip_types text/html application/rss+xml;
	location = /old { return 301 /page.html; }
	location = /loop { return 302 /loop; }
	location = /flaky { return 503; }
	location = /busy { add_header Retry-After 2 always; return 429; }
	location = /to-file { return 302 file:///etc/passwd; }'
sed -i "s|@BASE@|$NGINX_URL|g" "$WWW/rdf.xml"
U=$NGINX_URL

# meta URL-SUBSTRING: block of the metadata record for that page.
meta() { q "map(select(.type==\"metadata\" and (.uri|contains(\"$1\"))))[0].block"; }

# --- feeds over HTTP: RSS 2.0, Atom 1.0, RSS 1.0 ---
fetch -v -j 4 "$U/news.rss" "$U/atom.xml" "$U/rdf.xml"
is "$RC" 0 "three feeds: exit 0"
[ "$RC" = 0 ] || diag "$(cat "$T_TMP/err")"
is "$CHECK_RC" 0 "three feeds: WARC valid (structure, lengths, digests)"
[ "$CHECK_RC" = 0 ] || diag "$(cat "$T_TMP/check.err")"
is "$(q '.[0].type')" warcinfo "warcinfo record first"
like "$(q '.[0].block')" 'software: newsfetch/[0-9.]+' "warcinfo names the software"
is "$(q 'map(select(.type=="response")) | length')" 9 "3 feeds + 6 items fetched"
is "$(q 'map(select(.type=="request")) | length')" 9 "one request record per response"
is "$(q 'map(select(.type=="response" and .http_status==200)) | length')" 9 "all responses 200"
is "$(q '(map(select(.type=="request")) | map(.id)) as $r | map(select(.type=="response")) | map(.fields | map(select(.[0]=="WARC-Concurrent-To")) | .[0][1] as $c | ($r | index($c)) != null) | all')" true \
	"each response is WARC-Concurrent-To its request"
is "$(q 'map(select(.type=="response")) | map(.fields | map(select(.[0]=="WARC-IP-Address")) | .[0][1]) | unique | join(",")')" 127.0.0.1 \
	"WARC-IP-Address on responses"
is "$(q 'map(select(.type=="response")) | map(.fields | map(select(.[0]=="WARC-Payload-Digest")) | length) | all(. == 1)')" true \
	"WARC-Payload-Digest on every response"
is "$(q 'map(select(.type=="metadata")) | length')" 6 "a metadata record per feed item"
is "$(q '(map(select(.type=="response")) | map({key: .id, value: .uri}) | from_entries) as $resp
	| map(select(.type=="metadata")) | map(. as $m | .fields | map(select(.[0]=="WARC-Concurrent-To")) | .[0][1] as $c | $resp[$c] == $m.uri) | all')" true \
	"metadata WARC-Concurrent-To is the response of the same page"
M=$(meta council-budget)
like "$M" "^feed-url: $U/news.rss" "metadata: feed-url"
like "$M" 'item-title: Council approves budget with new money for buses' "metadata: item-title"
like "$M" 'item-published: 2025-11-22T10:00:00Z' "metadata: RSS pubDate with +0100 converted to UTC"
like "$M" 'item-author: jane.miller@courier.example \(Jane Miller\)' "metadata: RSS author"
like "$M" 'item-description: The city council approved a budget of 412 million € & more\.[[:space:]]*$' \
	"metadata: description on one line, markup dropped, references decoded"
like "$(meta bridge-repairs)" 'item-author: Tom Okafor' "metadata: dc:creator, relative link resolved"
like "$(meta library-hours)" 'item-published: 2025-11-20T14:45:00Z' "RSS guid used as link; date without seconds"
like "$(meta harbour-festival)" 'item-title: Harbour festival draws record crowd' "Atom html title: markup dropped"
like "$(meta harbour-festival)" 'item-published: 2025-11-18T12:00:00Z' "Atom published preferred to updated"
like "$(meta harbour-festival)" "feed-url: $U/atom.xml" "Atom xml:base and relative href resolved"
like "$(meta cycling-lanes)" 'item-author: Courier staff' "Atom: feed author when the entry has none"
like "$(meta market-prices)" 'item-published: 2025-11-19' "RSS 1.0: dc:date"
like "$(meta market-prices)" 'item-author: Marek Novák' "RSS 1.0: dc:creator in UTF-8"
is "$(q 'map(select(.type=="response" and (.uri|contains("council-budget.html?utm_source=rss")))) | length')" 1 \
	"item fetched at the URL the feed gives"
like "$(grep -c 'newsfetch/[0-9.]* (+https://github.com/newsfilters)' "$NGINX_LOG")" '^(9|[1-9][0-9])$' \
	"honest User-Agent sent"
like "$(cat "$T_TMP/err")" 'has no link, skipped' "item without a link noted"
like "$(cat "$T_TMP/err")" 'mailto:news@courier.example: scheme not allowed' "mailto: item refused"
like "$(cat "$T_TMP/err")" 'newsfetch: 9 fetched, 0 not modified, 0 seen, 0 disallowed by robots.txt, 0 failed' "summary line with -v"
python3 - "$T_TMP/out.warc" <<'PY'
import sys
d = open(sys.argv[1], 'rb').read()
i = d.find(b'WARC-Type: request')
blk = d[d.find(b'\r\n\r\n', i) + 4:]
sys.exit(0 if blk.startswith(b'GET /') and b'\r\nHost: 127.0.0.1:' in blk[:500] else 1)
PY
ok $? "request record holds the HTTP request as sent"

# -A
fetch -A 'test-agent/1.0 (+mailto:x@example.com)' "$U/page.html"
is "$RC" 0 "-A: exit 0"
like "$(tail -1 "$NGINX_LOG")" 'test-agent/1.0 \(\+mailto:x@example.com\)' "-A sets the User-Agent"

# gzip encoding (nginx compresses and sends chunked): stored decoded.
fetch "$U/page.html"
like "$(grep -a -i '^Accept-Encoding:' "$T_TMP/out.warc")" 'gzip' "compressed transfer asked for"
is "$(q 'map(select(.type=="response"))[0].http_headers | map(.[0]|ascii_downcase) | map(select(.=="content-encoding" or .=="transfer-encoding")) | length')" 0 \
	"no Content-Encoding or Transfer-Encoding in the stored response"
is "$(q 'map(select(.type=="response"))[0].payload_len')" "$(wc -c <"$DATA/page.html")" "stored body is the decoded page"
is "$(q 'map(select(.type=="response"))[0].http_headers | map(select(.[0]=="Content-Length")) | .[0][1]')" \
	"$(wc -c <"$DATA/page.html")" "Content-Length set to the decoded length"

# --- JSON Feed ---
fetch "$U/feed.json" "$U/bad.json"
is "$RC" 1 "JSON Feed and a broken one: exit 1"
like "$(cat "$T_TMP/err")" "$U/bad.json: malformed feed \(not valid JSON\)" "broken JSON Feed reported"
is "$(q 'map(select(.type=="response")) | map(.uri) | sort | join(" ")')" \
	"$U/articles/bridge-repairs.html $U/articles/library-hours.html $U/bad.json $U/feed.json" \
	"JSON Feed items fetched (url, else external_url), both feeds written"
M=$(meta library-hours)
like "$M" "^feed-url: $U/feed.json" "JSON Feed: feed-url"
like "$M" 'item-published: 2025-11-20T14:45:00Z' "JSON Feed: date_published in UTC"
like "$M" 'item-author: Lina Berg, Ola Nordmann' "JSON Feed: authors"
like "$M" 'item-description: Open until 22:00 on weekdays\.' "JSON Feed: summary on one line"
like "$(meta bridge-repairs)" 'item-author: Courier desk' "JSON Feed: feed authors when the item has none"
like "$(meta bridge-repairs)" 'item-published: 2025-11-21T08:30:00Z' "JSON Feed: date_modified when no date_published"

# --- external entities are not expanded; Latin-1 feeds become UTF-8 ---
fetch "$U/xxe.rss"
is "$RC" 0 "feed with external entities: exit 0"
M=$(meta page.html)
like "$M" '^feed-url: .*/xxe.rss' "feed with external entities: item still read"
like "$M" 'item-title: Café[[:space:]]*$' "external entities not expanded"
like "$M" 'item-description: Straße in Latin-1: Müller' "Latin-1 feed converted to UTF-8"

# --- malformed and empty feeds ---
fetch "$U/bad.rss" "$U/empty.xml" "$U/page.html"
is "$RC" 1 "malformed and empty feed: exit 1"
like "$(cat "$T_TMP/err")" "$U/bad.rss: malformed feed" "malformed feed reported by URL"
like "$(cat "$T_TMP/err")" "$U/empty.xml: empty feed" "empty feed reported by URL"
is "$(q 'map(select(.type=="response")) | map(.uri) | sort | join(" ")')" \
	"$U/bad.rss $U/empty.xml $U/page.html" "malformed and empty feeds still written as responses"
is "$CHECK_RC" 0 "WARC valid"

# --- HTTP errors, dead host, refused scheme ---
fetch "$U/nope.html" "$U/page.html"
is "$RC" 1 "404: exit 1"
like "$(cat "$T_TMP/err")" "newsfetch: $U/nope.html: HTTP 404" "404 named with its reason"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$U/page.html" "other URLs still written"
like "$(cat "$T_TMP/err")" '0 not modified, 0 seen, 0 disallowed by robots.txt, 1 failed' "summary printed when something failed"

DEAD=$(free_port)
fetch --retries 0 "http://127.0.0.1:$DEAD/feed.xml" "$U/page.html"
is "$RC" 1 "dead host: exit 1"
like "$(cat "$T_TMP/err")" "127.0.0.1:$DEAD/feed.xml: couldn't connect" "dead host reported"
is "$(q 'map(select(.type=="response")) | length')" 1 "dead host: the other URL written"

SLOW=$(free_port)
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
time.sleep(120)' "$SLOW" &
echo $! >"$T_TMP/slow.pid"
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$SLOW) 2>/dev/null && break; sleep 0.1; done
fetch --timeout 1 --retries 0 "http://127.0.0.1:$SLOW/feed.xml" "$U/page.html"
is "$RC" 1 "server that never answers: exit 1"
like "$(cat "$T_TMP/err")" "127.0.0.1:$SLOW/feed.xml: timeout was reached" "timeout reported"
is "$(q 'map(select(.type=="response")) | length')" 1 "timeout: the other URL written"

fetch ftp://example.com/feed.xml gopher://example.com/ "$U/page.html"
is "$RC" 1 "ftp: exit 1"
like "$(cat "$T_TMP/err")" 'ftp://example.com/feed.xml: scheme not allowed' "ftp:// refused"
like "$(cat "$T_TMP/err")" 'gopher://example.com/: scheme not allowed' "gopher:// refused"
is "$(q 'map(select(.type=="response")) | length')" 1 "refused schemes: the other URL written"

fetch "$U/to-file"
is "$RC" 1 "redirect to file: refused"
is "$(q 'map(select(.type=="response")) | length')" 0 "redirect to file: nothing written"

# --- retries on 5xx ---
before=$(grep -c ' /flaky ' "$NGINX_LOG")
fetch --retries 1 "$U/flaky"
is "$RC" 1 "503: exit 1"
like "$(cat "$T_TMP/err")" "$U/flaky: HTTP 503" "503 reported after retries"
is "$(( $(grep -c ' /flaky ' "$NGINX_LOG") - before ))" 2 "503 retried once (--retries 1)"

before=$(grep -c ' /busy ' "$NGINX_LOG")
fetch --retries 1 "$U/busy"
like "$(cat "$T_TMP/err")" "$U/busy: HTTP 429" "429 reported after retries"
is "$(grep ' /busy ' "$NGINX_LOG" | tail -n +$((before + 1)) | awk 'NR == 1 { t = $1 } NR == 2 { print ($1 - t >= 1.9) ? "waited" : "early: " $1 - t }')" waited \
	"429: retried after the server's Retry-After"

# --- output that cannot be written ---
newsfetch --delay 0 -s "$T_TMP/full.state" "$U/news.rss" >/dev/full 2>"$T_TMP/err"
is "$?" 2 "disk full: exit 2"
like "$(cat "$T_TMP/err")" 'stdout: No space left on device' "disk full: said"
[ ! -e "$T_TMP/full.state" ]
ok $? "disk full: nothing remembered in the state file"

# --- redirects ---
fetch "$U/old"
is "$RC" 0 "redirect: exit 0"
is "$(q 'map(select(.type=="response")) | .[0].uri')" "$U/page.html" "WARC-Target-URI is the final URL"
is "$(q 'map(select(.type=="response")) | .[0].http_status')" 200 "only the last response is stored"
like "$(grep ' /old ' "$NGINX_LOG" | tail -1)" ' /old 301 ' "nginx answered 301"
fetch "$U/loop"
is "$RC" 1 "redirect loop: exit 1"
like "$(cat "$T_TMP/err")" "$U/loop: .*redirect" "redirect loop reported"

# --- body cap ---
fetch --max-size 100k "$U/big.html" "$U/page.html"
is "$RC" 1 "body cap: exit 1"
like "$(cat "$T_TMP/err")" "$U/big.html: body larger than 102400, skipped" "body cap reported"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$U/page.html" "body cap: big page not written, other written"
fetch --max-size 100k -A gzip-test "$U/big.html"
like "$(cat "$T_TMP/err")" "$U/big.html: body larger than 102400, skipped" "body cap on a chunked compressed response"
fetch --max-size 100k "file://$WWW/big.html"
like "$(cat "$T_TMP/err")" "big.html: body larger than 102400, skipped" "body cap on file: URLs"

# --- file: URLs and list files ---
(cd / && newsfetch "$DATA/local.txt") >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "list file with relative paths: exit 0 from another directory"
$CHECK --json "$T_TMP/out.warc" >"$T_TMP/rec"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" \
	"file://$DATA/atom.xml file://$DATA/blog/harbour-festival.html file://$DATA/blog/cycling-lanes.html file://$DATA/page.html" \
	"relative paths become file: URLs; the local feed's items fetched"
is "$(q 'map(select(.type=="request")) | length')" 0 "no request records for file: URLs"
is "$(q 'map(select(.type=="response" and (.uri|endswith("page.html"))))[0].http_headers | map(join(": ")) | join("|")')" \
	"Content-Type: text/html|Content-Length: $(wc -c <"$DATA/page.html")" "file: response synthesised with type and length"
is "$(q 'map(select(.type=="response")) | map(.fields | map(select(.[0]=="WARC-IP-Address")) | length) | add')" 0 \
	"no WARC-IP-Address for file: URLs"
printf 'page.html\n# comment\n\n  %s/atom.xml  \n' "$U" | (cd "$DATA" && newsfetch --delay 0 -) >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "list on stdin: exit 0"
$CHECK --json "$T_TMP/out.warc" >"$T_TMP/rec"
is "$(q 'map(select(.type=="response")) | map(.uri) | .[0:2] | join(" ")')" "file://$DATA/page.html $U/atom.xml" \
	"stdin list: paths relative to the current directory, URLs trimmed"
fetch "$DATA/page.html"
is "$(q 'map(select(.type=="response")) | .[0].uri')" "file://$DATA/page.html" "an HTML file argument is fetched as a document"
mkdir -p "$T_TMP/a dir"
cp "$DATA/page.html" "$T_TMP/a dir/p%1.html"
printf 'p%%1.html\n' >"$T_TMP/a dir/list"
fetch "$T_TMP/a dir/list"
is "$RC" 0 "path with space and percent: exit 0"
is "$(q 'map(select(.type=="response")) | .[0].uri')" "file://$(echo "$T_TMP" | sed 's/%/%25/g')/a%20dir/p%251.html" \
	"path percent-encoded in the file: URL"
fetch "file://$T_TMP/missing.html"
is "$RC" 1 "missing file: exit 1"
like "$(cat "$T_TMP/err")" "missing.html: No such file or directory" "missing file reported"

# --- gzip output ---
newsfetch --delay 0 -z "$U/news.rss" "$DATA/page.html" >"$T_TMP/out.warc.gz" 2>"$T_TMP/err"
is "$?" 0 "-z: exit 0"
$CHECK --members "$T_TMP/out.warc.gz" 2>"$T_TMP/check.err"
is "$?" 0 "-z: valid gzip, one record per member"
python3 -c '
import sys, zlib
d = open(sys.argv[1], "rb").read(); n = 0
while d:
    z = zlib.decompressobj(31); z.decompress(d); n += 1; d = z.unused_data
print(n)' "$T_TMP/out.warc.gz" >"$T_TMP/n"
is "$(cat "$T_TMP/n")" 13 "-z: 13 gzip members (warcinfo, feed 2, 3 items x 3, page)"

# --- the checker itself fails on corrupt WARCs ---
newsfetch --delay 0 "$U/page.html" >"$T_TMP/good.warc" 2>/dev/null
python3 -c '
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(b"Riverside"); d[i] ^= 0x20
open(sys.argv[2], "wb").write(d)' "$T_TMP/good.warc" "$T_TMP/bad.warc"
$CHECK "$T_TMP/bad.warc" 2>"$T_TMP/check.err"
is "$?" 1 "warccheck: a flipped byte fails"
like "$(cat "$T_TMP/check.err")" 'Digest mismatch' "warccheck: names the digest mismatch"
head -c $(( $(wc -c <"$T_TMP/good.warc") - 10 )) "$T_TMP/good.warc" >"$T_TMP/trunc.warc"
$CHECK "$T_TMP/trunc.warc" 2>"$T_TMP/check.err"
is "$?" 1 "warccheck: a truncated WARC fails"
sed 's/^Content-Length: \([0-9]*\)\r$/Content-Length: 1\1\r/' "$T_TMP/good.warc" >"$T_TMP/len.warc"
$CHECK "$T_TMP/len.warc" 2>/dev/null
is "$?" 1 "warccheck: a wrong Content-Length fails"
newsfetch --delay 0 -z "$U/page.html" 2>/dev/null | head -c 300 >"$T_TMP/trunc.warc.gz"
$CHECK "$T_TMP/trunc.warc.gz" 2>/dev/null
is "$?" 1 "warccheck: truncated gzip fails"
$CHECK --members "$T_TMP/good.warc" 2>/dev/null
is "$?" 1 "warccheck --members: plain WARC fails"

# --- state file: conditional GET and articles seen ---
ST=$T_TMP/state
fetch -s "$ST" "$U/news.rss"
is "$RC" 0 "state run 1: exit 0"
is "$(q 'map(select(.type=="response")) | length')" 4 "state run 1: feed and 3 articles"
like "$(grep -c '^u	' "$ST")" '^3$' "state: 3 article URLs remembered"
like "$(grep '^u	' "$ST")" "u	$U/articles/council-budget.html	[0-9]+" "state: URL normalised (tracking parameters dropped)"
like "$(grep '^f	' "$ST")" "^f	$U/news.rss	(W/)?\"[0-9a-f-]+\"	[A-Z][a-z][a-z], " "state: feed ETag and Last-Modified"
fetch -v -s "$ST" "$U/news.rss" "$U/news-copy.rss"
is "$RC" 0 "state run 2: exit 0"
like "$(grep ' /news.rss ' "$NGINX_LOG" | tail -1)" ' /news.rss 304 ' "state run 2: nginx answered 304"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$U/news-copy.rss" \
	"state run 2: no article fetched again, 304 not written"
like "$(cat "$T_TMP/err")" '1 fetched, 1 not modified, 3 seen, 0 disallowed by robots.txt, 0 failed' "state run 2: summary counts"
fetch -s "$ST" --refetch "$U/news.rss"
is "$(q 'map(select(.type=="response")) | length')" 4 "--refetch: everything fetched again"
printf 'garbage line\nu\n' >>"$ST"
fetch -s "$ST" "$U/page.html"
is "$RC" 0 "bad state lines: not fatal"
like "$(cat "$T_TMP/err")" 'line [0-9]+: not a state entry' "bad state lines reported"
exec 9>"$ST.lock"
flock 9
timeout 3 newsfetch --delay 0 -s "$ST" "$U/page.html" >/dev/null 2>"$T_TMP/err"
is "$?" 124 "a second run waits for the state lock"
like "$(cat "$T_TMP/err")" 'lock, waiting' "waiting for the lock is said"
exec 9>&-

# --- empty input, random bytes, a 50 MB line ---
newsfetch </dev/null >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "empty input: exit 0"
$CHECK --json "$T_TMP/out.warc" >"$T_TMP/rec"
is "$(q 'map(.type) | join(" ")')" warcinfo "empty input: only a warcinfo record"
is "$(cat "$T_TMP/err")" "" "empty input: silent"
python3 -c '
import random, sys
r = random.Random(7); d = bytes(r.randrange(256) for _ in range(8192))
d = b"x" + d   # not "<": a list, not a document
open(sys.argv[1], "wb").write(d)
n = 0
for line in d.split(b"\n"):
    s = line.strip(b" \t\r\v\f")
    if s and not s.startswith(b"#"): n += 1
print(n)' "$T_TMP/random.txt" >"$T_TMP/nlines"
fetch "$T_TMP/random.txt"
is "$RC" 1 "random bytes list: exit 1"
is "$(grep -c "random.txt: line [0-9]*: not a URL" "$T_TMP/err")" "$(cat "$T_TMP/nlines")" "random bytes: each bad line reported"
is "$CHECK_RC" 0 "random bytes: output still a valid WARC"
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("page.html\n" + "a" * 50000000 + "\natom.xml\n")' "$T_TMP/long.txt"
cp "$DATA/page.html" "$DATA/atom.xml" "$T_TMP/"
mkdir -p "$T_TMP/blog" && cp "$DATA"/blog/*.html "$T_TMP/blog/"
fetch "$T_TMP/long.txt"
is "$RC" 1 "50 MB line: exit 1"
like "$(cat "$T_TMP/err")" 'long.txt: line 2: too long, not a URL' "50 MB line reported by line number"
is "$(q 'map(select(.type=="response")) | length')" 4 "50 MB line: lines around it fetched"
rm -f "$T_TMP/long.txt"

# --- concurrency: per host and in all, seen from the server ---
SP=$(free_port)
python3 "$TOP/tests/fetch-server.py" "$SP" &
echo $! >"$T_TMP/slowsrv.pid"
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$SP) 2>/dev/null && break; sleep 0.1; done
urls() { for i in 1 2 3 4 5 6; do echo "http://$1:$SP/p$i-$2"; done; }
stats() { python3 -c 'import urllib.request, sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())' "http://127.0.0.1:$SP/stats"; }
newsfetch --delay 0 -j 8 --per-host 2 $(urls 127.0.0.1 a) $(urls localhost a) >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "slow server: exit 0"
is "$(stats)" \
	"127.0.0.1=2 localhost=2 total=4" "--per-host 2: at most 2 requests at once to each host, both hosts in parallel"
SP2=$(free_port)
python3 "$TOP/tests/fetch-server.py" "$SP2" &
echo $! >"$T_TMP/slowsrv2.pid"
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$SP2) 2>/dev/null && break; sleep 0.1; done
SP=$SP2
newsfetch --delay 0 -j 3 --per-host 8 $(urls 127.0.0.1 b) $(urls localhost b) >/dev/null 2>&1
is "$(stats)" \
	"127.0.0.1=3 localhost=3 total=3" "-j 3: at most 3 requests at once in all"

# --- per-host delay, interruption ---
n0=$(wc -l <"$NGINX_LOG")
newsfetch --delay 0.4 --per-host 2 "$U/page.html" "$U/articles/bridge-repairs.html" \
	"$U/articles/library-hours.html" >/dev/null 2>&1
tail -n +$((n0 + 1)) "$NGINX_LOG" | grep -v ' /robots.txt ' | awk '{print $1}' >"$T_TMP/times"
is "$(awk 'NR > 1 && $1 - prev < 0.39 { bad++ } { prev = $1 } END { print NR, bad + 0 }' "$T_TMP/times")" "3 0" \
	"--delay: requests to one host start at least that far apart"
newsfetch --delay 30 "$U/page.html" "$U/articles/bridge-repairs.html" >"$T_TMP/out.warc" 2>"$T_TMP/err" &
pid=$!
for i in $(seq 50); do grep -q ' /page.html ' <(tail -n 1 "$NGINX_LOG") && break; sleep 0.1; done
sleep 0.3
kill -TERM $pid
wait $pid
is "$?" 1 "SIGTERM: exit 1"
like "$(cat "$T_TMP/err")" 'interrupted: 1 URLs not fetched' "SIGTERM: what was left is reported"
$CHECK --json "$T_TMP/out.warc" >"$T_TMP/rec" 2>/dev/null
is "$?" 0 "SIGTERM: the WARC written so far is whole"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$U/page.html" "SIGTERM: the finished page was written"

# --- usage ---
newsfetch --bogus >/dev/null 2>"$T_TMP/err"
is "$?" 2 "bad option: exit 2"
like "$(cat "$T_TMP/err")" '^usage: newsfetch' "bad option: usage on stderr"
newsfetch --help >"$T_TMP/out" 2>&1
is "$?" 0 "--help: exit 0"
newsfetch -j 0 >/dev/null 2>&1
is "$?" 2 "-j 0: exit 2"
newsfetch --retries 1.5 >/dev/null 2>&1
is "$?" 2 "--retries 1.5: exit 2"
like "$(newsfetch --version)" '^newsfetch [0-9]' "--version"
fetch "not a url"
is "$RC" 1 "argument neither URL nor file: exit 1"
like "$(cat "$T_TMP/err")" 'not a URL, and no such file' "argument neither URL nor file: reported"

done_testing

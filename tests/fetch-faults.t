#!/bin/bash
# newsfetch against tests/fetch-server.py, a server that misbehaves on
# purpose: stalls, resets, truncated and endless bodies, 429/503 with
# Retry-After, wrong and missing charsets, malformed and empty feeds; and
# the per-host limit proven from that server's own log.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fetchlib.sh"

# srv_start VAR ARGS...: start a fault server, its port in $VAR.
srv_start() {
	_var=$1; shift
	_p=$(free_port)
	python3 "$TOP/tests/fetch-server.py" "$_p" "$@" &
	echo $! >"$T_TMP/srv-$_p.pid"
	for _i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$_p) 2>/dev/null && break; sleep 0.1; done
	eval "$_var=$_p"
}

LOG=$T_TMP/srv.log
srv_start P --log "$LOG"
S=http://127.0.0.1:$P

# --- a stalled body: the time limit ends it, the run goes on ---
fetch --timeout 2 --retries 0 "$S/stall" "$S/page-a"
is "$RC" 1 "stalled body: exit 1"
like "$(err)" "$S/stall: timeout was reached" "stalled body: named with its reason"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$S/page-a" \
	"stalled body: not written, the other page is"
is "$CHECK_RC" 0 "stalled body: WARC valid"

# --- a connection reset: retried, then reported ---
fetch -v --retries 1 "$S/reset"
is "$RC" 1 "reset: exit 1"
like "$(err)" "$S/reset: (server returned nothing|failure when receiving|recv failure)" "reset: named with its reason"
is "$(grep -c "$S/reset: .*retrying in" "$T_TMP/err")" 1 "reset: retried once (--retries 1)"
like "$(grep -c ' /reset ' "$LOG")" '^[23]$' "reset: the server saw the retry"

# --- a truncated body: never written as if whole ---
fetch --retries 0 "$S/truncated" "$S/page-b"
is "$RC" 1 "truncated body: exit 1"
like "$(err)" "$S/truncated: transferred a partial file" "truncated body: named with its reason"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$S/page-b" \
	"truncated body: not written"

# --- 429 and 503 with Retry-After: waited for, then fetched ---
fetch --retries 2 "$S/retry-after" "$S/unavailable"
is "$RC" 0 "429 and 503 then 200: exit 0"
is "$(q 'map(select(.type=="response")) | map(.uri) | sort | join(" ")')" "$S/retry-after $S/unavailable" \
	"429 and 503: fetched on the retry"
is "$(awk '$4 == "/retry-after" { n++; t[n] = $1; s[n] = $5 } END { print s[1], s[2], (t[2] - t[1] >= 1.95) ? "waited" : "early " t[2] - t[1] }' "$LOG")" \
	"429 200 waited" "429: the retry waited the 2 s of Retry-After"
is "$(awk '$4 == "/unavailable" { n++; t[n] = $1; s[n] = $5 } END { print s[1], s[2], (t[2] - t[1] >= 0.95) ? "waited" : "early " t[2] - t[1] }' "$LOG")" \
	"503 200 waited" "503: the retry waited the 1 s of Retry-After"

# --- an endless body: the size cap ends it ---
fetch --max-size 1M "$S/endless" "$S/page-c"
is "$RC" 1 "endless body: exit 1"
like "$(err)" "$S/endless: body larger than 1048576, skipped" "endless body: cut at --max-size"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$S/page-c" "endless body: not written"

# --- wrong and missing charsets: bytes kept as sent, newsclean decodes ---
fetch "$S/latin1-wrong" "$S/latin1-none"
is "$RC" 0 "Latin-1 pages: exit 0"
is "$CHECK_RC" 0 "Latin-1 pages: WARC valid (digests over the bytes as received)"
python3 - "$T_TMP/out.warc" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if d.count(b"Gr\xfc\xdfe aus M\xfcnchen") == 2 else 1)
PY
ok $? "Latin-1 pages: bytes stored unchanged"
newsclean <"$T_TMP/out.warc" >"$T_TMP/clean.jsonl" 2>"$T_TMP/clean.err"
is "$?" 0 "newsclean reads the WARC"
is "$(jq -s length "$T_TMP/clean.jsonl")" 2 "newsclean: a document for each page"
is "$(jq -r 'select(.url | endswith("latin1-none")) | .text' "$T_TMP/clean.jsonl")" \
	"Grüße aus München: café, crème brûlée und Straßenbahn." "newsclean: the unlabelled Latin-1 page decoded to UTF-8"
jq -r 'select(.url | endswith("latin1-wrong")) | .text' "$T_TMP/clean.jsonl" >"$T_TMP/wrong.txt"
is "$(grep -c 'aus M.*nchen' "$T_TMP/wrong.txt") $(iconv -f UTF-8 -t UTF-8 "$T_TMP/wrong.txt" >/dev/null && echo valid)" "1 valid" \
	"newsclean: the mislabelled page still gives its text, in valid UTF-8"

# --- malformed and empty feeds ---
fetch "$S/feed-bad" "$S/feed-empty" "$S/page-d"
is "$RC" 1 "malformed and empty feeds: exit 1"
like "$(err)" "$S/feed-bad: malformed feed" "malformed feed named"
like "$(err)" "$S/feed-empty: empty feed" "empty feed named"
is "$(q 'map(select(.type=="response")) | length')" 3 "malformed and empty feeds still written"
like "$(err)" '3 fetched, 0 not modified, 0 seen, 0 disallowed by robots.txt, 2 failed' \
	"summary: the two feeds failed"

# --- robots.txt 503 or unreachable: nothing fetched from that host ---
srv_start P503 --robots 503 --log "$T_TMP/srv503.log"
fetch -v --retries 1 "http://127.0.0.1:$P503/page-x" "http://127.0.0.1:$P503/page-y" "$S/page-e"
is "$RC" 1 "robots.txt 503: exit 1"
like "$(err)" "127.0.0.1:$P503/page-x: robots.txt: HTTP 503, nothing fetched" "robots.txt 503: each URL of the host named"
like "$(err)" "127.0.0.1:$P503/page-y: robots.txt: HTTP 503" "robots.txt 503: the second URL too"
is "$(awk '{print $4}' "$T_TMP/srv503.log" | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' ')" "/robots.txt=2 " \
	"robots.txt 503: only robots.txt requested, and retried once (--retries 1)"
is "$(q 'map(select(.type=="response")) | map(.uri) | join(" ")')" "$S/page-e" "robots.txt 503: other hosts fetched"

# --- the per-host limit, proven from the server's log ---
: >"$LOG"
srv_start P2 --log "$LOG" --slow 0.2
urls() { for i in $(seq 8); do echo "http://$1:$P2/p$i"; done; }
newsfetch --delay 0 -j 10 --per-host 3 $(urls 127.0.0.1) $(urls localhost) >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "16 slow pages on two hosts: exit 0"
# Overlap from START/END per host: +1 at a start, -1 at an end (ends
# first on ties), the highest running sum.
python3 - "$LOG" >"$T_TMP/peaks" <<'PY'
import sys, collections
ev = collections.defaultdict(list)
for line in open(sys.argv[1]):
    s, e, host, path, st = line.split()
    if path == "/robots.txt":
        continue
    ev[host.split(":")[0]].append((float(s), 1))
    ev[host.split(":")[0]].append((float(e), -1))
    ev["total"].append((float(s), 1))
    ev["total"].append((float(e), -1))
for h in sorted(ev):
    n = m = 0
    for t, d in sorted(ev[h], key=lambda x: (x[0], x[1])):
        n += d
        m = max(m, n)
    print("%s=%d" % (h, m), end=" ")
print()
PY
is "$(cat "$T_TMP/peaks")" "127.0.0.1=3 localhost=3 total=6 " \
	"server log: never more than 3 requests at once per host (--per-host 3), both hosts at once"
is "$(grep -c ' /p[0-9]' "$LOG")" 16 "server log: every page requested once"
is "$(grep -c ' /robots.txt ' "$LOG")" 2 "server log: robots.txt once per host (127.0.0.1 and localhost)"

# --- one request at a time per host with --per-host 1, in the log too ---
: >"$LOG"
newsfetch --delay 0 --per-host 1 "$S/feed-slow" >"$T_TMP/out.warc" 2>"$T_TMP/err"
is "$?" 0 "feed of slow items: exit 0"
python3 - "$LOG" <<'PY'
import sys
iv = sorted((float(l.split()[0]), float(l.split()[1])) for l in open(sys.argv[1]))
sys.exit(0 if len(iv) == 8 and all(b[0] >= a[1] - 0.001 for a, b in zip(iv, iv[1:])) else 1)
PY
ok $? "server log: --per-host 1 requests never overlap (robots.txt, feed, 6 items)"

done_testing

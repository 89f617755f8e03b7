#!/bin/bash
# newsfetch's state file (-s): conditional GET on a second run, overlapping
# runs, a run killed with SIGKILL, expiry, a state of 100,000 URLs.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fetchlib.sh"

DATA=$TOP/tests/data/fetch
fetch_www "$DATA"
nginx_start "$WWW"
sed -i "s|@BASE@|$NGINX_URL|g" "$WWW/rdf.xml"
U=$NGINX_URL
ST=$T_TMP/state


# --- a second run over unchanged feeds: only 304s, no article ---
FEEDS="$U/news.rss $U/atom.xml $U/rdf.xml $U/feed.json"
fetch -s "$ST" $FEEDS
is "$RC" 0 "run 1: exit 0"
is "$(q 'map(select(.type=="response")) | length')" 10 "run 1: 4 feeds and their 6 distinct articles"
is "$(grep -c '^u	' "$ST")" 6 "run 1: 6 article URLs remembered"
is "$(grep -c '^f	' "$ST")" 4 "run 1: validators of the 4 feeds remembered"
fetch -v -s "$ST" $FEEDS
is "$RC" 0 "run 2: exit 0"
is "$(grep -v ' /robots.txt ' "$T_TMP/log" | awk '{print $3}' | sort | uniq -c | awk '{print $2 "x" $1}')" "304x4" \
	"run 2, nginx log: the 4 feeds answered 304, nothing else requested but robots.txt"
grep -q -E ' /(articles|blog)/' "$T_TMP/log"
is "$?" 1 "run 2, nginx log: no article requested"
is "$(q 'map(.type) | join(" ")')" warcinfo "run 2: nothing written but warcinfo (a 304 costs nothing downstream)"
like "$(err)" '0 fetched, 4 not modified, 0 seen, 0 disallowed by robots.txt, 0 failed' "run 2: summary"
# A feed that changed: its new items only.
sleep 1.1
sed 's|</channel>|<item><title>Late news</title><link>/page.html</link></item></channel>|' \
	"$DATA/news.rss" >"$WWW/news.rss"
fetch -v -s "$ST" $FEEDS
is "$(q 'map(select(.type=="response")) | map(.uri) | sort | join(" ")')" "$U/news.rss $U/page.html" \
	"run 3: the changed feed and its one new item fetched"
like "$(err)" '2 fetched, 3 not modified, 3 seen, 0 disallowed by robots.txt, 0 failed' "run 3: summary"

# --- two overlapping runs on one state file ---
SP=$(free_port)
python3 "$TOP/tests/fetch-server.py" "$SP" --log "$T_TMP/srv.log" &
echo $! >"$T_TMP/srv.pid"
for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$SP) 2>/dev/null && break; sleep 0.1; done
S=http://127.0.0.1:$SP
ST2=$T_TMP/state2
newsfetch --delay 0 --per-host 1 -s "$ST2" "$S/feed-slow" >"$T_TMP/a.warc" 2>"$T_TMP/a.err" &
apid=$!
for i in $(seq 50); do grep -q '/feed-slow' "$T_TMP/srv.log" 2>/dev/null && break; sleep 0.1; done
newsfetch --delay 0 -s "$ST2" "$U/news.rss" "$S/feed-slow" >"$T_TMP/b.warc" 2>"$T_TMP/b.err"
brc=$?
wait $apid
arc=$?
is "$arc $brc" "0 0" "overlapping runs: both finish, exit 0"
like "$(cat "$T_TMP/b.err")" 'lock, waiting' "overlapping runs: the second waits for the first"
is "$(grep -c '^u	' "$ST2")" 10 "overlapping runs: the state holds the union (6 slow items + 4 articles of news.rss)"
is "$(grep -a -c '^WARC-Type: response' "$T_TMP/b.warc")" 6 \
	"overlapping runs: the second run skipped what the first fetched (2 feeds + 4 articles)"
is "$(grep -c ' /slow-item-' "$T_TMP/srv.log")" 6 "overlapping runs: each slow item requested once in all"

# --- a run killed with SIGKILL leaves a loadable state file ---
cp "$ST2" "$T_TMP/state2.before"
newsfetch --delay 0 --per-host 1 --refetch -s "$ST2" "$S/feed-slow" >/dev/null 2>&1 &
kpid=$!
n=$(grep -c ' /slow-item-' "$T_TMP/srv.log")
for i in $(seq 50); do [ "$(grep -c ' /slow-item-' "$T_TMP/srv.log")" -gt "$n" ] && break; sleep 0.1; done
kill -KILL $kpid
wait $kpid 2>/dev/null
cmp -s "$ST2" "$T_TMP/state2.before"
is "$?" 0 "SIGKILL: the state file is the one of the last finished run"
newsfetch -v -s "$ST2" </dev/null >/dev/null 2>"$T_TMP/err"
is "$?" 0 "SIGKILL: the next run loads it, exit 0"
like "$(err)" '^newsfetch: 0 fetched' "SIGKILL: no lock left behind, no bad entry"
is "$(grep -c '^u	' "$ST2")" 10 "SIGKILL: every entry kept"
is "$(ls "$T_TMP" | grep -c 'state2.tmp')" 0 "SIGKILL: no temporary file left"

# --- expiry ---
now=$(date +%s)
{
	echo '# newsfetch state 1'
	printf 'f\t%s\t"old-etag"\t\t%s\n' "$U/gone.rss" $((now - 40 * 86400))
	printf 'u\t%s\t%s\n' "http://example.com/old" $((now - 40 * 86400))
	printf 'u\t%s\t%s\n' "http://example.com/recent" $((now - 2 * 86400))
	printf 'u\t%s\t%s\n' "$U/articles/council-budget.html" $((now - 40 * 86400))
} >"$T_TMP/state3"
fetch -v -s "$T_TMP/state3" --expire 30 "$U/news.rss"
is "$RC" 0 "expiry: exit 0"
like "$(err)" ' 1 seen' "expiry: an old entry still in a feed is skipped"
grep -q 'example.com/old' "$T_TMP/state3"
is "$?" 1 "expiry: a URL older than --expire dropped"
grep -q 'gone.rss' "$T_TMP/state3"
is "$?" 1 "expiry: a feed not fetched for longer than --expire dropped"
is "$(grep -c 'example.com/recent' "$T_TMP/state3")" 1 "expiry: a recent URL kept"
is "$(awk -v now="$now" -F '\t' '$2 ~ /council-budget/ { print ($3 >= now) ? "renewed" : "old" }' "$T_TMP/state3")" renewed \
	"expiry: a URL seen again in a feed has its time renewed"

# --- a state of 100,000 URLs loads and is written back whole ---
python3 -c '
import sys, time
t = int(time.time())
with open(sys.argv[1], "w") as f:
    f.write("# newsfetch state 1\n")
    for i in range(100000):
        f.write("u\thttps://news%d.example.com/%d/%02d/story-%d.html\t%d\n" % (i % 97, 2025, i % 12 + 1, i, t - i))
' "$T_TMP/big.state"
newsfetch -s "$T_TMP/big.state" "$U/page.html" >/dev/null 2>"$T_TMP/err"
is "$?" 0 "100,000-URL state: exit 0"
is "$(grep -c '^u	' "$T_TMP/big.state")" 100000 "100,000-URL state: every entry written back"
is "$(grep -c 'story-99999.html' "$T_TMP/big.state")" 1 "100,000-URL state: the last entry kept"

done_testing

#!/bin/bash
# newsfetch and a small site on a real nginx (tests/data/fetch-site):
# robots.txt (groups, Allow/Disallow by longest match, wildcards,
# Crawl-delay), proven from nginx's access log; RSS 0.91; sitemaps, a
# sitemap index, a Google News sitemap and a gzip sitemap; feeds announced
# by <link rel="alternate"> (-d).
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/fetchlib.sh"

DATA=$TOP/tests/data/fetch-site
fetch_www "$DATA"
gzip -9 -n -c "$DATA/sitemap-pages.xml" >"$WWW/sitemap-pages.xml.gz"
nginx_start "$WWW"
U=$NGINX_URL

# Paths requested in the last run, sorted, on one line.
requested() { awk '{print $2}' "$T_TMP/log" | sort | tr '\n' ' '; }
uris() { q 'map(select(.type=="response")) | map(.uri) | sort | join(" ")'; }
meta() { q "map(select(.type==\"metadata\" and (.uri|contains(\"$1\"))))[0].block"; }

# --- robots.txt for our agent: longest match, Allow on ties, * and $ ---
fetch -v "$U/feed.rss"
is "$RC" 0 "robots.txt: exit 0"
is "$CHECK_RC" 0 "robots.txt: WARC valid"
is "$(requested)" "/feed.rss /files/doc.pdf?v=2 /private/open.html /public.html /robots.txt " \
	"nginx log: Disallowed paths never requested (/private/secret.html, /files/doc.pdf)"
is "$(uris)" "$U/feed.rss $U/files/doc.pdf?v=2 $U/private/open.html $U/public.html" \
	"the allowed items written"
like "$(err)" '4 fetched, 0 not modified, 0 seen, 2 disallowed by robots.txt, 0 failed' \
	"summary: 2 disallowed by robots.txt"
like "$(err)" "$U/private/secret.html: disallowed by robots.txt" "-v: the disallowed item named"
like "$(meta open.html)" 'item-title: Open minutes' "RSS 0.91: item title in the metadata record"
# Crawl-delay 0.3 for newsfetch: page requests start at least 0.3 s apart
# (the robots.txt request itself does not count).
grep -v ' /robots.txt ' "$T_TMP/log" | awk '{print $1}' >"$T_TMP/times"
is "$(awk 'NR > 1 && $1 - prev < 0.29 { bad++ } { prev = $1 } END { print NR, bad + 0 }' "$T_TMP/times")" "4 0" \
	"Crawl-delay: requests to the host at least 0.3 s apart with --delay 0"

# --- one robots.txt request per host per run, however many URLs ---
fetch "$U/public.html" "$U/private/open.html" "$U/news/ferry.html"
is "$(grep -c ' /robots.txt ' "$T_TMP/log")" 1 "robots.txt fetched once per host per run"

# --- a URL given on the command line is checked too ---
fetch "$U/private/secret.html" "$U/public.html"
is "$RC" 0 "disallowed input: exit 0 (not a failure)"
like "$(err)" "$U/private/secret.html: disallowed by robots.txt, not fetched" "disallowed input: said on stderr"
is "$(requested)" "/public.html /robots.txt " "disallowed input: never requested"

# --- paths compared percent-encoded the one way (RFC 9309 2.2.2) ---
fetch -v "$U/~user/notes.html" "$U/caf%C3%A9/menu.html" "$U/caf%c3%a9/menu2.html" "$U/cafe/menu.html"
is "$(requested)" "/cafe/menu.html /robots.txt " \
	"%7E matches ~, a UTF-8 rule matches its %C3%A9 and %c3%a9 forms; /cafe/ is another path"
like "$(err)" '3 disallowed by robots.txt' "percent-encoded paths: 3 disallowed"

# --- another agent: its own group; an unknown agent: the * group ---
fetch -A 'otherbot/2.0 (+mailto:ops@example.com)' "$U/feed.rss"
is "$(q 'map(select(.type=="response")) | length')" 6 "agent with an empty Disallow: everything fetched"
fetch -v -A 'somebot/1.0' "$U/feed.rss" "$U/public.html"
is "$RC" 0 "agent under '*' (Disallow: /): exit 0"
is "$(requested)" "/robots.txt " "agent under '*': nothing but robots.txt requested"
like "$(err)" '0 fetched, 0 not modified, 0 seen, 2 disallowed by robots.txt, 0 failed' \
	"agent under '*': both URLs counted as disallowed"

# --- --ignore-robots: for one's own sites ---
fetch --ignore-robots -A 'somebot/1.0' "$U/private/secret.html"
is "$(requested)" "/private/secret.html " "--ignore-robots: robots.txt not read, the page fetched"

# --- sitemaps: an index, a Google News sitemap, a gzip one, a loop, a chain too deep ---
fetch "$U/sitemap-index.xml"
is "$RC" 1 "sitemap index: exit 1 (one chain nested too deep)"
is "$CHECK_RC" 0 "sitemap index: WARC valid"
is "$(uris)" "$(echo "$U/deep/index1.xml $U/deep/index2.xml $U/deep/index3.xml $U/news/ferry.html" \
	"$U/news/school.html $U/pages/hours.html $U/pages/parking.html $U/sitemap-index.xml" \
	"$U/sitemap-news.xml $U/sitemap-pages.xml.gz")" \
	"sitemap index: its sitemaps (plain and gzip) and their pages fetched, the loop once"
like "$(err)" "deep/index4.xml: sitemaps nested deeper than 3, skipped" "sitemap chain too deep: reported"
is "$(grep -c ' /pages/deep.html ' "$T_TMP/log")" 0 "sitemap chain too deep: its pages not requested"
M=$(meta ferry.html)
like "$M" "feed-url: $U/sitemap-news.xml" "Google News sitemap: feed-url"
like "$M" 'item-title: Ferry timetable changes from Monday' "Google News sitemap: news:title"
like "$M" 'item-published: 2025-11-21T17:30:00Z' "Google News sitemap: news:publication_date in UTC"
like "$(meta school.html)" 'item-published: 2025-11-20' "Google News sitemap: a date alone"
like "$(meta parking.html)" "feed-url: $U/sitemap-pages.xml.gz" "gzip sitemap: pages tied to it"
is "$(q '(map(select(.type=="response")) | map({key: .id, value: .uri}) | from_entries) as $resp
	| map(select(.type=="metadata")) | map(. as $m | .fields | map(select(.[0]=="WARC-Concurrent-To")) | .[0][1] as $c | $resp[$c] == $m.uri) | all')" true \
	"sitemap pages: metadata WARC-Concurrent-To is the page's response"
newsclean <"$T_TMP/out.warc" >"$T_TMP/clean.jsonl" 2>/dev/null
is "$(jq -r '[.url, .date // "-"] | join(" ")' "$T_TMP/clean.jsonl" | sort | tr '\n' '|')" \
	"$U/news/ferry.html 2025-11-21T17:30:00Z|$U/news/school.html 2025-11-20|$U/pages/hours.html -|$U/pages/parking.html -|" \
	"newsclean reads the WARC: the 4 pages, dated from the news sitemap's metadata"

# --- sitemaps with a state file: an index is read again, its sitemaps revalidated ---
fetch -s "$T_TMP/sm.state" "$U/sitemap-index.xml"
fetch -s "$T_TMP/sm.state" "$U/sitemap-index.xml"
is "$(grep -v -E ' /robots.txt ' "$T_TMP/log" | awk '{print $2 "=" $3}' | sort | tr '\n' ' ')" \
	"/deep/index1.xml=200 /deep/index2.xml=200 /deep/index3.xml=200 /sitemap-index.xml=200 /sitemap-news.xml=304 /sitemap-pages.xml.gz=304 " \
	"second run: sitemap indexes read again (no validators kept), sitemaps answer 304, no page requested"

# --- feeds announced by a page (-d) ---
fetch "$U/home.html"
is "$(uris)" "$U/home.html" "without -d: only the page"
fetch -d "$U/home.html"
is "$RC" 0 "-d: exit 0"
is "$(uris)" "$U/feeds/comments.rss $U/feeds/site.atom $U/home.html $U/news/ferry.html $U/news/school.html" \
	"-d: the Atom and RSS feeds the page announces (resolved against <base>) and the Atom items"
is "$(grep -c -E ' /(de/|print/|in-body.rss) ' "$T_TMP/log")" 0 \
	"-d: alternates that are not feeds, and links outside <head>, not followed"
like "$(meta school.html)" 'item-published: 2025-11-20T08:00:00Z' "-d: the announced feed's metadata kept"
fetch -d "$U/news/ferry.html" "$U/feeds/site.atom"
is "$(q 'map(select(.type=="response")) | length')" 3 "-d: a page without announcements is just a page"

done_testing

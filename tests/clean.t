#!/bin/bash
# newsclean on small pages with real blog and news structure
# (tests/data/clean): the article's sentences come out, the chrome does
# not; metadata; plain mode; options; bad input.
. "$(dirname "$0")/lib.sh"

C=$TOP/tests/data/clean
D=$T_TMP

# field FILE NAME: a field of the first JSON line of FILE, lists joined by |.
field() {
	python3 -c 'import sys,json
d=json.loads(open(sys.argv[1],encoding="utf-8").readline())
v=d.get(sys.argv[2])
print("|".join(v) if isinstance(v,list) else ("null" if v is None else v))' "$1" "$2"
}
has() { grep -qF -- "$2" "$1"; }

# --- a Blogger post with its widgets
st=$(status newsclean -u https://riverbank-notes.blogspot.com/2025/11/the-ferry-returns.html "$C/blogger.html")
is "$st" 0 "blogger: exit 0"
cp "$D/out" "$D/blog.json"
field "$D/blog.json" text >"$D/blog.txt"
t "blogger: first sentence kept" has "$D/blog.txt" "the first crossing left the north pier at a quarter past seven."
t "blogger: last sentence kept" has "$D/blog.txt" "Timetables for the winter season are posted at both piers and at the library."
is "$(wc -l <"$D/blog.txt" | tr -d ' ')" 4 "blogger: four <br><br> paragraphs, four lines"
for chrome in "Followers" "Search This Blog" "No comments:" "Posted by" "Email This" "BlogThis!" \
    "Post a Comment" "Newer Post" "Older Post" "Subscribe to" "Blog Archive" "Powered by" \
    "Labels:" "Small stories from a small harbour town" "I write about the harbour"; do
	! has "$D/blog.txt" "$chrome"
	ok $? "blogger: no '$chrome'"
done
is "$(field "$D/blog.json" title)" "The ferry returns" "blogger: title from og:title"
is "$(field "$D/blog.json" authors)" "Jonas Berg" "blogger: author from itemprop=author"
is "$(field "$D/blog.json" date)" "2025-11-22T07:40:00+01:00" "blogger: date from itemprop=datePublished, offset kept"
is "$(field "$D/blog.json" language)" "en" "blogger: language from <html lang>"
is "$(field "$D/blog.json" source_domain)" "riverbank-notes.blogspot.com" "blogger: source_domain from -u"
is "$(field "$D/blog.json" description)" "The old river ferry is back in service after two winters in dry dock." "blogger: description"
like "$(field "$D/blog.json" id)" '^[0-9a-f]{16}$' "blogger: id is 16 hex digits"
python3 -c 'import sys,json
d=json.loads(open(sys.argv[1]).readline())
assert list(d)==["id","url","source_domain","title","authors","description","date","fetched","language","text"], list(d)' "$D/blog.json"
ok $? "fields in the documented order"

# --- a WordPress post with a comment section, share bar and widgets
st=$(status newsclean "$C/wordpress.html")
is "$st" 0 "wordpress: exit 0"
cp "$D/out" "$D/wp.json"
field "$D/wp.json" text >"$D/wp.txt"
t "wordpress: lead kept" has "$D/wp.txt" "Plot holders at the Station Road allotments will have rainwater tanks"
t "wordpress: subheading kept" has "$D/wp.txt" "What the plan includes"
t "wordpress: list item kept" has "$D/wp.txt" "Twelve 1,000-litre tanks fed from the roofs of the two sheds."
t "wordpress: quote kept" has "$D/wp.txt" "the difference between a harvest and a compost heap"
t "wordpress: entities decoded" has "$D/wp.txt" "about £4,800"
t "wordpress: last paragraph kept" has "$D/wp.txt" "of which the society will raise a third from its members."
for chrome in "My courgettes gave up" "Will the tanks be locked" "Leave a Reply" "Share this" \
    "Twitter" "Recent Posts" "Skip to content" "Posted on" "Millbrook Gazette" "Bridge closure" \
    "Your email address" "Related"; do
	! has "$D/wp.txt" "$chrome"
	ok $? "wordpress: no '$chrome'"
done
is "$(head -1 "$D/wp.txt")" "Plot holders at the Station Road allotments will have rainwater tanks before the spring sowing, after the parish council approved the plan on Tuesday evening by seven votes to two." \
    "wordpress: headline not repeated as the first line"
is "$(field "$D/wp.json" url)" "https://millbrook-gazette.example.org/2025/11/20/allotment-water-tanks-approved/" "wordpress: url from rel=canonical"
is "$(field "$D/wp.json" title)" "Allotment water tanks approved after two-year wait" "wordpress: title"
is "$(field "$D/wp.json" authors)" "Priya Natarajan" "wordpress: author"
is "$(field "$D/wp.json" date)" "2025-11-20T09:15:00Z" "wordpress: article:published_time as UTC"
is "$(field "$D/wp.json" language)" "en" "wordpress: en-GB is en"

# --- an aggregator stub: hashtags, "Read at", read time
st=$(status newsclean -t "$C/aggregator.html")
is "$st" 0 "aggregator: exit 0"
t "aggregator: summary kept" has "$D/out" "answering two years of complaints from residents about noise and vibration."
t "aggregator: second paragraph kept" has "$D/out" "the curfew will be reviewed after six months."
for chrome in "#ports" "Read at Axios" "Unable to calculate read time" "Followers" "More from" "Log in"; do
	! has "$D/out" "$chrome"
	ok $? "aggregator: no '$chrome'"
done
st=$(status newsclean "$C/aggregator.html")
is "$(field "$D/out" title)" "Port authority backs night-time freight curfew" "aggregator: ' | Newsloop' removed from the title"
is "$(field "$D/out" date)" "2025-11-21T18:30:00-05:00" "aggregator: date with offset"
is "$(field "$D/out" url)" "null" "aggregator: no URL known, url is null"
like "$(field "$D/out" id)" '^[0-9a-f]{16}$' "aggregator: id from the text when there is no URL"

# --- the head of the text repeating the metadata: an aggregator card with
# source lines ("Outlet · 3h", "Outlet ·"), the headline in other case,
# and a heading further down that only resembles it
st=$(status newsclean "$C/aggregator-source.html")
is "$st" 0 "aggregator-source: exit 0"
cp "$D/out" "$D/as.json"
field "$D/as.json" text >"$D/as.txt"
is "$(head -1 "$D/as.txt")" "The harbour bridge reopened to traffic on Thursday morning, two years after engineers closed it when inspectors found cracks in two of its steel piers." \
    "aggregator-source: the text starts with the article's first sentence"
for chrome in "Reuters ·" "The Harbour Herald" "Read at Reuters" "3h"; do
	! has "$D/as.txt" "$chrome"
	ok $? "aggregator-source: no '$chrome'"
done
! grep -qixF "Harbour bridge reopens after two-year repair" "$D/as.txt"
ok $? "aggregator-source: no line repeats the title (case and hyphens aside)"
t "aggregator-source: a heading inside the article that resembles the title stays" \
    grep -qxF "Why the harbour bridge reopens now" "$D/as.txt"
t "aggregator-source: last paragraph kept" has "$D/as.txt" "check how the new sections behave under load."
printf '<html><body><article><p>Reuters \302\267 3h</p><p>The Harbour Herald \302\267</p><p>Photo \302\267 Derek Jarman (1990)</p><p>The harbour bridge reopened to traffic on Thursday morning, two years after engineers closed it when inspectors found cracks.</p><p>The Garden \302\267 Derek Jarman (1990)</p><p>medium \302\267 22nd</p></article></body></html>' >"$D/src.html"
newsclean -t "$D/src.html" >"$D/src.txt" 2>/dev/null
! grep -q 'Reuters\|Harbour Herald' "$D/src.txt"
ok $? "source lines: 'Outlet · 3h' and 'Outlet ·' dropped"
t "source lines: a credit that is not a date stays" grep -qxF "The Garden · Derek Jarman (1990)" "$D/src.txt"
t "source lines: a lower-case table row stays" grep -qxF "medium · 22nd" "$D/src.txt"

# --- bylines and datelines at the top of the text, in three languages
st=$(status newsclean "$C/byline-en.html")
field "$D/out" text >"$D/by.txt"
is "$(head -1 "$D/by.txt")" "By the time the Ridge County school board reached the bus routes on its agenda Tuesday night, more than 80 parents had signed up to speak, and the vote was pushed to December." \
    "byline-en: 'By NAME, role | Posted: DATE' dropped, a paragraph starting 'By the time' kept"
! grep -q "Posted:\|^By Marcus" "$D/by.txt"
ok $? "byline-en: no byline line"
is "$(field "$D/out" authors)" "Marcus O'Neill" "byline-en: the author is in authors"
is "$(wc -l <"$D/by.txt" | tr -d ' ')" 3 "byline-en: three paragraphs, three lines"
st=$(status newsclean "$C/byline-de.html")
field "$D/out" text >"$D/by.txt"
like "$(head -1 "$D/by.txt")" '^Der Stadtrat hat am Donnerstagabend' "byline-de: 'Von NAME und NAME, role | DATE' dropped"
t "byline-de: a paragraph starting 'Von den Anwohnern' kept" grep -q '^Von den Anwohnern der Bahnhofstraße' "$D/by.txt"
st=$(status newsclean "$C/byline-ru.html")
field "$D/out" text >"$D/by.txt"
like "$(head -1 "$D/by.txt")" '^В пятницу в центре города' "byline-ru: 'Текст: NAME' and the date line dropped"
! grep -q 'Иван Петров\|21 ноября 2025' "$D/by.txt"
ok $? "byline-ru: no byline, no dateline"
printf '<html><head><title>Harbour report</title></head><body><div><p>Harbour report</p><p>By Tuesday, the city had run out of salt.</p><p>The harbour bridge reopened to traffic on Thursday morning, two years after engineers closed it when inspectors found cracks.</p><p>Harbour report</p><p>The last ferry left at nine.</p></div></body></html>' >"$D/head.html"
newsclean -t "$D/head.html" >"$D/head.txt" 2>/dev/null
is "$(head -1 "$D/head.txt")" "By Tuesday, the city had run out of salt." \
    "head: a first line equal to the title dropped, a sentence starting 'By Tuesday,' after it stays"
is "$(grep -c '^Harbour report$' "$D/head.txt")" 1 "head: the same line further down stays"
t "head: the article's paragraph kept" grep -q "^The harbour bridge reopened" "$D/head.txt"

# --- dates written in the page, in several languages and orders
while IFS='|' read -r written want; do
	printf '<html><body><span class="date">%s</span><p>The council met on Friday and approved the budget for the coming year, the mayor said afterwards.</p></body></html>' "$written" >"$D/date.html"
	newsclean "$D/date.html" >"$D/date.json" 2>/dev/null
	is "$(field "$D/date.json" date)" "$want" "visible date '$written'"
done <<'DATES'
2025 m. lapkričio 27 d.|2025-11-27
27 ноября 2025 г.|2025-11-27
27 листопада 2025|2025-11-27
27 listopada 2025|2025-11-27
22. November 2025|2025-11-22
22 de noviembre de 2025|2025-11-22
22nd November 2025|2025-11-22
Posted on November 22, 2025 at 10:00|2025-11-22
Sat, 22 Nov 2025 10:00:00 GMT|2025-11-22T10:00:00Z
22.11.2025|2025-11-22
11/22/2025|2025-11-22
Market 12, 2020|null
31.02.2025 maybe|null
DATES
printf '<html><head><meta property="article:published_time" content="2025-11-22T10:00:00+0200"></head><body><p>The council met on Friday and approved the budget for the coming year, the mayor said afterwards.</p></body></html>' >"$D/date.html"
newsclean "$D/date.html" >"$D/date.json" 2>/dev/null
is "$(field "$D/date.json" date)" "2025-11-22T10:00:00+02:00" "meta date: +0200 written as +02:00"
printf '<html><body><p>The council met on Friday and approved the budget for the coming year, the mayor said afterwards.</p></body></html>' >"$D/date.html"
newsclean -u https://example.com/news/2025/11/21/budget.html "$D/date.html" >"$D/date.json" 2>/dev/null
is "$(field "$D/date.json" date)" "2025-11-21" "date from the URL path"

# --- authors: lists, bylines with several links, JSON-LD, user names
P='<p>The council met on Friday and approved the budget for the coming year, the mayor said afterwards.</p>'
while IFS='|' read -r head body want; do
	printf '<html><head>%s</head><body>%s%s</body></html>' "$head" "$body" "$P" >"$D/a.html"
	newsclean "$D/a.html" >"$D/a.json" 2>/dev/null
	is "$(field "$D/a.json" authors)" "$want" "authors from $(printf '%s' "$head$body" | cut -c1-60)"
done <<'AUTHORS'
<meta name="author" content="Ana Lima, Ben Okoro and Chen Wei">||Ana Lima|Ben Okoro|Chen Wei
<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Ben Okoro"}]}</script>||Ana Lima|Ben Okoro
|<div class="article-byline">By <a href="/a/ana">Ana Lima</a>, <a href="/a/ben">Ben Okoro</a></div>|Ana Lima|Ben Okoro
|<span class="byline">By Ana Lima</span>|Ana Lima
<meta name="author" content="jsmith">||
AUTHORS

# --- plain mode: text only, a blank line between documents
newsclean -t "$C/blogger.html" "$C/aggregator.html" >"$D/two.txt" 2>"$D/err"
ok $? "-t with two files: exit 0"
is "$(grep -c '^$' "$D/two.txt")" 1 "-t: one blank line between two documents"
is "$(head -1 "$D/two.txt" | cut -c1-40)" "The old river ferry is back in service a" "-t: starts with the first document's text"
newsclean -t <"$C/wordpress.html" >"$D/stdin.txt" 2>/dev/null
ok $? "-t reads stdin"
t "-t on stdin: text out" has "$D/stdin.txt" "Plot holders at the Station Road"

# --- text without any markup: paragraphs at blank lines
printf 'The ferry is back in service after two winters,\nand the first crossing left at seven.\n\nTimetables are posted at both piers.\n' >"$D/plain.txt"
is "$(newsclean -t "$D/plain.txt")" "$(printf 'The ferry is back in service after two winters, and the first crossing left at seven.\nTimetables are posted at both piers.')" "plain text in: one line a paragraph"

# --- a page without article text
printf '<html><head><title>Nothing</title></head><body><nav><a href="/">Home</a></nav></body></html>' >"$D/empty.html"
st=$(status newsclean "$D/empty.html")
is "$st" 1 "a page without text exits 1"
like "$(cat "$D/err")" "record 1 .*no article text found, skipped" "the empty page is named on stderr"
is "$(wc -c <"$D/out" | tr -d ' ')" 0 "nothing written for it"

# --- a page nested 100,000 levels deep does not overflow the stack
python3 -c 'import sys
sys.stdout.write("<html><body><p>Before the nest comes a paragraph with enough words, commas, and text to count as an article.</p>" + "<div>" * 100000 + "<p>deep</p>" + "</div>" * 100000 + "</body></html>")' >"$D/deep.html"
st=$(status newsclean -t "$D/deep.html")
is "$st" 0 "100,000 nested divs: exit 0"
t "100,000 nested divs: text before the nest kept" has "$D/out" "Before the nest comes a paragraph"

# --- bad input
: >"$D/nothing"
st=$(status newsclean "$D/nothing")
is "$st" 0 "empty input: exit 0"
like "$(cat "$D/err")" "empty input" "empty input: said on stderr"
head -c 20000 /dev/urandom >"$D/random.bin"
st=$(status newsclean "$D/random.bin")
ok $([ "$st" -le 1 ] && echo 0 || echo 1) "random bytes: exit 0 or 1 (got $st)"
python3 -c 'import sys,json
for l in open(sys.argv[1],encoding="utf-8"): json.loads(l)' "$D/out"
ok $? "random bytes: any output is valid UTF-8 JSON"
python3 -c 'import sys
sys.stdout.write("<html><body><p>" + "word, " * (9 << 20) + "</p></body></html>")' >"$D/big.html"
st=$(status newsclean "$D/big.html")
is "$st" 1 "a 54 MB document: exit 1"
like "$(cat "$D/err")" "big.html: record 1 .*larger than 33554432 bytes" "a 54 MB document: named, with the limit"
st=$(status newsclean --max-record 1k "$C/blogger.html")
is "$st" 1 "--max-record 1k: the 9 KB page is skipped"
like "$(cat "$D/err")" "larger than 1024 bytes" "--max-record: the limit is reported"
rm -f "$D/big.html"
st=$(status newsclean "$D/no-such-file")
is "$st" 2 "an unreadable file: exit 2"
like "$(cat "$D/err")" "no-such-file" "an unreadable file: named"

# --- usage
st=$(status newsclean --help)
is "$st" 0 "--help: exit 0"
like "$(cat "$D/out")" "^usage: newsclean" "--help: usage on stdout"
st=$(status newsclean --bogus)
is "$st" 2 "a bad option: exit 2"
like "$(cat "$D/err")" "usage: newsclean" "a bad option: usage on stderr"
st=$(status newsclean --max-record xyz)
is "$st" 2 "a bad --max-record: exit 2"
st=$(status newsclean --version)
like "$(cat "$D/out")" "^newsclean [0-9]" "--version"

done_testing

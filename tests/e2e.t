#!/bin/bash
# e2e.t: the whole pipeline over the offline example in examples/ (file://
# feeds and thirteen HTML pages with realistic chrome), checked stage by stage
# against the contracts of ../shared/DESIGN.md and docs/FORMAT.md, then run
# again as one pipe into the same corpus, which must add nothing.
#
# JSON is checked with perl's core JSON::PP (perl is there wherever prove
# is), so the test needs neither jq nor python3.

. "$(dirname "$0")/lib.sh"

for p in newsfetch newsclean newssplit newstag newsmerge; do
	[ -x "$NF_BIN/$p" ] || skip_all "$p not built"
done
perl -MJSON::PP -e 1 2>/dev/null || skip_all "perl JSON::PP missing"

EX=$(cd "$TOP/examples" && pwd -P)
W=$T_TMP
C=$W/corpus
export E2E_TMP=$W

# ---- helpers --------------------------------------------------------------

# The example's pages, as the file:// URLs newsfetch fetches them by.
PAGES=$(cd "$EX/pages" && find . -name '*.html' | sed "s|^\./|file://$EX/pages/|" | sort)
NPAGES=$(printf '%s\n' "$PAGES" | grep -c .)

# warc_index FILE: "TYPE<TAB>URI" for every record of a plain WARC.
warc_index() {
	LC_ALL=C awk '
		{ sub(/\r$/, "") }
		/^WARC\/1\.[01]$/ { h = 1; t = ""; u = ""; next }
		h && /^WARC-Type:/ { t = $2 }
		h && /^WARC-Target-URI:/ { u = $2; gsub(/[<>]/, "", u) }
		h && $0 == "" { print t "\t" u; h = 0 }
	' "$1"
}

# Perl prelude: @D holds the JSON objects of the file given first; doc(KEY)
# finds the document of one example page by a regex over title and url.
cat >"$W/prelude.pl" <<'PL'
use strict; use warnings; use utf8; use JSON::PP; use Storable ();
binmode STDOUT, ':encoding(UTF-8)';
our @D;
{
	# JSON::PP is slow: decode a file once and keep it as a Storable twin.
	my $f = shift @ARGV;
	my $sto = "$f.sto";
	my $key = join ':', (stat $f)[7, 9];
	my $c = -e $sto ? Storable::retrieve($sto) : undef;
	if ($c && $c->{key} eq $key) {
		@D = @{$c->{docs}};
	} else {
		open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!\n";
		my $js = JSON::PP->new;
		while (my $l = <$fh>) {
			next unless $l =~ /\S/;
			push @D, $js->decode($l);
		}
		Storable::nstore({ key => $key, docs => \@D }, $sto)
		    if $f =~ m{^\Q$ENV{E2E_TMP}\E/};
	}
}
our %PAGE = (
	ferry   => qr/walk out as talks|harbor-ledger\/ferry-strike|ferry-crews-walk-out-hta/,
	budget  => qr/312 million budget/,
	blog    => qr/\(from the Ledger\)|blogspot/,
	wire    => qr/Low water on Mississippi|mississippi-barges/,
	ice     => qr/Ice storm closes schools/,
	veltrix => qr/Veltrix picks Albany|veltrix-albany-plant/,
	wind    => qr/wind towers/,
	stub    => qr/upstate New York for \$2\.1B|newsbeat/,
	hosp    => qr/maternity wing/,
	de      => qr/Landstromanlage|landstrom-steinwerder/,
	lt      => qr/elektrinių autobusų parkas|elektriniu-autobusu-parkas/,
	ru      => qr/пешеходный мост|most-cherez-lososinku/,
);
sub docs { my $re = $PAGE{$_[0]} or die "no page $_[0]\n";
	grep { join(' ', $_->{title} // '', $_->{url} // '') =~ $re } @D }
sub doc { (docs(@_))[0] // {} }
sub cp_substr { my ($s, $a, $b) = @_;
	return undef unless defined $a && defined $b && $a >= 0 && $b >= $a && $b <= length $s;
	substr($s, $a, $b - $a) }
# The value of the first annotation in LIST whose text matches RE.
sub val { my ($list, $re, $k) = @_;
	for (@{$list // []}) { return $_->{$k // 'value'} // '' if $_->{text} =~ $re }
	'(none)' }
PL
# pj FILE CODE: run perl CODE (UTF-8 source) after the prelude has read
# FILE; prints what CODE prints, or "(perl failed)" with the error.
pj() {
	perl -CA -Mutf8 -e 'my $p = shift @ARGV; do $p; die $@ if $@;' -e "$2" "$W/prelude.pl" "$1" 2>&1 ||
		echo "(perl failed)"
}

# ---- 1. newsfetch ---------------------------------------------------------

newsfetch "$EX/feeds.txt" >"$W/fetch.warc" 2>"$W/fetch.err"
is "$?" 0 "newsfetch exits 0 on the example feeds"
[ -s "$W/fetch.err" ] && diag "$(head -20 "$W/fetch.err")"

warc_index "$W/fetch.warc" >"$W/index"
is "$(head -1 "$W/index" | cut -f1)" warcinfo "the WARC starts with a warcinfo record"

missing=$(printf '%s\n' "$PAGES" | while read -r u; do
	grep -qxF "response	$u" "$W/index" || echo "$u"
done)
is "$missing" "" "every one of the $NPAGES example pages has a response record"

NRESP=$(grep -c '^response	file://.*/pages/' "$W/index")
is "$(grep '^response	file://.*/pages/' "$W/index" | sort | uniq -d)" "" "no page is fetched twice"

for f in wire.rss blog.atom europe.rss coastal-times.json; do
	grep -qxF "response	file://$EX/feeds/$f" "$W/index"
	ok $? "the feed $f is archived as a response record too"
done

LC_ALL=C grep -a -q '^item-title: Ferry crews walk out as talks with Harbor Transit Authority collapse' "$W/fetch.warc"
ok $? "a metadata record carries the RSS item's title"
LC_ALL=C grep -a -q "^feed-url: file://$EX/feeds/blog.atom" "$W/fetch.warc"
ok $? "a metadata record names the Atom feed an entry came from"
is "$(awk -F'\t' '$1 == "metadata" { print $2 }' "$W/index" | grep -c 'port-of-albany-wind-towers')" 1 \
	"a page only a JSON Feed links to is fetched, with its metadata record"
is "$(grep -c '^metadata	' "$W/index")" 12 \
	"one metadata record for each of the 12 pages found in feeds (one is in two feeds)"
LC_ALL=C grep -a -q '^HTTP/1.1 200 OK' "$W/fetch.warc"
ok $? "file: URLs get a synthetic HTTP/1.1 200 OK response"

# ---- 2. newsclean ---------------------------------------------------------

newsclean <"$W/fetch.warc" >"$W/clean.jsonl" 2>"$W/clean.err"
is "$?" 0 "newsclean exits 0 (feeds are skipped with a note, not a failure)"
[ -s "$W/clean.err" ] && diag "$(head -20 "$W/clean.err")"

is "$(pj "$W/clean.jsonl" 'print scalar @D')" "$NRESP" "newsclean writes one document per page in the WARC"
is "$(pj "$W/clean.jsonl" 'print join "\n", map { $_->{url} // "(no url)" } grep { length($_->{text} // "") < 200 } @D')" "" \
	"every document has a text of at least 200 characters"
is "$(pj "$W/clean.jsonl" 'my %s; $s{$_->{id} // ""}++ for @D; print scalar(grep { $_ ne "" } keys %s)')" "$NRESP" \
	"every document has its own id"

# Chrome that must not reach any text, before or after newsmerge.
cat >"$W/chrome.pl" <<'PL'
use utf8;
our @CHROME = (
	[blogger    => qr/Followers|Search this blog|Blog Archive|Posted by|No comments:|Newer Post|Older Post|Subscribe to: Post Comments|Labels:|View my complete profile|Powered by Blogger|BlogThis/i],
	[aggregator => qr/Read at Axios|Unable to calculate read time|#[A-Z][A-Za-z]+|Trending on Newsbeat|Not interested|^Axios ·/m],
	[cookies    => qr/cookie|Accept all|Alle akzeptieren|slapuk|Sutinku|файлы cookie/i],
	[comments   => qr/islandmom04|dockhand_1998|Leave a Reply|farmer_dave|oldriverman|Reader Comments|Hafenblick_HH|Kommentare \(|Komentarai|Комментарии|must be logged in/],
	[share      => qr/Share on Facebook|Share this story|Copy article link|E-mail to a friend|Email This|Gift this article|Teilen:|Dalintis:|Поделиться/],
	[related    => qr/HTA board approves|More from Local News|Recommended for you|Related Stories|More in Business|Mehr zum Thema|Susiję straipsniai|Читайте также|Most Read|Most Popular|Meistgelesen/],
	[footer     => qr/All rights reserved|Privacy Policy|Terms of Use|Impressum|Visos teisės saugomos|Все права защищены|Powered by BLOX/i],
	[newsletter => qr/Sign Up For Our Newsletter|Get the Morning Ledger|Business Briefing/i],
	[ads        => qr/Advertisement|Anzeige|Subscribe for \$1|Subscribe today/],
);
PL
chrome_check() { # FILE GROUP: lines "url: match" for every text with that chrome
	pj "$1" 'do "'"$W"'/chrome.pl"; our @CHROME;
		for my $c (@CHROME) { next unless $c->[0] eq "'"$2"'";
			for (@D) { my $t = $_->{text} // ""; print(($_->{url} // "?"), ": $&\n") if $t =~ $c->[1] } }'
}
for g in blogger aggregator cookies comments share related footer newsletter ads; do
	is "$(chrome_check "$W/clean.jsonl" $g)" "" "no $g chrome in any newsclean text"
done

is "$(pj "$W/clean.jsonl" 'for (@D) { my ($t, $x) = ($_->{title} // "", $_->{text} // "");
		print "$_->{url}\n" if length $t && $x =~ /^\Q$t\E$/m }')" "" "no line of a text repeats its title"
is "$(pj "$W/clean.jsonl" 'for my $d (@D) { my %a = map { $_ => 1 } @{$d->{authors} // []};
		for (split /\n/, $d->{text} // "") { print "$d->{url}: $_\n" if /^(By|Von) \p{Lu}|Posted: |^Текст: / || $a{$_} } }')" "" \
	"no byline repeated as chrome (By ..., Posted: ..., Von ..., a line that is just the author)"
ferry_text=$(pj "$W/clean.jsonl" 'print doc("ferry")->{text} // ""')
like "$ferry_text" '^PORTLAND, Maine — Ferry service to Peaks Island' "the ferry article's text has its first paragraph"
like "$ferry_text" 'The last ferry strike in Casco Bay, in 1998, lasted nine days\.' "... and its last paragraph"
is "$(pj "$W/clean.jsonl" 'print doc("ferry")->{text} =~ /collapsed\.\nAbout 60 deckhands/ ? "yes" : "no"')" yes \
	"paragraphs are separated by one newline"
is "$(pj "$W/clean.jsonl" 'my $t = doc("blog")->{text} // "";
	print $t =~ /^Passing this along/ && $t =~ /lasted nine days\./ ? "yes" : "no"')" yes \
	"the Blogger post keeps its intro line and the whole reposted article"
ice_text=$(pj "$W/clean.jsonl" 'print doc("ice")->{text} // ""')
like "$ice_text" 'Which schools are closed' "headings are kept"
like "$ice_text" 'Faribault Public Schools: closed, no e-learning\.' "list items are kept"
like "$ice_text" 'Our drivers made it about a mile' "block quotes are kept"
like "$(pj "$W/clean.jsonl" 'print doc("stub")->{text} // ""')" 'Why it matters' \
	"the aggregator stub keeps its summary"
de_text=$(pj "$W/clean.jsonl" 'print doc("de")->{text} // ""')
like "$de_text" 'Övelgönne.*' "the windows-1252 German page is decoded to UTF-8"
like "$de_text" 'Großteil der Stickoxide' "German text keeps ß and umlauts"

is "$(pj "$W/clean.jsonl" 'print doc("ferry")->{title} // ""')" \
	"Ferry crews walk out as talks with Harbor Transit Authority collapse" "title without the site suffix"
is "$(pj "$W/clean.jsonl" 'print join "|", sort map { $_->{title} // "" } docs("wire")')" \
	"Low water on Mississippi forces barges to lighten loads|Low water on Mississippi forces barges to lighten loads" \
	"both wire copies get the same title, whatever the site's suffix"
is "$(pj "$W/clean.jsonl" 'print join ",", @{doc("veltrix")->{authors} // []}')" "Priya Raman,Jonah Weiss" \
	"authors come from JSON-LD"
is "$(pj "$W/clean.jsonl" 'print doc("ferry")->{authors}[0] // ""')" "Tom Avery" "author comes from the meta tag"

while read -r key want how; do
	is "$(pj "$W/clean.jsonl" "print substr(doc('$key')->{date} // 'null', 0, 10)")" "$want" \
		"date of the $key page from $how"
done <<'EOF'
ferry 2025-11-22 article:published_time
budget 2025-11-19 JSON-LD
wire 2025-11-20 <time> or meta name=date
ice 2025-11-20 the URL path or the feed
veltrix 2025-11-18 JSON-LD
wind 2025-11-17 JSON-LD
stub 2025-11-18 <time datetime>
blog 2025-11-22 Blogger's abbr.published
hosp 2025-11-21 meta name=date
de 2025-11-16 the visible "am 16. November 2025"
lt 2025-11-27 the visible "2025 m. lapkričio 27 d."
ru 2025-11-21 the visible "21 ноября 2025 года"
EOF

is "$(pj "$W/clean.jsonl" 'print join " ", map { doc($_)->{language} // "?" } qw(ferry de lt ru)')" \
	"en de lt ru" "languages: en, de, lt, ru"
like "$(pj "$W/clean.jsonl" 'print doc("ferry")->{fetched} // ""')" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}(\.[0-9]+)?Z$' \
	"fetched is an RFC 3339 UTC time"

# The same capture with -z (one gzip member per record) cleans the same.
newsfetch -z "$EX/feeds.txt" >"$W/fetch.warc.gz" 2>/dev/null
is "$(head -c 2 "$W/fetch.warc.gz" | od -An -tx1 | tr -d ' \n')" 1f8b "newsfetch -z writes gzip"
is "$(gzip -dc "$W/fetch.warc.gz" | LC_ALL=C grep -a -c '^WARC/1.1')" "$(LC_ALL=C grep -a -c '^WARC/1.1' "$W/fetch.warc")" \
	"... with the same number of records"
# members: how many gzip members, and how many hold exactly one record.
members=$(perl -MIO::Uncompress::Gunzip -e '
	my $z = IO::Uncompress::Gunzip->new($ARGV[0], MultiStream => 0, Transparent => 0) or die;
	my ($n, $one) = (0, 0);
	do {
		my ($all, $buf) = ("", "");
		$all .= $buf while $z->read($buf) > 0;
		my $k = () = $all =~ /^WARC\/1\.[01]\r$/mg;
		$n++; $one++ if $k == 1 && $all =~ /\AWARC\/1\.[01]\r\n/;
	} while ($z->nextStream > 0);
	print "$n $one"' "$W/fetch.warc.gz" 2>&1)
nrec=$(LC_ALL=C grep -a -c '^WARC/1.1' "$W/fetch.warc")
is "$members" "$nrec $nrec" "... each record its own gzip member"
newsclean <"$W/fetch.warc.gz" >"$W/cleanz.jsonl" 2>/dev/null
is "$(pj "$W/cleanz.jsonl" 'print join "\n", sort map { "$_->{url} $_->{text}" } @D')" \
   "$(pj "$W/clean.jsonl" 'print join "\n", sort map { "$_->{url} $_->{text}" } @D')" \
	"newsclean reads the gzip WARC into the same documents"

# ---- 3. newssplit ---------------------------------------------------------

newssplit <"$W/clean.jsonl" >"$W/split.jsonl" 2>"$W/split.err"
is "$?" 0 "newssplit exits 0"
[ -s "$W/split.err" ] && diag "$(head -20 "$W/split.err")"
is "$(pj "$W/split.jsonl" 'print scalar @D')" "$NRESP" "newssplit passes every document through"
is "$(pj "$W/split.jsonl" 'print join "\n", map { $_->{url} // "?" } grep { !@{$_->{sentences} // []} } @D')" "" \
	"every document has sentences"
is "$(pj "$W/split.jsonl" 'for my $d (@D) { for (@{$d->{sentences}}) {
		my $s = cp_substr($d->{text}, $_->{start}, $_->{end});
		print "$d->{url}: [$_->{start},$_->{end}) \"$_->{text}\"\n" unless defined $s && $s eq $_->{text} } }')" "" \
	"every sentence is text[start:end] in code points"
is "$(pj "$W/split.jsonl" 'for my $d (@D) { for (@{$d->{sentences}}) {
		print "$_->{text}\n" if $_->{text} =~ /\b(U\.S|St|Dr|mln|proc)\.$/ } }')" "" \
	"no sentence ends at U.S., St., Dr., mln. or proc."
like "$(pj "$W/split.jsonl" 'print "$_->{text}\n" for @{doc("ferry")->{sentences}}')" \
	'^Talks are scheduled to resume on Monday, according to the union\.$' "a plain sentence is found whole"
like "$(pj "$W/split.jsonl" 'print "$_->{text}\n" for @{doc("ru")->{sentences}}')" \
	'^Строительство обошлось городу примерно в 96 млн руб\.$' "Russian sentences are split"

# ---- 4. newstag -----------------------------------------------------------

newstag <"$W/split.jsonl" >"$W/tag.jsonl" 2>"$W/tag.err"
is "$?" 0 "newstag exits 0"
[ -s "$W/tag.err" ] && diag "$(head -20 "$W/tag.err")"
is "$(pj "$W/tag.jsonl" 'print scalar @D')" "$NRESP" "newstag passes every document through"
is "$(pj "$W/tag.jsonl" 'print join "\n", map { $_->{url} // "?" } grep { !@{$_->{entities} // []} || !@{$_->{dates} // []} } @D')" "" \
	"every document has entities and dates"
is "$(pj "$W/tag.jsonl" 'for my $d (@D) { for my $k (qw(entities dates)) { for (@{$d->{$k} // []}) {
		my $s = cp_substr($d->{text}, $_->{start}, $_->{end});
		print "$d->{url}: $k \"$_->{text}\"\n" unless defined $s && $s eq $_->{text} } } }')" "" \
	"every entity and date is text[start:end] in code points"
is "$(pj "$W/tag.jsonl" 'for my $d (@D) { for (@{$d->{entities}}) {
		print "$_->{text} $_->{type}\n" unless $_->{type} =~ /^(PER|ORG|LOC|MISC)$/ && defined $_->{id} } }')" "" \
	"entity types are PER, ORG, LOC or MISC, each with an id"
is "$(pj "$W/tag.jsonl" 'print val(doc("ferry")->{entities}, qr/^Maria Lindqvist$/, "type")')" PER "Maria Lindqvist is a person"
is "$(pj "$W/tag.jsonl" 'my $e = doc("ferry")->{entities}; print val($e, qr/^Harbor Transit Authority$/, "type")')" ORG \
	"the Harbor Transit Authority is an organization"
is "$(pj "$W/tag.jsonl" 'print val(doc("ferry")->{entities}, qr/^Portland$/, "type")')" LOC "Portland is a place"
is "$(pj "$W/tag.jsonl" 'print val(doc("wire")->{entities}, qr/^St\. Louis$/, "type")')" LOC "St. Louis is one place, not a person named Louis"
is "$(pj "$W/tag.jsonl" 'my $e = doc("ferry")->{entities};
	print val($e, qr/^Lindqvist$/, "id") eq val($e, qr/^Maria Lindqvist$/, "id") ? "same" : "different"')" same \
	"Lindqvist after Maria Lindqvist shares her id"
is "$(pj "$W/tag.jsonl" 'my $e = doc("ferry")->{entities};
	print val($e, qr/^HTA$/, "id") eq val($e, qr/^Harbor Transit Authority$/, "id") ? "same" : "different"')" same \
	"HTA shares the id of Harbor Transit Authority (HTA)"

while read -r key re want what; do
	is "$(pj "$W/tag.jsonl" "print val(doc('$key')->{dates}, qr/$re/)")" "$want" "$what"
done <<'EOF'
ferry ^(on\s)?Friday$ 2025-11-21 "on Friday" in an article of Saturday 2025-11-22 is 2025-11-21
ferry earlier\sthis\sweek 2025-W47 "earlier this week" is 2025-W47
ferry late\sOctober 2025-10 "late October" is 2025-10
ferry ^(in\s)?1998$ 1998 "in 1998" is 1998
ferry ^(on\s)?Monday$ 2025-11-24 "talks are scheduled to resume on Monday" (future) in an article of Saturday 2025-11-22 is 2025-11-24
budget ^(on\s)?Tuesday$ 2025-11-18 "on Tuesday" in an article of Wednesday 2025-11-19 is 2025-11-18
budget last\smonth 2025-10 "last month" in November 2025 is 2025-10
wire ^(on\s)?Wednesday$ 2025-11-19 "on Wednesday" in the wire article of Thursday 2025-11-20 is 2025-11-19
wire ^(through\s)?early\sDecember$ 2025-12 "early December" in an article of 2025-11-20 is the coming 2025-12
de ^(am\s)?Freitag$ 2025-11-14 German "am Freitag" in an article of Sunday 2025-11-16 is 2025-11-14
ru ^([Вв]\s)?пятницу$ 2025-11-21 Russian "в пятницу" in an article of Friday 2025-11-21 is that day
lt praėjusį\smėnesį 2025-10 Lithuanian "praėjusį mėnesį" is 2025-10
EOF
is "$(pj "$W/tag.jsonl" 'print val(doc("ferry")->{dates}, qr/late October/, "mod")')" END '"late October" has mod END'
like "$(pj "$W/tag.jsonl" 'print val(doc("wind")->{dates}, qr/Sunday/)')" '^2025-11-16' \
	'"on Sunday morning" in an article of Monday 2025-11-17 is 2025-11-16'

# ---- 5. newsmerge ---------------------------------------------------------

newsmerge "$C" <"$W/tag.jsonl" >"$W/added.jsonl" 2>"$W/merge.err"
is "$?" 0 "newsmerge exits 0"
[ -s "$W/merge.err" ] && diag "$(head -20 "$W/merge.err")"
cat "$C/documents.jsonl" "$C"/documents-*.jsonl >"$W/docs1.jsonl" 2>/dev/null

is "$(pj "$W/docs1.jsonl" 'print scalar docs("wire")')" 1 "the two copies of the wire article collapse to one kept document"
is "$(pj "$C/duplicates.jsonl" 'print scalar docs("wire")')" 1 "... and one duplicates.jsonl line"
is "$(pj "$C/duplicates.jsonl" 'my $id = (docs("wire"))[0]{duplicate_of} // "none"; print $id') " \
   "$(pj "$W/docs1.jsonl" 'print doc("wire")->{id} // "none"') " "the duplicate names the kept copy's id"
# The Blogger repost adds a lead-in line and drops a credit line: only
# near-duplicate detection (MinHash over shingles) can join it.
is "$(pj "$W/docs1.jsonl" 'print scalar(docs("ferry")) + scalar(docs("blog"))')" 1 \
	"the Blogger repost and the article it reposts collapse to one kept document"
is "$(grep -c . "$C/duplicates.jsonl")" 2 "duplicates.jsonl has exactly those two lines"
is "$(pj "$C/duplicates.jsonl" 'print join " ", grep { !/^[0-9.eE+-]+$/ || $_ < 0.5 || $_ > 1 }
	map { $_->{similarity} // "none" } @D')" "" "each duplicate has a similarity between 0.5 and 1"
is "$(pj "$W/docs1.jsonl" 'print scalar @D')" $((NRESP - 2)) "the corpus keeps the other $((NRESP - 2)) documents"
is "$(pj "$C/duplicates.jsonl" 'print scalar(grep { ($_->{kind} // "") eq "exact" } @D)')" 1 \
	"the second wire copy is recorded as an exact duplicate"
for g in blogger aggregator cookies comments; do
	is "$(chrome_check "$W/docs1.jsonl" $g)" "" "no $g chrome in any kept text"
done
is "$(pj "$W/docs1.jsonl" 'print join "\n", map { $_->{url} // "?" } grep { !@{$_->{sentences} // []} || !@{$_->{entities} // []} || !@{$_->{dates} // []} } @D')" "" \
	"every kept document keeps its sentences, entities and dates"
cmp -s "$W/added.jsonl" "$W/docs1.jsonl"
ok $? "newsmerge's stdout is exactly the documents it added"

# ---- 6. the same pipeline again, as one pipe, into the same corpus --------

{ newsfetch "$EX/feeds.txt"; echo $? >"$W/st1"; } 2>/dev/null |
	{ newsclean; echo $? >"$W/st2"; } 2>/dev/null |
	{ newssplit; echo $? >"$W/st3"; } 2>/dev/null |
	{ newstag; echo $? >"$W/st4"; } 2>/dev/null |
	{ newsmerge "$C"; echo $? >"$W/st5"; } >"$W/added2.jsonl" 2>"$W/merge2.err"
is "$(cat "$W/st1" "$W/st2" "$W/st3" "$W/st4" "$W/st5" | tr '\n' ' ')" "0 0 0 0 0 " \
	"a second run of the whole pipe exits 0 at every stage"
is "$(wc -c <"$W/added2.jsonl" | tr -d ' ')" 0 "the second run adds nothing (stdout is empty)"
cat "$C/documents.jsonl" "$C"/documents-*.jsonl >"$W/docs2.jsonl" 2>/dev/null
cmp -s "$W/docs1.jsonl" "$W/docs2.jsonl"
ok $? "the second run leaves the kept documents byte for byte as they were"

# ---- 7. cron: a state file makes the next run fetch only what is new ------

newsfetch -s "$W/state" "$EX/feeds.txt" >"$W/s1.warc" 2>/dev/null
newsfetch -s "$W/state" "$EX/feeds.txt" >"$W/s2.warc" 2>"$W/s2.err"
is "$?" 0 "newsfetch with a state file exits 0 on the second run"
is "$(warc_index "$W/s1.warc" | grep -c '^response	file://.*/pages/')" "$NRESP" "the first run with a state file fetches every page"
is "$(warc_index "$W/s2.warc" | grep '^response	file://.*/pages/' | grep -vc '/newsbeat/')" 0 \
	"the second run fetches none of the feed items again"

# ---- 8. a single stage in plain mode --------------------------------------

newsclean -t <"$EX/pages/harbor-ledger/ferry-strike.html" >"$W/ferry.txt" 2>/dev/null
is "$?" 0 "newsclean -t reads one HTML page"
like "$(cat "$W/ferry.txt")" '^PORTLAND, Maine — Ferry service' "newsclean -t prints the article text"
grep -Eq 'Accept all|islandmom04|Most Read' "$W/ferry.txt"
is "$?" 1 "newsclean -t prints no chrome"

done_testing

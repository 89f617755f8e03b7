#!/bin/bash
# Every program against the same bad inputs: an empty stream, random bytes,
# a truncated WARC, invalid UTF-8, a non-JSON line and a 50 MB line. Each
# must name the bad record on stderr, keep the good records around it and
# exit with its documented code (0 ok, 1 some records failed).
. "$(dirname "$0")/lib.sh"

D=$T_TMP
good1='{"id":"g1","url":"https://example.com/one","date":"2025-11-22","language":"en","text":"The council met on Friday in Vilnius. Mayor Anna Berg said the budget was approved."}'
good2='{"id":"g2","url":"https://example.com/two","date":"2025-11-22","language":"en","text":"Heavy rain closed the A1 motorway near Kaunas on Thursday. Police said nobody was hurt."}'

python3 - "$D" <<'PY'
import random, sys, os
sys.path.insert(0, os.path.join(os.environ["TOP"], "eval"))
import warcwriter
d = sys.argv[1]
r = random.Random(1234)
open(d + "/random.bin", "wb").write(bytes(r.getrandbits(8) for _ in range(200000)))
with open(d + "/big.line", "wb") as f:
    f.write(b'{"id":"huge","text":"' + b"a" * (50 << 20) + b'"}\n')
def page(n):
    body = ("<html lang=en><head><title>Story %d</title></head><body><article><h1>Story %d</h1>"
            "<p>The regional council in Vilnius approved the new budget for schools and hospitals on Friday after a long debate.</p>"
            "<p>Mayor Anna Berg said the plan would be reviewed again next year, and that the opposition had been consulted.</p>"
            "</article></body></html>") % (n, n)
    return body.encode()
w = b"".join(warcwriter.response("https://example.com/story/%d" % i, page(i),
                                 "text/html; charset=utf-8") for i in range(3))
open(d + "/good.warc", "wb").write(w)
open(d + "/trunc.warc", "wb").write(w[:len(w) - 120])
PY
{ echo "$good1"; echo "$good2"; } >"$D/good.jsonl"
{ echo "$good1"; echo 'this is not JSON {'; echo "$good2"; } >"$D/nonjson.jsonl"
{ echo "$good1"; printf '{"id":"bad","text":"caf\xe9 \xff"}\n'; echo "$good2"; } >"$D/badutf8.jsonl"
{ echo "$good1"; cat "$D/big.line"; echo "$good2"; } >"$D/bigline.jsonl"
{ echo "$good1"; head -c 3000 "$D/good.warc"; echo; echo "$good2"; } >"$D/warcmix.jsonl"
rm -f "$D/big.line"

# run PROG INPUT: status, stdout in $D/out, stderr in $D/err.
run() {
	_p=$1; _in=$2; shift 2
	case $_p in
	newsmerge) rm -rf "$D/corpus"; "$_p" "$@" "$D/corpus" <"$_in" >"$D/out" 2>"$D/err" ;;
	*) "$_p" "$@" <"$_in" >"$D/out" 2>"$D/err" ;;
	esac
	echo $?
}
ids() { python3 -c 'import sys,json; print(" ".join(json.loads(l).get("id","?") for l in sys.stdin if l.strip()))' <"$D/out"; }

for p in newssplit newstag newsmerge; do
	: >"$D/empty"
	is "$(run $p "$D/empty")" 0 "$p: empty input exits 0"
	is "$(wc -c <"$D/out" | tr -d ' ')" 0 "$p: empty input writes nothing"
	is "$(run $p "$D/nonjson.jsonl")" 1 "$p: a non-JSON line exits 1"
	is "$(ids)" "g1 g2" "$p: records around the non-JSON line are kept"
	like "$(cat "$D/err")" "line 2.*(not JSON|JSON)" "$p: message names line 2"
	is "$(run $p "$D/badutf8.jsonl")" 1 "$p: invalid UTF-8 line exits 1"
	is "$(ids)" "g1 g2" "$p: records around the invalid UTF-8 line are kept"
	like "$(cat "$D/err")" "line 2" "$p: invalid UTF-8 message names line 2"
	is "$(run $p "$D/bigline.jsonl")" 1 "$p: a 50 MB line exits 1"
	is "$(ids)" "g1 g2" "$p: records around the 50 MB line are kept"
	like "$(cat "$D/err")" "line 2.*(larger|limit|long)" "$p: message names line 2 as too large"
	st=$(run $p "$D/random.bin")
	is "$st" 1 "$p: random bytes exit 1"
	like "$(head -1 "$D/err")" "line [0-9]+" "$p: random bytes reported by line"
	is "$(run $p "$D/warcmix.jsonl")" 1 "$p: WARC bytes in JSON input exit 1"
	is "$(ids)" "g1 g2" "$p: good records around WARC bytes kept"
done

# newsclean reads WARC or HTML.
is "$(run newsclean "$D/good.warc")" 0 "newsclean: good WARC exits 0"
is "$(wc -l <"$D/out" | tr -d ' ')" 3 "newsclean: three documents from three records"
is "$(run newsclean "$D/trunc.warc")" 1 "newsclean: truncated WARC exits 1"
is "$(wc -l <"$D/out" | tr -d ' ')" 2 "newsclean: the two whole records are kept"
like "$(cat "$D/err")" "record 3.*truncated" "newsclean: truncation names record 3"
: >"$D/empty"
is "$(run newsclean "$D/empty")" 0 "newsclean: empty input exits 0"
is "$(wc -c <"$D/out" | tr -d ' ')" 0 "newsclean: empty input writes nothing"
st=$(run newsclean "$D/random.bin")
ok $([ "$st" -le 1 ] && echo 0 || echo 1) "newsclean: random bytes handled (exit $st)"
python3 -c 'import sys
for l in open(sys.argv[1], encoding="utf-8"): pass' "$D/out" 2>/dev/null
ok $? "newsclean: output from random bytes is valid UTF-8"
printf '<html><head><title>Caf\xe9 \xff</title></head><body><article><p>The mayor of Vilnius said the caf\xe9 would reopen on Friday after repairs to the roof and the kitchen.</p><p>Workers had found water damage in the walls during an inspection last month.</p></article></body></html>' >"$D/bad.html"
st=$(run newsclean "$D/bad.html")
is "$st" 0 "newsclean: HTML with invalid UTF-8 is cleaned (exit 0)"
python3 -c 'import sys,json
d=json.loads(open(sys.argv[1],encoding="utf-8").read())
assert "reopen on Friday" in d["text"], d' "$D/out"
ok $? "newsclean: invalid bytes repaired, text kept"
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/huge.html", "wb") as f:
    f.write(b"<html><body><p>" + b"word " * (11 << 20) + b"</p></body></html>")
PY
st=$(run newsclean "$D/huge.html")
is "$st" 1 "newsclean: a 55 MB document exits 1"
like "$(cat "$D/err")" "(larger|limit)" "newsclean: says the document is over the limit"
rm -f "$D/huge.html"

# newsfetch reads URL lists.
is "$(run newsfetch "$D/empty")" 0 "newsfetch: empty URL list exits 0"
st=$(run newsfetch "$D/random.bin")
is "$st" 1 "newsfetch: random bytes as URL list exit 1"
like "$(head -1 "$D/err")" "line [0-9]+" "newsfetch: bad list lines named by line"
# A list with a good page between bad lines: invalid UTF-8, WARC bytes, a
# 50 MB line. The page is fetched, every bad line is named.
mkdir -p "$D/site"
printf '<html><head><title>Bridge</title></head><body><p>The bridge reopened on Friday after two months of repairs to its deck.</p></body></html>' >"$D/site/page.html"
{
	printf 'file://%s/site/page.html\n' "$D"
	printf 'http://exa\xffmple.com/\xfe\n'
	head -c 600 "$D/good.warc"; echo
	python3 -c 'import sys; sys.stdout.write("http://example.com/" + "a" * (50 << 20) + "\n")'
	printf 'file://%s/site/page.html?again\n' "$D"
} >"$D/list.txt"
st=$(run newsfetch "$D/list.txt")
is "$st" 1 "newsfetch: a list with bad lines exits 1"
is "$(LC_ALL=C grep -a -c '^WARC-Type: response' "$D/out")" 2 "newsfetch: the good URLs around the bad lines are fetched"
like "$(cat "$D/err")" "line 2" "newsfetch: the invalid UTF-8 line is named"
like "$(cat "$D/err")" "line [0-9]+:.*(long|larger|limit)" "newsfetch: the 50 MB line is named as too long"
done_testing

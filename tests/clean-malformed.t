#!/bin/bash
# newsclean on malformed and hostile input: a 20 MB page (an article and
# 95,000 comments), pages nested 100,000 levels deep (run with a 1 MB
# stack, so a recursive walk would crash), NUL bytes and binary junk in
# a page, and a WARC whose HTML record is random bytes between two good
# ones. Memory is bounded with ulimit -v (not under ASan, which reserves
# terabytes of address space).
. "$(dirname "$0")/lib.sh"

D=$T_TMP
has() { grep -qF -- "$2" "$1"; }
# limited CMD...: run CMD with at most 1 GB of memory and a 1 MB stack.
limited() {
	if [ -n "${NF_ASAN:-}" ]; then
		(ulimit -s 1024; "$@")
	else
		(ulimit -v 1048576 -s 1024; "$@")
	fi
}

# --- a 20 MB page: the article, then 95,000 comments
python3 - "$D/big.html" <<'PY'
import sys
art = "".join("<p>Paragraph %d of the article says something about the harbour, the ferry, and the council's plans for the winter season.</p>" % i for i in range(8))
com = "".join('<li class="comment"><div class="comment-author">Reader %d says:</div><div class="comment-content"><p>I have lived by the harbour for %d years and the ferry has never once been on time, which is why I cycle.</p></div></li>' % (i, i % 80) for i in range(95000))
open(sys.argv[1], "w").write("<html><head><title>The harbour plan for winter</title></head><body><article><h1>The harbour plan for winter</h1>" + art + "</article><section id=\"comments\"><h2>Comments</h2><ol class=\"comment-list\">" + com + "</ol></section></body></html>")
PY
size=$(wc -c <"$D/big.html" | tr -d ' ')
ok $([ "$size" -gt 20000000 ]; echo $?) "the big page is over 20 MB ($size bytes)"
limited newsclean -t "$D/big.html" >"$D/big.txt" 2>"$D/err"
is "$?" 0 "20 MB page: exit 0 within 1 GB and a 1 MB stack"
is "$(wc -l <"$D/big.txt" | tr -d ' ')" 8 "20 MB page: the eight article paragraphs, nothing else"
t "20 MB page: last article paragraph kept" has "$D/big.txt" "Paragraph 7 of the article"
! has "$D/big.txt" "which is why I cycle"
ok $? "20 MB page: no comment"

# --- 100,000 levels of nesting, with text before, inside and after
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
a = "<p>Before the nest comes a paragraph with enough words, commas, and text to count as an article.</p>"
b = "<p>The deep paragraph has many words too, and it sits inside a very deep nest of divisions here.</p>"
c = "<p>After the nest, a closing paragraph with more words, commas, and text for the article.</p>"
open(d + "/deep.html", "w").write("<html><body>" + a + "<div>" * 100000 + b + "</div>" * 100000 + c + "</body></html>")
open(d + "/deep-only.html", "w").write("<html><body>" + "<div>" * 100000 + b + "</div>" * 100000 + "</body></html>")
# unclosed inline tags, the way broken pages nest: 100,000 <b> never closed
open(d + "/unclosed.html", "w").write("<html><body>" + a + "<b>x" * 100000 + b + "</body></html>")
PY
limited newsclean -t "$D/deep.html" >"$D/deep.txt" 2>"$D/err"
is "$?" 0 "100,000 nested divs: exit 0 with a 1 MB stack"
t "100,000 nested divs: the paragraph before the nest kept" has "$D/deep.txt" "Before the nest comes a paragraph"
t "100,000 nested divs: the paragraph at the bottom of the nest kept" has "$D/deep.txt" "The deep paragraph has many words too"
t "100,000 nested divs: the paragraph after the nest kept" has "$D/deep.txt" "After the nest, a closing paragraph"
limited newsclean -t "$D/deep-only.html" >"$D/deep.txt" 2>"$D/err"
is "$?" 0 "text only at depth 100,000: exit 0"
t "text only at depth 100,000: it is the article" has "$D/deep.txt" "The deep paragraph has many words too"
limited newsclean -t "$D/unclosed.html" >"$D/deep.txt" 2>"$D/err"
ok $([ $? -le 1 ]; echo $?) "100,000 unclosed <b>: exit 0 or 1, no crash"
t "100,000 unclosed <b>: the paragraph before them kept" has "$D/deep.txt" "Before the nest comes a paragraph"

# --- NUL bytes and binary junk inside a page
printf '<html><body><p>The first paragraph of the article has enough words, commas, and text to count as one.</p>\0\0\0\001\002<p>The second paragraph, after some NUL bytes, also has enough words and commas to count.</p></body></html>' >"$D/nul.html"
limited newsclean -t "$D/nul.html" >"$D/nul.txt" 2>"$D/err"
is "$?" 0 "NUL bytes in a page: exit 0"
t "NUL bytes in a page: the text after them kept" has "$D/nul.txt" "The second paragraph, after some NUL bytes"
! grep -qP '\x00' "$D/nul.txt"
ok $? "NUL bytes in a page: none in the output"
{ printf '<html><body><p>Real words before the junk, in a paragraph long enough to be an article on its own.</p>'
  head -c 300000 /dev/urandom
  printf '</body></html>'; } >"$D/junk.html"
limited newsclean "$D/junk.html" >"$D/junk.json" 2>"$D/err"
ok $([ $? -le 1 ]; echo $?) "300 KB of random bytes in a page: exit 0 or 1"
python3 -c 'import json,sys,unicodedata
for l in open(sys.argv[1], encoding="utf-8"):
    t = json.loads(l)["text"]
    assert unicodedata.is_normalized("NFC", t)' "$D/junk.json"
ok $? "random bytes in a page: the output is valid UTF-8 JSON in NFC"

# --- a WARC: a good page, a "text/html" record of random bytes, a good page
python3 - "$D" <<'PY'
import os, sys
sys.path.insert(0, os.path.join(os.environ["TOP"], "eval"))
import warcwriter
d = sys.argv[1]
good = lambda s: ("<html><body><article><p>%s says the harbour bridge reopened on Thursday morning, two years after engineers closed it.</p></article></body></html>" % s).encode()
pages = [("https://one.example.com/a", good("The first page")),
         ("https://junk.example.com/b", os.urandom(200000)),
         ("https://three.example.com/c", good("The third page"))]
with open(d + "/junk.warc", "wb") as f:
    warcwriter.write(f, pages)
PY
limited newsclean -t "$D/junk.warc" >"$D/jw.txt" 2>"$D/err"
ok $([ $? -le 1 ]; echo $?) "WARC with a junk record: exit 0 or 1"
t "WARC with a junk record: the page before it kept" has "$D/jw.txt" "The first page says"
t "WARC with a junk record: the page after it kept" has "$D/jw.txt" "The third page says"

done_testing

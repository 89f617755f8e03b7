#!/bin/bash
# newsmerge: exact duplicates, the corpus directory, bad input, locking.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
[ -d "$NF_SHARED/extract/scrapinghub-aeb" ] || skip_all "no $NF_SHARED"
MK="python3 $TOP/tests/data/merge/mkdocs.py"
D=$T_TMP/corpus
AEB=$T_TMP/aeb.jsonl
$MK aeb >"$AEB"
NAEB=$(wc -l <"$AEB")

# jcheck FILE PYTHON-EXPR: evaluate EXPR with `docs` the parsed lines of
# FILE (every line must be JSON); exit 0 if it is true.
jcheck() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ok = eval(sys.argv[2])
if not ok:
    print("# check failed:", sys.argv[2], file=sys.stderr)
sys.exit(0 if ok else 1)
EOF
}

# Empty input: the directory is created, nothing added.
is "$(status newsmerge "$D" </dev/null)" 0 "empty input exits 0"
is "$(wc -c <"$T_TMP/out")" 0 "empty input writes nothing"
t "empty input creates the corpus files" test -f "$D/documents.jsonl" -a -f "$D/index"
is "$(wc -c <"$D/documents.jsonl")" 0 "empty input adds nothing"

# Real articles: all added, written to stdout and to the corpus.
is "$(status newsmerge -v "$D" <"$AEB")" 0 "AEB articles: exit 0"
is "$(wc -l <"$T_TMP/out")" "$NAEB" "every article is written to stdout"
t "stdout holds exactly the documents added" cmp -s "$T_TMP/out" "$D/documents.jsonl"
like "$(cat "$T_TMP/err")" "^newsmerge: read $NAEB, added $NAEB, exact duplicates 0, .*rejected lines 0$" \
	"summary line with -v"
t "unknown fields are kept" jcheck "$D/documents.jsonl" \
	"all(d.get('x_note') == 'kept as is' and d['source_domain'] for d in docs)"

# The same input again adds nothing; each copy is recorded.
is "$(status newsmerge -v "$D" <"$AEB")" 0 "second run: exit 0"
is "$(wc -c <"$T_TMP/out")" 0 "second run adds nothing"
like "$(cat "$T_TMP/err")" "added 0, exact duplicates 0, id duplicates $NAEB," "second run: all id duplicates"
is "$(wc -l <"$D/documents.jsonl")" "$NAEB" "corpus unchanged"
t "duplicates record the id they repeat" jcheck "$D/duplicates.jsonl" \
	"len(docs) == $NAEB and all(d['kind'] == 'id' and d['duplicate_of'] == d['id'] and d['similarity'] == 1.0 for d in docs)"

# The same text from another URL, and the same text with other white
# space, case, quotes and dashes: exact duplicates of the first.
python3 - "$AEB" >"$T_TMP/copies.jsonl" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1])]
d = next(d for d in docs if "'" in d["text"] and len(d["text"].split()) > 50)
a = dict(d, id="repost1", url="https://blog.example/repost", source_domain="blog.example")
w = d["text"].split()
t = "  \n".join(" ".join(w[i:i + 7]).upper() for i in range(0, len(w), 7))
t = t.replace("'", "\u2019").replace(" - ", " \u2014 ")
b = dict(d, id="repost2", url="https://aggregator.example/x", text="\u00a0" + t + "\t\n")
print(json.dumps(a)); print(json.dumps(b))
print(json.dumps(dict(d, id="orig", url="https://x.example/orig", text="A new story: the harbour ferry ran aground at dawn, and its forty passengers walked ashore.")))
open(sys.argv[1] + ".first", "w").write(d["id"])
EOF
FIRST=$(cat "$AEB.first")
is "$(status newsmerge -v "$D" <"$T_TMP/copies.jsonl")" 0 "copies: exit 0"
is "$(wc -l <"$T_TMP/out")" 1 "only the really new document is added"
like "$(cat "$T_TMP/out")" '"id": ?"orig"' "the added one is the new text"
like "$(cat "$T_TMP/err")" "exact duplicates 2," "two exact duplicates counted"
t "a repost is an exact duplicate of the original" jcheck "$D/duplicates.jsonl" \
	"any(d['id'] == 'repost1' and d['duplicate_of'] == '$FIRST' and d['kind'] == 'exact' and d['url'] == 'https://blog.example/repost' for d in docs)"
t "other white space, case, quotes and dashes: still a duplicate" jcheck "$D/duplicates.jsonl" \
	"any(d['id'] == 'repost2' and d['duplicate_of'] == '$FIRST' and d['kind'] == 'exact' for d in docs)"
t "duplicate records carry an RFC 3339 merge time" jcheck "$D/duplicates.jsonl" \
	"all(__import__('re').fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', d['merged']) for d in docs)"

# Non-Latin text, decomposed accents (NFC), typographic punctuation, and
# a copy within the same input.
python3 - >"$T_TMP/intl.jsonl" <<'EOF'
import json
a = "Кафе́ у Києві: «Café crème» — 5\u00a0грн. Lapkričio 27 d. įvyko ‘susitikimas’."
b = "  КАФЕ́ У КИЄВІ:\n\n\"CAFE\u0301 CRE\u0300ME\" - 5 ГРН.  LAPKRIČIO 27 D. ĮVYKO 'SUSITIKIMAS'. "
for i, t in enumerate([a, b, a]):
    print(json.dumps({"id": "intl%d" % i, "url": "https://ua.example/%d" % i, "text": t}))
EOF
is "$(status newsmerge -v "$D" <"$T_TMP/intl.jsonl")" 0 "non-Latin copies: exit 0"
is "$(wc -l <"$T_TMP/out")" 1 "non-Latin: one kept"
like "$(cat "$T_TMP/err")" "exact duplicates 2," "case, NFC, guillemets and a copy in the same batch are duplicates"

# Same id, changed text: kept as version 2.
python3 -c 'import json; print(json.dumps({"id": "orig", "url": "https://x.example/orig", "text": "Corrected: the story changed after publication."}))' >"$T_TMP/upd.jsonl"
is "$(status newsmerge -v "$D" <"$T_TMP/upd.jsonl")" 0 "updated article: exit 0"
like "$(cat "$T_TMP/out")" '"version":2' "an updated article is kept as version 2"
like "$(cat "$T_TMP/err")" "new versions 1," "new version counted"
is "$(status newsmerge "$D" <"$T_TMP/upd.jsonl"; wc -c <"$T_TMP/out")" "0
0" "the update again is a duplicate"

# A document without an id gets one from its url.
printf '{"url":"https://noid.example/a","text":"A story that came without an id field."}\n' |
	newsmerge "$D" >"$T_TMP/noid"
like "$(cat "$T_TMP/noid")" '"id":"[0-9a-f]{16}"' "missing id derived from the url"

# Bad lines are named and skipped; good ones around them kept.
N0=$(wc -l <"$D/documents.jsonl")
{
	printf '{"id":"g1","text":"First good document between bad lines."}\n'
	printf 'this is not JSON\n'
	printf '{"id":"g2","text":"Second good document after a bad line."}\n'
} >"$T_TMP/bad.jsonl"
is "$(status newsmerge "$D" <"$T_TMP/bad.jsonl")" 1 "non-JSON line: exit 1"
like "$(cat "$T_TMP/err")" "^newsmerge: line 2: not JSON" "message names line 2"
is "$(wc -l <"$T_TMP/out")" 2 "both good documents kept"

{
	printf '{"id":"u1","text":"Good document before invalid UTF-8."}\n'
	printf '{"id":"u2","text":"bad \xff\xfe bytes"}\n'
	printf '{"id":"u3","text":"Good document after invalid UTF-8."}\n'
	printf '{"id":"u4","title":"no text"}\n'
	printf '{"id":"u5","text":"  \\n\\t "}\n'
	printf '{"id":7,"text":"An id that is a number."}\n'
	printf '{"id":"%05000d","text":"An id of 5000 bytes."}\n' 0
} >"$T_TMP/utf.jsonl"
is "$(status newsmerge "$D" <"$T_TMP/utf.jsonl")" 1 "invalid UTF-8: exit 1"
like "$(cat "$T_TMP/err")" "line 2: not JSON" "invalid UTF-8 names line 2"
like "$(cat "$T_TMP/err")" 'line 4 \(u4\): no "text"' "missing text named"
like "$(cat "$T_TMP/err")" 'line 5 \(u5\): empty "text"' "empty text named"
like "$(cat "$T_TMP/err")" 'line 6: "id" is not a string' "non-string id named"
like "$(cat "$T_TMP/err")" 'line 7: "id" longer than 4096 bytes' "overlong id named"
is "$(wc -l <"$T_TMP/out")" 2 "good documents around invalid UTF-8 kept"

python3 - >"$T_TMP/big.jsonl" <<'EOF'
import json
print(json.dumps({"id": "b1", "text": "Before the huge line."}))
print(json.dumps({"id": "b2", "text": "word " * (10 << 20)}))
print(json.dumps({"id": "b3", "text": "After the huge line."}))
EOF
is "$(status newsmerge "$D" <"$T_TMP/big.jsonl")" 1 "50 MB line: exit 1"
like "$(cat "$T_TMP/err")" "line 2: record of [0-9]+ bytes is larger" "50 MB line named"
is "$(wc -l <"$T_TMP/out")" 2 "documents around the 50 MB line kept"
is "$(status newsmerge --max-record 64M "$D" <"$T_TMP/big.jsonl"; wc -l <"$T_TMP/out")" "0
1" "--max-record 64M takes it"

head -c 100000 /dev/urandom >"$T_TMP/random"
st=$(status newsmerge "$D" <"$T_TMP/random")
is "$st" 1 "random bytes: exit 1"
t "corpus still valid JSON Lines" jcheck "$D/documents.jsonl" "len(docs) > 0"

# A torn tail (a run killed inside a write) is cut and reported.
N1=$(wc -l <"$D/documents.jsonl")
head -c 300 "$AEB" >>"$D/documents.jsonl"
is "$(status newsmerge "$D" <"$AEB")" 0 "after a torn tail: exit 0"
like "$(cat "$T_TMP/err")" "documents.jsonl: torn tail of 300 bytes repaired" "torn tail reported"
is "$(wc -l <"$D/documents.jsonl")" "$N1" "torn line removed, nothing else"
is "$(wc -c <"$T_TMP/out")" 0 "nothing added twice after the repair"
t "every line valid after the repair" jcheck "$D/documents.jsonl" \
	"len(set(d['id'] + str(d.get('version', 1)) for d in docs)) == len(docs)"

# A torn index segment is cut; documents it covered are indexed again.
head -c 200 /dev/urandom >>"$D/index"
is "$(status newsmerge -v "$D" <"$AEB")" 0 "after a torn index: exit 0"
like "$(cat "$T_TMP/err")" "index: torn segment of 200 bytes" "torn index reported"
is "$(wc -c <"$T_TMP/out")" 0 "duplicates still found"

# Documents the index does not cover (killed before the index was
# written) are indexed on the next run.
$MK many 50 7 >"$T_TMP/new50.jsonl"
cat "$T_TMP/new50.jsonl" >>"$D/documents.jsonl"
is "$(status newsmerge -v "$D" <"$T_TMP/new50.jsonl")" 0 "uncovered documents: exit 0"
like "$(cat "$T_TMP/err")" "indexed 50 documents the index did not cover" "uncovered documents indexed"
is "$(wc -c <"$T_TMP/out")" 0 "uncovered documents are not added again"

# An index file of random bytes, or a torn merge journal: rebuilt or
# dropped, never trusted.
cp "$D/index" "$T_TMP/index.good"
head -c 70000 /dev/urandom >"$D/index"
is "$(status newsmerge "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "random index: rebuilt, nothing added"
like "$(cat "$T_TMP/err")" "index: not an index of this version, rebuilding" "random index reported"
# An index of format 1 (48-byte entries, no document table; what
# newsmerge wrote before) is rebuilt as format 2, duplicates still found.
python3 -c 'import struct, sys; sys.stdout.buffer.write(b"NFMIDX\0\1" +
    struct.pack("=IIIIQ", 0x01020304, 1, 3, 48, 64) + bytes(32))' >"$D/index"
head -c 1000 /dev/urandom >>"$D/index"
is "$(status newsmerge "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "format 1 index: rebuilt, nothing added"
like "$(cat "$T_TMP/err")" "index: not an index of this version, rebuilding" "format 1 index reported"
is "$(od -An -tu4 -j12 -N4 "$D/index" | tr -d ' ') $(od -An -tu4 -j20 -N4 "$D/index" | tr -d ' ')" \
	"2 24" "rebuilt as format 2, 24-byte entries"
head -c 64 "$T_TMP/index.good" >"$D/index"
head -c 5000 /dev/urandom >>"$D/index"
is "$(status newsmerge "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "header then random bytes: repaired, nothing added"
head -c 3000 /dev/urandom >"$D/index.tail"
is "$(status newsmerge "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "torn merge journal: dropped, nothing added"
t "torn merge journal removed" test ! -e "$D/index.tail"

# No index at all, or --reindex: rebuilt from the documents.
rm "$D/index"
is "$(status newsmerge "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "index removed: rebuilt, nothing added"
is "$(status newsmerge --reindex "$D" <"$AEB"; wc -c <"$T_TMP/out")" "0
0" "--reindex: nothing added"
t "corpus ids unique (per version)" jcheck "$D/documents.jsonl" \
	"len(set((d['id'], d.get('version', 1)) for d in docs)) == len(docs)"

# Rotation: a new documents file once the last one passes --rotate; the
# index spans them all.
R=$T_TMP/rot
$MK many 900 21 >"$T_TMP/r900.jsonl"
for k in 1 2 3; do
	sed -n "$((k * 300 - 299)),$((k * 300))p" "$T_TMP/r900.jsonl" | newsmerge --rotate 100k "$R" >/dev/null
done
t "--rotate starts documents-0002.jsonl and documents-0003.jsonl" \
	test -s "$R/documents.jsonl" -a -s "$R/documents-0002.jsonl" -a -s "$R/documents-0003.jsonl"
is "$(newsmerge --rotate 100k "$R" <"$T_TMP/r900.jsonl" | wc -c)" 0 "duplicates found across the files"
rm "$R/index"
is "$(status newsmerge "$R" <"$T_TMP/r900.jsonl"; wc -c <"$T_TMP/out")" "0
0" "index rebuilt from every documents file"
like "$(cat "$T_TMP/err")" "indexed 900 documents" "all 900 indexed"
printf '{"id":"torn' >>"$R/documents-0003.jsonl"
is "$(status newsmerge "$R" <"$T_TMP/r900.jsonl"; wc -c <"$T_TMP/out")" "0
0" "torn tail of the last file repaired"
like "$(cat "$T_TMP/err")" "documents-0003.jsonl: torn tail of 11 bytes" "torn tail of the last file named"
t "the corpus is the 900 documents once" python3 -c '
import json, sys
ids = [json.loads(l)["id"] for f in sys.argv[1:] for l in open(f)]
sys.exit(not (len(ids) == len(set(ids)) == 900))' "$R"/documents*.jsonl

# Locking: -n gives up on a locked corpus; without it, runs wait.
if command -v flock >/dev/null; then
	flock "$D/lock" sleep 3 &
	for i in $(seq 50); do	# until the lock is really held
		flock -n "$D/lock" true || break
		sleep 0.1
	done
	is "$(status newsmerge -n "$D" </dev/null)" 2 "-n on a locked corpus: exit 2"
	like "$(cat "$T_TMP/err")" "in use by another newsmerge" "-n says why"
	is "$(status newsmerge "$D" <"$T_TMP/new50.jsonl")" 0 "without -n the run waits for the lock"
	wait
fi

# Two concurrent runs over the same input serialize: each document once.
C=$T_TMP/conc
$MK many 3000 11 >"$T_TMP/m3000.jsonl"
newsmerge "$C" <"$T_TMP/m3000.jsonl" >"$T_TMP/o1" 2>"$T_TMP/e1" &
p1=$!
newsmerge "$C" <"$T_TMP/m3000.jsonl" >"$T_TMP/o2" 2>"$T_TMP/e2" &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
is "$s1 $s2" "0 0" "two concurrent runs both succeed"
is "$(cat "$T_TMP/o1" "$T_TMP/o2" | wc -l)" 3000 "together they add each document once"
t "no duplicate in the corpus" jcheck "$C/documents.jsonl" \
	"len(docs) == 3000 and len(set(d['id'] for d in docs)) == 3000"

is "$(status newsmerge)" 2 "no DIR: usage, exit 2"
is "$(status newsmerge --help; head -c 16 "$T_TMP/out")" "0
usage: newsmerge" "--help prints usage"
done_testing

#!/bin/bash
# newsmerge: near duplicates, sentence marks, --threshold, the near-dup and
# sentence keys across runs and --reindex, the fast line scanner against
# jansson, and a corpus merged in two halves on "two hosts".
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
[ -d "$NF_SHARED/extract/scrapinghub-aeb" ] || skip_all "no $NF_SHARED"
MK="python3 $TOP/tests/data/merge/mkdocs.py"
D=$T_TMP/corpus
$MK aeb >"$T_TMP/aeb.jsonl"

# jq-like checks in Python: J FILE EXPR prints EXPR with `docs` the
# parsed lines of FILE.
J() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
print(eval(sys.argv[2]))
EOF
}

# Copies of one real article as a repost would change it: chrome lines
# around it, a new headline line, the ending cut, a typo fixed; and a
# different article of the same length from the same set.
python3 - "$T_TMP/aeb.jsonl" "$T_TMP" <<'EOF'
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
d = next(d for d in docs if len(d["text"].split()) > 300 and d["text"].count("\n") > 5)
ps = d["text"].split("\n")
def put(name, objs):
    with open(sys.argv[2] + "/" + name, "w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
chrome = dict(d, id="chrome", url="https://blog.example/chrome",
              text="\n".join(["Advertisement"] + ps + ["Comments (0)", "Share this article"]))
cut = dict(d, id="cut", url="https://agg.example/cut",
           text="\n".join(["BREAKING: " + ps[0][:60]] + ps[:len(ps) * 3 // 4]))
w = d["text"].split(" ")
w[len(w) // 2] = w[len(w) // 2][::-1]
typo = dict(d, id="typo", url="https://agg.example/typo", text=" ".join(w))
put("orig.jsonl", [d])
put("copies.jsonl", [chrome, cut, typo])
# the same in one input, the original last but one
put("batch.jsonl", [dict(chrome, id="b-chrome"), dict(d, id="b-orig", url="https://x.example/b"),
                    dict(cut, id="b-cut")])
open(sys.argv[2] + "/orig.id", "w").write(d["id"])
EOF
ORIG=$(cat "$T_TMP/orig.id")

is "$(status newsmerge -v "$D" <"$T_TMP/orig.jsonl")" 0 "the original: exit 0"
is "$(status newsmerge -v "$D" <"$T_TMP/copies.jsonl")" 0 "three changed copies: exit 0"
is "$(wc -c <"$T_TMP/out")" 0 "no copy is added"
like "$(cat "$T_TMP/err")" "exact duplicates 0, id duplicates 0, near duplicates 3," "summary counts 3 near duplicates"
is "$(J "$D/duplicates.jsonl" "' '.join(d['id'] + ':' + d['kind'] + ':' + d['duplicate_of'] for d in docs)")" \
	"chrome:near:$ORIG cut:near:$ORIG typo:near:$ORIG" "each is recorded as a near duplicate of the original"
is "$(J "$D/duplicates.jsonl" "[docs[0]['similarity']] + [0.7 <= d['similarity'] < 1 for d in docs[1:]]")" "[1.0, True, True]" \
	"similarity: 1 for the copy holding all of the original, 0.7 to 1 for the cut and the typo"
like "$(tail -n 1 "$D/duplicates.jsonl")" '"similarity":0\.[0-9]{1,3},' "similarity printed with at most three decimals"

# --threshold: strict enough, the cut copy (3/4 of the text and a new
# headline) is kept; a bad value is a usage error.
D2=$T_TMP/strict
newsmerge "$D2" <"$T_TMP/orig.jsonl" >/dev/null
is "$(status newsmerge --threshold 0.999 "$D2" <"$T_TMP/copies.jsonl"; J "$T_TMP/out" "[d['id'] for d in docs]")" \
	"0
['cut', 'typo']" "--threshold 0.999 keeps the cut and the typo copy, drops the one only wrapped in chrome"
for bad in 0 1.5 x -0.2 ""; do
	is "$(status newsmerge --threshold "$bad" "$D2" </dev/null)" 2 "--threshold '$bad': usage error"
done
like "$(cat "$T_TMP/err")" "threshold" "the message names --threshold"

# In one input: the copy before the original is kept, the original and
# the later copy are its near duplicates (the first one seen is kept).
is "$(status newsmerge "$T_TMP/b" <"$T_TMP/batch.jsonl"; J "$T_TMP/out" "[d['id'] for d in docs]")" \
	"0
['b-chrome']" "within one batch the first copy is kept"
is "$(J "$T_TMP/b/duplicates.jsonl" "[(d['id'], d['duplicate_of']) for d in docs]")" \
	"[('b-orig', 'b-chrome'), ('b-cut', 'b-chrome')]" "the later two name it"

# The near-duplicate keys persist: a later run, the index rebuilt with
# --reindex, and the index deleted all find the copies.
for how in later reindex deleted; do
	C=$T_TMP/p-$how
	newsmerge "$C" <"$T_TMP/aeb.jsonl" >/dev/null
	case $how in
	reindex) opt=--reindex ;;
	deleted) opt=; rm "$C/index" ;;
	*) opt= ;;
	esac
	is "$(status newsmerge $opt "$C" <"$T_TMP/copies.jsonl"; wc -c <"$T_TMP/out")" "0
0" "$how: the three copies are near duplicates of the stored original"
done

# Sentence marks: documents through newssplit; the second shares three
# sentences with the first (one with other case, quotes, dashes and
# spaces), and has two of its own.
if [ -x "$NF_BIN/newssplit" ]; then
	python3 - >"$T_TMP/sent.jsonl" <<'EOF'
import json
a = ("The ferry left the harbour at dawn with forty passengers aboard. "
     "Officials said the engine failed about an hour later. "
     "\"We are investigating the cause,\" the port authority's spokesman said. "
     "The company did not respond to a request for comment.")
b = ("A second vessel was sent to tow the ferry back to port on Tuesday. "
     "THE COMPANY DID   NOT RESPOND TO A REQUEST FOR COMMENT. "
     "\u201cWe are investigating the cause,\u201d the port authority\u2019s spokesman said. "
     "Officials said the engine failed about an hour later. "
     "Passengers were given vouchers \u2014 and an apology.")
print(json.dumps({"id": "ferry-a", "url": "https://a.example/ferry", "text": a}))
print(json.dumps({"id": "ferry-b", "url": "https://b.example/tow", "text": b}))
EOF
	newssplit <"$T_TMP/sent.jsonl" >"$T_TMP/sent-split.jsonl"
	S=$T_TMP/sent
	is "$(status newsmerge "$S" <"$T_TMP/sent-split.jsonl"; wc -l <"$T_TMP/out")" "0
2" "both documents kept (they share sentences, not a text)"
	is "$(J "$S/documents.jsonl" "[[s.get('dup_of') for s in d['sentences']] for d in docs]")" \
		"[[None, None, None, None], [None, 'ferry-a', 'ferry-a', 'ferry-a', None]]" \
		"the second's three sentences seen before carry the first's id"
	t "the documents written to stdout are those stored, marks and all" cmp -s "$T_TMP/out" "$S/documents.jsonl"
	is "$(J "$S/documents.jsonl" "[d['text'] for d in docs] == [json.loads(l)['text'] for l in open('$T_TMP/sent-split.jsonl')]")" True \
		"the texts are unchanged"
	# Across runs and after --reindex: a third document repeating one
	# sentence of each names the first document that had it.
	python3 - "$T_TMP/sent-split.jsonl" >"$T_TMP/sent3.jsonl" <<'EOF'
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
t = a["sentences"][0]["text"] + " " + b["sentences"][0]["text"] + " A third sentence of its own, long enough."
print(json.dumps({"id": "ferry-c", "url": "https://c.example/x", "text": t}))
EOF
	newssplit <"$T_TMP/sent3.jsonl" >"$T_TMP/sent3-split.jsonl"
	for how in later reindex; do
		rm -rf "$S.$how"; cp -r "$S" "$S.$how"
		opt=; [ $how = reindex ] && opt=--reindex
		newsmerge $opt "$S.$how" <"$T_TMP/sent3-split.jsonl" >"$T_TMP/o3" 2>/dev/null
		is "$(J "$T_TMP/o3" "[s.get('dup_of') for s in docs[0]['sentences']]")" \
			"['ferry-a', 'ferry-b', None]" "$how: a third document's sentences name the first document with each"
	done
	# Marks an input brings (from another corpus) are replaced.
	python3 - "$T_TMP/sent3-split.jsonl" <<'EOF' | newssplit >"$T_TMP/sent4.jsonl"
import json, sys
c = json.loads(open(sys.argv[1]).read())
t = (c["sentences"][0]["text"] + " " + c["sentences"][2]["text"] +
     " The harbour master will publish a report on the accident next month."
     " Repairs to the ferry are expected to take several weeks at the yard.")
print(json.dumps({"id": "ferry-d", "url": "https://d.example/", "text": t}))
EOF
	python3 - "$T_TMP/sent4.jsonl" >"$T_TMP/sent4m.jsonl" <<'EOF'
import json, sys
d = json.loads(open(sys.argv[1]).read())
for s in d["sentences"]:
    s["dup_of"] = "elsewhere"
print(json.dumps(d))
EOF
	newsmerge "$S.later" <"$T_TMP/sent4m.jsonl" >"$T_TMP/o4"
	is "$(J "$T_TMP/o4" "[s.get('dup_of') for s in docs[0]['sentences']]")" \
		"['ferry-a', 'ferry-c', None, None]" "marks brought by the input are recomputed"
else
	diag "newssplit not built: sentence marks not tested"
fi

# Without "sentences" nothing is marked, nothing breaks.
printf '{"id":"ns1","text":"No sentences field here, only a text of some length."}\n{"id":"ns2","text":"No sentences field here, only a text of some length, again."}\n' >"$T_TMP/nosent.jsonl"
is "$(status newsmerge "$T_TMP/ns" <"$T_TMP/nosent.jsonl"; grep -c dup_of "$T_TMP/out")" "0
0" "documents without sentences: kept, no marks"

# The line scanner and jansson agree: the same documents written with
# escapes (\u00e9, \/, surrogate pairs), spaces, and key orders get the same
# decisions and marks; lines the scanner leaves to jansson (\u0000, a
# duplicate key, a huge number) are named as jansson names them.
python3 - >"$T_TMP/esc.jsonl" <<'EOF'
import json
s1 = "Caf\u00e9 owners in Vilnius \U0001F600 said the new rules start in May."
s2 = "The city council approved the plan by a wide margin on Monday."
t = s1 + " " + s2
sents = [{"text": s1, "start": 0, "end": len(s1)},
         {"start": len(s1) + 1, "end": len(t), "text": s2}]
a = {"id": "esc-a", "url": "https:\/\/e.example/a", "text": t, "sentences": sents}
print(json.dumps(a, ensure_ascii=True))
own = ("Intro line here, with enough words of its own to be another "
       "story about the council and its many plans for the city centre.")
b = {"sentences": sents, "text": own + " " + s2, "id": "esc-b", "n": 1.5e3}
b["sentences"] = [{"text": own, "start": 0, "end": len(own)},
                  {"end": len(own) + 1 + len(s2), "start": len(own) + 1}]
print(json.dumps(b, ensure_ascii=False, separators=(",", ":")))
print('{"id":"nul","text":"a\\u0000b"}')
print('{"id":"dupkey","id":"x","text":"a duplicate key"}')
print('{"id":"big","text":"a big number","n":123456789012345678901234567890.5}')
EOF
is "$(status newsmerge "$T_TMP/esc" <"$T_TMP/esc.jsonl")" 1 "escapes and bad lines: exit 1"
is "$(J "$T_TMP/esc/documents.jsonl" "[[s.get('dup_of') for s in d.get('sentences', [])] for d in docs]")" \
	"[[None, None], [None, 'esc-a'], []]" "a sentence given by offsets only is marked like one with its text"
like "$(cat "$T_TMP/err")" "line 3: not JSON .*NUL" "\\u0000 named as jansson names it"
like "$(cat "$T_TMP/err")" "line 4: not JSON .*duplicate" "a duplicate key named"
is "$(J "$T_TMP/esc/documents.jsonl" "[d['id'] for d in docs]")" "['esc-a', 'esc-b', 'big']" \
	"the big number is jansson's to read, and read"
is "$(head -n 1 "$T_TMP/esc/documents.jsonl")" "$(head -n 1 "$T_TMP/esc.jsonl")" \
	"a line without marks is stored byte for byte"

# Two hosts: each merges half of the near-duplicate eval set into its own
# corpus; the second corpus merged into the first equals the corpus the
# whole set makes in one run (as sets of documents, marks included).
python3 "$TOP/eval/neardup.py" build >"$T_TMP/set.jsonl"
N=$(wc -l <"$T_TMP/set.jsonl")
head -n $((N / 2)) "$T_TMP/set.jsonl" >"$T_TMP/h1.jsonl"
tail -n +$((N / 2 + 1)) "$T_TMP/set.jsonl" >"$T_TMP/h2.jsonl"
newsmerge "$T_TMP/once" <"$T_TMP/set.jsonl" >/dev/null
newsmerge "$T_TMP/host1" <"$T_TMP/h1.jsonl" >/dev/null
newsmerge "$T_TMP/host2" <"$T_TMP/h2.jsonl" >/dev/null
is "$(status newsmerge "$T_TMP/host1" <"$T_TMP/host2/documents.jsonl")" 0 "host2's documents merged into host1: exit 0"
python3 - "$T_TMP/once" "$T_TMP/host1" <<'EOF' >"$T_TMP/cmp"
import json, sys
def docs(d):
    return {json.dumps(json.loads(l), sort_keys=True) for l in open(d + "/documents.jsonl")}
a, b = docs(sys.argv[1]), docs(sys.argv[2])
print(len(a), len(a ^ b))
EOF
read -r nonce ndiff <"$T_TMP/cmp"
is "$ndiff" 0 "two halves merged equal the whole merged at once ($nonce documents)"
ok $((nonce < 800)) "and that is most of the set"

done_testing

#!/bin/bash
# eval.t: the scorers of eval/ on small hand-made inputs with known
# answers (a perfect prediction scores 1, hand-counted cases score what
# the definitions in DESIGN.md say), plus the harness plumbing: matching
# outputs to pages, WARC writing, a missing or crashing program, the NER
# split. Does not run the whole eval.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"

mkdir -p "$T_TMP/bin" "$T_TMP/out"

# Fake programs for the plumbing checks (never the real ones: the scorers
# are under test here, not the stages).
cat >"$T_TMP/bin/newssplit" <<'EOF'
#!/usr/bin/env python3
# Splits after ". " only: right for the tiny golden file below.
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    t, s, out = o["text"], 0, []
    i = t.find(". ")
    while i >= 0:
        out.append({"start": s, "end": i + 1})
        s = i + 2
        i = t.find(". ", s)
    out.append({"start": s, "end": len(t)})
    o["sentences"] = out
    print(json.dumps(o, ensure_ascii=False))
EOF
cat >"$T_TMP/bin/newsclean" <<'EOF'
#!/bin/sh
# HTML mode only: a WARC on stdin gives no records.
cat >/dev/null
[ "${1:-}" = -u ] && printf '{"url":"%s","text":"page %s"}\n' "$2" "$2"
exit 0
EOF
printf '#!/bin/sh\ncat >/dev/null\nkill -SEGV $$\n' >"$T_TMP/bin/newstag"
printf '#!/bin/sh\necho "newsmerge: cannot lock" >&2\nexit 2\n' >"$T_TMP/bin/newsmerge"
printf '#!/bin/sh\nsleep 60 </dev/null >/dev/null 2>&1 &\necho $! >"$T/bg.pid"\nexec sleep 60\n' >"$T_TMP/bin/newsslow"
chmod +x "$T_TMP/bin/"*

cat >"$T_TMP/golden.jsonl" <<'EOF'
{"text": "Hello World. My name is Jonas.", "sentences": ["Hello World.", "My name is Jonas."]}
{"text": "Ünïcode first. Then ascii.", "sentences": ["Ünïcode first.", "Then ascii."]}
{"text": "Mr. Smith left.", "sentences": ["Mr. Smith left."]}
EOF

cat >"$T_TMP/tiny.tml" <<'EOF'
<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
Élan <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> it &amp; <TIMEX3 tid="t2" type="DURATION" value="P1M">a month</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="PRESENT_REF"></TIMEX3>
</TEXT>
</TimeML>
EOF

cat >"$T_TMP/iob.conll" <<'EOF'
-DOCSTART- -X- O O

John I-PER
Smith I-PER
met O
Acme I-ORG
Inc I-ORG
in O
Paris I-LOC
. O

Anna B-person
B. I-person
Kay B-person
from O
NYC B-geo-loc
EOF

PYTHONDONTWRITEBYTECODE=1 NF_BIN=$T_TMP/bin NF_EVAL_OUT=$T_TMP/out EVAL_DIR=$TOP/eval T=$T_TMP \
python3 - >"$T_TMP/results" 2>"$T_TMP/pyerr" <<'EOF'
import json, os, sys
sys.path.insert(0, os.environ["EVAL_DIR"])
import common, scores, warcwriter, clean, split, tag, ner_split, merge

T = os.environ["T"]
def check(name, cond, detail=""):
    print("%s\t%s\t%s" % ("ok" if cond else "not ok", name,
                          "" if cond else detail))
def near(a, b):
    return abs(a - b) < 1e-9

# AEB shingles: DESIGN "multiset of 4-token shingles (a text of 1-3 tokens
# is one shingle)", case kept.
g = "The quick brown fox jumps over the lazy dog"
check("AEB: perfect prediction scores P = R = F1 = 1",
      scores.aeb_corpus([(g, g), ("Short one", "Short one")])[:3] == (1.0, 1.0, 1.0))
sh = scores.shingles("a b c d e a b c d")
check("AEB: shingles are a multiset of 4-grams",
      sh[("a", "b", "c", "d")] == 2 and sum(sh.values()) == 6, str(sh))
check("AEB: 1-3 tokens make one shingle",
      scores.shingles("Hello, world!") == {("Hello", "world"): 1})
p = scores.aeb_page("a b c d e", "a b c d x")
check("AEB: hand case TP 1 FP 1 FN 1 gives P = R = 0.5", p == (0.5, 0.5, 1, 1, 1), str(p))
check("AEB: case is kept", scores.aeb_page("Hello world", "hello world")[:2] == (0.0, 0.0))
check("AEB: empty output scores 0", scores.aeb_page(g, "")[:2] == (0.0, 0.0))
P, R, F, _ = scores.aeb_corpus([("a b c d e", "a b c d e f g h i"), ("x y", "")])
# page 1: gold 2 shingles, pred 6, TP 2 -> P 1/3, R 1; page 2: 0, 0
check("AEB: corpus P and R are means over pages, F1 from the means",
      near(P, 1 / 6) and near(R, 0.5) and near(F, 2 * (1/6) * 0.5 / (1/6 + 0.5)),
      "%r %r %r" % (P, R, F))

# WCXB bags
check("WCXB: perfect page F1 = 1", scores.bag_f1(g, g) == 1.0)
check("WCXB: lowercase bag, hand case F1 0.8",
      near(scores.bag_f1("The cat sat", "the CAT"), 0.8))
check("WCXB: macro mean", near(scores.macro_mean([1.0, 0.5, 0.0]), 0.5))

# trafilatura snippets
c = scores.snippet_counts("Hello   world.\nFoo bar baz", ["Hello world.", "missing bit"],
                          ["Foo bar", "Impressum"])
check("snippets: whitespace-normalized substring; with found = TP, missed = FN, without found = FP",
      c == (1, 1, 1), str(c))
P, R, F = scores.snippet_prf([(3, 1, 0), (1, 0, 1)])
check("snippets: micro-averaged P R F", near(P, 0.8) and near(R, 0.8) and near(F, 0.8))

# title and date
check("title right after case/whitespace/quote normalisation",
      scores.title_right("It’s  a Title", " it's a title"))
check("title with site name left in is wrong",
      not scores.title_right("A Title", "A Title | Site"))
check("title missing is wrong", not scores.title_right("A Title", None))
check("date right: same calendar day",
      scores.date_right("2019-12-16", "2019-12-16T23:30:00+01:00"))
check("date wrong: other day or missing",
      not scores.date_right("2019-12-16", "2019-12-17") and not scores.date_right("2019-12-16", None))
check("date right: month-only gold", scores.date_right("2019-05", "2019-05-03"))

# Golden Rules and code point offsets
rec = {"text": "Ünïcode first.  Then é.", "sentences": [
    {"start": 0, "end": 14}, {"start": 14, "end": 23}]}
check("split: sentences_of slices code points and strips",
      scores.sentences_of(rec) == ["Ünïcode first.", "Then é."], str(scores.sentences_of(rec)))
check("golden: equal lists pass", scores.golden_pass(["A.", " B. "], ["A.", "B."]))
check("golden: a missed split fails", not scores.golden_pass(["A.", "B."], ["A. B."]))

# UD boundaries
para = "One two. Three four! Five."
gs = scores.gold_spans(para, ["One two.", "Three four!", "Five."])
check("UD: gold spans located in order", gs == [(0, 8), (9, 20), (21, 26)], str(gs))
ge = scores.inner_ends(para, gs)
check("UD: inner ends exclude the paragraph end", ge == {8, 20}, str(ge))
pe = scores.inner_ends(para, [(0, 9), (9, 26)])
check("UD: predicted ends ignore trailing space", pe == {8}, str(pe))
P, R, F, tp, fp, fn = scores.boundary_prf([(ge, pe), ({3}, {3, 5})])
check("UD: micro P R F1 over paragraphs",
      (tp, fp, fn) == (2, 1, 1) and near(P, 2/3) and near(R, 2/3), str((P, R, tp, fp, fn)))
check("UD: perfect prediction F1 = 1", scores.boundary_prf([(ge, ge)])[2] == 1.0)

# TempEval-3
gold = [dict(doc="d", start=0, end=6, type="DATE", value="2013-03-22"),
        dict(doc="d", start=10, end=17, type="DURATION", value="P1M"),
        dict(doc="d", start=30, end=35, type="DATE", value="2013")]
s = scores.timex_scores(gold, [dict(x) for x in gold])
check("TE3: perfect prediction: all scores 1",
      all(s[k] == 1.0 for k in ("strict_F1", "relaxed_F1", "value_F1", "type_accuracy")), str(s))
pred = [dict(doc="d", start=0, end=6, type="DATE", value="2013-03-22"),
        dict(doc="d", start=12, end=17, type="DURATION", value="P2M"),
        dict(doc="d", start=40, end=44, type="DATE", value="2013"),
        dict(doc="e", start=30, end=35, type="DATE", value="2013")]
s = scores.timex_scores(gold, pred)
# strict: 1 of 4 system, 1 of 3 gold; relaxed: 2/4, 2/3; value right 1 of 2 pairs
check("TE3: hand case strict P 1/4 R 1/3",
      near(s["strict_P"], .25) and near(s["strict_R"], 1/3), str(s))
check("TE3: hand case relaxed P 1/2 R 2/3, value F1 = relaxed F1 x 1/2",
      near(s["relaxed_P"], .5) and near(s["relaxed_R"], 2/3)
      and near(s["value_F1"], s["relaxed_F1"] * 0.5) and near(s["type_accuracy"], 1.0), str(s))
text, dct, tx = tag.timeml_doc(os.path.join(T, "tiny.tml"))
check("TimeML: DCT value read", dct == "2013-03-22", str(dct))
check("TimeML: text without tags, entities decoded, spans in code points",
      [text[t["start"]:t["end"]] for t in tx] == ["Friday", "a month"]
      and "it & a month" in text and text.startswith("\nÉlan said"), repr(text) + str(tx))

# NER
g = [("d", 0, 10, "PER"), ("d", 15, 19, "ORG"), ("d", 30, 35, "LOC"), ("d", 40, 44, "MISC")]
s = scores.entity_prf(g, list(g))
check("NER: perfect prediction micro F1 = 1", s["micro"][2] == 1.0)
s = scores.entity_prf(g, [("d", 0, 10, "PER"), ("d", 15, 19, "LOC"), ("d", 30, 34, "LOC"),
                          ("d", 50, 55, "MISC")])
check("NER: exact span and type; MISC not scored",
      s["micro"][3:] == (1, 2, 2) and s["PER"][2] == 1.0 and s["ORG"][2] == 0.0, str(s))
docs = list(ner_split.read_conll(os.path.join(T, "iob.conll")))
d = ner_split.Doc("x#0", "x", docs[0])
text, ents = d.text_and_entities()
got = [(text[a:b], t) for a, b, t in ents]
check("NER: IOB1 and BIO decoded, types mapped",
      got == [("John Smith", "PER"), ("Acme Inc", "ORG"), ("Paris", "LOC"),
              ("Anna B.", "PER"), ("Kay", "PER"), ("NYC", "LOC")], str(got))
check("NER: text is tokens joined by spaces, sentences by newlines",
      text == "John Smith met Acme Inc in Paris .\nAnna B. Kay from NYC", repr(text))
ids = ["set/f#%d" % i for i in range(2000)]
h = [i for i in ids if ner_split.is_heldout(i)]
check("NER split: deterministic, about 20% held out",
      300 < len(h) < 500 and h == [i for i in ids if ner_split.is_heldout(i)], str(len(h)))
if os.path.isdir(ner_split.NER):
    a = {x.id for x in ner_split.documents(heldout=True)}
    b = {x.id for x in ner_split.documents(heldout=False)}
    check("NER split: held-out and training documents are disjoint and cover all",
          a and b and not (a & b) and len(a | b) == len(list(ner_split.documents())))

# WARC writer
w = warcwriter.build([("http://a.example/x", b"<p>caf\xe9</p>")])
recs = w.split(b"WARC/1.1\r\n")[1:]
ok = len(recs) == 2 and b"WARC-Type: warcinfo" in recs[0]
hd, _, rest = recs[1].partition(b"\r\n\r\n")
cl = int([l for l in hd.split(b"\r\n") if l.startswith(b"Content-Length:")][0].split()[1])
check("WARC: warcinfo then response; Content-Length counts the block; bytes unchanged",
      ok and rest[:cl].endswith(b"<p>caf\xe9</p>") and rest[cl:] == b"\r\n\r\n"
      and b"WARC-Target-URI: http://a.example/x" in hd, repr(w[:400]))

# Matching outputs to pages
urls = ["http://a/1", "http://a/2", "http://a/3", "http://a/4"]
outs = [{"url": "https://www.a/1/"}, {"url": "http://canonical/zz"}, {"url": "http://a/4"}]
m = clean.match(urls, outs)
check("match: by URL, loosely, then by order for canonical URLs",
      m == [outs[0], outs[1], None, outs[2]], str(m))

# Program runs: missing, crash, exit 2; the harness goes on
r = common.run("newssplitx", [], b"")
check("run: missing program noted", not r.usable and "missing" in r.note, r.note)
pages = []
for i in (1, 2):
    with open(os.path.join(T, "p%d.html" % i), "wb") as f:
        f.write(b"<p>page</p>")
    pages.append(clean.Page("http://x/%d" % i, os.path.join(T, "p%d.html" % i)))
r, got = clean.run_clean("t", pages)
check("clean: a WARC giving no records falls back to one run per page, and says so",
      [clean.text_of(g) for g in got] == ["page http://x/1", "page http://x/2"]
      and "WARC input gave no records" in r.note, r.note + str(got))
r = common.run("newstag", [], b"{}\n")
check("run: crash noted with its signal", r.status == -11 and "crashed" in r.note, r.note)
r = common.run("newsmerge", ["dir"], b"")
check("run: exit 2 noted with the program's message",
      r.status == 2 and r.note == "newsmerge exit 2: newsmerge: cannot lock", r.note)
if os.path.isdir(os.path.join(common.NF_SHARED, "extract")):
    res = common.Results()
    merge.exact(res)
    check("merge: a fatal newsmerge run becomes one row saying so",
          len(res.rows) == 1 and res.rows[0]["value"] is None
          and "cannot lock" in res.rows[0]["note"], str(res.rows))
notes = [common.run("newsslow", [], b"x", timeout=1).note for i in range(4)]
bg = int(open(os.path.join(T, "bg.pid")).read())
try:
    os.waitpid(bg, os.WNOHANG)
except ChildProcessError:
    pass
alive = os.path.exists("/proc/%d" % bg) and "sleep" in open("/proc/%d/cmdline" % bg).read() \
    and open("/proc/%d/stat" % bg).read().split()[2] != "Z"
check("run: a hung program is killed with its children; after 3 timeouts not run again",
      notes[0] == "newsslow timed out after 1s (partial output scored)"
      and "timed out 3 times" in notes[3] and not alive, str(notes) + " bg alive: %s" % alive)
res = common.Results()
common.guarded(res, "x", "y", "z", lambda r: 1 / 0)
check("guarded: a harness error becomes a row", "ZeroDivisionError" in res.rows[0]["note"])

# Golden file end to end through a (fake) newssplit run
passed, total, r, fails = split.golden_file(os.path.join(T, "golden.jsonl"), "en", "t")
check("golden file: streamed once, cases scored", (passed, total) == (2, 3) and
      fails[0]["text"] == "Mr. Smith left.", str((passed, total, fails)))
res = common.Results()
res.add("split", "s", "Golden Rules exact", "2/3")
t = res.table()
lines = t.splitlines()
check("table: header row, then a row with the target from DESIGN.md",
      [c.strip() for c in lines[0].split("|")] ==
      ["stage", "set", "measure", "value", "target", "note"] and
      [c.strip() for c in lines[2].split("|")] ==
      ["split", "s", "Golden Rules exact", "2/3", "52/52", ""], t)
EOF
py=$?
while IFS=$'\t' read -r st name detail; do
	if [ "$st" = ok ]; then ok 0 "$name"; else ok 1 "$name"; diag "$detail"; fi
done <"$T_TMP/results"
ok $py "python checks ran to the end"
[ $py -eq 0 ] || diag "$(tail -20 "$T_TMP/pyerr")"

# The CLI refuses unknown parts with exit 2.
python3 "$TOP/eval/clean.py" nosuchset >/dev/null 2>&1
is "$?" 2 "eval/clean.py: unknown part is a usage error"

done_testing

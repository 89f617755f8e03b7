#!/bin/bash
# newssplit: each sentence rule in each language the issue names (en, de,
# fr, es, it, ru, uk, lt) and the generic fallback, from a table of cases
# (tests/data/split-rules/cases.tsv); then inputs made to be slow or to
# blow memory up: megabytes of quotes, brackets, nested brackets and
# CJK brackets, which must finish with every byte kept (never timed).
. "$(dirname "$0")/lib.sh"

D=$T_TMP
CASES=$(dirname "$0")/data/split-rules/cases.tsv

# ---- the rule table, JSON mode -------------------------------------------
python3 - "$CASES" >"$D/cases.jsonl" <<'PY'
import json, sys
for i, l in enumerate(open(sys.argv[1], encoding="utf-8")):
    if l.startswith("#") or not l.strip():
        continue
    rule, lang, text, want = l.rstrip("\n").split("\t")
    print(json.dumps({"id": i, "rule": rule, "language": lang, "want": want,
                      "text": text.replace("\\n", "\n")}, ensure_ascii=False))
PY
newssplit <"$D/cases.jsonl" >"$D/out.jsonl" 2>"$D/err"
is "$?" 0 "the rule cases run in one JSON run, exit 0"
is "$(wc -l <"$D/out.jsonl" | tr -d ' ')" "$(wc -l <"$D/cases.jsonl" | tr -d ' ')" "every case written"
# one line a case: ok|not, rule, language, want, got
python3 - "$D/out.jsonl" >"$D/results" <<'PY'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l)
    got = " | ".join(s["text"] for s in o["sentences"]).replace("\n", "\\n")
    # offsets slice the unchanged text, without white space around
    for s in o["sentences"]:
        t = o["text"][s["start"]:s["end"]]
        if t != s["text"] or t != t.strip():
            got += " [bad offsets %d-%d]" % (s["start"], s["end"])
    print("\t".join((o["rule"], o["language"], o["want"], got)))
PY
while IFS=$'\t' read -r rule lang want got; do
	is "$got" "$want" "$rule ($lang)"
done <"$D/results"

# ---- the same cases in -t mode: one sentence a line ----------------------
# (cases without a line break in them: in -t mode a line is a paragraph)
grep -v '^#' "$CASES" | grep -v '\\n' | while IFS=$'\t' read -r rule lang text want; do
	got=$(printf '%s\n' "$text" | newssplit -t -l "$lang" | sed ':a;N;$!ba;s/\n/ | /g')
	[ "$got" = "$want" ] || echo "$rule ($lang): got '$got' want '$want'"
done >"$D/tdiff"
is "$(cat "$D/tdiff")" "" "-t mode splits every case as JSON mode does"

# ---- -a FILE in another language -----------------------------------------
printf 'Ziff\tp\nобл\n' >"$D/abbr.txt"
is "$(echo 'Акции Ziff. Davis выросли в Московской обл. Вчера тоже.' | newssplit -t -l ru)" \
	$'Акции Ziff.\nDavis выросли в Московской обл.\nВчера тоже.' "ru without -a"
is "$(echo 'Акции Ziff. Davis выросли в Московской обл. Вчера тоже.' | newssplit -t -l ru -a "$D/abbr.txt")" \
	$'Акции Ziff. Davis выросли в Московской обл.\nВчера тоже.' "-a adds abbreviations to Russian too (a title, TAB p)"

# ---- a line break between paragraphs -------------------------------------
printf '{"text":"Headline Without Period\\nThe text starts here. It goes on.\\nsecond paragraph, in lower case\\nWASHINGTON -- It ends."}\n' |
	newssplit >"$D/out"
is "$(jq -r '[.sentences[].text] | join(" | ")' "$D/out")" \
	"Headline Without Period | The text starts here. | It goes on. | second paragraph, in lower case | WASHINGTON -- | It ends." \
	"a line break between paragraphs ends a sentence; a dateline after it is found"

# ---- pathological input: finishes, every byte kept, bounded memory ------
# Each input is about 8 MB; run in 300 MB of address space (not under ASan).
lim() {
	if [ -z "${NF_ASAN:-}" ]; then
		( ulimit -v 300000; "$@" )
	else
		"$@"
	fi
}
patho() {	# NAME PYTHON-EXPR LANG: the text, then the check
	python3 -c "import sys; sys.stdout.write($2)" >"$D/p.txt"
	lim newssplit -t -l "$3" <"$D/p.txt" >"$D/out" 2>"$D/err"
	st=$?
	is "$st:$(tr -d '\n ' <"$D/out" | cmp -s - <(tr -d '\n ' <"$D/p.txt") && echo same)" "0:same" \
		"$1: exit 0, every byte kept"
}
patho "8 MB of ASCII quotes" '"\"" * 8000000' en
patho "8 MB of opening brackets" '"(" * 8000000' en
patho "8 MB of closing brackets" '")" * 8000000' en
patho "8 MB deep nesting around sentences" '"(" * 3000000 + "Go on. " * 300000 + ")" * 3000000' en
patho "quotes that never close, a sentence each" '"“Go. Now " * 800000' en
patho "brackets that never close, a sentence each" '"(a. B " * 1600000' de
patho "guillemets that never close" '"« Non. Oui " * 700000' fr
patho "CJK brackets and full stops only" '"「。" * 1400000' ja
patho "Greek question marks only" '"; " * 4000000' el
patho "Armenian colons only" '": " * 4000000' hy
patho "datelines only" '"WASHINGTON -- " * 600000' en
patho "mail stamps only" '"06/12/2000 10:20 AM " * 400000' en
patho "lower-case line breaks only" '"a b c\\n" * 1400000' en
patho "speech after colons that never closes" '"сказал: «Иди. Домой " * 400000' ru
patho "8 MB of speech closed by »։ at the end" '"ասաց. «" + "Նա լավ է: " * 400000 + "»։"' hy
# -w: a 3 MB paragraph of short lines, read in pieces, is one paragraph
python3 -c 'import sys; sys.stdout.write("para line\n" * 300000 + " \t\nLast one.\n")' | newssplit -t -w >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' '):$(tail -1 "$D/out")" "2:Last one." "-t -w: a 3 MB paragraph of lines, then a blank line"
# the sentence count says the rules held on the way
python3 -c 'import sys; sys.stdout.write("“Go. Now " * 800000)' | newssplit -t >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' ')" 800001 "unclosed quotes: each “Go. ends a sentence"
python3 -c 'import sys; sys.stdout.write("(" * 3000000 + "Go on. " * 300000 + ")" * 3000000)' | newssplit -t >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' ')" 300000 "brackets that close 2 MB later do not glue 300000 sentences"
# quoted speech after a colon is one sentence only when its closer is at
# most SPEECH_SPAN (1000) bytes away: 27 kB of speech is split as usual
python3 -c 'import sys; sys.stdout.write("Он сказал: «" + "Я устал. " * 3000 + "Я иду». Потом ушёл.")' | newssplit -t -l ru >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' ')" 3002 "long speech after a colon is split, sentence by sentence"
is "$(tail -1 "$D/out")" "Потом ушёл." "and the sentence after it stands alone"

done_testing

#!/bin/bash
# newstag: temporal expressions resolved against the document date (a
# Saturday, 2025-11-22), absolute dates in eight languages, entity types
# and ids, code point offsets, both modes, and bad input.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
ANCHOR=2025-11-22

# dates TEXT: "text|value|mod" of each date newstag -t finds in TEXT
dates() {
	printf '%s\n' "$1" | newstag -t -d "$ANCHOR" | python3 -c '
import sys, json
for line in sys.stdin:
    for d in json.loads(line)["dates"]:
        print("%s|%s|%s" % (d["text"], d["value"], d.get("mod") or ""))'
}
# date_is TEXT WANT: the first date found in TEXT is WANT ("text|value|mod")
date_is() {
	is "$(dates "$1" | sed -n 1p)" "$2" "date: $1 -> $2"
}
# ents TEXT: "text|type|id" of each entity
ents() {
	printf '%s\n' "$1" | newstag -t -d "$ANCHOR" | python3 -c '
import sys, json
for line in sys.stdin:
    for e in json.loads(line)["entities"]:
        print("%s|%s|%s" % (e["text"], e["type"], e["id"]))'
}

# --- the examples of the design, anchored on Saturday 2025-11-22 ---
date_is "It was signed on November 16, 2025 in Paris." "November 16, 2025|2025-11-16|"
date_is "It was signed on 16 November 2025." "16 November 2025|2025-11-16|"
date_is "Talks resumed Nov. 16 in Geneva." "Nov. 16|2025-11-16|"
date_is "Published 2025-11-16 by the agency." "2025-11-16|2025-11-16|"
date_is "Stand: 16.11.2025, 10 Uhr" "16.11.2025|2025-11-16|"
date_is "Er kam am 16. November nach Berlin." "16. November|2025-11-16|"
date_is "Встреча прошла 16 ноября 2025 г. в Москве." "16 ноября 2025 г.|2025-11-16|"
date_is "Susitikimas įvyko 2025 m. lapkričio 27 d. Vilniuje." "2025 m. lapkričio 27 d.|2025-11-27|"
date_is "Il est arrivé le 16 novembre à Paris." "16 novembre|2025-11-16|"
date_is "Sales fell in November 2025 again." "November 2025|2025-11|"
date_is "Prices rose sharply in 2022." "2022|2022|"
date_is "The minister resigned on Friday." "Friday|2025-11-21|"
date_is "The minister will resign on Friday." "Friday|2025-11-28|"
date_is "The minister resigned last Friday." "last Friday|2025-11-21|"
date_is "The minister resigned today." "today|2025-11-22|"
date_is "The minister resigned yesterday." "yesterday|2025-11-21|"
date_is "The minister resigns tomorrow." "tomorrow|2025-11-23|"
date_is "Exports fell last month." "last month|2025-10|"
date_is "The vote is next week." "next week|2025-W48|"
date_is "The vote is this week." "this week|2025-W47|"
date_is "The vote happened earlier this week." "earlier this week|2025-W47|"
date_is "The plant closed in late October." "late October|2025-10|END"
date_is "The plant closed in early October." "early October|2025-10|START"
date_is "The plant closed in mid-October." "mid-October|2025-10|MID"
date_is "The strike lasted three days." "three days|P3D|"
date_is "The strike lasted two weeks." "two weeks|P2W|"
date_is "The strike lasted 24 hours." "24 hours|PT24H|"
date_is "The strike is over now." "now|PRESENT_REF|"
date_is "The talks start at 3 p.m. in Geneva." "3 p.m.|2025-11-22T15:00|"
date_is "The talks started Friday at 3 p.m." "Friday|2025-11-21|"
is "$(dates "The talks started Friday at 3 p.m." | sed -n 2p)" \
    "3 p.m.|2025-11-21T15:00|" "a time next to a weekday takes its date"
date_is "Inflation fell last year." "last year|2024|"
date_is "It happened three days ago." "three days ago|2025-11-19|"
date_is "Profit rose in the third quarter." "the third quarter|2025-Q3|"
date_is "The 1990s were different." "The 1990s|199|"
date_is "The match is this weekend." "this weekend|2025-W47-WE|"
date_is "Talks continue in the coming weeks." "the coming weeks|PXW|"
date_is "It rained on Friday, Nov. 14, in Oslo." "Friday, Nov. 14|2025-11-14|"
date_is "The strike lasted about three weeks." "three weeks|P3W|APPROX"
date_is "Prices rose 16.11. in Bern." "16.11.|2025-11-16|"
date_is "The war of 2009-2010 ended." "2009|2009|"
is "$(dates "The war of 2009-2010 ended." | sed -n 2p)" "2010|2010|" "a year range is two dates"
is "$(dates "Some 2000 people marched.")" "" "a count is not a year"
is "$(dates "Prices may fall. March on, they said.")" "" "may, and March at a sentence start, are not months"

# --- absolute dates in every language with CLDR names ---
date_is "The deal was signed on 16 November 2025." "16 November 2025|2025-11-16|"
date_is "Der Vertrag wurde am 16. November 2025 unterzeichnet." "16. November 2025|2025-11-16|"
date_is "L'accord a été signé le 16 novembre 2025." "16 novembre 2025|2025-11-16|"
date_is "El acuerdo se firmó el 16 de noviembre de 2025." "16 de noviembre de 2025|2025-11-16|"
date_is "L'accordo è stato firmato il 16 novembre 2025." "16 novembre 2025|2025-11-16|"
date_is "Соглашение подписано 16 ноября 2025 г." "16 ноября 2025 г.|2025-11-16|"
date_is "Угоду підписано 16 листопада 2025 р." "16 листопада 2025 р.|2025-11-16|"
date_is "Sutartis pasirašyta 2025 m. lapkričio 16 d." "2025 m. lapkričio 16 d.|2025-11-16|"
date_is "Umowę podpisano 16 listopada 2025." "16 listopada 2025|2025-11-16|"
date_is "Вчера всё решилось." "Вчера|2025-11-21|"
date_is "Das war gestern." "gestern|2025-11-21|"
date_is "Встреча прошла в пятницу." "пятницу|2025-11-21|"
date_is "Susitikimas vyko penktadienį." "penktadienį|2025-11-21|"
date_is "Цены выросли в ноябре." "ноябре|2025-11|"
date_is "Praėjusį mėnesį kainos kilo." "Praėjusį mėnesį|2025-10|"
date_is "Es geschah vor 3 Tagen." "vor 3 Tagen|2025-11-19|"
date_is "Cela s'est passé il y a 3 jours." "il y a 3 jours|2025-11-19|"
date_is "Это было 3 дня назад." "3 дня назад|2025-11-19|"
date_is "Tai įvyko prieš 2 savaites." "prieš 2 savaites|2025-W45|"

# --- entities: types and ids ---
E=$(ents "President Volodymyr Zelensky met Mr. Smith in Kyiv. Later Zelensky spoke to the Russian press.")
like "$E" '^Volodymyr Zelensky\|PER\|PER:volodymyr-zelensky$' "a title and a full name: PER"
like "$E" '^Zelensky\|PER\|PER:volodymyr-zelensky$' "a surname after the full name shares its id"
like "$E" '^Smith\|PER\|' "a name after Mr. is PER"
like "$E" '^Kyiv\|LOC\|LOC:kyiv$' "a known city is LOC"
like "$(ents "Water levels near St. Louis fell.")" '^St\. Louis\|LOC\|LOC:st-louis$' "St. Louis is one place"
like "$E" '^Russian\|MISC\|' "a nationality is MISC"
E=$(ents "Officials of the Russian Direct Investment Fund (RDIF) met on Monday. The RDIF said it would invest.")
like "$E" '^Russian Direct Investment Fund\|ORG\|ORG:russian-direct-investment-fund$' "a Fund is ORG"
is "$(printf '%s\n' "$E" | grep -c '^RDIF|ORG|ORG:russian-direct-investment-fund$')" 2 \
    "an acronym in parentheses and its later use share the name's id"
E=$(ents "Shares of Apple Inc. rose while Volodymyr Zelenskyy and later Zelenskiy spoke.")
like "$E" '^Apple Inc\.\|ORG\|' "a legal suffix makes an ORG, with its dot as in CoNLL-2003"
is "$(printf '%s\n' "$E" | grep -c 'PER:volodymyr-zelensky$')" 2 \
    "transliterations share one id"
E=$(ents "Jordan Peterson visited Jordan.")
like "$E" "^Jordan Peterson\\|PER\\|" "a given name first: PER"
unlike_types=$(printf '%s\n' "$E" | awk -F'|' '{print $3}' | sort -u | wc -l)
is "$unlike_types" 2 "a person and a place of one spelling keep different ids"
E=$(ents "BREAKING NEWS: NATO met, and the Pentagon said so.")
like "$E" '^NATO\|ORG\|ORG:nato$' "an acronym is ORG"
like "$E" '^Pentagon\|ORG\|' "an organisation word alone inside a sentence is ORG"
is "$(printf '%s\n' "$E" | grep -c NEWS)" 0 "a shouted headline word is no entity"
is "$(ents "The report was published. However, nothing changed.")" "" \
    "sentence-initial function words are no entities"

# --- offsets: code points into text, with non-ASCII text ---
cat >"$D/in.jsonl" <<'EOF'
{"id":"u1","url":"https://example.com/u1","date":"2025-11-22","title":"Ünïcödé","text":"Ο Ζελένσκι. «Ça va» — Président Emmanuel Macron a rencontré Volodymyr Zelensky à Kyiv le 16 novembre 2025, puis 🇺🇦 à Lviv vendredi. Zelensky a parlé du Fonds (RDIF).","custom":{"keep":[1,2]}}
{"id":"u2","date":"2025-11-22","text":"Ĳssel café: Mr. Jean-Claude Juncker arrived in Brussels on Monday at 9 a.m. and left on 2025-11-18."}
EOF
newstag <"$D/in.jsonl" >"$D/out.jsonl" 2>"$D/err"
ok $? "JSON Lines mode exits 0"
python3 - "$D/in.jsonl" "$D/out.jsonl" >"$D/check" 2>&1 <<'PY'
import json, sys
ins = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
outs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(ins) == len(outs), "record count"
n = 0
for i, o in zip(ins, outs):
    for k, v in i.items():
        assert o[k] == v, "field %s changed" % k
    assert list(o)[:len(i)] == list(i), "field order"
    for a in o["entities"] + o["dates"]:
        assert o["text"][a["start"]:a["end"]] == a["text"], (a, o["text"][a["start"]:a["end"]])
        n += 1
    for d in o["dates"]:
        assert "mod" not in d or d["mod"] in ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", "MORE_THAN", "LESS_THAN", "EQUAL_OR_MORE"), d
assert n >= 10, "too few annotations: %d" % n
print("ok", n)
PY
ok $? "every offset slices text exactly in code points; every field kept in order"
[ "$(cut -c1-2 "$D/check")" = ok ] || diag "$(cat "$D/check")"
like "$(cat "$D/out.jsonl")" '"text":"Emmanuel Macron","type":"PER"' "a name after Président is PER"
like "$(cat "$D/out.jsonl")" '"text":"vendredi","type":"DATE","value":"2025-11-21"' "a French weekday"
like "$(sed -n 2p "$D/out.jsonl")" '"text":"9 a.m.","type":"TIME","value":"2025-11-17T09:00"' "a time on Monday"

# --- anchors: date, else fetched, else -d ---
printf '%s\n' '{"fetched":"2025-03-05T10:00:00Z","text":"It rained yesterday."}' \
    '{"date":null,"text":"It rained yesterday."}' | newstag -d 2020-01-10 >"$D/anchor" 2>&1
like "$(sed -n 1p "$D/anchor")" '"value":"2025-03-04"' "anchor from fetched"
like "$(sed -n 2p "$D/anchor")" '"value":"2020-01-09"' "anchor from -d"

# --- plain text mode ---
printf 'Line one on Monday.\n\nLine three in Paris.\n' | newstag -t -d "$ANCHOR" >"$D/t.out"
ok $? "-t exits 0"
is "$(wc -l <"$D/t.out")" 3 "-t writes one object per input line, blank lines too"
like "$(sed -n 2p "$D/t.out")" '^\{"entities":\[\],"dates":\[\]\}$' "-t: an empty line has empty annotations"
like "$(sed -n 3p "$D/t.out")" '"text":"Paris","type":"LOC","start":14,"end":19' "-t: offsets within the line"

# --- bad input ---
good1='{"id":"g1","date":"2025-11-22","text":"The council met on Friday in Vilnius."}'
good2='{"id":"g2","date":"2025-11-22","text":"Mayor Anna Berg spoke on Monday."}'
{ echo "$good1"; echo 'this is not JSON {'; echo "$good2"; } >"$D/nonjson.jsonl"
is "$(status newstag <"$D/nonjson.jsonl")" 1 "a non-JSON line: exit 1"
like "$(cat "$T_TMP/err")" '^newstag: line 2: not JSON' "the message names line 2"
is "$(grep -c '"id":"g[12]"' "$T_TMP/out")" 2 "both good records around it are written"

{ echo "$good1"; printf '{"id":"bad","text":"caf\xe9 \xff"}\n'; echo "$good2"; } >"$D/badutf8.jsonl"
is "$(status newstag <"$D/badutf8.jsonl")" 1 "invalid UTF-8 in a JSON line: exit 1"
like "$(cat "$T_TMP/err")" 'line 2' "the message names the line"
is "$(grep -c '"id":"g[12]"' "$T_TMP/out")" 2 "the good records are written"
printf 'caf\xe9 in Paris \xff on Friday\n' >"$D/badutf8.txt"
is "$(status newstag -t -d "$ANCHOR" <"$D/badutf8.txt")" 0 "-t repairs invalid UTF-8: exit 0"
like "$(cat "$T_TMP/err")" 'line 1: invalid UTF-8' "-t names the repaired line"
like "$(cat "$T_TMP/out")" '"text":"Paris","type":"LOC","start":8' "-t: offsets count a replaced byte as one code point"

is "$(status newstag </dev/null)" 0 "empty input: exit 0"
is "$(wc -c <"$T_TMP/out")" 0 "empty input: no output"
is "$(status newstag -t </dev/null)" 0 "-t empty input: exit 0"

python3 -c '
import sys
sys.stdout.write("{\"id\":\"huge\",\"text\":\"" + "Paris on Friday. " * (50 * 1024 * 1024 // 17) + "\"}\n")' >"$D/big.line"
{ echo "$good1"; cat "$D/big.line"; echo "$good2"; } >"$D/bigline.jsonl"
rm -f "$D/big.line"
is "$(status newstag <"$D/bigline.jsonl")" 1 "a 50 MB line: exit 1"
like "$(cat "$T_TMP/err")" 'line 2: record of [0-9]+ bytes is larger' "the message names the 50 MB line"
is "$(grep -c '"id":"g[12]"' "$T_TMP/out")" 2 "the records around the 50 MB line are written"
is "$(status newstag -t -d "$ANCHOR" <"$D/bigline.jsonl")" 1 "-t: a 50 MB line: exit 1"
is "$(wc -l <"$T_TMP/out")" 3 "-t: the 50 MB line still gets its (empty) output line"
rm -f "$D/bigline.jsonl"

head -c 100000 /dev/urandom >"$D/random.bin"
st=$(status newstag <"$D/random.bin")
[ "$st" -eq 1 ] || [ "$st" -eq 0 ]
ok $? "random bytes: no crash (exit $st)"
st=$(status newstag -t <"$D/random.bin")
[ "$st" -eq 0 ]
ok $? "-t random bytes: repaired, exit 0"

# --- usage ---
is "$(status newstag --bogus)" 2 "a bad option: exit 2"
is "$(status newstag -d 2025-13-45)" 2 "a bad -d date: exit 2"
is "$(status newstag --help)" 0 "--help: exit 0"
like "$(cat "$T_TMP/out")" '^usage: newstag' "--help prints usage on stdout"
like "$(newstag --version)" '^newstag [0-9]' "--version"

done_testing

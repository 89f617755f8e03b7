#!/bin/bash
# newstag's trained entity model (tag/ner.c, data/tag/model.bin): it
# loads; news sentences that are in none of the training sets get the
# right spans and types; the errors the rule-based version made ("Dar",
# "Europos Sąjunga" as PER, "N.Y." as ORG) stay fixed; document-level
# consistency; a missing or corrupt model is a clear error (exit 2); and
# the trainer (tag/train/nertrain) trains a model newstag can use, the
# same bytes each time.
. "$(dirname "$0")/lib.sh"

D=$T_TMP

# ents: "text|type" of each entity, one text a line in, one line of
# entities (separated by " ; ") a text out
ents() {
	newstag -t -d 2025-11-22 "$@" | python3 -c '
import sys, json
for line in sys.stdin:
    print(" ; ".join("%s|%s" % (e["text"], e["type"])
                     for e in json.loads(line)["entities"]))'
}
has() {	# has GOT "text|TYPE" NAME
	case " ; $1 ; " in
	*" ; $2 ; "*) ok 0 "$3" ;;
	*) ok 1 "$3"; echo "# got: $1" ;;
	esac
}
hasnt() {	# hasnt GOT REGEX NAME: no entity matches REGEX
	if printf '%s\n' "$1" | tr ';' '\n' | sed 's/^ *//; s/ *$//' |
	    grep -Eq "$2"; then
		ok 1 "$3"; echo "# got: $1"
	else
		ok 0 "$3"
	fi
}

# --- the model loads and tags: news sentences written for this test
# (none of them is in ../shared/data/ner) ---
cat >"$D/news.txt" <<'EOF'
German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Tuesday.
Shares of Microsoft Corp. fell 3 percent in New York after the company reported weaker cloud sales.
The European Union agreed to send more aid to Ukraine, a spokesman for the European Commission said.
Toyota Motor Corp. said it would recall 1.9 million vehicles in Japan and the United States.
Rescue teams in Sichuan province searched for survivors, Xinhua news agency reported.
Kenyan runner Faith Kipyegon won the race in Budapest.
EOF
ents <"$D/news.txt" >"$D/news.out"
ok $? "newstag loads the model and tags plain text"
is "$(wc -l <"$D/news.out")" 6 "one line of entities per text"
L1=$(sed -n 1p "$D/news.out")
has "$L1" "Olaf Scholz|PER" "a person after a title and a nationality"
has "$L1" "Emmanuel Macron|PER" "a second person in the sentence"
has "$L1" "Berlin|LOC" "a capital city is LOC"
has "$L1" "German|MISC" "a nationality is MISC"
has "$L1" "French|MISC" "another nationality is MISC"
hasnt "$L1" '^(Chancellor|President|German Chancellor)' \
    "titles are no part of a name (CoNLL-2003)"
L2=$(sed -n 2p "$D/news.out")
has "$L2" "Microsoft Corp.|ORG" "a company with its legal suffix and dot"
has "$L2" "New York|LOC" "a two-word city"
L3=$(sed -n 3p "$D/news.out")
has "$L3" "European Union|ORG" "the EU is an organisation"
has "$L3" "Ukraine|LOC" "a country"
has "$L3" "European Commission|ORG" "an institution"
L4=$(sed -n 4p "$D/news.out")
has "$L4" "Toyota Motor Corp.|ORG" "a three-word company"
has "$L4" "United States|LOC" "a country of two words"
L5=$(sed -n 5p "$D/news.out")
has "$L5" "Sichuan|LOC" "a province without the word province"
has "$L5" "Xinhua|ORG" "a news agency without its description"
L6=$(sed -n 6p "$D/news.out")
has "$L6" "Faith Kipyegon|PER" "a name in no list of given names"
has "$L6" "Budapest|LOC" "a city after in"

# --- long names typed by their words as a whole, and pronouns, which
# CoNLL-2003 never marks (re3d, a training set, does) ---
cat >"$D/names.txt" <<'EOF'
A spokesman for the Lithuanian Armed Forces declined to comment.
"I will not resign," the minister told reporters in Vilnius, and I believe him.
Officials at the Ministry of Foreign Affairs said the talks would resume.
The Bank of Lithuania raised rates, while the European Central Bank held them.
He studied at the Karolinska Institute before joining the Norwegian Refugee Council.
We expect prices to rise, said an economist at the National Association of Realtors.
EOF
ents <"$D/names.txt" >"$D/names.out"
N1=$(sed -n 1p "$D/names.out")
hasnt "$N1" '^A\|' "a sentence-initial \"A\" is no entity"
has "$N1" "Lithuanian Armed Forces|ORG" "a name opening with a nationality is ORG as a whole"
N2=$(sed -n 2p "$D/names.out")
hasnt "$N2" '^I\|' "\"I\" is no person, at a quote's start or inside a sentence"
has "$N2" "Vilnius|LOC" "a city after a quote"
N3=$(sed -n 3p "$D/names.out")
has "$N3" "Ministry of Foreign Affairs|ORG" "a name with \"of\" is one ORG"
N4=$(sed -n 4p "$D/names.out")
has "$N4" "Bank of Lithuania|ORG" "a bank named after a country is ORG, not LOC"
has "$N4" "European Central Bank|ORG" "a three-word bank"
N5=$(sed -n 5p "$D/names.out")
hasnt "$N5" '^He\|' "\"He\" is no entity"
has "$N5" "Karolinska Institute|ORG" "an institute"
has "$N5" "Norwegian Refugee Council|ORG" "a council opening with a nationality"
N6=$(sed -n 6p "$D/names.out")
hasnt "$N6" '^We\|' "\"We\" is no entity"
has "$N6" "National Association of Realtors|ORG" "an association of four words"

# --- given names of other languages (the model's given-name list,
# tag/train/gaz/given.txt): Ukrainian names, transliterated, in
# sentences written for this test; each line is its own document, so no
# other mention helps. The first one, at the start of a sentence, was
# not found at all by the model without the list ---
cat >"$D/given.txt" <<'EOF'
Volodymyr Zelenskiy met reporters in Kyiv.
Olha Stefanishyna met Dmytro Kuleba in Brussels.
The talks were led by Oleksandr Kubrakov and Serhii Kyslytsya.
EOF
ents <"$D/given.txt" >"$D/given.out"
G1=$(sed -n 1p "$D/given.out")
has "$G1" "Volodymyr Zelenskiy|PER" "a Ukrainian name opening a one-sentence text"
has "$G1" "Kyiv|LOC" "and the city after it"
G2=$(sed -n 2p "$D/given.out")
has "$G2" "Olha Stefanishyna|PER" "a Ukrainian woman's name at a sentence start"
has "$G2" "Dmytro Kuleba|PER" "a Ukrainian man's name mid-sentence"
G3=$(sed -n 3p "$D/given.out")
has "$G3" "Oleksandr Kubrakov|PER" "a transliterated given name after 'by'"
has "$G3" "Serhii Kyslytsya|PER" "a second one after 'and'"

# --- a patronymic inside a name: one person, not two (the model ends
# the name at the patronymic; entities.c joins them) ---
cat >"$D/patr.txt" <<'EOF'
Vladimir Vladimirovich Putin spoke on Monday.
Yulia Volodymyrivna Tymoshenko spoke.
EOF
ents <"$D/patr.txt" >"$D/patr.out"
P1=$(sed -n 1p "$D/patr.out")
has "$P1" "Vladimir Vladimirovich Putin|PER" "a Russian name with its patronymic is one person"
hasnt "$P1" '^Putin\|' "the surname is not a second person"
has "$(sed -n 2p "$D/patr.out")" "Yulia Volodymyrivna Tymoshenko|PER" \
    "a Ukrainian woman's patronymic too"
# and a sentence-initial common word is no part of a person's name
has "$(printf '%s\n' 'Later Zelenskiy said the talks had been useful.' | ents)" \
    "Zelenskiy|PER" "'Later' before a surname at a sentence start is cut off"

# --- errors of the rule-based version (issue 6), from the examples ---
E=$(printf '%s\n' '„Dar prieš penkerius metus elektriniai autobusai Kaune buvo retenybė, o dabar jie veža beveik trečdalį visų keleivių“, – sakė bendrovės vadovas Tomas Jankauskas.' | ents -l lt)
hasnt "$E" '^Dar\|' "Lithuanian \"Dar\" (still) opening a quote is no entity"
has "$E" "Tomas Jankauskas|PER" "a Lithuanian person"
E=$(printf '%s\n' 'Projektas kainavo apie 24 mln. eurų, beveik pusę šios sumos skyrė Europos Sąjunga.' | ents -l lt)
hasnt "$E" '^Europos Sąjunga\|PER$' "\"Europos Sąjunga\" is not a person"
E=$(printf '%s\n' '«Жители ждали этот мост почти два года», — сказала председатель комитета Ольга Кириллова.' | ents -l ru)
has "$E" "Ольга Кириллова|PER" "a Russian person: her given name is known once transliterated"
E=$(printf '%s\n' 'Veltrix Semiconductor will build a $2.1 billion power-chip plant in Malta, N.Y., passing over finalist sites in Ohio and Texas, the company announced Tuesday.' | ents)
has "$E" "N.Y.|LOC" "N.Y. after a town is a place, not an ORG"
has "$E" "Malta|LOC" "the town before it too"
has "$E" "Ohio|LOC" "a state"

# --- document-level consistency and ids ---
cat >"$D/doc.jsonl" <<'EOF'
{"id":"d1","date":"2025-11-22","text":"Volodymyr Zelenskyy met envoys in Kyiv on Friday.\nLater Zelenskiy said the talks had been useful. Zelensky thanked the Russian Direct Investment Fund (RDIF) for nothing; RDIF did not comment."}
EOF
newstag <"$D/doc.jsonl" >"$D/doc.out"
ok $? "JSON Lines mode with the model"
python3 - "$D/doc.out" >"$D/doc.ents" <<'EOF'
import json, sys
o = json.loads(open(sys.argv[1]).read())
for e in o["entities"]:
    assert o["text"][e["start"]:e["end"]] == e["text"], e
    print("%s|%s|%s" % (e["text"], e["type"], e["id"]))
EOF
ok $? "entity offsets slice the text"
E=$(cat "$D/doc.ents")
is "$(grep -cE '^Zelensk(yy|iy|y)\|PER\|' "$D/doc.ents")" 2 \
    "a surname alone after the full name is that person, in any spelling"
is "$(grep '^Zelensk\|^Volodymyr' "$D/doc.ents" | cut -d'|' -f3 | sort -u | wc -l)" 1 \
    "all mentions of the person share one id"
is "$(grep -c '^Russian Direct Investment Fund|ORG|' "$D/doc.ents")" 1 \
    "the words an acronym in parentheses spells are one ORG"
is "$(grep -c '^RDIF|ORG|' "$D/doc.ents")" 2 "the acronym and its later use are ORG"
is "$(grep 'Russian Direct\|^RDIF' "$D/doc.ents" | cut -d'|' -f3 | sort -u | wc -l)" 1 \
    "the name and its acronym share one id"
# a name tagged once keeps its type: every mention of one spelling has
# one type in a document
printf '%s\n' 'Bayer said profits fell. Analysts expect Bayer to cut jobs, and Bayer shares slid in Frankfurt while Bayer managers met in Leverkusen.' | ents >"$D/cons.out"
is "$(tr ';' '\n' <"$D/cons.out" | sed 's/^ *//; s/ *$//' | grep '^Bayer|' | sort -u | wc -l)" 1 \
    "every mention of one name has one type"
is "$(tr ';' '\n' <"$D/cons.out" | grep -c 'Bayer|')" 4 \
    "and every mention is found"

# --- a missing or corrupt model: a clear error, exit 2 ---
echo "Olaf Scholz spoke." | newstag -t -m "$D/none.bin" >/dev/null 2>"$D/err"
is $? 2 "a missing model file: exit 2"
like "$(cat "$D/err")" "none\.bin: No such file" "the message names the file"
# a copy of newstag whose data directory (BIN/../data) has the
# gazetteers but no model
mkdir -p "$D/inst/bin" "$D/inst/data/tag"
cp "$NF_BIN/newstag" "$D/inst/bin/"
ln -s "$TOP/data/tag/gazetteer" "$D/inst/data/tag/gazetteer"
echo "Olaf Scholz spoke." | NEWSFILTERS_DATA= "$D/inst/bin/newstag" -t \
    >/dev/null 2>"$D/err"
is $? 2 "no model in the data directory: exit 2"
like "$(cat "$D/err")" "model\.bin.*not found.*make model" \
    "the message says which file and how to make it"
M=$TOP/data/tag/model.bin
head -c 100000 "$M" >"$D/trunc.bin"
echo x | newstag -t -m "$D/trunc.bin" >/dev/null 2>"$D/err"
is $? 2 "a truncated model: exit 2"
like "$(cat "$D/err")" "trunc\.bin: corrupt model" "a truncated model is named corrupt"
cp "$M" "$D/flip.bin"
printf '\x55' | dd of="$D/flip.bin" bs=1 seek=4000000 conv=notrunc 2>/dev/null
echo x | newstag -t -m "$D/flip.bin" >/dev/null 2>"$D/err"
is $? 2 "a model with a changed byte: exit 2"
like "$(cat "$D/err")" "flip\.bin: corrupt model \(checksum\)" "the checksum catches it"
printf 'not a model at all, just some text\n%.0s' $(seq 1 5) >"$D/text.bin"
echo x | newstag -t -m "$D/text.bin" >/dev/null 2>"$D/err"
is $? 2 "a text file as model: exit 2"
like "$(cat "$D/err")" "text\.bin: not a newstag model" "it is named as no model"
: | newstag -m "$D/none.bin" >/dev/null 2>&1
is $? 2 "the model is checked before any input is read"

# --- the trainer: a tiny model from a tiny slice, twice the same bytes ---
if [ -x "$NF_BIN/nertrain" ]; then
	python3 - >"$D/train.jsonl" <<'EOF'
import json
docs = [
    ("Anna Berg visited Oslo .\nThe Nordbank fund opened in Oslo .",
     [("Anna Berg", "PER"), ("Oslo", "LOC"), ("Nordbank", "ORG")]),
    ("Peter Lund left Bergen for Oslo .\nNordbank hired Peter Lund .",
     [("Peter Lund", "PER"), ("Bergen", "LOC"), ("Nordbank", "ORG")]),
]
for text, names in docs:
    ents = []
    for name, t in names:
        i = text.find(name)
        while i >= 0:
            ents.append([i, i + len(name), t])
            i = text.find(name, i + 1)
    ents.sort()
    print(json.dumps({"text": text, "entities": ents}))
EOF
	nertrain -b 12 -e 5 "$D/train.jsonl" "$D/tiny1.bin" 2>"$D/train.err"
	ok $? "nertrain trains on a tiny slice"
	nertrain -b 12 -e 5 "$D/train.jsonl" "$D/tiny2.bin" 2>/dev/null
	cmp -s "$D/tiny1.bin" "$D/tiny2.bin"
	ok $? "training twice gives the same bytes"
	E=$(echo "Anna Berg visited Bergen ." | ents -m "$D/tiny1.bin")
	has "$E" "Anna Berg|PER" "the tiny model learnt its person"
	has "$E" "Bergen|LOC" "and its place"
	echo '{"text": 3}' >"$D/bad.jsonl"
	nertrain "$D/bad.jsonl" "$D/bad.bin" 2>"$D/err"
	is $? 2 "nertrain: a bad training record is an error (exit 2)"
	like "$(cat "$D/err")" "bad\.jsonl: line 1" "naming the line"
	[ ! -e "$D/bad.bin" ]
	ok $? "and writes no model"
else
	ok 1 "nertrain is built next to newstag ($NF_BIN)"
fi

done_testing

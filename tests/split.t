#!/bin/bash
# newssplit: the sentence rules in several languages, offsets, both modes,
# user abbreviations, and bad or pathological input.
. "$(dirname "$0")/lib.sh"

D=$T_TMP

# ss LANG TEXT: the sentences newssplit finds, joined by " | ".
ss() {
	python3 -c 'import json,sys; print(json.dumps({"text": sys.argv[2], "language": sys.argv[1]}))' "$1" "$2" |
		newssplit | python3 -c 'import json,sys
for l in sys.stdin:
    print(" | ".join(s["text"] for s in json.loads(l)["sentences"]))'
}

# ---- usage -------------------------------------------------------------
newssplit --help >"$D/out" 2>&1
ok $? "--help exits 0"
like "$(cat "$D/out")" "^usage: newssplit" "--help prints the synopsis"
is "$(status newssplit --frobnicate)" 2 "a bad option exits 2"
like "$(cat "$T_TMP/err")" "usage: newssplit" "a bad option prints usage on stderr"
like "$(newssplit --version)" "^newssplit [0-9]" "--version"
is "$(status newssplit -a "$D/nonexistent")" 2 "-a with a missing file exits 2"
like "$(cat "$T_TMP/err")" "nonexistent" "and names the file"

# ---- English rules -----------------------------------------------------
is "$(ss en 'Hello World. My name is Jonas.')" "Hello World. | My name is Jonas." "period ends a sentence"
is "$(ss en 'What is your name? My name is Jonas! Really.')" "What is your name? | My name is Jonas! | Really." "? and ! end sentences"
is "$(ss en 'Mr. Smith met Dr. Jones at St. Mary'"'"'s. They talked.')" \
	"Mr. Smith met Dr. Jones at St. Mary's. | They talked." "titles do not end sentences"
is "$(ss en 'They closed the deal with Pitt, Briggs & Co. It closed yesterday.')" \
	"They closed the deal with Pitt, Briggs & Co. | It closed yesterday." "an abbreviation before a sentence starter ends one"
is "$(ss en 'They closed the deal with Pitt, Briggs & Co. at noon.')" \
	"They closed the deal with Pitt, Briggs & Co. at noon." "an abbreviation before a lower-case word does not"
is "$(ss en 'The book is by J. R. R. Tolkien and it is long.')" \
	"The book is by J. R. R. Tolkien and it is long." "initials"
is "$(ss en 'We make a good team, you and I. Did you see Albert I. Jones?')" \
	"We make a good team, you and I. | Did you see Albert I. Jones?" "I before a starter ends, before a name does not"
is "$(ss en 'Pi is 3.14 and she has $100.00. It is in her bag.')" \
	"Pi is 3.14 and she has \$100.00. | It is in her bag." "decimals stay, a final number ends"
is "$(ss en 'I work for the U.S. Government. I live in the U.S. How about you?')" \
	"I work for the U.S. Government. | I live in the U.S. | How about you?" "multi-period abbreviations"
is "$(ss en 'Write to Jane.Doe@example.com. See https://www.example.50.com/a.html. Thanks.')" \
	"Write to Jane.Doe@example.com. | See https://www.example.50.com/a.html. | Thanks." "e-mail addresses and URLs"
is "$(ss en 'She turned to him, "This is great." she said. "Stop!" he cried. "Why?" She left.')" \
	"She turned to him, \"This is great.\" she said. | \"Stop!\" he cried. | \"Why?\" | She left." \
	"quotes: closers stay, lower case after them continues"
is "$(ss en 'She works at Yahoo! in the accounting department.')" \
	"She works at Yahoo! in the accounting department." "! after a name before lower case"
is "$(ss en 'He teaches science (He previously worked as an engineer.) at the University. Good.')" \
	"He teaches science (He previously worked as an engineer.) at the University. | Good." "parenthetical sentence"
is "$(ss en 'I never meant that.... She left the store.')" "I never meant that.... | She left the store." "ellipsis before a capital"
is "$(ss en 'I wasn’t really ... well, what I mean...see . . . what I mean, the thing is . . . I didn’t mean it.')" \
	"I wasn’t really ... well, what I mean...see . . . what I mean, the thing is . . . I didn’t mean it." "ellipses inside a sentence"
is "$(ss en '"Bohr [...] used the analogy [...]" (Smith 55). Next.')" \
	"\"Bohr [...] used the analogy [...]\" (Smith 55). | Next." "bracketed ellipsis"
is "$(ss en 'Hello world.Today is Tuesday.Mr. Smith bought 1,000.That is a lot.')" \
	"Hello world. | Today is Tuesday. | Mr. Smith bought 1,000. | That is a lot." "no space between sentences"
is "$(ss en '1. The first item 2. The second item')" "1. The first item | 2. The second item" "numbered list in one line"
is "$(ss en 'a. The first item b. The second item c. The third item')" \
	"a. The first item | b. The second item | c. The third item" "lettered list in one line"
is "$(ss en '• Rates rise • Stocks fall')" "• Rates rise | • Stocks fall" "bulleted list in one line"
is "$(ss en 'i was very pleased with the service. economy should be good here.')" \
	"i was very pleased with the service. | economy should be good here." "a lower-case sentence after a plain word"
is "$(ss en 'Hi Sara, Thanks for the notes. Vince: I just wanted to check. He said: The end. Best regards, Al')" \
	"Hi Sara, | Thanks for the notes. | Vince: | I just wanted to check. | He said: The end. | Best regards, | Al" \
	"mail salutations and headings"
is "$(ss en 'Details at http://example.com/a.htm Unique offers. See https://example.com/a. Next one. Go to http://x.org/?q=A.B today.')" \
	"Details at http://example.com/a.htm | Unique offers. | See https://example.com/a. | Next one. | Go to http://x.org/?q=A.B today." \
	"a URL before a capital ends an English sentence"
is "$(ss de 'Mehr unter https://example.de Informationen gibt es dort.')" "Mehr unter https://example.de Informationen gibt es dort." \
	"but not a German one"
is "$(ss en 'Is it good or bad?what is your opinion? It did great job . i was pleased')" \
	"Is it good or bad? | what is your opinion? | It did great job . | i was pleased" "glued ? and a detached period"
is "$(ss de "Er hat abgeschlossen. \`\`Alles gut'', sagte er.")" "Er hat abgeschlossen. | \`\`Alles gut'', sagte er." "TeX quotes open a sentence"
is "$(ss en 'Hello!! Long time no see. Hello?! Is that you?')" "Hello!! | Long time no see. | Hello?! | Is that you?" "double punctuation"

# ---- other languages ---------------------------------------------------
is "$(ss de 'Die Wahl findet am 3. Oktober statt. Der Rat tagt in Berlin.')" \
	"Die Wahl findet am 3. Oktober statt. | Der Rat tagt in Berlin." "German ordinal before a month"
is "$(ss de 'Wir haben 1.000.000 Euro. Das reicht.')" "Wir haben 1.000.000 Euro. | Das reicht." "German thousands separators"
is "$(ss de '„Ich habe heute keine Zeit“, sagte die Frau: „Und auch keine Lust.“ Wir gehen.')" \
	"„Ich habe heute keine Zeit“, sagte die Frau: „Und auch keine Lust.“ | Wir gehen." "German quotes"
is "$(ss de 'Das kostet 5 Mio. Euro, sagte Prof. Müller. Der Rat stimmte zu.')" \
	"Das kostet 5 Mio. Euro, sagte Prof. Müller. | Der Rat stimmte zu." "German abbreviations"
is "$(ss en 'The vote is on the 3. October is late.')" "The vote is on the 3. | October is late." \
	"no ordinals in English"
is "$(ss fr 'M. Dupont est arrivé. Mme Martin aussi. Il fait beau !')" \
	"M. Dupont est arrivé. | Mme Martin aussi. | Il fait beau !" "French"
is "$(ss es '¿Qué hora es? ¡Son las tres! El Sr. García llegó.')" \
	"¿Qué hora es? | ¡Son las tres! | El Sr. García llegó." "Spanish ¿ ¡ and Sr."
is "$(ss it 'Il sig. Rossi è arrivato. Il dott. Bianchi no.')" \
	"Il sig. Rossi è arrivato. | Il dott. Bianchi no." "Italian"
is "$(ss ru 'Строительство обошлось городу примерно в 96 млн руб. Мост откроют в мае. Его построили на ул. Ленина.')" \
	"Строительство обошлось городу примерно в 96 млн руб. | Мост откроют в мае. | Его построили на ул. Ленина." \
	"Russian: a unit ends a sentence, a street does not"
is "$(ss ru 'Поэт А. С. Пушкин родился в Москве. Это известно.')" \
	"Поэт А. С. Пушкин родился в Москве. | Это известно." "Cyrillic initials"
is "$(ss uk 'Міст відкрили на вул. Шевченка. Роботи тривали рік.')" \
	"Міст відкрили на вул. Шевченка. | Роботи тривали рік." "Ukrainian"
is "$(ss lt 'Kelias kainavo 5 mln. eurų. Darbai baigti 2025 m. lapkričio 27 d. Vilniuje.')" \
	"Kelias kainavo 5 mln. eurų. | Darbai baigti 2025 m. lapkričio 27 d. Vilniuje." "Lithuanian"
is "$(ss lt 'Ji teigė, kad pasinaudojo 8 proc. daugiau keleivių. Projektas kainavo 24 mln. eurų.')" \
	"Ji teigė, kad pasinaudojo 8 proc. daugiau keleivių. | Projektas kainavo 24 mln. eurų." "Lithuanian proc. and mln."
is "$(ss en 'Rome was founded in 753 B.C. Augustus came later. He is 5 ft. 6 in. tall. Then 7 a.m. is before 7 p.m. 7 a.m. is early.')" \
	"Rome was founded in 753 B.C. | Augustus came later. | He is 5 ft. 6 in. tall. | Then 7 a.m. is before 7 p.m. | 7 a.m. is early." \
	"eras, units and times after numbers"
is "$(ss en 'Saint Maximus is a martyr.[1] The emperor Decius published a decree. [2][3] It failed.')" \
	"Saint Maximus is a martyr.[1] | The emperor Decius published a decree. [2][3] | It failed." "citation marks stay with the sentence"
is "$(ss en 'Hello Mr . Robinson how are you ? Fine .')" "Hello Mr . Robinson how are you ? | Fine ." "tokenized text"
is "$(ss de 'Also alles bestens, wie immer :) Also gut. Danke :-))) Bis bald. Zeit: 10:30 Uhr.')" \
	"Also alles bestens, wie immer :) | Also gut. | Danke :-))) | Bis bald. | Zeit: 10:30 Uhr." "an emoticon before a capital ends a sentence"
is "$(ss zh '今天天气很好。我们去公园吧！你来吗？')" "今天天气很好。 | 我们去公园吧！ | 你来吗？" "Chinese, no spaces"
is "$(ss hi 'यह एक वाक्य है। यह दूसरा है।')" "यह एक वाक्य है। | यह दूसरा है।" "Hindi danda"
is "$(ss ar 'هل أنت بخير؟ نعم أنا بخير.')" "هل أنت بخير؟ | نعم أنا بخير." "Arabic question mark"
is "$(ss xx 'Unknown language. Generic rules apply.')" "Unknown language. | Generic rules apply." "unknown language uses generic rules"

# ---- paragraphs, offsets, fields ---------------------------------------
is "$(ss en $'features\ncontact manager\nevents, activities\n')" "features | contact manager | events, activities" \
	"a line break in JSON text ends a sentence"
python3 - >"$D/in.jsonl" <<'PY'
import json
docs = [
 {"id": "a", "url": "https://example.com/a", "title": "T", "language": "de", "custom": [1, {"x": 2}],
  "text": "Über 3,5 Mio. Menschen – „sehr viele“ – kamen am 3. Oktober. Die Polizei zählte sie.\nZweiter Absatz. Ende…"},
 {"id": "b", "language": "ru", "text": "Ёлка 🎄 стоит. Дети рады! 😀 Всё."},
 {"id": "c", "text": "  leading space. Trailing space.   \n\n  \n"},
 {"id": "d", "language": "ja", "text": "「こんにちは。」と彼は言った。𠀋は漢字です。"},
]
for d in docs: print(json.dumps(d, ensure_ascii=False))
PY
newssplit <"$D/in.jsonl" >"$D/out.jsonl" 2>"$D/err"
is "$?" 0 "JSON mode exits 0"
python3 - "$D/in.jsonl" "$D/out.jsonl" >"$D/check" <<'PY'
import json, sys
ins = [json.loads(l) for l in open(sys.argv[1])]
outs = [json.loads(l) for l in open(sys.argv[2])]
bad = []
for i, o in zip(ins, outs):
    if list(o.keys()) != list(i.keys()) + ["sentences"]: bad.append("keys %s" % list(o.keys()))
    for k in i:
        if o[k] != i[k]: bad.append("field %s changed" % k)
    last = 0
    for s in o["sentences"]:
        t = o["text"][s["start"]:s["end"]]
        if t != s["text"]: bad.append("slice %r != %r" % (t, s["text"]))
        if t != t.strip() or not t: bad.append("white space kept: %r" % t)
        if s["start"] < last: bad.append("overlap")
        last = s["end"]
print(len(outs), len(ins), " ".join(str(len(o["sentences"])) for o in outs))
print("\n".join(bad))
PY
is "$(head -1 "$D/check")" "4 4 4 3 2 3" "every record written, sentence counts"
is "$(tail -n +2 "$D/check")" "" "offsets slice the text in code points, fields kept in order, no white space"
is "$(sed -n 1p "$D/out.jsonl" | jq -r '.sentences[0].text')" \
	"Über 3,5 Mio. Menschen – „sehr viele“ – kamen am 3. Oktober." "German sentence with dashes and quotes"
is "$(sed -n 2p "$D/out.jsonl" | jq -r '[.sentences[].text] | join(" | ")')" \
	"Ёлка 🎄 стоит. | Дети рады! 😀 | Всё." "emoji after a terminator stay with the sentence"

# A decomposed é is normalized to NFC, and offsets follow the new text.
printf '{"text":"Cafe\xcc\x81 ouvert. Re\xcc\x81ponse."}\n' | newssplit -l fr >"$D/out" 2>"$D/err"
is "$(jq -r '.text' "$D/out")" "Café ouvert. Réponse." "text normalized to NFC"
is "$(jq -c '[.sentences[] | [.start, .end]]' "$D/out")" "[[0,12],[13,21]]" "offsets into the NFC text"

# A line without a string "text" is reported and written unchanged.
{ echo '{"id":"x1","text":"One. Two."}'; echo '{"id":"x2","title":"no text","n":[1,2]}'
  echo '{"id":"x3","text":null}'; echo '{"id":"x4","text":"Three."}'; } >"$D/notext.jsonl"
is "$(status newssplit "$D/notext.jsonl")" 1 "records without text: exit 1"
is "$(jq -c 'del(.sentences)' "$T_TMP/out" | tr '\n' ' ')" \
	'{"id":"x1","text":"One. Two."} {"id":"x2","title":"no text","n":[1,2]} {"id":"x3","text":null} {"id":"x4","text":"Three."} ' \
	"records without text are passed through unchanged"
like "$(cat "$T_TMP/err")" 'line 2 \(x2\).*text' "message names line 2 and its id"
like "$(cat "$T_TMP/err")" 'line 3 \(x3\)' "message names line 3"
is "$(jq -r 'if has("sentences") then (.sentences | length) else "none" end' "$T_TMP/out" | tr '\n' ' ')" "2 none none 1 " "only records with text get sentences"

# -l overrides the record's language.
echo '{"language":"en","text":"Er kam am 3. Oktober. Der Rat tagte."}' >"$D/l.jsonl"
is "$(newssplit <"$D/l.jsonl" | jq -r '.sentences | length')" 3 "English rules break after 3."
is "$(newssplit -l de <"$D/l.jsonl" | jq -r '.sentences | length')" 2 "-l de keeps the ordinal"

# ---- plain text mode ---------------------------------------------------
printf 'First one. Second one!\nA new paragraph\nwithout period\n\nLast.' >"$D/p.txt"
newssplit -t <"$D/p.txt" >"$D/out"
is "$(cat "$D/out")" $'First one.\nSecond one!\nA new paragraph\nwithout period\nLast.' "-t: one sentence a line, a line break ends a paragraph"
newssplit -t -w <"$D/p.txt" >"$D/out"
is "$(cat "$D/out")" $'First one.\nSecond one!\nA new paragraph without period\nLast.' "-t -w: only blank lines end paragraphs, line breaks become spaces"
printf 'This is a sentence\r\ncut off. Next one.\r\n' | newssplit -t -w >"$D/out"
is "$(cat "$D/out")" $'This is a sentence cut off.\nNext one.' "-t -w with CRLF: a line break and its blanks become one space"
is "$(newssplit -t "$D/p.txt" - <"$D/p.txt" | wc -l | tr -d ' ')" 10 "-t reads files and - (stdin)"
python3 -c "import sys; sys.stdout.write(''.join('para %d has no end\nand wraps here\n \t \n' % i for i in range(150000)))" >"$D/w.txt"
is "$(newssplit -t -w <"$D/w.txt" | wc -l | tr -d ' ')" 150000 "-t -w: 6 MB of paragraphs, blank lines across read boundaries"
is "$(newssplit -t -w <"$D/w.txt" | sed -n 100000p)" "para 99999 has no end and wraps here" "-t -w: a paragraph read in two pieces is whole"
printf 'Bad \xff byte here. Next.\nLine two.\nBad \xc3 again.\n' | newssplit -t >"$D/out" 2>"$D/err"
is "$?" 0 "-t: invalid UTF-8 is repaired, exit 0"
is "$(cat "$D/out")" $'Bad \xef\xbf\xbd byte here.\nNext.\nLine two.\nBad \xef\xbf\xbd again.' "-t: invalid bytes become U+FFFD"
like "$(cat "$D/err")" "line 1: invalid UTF-8" "-t: message names line 1"
like "$(cat "$D/err")" "line 3: invalid UTF-8" "-t: message names line 3"

# ---- -a FILE -----------------------------------------------------------
printf '# my abbreviations\nZiff.\nGrp\n' >"$D/abbr.txt"
is "$(echo 'Shares of Ziff. Davis rose. Grp. Smith was first.' | newssplit -t)" \
	$'Shares of Ziff.\nDavis rose.\nGrp.\nSmith was first.' "without -a"
is "$(echo 'Shares of Ziff. Davis rose. Grp. Smith was first.' | newssplit -t -a "$D/abbr.txt")" \
	$'Shares of Ziff. Davis rose.\nGrp. Smith was first.' "-a adds abbreviations, with or without the period"
printf 'obs\tp\n' >"$D/abbr2.txt"
is "$(echo 'See obs. The Times noted it. Then obs. The end.' | newssplit -t -a "$D/abbr2.txt")" $'See obs. The Times noted it.\nThen obs. The end.' \
	"-a: a prepositive class (TAB p) never breaks before a capital"

# ---- empty and bad input -----------------------------------------------
: >"$D/empty"
is "$(status newssplit <"$D/empty")" 0 "empty input exits 0"
is "$(wc -c <"$T_TMP/out" | tr -d ' ')" 0 "empty input writes nothing"
is "$(status newssplit -t <"$D/empty")" 0 "-t: empty input exits 0"
is "$(wc -c <"$T_TMP/out" | tr -d ' ')" 0 "-t: empty input writes nothing"
printf '\n  \n\n' | newssplit -t >"$D/out"
is "$(wc -c <"$D/out" | tr -d ' ')" 0 "-t: blank lines give no sentences"

{ echo '{"id":"g1","text":"Good one. Yes."}'; echo 'not JSON {'; echo '{"id":"g2","text":"Good two."}'; } >"$D/nonjson.jsonl"
is "$(status newssplit "$D/nonjson.jsonl")" 1 "a non-JSON line exits 1"
is "$(jq -r .id "$T_TMP/out" | tr '\n' ' ')" "g1 g2 " "both good records written"
like "$(cat "$T_TMP/err")" "line 2" "message names line 2"
{ echo '{"id":"g1","text":"Good one."}'; printf '{"id":"bad","text":"caf\xe9 \xff"}\n'; echo '{"id":"g2","text":"Good two."}'; } >"$D/badutf8.jsonl"
is "$(status newssplit "$D/badutf8.jsonl")" 1 "an invalid UTF-8 JSON line exits 1"
is "$(jq -r .id "$T_TMP/out" | tr '\n' ' ')" "g1 g2 " "records around it written"
like "$(cat "$T_TMP/err")" "line 2" "message names line 2"

if [ -w /dev/full ]; then
	is "$(echo 'Hello. World.' | newssplit -t 2>"$D/err" >/dev/full; echo $?)" 2 "-t: a full disk exits 2"
	like "$(cat "$D/err")" "write error" "and says so"
	is "$(echo '{"text":"Hello. World."}' | newssplit 2>/dev/null >/dev/full; echo $?)" 2 "JSON: a full disk exits 2"
fi
is "$(status newssplit -t "$D/no-such-file")" 2 "an unreadable input file exits 2"
like "$(cat "$T_TMP/err")" "no-such-file" "and is named"

# ---- pathological input: finishes, sane output, bounded memory ---------
# (a) 10 MB of periods: one sentence.
head -c 10000000 /dev/zero | tr '\0' '.' >"$D/dots.txt"
newssplit -t <"$D/dots.txt" >"$D/out"
is "$?:$(wc -l <"$D/out" | tr -d ' '):$(wc -c <"$D/out" | tr -d ' ')" "0:1:10000001" "10 MB of periods: one sentence, every byte kept"
python3 -c 'import json; print(json.dumps({"text": "." * 10000000}))' | newssplit >"$D/out"
is "$(jq -c '[.sentences[] | [.start, .end]]' "$D/out")" "[[0,10000000]]" "10 MB of periods in JSON mode"
# (b) 10 MB without white space, with periods that look like sentence ends.
python3 -c 'import sys; sys.stdout.write("abc.Def" * 1500000)' >"$D/nospace.txt"
newssplit -t <"$D/nospace.txt" >"$D/out"
is "$?:$(wc -l <"$D/out" | tr -d ' ')" "0:1500001" "10 MB without white space: abc.Def splits"
is "$(tr -d '\n' <"$D/out" | cmp - "$D/nospace.txt" && echo same)" "same" "and keeps every byte"
python3 -c 'import sys; sys.stdout.write("a.b@" + "x.y" * 3500000 + ". Next.\n")' | newssplit -t >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' ')" 2 "10 MB e-mail-like token: no split inside"
python3 -c 'import sys; sys.stdout.write("x" * 10000000 + ". Next. " + ")" * 1000000 + "\n")' | newssplit -t >"$D/out"
is "$(wc -l <"$D/out" | tr -d ' ')" 2 "10 MB word, 1 MB of brackets"
python3 -c 'import sys; sys.stdout.write("A. " * 3000000)' | newssplit -t >"$D/out"
is "$?:$(wc -l <"$D/out" | tr -d ' ')" "0:1" "3M initials in a row"

# (c) A 50 MB line: in JSON mode it is reported and skipped; in -t mode it
# is split at spaces, in bounded memory, and nothing is lost.
python3 - "$D" <<'PY'
import sys
d = sys.argv[1]
with open(d + "/big.jsonl", "w") as f:
    f.write('{"id":"g1","text":"Before."}\n{"id":"huge","text":"' + "a" * (50 << 20) + '"}\n{"id":"g2","text":"After."}\n')
with open(d + "/big.txt", "w") as f:
    f.write("Before.\n" + "The cat sat on the mat. " * ((50 << 20) // 24) + "\nAfter.\n")
PY
is "$(status newssplit "$D/big.jsonl")" 1 "JSON: a 50 MB line exits 1"
is "$(jq -r .id "$T_TMP/out" | tr '\n' ' ')" "g1 g2 " "JSON: records around it kept"
like "$(cat "$T_TMP/err")" "line 2.*(larger|limit)" "JSON: message names line 2"
if [ -z "${NF_ASAN:-}" ]; then
	( ulimit -v 400000; newssplit -t <"$D/big.txt" >"$D/out" 2>"$D/err" ); st=$?
else
	newssplit -t <"$D/big.txt" >"$D/out" 2>"$D/err"; st=$?
fi
is "$st" 0 "-t: a 50 MB line exits 0 (in 400 MB of address space)"
is "$(wc -l <"$D/out" | tr -d ' ')" "$(( (50 << 20) / 24 + 2 ))" "-t: every sentence of the 50 MB line written"
is "$(sed -n '1p;$p' "$D/out" | tr '\n' ' ')" "Before. After. " "-t: lines around it kept"
newssplit -t -m 1M <"$D/big.txt" >"$D/out" 2>"$D/err"
is "$?:$(tr -d ' \n' <"$D/out" | wc -c | tr -d ' ')" "0:$(tr -d ' \n' <"$D/big.txt" | wc -c | tr -d ' ')" \
	"-t -m 1M: paragraph split at the limit, no byte lost"
like "$(cat "$D/err")" "line 2: paragraph longer than" "-t -m 1M: the split is noted with the line"
rm -f "$D/big.jsonl" "$D/big.txt" "$D/dots.txt" "$D/nospace.txt"

# ---- Golden Rules regression --------------------------------------------
G=$NF_SHARED/split/golden_rules/pragmatic_segmenter/golden_rules_en.jsonl
if [ -f "$G" ]; then
	n=$(jq -c '{text, language: "en"}' "$G" | newssplit | jq -c '[.sentences[].text | gsub("\\s+"; " ")]' |
		paste -d'\t' - <(jq -c '[.sentences[] | gsub("\\s+"; " ") | sub("^ "; "") | sub(" $"; "")]' "$G") |
		awk -F'\t' '$1 == $2' | wc -l | tr -d ' ')
	# white space runs compared as one space: case 41's gold drops a line
	# break from the text, which newssplit never alters
	[ "$n" -eq 52 ]
	ok $? "English Golden Rules: 52 of 52, white space normalized ($n)"
fi

done_testing

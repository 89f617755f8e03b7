#!/bin/bash
# newstag: temporal expressions of issue 6. Every example of the issue,
# resolved against a document date of Saturday 2025-11-22 (from "date",
# else "fetched", in JSON Lines; from -d in -t mode), the news reader's
# past bias, ISO date-times, holidays, absolute and relative forms in
# en, de, fr, es, it, ru, uk and lt, and words that only look like dates.
. "$(dirname "$0")/lib.sh"

D=$T_TMP
ANCHOR=2025-11-22

# dates [-d DATE] [-l LANG] TEXT: "text|type|value|mod" of each date
# newstag -t finds in TEXT
dates() {
	local a=$ANCHOR l=
	while [ $# -gt 1 ]; do
		case $1 in
		-d) a=$2; shift 2 ;;
		-l) l=$2; shift 2 ;;
		*) break ;;
		esac
	done
	printf '%s\n' "$1" | newstag -t -d "$a" ${l:+-l "$l"} | python3 -c '
import sys, json
for line in sys.stdin:
    for d in json.loads(line)["dates"]:
        print("%s|%s|%s|%s" % (d["text"], d["type"], d["value"],
            d.get("mod") or ""))'
}
# has [-d DATE] [-l LANG] TEXT WANT: WANT is among the dates of TEXT
has() {
	local args=() want
	while [ $# -gt 2 ]; do
		args+=("$1")
		shift
	done
	want=$2
	if dates "${args[@]}" "$1" | grep -qxF -- "$want"; then
		ok 0 "$1 -> $want"
	else
		ok 1 "$1 -> $want"
		diag "got: $(dates "${args[@]}" "$1" | tr '\n' ' ')"
	fi
}
# none [-l LANG] TEXT: no date at all in TEXT
none() {
	local got
	got=$(dates "$@")
	is "$got" "" "no date in: ${!#}"
}

# --- the examples of the issue (JSON Lines, anchored on "date") ---
while IFS='|' read -r text want; do
	printf '{"id":"x","date":"2025-11-22","language":"en","text":"%s"}\n' \
	    "$text"
done >"$D/issue.jsonl" <<'EOF'
The minister resigned on Friday.|Friday|DATE|2025-11-21|
Exports fell in late October.|late October|DATE|2025-10|END
Talks resumed earlier this week.|earlier this week|DATE|2025-W47|
The vote on Nov. 16 was close.|Nov. 16|DATE|2025-11-16|
Exports fell last month.|last month|DATE|2025-10|
Stores close for the Thanksgiving holiday.|the Thanksgiving holiday|DATE|2025-11-27|
The war began in 2022.|2022|DATE|2022|
The strike lasted three days.|three days|DURATION|P3D|
The strike is over now.|now|DATE|PRESENT_REF|
EOF
newstag <"$D/issue.jsonl" >"$D/issue.out"
is "$?" 0 "newstag reads the issue's examples: exit 0"
python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    for d in o["dates"]:
        assert o["text"][d["start"]:d["end"]] == d["text"]
        print("%s|%s|%s|%s" % (d["text"], d["type"], d["value"],
            d.get("mod") or ""))' "$D/issue.out" >"$D/issue.got"
while IFS='|' read -r text want; do
	if grep -qxF -- "$want" "$D/issue.got"; then
		ok 0 "issue example: $text -> $want"
	else
		ok 1 "issue example: $text -> $want"
		diag "got: $(tr '\n' ' ' <"$D/issue.got")"
	fi
done <<'EOF'
The minister resigned on Friday.|Friday|DATE|2025-11-21|
Exports fell in late October.|late October|DATE|2025-10|END
Talks resumed earlier this week.|earlier this week|DATE|2025-W47|
The vote on Nov. 16 was close.|Nov. 16|DATE|2025-11-16|
Exports fell last month.|last month|DATE|2025-10|
Stores close for the Thanksgiving holiday.|the Thanksgiving holiday|DATE|2025-11-27|
The war began in 2022.|2022|DATE|2022|
The strike lasted three days.|three days|DURATION|P3D|
The strike is over now.|now|DATE|PRESENT_REF|
EOF

# --- the anchor: "date", else "fetched", else -d; code point offsets ---
{
	echo '{"id":"a","date":"2025-11-22","fetched":"2026-01-10T08:00:00Z","text":"Вчора, yesterday."}'
	echo '{"id":"b","date":null,"fetched":"2025-11-22T23:59:00Z","text":"Вчора, yesterday."}'
	echo '{"id":"c","text":"Вчора, yesterday."}'
} >"$D/anchor.jsonl"
newstag -d 2024-02-29 <"$D/anchor.jsonl" >"$D/anchor.out"
is "$(python3 -c '
import json, sys
for line in open(sys.argv[1]):
    o = json.loads(line)
    print(" ".join("%s:%d-%d:%s" % (d["text"], d["start"], d["end"],
        d["value"]) for d in o["dates"]))' "$D/anchor.out" | tr '\n' '/')" \
    "Вчора:0-5:2025-11-21 yesterday:7-16:2025-11-21/Вчора:0-5:2025-11-21 yesterday:7-16:2025-11-21/Вчора:0-5:2024-02-28 yesterday:7-16:2024-02-28/" \
    "the anchor is date, else fetched, else -d; offsets in code points"

# --- past bias of a day and month without a year ---
has "The vote on Nov. 16 was close." "Nov. 16|DATE|2025-11-16|"
has -d 2025-01-05 "The vote on Dec. 30 was close." "Dec. 30|DATE|2024-12-30|"
has "The deal was signed on March 3." "March 3|DATE|2025-03-03|"
has "The deal will be signed on March 3." "March 3|DATE|2026-03-03|"
has "The summit is due on Dec. 30." "Dec. 30|DATE|2025-12-30|"
has "It happened on 16 November." "16 November|DATE|2025-11-16|"
# a month, day or weekday with a relative year or week after it
has "Sales fell in November last year." "November last year|DATE|2024-11|"
has "The plant opens in March next year." "March next year|DATE|2026-03|"
has "They met on Friday last week." "Friday last week|DATE|2025-11-14|"
has -l uk "Ціни зросли у листопаді минулого року." "листопаді минулого року|DATE|2024-11|"
# a weekday: the past, unless the words speak of the future
has "The minister resigned on Friday." "Friday|DATE|2025-11-21|"
has "The minister will resign on Friday." "Friday|DATE|2025-11-28|"
has "The vote is next Friday." "next Friday|DATE|2025-11-28|"
has "The vote was last Friday." "last Friday|DATE|2025-11-21|"

# --- times ---
has "Posted 2025-11-22T10:00:00Z by the agency." \
    "2025-11-22T10:00:00Z|TIME|2025-11-22T10:00:00|"
has "Updated 2025-11-21T18:45+02:00." "2025-11-21T18:45+02:00|TIME|2025-11-21T18:45|"
has "Updated 2025-11-21 18:45 in Kyiv." "2025-11-21 18:45|TIME|2025-11-21T18:45|"
has "The talks began at 10:30 a.m. in Geneva." "10:30 a.m.|TIME|2025-11-22T10:30|"
has "The talks began at 10.30am in Geneva." "10.30am|TIME|2025-11-22T10:30|"
none "Prices rose 10.30 percent."

# --- references and sets ---
has "Things were different in the past." "the past|DATE|PAST_REF|"
has "Prices rose over the past two years." "the past two years|DURATION|P2Y|"
has "He runs every morning." "every morning|SET|XXXX-XX-XXTMO|"
has "The report is published annually." "annually|SET|P1Y|"
none "She wrote for the Daily Mail."

# --- holidays ---
has "Stores close for the Thanksgiving holiday." "the Thanksgiving holiday|DATE|2025-11-27|"
has "Shoppers lined up on Black Friday." "Black Friday|DATE|2025-11-28|"
has "Families met at Christmas." "Christmas|DATE|2025-12-25|"
has "Families met last Christmas." "last Christmas|DATE|2024-12-25|"
has "Parades marked Independence Day." "Independence Day|DATE|2025-07-04|"
has "Flags flew on Memorial Day." "Memorial Day|DATE|2025-05-26|"
has "Unions marched on Labor Day." "Labor Day|DATE|2025-09-01|"
has "Children played on Halloween." "Halloween|DATE|2025-10-31|"
has "Markets reopen on New Year's Day." "New Year's Day|DATE|2026-01-01|"
has "Churches filled at Easter." "Easter|DATE|2025-04-20|"
has "Churches filled at Easter 2024." "Easter 2024|DATE|2024-03-31|"
has "Churches filled on Good Friday." "Good Friday|DATE|2025-04-18|"
has -l de "Die Familie kam zu Weihnachten." "Weihnachten|DATE|2025-12-25|"
has -l ru "Верующие отметили Пасху 2024 года." "Пасху 2024|DATE|2024-05-05|"
has -l lt "Šeima susitiko per Kūčias ir Kalėdas." "Kalėdas|DATE|2025-12-25|"
none "They decorated the Christmas tree."
none "They sailed to Easter Island."

# --- every language: absolute, relative, parts of a month ---
has -l en "It was signed on 16 November 2025." "16 November 2025|DATE|2025-11-16|"
has -l en "Prices fell yesterday." "yesterday|DATE|2025-11-21|"
has -l en "Prices fell last week." "last week|DATE|2025-W46|"
has -l de "Er kam am 16. November nach Berlin." "16. November|DATE|2025-11-16|"
has -l de "Das war gestern." "gestern|DATE|2025-11-21|"
has -l de "Das war letzte Woche." "letzte Woche|DATE|2025-W46|"
has -l de "Es geschah Ende Oktober." "Ende Oktober|DATE|2025-10|END"
has -l de "Es geschah vor 3 Tagen." "vor 3 Tagen|DATE|2025-11-19|"
has -l fr "Il est arrivé le 16 novembre." "16 novembre|DATE|2025-11-16|"
has -l fr "Il est arrivé hier." "hier|DATE|2025-11-21|"
has -l fr "Il est arrivé la semaine dernière." "la semaine dernière|DATE|2025-W46|"
has -l fr "Il est arrivé fin octobre." "fin octobre|DATE|2025-10|END"
has -l es "Llegó el 16 de noviembre." "16 de noviembre|DATE|2025-11-16|"
has -l es "Llegó ayer." "ayer|DATE|2025-11-21|"
has -l es "Llegó la semana pasada." "la semana pasada|DATE|2025-W46|"
has -l es "Llegó a finales de octubre." "finales de octubre|DATE|2025-10|END"
has -l it "È arrivato il 16 novembre." "16 novembre|DATE|2025-11-16|"
has -l it "È arrivato ieri." "ieri|DATE|2025-11-21|"
has -l it "È arrivato la settimana scorsa." "settimana scorsa|DATE|2025-W46|"
has -l it "È arrivato alla fine di ottobre." "fine di ottobre|DATE|2025-10|END"
has -l ru "Встреча прошла 16 ноября 2025 г. в Москве." "16 ноября 2025 г.|DATE|2025-11-16|"
has -l ru "Вчера всё решилось." "Вчера|DATE|2025-11-21|"
has -l ru "Это было на прошлой неделе." "на прошлой неделе|DATE|2025-W46|"
has -l ru "Это было в конце октября." "конце октября|DATE|2025-10|END"
has -l ru "Это было в 2022 году." "2022 году|DATE|2022|"
has -l ru "Цены выросли в ноябре." "ноябре|DATE|2025-11|"
has -l uk "Зустріч відбулася 16 листопада." "16 листопада|DATE|2025-11-16|"
has -l uk "Це сталося вчора." "вчора|DATE|2025-11-21|"
has -l uk "Це сталося учора." "учора|DATE|2025-11-21|"
has -l uk "Це сталося минулого тижня." "минулого тижня|DATE|2025-W46|"
has -l uk "Це сталося у п'ятницю." "п'ятницю|DATE|2025-11-21|"
has -l uk "Це сталося наприкінці жовтня." "наприкінці жовтня|DATE|2025-10|END"
has -l lt "Susitikimas įvyko 2025 m. lapkričio 27 d. Vilniuje." "2025 m. lapkričio 27 d.|DATE|2025-11-27|"
has -l lt "Tai įvyko vakar." "vakar|DATE|2025-11-21|"
has -l lt "Tai įvyko praėjusią savaitę." "praėjusią savaitę|DATE|2025-W46|"
has -l lt "Tai įvyko spalio pabaigoje." "spalio pabaigoje|DATE|2025-10|END"
has -l lt "Susitikimas vyko penktadienį." "penktadienį|DATE|2025-11-21|"
has -l lt "Kainos kilo lapkritį." "lapkritį|DATE|2025-11|"
has -l lt "Tai įvyko šiandien." "šiandien|DATE|2025-11-22|"
has -l ru "Это случилось в среду." "среду|DATE|2025-11-19|"
has -l uk "Ціни зросли у листопаді." "листопаді|DATE|2025-11|"
has -l fr "L'année dernière, les prix ont baissé." "L'année dernière|DATE|2024|"
has -l fr "Aujourd'hui, les prix ont baissé." "Aujourd'hui|DATE|2025-11-22|"
has -l de "Die Preise fielen letztes Jahr." "letztes Jahr|DATE|2024|"
has -l es "Los precios bajaron el año pasado." "el año pasado|DATE|2024|"
has -l it "I prezzi sono scesi l'altro ieri." "l'altro ieri|DATE|2025-11-20|"

# --- words that only look like dates ---
none "Theresa May said nothing."
none "Protesters will March on Washington."
none "The Sunday Times reported it."
none "It aired during Monday Night Football."
has "It rained in May and in March." "May|DATE|2025-05|"
has "It rained from January to March." "March|DATE|2025-03|"

# --- plain mode keeps one output line per input line ---
printf 'gestern\n\nyesterday\n' | newstag -t -d "$ANCHOR" >"$D/plain.out"
is "$(wc -l <"$D/plain.out")" 3 "-t writes one line per input line"
like "$(sed -n 3p "$D/plain.out")" '"value":"2025-11-21"' "-t resolves against -d"

done_testing

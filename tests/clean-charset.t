#!/bin/bash
# newsclean decodes any charset to UTF-8: <meta charset>, <meta
# http-equiv>, a BOM (which outranks a wrong <meta>), UTF-16, undeclared
# Cyrillic, and repairs invalid UTF-8. The HTTP charset is checked in
# clean-warc.t. Pages: tests/data/clean/*.html (made by mkcharsets.py).
. "$(dirname "$0")/lib.sh"

C=$TOP/tests/data/clean
D=$T_TMP

text() { newsclean -t "$1" 2>"$D/err"; }
field() {
	newsclean "$1" 2>/dev/null | python3 -c 'import sys,json
d=json.loads(sys.stdin.readline()); print(d[sys.argv[1]])' "$2"
}

RU1="Паромы будут ходить каждые двадцать минут, а в выходные дни — каждые полчаса."
DE1="Nach zwei Wintern in der Werft ist die alte Fähre am Samstag zum ersten Mal wieder über den Fluss gefahren."
LT1="Po dviejų žiemų remonto senasis keltas šeštadienį vėl perplukdė pirmuosius keleivius per upę."

is "$(text "$C/cp1251-meta.html" | head -1)" "$RU1" "windows-1251 from <meta charset>"
is "$(field "$C/cp1251-meta.html" title)" "Городской совет утвердил новый график движения паромов" "windows-1251: title decoded"
is "$(text "$C/latin1-meta.html" | head -1)" "$DE1" "ISO-8859-1 from <meta http-equiv=Content-Type>"
is "$(text "$C/utf8-bom.html" | head -1)" "$LT1" "UTF-8 BOM outranks a <meta> saying windows-1252"
is "$(field "$C/utf8-bom.html" language)" "lt" "UTF-8 BOM page: language lt"
is "$(text "$C/utf16le-bom.html" | head -1)" "$DE1" "UTF-16LE with BOM"
is "$(text "$C/cp1251-nometa.html" | head -1)" "$RU1" "undeclared windows-1251 recognised"

out=$(text "$C/invalid-utf8.html")
ok $? "invalid UTF-8: exit 0"
like "$out" "in der We�rft ist" "invalid UTF-8: a bad byte becomes U+FFFD"
like "$out" "den Re�st haben" "invalid UTF-8: a truncated sequence becomes U+FFFD"
like "$out" "Fähre" "invalid UTF-8: the good sequences around them kept"

# Undeclared windows-1252 (not valid UTF-8): accented letters decoded.
printf '<html><body><article><p>Le caf\xe9 de la gare rouvrira vendredi apr\xe8s des travaux dans la cuisine et sur le toit, a annonc\xe9 la mairie.</p></article></body></html>' >"$D/w1252.html"
like "$(text "$D/w1252.html")" "Le café de la gare rouvrira vendredi après des travaux" "undeclared windows-1252"
is "$(field "$D/w1252.html" language)" "fr" "language guessed from stop words (fr)"

# Output is always NFC: a decomposed é (e + U+0301) comes out composed.
printf '<html><head><meta charset="utf-8"></head><body><p>Le cafe\xcc\x81 de la gare rouvrira vendredi apr\xc3\xa8s des travaux dans la cuisine.</p></body></html>' >"$D/nfd.html"
like "$(text "$D/nfd.html" | od -An -tx1 | tr -d ' \n')" "636166c3a9" "NFD input comes out NFC"

# An unknown charset label falls back to windows-1252 instead of failing.
printf '<html><head><meta charset="x-no-such-charset"></head><body><p>Die Gemeinde hat die H\xe4lfte der Reparatur bezahlt, den Rest haben die Inselbewohner gesammelt.</p></body></html>' >"$D/unknown.html"
like "$(text "$D/unknown.html")" "Hälfte der Reparatur" "unknown charset label: windows-1252 used"

done_testing

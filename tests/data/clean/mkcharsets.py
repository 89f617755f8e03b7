#!/usr/bin/env python3
# Writes the charset test pages of tests/clean-charset.t (run once; the
# outputs are committed). Each page holds the same kind of short article
# in a charset declared in one way only.
import codecs

RU = ("Городской совет утвердил новый график движения паромов",
      "Паромы будут ходить каждые двадцать минут, а в выходные дни — каждые полчаса.",
      "Жители острова давно просили увеличить число рейсов, особенно зимой, когда дорога через мост закрыта.")
DE = ("Die Fähre fährt wieder über den Fluss",
      "Nach zwei Wintern in der Werft ist die alte Fähre am Samstag zum ersten Mal wieder über den Fluss gefahren.",
      "Die Gemeinde hat die Hälfte der Reparatur bezahlt, den Rest haben die Inselbewohner gesammelt.")
LT = ("Keltas vėl plaukia per upę",
      "Po dviejų žiemų remonto senasis keltas šeštadienį vėl perplukdė pirmuosius keleivius per upę.",
      "Savivaldybė apmokėjo pusę remonto išlaidų, o likusią dalį surinko salos gyventojai.")

def page(lang, t, meta=""):
    return ("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n%s<title>%s</title>\n</head>\n"
            "<body>\n<nav><a href=\"/\">Start</a></nav>\n<article>\n<h1>%s</h1>\n"
            "<p>%s</p>\n<p>%s</p>\n</article>\n</body>\n</html>\n") % (lang, meta, t[0], t[0], t[1], t[2])

open("cp1251-meta.html", "wb").write(
    page("ru", RU, "<meta charset=\"windows-1251\">\n").encode("cp1251"))
open("cp1251-nometa.html", "wb").write(page("ru", RU).encode("cp1251"))
# only an HTTP header can tell KOI8-R (tests/clean-warc.t sends one)
open("koi8r-nometa.html", "wb").write(page("ru", RU).replace("\u2014", "-").encode("koi8-r"))
open("latin1-meta.html", "wb").write(page("de", DE,
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\n").encode("latin-1"))
# a BOM outranks a wrong <meta>
open("utf8-bom.html", "wb").write(codecs.BOM_UTF8 + page("lt", LT,
    "<meta charset=\"windows-1252\">\n").encode("utf-8"))
open("utf16le-bom.html", "wb").write(codecs.BOM_UTF16_LE + page("de", DE).encode("utf-16-le"))
# declared UTF-8 with broken bytes: a lone 0xFF and a truncated sequence
bad = page("de", DE, "<meta charset=\"utf-8\">\n").encode("utf-8")
bad = bad.replace(b"Werft", b"We\xffrft").replace(b"Rest", b"Re\xc3st")
open("invalid-utf8.html", "wb").write(bad)

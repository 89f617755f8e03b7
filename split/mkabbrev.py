#!/usr/bin/env python3
"""Generate newssplit's abbreviation and sentence-starter lists.

    python3 split/mkabbrev.py SHARED_SPLIT_ABBREV_DIR OUT_DIR

reads the third-party lists under $NF_SHARED/split/abbrev (Moses, CLDR,
pySBD, sentencex, Punkt; licenses in data/split/SOURCES) and writes
OUT_DIR/abbrev/LANG.txt and OUT_DIR/starters/LANG.txt. The output is
deterministic (sorted), so `make data` reproduces the committed files.

abbrev/LANG.txt: one abbreviation a line, lower case, without the final
period, a TAB and its class:
    p  prepositive (title before a name: "Mr.", "Dr.", or a word that
       introduces what follows: "e.g.", "napr."): never ends a sentence
       before a capitalised word
    n  only before a number ("No. 5", "pp. 12"): otherwise a normal word
    a  any other abbreviation: ends a sentence only before a known
       sentence starter ("Co. It closed")
starters/LANG.txt: words (lower case) that commonly begin a sentence.
"""
import os
import sys
import unicodedata

LANGS = {
    # code: (moses, cldr, pysbd prefix, sentencex, punkt)
    "en": ("en", "en", "en_standard", "en", "english"),
    "de": ("de", "de", "deutsch", "de", "german"),
    "fr": ("fr", "fr", "french", "fr", "french"),
    "es": ("es", "es", "spanish", "es", "spanish"),
    "it": ("it", "it", "italian", "it", "italian"),
    "ru": ("ru", "ru", "russian", "ru", None),
    "uk": (None, None, None, "uk", None),
    "lt": ("lt", None, None, None, None),
    "pt": ("pt", "pt", None, "pt", "portuguese"),
    "nl": ("nl", None, "dutch", "nl", "dutch"),
    "pl": ("pl", None, "polish", "pl", "polish"),
    # languages beyond the eight the issue names: whatever lists exist
    "am": (None, None, None, "am", None),
    "ar": (None, None, "arabic", "ar", None),
    "bg": (None, None, "bulgarian", "bg", None),
    "bn": ("bn", None, None, "bn", None),
    "ca": ("ca", None, None, None, None),
    # Moses's cs list comes from LanguageTool and the Czech Wiktionary
    # (CC BY-SA), its fi list from omorfi (GPL): not used
    "cs": (None, None, None, None, "czech"),
    "da": (None, None, "danish", "da", "danish"),
    "el": ("el", None, None, "el", "greek"),
    "et": ("et", None, None, None, "estonian"),
    "fi": (None, None, None, "fi", "finnish"),
    "ga": ("ga", None, None, None, None),
    "gu": ("gu", None, None, "gu", None),
    "hi": ("hi", None, None, "hi", None),
    "hu": ("hu", None, None, None, None),
    "is": ("is", None, None, None, None),
    "kk": (None, None, "kazakh", "kk", None),
    "kn": ("kn", None, None, "kn", None),
    "lv": ("lv", None, None, None, None),
    "ml": ("ml", None, None, "ml", None),
    "mr": ("mr", None, None, None, None),
    "nb": (None, None, None, None, "norwegian"),
    "no": (None, None, None, None, "norwegian"),
    "pa": ("pa", None, None, "pa", None),
    "ro": ("ro", None, None, None, None),
    "sk": ("sk", None, "slovak", "sk", None),
    "sl": ("sl", None, None, None, "slovene"),
    "sv": ("sv", None, None, None, "swedish"),
    "ta": ("ta", None, None, "ta", None),
    "te": ("te", None, None, "te", None),
    "tr": (None, "tr", None, None, "turkish"),
}

# Words that lists carry as abbreviations but that are far more often
# ordinary words ending a sentence ("I was in. The door ..."): keeping them
# would glue sentences together. Checked against UD en_ewt.
DROP = {
    "en": {"in", "is", "am", "us", "me", "no", "a", "i", "be", "do", "go",
           "so", "to", "on", "at", "an", "as", "by", "he", "we", "it",
           "or", "up", "my", "of", "if", "ok", "all", "act", "can", "con",
           "mar", "may", "jun", "jul", "sun", "sat", "wed", "fig",
           "ex", "ed", "op", "ord", "res", "bart", "hr", "hon",
           "hosp", "ens", "ph", "ala", "ark", "cal", "mass", "miss",
           "wash", "ore", "del", "ill", "ind", "pa", "la", "me", "mo", "ok",
           "sup", "mt", "abs", "all",
           "alt", "arc", "ave", "long", "link", "lib", "lev",
           "job", "joe", "man", "hat", "card", "cap", "id", "pro", "que",
           "med", "mart", "num", "loc", "comm", "cont", "def",
           "diff", "exp", "fed", "ref", "reg", "var", "ver", "ken", "jam",
           "ida", "ll", "ut", "pc", "gb", "kb", "mb", "hz", "mg", "dc"},
}
# Titles and the like, always before a name (or a street name, a number):
# prepositive whatever the lists say. The lists themselves do not tell a
# title ("Dr.") from a unit ("руб.") that often ends a sentence.
PRE_EXTRA = {
    "en": {"mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "sen",
           "rep", "gov", "capt", "col", "lt", "sgt", "rev", "messrs", "fr",
           "jr", "sr", "hon", "pres", "supt", "adm", "maj", "cmdr", "v",
           "vs"},
    "de": {"dr", "prof", "hr", "hrn", "fr", "st", "dipl", "ing", "mag"},
    "fr": {"mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste",
           "mgr"},
    "es": {"sr", "sra", "srta", "sres", "dr", "dra", "dña", "lic", "ing",
           "prof", "sto", "sta", "gral"},
    "it": {"sig", "sigg", "sig.ra", "dott", "prof", "avv", "ing", "on",
           "sen", "dr", "geom", "rag", "sant", "mons"},
    "pt": {"sr", "sra", "srta", "dr", "dra", "prof", "sto", "sta"},
    "nl": {"dhr", "mevr", "dr", "prof", "mr", "ir", "drs", "st"},
    "pl": {"dr", "prof", "ks", "inż", "mgr", "hab", "gen", "płk", "św",
           "ul", "al"},
    "ru": {"ул", "пр", "просп", "пер", "пл", "наб", "бульв", "пос", "им",
           "проф", "акад", "ген", "св", "тов", "гр"},
    "uk": {"вул", "просп", "пров", "пл", "ім", "проф", "акад", "ген", "св",
           "пан", "пані"},
    "lt": {"gen", "prof", "dr", "šv", "kun", "doc", "pl", "pr"},
    "bg": {"г-н", "г-жа", "г-ца", "д-р", "др", "проф", "акад", "ул", "пл",
           "бул", "св"},
    "da": {"hr", "fru", "dr", "prof", "skt", "st", "sct"},
    "el": {"δρ", "κ", "κα", "καθ", "αγ"},
    "fi": {"dr", "prof", "tri", "rva", "hra"},
    "sv": {"dr", "prof", "st", "sankt"},
    "no": {"dr", "prof", "st"},
    "nb": {"dr", "prof", "st"},
    "cs": {"dr", "prof", "ing", "mgr", "sv", "ul"},
    "sk": {"dr", "prof", "ing", "mgr", "sv", "ul"},
}

# Abbreviations that introduce what follows them: "for example", "that
# is", "so-called", "compare", "or rather". Grammar needs a complement
# after them, so like a title they never end a sentence, even before a
# capital ("napr. XYZCorp", "z.B. Berlin", "d.h. Sie"). Moses's
# lists mark every entry that is not #NUMERIC_ONLY# as never breaking;
# we keep that only for these and titles, because the lists also hold
# units and nouns that often end a sentence ("96 млн руб. Мост"). Our own
# selection; words that can end a clause are left out: "u.a." (also "und
# andere"), "ecc.", "см." (also "cm"), "ср." (also "Wednesday").
# English keeps its starters list for these: UD en_ewt has "i.e." opening
# a reply as a sentence of its own ("i.e. He's not giving 85% away", one
# sentence end lost there with "i.e." here).
INTRO = {
    "de": {"z.b", "d.h", "vgl", "bzw", "sog"},
    "fr": {"p.ex", "c.-à-d", "cf"},
    "es": {"p.ej", "cf", "cfr"},
    "it": {"p.es", "cf", "cfr"},
    "pt": {"p.ex", "cf"},
    "nl": {"bijv", "bv", "d.w.z", "vgl", "zgn"},
    "pl": {"np", "tzw", "tj", "zob", "por"},
    "ru": {"напр", "т.е", "т.н", "т.к"},
    "uk": {"напр", "т.зв", "т.б"},
    "lt": {"pvz", "t.y", "žr"},
    "cs": {"např", "tzv", "tj", "t.j", "resp", "srov"},
    "sk": {"napr", "tzv", "tj", "t.j", "resp", "porov"},
    "da": {"f.eks", "jf", "dvs", "d.v.s"},
    "no": {"f.eks", "jf", "dvs", "d.v.s"},
    "nb": {"f.eks", "jf", "dvs", "d.v.s"},
    "sv": {"t.ex", "dvs", "d.v.s", "s.k", "resp"},
}

# Common abbreviations the lists miss (class a), found in news text.
EXTRA = {
    "en": {"lb", "lbs", "oz", "ft", "yd", "sq", "approx", "incl", "vol",
           "min", "hrs", "mins", "secs", "est", "cf", "dept", "div", "fig",
           "figs", "jan", "feb", "aug", "sept", "oct", "nov", "dec"},
    "lt": {"proc", "mln", "mlrd", "tūkst", "val", "min", "sek", "kt", "pvz",
           "t.y", "žr", "pan", "a", "d", "m", "g", "p", "str", "gim", "mirė"},
    "ru": {"млн", "млрд", "тыс", "руб", "долл", "коп", "проц", "т.е", "т.д",
           "т.п", "др", "пр"},
    "uk": {"млн", "млрд", "тис", "грн", "дол", "т.д", "т.п", "журн", "чл",
           "вид", "зв"},
    "de": {"mio", "mrd", "tsd", "bzw", "ca", "usw", "vgl", "z.b", "d.h",
           "u.a", "evtl", "ggf", "inkl", "zzgl", "nr", "str"},
}


def norm(w):
    w = unicodedata.normalize("NFC", w.strip())
    while w.endswith("."):
        w = w[:-1]
    return w.lower()


def words(path, comment=("#", "//")):
    out = []
    if not path or not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith(comment):
                continue
            out.append(line)
    return out


def build(src, code, spec):
    moses, cldr, pysbd, sentx, punkt = spec
    cls = {}

    def add(w, c):
        w = norm(w)
        if not w or " " in w or "\t" in w:
            return
        # single letters are initials, handled by a rule in segment.c
        if len(w) == 1 or w.isdigit():
            return
        old = cls.get(w)
        # p beats n beats a
        rank = {"a": 0, "n": 1, "p": 2}
        if old is None or rank[c] > rank[old]:
            cls[w] = c

    for w in words(os.path.join(src, "cldr", (cldr or "") + ".txt") if cldr else None):
        add(w, "a")
    if sentx:
        for w in words(os.path.join(src, "sentencex", "abbrev_%s.txt" % sentx)):
            add(w, "a")
    if punkt:
        for w in words(os.path.join(src, "punkt", punkt + ".abbrev.txt")):
            add(w, "a")
    if pysbd:
        base = os.path.join(src, "pysbd", pysbd)
        for w in words(base + ".abbreviations.txt"):
            add(w, "a")
        for w in words(base + ".number_abbreviations.txt"):
            add(w, "n")
        for w in words(base + ".prepositive_abbreviations.txt"):
            add(w, "p")
    if moses:
        path = os.path.join(src, "moses", "nonbreaking_prefix." + moses)
        for line in words(path):
            parts = line.split()
            if len(parts) > 1 and parts[1] == "#NUMERIC_ONLY#":
                add(parts[0], "n")
            else:
                add(parts[0], "a")
    for w in EXTRA.get(code, ()):
        add(w, "a")
    for w in DROP.get(code, ()):
        cls.pop(w, None)
    for w in set(PRE_EXTRA.get(code, ())) | INTRO.get(code, set()):
        cls[w] = "p"
    return cls


# Pronouns and adverbs that open German sentences but are missing from
# Punkt's list; they decide "auf Seite 12. Dort kannst du" (a sentence
# end) against "am 3. Oktober" (an ordinal). This project's own.
EXTRA_STARTERS = {
    "de": {"ich", "du", "ihr", "dort", "dann", "jetzt", "heute", "gestern",
           "morgen", "daher", "außerdem", "zudem", "seitdem", "inzwischen",
           "anschließend", "später", "damals", "hierbei", "dabei"},
    # No source has Russian, Ukrainian or Lithuanian starters: pronouns,
    # conjunctions, prepositions and adverbs that open news sentences.
    # segment.c uses them only after one-letter words ("в 2010 г. В мае"),
    # see seg_lang.weak_starters.
    "ru": {"в", "во", "на", "по", "с", "со", "к", "у", "о", "об", "от", "до",
           "за", "из", "при", "после", "для", "но", "а", "и", "однако", "это",
           "этот", "эта", "эти", "он", "она", "они", "оно", "мы", "я", "вы",
           "его", "её", "их", "там", "тогда", "затем", "потом", "также",
           "кроме", "как", "так", "когда", "если", "хотя", "сейчас",
           "сегодня", "вчера", "завтра", "всего", "среди"},
    "uk": {"в", "у", "на", "по", "з", "із", "до", "від", "за", "після",
           "для", "але", "а", "і", "й", "однак", "це", "цей", "ця", "ці",
           "він", "вона", "вони", "воно", "ми", "я", "ви", "його", "її",
           "їх", "там", "тоді", "потім", "також", "крім", "як", "так",
           "коли", "якщо", "хоча", "зараз", "сьогодні", "вчора", "завтра",
           "серед", "всього"},
    "lt": {"tai", "jis", "ji", "jie", "jos", "mes", "aš", "jūs", "bet", "o",
           "ir", "tačiau", "taip", "kai", "jei", "jeigu", "nors", "dabar",
           "šiandien", "vakar", "rytoj", "po", "per", "nuo", "iki", "su",
           "be", "apie", "į", "iš", "prie", "pagal", "tada", "paskui",
           "vėliau", "čia", "ten", "kaip", "kad", "šis", "ši", "šie"},
}


def starters(src, code, spec):
    sentx_code, punkt = spec[3], spec[4]
    out = set()
    if code == "en":
        for w in words(os.path.join(src, "sentencex", "starters_en.txt")):
            out.add(norm(w))
    if punkt:
        for w in words(os.path.join(src, "punkt", punkt + ".sent_starters.txt")):
            out.add(norm(w))
    # mail greetings open sentences too ("Inc. Hi Sara,")
    if code == "en":
        out.update({"hi", "hello", "dear", "hey", "thanks"})
    out.update(EXTRA_STARTERS.get(code, ()))
    out.discard("")
    return out


def licenses(src, outdir):
    """Ship the license texts the sources ask to be kept with copies."""
    shared = os.path.dirname(os.path.dirname(os.path.abspath(src)))
    parts = [
        ("Moses nonbreaking prefixes: GNU LGPL 2.1 (full text in "
         "COPYING.LGPL-2.1)", [os.path.join(src, "moses", "COPYING.head")]),
        ("pySBD", [os.path.join(shared, "split", "golden_rules", "pysbd",
                                "LICENSE")]),
        ("sentencex", [os.path.join(src, "sentencex", "LICENSE")]),
        ("NLTK Punkt parameters as converted by neurosnap/sentences",
         [os.path.join(src, "punkt", "COPYRIGHT.debian")]),
        ("Unicode CLDR data (via cldr-segmentation, MIT): Unicode License "
         "v3, https://www.unicode.org/license.txt", []),
    ]
    with open(os.path.join(outdir, "LICENSES"), "w", encoding="utf-8") as f:
        for title, files in parts:
            f.write("==== %s\n\n" % title)
            for path in files:
                if os.path.exists(path):
                    with open(path, encoding="utf-8") as g:
                        f.write(g.read().rstrip("\n") + "\n\n")
    lgpl = "/usr/share/common-licenses/LGPL-2.1"
    if os.path.exists(lgpl):
        with open(lgpl, encoding="utf-8") as g, \
                open(os.path.join(outdir, "COPYING.LGPL-2.1"), "w",
                     encoding="utf-8") as f:
            f.write(g.read())


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mkabbrev.py SHARED/split/abbrev OUTDIR")
    src, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(outdir, "abbrev"), exist_ok=True)
    os.makedirs(os.path.join(outdir, "starters"), exist_ok=True)
    licenses(src, outdir)
    for code, spec in sorted(LANGS.items()):
        cls = build(src, code, spec)
        with open(os.path.join(outdir, "abbrev", code + ".txt"), "w",
                  encoding="utf-8") as f:
            f.write("# newssplit abbreviations (%s), generated by "
                    "split/mkabbrev.py; sources and licenses in "
                    "data/split/SOURCES\n" % code)
            f.write("# word<TAB>class: p before names and what it "
                    "introduces, n before numbers, a other\n")
            for w in sorted(cls):
                f.write("%s\t%s\n" % (w, cls[w]))
        st = starters(src, code, spec)
        if st:
            with open(os.path.join(outdir, "starters", code + ".txt"), "w",
                      encoding="utf-8") as f:
                f.write("# newssplit sentence starters (%s), generated by "
                        "split/mkabbrev.py; sources in data/split/SOURCES\n"
                        % code)
                for w in sorted(st):
                    f.write(w + "\n")


if __name__ == "__main__":
    main()

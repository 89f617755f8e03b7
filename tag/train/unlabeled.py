#!/usr/bin/env python3
"""Unlabeled news text for the word clusters of newstag's entity model
(`make model`): the article texts of two evaluation sets' ground truths
under $NF_SHARED/extract, one paragraph a line, in a fixed order:

    scrapinghub-aeb/ground-truth.json     articleBody (MIT)
    wcxb-articles/dev/ground-truth/*.json main_content (CC-BY 4.0)

and the text (not the labels) of the training part of eval/ner_split.py,
one sentence a line.

Pages that eval/data/ner-news took its hand-annotated news excerpts from
are left out (only the "id" of those records is read: "aeb:<id>",
"wcxb:<number>"), so that the news evaluation stays on text the model
never saw in any form.

Only their words' neighbours are used (see tag/train/nertrain.c), never
any annotation; credited in data/tag/SOURCES.

    python3 tag/train/unlabeled.py > unlabeled.txt
"""

import glob
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "eval"))

import ner_split  # noqa: E402

SHARED = os.environ.get("NF_SHARED") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared",
    "data")


def paragraphs(text):
    for p in (text or "").split("\n"):
        p = " ".join(p.split())
        if p:
            yield p


NEWS_EVAL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                         "..", "eval", "data", "ner-news")


def eval_pages():
    """Ids of the pages the news evaluation excerpts come from."""
    ids = set()
    for path in sorted(glob.glob(os.path.join(NEWS_EVAL, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    ids.add(str(json.loads(line)["id"]))
                except (ValueError, KeyError, TypeError):
                    continue
    return ids


def main():
    ext = os.path.join(SHARED, "extract")
    skip = eval_pages()
    n = 0
    out = sys.stdout
    with open(os.path.join(ext, "scrapinghub-aeb", "ground-truth.json"),
              encoding="utf-8") as f:
        aeb = json.load(f)
    for k in sorted(aeb):
        if "aeb:" + k in skip:
            continue
        for p in paragraphs(aeb[k].get("articleBody")):
            out.write(p + "\n")
            n += 1
    for path in sorted(glob.glob(os.path.join(
            ext, "wcxb-articles", "dev", "ground-truth", "*.json"))):
        if "wcxb:" + os.path.basename(path)[:-5] in skip:
            continue
        with open(path, encoding="utf-8") as f:
            gt = json.load(f).get("ground_truth") or {}
        for p in paragraphs(gt.get("main_content")):
            out.write(p + "\n")
            n += 1
    for d in ner_split.documents(heldout=False):
        assert not d.heldout
        for sent in d.sentences:
            out.write(" ".join(tok for tok, _ in sent) + "\n")
            n += 1
    if not n:
        sys.stderr.write("unlabeled.py: no text under %s\n" % ext)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""newsmerge's duplicate checks.

    python3 eval/merge.py [exact] [near]

near: the labeled set of eval/neardup.py (every article once, then 2
changed copies of each, shuffled) merged into a fresh corpus at each
threshold of CURVE: precision (duplicates reported that name a document of
their own story) and recall (copies reported), at the default threshold
and around it.

exact: N article texts (the first N WCXB dev ground-truth texts, all
different pages), in a fresh corpus directory:
  run 1: the N documents, then a whitespace-changed copy of each under
         another URL and id (spaces doubled, a tab, trailing blanks):
         expected the N originals added (stdout, in order), N in
         duplicates.jsonl;
  run 2: the N documents again, same ids: expected 0 added, 2N
         duplicates in all, and still N documents in documents*.jsonl.
"""

import glob
import hashlib
import json
import os
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

N = 100


def load_docs(n=N):
    d = os.path.join(common.NF_SHARED, "extract", "wcxb-articles", "dev",
                     "ground-truth")
    docs = []
    for f in sorted(glob.glob(os.path.join(d, "*.json")))[:n]:
        j = json.load(open(f, encoding="utf-8"))
        g = j["ground_truth"]
        docs.append(make_doc(j["url"], g.get("title"), g.get("main_content"),
                             g.get("publish_date")))
    return docs


def make_doc(url, title, text, date):
    host = url.split("/")[2] if url.count("/") >= 2 else ""
    return {"id": hashlib.sha1(url.encode()).hexdigest()[:16], "url": url,
            "source_domain": host, "title": title, "authors": [],
            "date": date, "language": "en", "text": text or ""}


def respace(text):
    """The same text with whitespace changed: every third space doubled,
    the first space a tab, blanks at both ends of every paragraph."""
    out, k = [], 0
    for ch in text:
        if ch == " ":
            k += 1
            out.append("\t" if k == 1 else "  " if k % 3 == 0 else " ")
        else:
            out.append(ch)
    return "\n".join(" %s " % p for p in "".join(out).split("\n"))


def count_lines(paths):
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            n += sum(1 for l in f if l.strip())
    return n


def exact(res):
    docs = load_docs()
    n = len(docs)
    copies = []
    for d in docs:
        url = d["url"].replace("://", "://mirror.example.org/", 1)
        copies.append(make_doc(url, d["title"], respace(d["text"]), d["date"]))
    tmp = tempfile.mkdtemp(prefix="nfeval-merge.")
    corpus = os.path.join(tmp, "corpus")
    try:
        r1 = common.run("newsmerge", [corpus], common.jsonl(docs + copies))
        if not r1.usable or r1.status not in (0, 1):
            res.fail("merge", "exact duplicates (%d docs)" % n,
                     "documents added", r1.note, target="")
            return
        out1 = r1.records()
        a1 = len(out1)
        # The first copy seen is the one kept: stdout of run 1 should be
        # the originals, in input order.
        first = [o.get("id") for o in out1] == [d["id"] for d in docs]
        r2 = common.run("newsmerge", [corpus], common.jsonl(docs))
        a2 = len(r2.records()) if r2.usable else None
        kept = count_lines(glob.glob(os.path.join(corpus, "documents*.jsonl")))
        dpath = os.path.join(corpus, "duplicates.jsonl")
        dups = count_lines([dpath]) if os.path.exists(dpath) else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    set_ = "exact duplicates (%d docs)" % n
    res.add("merge", set_, "added, run 1 (docs + respaced copies)",
            "%d" % a1, target="expected %d" % n,
            note="; ".join(x for x in (r1.note, "" if first else
                                       "not the originals in input order")
                           if x))
    res.add("merge", set_, "added, run 2 (same docs again)",
            "-" if a2 is None else "%d" % a2, target="expected 0",
            note=r2.note)
    res.add("merge", set_, "documents kept in DIR", "%d" % kept,
            target="expected %d" % n)
    res.add("merge", set_, "lines in duplicates.jsonl", "%d" % dups,
            target="expected %d" % (2 * n))
    ok = a1 == n and a2 == 0 and kept == n and dups == 2 * n and first
    res.extra["merge_exact"] = {"docs": n, "added_run1": a1,
                                "added_run2": a2, "kept": kept,
                                "duplicates": dups, "first_kept": first,
                                "all_as_expected": ok}


# The default threshold (newsmerge's NEAR_THRESHOLD) and the curve around
# it, each a fresh run over the whole set.
DEFAULT_THRESHOLD = 0.7
CURVE = (0.5, 0.6, 0.7, 0.8, 0.9)


def near_score(docs, corpus, out):
    """Precision and recall of one run: a duplicate reported is right when
    it names a document of its own story; every copy should be reported."""
    story = {d["id"]: d["x_story"] for d in docs}
    copies = sum(1 for d in docs if d["x_role"] == "copy")
    tp = fp = 0
    missed = set(d["id"] for d in docs if d["x_role"] == "copy")
    wrong = []
    dpath = os.path.join(corpus, "duplicates.jsonl")
    for line in open(dpath, encoding="utf-8") if os.path.exists(dpath) else ():
        r = json.loads(line)
        if story.get(r["id"]) == story.get(r.get("duplicate_of")):
            tp += 1
            missed.discard(r["id"])
        else:
            fp += 1
            wrong.append(r)
    p = tp / (tp + fp) if tp + fp else 0.0
    return p, tp / copies if copies else 0.0, tp, fp, missed, wrong


def near(res):
    import neardup
    docs = neardup.build()
    data = common.jsonl(docs)
    ncopy = sum(1 for d in docs if d["x_role"] == "copy")
    set_ = "near duplicates (%d articles, %d copies; eval/neardup.py)" % (
        len(docs) - ncopy, ncopy)
    curve = {}
    for t in CURVE:
        tmp = tempfile.mkdtemp(prefix="nfeval-near.")
        corpus = os.path.join(tmp, "corpus")
        try:
            r = common.run("newsmerge", ["--threshold", str(t), corpus], data)
            if not r.usable or r.status not in (0, 1):
                res.fail("merge", set_, "precision at %.2f" % t, r.note,
                         target="")
                return
            p, rec, tp, fp, missed, wrong = near_score(docs, corpus, r.out)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        curve[t] = {"precision": p, "recall": rec, "tp": tp, "fp": fp,
                    "seconds": round(r.seconds, 2)}
        if t == DEFAULT_THRESHOLD:
            byid = {d["id"]: d for d in docs}
            lines = ["# missed copies (id, changes) and wrong duplicates"]
            lines += ["missed %s %s" % (i, byid[i]["x_change"])
                      for i in sorted(missed)]
            lines += ["wrong %s of %s %.3f" % (w["id"], w["duplicate_of"],
                                               w["similarity"])
                      for w in wrong]
            common.write_lines("merge-near-errors.txt", lines)
            res.extra.setdefault("analysis_files", []).append(
                common.outpath("merge-near-errors.txt"))
            res.add("merge", set_, "precision at %.2f (default)" % t,
                    "%.4f" % p, target=">= 0.99",
                    note="%d right, %d wrong" % (tp, fp))
            res.add("merge", set_, "recall at %.2f (default)" % t,
                    "%.4f" % rec, target=">= 0.95",
                    note="%d of %d copies" % (tp, ncopy))
    res.add("merge", set_, "curve: threshold P/R", " ".join(
        "%.1f:%.3f/%.3f" % (t, c["precision"], c["recall"])
        for t, c in sorted(curve.items())), target="")
    res.extra["merge_near"] = {"articles": len(docs) - ncopy,
                               "copies": ncopy, "default": DEFAULT_THRESHOLD,
                               "curve": {"%.2f" % t: c for t, c in
                                         curve.items()}}


PARTS = {"exact": exact, "near": near}

if __name__ == "__main__":
    sys.exit(common.main_for(PARTS, sys.argv, "merge"))

#!/usr/bin/env python3
"""A labeled near-duplicate set for newsmerge, built from the ground-truth
article texts of ../shared/data/extract (WCXB dev, CC-BY 4.0; ScrapingHub
AEB, MIT) by the changes a story goes through when it is syndicated,
reposted and corrected. Deterministic (fixed seed).

    python3 eval/neardup.py build [SEED] > set.jsonl
    python3 eval/neardup.py stats [SEED]     similarity of pairs (Python)

The set is one stream of JSON Lines documents, in the order they are to
be merged. Each has the usual fields (id, url, source_domain, title, text)
and three for scoring, which newsmerge keeps as unknown fields:

  x_story   the article it carries (the source page's file id)
  x_role    "first" (the story's first appearance) or "copy" (a changed
            copy of a story already in the stream)
  x_change  what was done to it ("cut+typo", ...)

The first appearances come first: every article once, those of a site
with two or more articles in the sets wearing the same site chrome (the
hard negatives: different articles of one site, one template, and often
one topic). Then the copies: 1 to 3 of these changes each, drawn at
random (seeded):

  chrome    other chrome remnants ("Comments (0)", "With information from
            Reuters", share lines, newsletter boxes) before or after
  headline  a new headline line on top
  leadin    a lead-in line added ("WASHINGTON (Reuters) -", an editor's
            note) or the first short paragraph removed
  signoff   a sign-off line added ("Reporting by ...") or the last short
            paragraph removed
  cut       the ending cut: 60-95% of the words kept, at a paragraph end
  typo      1-6 words changed (a typo fixed or made)
  reorder   two paragraphs swapped, or one moved
A copy is a true duplicate of its story's first appearance; any other
duplicate reported is a false one.
"""

import glob
import hashlib
import json
import os
import random
import re
import sys
from collections import defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402

SEED = 7
# Texts shorter than this many words are left out: a 20-word text has no
# near duplicates to speak of, only exact ones.
MIN_WORDS = 50

CHROME_AFTER = [
    "Comments (0)",
    "With information from Reuters",
    "With information from AFP and AP",
    "Share this article",
    "Share on Facebook Share on Twitter Share via Email",
    "Sign up for our newsletter to get the latest news in your inbox.",
    "Related: More stories from our partners",
    "Read more at the original source.",
    "Advertisement",
    "Copyright 2025. All rights reserved.",
    "Follow us on Twitter, Facebook and Instagram.",
    "This article originally appeared on the wire.",
    "Leave a comment",
    "Posted in News | Tagged world, politics",
]
CHROME_BEFORE = [
    "Advertisement",
    "Listen to this article",
    "Share",
    "5 min read",
    "Updated 2 hours ago",
    "Sponsored content",
]
LEADINS = [
    "WASHINGTON (Reuters) -",
    "LONDON, Nov 21 (Reuters) -",
    "Editor's note: This story has been updated with new information.",
    "This story was first published by our partners.",
    "NEW YORK (AP) —",
    "(CNN) —",
]
SIGNOFFS = [
    "Reporting by Jane Doe; Editing by John Smith",
    "Additional reporting by staff writers.",
    "The Associated Press contributed to this report.",
    "Correction: An earlier version of this article misstated a date.",
    "Contact the author at newsroom@example.com.",
]
HEADLINES = [
    "BREAKING: %s",
    "%s (update)",
    "%s | Latest news",
    "What we know: %s",
    "%s, report says",
]


def originals():
    """(story, url, title, text) of every usable ground-truth article."""
    ext = os.path.join(common.NF_SHARED, "extract")
    out = []
    for f in sorted(glob.glob(os.path.join(ext, "wcxb-articles", "dev",
                                           "ground-truth", "*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        g = d["ground_truth"]
        out.append(("wcxb-" + os.path.basename(f)[:-5], d["url"],
                    g.get("title") or "", g.get("main_content") or ""))
    gt = json.load(open(os.path.join(ext, "scrapinghub-aeb",
                                     "ground-truth.json"), encoding="utf-8"))
    for k in sorted(gt):
        out.append(("aeb-" + k, gt[k]["url"], "", gt[k]["articleBody"] or ""))
    res, seen = [], set()
    for story, url, title, text in out:
        text = "\n".join(p.strip() for p in text.split("\n") if p.strip())
        if len(text.split()) < MIN_WORDS:
            continue
        # The sets hold a few pages twice (the same article under two
        # URLs): keep the first, so that no "different" pair is the same.
        key = " ".join(text.lower().split()[:60])
        if key in seen:
            continue
        seen.add(key)
        res.append((story, url, title, text))
    return res


def host(url):
    return url.split("/")[2] if url.count("/") >= 2 else ""


def site_chrome(h):
    """The chrome one site puts around every article: the same lines on
    each of its pages (a hard negative's shared part)."""
    name = h.replace("www.", "")
    return (["%s | Home | News | Sections" % name, "Subscribe"],
            ["Comments (0)", "Share this article",
             "More from %s:" % name,
             "© 2025 %s. All rights reserved." % name])


def typo(r, w):
    if len(w) < 4:
        return w + "s"
    i = r.randrange(1, len(w) - 2)
    op = r.randrange(3)
    if op == 0:
        return w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if op == 1:
        return w[:i] + w[i + 1:]
    return w[:i] + w[i] + w[i:]


def change(r, paras, title, kind):
    p = list(paras)
    if kind == "chrome":
        if r.random() < 0.7:
            p += r.sample(CHROME_AFTER, r.randint(1, 3))
        else:
            p = r.sample(CHROME_BEFORE, r.randint(1, 2)) + p
    elif kind == "headline":
        t = title or " ".join(p[0].split()[:10])
        p.insert(0, r.choice(HEADLINES) % t)
    elif kind == "leadin":
        if len(p[0].split()) < 25 and len(p) > 3 and r.random() < 0.5:
            p.pop(0)
        elif r.random() < 0.5:
            p[0] = r.choice(LEADINS) + " " + p[0]
        else:
            p.insert(0, r.choice(LEADINS))
    elif kind == "signoff":
        if len(p[-1].split()) < 25 and len(p) > 3 and r.random() < 0.5:
            p.pop()
        else:
            p.append(r.choice(SIGNOFFS))
    elif kind == "cut":
        words = sum(len(x.split()) for x in p)
        keep = words * r.uniform(0.6, 0.95)
        n, k = 0, 0
        while k < len(p) and n + len(p[k].split()) <= keep:
            n += len(p[k].split())
            k += 1
        if n < keep * 0.8:
            # a long paragraph next: cut inside it, at a word
            w = p[k].split(" ")
            p = p[:k] + [" ".join(w[:max(1, int(keep - n))])]
        else:
            p = p[:k]
    elif kind == "typo":
        for _ in range(r.randint(1, 6)):
            i = r.randrange(len(p))
            w = p[i].split(" ")
            j = r.randrange(len(w))
            w[j] = typo(r, w[j])
            p[i] = " ".join(w)
    elif kind == "reorder":
        if len(p) >= 2:
            i = r.randrange(len(p) - 1)
            if r.random() < 0.5:
                p[i], p[i + 1] = p[i + 1], p[i]
            else:
                x = p.pop(i)
                p.insert(r.randrange(len(p) + 1), x)
    return p


KINDS = ["chrome", "headline", "leadin", "signoff", "cut", "typo", "reorder"]


def doc(story, url, title, paras, role, what):
    return {"id": hashlib.sha1(url.encode()).hexdigest()[:16], "url": url,
            "source_domain": host(url), "title": title, "language": "en",
            "text": "\n".join(paras), "x_story": story, "x_role": role,
            "x_change": what}


def build(seed=SEED):
    r = random.Random(seed)
    arts = originals()
    bysite = defaultdict(list)
    for a in arts:
        bysite[host(a[1])].append(a)
    firsts, copies = [], []
    for story, url, title, text in arts:
        paras = text.split("\n")
        what = "none"
        if len(bysite[host(url)]) > 1:
            before, after = site_chrome(host(url))
            paras = before + paras + after
            what = "site chrome"
        firsts.append(doc(story, url, title, paras, "first", what))
        base = text.split("\n")
        for c in range(2):
            kinds = r.sample(KINDS, r.randint(1, 3))
            p = base
            for k in kinds:
                p = change(r, p, title, k)
            curl = "https://repost%d.example/%s/%d" % (r.randrange(40),
                                                      story, c)
            t = title if "headline" not in kinds else "Repost: " + title
            copies.append(doc(story, curl, t, p, "copy", "+".join(kinds)))
    r.shuffle(copies)
    return firsts + copies


# ---- a Python reference of the similarity, to choose the measure ----

WORD = re.compile(r"\w+")


def shingles(text, n=5):
    w = WORD.findall(text.lower())
    if len(w) < n:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def stats(seed=SEED, n=5):
    docs = build(seed)
    first = {d["x_story"]: d for d in docs if d["x_role"] == "first"}
    sh = {}

    def S(d):
        k = d["url"]
        if k not in sh:
            sh[k] = shingles(d["text"], n)
        return sh[k]

    def sims(a, b):
        x, y = S(a), S(b)
        i = len(x & y)
        return i / max(1, len(x | y)), i / max(1, min(len(x), len(y)))

    pos = [sims(first[d["x_story"]], d) + (d["x_change"],)
           for d in docs if d["x_role"] == "copy"]
    fl = list(first.values())
    bysite = defaultdict(list)
    for d in fl:
        bysite[d["source_domain"]].append(d)
    neg = []
    for g in bysite.values():
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                neg.append(sims(g[i], g[j]))
    # same topic: each text's nearest other text by shared rare words
    df = defaultdict(int)
    bags = [set(WORD.findall(d["text"].lower())) for d in fl]
    for b in bags:
        for w in b:
            df[w] += 1
    inv = defaultdict(list)
    for k, b in enumerate(bags):
        for w in b:
            if 2 <= df[w] <= 20:
                inv[w].append(k)
    topic = []
    for k, b in enumerate(bags):
        score = defaultdict(float)
        for w in b:
            if 2 <= df[w] <= 20:
                for o in inv[w]:
                    if o != k:
                        score[o] += 1.0 / df[w]
        if score:
            o = max(score, key=score.get)
            topic.append(sims(fl[k], fl[o]))
    print("n=%d: %d copies, %d same-site pairs, %d same-topic pairs" %
          (n, len(pos), len(neg), len(topic)))
    for name, idx in (("jaccard", 0), ("containment", 1)):
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            rec = sum(1 for p in pos if p[idx] >= t) / len(pos)
            fp = sum(1 for p in neg + topic if p[idx] >= t)
            print("  %-11s >= %.1f: recall %.3f, hard negatives above %d" %
                  (name, t, rec, fp))
    worst = sorted(pos, key=lambda p: p[0])[:8]
    print("  lowest jaccard copies:", worst)
    print("  highest negatives:", sorted(neg + topic, reverse=True)[:5])


def main(argv):
    seed = int(argv[2]) if len(argv) > 2 else SEED
    if len(argv) > 1 and argv[1] == "stats":
        for n in (3, 4, 5):
            stats(seed, n)
        return 0
    if len(argv) > 1 and argv[1] == "build":
        for d in build(seed):
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
        return 0
    sys.stderr.write("usage: neardup.py build|stats [SEED]\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

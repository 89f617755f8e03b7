#!/usr/bin/env python3
"""Make JSON Lines news documents for newsmerge's tests and benchmark from
real article texts in $NF_SHARED (ScrapingHub AEB, MIT; WCXB dev, CC-BY 4.0).

  mkdocs.py aeb            one document per AEB page (181), real url and text
  mkdocs.py wcxb           one document per WCXB dev page (711)
  mkdocs.py many N [SEED]  N documents with distinct texts, each a run of
                           3-8 real paragraphs drawn from both sets
  mkdocs.py mixed N [SEED] the documents of `many`, with "sentences" (cut
                           at ". "), and after the first 50: 10% near
                           copies of an earlier one (another URL, a line
                           added, the last paragraph cut) and 5% repeats
"""
import glob, hashlib, json, os, random, sys
from urllib.parse import urlsplit

shared = os.environ.get("NF_SHARED") or os.path.join(
    os.path.dirname(__file__), "../../../../shared/data")
ext = os.path.join(shared, "extract")

def docid(url):
    return hashlib.sha1(url.encode()).hexdigest()[:16]

def aeb():
    gt = json.load(open(os.path.join(ext, "scrapinghub-aeb/ground-truth.json")))
    for k in sorted(gt):
        v = gt[k]
        if v["articleBody"].strip():
            yield v["url"], None, v["articleBody"]

def wcxb():
    for f in sorted(glob.glob(os.path.join(ext, "wcxb-articles/dev/ground-truth/*.json"))):
        d = json.load(open(f))
        g = d["ground_truth"]
        if g.get("main_content", "").strip():
            yield d["url"], g.get("title"), g["main_content"]

def doc(url, title, text, **extra):
    d = {"id": docid(url), "url": url, "source_domain": urlsplit(url).hostname,
         "title": title, "text": text}
    d.update(extra)
    return d

def main():
    out = sys.stdout
    mode = sys.argv[1]
    if mode in ("aeb", "wcxb"):
        for url, title, text in (aeb() if mode == "aeb" else wcxb()):
            out.write(json.dumps(doc(url, title, text, x_note="kept as is"),
                                 ensure_ascii=False) + "\n")
        return
    n = int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    if mode == "mixed":
        mixed(out, n, rnd)
        return
    for d in many(n, rnd):
        out.write(json.dumps(d, ensure_ascii=False) + "\n")


def sentences(text):
    """Spans cut after ". " (code point offsets, as newssplit's)."""
    spans, start = [], 0
    for i in range(len(text)):
        if text[i] == "\n" or (text[i] == " " and text[i - 1] == "."):
            if i > start:
                spans.append({"text": text[start:i], "start": start,
                              "end": i})
            start = i + 1
    if start < len(text):
        spans.append({"text": text[start:], "start": start,
                      "end": len(text)})
    return spans


def mixed(out, n, rnd):
    made = []
    for d in many(n, rnd):
        if len(made) > 50 and rnd.random() < 0.15:
            o = rnd.choice(made)
            if rnd.random() < 0.33:
                out.write(json.dumps(o, ensure_ascii=False) + "\n")
                continue
            ps = o["text"].split("\n")
            text = "\n".join(["Shared from our partners."] + ps[:-1]
                             if len(ps) > 3 else ps + ["Comments (0)"])
            url = o["url"].replace("news.example", "repost.example")
            c = doc(url, o["title"], text, seq=o["seq"])
            c["sentences"] = sentences(text)
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
        d["sentences"] = sentences(d["text"])
        made.append(d)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")


def many(n, rnd):
    paras = []
    for _, _, text in list(aeb()) + list(wcxb()):
        paras += [p for p in text.split("\n") if len(p) > 40]
    seen = set()
    # Documents that share paragraphs covering half of either are near
    # duplicates to newsmerge: draw again (used[p]: documents with p).
    used = {}
    i = 0
    while i < n:
        k = rnd.randint(3, 8)
        start = rnd.randrange(len(paras))
        ps = [paras[(start + j * rnd.randint(1, 97)) % len(paras)]
              for j in range(k)]
        text = "\n".join(ps)
        h = hashlib.sha1(" ".join(text.lower().split()).encode()).digest()
        if h in seen:
            continue
        if len(set(ps)) < k:
            continue
        words = len(text.split())
        shared = {}
        for p in set(ps):
            for o, ow in used.get(p, ()):
                shared[o] = shared.get(o, (0, ow))
                shared[o] = (shared[o][0] + len(p.split()), ow)
        if any(w * 2 >= min(words, ow) for w, ow in shared.values()):
            continue
        for p in set(ps):
            used.setdefault(p, []).append((i, words))
        seen.add(h)
        url = "https://news.example/%d/%s" % (i, h.hex()[:8])
        yield doc(url, "Story %d" % i, text, seq=i)
        i += 1

main()

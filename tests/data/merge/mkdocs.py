#!/usr/bin/env python3
"""Make JSON Lines news documents for newsmerge's tests and benchmark from
real article texts in $NF_SHARED (ScrapingHub AEB, MIT; WCXB dev, CC-BY 4.0).

  mkdocs.py aeb            one document per AEB page (181), real url and text
  mkdocs.py wcxb           one document per WCXB dev page (711)
  mkdocs.py many N [SEED]  N documents with distinct texts, each a run of
                           3-8 real paragraphs drawn from both sets
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
    paras = []
    for _, _, text in list(aeb()) + list(wcxb()):
        paras += [p for p in text.split("\n") if len(p) > 40]
    seen = set()
    i = 0
    while i < n:
        k = rnd.randint(3, 8)
        start = rnd.randrange(len(paras))
        text = "\n".join(paras[(start + j * rnd.randint(1, 97)) % len(paras)]
                         for j in range(k))
        h = hashlib.sha1(" ".join(text.lower().split()).encode()).digest()
        if h in seen:
            continue
        seen.add(h)
        url = "https://news.example/%d/%s" % (i, h.hex()[:8])
        out.write(json.dumps(doc(url, "Story %d" % i, text, seq=i),
                             ensure_ascii=False) + "\n")
        i += 1

main()

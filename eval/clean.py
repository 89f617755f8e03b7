#!/usr/bin/env python3
"""Scores newsclean on the extraction sets in $NF_SHARED/extract.

    python3 eval/clean.py [aeb] [wcxb] [traf] [readability]

Each set is written as one WARC 1.1 file (eval/warcwriter.py, response
records, page bytes unchanged) and fed to one run of newsclean; outputs
are matched back to pages by URL (see match()). Missing outputs score as
empty extractions. The 20 worst pages of each set are listed in
eval/out/clean-SET-worst.tsv and newsclean's output is kept in
eval/out/clean-SET.jsonl.
"""

import glob
import gzip
import json
import os
import re
import sys
import tempfile
from urllib.parse import unquote

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
import scores  # noqa: E402
import warcwriter  # noqa: E402

EXTRACT = os.path.join(common.NF_SHARED, "extract")


def url_key(u):
    """Loose form of a URL for matching outputs to inputs: no scheme, no
    "www.", no fragment, no trailing slash, percent-decoded, lower-case
    host."""
    u = (u or "").strip()
    u = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", u).split("#")[0]
    host, _, path = u.partition("/")
    host = host.lower()
    if host.startswith("www."):
        host = host[4:]
    return host + "/" + unquote(path).rstrip("/")


def match(urls, recs):
    """Pair newsclean's records with the input pages (urls, in WARC
    order). First by URL (exact, then url_key()); newsclean may replace
    the URL by the page's canonical one, so the records left over are then
    paired by order: a filter keeps its input order, so an unmatched
    record belongs to the first unpaired page after the page of the record
    before it (and before the page of the next URL-matched record).
    Returns a list, one record or None per input."""
    n = len(urls)
    exact, loose = {}, {}
    for i, u in enumerate(urls):
        exact.setdefault(u, []).append(i)
        loose.setdefault(url_key(u), []).append(i)
    got = [None] * n
    rec_in = [None] * len(recs)
    for j, r in enumerate(recs):
        u = field(r, "url")
        for table, key in ((exact, u), (loose, url_key(u))):
            cand = [i for i in table.get(key, ()) if got[i] is None]
            if cand:
                got[cand[0]] = r
                rec_in[j] = cand[0]
                break
    prev = -1
    for j, r in enumerate(recs):
        if rec_in[j] is not None:
            prev = rec_in[j]
            continue
        nxt = next((rec_in[k] for k in range(j + 1, len(recs))
                    if rec_in[k] is not None and rec_in[k] > prev), n)
        i = next((i for i in range(prev + 1, nxt) if got[i] is None), None)
        if i is None:
            continue
        got[i] = r
        rec_in[j] = i
        prev = i
    return got


class Page:
    """A page of a set: its URL and its file (read when needed, so a set
    is never all in memory)."""

    def __init__(self, url, path):
        self.url = url
        self.path = path

    def bytes(self):
        if self.path.endswith(".gz"):
            with gzip.open(self.path, "rb") as f:
                return f.read()
        with open(self.path, "rb") as f:
            return f.read()


def run_clean(name, pages):
    """pages: list of Page. Returns (Run, list of record or None per
    page); keeps the raw output in eval/out/clean-NAME.jsonl and its
    stderr in clean-NAME.stderr."""
    got = None
    if os.environ.get("NF_EVAL_PER_PAGE") == "1":
        r, got = run_per_page(pages, "NF_EVAL_PER_PAGE=1")
    else:
        with tempfile.TemporaryFile() as warc:
            warcwriter.write(warc, ((p.url, p.bytes()) for p in pages))
            warc.seek(0)
            r = common.run("newsclean", [], warc)
        recs = r.records() if r.usable else []
        if r.usable and not recs and pages:
            # The WARC gave nothing: score HTML mode instead (one run per
            # page with -u URL), and say so in the row.
            r, got = run_per_page(pages, "WARC input gave no records (%s)" % (
                r.note or common.lasterr(r.err)))
        else:
            got = match([p.url for p in pages], recs)
    with open(common.outpath("clean-%s.jsonl" % name), "wb") as f:
        f.write(r.out)
    with open(common.outpath("clean-%s.stderr" % name), "wb") as f:
        f.write(r.err)
    missing = sum(1 for g in got if g is None)
    if r.usable and missing:
        extra = "%d/%d pages without output" % (missing, len(pages))
        r.note = "; ".join(x for x in (r.note, extra) if x)
    return r, got


def run_per_page(pages, why):
    """newsclean -u URL < page, once per page. Returns one Run (outputs
    and stderr concatenated, a note saying why and how many runs failed)
    and the first record of each page's run (None if none)."""
    total = common.Run("newsclean")
    total.status = 0
    outs, errs, got, failed = [], [], [], []
    for p in pages:
        r = common.run("newsclean", ["-u", p.url], p.bytes(), timeout=30)
        if not r.usable:
            total.status = None
            total.note = r.note
            return total, [None] * len(pages)
        recs = r.records()
        got.append(recs[0] if recs else None)
        outs.append(r.out if r.out.endswith(b"\n") or not r.out
                    else r.out + b"\n")
        errs.append(r.err)
        total.seconds += r.seconds
        if r.note:
            failed.append(r.note)
    total.out = b"".join(outs)
    total.err = b"".join(errs)
    notes = [why, "scored one run per page"]
    if failed:
        notes.append("%d runs failed, first: %s" % (len(failed), failed[0]))
    total.note = "; ".join(notes)
    return total, got


def worst(res, name, rows, header):
    """rows: (score, fields...) sorted ascending, first 20 written."""
    rows = sorted(rows, key=lambda x: x[0])[:20]
    lines = ["\t".join(header)] + [
        "\t".join(("%.3f" % x[0],) + tuple(str(y) for y in x[1:]))
        for x in rows]
    path = common.write_lines("clean-%s-worst.tsv" % name, lines)
    res.extra.setdefault("analysis_files", []).append(path)
    res.extra.setdefault("clean_worst", {})[name] = lines
    return path


def worst_block(res):
    """The 20 worst pages of each set, as `make eval` prints them under
    its table (all columns but the file path, cut to fit a line)."""
    out = []
    for name, lines in res.extra.get("clean_worst", {}).items():
        out.append("clean %s: the %d worst pages" % (name, len(lines) - 1))
        for ln in lines:
            cols = ln.split("\t")
            if cols and cols[-1] in ("page",) or (
                    len(cols) > 2 and cols[-1].startswith("/")):
                cols = cols[:-1]
            out.append("  " + "  ".join(cols)[:150])
        out.append("")
    return "\n".join(out).rstrip("\n")


def meta_errors(res, name, rows):
    """rows: (url, kind, gold, got) of wrong titles and dates, written to
    eval/out/clean-NAME-meta-errors.tsv for error analysis."""
    path = common.write_lines(
        "clean-%s-meta-errors.tsv" % name,
        ["what\tgold\tgot\turl"] + ["\t".join(
            (k, " ".join(g.split()), " ".join(x.split()), u))
            for u, k, g, x in rows])
    res.extra.setdefault("analysis_files", []).append(path)


def field(rec, key):
    """A string field of an output record; anything else (missing, null,
    a number, a list) counts as empty, so odd output scores low instead of
    stopping the eval."""
    v = (rec or {}).get(key)
    return v if isinstance(v, str) else ""


def text_of(rec):
    return field(rec, "text")


# ------------------------------------------------------------------ AEB

def aeb(res):
    """ScrapingHub Article Extraction Benchmark: AEB F1 (scores.aeb_*)."""
    d = os.path.join(EXTRACT, "scrapinghub-aeb")
    gt = json.load(open(os.path.join(d, "ground-truth.json"), encoding="utf-8"))
    ids = sorted(gt)
    pages = [Page(gt[i]["url"], os.path.join(d, "html", i + ".html.gz"))
             for i in ids]
    r, got = run_clean("aeb", pages)
    if not r.usable:
        res.fail("clean", "AEB", "AEB F1", r.note)
        return
    pairs = [(gt[i].get("articleBody") or "", text_of(g))
             for i, g in zip(ids, got)]
    P, R, F, per = scores.aeb_corpus(pairs)
    res.add("clean", "AEB (181)", "AEB F1", F, r.note)
    res.add("clean", "AEB (181)", "AEB P / R", "%.3f / %.3f" % (P, R),
            target="")
    res.extra["aeb_seconds"] = r.seconds
    worst(res, "aeb", [(scores.f1(p, q), "%.3f" % p, "%.3f" % q, i,
                   gt[i]["url"], os.path.join(d, "html", i + ".html.gz"))
                  for i, (p, q) in zip(ids, per)],
          ("F1", "P", "R", "id", "url", "page"))


# ------------------------------------------------------------------ WCXB

def wcxb(res):
    """WCXB dev articles: mean page F1 (bags), title and date right."""
    d = os.path.join(EXTRACT, "wcxb-articles", "dev")
    items = []
    for f in sorted(glob.glob(os.path.join(d, "ground-truth", "*.json"))):
        j = json.load(open(f, encoding="utf-8"))
        fid = j.get("file_id") or os.path.basename(f)[:-5]
        items.append((fid, j["url"], j["ground_truth"]))
    pages = [Page(u, os.path.join(d, "html", fid + ".html.gz"))
             for fid, u, _ in items]
    r, got = run_clean("wcxb", pages)
    if not r.usable:
        res.fail("clean", "WCXB dev", "WCXB mean page F1", r.note)
        return
    f1s = [scores.bag_f1(g.get("main_content") or "", text_of(o))
           for (_, _, g), o in zip(items, got)]
    n = len(items)
    res.add("clean", "WCXB dev (%d)" % n, "WCXB mean page F1",
            scores.macro_mean(f1s), r.note)
    titles = [(g["title"], field(o, "title"))
              for (_, _, g), o in zip(items, got) if g.get("title")]
    dates = [(g["publish_date"], field(o, "date"))
             for (_, _, g), o in zip(items, got) if g.get("publish_date")]
    tr = sum(scores.title_right(a, b) for a, b in titles)
    dr = sum(scores.date_right(a, b) for a, b in dates)
    meta_errors(res, "wcxb", [
        (u, k, g[gk], field(o, ok))
        for (_, u, g), o in zip(items, got)
        for k, gk, ok, fn in (("title", "title", "title", scores.title_right),
                              ("date", "publish_date", "date",
                               scores.date_right))
        if g.get(gk) and not fn(g[gk], field(o, ok))])
    res.add("clean", "WCXB dev (%d with title)" % len(titles), "title right",
            tr / len(titles) if titles else None, fmt=common.pct,
            target="", note="%d/%d" % (tr, len(titles)))
    res.add("clean", "WCXB dev (%d with date)" % len(dates), "date right",
            dr / len(dates) if dates else None, fmt=common.pct,
            target="", note="%d/%d" % (dr, len(dates)))
    worst(res, "wcxb", [(f, fid, u, field(o, "title"),
                    os.path.join(d, "html", fid + ".html.gz"))
                   for f, (fid, u, _), o in zip(f1s, items, got)],
          ("F1", "id", "url", "title", "page"))


# ------------------------------------------------------------ trafilatura

def traf(res):
    """Half of trafilatura's evaluation set: snippet P/R/F, title and date
    right."""
    d = os.path.join(EXTRACT, "trafilatura-eval-half")
    ev = json.load(open(os.path.join(d, "evaldata.json"), encoding="utf-8"))
    urls = sorted(ev)
    pages = [Page(u, os.path.join(d, "html", ev[u]["file"] + ".gz"))
             for u in urls]
    r, got = run_clean("traf", pages)
    if not r.usable:
        res.fail("clean", "trafilatura half", "snippet F", r.note)
        return
    counts = [scores.snippet_counts(text_of(o), ev[u].get("with"),
                                    ev[u].get("without"))
              for u, o in zip(urls, got)]
    P, R, F = scores.snippet_prf(counts)
    n = len(urls)
    res.add("clean", "trafilatura half (%d)" % n, "snippet F", F, r.note)
    res.add("clean", "trafilatura half (%d)" % n, "snippet P / R",
            "%.3f / %.3f" % (P, R), target="")
    titles = [(ev[u]["title"], field(o, "title"))
              for u, o in zip(urls, got) if ev[u].get("title")]
    dates = [(ev[u]["date"], field(o, "date"))
             for u, o in zip(urls, got) if ev[u].get("date")]
    tr = sum(scores.title_right(a, b) for a, b in titles)
    dr = sum(scores.date_right(a, b) for a, b in dates)
    meta_errors(res, "traf", [
        (u, k, ev[u][k], field(o, k))
        for u, o in zip(urls, got)
        for k, fn in (("title", scores.title_right),
                      ("date", scores.date_right))
        if ev[u].get(k) and not fn(ev[u][k], field(o, k))])
    res.add("clean", "trafilatura half (%d with title)" % len(titles),
            "title right", tr / len(titles) if titles else None,
            fmt=common.pct, note="%d/%d" % (tr, len(titles)))
    res.add("clean", "trafilatura half (%d with date)" % len(dates),
            "date right", dr / len(dates) if dates else None,
            fmt=common.pct, note="%d/%d" % (dr, len(dates)))
    rows = []
    for u, o, c in zip(urls, got, counts):
        tot = c[0] + c[1] + c[2]
        # A page's score: share of its snippets judged right.
        rows.append(((c[0] + (len(ev[u].get("without") or ()) - c[2]))
                     / max(1, tot + len(ev[u].get("without") or ()) - c[2]),
                     "tp=%d fn=%d fp=%d" % c, u,
                     os.path.join(d, "html", ev[u]["file"] + ".gz")))
    worst(res, "traf", rows, ("share right", "counts", "url", "page"))


# ------------------------------------------------------------ readability

def lang_primary(s):
    return (s or "").strip().lower().replace("_", "-").split("-")[0]


def byline_right(byline, authors):
    """Readability's byline against newsclean's authors list: right when
    the byline (title_norm(), a leading "by " dropped) equals one author,
    or all authors joined by ", " or " and "."""
    def norm(s):
        s = scores.title_norm(s)
        return s[3:].strip() if s.startswith("by ") else s
    if isinstance(authors, str):
        authors = [authors]
    if not isinstance(authors, list) or not authors:
        return False
    b = norm(byline)
    cands = {norm(a) for a in authors if isinstance(a, str)}
    cands.add(norm(", ".join(a for a in authors if isinstance(a, str))))
    cands.add(norm(" and ".join(a for a in authors if isinstance(a, str))))
    return b in cands


def readability(res):
    """Readability.js test pages: title, byline, lang (and date where the
    expected metadata has publishedTime) accuracy."""
    d = os.path.join(EXTRACT, "readability-testpages")
    cases = sorted(c for c in os.listdir(d)
                   if os.path.isfile(os.path.join(d, c, "source.html")))
    pages, meta = [], []
    for c in cases:
        pages.append(Page("http://fakehost/test/%s/page.html" % c,
                          os.path.join(d, c, "source.html")))
        meta.append(json.load(open(os.path.join(d, c, "expected-metadata.json"),
                                   encoding="utf-8")))
    r, got = run_clean("readability", pages)
    if not r.usable:
        res.fail("clean", "readability pages", "title right", r.note,
                 target="")
        return
    checks = {
        "title right": ("title", lambda m, o: scores.title_right(
            m["title"], field(o, "title"))),
        "byline right": ("byline", lambda m, o: byline_right(
            m["byline"], o.get("authors"))),
        "lang right": ("lang", lambda m, o: bool(field(o, "language")) and
                       lang_primary(m["lang"]) == lang_primary(field(o, "language"))),
        "date right": ("publishedTime", lambda m, o: scores.date_right(
            m["publishedTime"], field(o, "date"))),
    }
    wrong = {}
    first = True
    for measure, (key, fn) in checks.items():
        n = ok = 0
        for c, m, o in zip(cases, meta, got):
            if not m.get(key):
                continue
            n += 1
            if fn(m, o or {}):
                ok += 1
            else:
                wrong.setdefault(c, []).append(
                    "%s: want %r got %r" % (key, m[key], (o or {}).get(
                        {"title": "title", "byline": "authors",
                         "lang": "language",
                         "publishedTime": "date"}[key])))
        res.add("clean", "readability pages (%d with %s)" % (n, key),
                measure, ok / n if n else None, fmt=common.pct, target="",
                note="; ".join(x for x in ("%d/%d" % (ok, n),
                                           r.note if first else "") if x))
        first = False
    rows = [(-len(v), c, " | ".join(v)) for c, v in wrong.items()]
    worst(res, "readability", rows, ("-errors", "case", "what"))


PARTS = {"aeb": aeb, "wcxb": wcxb, "traf": traf, "readability": readability}


def run_all(res):
    for name, fn in PARTS.items():
        common.guarded(res, "clean", name, "(all)", fn)


if __name__ == "__main__":
    sys.exit(common.main_for(PARTS, sys.argv, "clean"))

"""The scoring functions of the harness, pure and small so that
tests/eval.t can check them on hand-made inputs.

Each docstring quotes the definition it implements from
../shared/DESIGN.md ("Scoring") or from the brief of the data set, and
says how edge cases are decided.
"""

import re
import unicodedata
from collections import Counter

WORD = re.compile(r"\w+")  # Python re on str: Unicode \w


# ---------------------------------------------------------------- clean

def shingles(text, n=4):
    """DESIGN.md, AEB: "split texts into `\\w+` tokens, case kept;
    multiset of 4-token shingles (a text of 1-3 tokens is one shingle)".
    A text without tokens has no shingles."""
    toks = WORD.findall(text or "")
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def overlap(gold, pred):
    """TP, FP, FN of two multisets (Counters): TP is the multiset
    intersection."""
    tp = sum((gold & pred).values())
    return tp, sum(pred.values()) - tp, sum(gold.values()) - tp


def aeb_page(gold_text, pred_text):
    """DESIGN.md, AEB: "per page TP, FP, FN from the multiset overlap; page
    P and R". As in the AEB's own evaluate.py: a page with FP = FN = 0
    (both empty, or identical) scores P = R = 1; a page with TP = 0
    otherwise scores P = R = 0. Returns (P, R, tp, fp, fn)."""
    tp, fp, fn = overlap(shingles(gold_text), shingles(pred_text))
    if fp == 0 and fn == 0:
        return 1.0, 1.0, tp, fp, fn
    if tp == 0:
        return 0.0, 0.0, tp, fp, fn
    return tp / (tp + fp), tp / (tp + fn), tp, fp, fn


def aeb_corpus(pages):
    """DESIGN.md, AEB: "corpus P and R are means over pages; F1 from those
    two means". pages: list of (gold_text, pred_text); a page the program
    gave no output for is scored with pred_text = "". Returns (P, R, F1,
    per-page list of (P, R))."""
    per = [aeb_page(g, p)[:2] for g, p in pages]
    if not per:
        return 0.0, 0.0, 0.0, per
    P = sum(x[0] for x in per) / len(per)
    R = sum(x[1] for x in per) / len(per)
    return P, R, f1(P, R), per


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def bag(text):
    """DESIGN.md, WCXB: "lowercase `\\w+` bags" (str.lower of each
    token)."""
    return Counter(t.lower() for t in WORD.findall(text or ""))


def bag_f1(gold_text, pred_text):
    """DESIGN.md, WCXB: "page F1" of the two bags: TP = multiset
    intersection, P = TP/|pred|, R = TP/|gold|, F1 = 2PR/(P+R). Both
    empty scores 1, exactly one empty scores 0."""
    g, p = bag(gold_text), bag(pred_text)
    if not g and not p:
        return 1.0
    if not g or not p:
        return 0.0
    tp, fp, fn = overlap(g, p)
    return f1(tp / (tp + fp), tp / (tp + fn))


def macro_mean(values):
    """DESIGN.md, WCXB: "macro mean" of the page F1 values."""
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def wsnorm(s):
    """Whitespace normalisation for snippets: every run of Unicode
    whitespace becomes one space, ends stripped."""
    return " ".join((s or "").split())


def snippet_counts(text, with_, without):
    """DESIGN.md, trafilatura set: "a 'with' snippet found
    (whitespace-normalized substring) is TP, missed is FN; a 'without'
    snippet found is FP". Case-sensitive; empty snippets are ignored.
    Returns (tp, fn, fp) for one page."""
    t = wsnorm(text)
    tp = fn = fp = 0
    for s in with_ or ():
        s = wsnorm(s)
        if not s:
            continue
        if s in t:
            tp += 1
        else:
            fn += 1
    for s in without or ():
        s = wsnorm(s)
        if s and s in t:
            fp += 1
    return tp, fn, fp


def snippet_prf(counts):
    """DESIGN.md: "micro-averaged": sums of tp, fn, fp over all pages, then
    P = tp/(tp+fp), R = tp/(tp+fn), F = 2PR/(P+R)."""
    tp = sum(c[0] for c in counts)
    fn = sum(c[1] for c in counts)
    fp = sum(c[2] for c in counts)
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, f1(P, R)


_PUNCT_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
    "\u2014": "-", "\u2015": "-", "\u2212": "-",
    # invisible: soft hyphen, zero-width space, word joiner, BOM
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})


def title_norm(s):
    """Title normalisation: NFKC, typographic quotes and dashes to ASCII,
    invisible characters (soft hyphen, zero-width space) dropped, case
    folded, whitespace runs to one space, ends stripped."""
    s = unicodedata.normalize("NFKC", s or "").translate(_PUNCT_MAP)
    return " ".join(s.casefold().split())


def title_right(gold, pred):
    """A title is right when it equals the gold title after title_norm()
    (so "Foo  Bar" = "foo bar", "it’s" = "it's"; "Foo - Site" != "Foo":
    a site name left in the title counts as wrong)."""
    return bool(pred) and title_norm(gold) == title_norm(pred)


_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def date_day(s):
    """The calendar day "YYYY-MM-DD" an ISO 8601 date or date-time names,
    as written (local day of a date-time with offset; no conversion to
    UTC), or None if s does not start with a full date."""
    m = _DAY.match(s or "")
    return "%s-%s-%s" % m.groups() if m else None


def date_right(gold, pred):
    """A date is right when it names the same calendar day as the gold
    date (date_day() of both equal); a gold date that is only a month
    ("2019-05") is right when pred falls in that month."""
    g = (gold or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}", g):
        return (pred or "").strip()[:7] == g
    gd = date_day(g)
    return gd is not None and gd == date_day(pred)


# ---------------------------------------------------------------- split

def sentences_of(rec):
    """Sentence strings of a newssplit record, each text[start:end]
    stripped; empty ones dropped. Offsets are code points, as Python str
    indices are."""
    text = rec.get("text") or ""
    out = []
    for s in rec.get("sentences") or ():
        try:
            piece = text[int(s["start"]):int(s["end"])]
        except (KeyError, TypeError, ValueError):
            piece = s.get("text", "") if isinstance(s, dict) else ""
        piece = piece.strip()
        if piece:
            out.append(piece)
    return out


def golden_pass(gold_sentences, predicted):
    """Golden Rules: "a case passes if the list of stripped sentence
    strings equals the gold list" (empty gold strings dropped too)."""
    gold = [g.strip() for g in gold_sentences if g.strip()]
    return gold == list(predicted)


def inner_ends(text, spans):
    """Sentence ends inside a paragraph: for each span (start, end) the
    offset after its last non-space character, minus the paragraph's own
    end (the end of text with trailing space stripped) and anything past
    it. Returns a set of code point offsets."""
    limit = len(text.rstrip())
    ends = set()
    for s, e in spans:
        e = min(max(e, 0), len(text))
        while e > s and text[e - 1].isspace():
            e -= 1
        if 0 < e < limit:
            ends.add(e)
    return ends


def gold_spans(paragraph, sentences):
    """Locate gold sentence strings in their paragraph, in order. Returns
    the spans, or None if a sentence is not found (the paragraph is then
    reported, not guessed)."""
    spans, pos = [], 0
    for s in sentences:
        s = s.strip()
        i = paragraph.find(s, pos)
        if i < 0:
            return None
        spans.append((i, i + len(s)))
        pos = i + len(s)
    return spans


def boundary_prf(pairs):
    """DESIGN.md, UD: "F1 over sentence ends inside each paragraph". Our
    reading: per paragraph, the gold set and the predicted set of
    inner_ends(); TP = |gold & pred|, FP = |pred - gold|, FN = |gold -
    pred|, summed over all paragraphs (micro), then P, R, F1 (as
    fractions; the table prints them x100 like the target). The
    paragraph's own end is excluded because it is given. pairs: list of
    (gold_set, pred_set). Returns (P, R, F1, tp, fp, fn)."""
    tp = fp = fn = 0
    for g, p in pairs:
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    P = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    R = tp / (tp + fn) if tp + fn else 1.0
    return P, R, f1(P, R), tp, fp, fn


# ---------------------------------------------------------------- tag

def spans_overlap(a, b):
    return a[0] < b[1] and b[0] < a[1]


def timex_scores(gold, pred):
    """TempEval-3 (UzZaman et al. 2013, the TE3 scorer) for TIMEX3s of
    one or more documents. gold, pred: lists of dicts with doc, start,
    end, type, value.
    - strict match: same doc, same start and end;
    - relaxed match: same doc, overlapping spans;
    - strict/relaxed P = matched system timexes / system timexes, R =
      matched gold timexes / gold timexes, F1 from P and R;
    - attribute scores over relaxed matches: each gold timex with a
      relaxed match is paired with the overlapping system timex of
      largest overlap; value accuracy = pairs with equal value / pairs,
      type accuracy likewise; "value F1" = relaxed F1 x value accuracy
      and "type F1" = relaxed F1 x type accuracy, as TE3 computes
      attribute F1.
    Returns a dict of these numbers (fractions)."""
    def match(strict):
        gm = pm = 0
        for g in gold:
            if any(p["doc"] == g["doc"] and (
                    (p["start"], p["end"]) == (g["start"], g["end"])
                    if strict else spans_overlap((p["start"], p["end"]),
                                                 (g["start"], g["end"])))
                   for p in pred):
                gm += 1
        for p in pred:
            if any(p["doc"] == g["doc"] and (
                    (p["start"], p["end"]) == (g["start"], g["end"])
                    if strict else spans_overlap((p["start"], p["end"]),
                                                 (g["start"], g["end"])))
                   for g in gold):
                pm += 1
        P = pm / len(pred) if pred else 0.0
        R = gm / len(gold) if gold else 0.0
        return P, R, f1(P, R)

    sP, sR, sF = match(True)
    rP, rR, rF = match(False)
    pairs = 0
    val_ok = type_ok = 0
    for g in gold:
        best, best_ov = None, 0
        for p in pred:
            if p["doc"] != g["doc"]:
                continue
            ov = min(p["end"], g["end"]) - max(p["start"], g["start"])
            if ov > best_ov:
                best, best_ov = p, ov
        if best is None:
            continue
        pairs += 1
        if (best.get("value") or "") == (g.get("value") or ""):
            val_ok += 1
        if (best.get("type") or "") == (g.get("type") or ""):
            type_ok += 1
    vacc = val_ok / pairs if pairs else 0.0
    tacc = type_ok / pairs if pairs else 0.0
    return {"strict_P": sP, "strict_R": sR, "strict_F1": sF,
            "relaxed_P": rP, "relaxed_R": rR, "relaxed_F1": rF,
            "value_accuracy": vacc, "type_accuracy": tacc,
            "value_F1": rF * vacc, "type_F1": rF * tacc,
            "gold": len(gold), "pred": len(pred), "pairs": pairs}


NER_TYPES = ("PER", "ORG", "LOC")


def entity_prf(gold, pred, types=NER_TYPES):
    """Exact-span entity scores: an entity is (doc, start, end, type); a
    predicted entity is a TP if the same tuple is in gold. P/R/F1 for each
    of `types`, and micro P/R/F1 over those types together (MISC and other
    types are left out on both sides). Returns {type: (P, R, F1, tp, fp,
    fn), "micro": (...)}."""
    g = Counter(e for e in gold if e[3] in types)
    p = Counter(e for e in pred if e[3] in types)
    out = {}
    tot = [0, 0, 0]
    for t in types:
        gt = Counter({e: c for e, c in g.items() if e[3] == t})
        pt = Counter({e: c for e, c in p.items() if e[3] == t})
        tp, fp, fn = overlap(gt, pt)
        tot[0] += tp
        tot[1] += fp
        tot[2] += fn
        out[t] = prf(tp, fp, fn)
    out["micro"] = prf(*tot)
    return out


def prf(tp, fp, fn):
    P = tp / (tp + fp) if tp + fp else 0.0
    R = tp / (tp + fn) if tp + fn else 0.0
    return P, R, f1(P, R), tp, fp, fn

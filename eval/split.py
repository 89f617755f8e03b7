#!/usr/bin/env python3
"""Scores newssplit on $NF_SHARED/split.

    python3 eval/split.py [golden] [ud]

golden: every Golden Rules file (pragmatic_segmenter, sentencex, pySBD),
one newssplit run per file with all cases as JSON lines
{"id", "text", "language"}; a case passes when its stripped sentence
strings equal the gold list (scores.golden_pass).

ud: UD en_ewt, de_gsd, ru_gsd test sets, one run per set with one record
per paragraph of .paras.txt; sentence-end F1 inside paragraphs
(scores.boundary_prf), printed x100 like the target.
"""

import csv
import glob
import json
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import common  # noqa: E402
import scores  # noqa: E402

SPLIT = os.path.join(common.NF_SHARED, "split")

PYSBD_LANG = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "bulgarian": "bg",
    "burmese": "my", "chinese": "zh", "danish": "da", "deutsch": "de",
    "dutch": "nl", "english": "en", "english_clean": "en",
    "english_golden_rules": "en", "french": "fr", "greek": "el",
    "hindi": "hi", "italian": "it", "japanese": "ja", "kazakh": "kk",
    "marathi": "mr", "persian": "fa", "polish": "pl", "russian": "ru",
    "slovak": "sk", "spanish": "es", "urdu": "ur",
}


def golden_files():
    """(collection, path, language) of every Golden Rules JSONL file."""
    d = os.path.join(SPLIT, "golden_rules")
    out = []
    for p in sorted(glob.glob(os.path.join(d, "pragmatic_segmenter", "*.jsonl"))):
        lang = os.path.basename(p)[len("golden_rules_"):-len(".jsonl")]
        out.append(("pragmatic_segmenter", p, lang))
    for p in sorted(glob.glob(os.path.join(d, "sentencex", "*.jsonl"))):
        lang = os.path.basename(p)[:-len(".jsonl")]
        out.append(("sentencex", p, "en" if lang == "lists" else lang))
    for p in sorted(glob.glob(os.path.join(d, "pysbd", "*.jsonl"))):
        lang = PYSBD_LANG.get(os.path.basename(p).split("__")[0], "en")
        out.append(("pysbd", p, lang))
    return out


def load_cases(path):
    cases = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                cases.append(json.loads(line))
    return cases


def split_records(recs, lang, name):
    """Run newssplit once on records [{"id", "text"}]; returns (Run, dict
    id -> output record)."""
    return common.run_records(
        "newssplit", [{"id": r["id"], "text": r["text"], "language": lang}
                      for r in recs], "split-" + name)


def golden_file(path, lang, name):
    """Returns (passed, total, Run, failures)."""
    cases = load_cases(path)
    recs = [{"id": "c%d" % i, "text": c["text"]} for i, c in enumerate(cases)]
    r, got = split_records(recs, lang, name)
    passed, fails = 0, []
    for rec, c in zip(recs, cases):
        o = got.get(rec["id"])
        # The gold strings index the input text; score offsets against it
        # even if the program changed the text field (it must not).
        pred = scores.sentences_of({"text": c["text"],
                                    "sentences": (o or {}).get("sentences")})
        if o is not None and scores.golden_pass(c["sentences"], pred):
            passed += 1
        else:
            fails.append({"text": c["text"], "want": c["sentences"],
                          "got": pred if o is not None else None})
    return passed, len(cases), r, fails


def golden(res):
    per_file = []
    totals = {}
    allfails = []
    main_done = False
    for coll, path, lang in golden_files():
        base = os.path.basename(path)[:-len(".jsonl")]
        name = "golden-%s-%s" % (coll, base)
        try:
            passed, total, r, fails = golden_file(path, lang, name)
        except Exception as e:  # noqa: BLE001
            res.fail("split", "%s/%s" % (coll, base), "Golden Rules exact",
                     "eval error: %s" % e, target="")
            continue
        note = r.note
        if "CLEAN" in base and "WO_CLEAN" not in base or "PDF" in base:
            note = "; ".join(x for x in (note, "expects text cleaning") if x)
        per_file.append({"collection": coll, "file": base, "language": lang,
                         "passed": passed, "total": total, "note": note})
        t = totals.setdefault(coll, [0, 0])
        t[0] += passed
        t[1] += total
        for f in fails:
            allfails.append(dict(f, file="%s/%s" % (coll, base)))
        if coll == "pragmatic_segmenter" and lang == "en":
            main_done = True
            res.add("split", "Golden Rules en (pragmatic_segmenter)",
                    "Golden Rules exact", "%d/%d" % (passed, total), note)
        if not r.usable:
            break
    if not main_done:
        res.fail("split", "Golden Rules en (pragmatic_segmenter)",
                 "Golden Rules exact", per_file[-1]["note"] if per_file
                 else "no golden rules files found")
    for coll, (p, t) in totals.items():
        res.add("split", "Golden Rules, all %s files" % coll,
                "cases passed", "%d/%d" % (p, t), target="",
                note="per file below the table")
    res.extra["golden_rules_per_file"] = per_file
    path = common.outpath("split-golden-failures.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for x in allfails:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")
    res.extra.setdefault("analysis_files", []).append(path)


def ud_set(name, lang):
    """Returns (P, R, F1, tp, fp, fn, Run, skipped paragraphs)."""
    d = os.path.join(SPLIT, "ud")
    with open(os.path.join(d, name + ".paras.txt"), encoding="utf-8") as f:
        paras = f.read().split("\n")
    if paras and paras[-1] == "":
        paras.pop()
    groups = []
    with open(os.path.join(d, name + ".gold.tsv"), encoding="utf-8",
              newline="") as f:
        rd = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rd)
        last = None
        for row in rd:
            key = (row[0], row[1])
            if key != last:
                groups.append([])
                last = key
            groups[-1].append(row[3])
    if len(groups) != len(paras):
        raise ValueError("%s: %d paragraphs but %d gold groups" % (
            name, len(paras), len(groups)))
    recs = [{"id": "p%d" % i, "text": p} for i, p in enumerate(paras)]
    r, got = split_records(recs, lang, "ud-" + name)
    pairs, skipped, errs = [], 0, []
    for rec, para, sents in zip(recs, paras, groups):
        gs = scores.gold_spans(para, sents)
        if gs is None:
            skipped += 1
            continue
        o = got.get(rec["id"]) or {}
        ps = []
        for s in o.get("sentences") or ():
            try:
                ps.append((int(s["start"]), int(s["end"])))
            except (KeyError, TypeError, ValueError):
                pass
        g, p = scores.inner_ends(para, gs), scores.inner_ends(para, ps)
        pairs.append((g, p))
        if g != p:
            errs.append({"id": rec["id"], "text": para,
                         "missed": sorted(g - p), "extra": sorted(p - g),
                         "gold": [para[a:b] for a, b in gs],
                         "got": [para[a:b] for a, b in ps]})
    with open(common.outpath("split-ud-%s-errors.jsonl" % name), "w",
              encoding="utf-8") as f:
        for e in errs:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    return scores.boundary_prf(pairs) + (r, skipped)


def ud(res):
    for name, lang in (("en_ewt", "en"), ("de_gsd", "de"), ("ru_gsd", "ru")):
        try:
            P, R, F, tp, fp, fn, r, skipped = ud_set(name, lang)
        except Exception as e:  # noqa: BLE001
            res.fail("split", "UD " + name, "sentence F1", "eval error: %s" % e,
                     target=None if name == "en_ewt" else "")
            continue
        if not r.usable:
            res.fail("split", "UD " + name, "sentence F1", r.note,
                     target=None if name == "en_ewt" else "")
            continue
        res.extra.setdefault("analysis_files", []).append(
            common.outpath("split-ud-%s-errors.jsonl" % name))
        note = "P %.1f R %.1f (tp %d fp %d fn %d)" % (100 * P, 100 * R,
                                                     tp, fp, fn)
        if skipped:
            note += "; %d paragraphs not aligned, skipped" % skipped
        if r.note:
            note = r.note + "; " + note
        res.add("split", "UD " + name, "sentence F1", 100 * F, note,
                target=None if name == "en_ewt" else "", fmt="%.1f")


PARTS = {"golden": golden, "ud": ud}


def per_file_block(res):
    pf = res.extra.get("golden_rules_per_file") or []
    if not pf:
        return ""
    w = max(len(x["collection"]) + len(x["file"]) + 1 for x in pf)
    lines = ["Golden Rules per file (passed/total):"]
    for x in pf:
        lines.append("  %s  %3d/%-3d %s  %s" % (
            ("%s/%s" % (x["collection"], x["file"])).ljust(w), x["passed"],
            x["total"], x["language"], x["note"]))
    return "\n".join(lines)


if __name__ == "__main__":
    st = common.main_for(PARTS, sys.argv, "split", after=per_file_block)
    sys.exit(st)

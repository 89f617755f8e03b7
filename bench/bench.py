#!/usr/bin/env python3
"""bench.py: newsfilters' speed, side by side with peer tools, in one run.

    python3 bench/bench.py [clean] [split] [tag] [merge] [fetch]

Normally started by bench/run.sh (`make bench`), which installs the peers
first. With no section names, runs all five. Each section builds its input
once in a temporary directory, then times newsfilters' program and each
peer on that same input, round-robin (tool A, B, C, then A, B, C again) so
that other load on the machine falls on all of them alike, and keeps the
best wall-clock time of BENCH_RUNS runs (default 3; a tool whose first run
takes more than BENCH_LONG seconds, default 20, runs once).

Prints one table per section:
    tool  fed-as  seconds  rate  nf/tool
where nf/tool is newsfilters' rate divided by the tool's (above 1: newsfilters
is faster), and writes every figure to bench/out/results.json (sections not
run this time are kept from the previous file).

Environment: NF_BIN (the programs, default build/bin), NF_SHARED
(../shared/data), BENCH_CPU (the core one-core sections run on, default 0),
BENCH_RUNS, BENCH_LONG, BENCH_BIG=0 (merge: leave out the
200,000-document corpus, about a minute and 1.4 GB of temporary files), BENCH_TIMEOUT (seconds, default 600, before a
hung tool is killed), BENCH_PAGES=N (clean: only the first N
pages, to try the harness quickly), BENCH_KEEP=1 (keep the temporary directory).
"""
import datetime
import glob
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(BENCH)
NF_BIN = os.environ.get("NF_BIN") or os.path.join(TOP, "build", "bin")
NF_BIN_SRC = NF_BIN             # NF_BIN becomes a snapshot in main()
NF_SHARED = os.environ.get("NF_SHARED") or os.path.join(
    os.path.dirname(TOP), "shared", "data")
OUT = os.path.join(BENCH, "out")
PEERS = os.path.join(BENCH, "peers", "node_modules")
RUNS = max(1, int(os.environ.get("BENCH_RUNS", "3")))
LONG = float(os.environ.get("BENCH_LONG", "20"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "600"))
BIG = os.environ.get("BENCH_BIG", "1") not in ("", "0")
CPU = os.environ.get("BENCH_CPU", "0")
PIN = ["taskset", "-c", CPU]
try:
    subprocess.run(PIN + ["true"], check=True, capture_output=True)
    PIN_NOTE = "one core (taskset -c %s)" % CPU
except (OSError, subprocess.CalledProcessError):
    PIN, PIN_NOTE = [], "not pinned (taskset -c %s unavailable)" % CPU
SECTIONS = ["clean", "split", "tag", "merge", "fetch", "pipe"]
AEB = os.path.join(NF_SHARED, "extract", "scrapinghub-aeb")
UD_EN = os.path.join(NF_SHARED, "split", "ud", "en_ewt.paras.txt")
SYS_PY = "/usr/bin/python3"     # Debian's, where python3-readability lives


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- timing

def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def run_once(cmd, stdin=None, stdout=None, cwd=None):
    """Run cmd once; wall seconds and the user/sys CPU of its whole process
    tree (os.wait4 counts the children it waited for)."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL
    ferr = tempfile.TemporaryFile()
    timer = None
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, stderr=ferr,
                             cwd=cwd, start_new_session=True)
        # A hung tool must not hang the bench: its process group is
        # killed after BENCH_TIMEOUT seconds (and reported as failed).
        timer = threading.Timer(TIMEOUT, _kill_group, (p.pid,))
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
        if wall >= TIMEOUT:
            ferr.write(b"\nbench: killed after %d s\n" % TIMEOUT)
    except OSError as e:
        if timer:
            timer.cancel()
        return {"wall": 0.0, "user": 0.0, "sys": 0.0, "rc": 127,
                "err": str(e)}
    finally:
        for f in (fin, fout):
            if f is not subprocess.DEVNULL:
                f.close()
    ferr.seek(0)
    err = ferr.read().decode("utf-8", "replace")
    ferr.close()
    return {"wall": wall, "user": ru.ru_utime, "sys": ru.ru_stime,
            "rc": p.returncode, "err": err}


def measure(tools, runs=RUNS):
    """Time every available tool, round-robin, runs times; set each tool's
    runs, best, median and note, or missing (why it has no figure). A tool is a dict: name, fed, cmd, work (units of work done),
    optional stdin, stdout, setup (callable run untimed before each run),
    ok_rc (exit codes that count as success), check (callable returning a
    note about the output, or raising ValueError if the output is wrong)."""
    for t in tools:
        t.setdefault("runs", [])
    for r in range(runs):
        for t in tools:
            if t.get("missing"):
                continue
            done = t["runs"]
            if r > 0 and (not done or done[0]["wall"] > LONG or
                          done[-1]["rc"] not in t.get("ok_rc", (0,))):
                continue
            if t.get("setup"):
                t["setup"]()
            log("bench: %-28s run %d" % (t["name"], r + 1))
            done.append(run_once(t["cmd"], t.get("stdin"), t.get("stdout"),
                                 t.get("cwd")))
    for t in tools:
        if t.get("missing"):
            continue
        runs_ = t["runs"]
        last = runs_[-1]
        if last["rc"] not in t.get("ok_rc", (0,)):
            lines = [l for l in last["err"].splitlines() if l.strip()]
            t["missing"] = "failed: exit %d%s" % (
                last["rc"], (": " + lines[-1][:120]) if lines else "")
            continue
        best = min(runs_, key=lambda x: x["wall"])
        t["best"] = best
        t["median"] = statistics.median(x["wall"] for x in runs_)
        notes = []
        if last["rc"] != 0:
            notes.append("exit %d" % last["rc"])
        if t.get("check"):
            try:
                n = t["check"]()
                if n:
                    notes.append(n)
            except (ValueError, OSError) as e:
                t["missing"] = "wrong output: %s" % e
                continue
        t["note"] = "; ".join(notes)


def rate_of(t):
    if t.get("missing") or not t.get("best") or t["best"]["wall"] <= 0:
        return None
    return t["work"] / t["best"]["wall"]


def table(section, title, unit, tools, base, cpu=True, scale=None):
    """Print one section's table; return its rows for results.json.
    base: the newsfilters tool; each row's ratio is base's rate over the
    row's (nf/tool). With scale (a column name), the other way round: the
    row's rate over base's, to show how one program's rate holds up as its
    input grows (1.00: as fast as on base's input)."""
    nf = rate_of(base) if base else None
    print()
    print("== %s" % title)
    hdr = "%-30s %-44s %9s %11s %8s" % ("tool", "fed as", "seconds", unit,
                                         scale or "nf/tool")
    if cpu:
        hdr += " %8s %9s" % ("cpu s", "cpu/nf")
    print(hdr)
    rows = []
    for t in tools:
        row = {"tool": t["name"], "fed": t["fed"], "work": t["work"],
               "unit": unit}
        r = rate_of(t)
        if r is None:
            why = t.get("missing") or "not run"
            print("%-30s %-44s %s" % (t["name"], t["fed"][:44],
                                       "not available (%s)" % why))
            row["available"] = False
            row["why"] = why
            rows.append(row)
            continue
        b = t["best"]
        ratio = ((r / nf) if scale else (nf / r)) if nf else None
        line = "%-30s %-44s %9.3f %11.1f %8s" % (
            t["name"], t["fed"][:44], b["wall"], r,
            ("%.2f" % ratio) if ratio else "-")
        cpus = b["user"] + b["sys"]
        if cpu:
            nfc = (base["best"]["user"] + base["best"]["sys"]) \
                if nf and not scale else None
            line += " %8.2f %9s" % (cpus, ("%.2f" % (cpus / nfc))
                                    if nfc else "-")
        if t.get("note"):
            line += "  [%s]" % t["note"]
        print(line)
        row.update({"available": True, "seconds": round(b["wall"], 4),
                    "median_seconds": round(t["median"], 4),
                    "runs": len(t["runs"]), "rate": round(r, 2),
                    ("rate_over_first" if scale else "nf_over_tool"):
                    round(ratio, 3) if ratio else None,
                    "user": round(b["user"], 3), "sys": round(b["sys"], 3),
                    "rate_by_cpu": round(t["work"] / cpus, 2) if cpus > 0
                    else None,
                    "note": t.get("note", "")})
        rows.append(row)
    sys.stdout.flush()
    return rows


def nf_prog(name):
    p = os.path.join(NF_BIN, name)
    if not os.access(p, os.X_OK):
        return None, "%s not built (%s)" % (name, p)
    return p, None


def node_peer(*pkgs):
    """Why a node peer cannot run, or None."""
    if not shutil.which("node"):
        return "node not installed"
    for p in pkgs:
        if not os.path.exists(os.path.join(PEERS, p, "package.json")):
            return "npm package %s missing; bench/install-peers.sh" % p
    return None


def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


def need_lines(path, want):
    """A check: the output has lines (else it is wrong); notes how many
    when that is not the number of inputs."""
    def check():
        got = count_lines(path)
        if got == 0:
            raise ValueError("nothing written")
        return "" if got == want else "%d lines out for %d in" % (got, want)
    return check


# ------------------------------------------------------------ shared input

SENT_END = re.compile(r'([.!?\u2026]["\u201d\u2019)]*)\s+(?=["\u201c\u2018(]?[A-Z0-9])')


def aeb_sentences():
    """Sentences of the AEB ground-truth article bodies (news text), split
    by a plain regex (end punctuation, space, capital): the bench needs real
    sentences, not the best split."""
    with open(os.path.join(AEB, "ground-truth.json"), encoding="utf-8") as f:
        gt = json.load(f)
    out = []
    for k in sorted(gt):
        for para in (gt[k].get("articleBody") or "").split("\n"):
            for s in SENT_END.sub("\\1\n", para.strip()).split("\n"):
                s = " ".join(s.split())
                if len(s) >= 3:
                    out.append(s)
    return out


def aeb_pages(tmp):
    d = os.path.join(tmp, "aeb")
    if os.path.isdir(d):
        return sorted(glob.glob(os.path.join(d, "*.html")))
    os.makedirs(d)
    for gz in sorted(glob.glob(os.path.join(AEB, "html", "*.html.gz"))):
        with gzip.open(gz, "rb") as f, \
                open(os.path.join(d, os.path.basename(gz)[:-3]), "wb") as o:
            shutil.copyfileobj(f, o)
    return sorted(glob.glob(os.path.join(d, "*.html")))


# ------------------------------------------------------------------ clean

def parse_only_bin(tmp):
    p = os.path.join(os.path.dirname(NF_BIN_SRC), "bench", "parse_only")
    if os.access(p, os.X_OK):
        return p, None
    # Not built by make (bench/bench.mk): build it here.
    p = os.path.join(tmp, "parse_only")
    try:
        fl = subprocess.run(["pkg-config", "--cflags", "--libs", "libxml-2.0"],
                            capture_output=True, text=True, check=True)
        subprocess.run([os.environ.get("CC", "cc"), "-O2", "-o", p,
                        os.path.join(BENCH, "parse_only.c")] +
                       fl.stdout.split(), check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as e:
        return None, "cannot build bench/parse_only.c (%s)" % e
    return p, None


def sec_clean(tmp):
    pages = aeb_pages(tmp)
    if os.environ.get("BENCH_PAGES"):           # a quick try of the harness
        pages = pages[:int(os.environ["BENCH_PAGES"])]
    n = len(pages)
    if n == 0:
        raise RuntimeError("no pages in %s/html" % AEB)
    mb = sum(os.path.getsize(p) for p in pages) / 1e6
    warc = os.path.join(tmp, "aeb.warc")
    subprocess.run([sys.executable, os.path.join(BENCH, "mkwarc.py"), "-u",
                    os.path.join(AEB, "ground-truth.json"), warc] + pages,
                   check=True)
    tools = []

    nc, why = nf_prog("newsclean")
    out = os.path.join(tmp, "clean.jsonl")

    tools.append({"name": "newsclean", "missing": why, "work": n,
                  "fed": "one WARC on stdin, %d response records" % n,
                  "cmd": PIN + [nc or "newsclean"], "stdin": warc,
                  "stdout": out, "ok_rc": (0, 1), "check": need_lines(out, n)})

    out2 = os.path.join(tmp, "clean-files.jsonl")
    tools.append({"name": "newsclean FILE...", "missing": why, "work": n,
                  "fed": "one process, file paths as arguments",
                  "cmd": PIN + [nc or "newsclean"] + pages, "stdout": out2,
                  "ok_rc": (0, 1), "check": need_lines(out2, n)})

    rjs = os.path.join(tmp, "readability-js.jsonl")
    tools.append({"name": "Readability.js 0.6 + linkedom", "work": n,
                  "missing": node_peer("@mozilla/readability", "linkedom"),
                  "fed": "one node process, file paths as arguments",
                  "cmd": PIN + ["node", os.path.join(BENCH,
                                                     "peers_readability.js")]
                  + pages, "stdout": rjs, "ok_rc": (0, 1),
                  "check": need_lines(rjs, n)})

    why = None
    if not os.access(SYS_PY, os.X_OK) or subprocess.run(
            [SYS_PY, "-c", "import readability"],
            capture_output=True).returncode != 0:
        why = "python3-readability not installed (apt-get install python3-readability)"
    tools.append({"name": "readability-lxml", "work": n, "missing": why,
                  "fed": "one python process, file paths as arguments",
                  "cmd": PIN + [SYS_PY, os.path.join(
                      BENCH, "peers_readability_lxml.py")] + pages,
                  "ok_rc": (0, 1)})

    po, why = parse_only_bin(tmp)
    tools.append({"name": "libxml2 parse only (floor)", "work": n,
                  "missing": why, "fed": "bench/parse_only, file paths as args",
                  "cmd": PIN + [po or "parse_only"] + pages})
    measure(tools)
    return {"input": "%d ScrapingHub AEB pages, %.1f MB of HTML" % (n, mb),
            "unit": "pages/s", "pinned": PIN_NOTE,
            "rows": table("clean", "clean: %d ScrapingHub AEB pages (%.1f MB "
                          "HTML), %s, best of %d" % (n, mb, PIN_NOTE, RUNS),
                          "pages/s", tools, tools[0])}


# ------------------------------------------------------------------ split

def make_text(tmp, size):
    """UD en_ewt paragraphs (one a line) repeated, cut at a line end near
    size bytes."""
    path = os.path.join(tmp, "text-%dMB.txt" % (size // 1000000))
    if os.path.exists(path):
        return path
    with open(UD_EN, "rb") as f:
        base = f.read()
    if not base.endswith(b"\n"):
        base += b"\n"
    with open(path, "wb") as o:
        left = size
        while left >= len(base):
            o.write(base)
            left -= len(base)
        cut = base.rfind(b"\n", 0, left)
        if cut >= 0:
            o.write(base[:cut + 1])
    return path


def sec_split(tmp):
    size = 20 * 10**6
    text = make_text(tmp, size)
    mb = os.path.getsize(text) / 1e6
    ns, why = nf_prog("newssplit")
    tools = []

    def lines_note(path):
        def f():
            got = count_lines(path)
            if got == 0:
                raise ValueError("no sentences written")
            return "%d sentences" % got
        return f
    outs = {k: os.path.join(tmp, "split-%s.txt" % k)
            for k in ("nf", "sx", "icu")}
    tools.append({"name": "newssplit -t", "missing": why, "work": mb,
                  "fed": "text on stdin, one paragraph a line",
                  "cmd": PIN + [ns or "newssplit", "-t"], "stdin": text,
                  "stdout": outs["nf"], "ok_rc": (0, 1),
                  "check": lines_note(outs["nf"])})
    tools.append({"name": "sentencex 1.0 (node)", "work": mb,
                  "missing": node_peer("sentencex"),
                  "fed": "node reads the file, segment('en', line)",
                  "cmd": PIN + ["node", os.path.join(BENCH, "peers_split.js"),
                                "sentencex", text], "stdout": outs["sx"],
                  "check": lines_note(outs["sx"])})
    tools.append({"name": "ICU Intl.Segmenter (node)", "work": mb,
                  "missing": None if shutil.which("node") else "node not installed",
                  "fed": "node reads the file, segment(line)",
                  "cmd": PIN + ["node", os.path.join(BENCH, "peers_split.js"),
                                "icu", text], "stdout": outs["icu"],
                  "check": lines_note(outs["icu"])})
    measure(tools)
    rows = table("split", "split: UD en_ewt paragraphs repeated to %.0f MB, "
                 "%s, best of %d (MB = 10^6 bytes)" % (mb, PIN_NOTE, RUNS),
                 "MB/s", tools, tools[0])
    # Linear growth: newssplit alone on 1, 10, 20 (above) and 100 MB.
    growth = []
    if not tools[0].get("missing"):
        for sz in (1, 10, 100):
            p = make_text(tmp, sz * 10**6)
            growth.append({"name": "newssplit -t, %d MB" % sz,
                           "work": os.path.getsize(p) / 1e6,
                           "fed": "text on stdin, one paragraph a line",
                           "cmd": PIN + [ns, "-t"], "stdin": p,
                           "stdout": outs["nf"] + str(sz), "ok_rc": (0, 1),
                           "check": lines_note(outs["nf"] + str(sz))})
        measure(growth)
        growth.insert(2, dict(tools[0], name="newssplit -t, 20 MB"))
        rows += table("split", "split: newssplit -t as the input grows "
                      "(x20MB: this rate over the 20 MB rate; linear time "
                      "keeps it near 1.00)", "MB/s", growth, tools[0],
                      scale="x20MB")
        for sz in (1, 10, 100):
            os.unlink(make_text(tmp, sz * 10**6))
            if os.path.exists(outs["nf"] + str(sz)):
                os.unlink(outs["nf"] + str(sz))
    for k in outs.values():
        if os.path.exists(k):
            os.unlink(k)
    return {"input": "UD en_ewt paragraphs (%s) repeated to %.1f MB" %
            (os.path.basename(UD_EN), mb), "unit": "MB/s",
            "pinned": PIN_NOTE, "rows": rows}


# -------------------------------------------------------------------- tag

def sec_tag(tmp):
    sents = aeb_sentences() * 2
    path = os.path.join(tmp, "sentences.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(sents) + "\n")
    docs = os.path.join(tmp, "sentences.jsonl")
    with open(docs, "w", encoding="utf-8") as f:
        for i, s in enumerate(sents):
            f.write(json.dumps({"id": "s%d" % i, "date": "2025-11-22",
                                "text": s}, ensure_ascii=False) + "\n")
    n = len(sents)
    nt, why = nf_prog("newstag")

    o = {k: os.path.join(tmp, "tag-%s.out" % k)
         for k in ("t", "j", "c", "ch")}
    tools = [
        {"name": "newstag -t", "missing": why, "work": n,
         "fed": "stdin, one sentence a line, -d 2025-11-22",
         "stdin": path,
         "stdout": o["t"],
         "cmd": PIN + [nt or "newstag", "-t", "-d", "2025-11-22"],
         "ok_rc": (0, 1), "check": need_lines(o["t"], n)},
        {"name": "newstag (JSON Lines)", "missing": why, "work": n,
         "fed": "stdin, one {id,date,text} a sentence", "stdin": docs,
         "stdout": o["j"], "cmd": PIN + [nt or "newstag"], "ok_rc": (0, 1),
         "check": need_lines(o["j"], n)},
        {"name": "compromise 14 (PER/LOC/ORG)", "work": n,
         "missing": node_peer("compromise"),
         "fed": "node reads the file, nlp(line) per line",
         "stdout": o["c"], "cmd": PIN + ["node", os.path.join(
             BENCH, "peers_tag.js"), "compromise", path],
         "check": need_lines(o["c"], n)},
        {"name": "chrono-node 2 (dates)", "work": n,
         "missing": node_peer("chrono-node"),
         "fed": "node reads the file, parse(line, ref)",
         "stdout": o["ch"], "cmd": PIN + ["node", os.path.join(
             BENCH, "peers_tag.js"), "chrono", path, "2025-11-22"],
         "check": need_lines(o["ch"], n)},
    ]
    measure(tools)
    return {"input": "%d sentences of the AEB ground-truth articles "
            "(the 181 articles' sentences twice)" % n,
            "unit": "sentences/s", "pinned": PIN_NOTE,
            "rows": table("tag", "tag: %d news sentences (AEB ground truth, "
                          "twice), %s, best of %d" % (n, PIN_NOTE, RUNS),
                          "sent/s", tools, tools[0])}


# ------------------------------------------------------------------ merge

class DocGen:
    """Synthetic news documents made of real sentences: each document takes
    8-14 sentences of the AEB ground truth at random and changes words in
    most of them, so that documents are distinct (as distinct articles on
    one topic are) while the text stays real."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.pool = aeb_sentences()
        words = set()
        for s in self.pool:
            words.update(w for w in s.split() if w.isalpha() and len(w) > 3)
        self.words = sorted(words)
        self.made = []          # (url, title, sentences) kept for near-dups

    def mutate(self, s):
        r = self.rng
        w = s.split()
        for _ in range(r.randint(1, 3)):
            i = r.randrange(len(w))
            op = r.random()
            if op < 0.5:
                w[i] = r.choice(self.words)
            elif op < 0.8:
                w.insert(i, str(r.randint(2, 9999)))
            elif len(w) > 4:
                del w[i]
        return " ".join(w)

    def doc(self, num, sents, url, title):
        text = "\n".join(sents)
        spans, pos = [], 0
        for s in sents:
            spans.append({"text": s, "start": pos, "end": pos + len(s)})
            pos += len(s) + 1
        host = url.split("/")[2]
        return {"id": hashlib.sha1(url.encode()).hexdigest()[:16],
                "url": url,
                "source_domain": host, "title": title,
                "date": "2025-11-%02d" % (1 + num % 28),
                "fetched": "2025-11-22T10:00:00Z", "language": "en",
                "text": text, "sentences": spans}

    def new(self, num):
        r = self.rng
        sents = [self.mutate(s) if r.random() < 0.8 else s
                 for s in r.sample(self.pool, r.randint(8, 14))]
        url = "https://site%d.example/news/%d.html" % (num % 97, num)
        title = self.mutate(sents[0])[:90]
        self.made.append((num, sents, title))
        return self.doc(num, sents, url, title)

    def near_dup(self, num):
        """A repost of an earlier document: another site, another
        headline, a word changed and maybe the last sentence cut."""
        r = self.rng
        _, sents, title = r.choice(self.made)
        sents = list(sents)
        i = r.randrange(len(sents))
        sents[i] = self.mutate(sents[i])
        if r.random() < 0.5 and len(sents) > 8:
            sents.pop()
        url = "https://repost%d.example/a/%d" % (num % 13, num)
        return self.doc(num, sents, url, "Repost: " + title)

    def write(self, path, first, count, dup_rate=0.0):
        with open(path, "w", encoding="utf-8") as f:
            for num in range(first, first + count):
                if dup_rate and self.rng.random() < dup_rate:
                    d = self.near_dup(num)
                else:
                    d = self.new(num)
                f.write(json.dumps(d, ensure_ascii=False) + "\n")


def index_note(corpus):
    """Index bytes per kept document (all of newsmerge's keys: text, id,
    MinHash bands, sentences), and the documents' own bytes per document
    for scale."""
    docs = sum(count_lines(p) for p in glob.glob(
        os.path.join(corpus, "documents*.jsonl")))
    if not docs:
        return "no documents"
    ib = os.path.getsize(os.path.join(corpus, "index"))
    db = sum(os.path.getsize(p) for p in glob.glob(
        os.path.join(corpus, "documents*.jsonl")))
    return "index %d B/doc, documents %d B/doc" % (ib / docs, db / docs)


def cpu_rate(run, work):
    """The rate by CPU time (user + sys) of one run: wall time moves with
    the machine's other load and the syncs, CPU time much less."""
    c = run["user"] + run["sys"]
    return "%.0f docs/s by CPU" % (work / c) if c > 0 else "no CPU time"


def sec_merge(tmp):
    nm, why = nf_prog("newsmerge")
    sizes = [1000, 10000] + ([200000] if BIG else [])
    batch, nbatch, dup = 1000, 3, 0.05
    bulk, incr = [], []
    if why:
        bulk.append({"name": "newsmerge", "fed": "-", "work": 0,
                     "missing": why})
    for size in ([] if why else sizes):
        gen = DocGen(size)
        base = os.path.join(tmp, "base.jsonl")
        log("bench: merge: generating %d documents" % size)
        gen.write(base, 0, size)
        corpus = os.path.join(tmp, "corpus-%d" % size)
        out = os.path.join(tmp, "merge.out")
        t = {"name": "newsmerge, empty -> %d" % size, "work": size,
             "fed": "%d docs on stdin, new corpus" % size,
             "cmd": PIN + [nm, corpus], "stdin": base, "stdout": out,
             "ok_rc": (0, 1),
             "setup": lambda c=corpus: shutil.rmtree(c, ignore_errors=True)}
        t["check"] = lambda n=size, c=corpus: "kept %d of %d; %s" % (
            count_lines(out), n, index_note(c))
        measure([t], runs=1)
        bulk.append(t)
        if t.get("missing"):
            continue
        t["note"] = cpu_rate(t["best"], size) + "; " + t.get("note", "")
        # Then batches of 1,000 (5% reposts of corpus documents), one
        # after the other, as an hourly cron run would bring them.
        bt = {"name": "newsmerge, +%d into %d" % (batch, size),
              "work": batch, "runs": [], "ok_rc": (0, 1),
              "fed": "%d x %d docs on stdin, %d%% reposts" %
              (nbatch, batch, round(dup * 100))}
        kept = []
        for b in range(nbatch):
            bp = os.path.join(tmp, "batch.jsonl")
            gen.write(bp, size + b * batch, batch, dup)
            log("bench: merge: batch %d into %d" % (b + 1, size))
            bt["runs"].append(run_once(PIN + [nm, corpus], bp, out))
            kept.append(count_lines(out))
            if bt["runs"][-1]["rc"] not in (0, 1):
                break
        last = bt["runs"][-1]
        if last["rc"] not in (0, 1):
            lines = [l for l in last["err"].splitlines() if l.strip()]
            bt["missing"] = "failed: exit %d%s" % (
                last["rc"], (": " + lines[-1][:120]) if lines else "")
        else:
            bt["best"] = min(bt["runs"], key=lambda x: x["wall"])
            bt["median"] = statistics.median(x["wall"] for x in bt["runs"])
            bt["note"] = "%s; kept %s of %d each; %s" % (
                cpu_rate(bt["best"], batch), "/".join(map(str, kept)), batch,
                index_note(corpus))
        incr.append(bt)
        shutil.rmtree(corpus, ignore_errors=True)
        for p in (base, out, os.path.join(tmp, "batch.jsonl")):
            if os.path.exists(p):
                os.unlink(p)
    rows = table("merge", "merge: synthetic documents (AEB sentences, "
                 "shuffled and changed), a corpus built in one run (x1k: "
                 "this rate over the 1,000-document one)", "docs/s", bulk,
                 bulk[0] if bulk else None, scale="x1k")
    if incr:
        rows += table("merge", "merge: batches of %d into a corpus of N, best "
                      "of %d successive batches (x1k: this rate over the "
                      "rate into 1,000; flat growth keeps it near 1.00)%s" %
                      (batch, nbatch, "" if BIG else
                       "; BENCH_BIG=0 left out N=200000"), "docs/s", incr,
                      incr[0], scale="x1k")
    return {"input": "synthetic documents, 8-14 changed AEB sentences each",
            "unit": "docs/s", "rows": rows}


# ------------------------------------------------------------------ fetch

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def nginx_start(tmp, root):
    ngx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(ngx, os.X_OK):
        return None, None, "nginx not installed"
    d = os.path.join(tmp, "nginx")
    os.makedirs(os.path.join(d, "tmp"), exist_ok=True)
    port = free_port()
    mime = "include /etc/nginx/mime.types;" if os.path.exists(
        "/etc/nginx/mime.types") else ""
    conf = """daemon off;
worker_processes 1;
pid {d}/nginx.pid;
error_log {d}/error.log warn;
events {{ worker_connections 512; }}
http {{
	{mime}
	default_type text/html;
	client_body_temp_path {d}/tmp;
	proxy_temp_path {d}/tmp;
	fastcgi_temp_path {d}/tmp;
	uwsgi_temp_path {d}/tmp;
	scgi_temp_path {d}/tmp;
	access_log off;
	sendfile on;
	keepalive_requests 100000;
	server {{
		listen 127.0.0.1:{port};
		root {root};
	}}
}}
""".format(d=d, mime=mime, port=port, root=root)
    with open(os.path.join(d, "nginx.conf"), "w") as f:
        f.write(conf)
    err = open(os.path.join(d, "start.err"), "wb")
    p = subprocess.Popen([ngx, "-c", os.path.join(d, "nginx.conf"), "-p", d],
                         stdout=subprocess.DEVNULL, stderr=err)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return p, port, None
        except OSError:
            if p.poll() is not None:
                break
            time.sleep(0.05)
    p.kill()
    p.wait()
    with open(os.path.join(d, "start.err"), errors="replace") as f:
        return None, None, "nginx did not start: " + f.read()[-200:]


def sec_fetch(tmp):
    npages, conc = 2000, 16
    pages = aeb_pages(tmp)
    root = os.path.join(tmp, "www")
    os.makedirs(root, exist_ok=True)
    size = 0
    for i in range(npages):
        src = pages[i % len(pages)]
        dst = os.path.join(root, "p%04d.html" % i)
        if not os.path.exists(dst):
            try:
                os.link(src, dst)
            except OSError:
                shutil.copyfile(src, dst)
        size += os.path.getsize(src)
    mb = size / 1e6
    ngx, port, why = nginx_start(tmp, root)
    tools = []
    try:
        if why:
            print("\n== fetch: not available (%s)" % why)
            return {"input": "-", "unit": "pages/s", "rows": [],
                    "why": why}
        urls = ["http://127.0.0.1:%d/p%04d.html" % (port, i)
                for i in range(npages)]
        ulist = os.path.join(tmp, "urls.txt")
        with open(ulist, "w") as f:
            f.write("\n".join(urls) + "\n")
        dl = os.path.join(tmp, "dl")

        def clear():
            shutil.rmtree(dl, ignore_errors=True)
            os.makedirs(dl)

        def count_files():
            got = len(os.listdir(dl))
            if got < npages:
                raise ValueError("%d of %d pages saved" % (got, npages))
            return ""

        nf, why = nf_prog("newsfetch")
        warc = os.path.join(tmp, "fetch.warc")

        def check_warc():
            got = 0
            with open(warc, "rb") as f:
                for line in f:
                    if line.startswith(b"WARC-Type: response"):
                        got += 1
            if got < npages:
                raise ValueError("%d of %d responses in the WARC" %
                                 (got, npages))
            return ""
        tools.append({"name": "newsfetch", "missing": why, "work": npages,
                      "fed": "-j%d --per-host %d --delay 0 list >WARC"
                      % (conc, conc),
                      "cmd": [nf or "newsfetch", "-j", str(conc),
                              "--per-host", str(conc), "--delay", "0",
                              ulist], "stdout": warc, "ok_rc": (0, 1),
                      "check": check_warc})
        cfg = os.path.join(tmp, "curl.cfg")
        with open(cfg, "w") as f:
            for i, u in enumerate(urls):
                f.write('url = "%s"\noutput = "%s/p%04d.html"\n' %
                        (u, dl, i))
        tools.append({"name": "curl --parallel", "work": npages,
                      "missing": None if shutil.which("curl") else
                      "curl not installed",
                      "fed": "--parallel-max %d, -K list, a file each" % conc,
                      "cmd": ["curl", "-s", "--parallel", "--parallel-max",
                              str(conc), "--parallel-immediate", "-K", cfg],
                      "setup": clear, "check": count_files})
        have_wget = None if shutil.which("wget") else "wget not installed"
        tools.append({"name": "wget (plain, sequential)", "work": npages,
                      "missing": have_wget,
                      "fed": "wget -i urls.txt, one process, keep-alive",
                      "cmd": ["wget", "-q", "-P", dl, "-i", ulist],
                      "setup": clear, "check": count_files})
        # What newsfetch does that curl does not: a SHA-1 of every body
        # (WARC-Payload-Digest) and of every response block
        # (WARC-Block-Digest). This row is that work alone, for a floor.
        ossl = shutil.which("openssl")
        files = [os.path.join(root, "p%04d.html" % i) for i in range(npages)]
        tools.append({"name": "openssl sha1, twice", "work": npages,
                      "missing": None if ossl else "openssl not installed",
                      "fed": "dgst -sha1 of the %d pages, 2 passes: the "
                      "digests alone" % npages,
                      "cmd": ["sh", "-c", 'openssl dgst -sha1 "$@" >/dev/null && '
                              'openssl dgst -sha1 "$@" >/dev/null', "sh"] + files})
        per = npages // conc
        tools.append({"name": "wget via xargs -P %d" % conc, "work": npages,
                      "missing": have_wget,
                      "fed": "xargs -P %d -n %d wget: %d processes" %
                      (conc, per, conc), "stdin": ulist,
                      "cmd": ["xargs", "-P", str(conc), "-n", str(per),
                              "wget", "-q", "-P", dl],
                      "setup": clear, "check": count_files})
        measure(tools)
        state = fetch_state(tmp, nf) if nf else None
    finally:
        if ngx:
            ngx.terminate()
            try:
                ngx.wait(5)
            except subprocess.TimeoutExpired:
                ngx.kill()
                ngx.wait()
    rows = table("fetch", "fetch: %d pages (%.0f MB) from nginx on "
                 "127.0.0.1 (1 worker), concurrency %d, best of %d; "
                 "cpu s = user+sys of the client's process tree" %
                 (npages, mb, conc, RUNS), "pages/s", tools, tools[0])
    if state:
        print("\n== fetch state: %(urls)d URLs (%(mb).1f MB file), newsfetch -s "
              "STATE </dev/null (load, then write back with fsync), best of "
              "%(runs)d\n   %(wall).3f s wall, %(cpu).3f CPU s, max RSS %(rss).1f MB; "
              "without -s: %(wall0).3f s, %(cpu0).3f CPU s, %(rss0).1f MB "
              "(so the state costs %(drss).1f MB)" % state)
    return {"input": "%d pages (%.0f MB, the AEB pages repeated) from a local "
            "nginx (1 worker, not counted in CPU)" % (npages, mb),
            "unit": "pages/s", "rows": rows, "state": state}


def fetch_state(tmp, nf, urls=100000):
    """Load time and memory of newsfetch with a state of 100,000 URLs:
    the best of RUNS runs of `newsfetch -s STATE </dev/null` (nothing to
    fetch: the state is read, then written back), beside the same run
    without -s."""
    st = os.path.join(tmp, "big.state")
    now = int(time.time())

    def write():
        with open(st, "w") as f:
            f.write("# newsfetch state 1\n")
            for i in range(urls):
                f.write("u\thttps://news%d.example.com/%d/%02d/story-%d.html\t%d\n"
                        % (i % 97, 2025, i % 12 + 1, i, now - i))

    # ru_maxrss survives execve, so a child forked from this Python
    # would report Python's size: GNU time's small fork measures instead.
    gtime = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

    def run(args):
        best = None
        for _ in range(RUNS):
            t0 = time.perf_counter()
            rss = tempfile.NamedTemporaryFile("r", dir=tmp, delete=False)
            pre = [gtime, "-o", rss.name, "-f", "%M"] if gtime else []
            p = subprocess.Popen(pre + [nf] + args, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            try:
                m = float(rss.read().split()[-1]) / 1024.0
            except (ValueError, IndexError):
                m = ru.ru_maxrss / 1024.0
            rss.close()
            os.unlink(rss.name)
            r = (wall, ru.ru_utime + ru.ru_stime, m)
            if best is None or r[0] < best[0]:
                best = r
        return best
    write()
    size = os.path.getsize(st) / 1e6
    log("bench: newsfetch with a %d-URL state" % urls)
    w, c, m = run(["-s", st])
    w0, c0, m0 = run([])
    with open(st) as f:
        kept = sum(1 for line in f if line.startswith("u\t"))
    if kept != urls:
        log("bench: the state lost entries: %d of %d" % (kept, urls))
    return {"urls": urls, "mb": size, "runs": RUNS, "wall": w, "cpu": c,
            "rss": m, "wall0": w0, "cpu0": c0, "rss0": m0, "drss": m - m0,
            "kept": kept}


# --------------------------------------------------------------- pipeline

def sec_pipe(tmp):
    """The whole pipe on both cores, beside each stage alone: how many
    documents an hour one machine turns into a corpus, and which stage
    bounds it."""
    copies = 3
    pages = aeb_pages(tmp)
    warc = os.path.join(tmp, "pipe.warc")
    subprocess.run([sys.executable, os.path.join(BENCH, "mkwarc.py"), "-c",
                    str(copies), "-u", os.path.join(AEB, "ground-truth.json"),
                    warc] + pages, check=True)
    n = len(pages) * copies
    progs = {}
    for p in ("newsclean", "newssplit", "newstag", "newsmerge"):
        progs[p], why = nf_prog(p)
        if why:
            print("\n== pipe: not available (%s)" % why)
            return {"input": "-", "unit": "docs/s", "rows": [], "why": why}
    q = {k: "'%s'" % v for k, v in progs.items()}
    corpus = os.path.join(tmp, "pipe-corpus")
    out = os.path.join(tmp, "pipe.out")

    def kept():
        got = count_lines(out)
        if got == 0:
            raise ValueError("no documents kept")
        return "kept %d of %d" % (got, n)

    def fresh():
        shutil.rmtree(corpus, ignore_errors=True)
    stage_in = {}
    # Each stage's input, made once by the stage before it (untimed).
    cur = warc
    for p, nxt in (("newsclean", "c"), ("newssplit", "s"),
                   ("newstag", "t")):
        o = os.path.join(tmp, "pipe-%s.jsonl" % nxt)
        stage_in[p] = cur
        r = run_once([progs[p]], cur, o)
        if r["rc"] not in (0, 1):
            raise RuntimeError("%s failed making the next stage's input: %s"
                               % (p, r["err"][-200:]))
        cur = o
    stage_in["newsmerge"] = cur
    tools = [
        {"name": "clean|split|tag|merge", "work": n,
         "fed": "one pipe, the WARC on stdin", "setup": fresh,
         "cmd": ["sh", "-c", "%s | %s | %s | %s '%s'" % (
             q["newsclean"], q["newssplit"], q["newstag"], q["newsmerge"],
             corpus)], "stdin": warc, "stdout": out,
         "ok_rc": (0, 1), "check": kept},
    ]
    if shutil.which("parallel"):
        tools.append({
            "name": "... split, tag via parallel -j2", "work": n,
            "fed": "parallel --pipe -k -j2 --block 1M split, tag",
            "setup": fresh, "stdin": warc, "stdout": out, "ok_rc": (0, 1),
            "check": kept,
            "cmd": ["sh", "-c", "%s | parallel --pipe -k -j2 --block 1M %s | "
                    "parallel --pipe -k -j2 --block 1M %s | %s '%s'" % (
                        q["newsclean"], q["newssplit"], q["newstag"],
                        q["newsmerge"], corpus)]})
        # The form that spreads the stages over hosts (-S host1,host2);
        # ':' is this machine, so the row shows what -S itself costs
        # (ssh-less here; over a network, add the transfer).
        tools.append({
            "name": "... split, tag via parallel -S 2/:", "work": n,
            "fed": "parallel --pipe -k -S 2/: --block 1M split, tag",
            "setup": fresh, "stdin": warc, "stdout": out, "ok_rc": (0, 1),
            "check": kept,
            "cmd": ["sh", "-c", "%s | parallel --pipe -k -S 2/: --block 1M "
                    "%s | parallel --pipe -k -S 2/: --block 1M %s | %s '%s'"
                    % (q["newsclean"], q["newssplit"], q["newstag"],
                       q["newsmerge"], corpus)]})
    else:
        tools.append({"name": "... split, tag via parallel -j2", "work": n,
                      "fed": "-", "missing": "GNU parallel not installed"})
    for p in ("newsclean", "newssplit", "newstag", "newsmerge"):
        tools.append({"name": "%s alone" % p, "work": n,
                      "fed": "the previous stage's output, one core",
                      "stdin": stage_in[p], "ok_rc": (0, 1),
                      "setup": fresh if p == "newsmerge" else None,
                      "cmd": PIN + [progs[p]] + ([corpus] if p == "newsmerge"
                                                  else [])})
    measure(tools)
    return {"input": "the 181 AEB pages %d times over (copies on mirror "
            "hosts: reposts for newsmerge), one WARC" % copies,
            "unit": "docs/s",
            "rows": table("pipe", "pipe: %d documents (the AEB pages %d "
                          "times, copies on mirror hosts), both cores, best "
                          "of %d (x pipe: this rate over the pipe's)" %
                          (n, copies, RUNS), "docs/s", tools, tools[0],
                          scale="x pipe")}


# ------------------------------------------------------------------- main

def machine():
    try:
        up = subprocess.run(["uptime"], capture_output=True,
                            text=True).stdout.strip()
    except OSError:
        up = ""
    return {"date": datetime.datetime.now(datetime.timezone.utc)
            .strftime("%Y-%m-%dT%H:%M:%SZ"), "cpus": os.cpu_count(),
            "loadavg": [round(x, 2) for x in os.getloadavg()],
            "uptime": up}


def versions():
    """What was measured: each peer's version, as its package says."""
    v = {}
    for p in ("@mozilla/readability", "linkedom", "sentencex", "compromise",
              "chrono-node"):
        try:
            with open(os.path.join(PEERS, p, "package.json")) as f:
                v[p] = json.load(f).get("version")
        except (OSError, ValueError):
            v[p] = None

    def first_line(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=20)
            out = (r.stdout or r.stderr).strip().splitlines()
            return out[0] if out else None
        except (OSError, subprocess.SubprocessError):
            return None
    v["node"] = first_line(["node", "--version"])
    v["python3-readability"] = first_line(
        ["dpkg-query", "-W", "-f", "${Version}", "python3-readability"])
    v["libxml2"] = first_line(["pkg-config", "--modversion", "libxml-2.0"])
    v["curl"] = first_line(["curl", "--version"])
    v["wget"] = first_line(["wget", "--version"])
    v["nginx"] = first_line([shutil.which("nginx") or "/usr/sbin/nginx",
                             "-v"])
    v["newsfilters"] = first_line([os.path.join(NF_BIN, "newsclean"),
                                   "--version"])
    return v


def snapshot_bins(tmp):
    """Copy the programs into tmp/bin (with tmp/data pointing at their
    data), so that a rebuild during the run cannot change or remove the
    binaries being timed."""
    global NF_BIN
    src = NF_BIN
    dst = os.path.join(tmp, "bin")
    os.makedirs(dst)
    for p in glob.glob(os.path.join(src, "news*")):
        try:
            shutil.copy2(p, dst)
        except OSError as e:
            log("bench: cannot copy %s: %s" % (p, e))
    data = os.path.realpath(os.path.join(src, "..", "data"))
    if os.path.isdir(data):
        os.symlink(data, os.path.join(tmp, "data"))
    NF_BIN = dst


def main(argv):
    want = argv or SECTIONS
    bad = [s for s in want if s not in SECTIONS]
    if bad:
        log("usage: bench/run.sh [%s]..." % "|".join(SECTIONS))
        return 2
    os.makedirs(OUT, exist_ok=True)
    res_path = os.path.join(OUT, "results.json")
    try:
        with open(res_path) as f:
            results = json.load(f)
    except (OSError, ValueError):
        results = {}
    results.setdefault("sections", {})
    results["versions"] = versions()
    start = machine()
    print("newsfilters bench: %s; %d cpus; load before: %s" % (
        start["date"], start["cpus"], " ".join(map(str, start["loadavg"]))))
    print("NF_BIN=%s (copied to a temp dir at start) NF_SHARED=%s" %
          (NF_BIN_SRC, NF_SHARED))
    print("seconds: best wall-clock of %d runs (fork to exit); nf/tool: "
          "newsfilters' rate over the tool's;\ncpu s: user+sys CPU of that "
          "run's process tree; cpu/nf: the tool's CPU over newsfilters'" %
          RUNS)
    tmp = tempfile.mkdtemp(prefix="nfbench.")
    os.chmod(tmp, 0o755)        # nginx's workers run as nobody when root
    status = 0
    try:
        snapshot_bins(tmp)
        for s in want:
            t0 = time.time()
            before = os.getloadavg()
            try:
                r = globals()["sec_" + s](tmp)
            except (OSError, RuntimeError, subprocess.CalledProcessError,
                    ValueError) as e:
                print("\n== %s: failed to run: %s" % (s, e))
                r = {"error": str(e)}
                status = 1
            r["machine"] = machine()
            r["machine"]["load_before"] = [round(x, 2) for x in before]
            r["elapsed"] = round(time.time() - t0, 1)
            results["sections"][s] = r
            with open(res_path + ".tmp", "w") as f:
                json.dump(results, f, indent=1)
            os.replace(res_path + ".tmp", res_path)
    finally:
        if os.environ.get("BENCH_KEEP"):
            log("bench: kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    end = machine()
    print("\nload after: %s (%s)" % (" ".join(map(str, end["loadavg"])),
                                      end["uptime"]))
    print("results: %s" % os.path.relpath(res_path, TOP))
    return status


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(1))
    sys.exit(main(sys.argv[1:]))

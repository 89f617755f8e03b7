#!/usr/bin/env python3
"""Kill newsmerge with SIGKILL at random instants, each kill followed by a
run that must succeed and a check of the corpus (tests/merge-crash.t).

  killtest.py NEWSMERGE INPUT.jsonl DIR ROUNDS SEED

INPUT is cut in ROUNDS chunks. First a reference corpus DIR/ref is built
chunk by chunk with no kill: what each chunk should leave. Then, for each
chunk into DIR/corpus: a run is started and killed after a random delay
(0 to what the chunk's reference run took, times a factor that
adapts so that most kills land mid-run), then the same chunk
is merged again (it must exit 0), and the corpus is checked:
  - every line of the documents files is whole, valid JSON;
  - no document is kept twice (by id and version);
  - the documents kept are exactly the reference's after that chunk,
    same ids, same texts, same sentence marks (nothing lost, nothing
    extra: the near-duplicate and sentence decisions came out the same);
  - every document a killed run wrote to stdout (each whole line: the
    kill can cut the last one) is in the corpus.
Prints one line per round ("round N killed|finished ok|BAD why") and a
last line "kills K rounds R bad B".
"""
import glob
import json
import os
import random
import subprocess
import sys
import time


def docs_of(d):
    """(id, version) -> line, over the documents files in order."""
    files = sorted(glob.glob(os.path.join(d, "documents*.jsonl")))
    out, bad = {}, []
    twice = 0
    for f in files:
        raw = open(f, "rb").read()
        if raw and not raw.endswith(b"\n"):
            bad.append("%s: last line not ended" % os.path.basename(f))
        for l in raw.split(b"\n"):
            if not l:
                continue
            try:
                o = json.loads(l)
            except ValueError:
                bad.append("torn or invalid line in %s" % f)
                continue
            k = (o["id"], o.get("version", 1))
            if k in out:
                twice += 1
            out[k] = o
    return out, bad, twice


def main():
    nm, inp, top, rounds, seed = (sys.argv[1], sys.argv[2], sys.argv[3],
                                  int(sys.argv[4]), int(sys.argv[5]))
    rnd = random.Random(seed)
    lines = open(inp, "rb").read().splitlines(keepends=True)
    size = (len(lines) + rounds - 1) // rounds
    chunks = []
    for i in range(rounds):
        p = os.path.join(top, "chunk%d" % i)
        with open(p, "wb") as f:
            f.writelines(lines[i * size:(i + 1) * size])
        chunks.append(p)
    ref = os.path.join(top, "ref")
    cor = os.path.join(top, "corpus")
    dev = open(os.devnull, "wb")
    took, expect = [], []
    for p in chunks:
        t0 = time.monotonic()
        r = subprocess.run([nm, ref], stdin=open(p, "rb"),
                           stdout=dev, stderr=dev)
        took.append(time.monotonic() - t0)
        if r.returncode != 0:
            print("reference run failed: exit %d" % r.returncode)
            sys.exit(1)
        expect.append({k: (v["text"], json.dumps(v.get("sentences")))
                       for k, v in docs_of(ref)[0].items()})
    kills = bad = 0
    scale = 0.8
    errlog = open(os.path.join(top, "stderr"), "ab")
    for i, p in enumerate(chunks):
        acked = os.path.join(top, "acked")
        proc = subprocess.Popen([nm, cor], stdin=open(p, "rb"),
                                stdout=open(acked, "wb"), stderr=errlog)
        time.sleep(rnd.uniform(0, took[i] * scale))
        proc.kill()
        rc = proc.wait()
        killed = rc == -9
        kills += killed
        # Adapt to the machine's load: a run that finished first shortens
        # the delays, a killed one lengthens them again (up to the whole
        # run).
        scale = min(1.0, scale * 1.03) if killed else scale * 0.7
        r = subprocess.run([nm, cor], stdin=open(p, "rb"), stdout=dev,
                           stderr=errlog)
        why = []
        if r.returncode != 0:
            why.append("the run after the kill exited %d" % r.returncode)
        have, badl, twice = docs_of(cor)
        why += badl
        if twice:
            why.append("%d documents kept twice" % twice)
        got = {k: (v["text"], json.dumps(v.get("sentences")))
               for k, v in have.items()}
        if got != expect[i]:
            lost = [k for k in expect[i] if k not in got]
            extra = [k for k in got if k not in expect[i]]
            diff = [k for k in got if k in expect[i] and
                    got[k] != expect[i][k]]
            why.append("lost %d, extra %d, changed %d (e.g. %s)" % (
                len(lost), len(extra), len(diff),
                (lost + extra + diff)[:1]))
        for l in open(acked, "rb"):
            if not l.endswith(b"\n"):
                break   # the kill came while stdout was being written
            try:
                o = json.loads(l)
            except ValueError:
                why.append("a bad line on stdout")
                break
            if (o["id"], o.get("version", 1)) not in have:
                why.append("acknowledged %s not in the corpus" % o["id"])
                break
        if why:
            bad += 1
        print("round %d %s %s" % (i + 1, "killed" if killed else "finished",
                                  "BAD " + "; ".join(why) if why else "ok"))
    print("kills %d rounds %d bad %d" % (kills, rounds, bad))


main()

#!/bin/bash
# The stages spread with GNU parallel give the documents a serial run
# gives: newsclean over WARC records, newssplit and newstag over JSON Lines,
# with `parallel --pipe` over local jobs and over "hosts" (-S, simulated
# here by ':' , GNU parallel's name for the local machine, so no ssh is
# needed), and newsmerge as the single writer of the corpus.
. "$(dirname "$0")/lib.sh"

command -v parallel >/dev/null || skip_all "GNU parallel not installed (Debian: parallel)"
parallel --version 2>/dev/null | grep -q 'GNU parallel' || skip_all "parallel is not GNU parallel"
command -v python3 >/dev/null || skip_all "python3 not installed"
[ -d "$NF_SHARED/extract/scrapinghub-aeb" ] || skip_all "no $NF_SHARED"
for p in newsclean newssplit newstag newsmerge; do
	[ -x "$NF_BIN/$p" ] || skip_all "$p not built"
done
# parallel writes a citation notice and keeps state in ~/.parallel.
export HOME=$T_TMP PARALLEL_HOME=$T_TMP/.parallel
mkdir -p "$PARALLEL_HOME" && touch "$PARALLEL_HOME/will-cite"

# 80 AEB pages as one WARC, the way newsfetch writes them.
python3 - "$NF_SHARED/extract/scrapinghub-aeb" >"$T_TMP/in.warc" <<'EOF'
import gzip, json, os, sys
sys.path.insert(0, os.environ["TOP"] + "/eval")
import warcwriter
d = sys.argv[1]
gt = json.load(open(d + "/ground-truth.json"))
out = sys.stdout.buffer
out.write(warcwriter.warcinfo())
for k in sorted(gt)[:80]:
    page = gzip.open("%s/html/%s.html.gz" % (d, k)).read()
    out.write(warcwriter.response(gt[k]["url"], page))
EOF
REC=$'WARC/1.1\r\n'

# Serial, stage by stage.
newsclean <"$T_TMP/in.warc" >"$T_TMP/clean.jsonl" 2>/dev/null
newssplit <"$T_TMP/clean.jsonl" >"$T_TMP/split.jsonl"
newstag <"$T_TMP/split.jsonl" >"$T_TMP/tag.jsonl"
NDOC=$(wc -l <"$T_TMP/clean.jsonl")
ok $((NDOC < 60)) "serial newsclean: $NDOC documents from 80 pages"

# Each stage under parallel --pipe, 2 jobs, small blocks so that every
# job gets several records; -k keeps the input order.
parallel --pipe -k -j2 --block 300k --recstart "$REC" newsclean \
	<"$T_TMP/in.warc" >"$T_TMP/p-clean.jsonl" 2>>"$T_TMP/par.err"
t "newsclean over WARC records in parallel = serial" cmp -s "$T_TMP/clean.jsonl" "$T_TMP/p-clean.jsonl"
parallel --pipe -k -j2 --block 40k newssplit <"$T_TMP/clean.jsonl" >"$T_TMP/p-split.jsonl" 2>>"$T_TMP/par.err"
t "newssplit in parallel = serial" cmp -s "$T_TMP/split.jsonl" "$T_TMP/p-split.jsonl"
parallel --pipe -k -j2 --block 60k newstag <"$T_TMP/split.jsonl" >"$T_TMP/p-tag.jsonl" 2>>"$T_TMP/par.err"
t "newstag in parallel = serial" cmp -s "$T_TMP/tag.jsonl" "$T_TMP/p-tag.jsonl"

# The same through -S, the form that spreads jobs over hosts
# (-S host1,host2 with the programs installed there); ':' is this machine.
parallel -S 2/: --pipe -k --block 40k newssplit <"$T_TMP/clean.jsonl" >"$T_TMP/s-split.jsonl" 2>>"$T_TMP/par.err"
t "newssplit over -S 2/: = serial" cmp -s "$T_TMP/split.jsonl" "$T_TMP/s-split.jsonl"

# Without -k the order changes, the documents do not: newsmerge, the one
# writer, keeps the same corpus (as a set).
newsmerge "$T_TMP/serial" <"$T_TMP/tag.jsonl" >/dev/null
newsclean <"$T_TMP/in.warc" 2>/dev/null |
	parallel --pipe -j2 --block 40k newssplit 2>>"$T_TMP/par.err" |
	parallel -S 2/: --pipe -j2 --block 60k newstag 2>>"$T_TMP/par.err" |
	newsmerge "$T_TMP/par" >"$T_TMP/par.out"
is "$?" 0 "the whole pipe with parallel stages: newsmerge exits 0"
python3 - "$T_TMP/serial/documents.jsonl" "$T_TMP/par/documents.jsonl" >"$T_TMP/cmp" <<'EOF'
import json, sys
def docs(p):
    out = {}
    for l in open(p, encoding="utf-8"):
        d = json.loads(l)
        for s in d.get("sentences", []):
            s.pop("dup_of", None)   # names whichever copy came first
        out[d["id"]] = json.dumps(d, sort_keys=True)
    return out
a, b = docs(sys.argv[1]), docs(sys.argv[2])
print(len(a), len(b), sum(1 for k in a if a[k] != b.get(k)))
EOF
read -r na nb ndiff <"$T_TMP/cmp"
is "$na $nb" "$na $na" "parallel pipe: as many documents kept as serially ($na)"
is "$ndiff" 0 "the same documents, field for field"

done_testing

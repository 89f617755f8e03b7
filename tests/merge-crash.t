#!/bin/bash
# newsmerge killed with SIGKILL at random instants: the next run repairs
# the corpus, no kept document is lost or kept twice, no line is torn.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
[ -d "$NF_SHARED/extract/scrapinghub-aeb" ] || skip_all "no $NF_SHARED"
D=$T_TMP/corpus
IN=$T_TMP/in.jsonl
python3 "$TOP/tests/data/merge/mkdocs.py" many 10000 3 >"$IN"
# Kill within the time a run takes on this machine (measured on a scratch
# corpus: a second run, all duplicates, like most rounds below), so the
# kills land mid-run on fast and slow (sanitizer, loaded CI) machines.
newsmerge "$T_TMP/scratch" <"$IN" >/dev/null 2>&1
t0=$(date +%s%N)
newsmerge "$T_TMP/scratch" <"$IN" >/dev/null 2>&1
MAXMS=$((($(date +%s%N) - t0) / 1000000 * 8 / 10))
[ "$MAXMS" -ge 20 ] || MAXMS=20
rm -rf "$T_TMP/scratch"
diag "a whole run takes about $((MAXMS * 10 / 8)) ms; kills within $MAXMS ms"

# Each round starts a merge of the whole input (most of it already in the
# corpus after the first rounds) and kills it after 0 to MAXMS ms.
killed=0
for i in $(seq 25); do
	newsmerge "$D" <"$IN" >/dev/null 2>>"$T_TMP/kill.err" &
	pid=$!
	sleep "$(python3 -c "import random; print(random.randint(0, $MAXMS) / 1000)")"
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
done
diag "killed $killed of 25 runs"
ok $((killed < 10)) "at least 10 runs were killed mid-way"

is "$(status newsmerge -v "$D" <"$IN")" 0 "the run after the kills succeeds"
cat "$T_TMP/err" "$T_TMP/kill.err" | grep -E 'repaired|indexed|torn' | sort | uniq -c | head -5 |
	while read -r l; do diag "$l"; done

python3 - "$IN" "$D" <<'EOF' >"$T_TMP/check"
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
lines = open(sys.argv[2] + "/documents.jsonl", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "last line not ended"
bad = 0
docs = []
for l in lines[:-1]:
    try:
        docs.append(json.loads(l))
    except ValueError:
        bad += 1
ids = [d["id"] for d in docs]
have = {d["id"]: d for d in docs}
missing = sum(1 for s in src if s["id"] not in have or have[s["id"]]["text"] != s["text"])
dups = [json.loads(l) for l in open(sys.argv[2] + "/duplicates.jsonl", encoding="utf-8")]
print(bad, len(ids) - len(set(ids)), missing, len(docs), sum(1 for d in dups if d["kind"] != "id"))
EOF
read -r bad twice missing n nonid <"$T_TMP/check"
is "$bad" 0 "every line of documents.jsonl is valid JSON"
is "$twice" 0 "no document kept twice"
is "$missing" 0 "every input document is in the corpus"
is "$n" 10000 "exactly the input documents are in the corpus"
is "$nonid" 0 "every duplicate recorded is a repeat of a kept id"
is "$(status newsmerge "$D" <"$IN"; wc -c <"$T_TMP/out")" "0
0" "one more run adds nothing"
# Each crash window, hit on purpose (NEWSMERGE_CRASH_AT, see corpus.c):
# a first run stores 300 documents, a second run of those and 300 more
# is killed there, a third run must leave all 600 exactly once.
MK="python3 $TOP/tests/data/merge/mkdocs.py"
$MK many 300 5 >"$T_TMP/a300"
$MK many 600 5 >"$T_TMP/a600"
for point in docs-torn docs-synced dups-torn index-torn index-synced \
    journal-torn journal-synced merge-torn merge-copied; do
	C=$T_TMP/c-$point
	newsmerge "$C" <"$T_TMP/a300" >/dev/null
	# (through sh, so that no shell reports the kill on stderr)
	NEWSMERGE_CRASH_AT=$point sh -c 'newsmerge "$1"; r=$?; exit $r' sh "$C" \
		<"$T_TMP/a600" >"$T_TMP/acked" 2>/dev/null
	is "$?" 137 "$point: the run is killed there"
	st=$(status newsmerge -v "$C" <"$T_TMP/a600")
	python3 - "$T_TMP/a600" "$C" "$T_TMP/acked" <<'EOF' >"$T_TMP/check"
import json, sys
src = [json.loads(l) for l in open(sys.argv[1])]
raw = open(sys.argv[2] + "/documents.jsonl").read()
docs = [json.loads(l) for l in raw.split("\n")[:-1]]
ids = [d["id"] for d in docs]
acked = [json.loads(l)["id"] for l in open(sys.argv[3])]
ok = (raw.endswith("\n") and len(ids) == len(set(ids)) == 600 and
      set(ids) == set(d["id"] for d in src) and set(acked) <= set(ids))
for l in open(sys.argv[2] + "/duplicates.jsonl"):
    json.loads(l)
print("ok" if ok else "bad %d %d" % (len(ids), len(set(ids))))
EOF
	is "$st $(cat "$T_TMP/check")" "0 ok" "$point: the next run repairs it, each document once"
	case $point in
	docs-torn) like "$(cat "$T_TMP/err")" "documents.jsonl: torn tail of [0-9]+ bytes repaired" "$point: reported" ;;
	dups-torn) like "$(cat "$T_TMP/err")" "duplicates.jsonl: torn tail of [0-9]+ bytes repaired" "$point: reported" ;;
	index-torn) like "$(cat "$T_TMP/err")" "index: torn segment of [0-9]+ bytes" "$point: reported" ;;
	journal-synced|merge-*) like "$(cat "$T_TMP/err")" "index: completing an interrupted merge" "$point: merge completed" ;;
	esac
	case $point in
	docs-synced|index-torn) like "$(cat "$T_TMP/err")" "indexed 300 documents the index did not cover" "$point: uncovered documents indexed" ;;
	esac
	t "$point: no merge journal left" test ! -e "$C/index.tail"
done
done_testing

#!/bin/bash
# newsmerge killed with SIGKILL at random instants: the next run repairs
# the corpus, no kept document is lost or kept twice, no line is torn.
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip_all "python3 not installed"
[ -d "$NF_SHARED/extract/scrapinghub-aeb" ] || skip_all "no $NF_SHARED"
# 72 rounds over about 5,000 documents with sentences, near copies and
# repeats (tests/data/merge/killtest.py): each round's merge is killed at
# a random instant within the time it takes, then run again, and the
# corpus checked against a reference built without kills.
python3 "$TOP/tests/data/merge/mkdocs.py" mixed 4600 5 >"$T_TMP/mixed.jsonl"
mkdir "$T_TMP/kt"
SEED=${NF_SEED:-$$}
python3 "$TOP/tests/data/merge/killtest.py" "$NF_BIN/newsmerge" \
	"$T_TMP/mixed.jsonl" "$T_TMP/kt" 72 "$SEED" >"$T_TMP/kt.out"
grep -v ' ok$' "$T_TMP/kt.out" | while read -r l; do diag "$l"; done
set -- $(tail -n 1 "$T_TMP/kt.out")
kills=$2 rounds=$4 bad=$6
diag "seed $SEED (NF_SEED=$SEED repeats this run)"
ok $((kills < 50)) "at least 50 of $rounds runs were killed mid-way ($kills)"
is "$bad" 0 "after every kill the next run succeeds: nothing lost, nothing twice, no torn line"
is "$(grep -c ' ok$' "$T_TMP/kt.out")" 72 "all 72 rounds checked ok"
sed -E 's/[0-9]+/N/g; s|/tmp[^:]*/||' "$T_TMP/kt/stderr" | sort | uniq -c |
	while read -r l; do diag "$l"; done

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

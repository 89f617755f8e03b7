#!/bin/bash
# merge/bench.sh [N] [PARTS]: newsmerge's speed, documents per second, as
# the corpus grows. Makes N*PARTS documents with distinct real texts
# (tests/data/merge/mkdocs.py, from $NF_SHARED), merges them PARTS times N
# at a time into a new corpus, then merges the first N again (all
# duplicates). Prints one line per run: wall-clock and CPU documents/s.
set -eu
N=${1:-50000}
PARTS=${2:-5}
TOP=$(cd "$(dirname "$0")/.." && pwd)
NF_BIN=${NF_BIN:-$TOP/build/bin}
NF_SHARED=${NF_SHARED:-$(cd "$TOP/.." && pwd)/shared/data}
export NF_SHARED
W=$(mktemp -d "${TMPDIR:-/tmp}/nfbench.XXXXXX")
trap 'rm -rf "$W"' EXIT
python3 "$TOP/tests/data/merge/mkdocs.py" many $((N * PARTS)) 9 >"$W/all.jsonl"
split -l "$N" -d -a 3 "$W/all.jsonl" "$W/part."
run() {	# LABEL FILE
	TIMEFORMAT='%R %U %S'
	t=$( { time "$NF_BIN/newsmerge" "$W/corpus" <"$2" >/dev/null; } 2>&1 | tail -1)
	set -- "$1" $t
	awk -v l="$1" -v n="$N" -v r="$2" -v u="$3" -v s="$4" 'BEGIN {
		printf "%-34s %8.0f docs/s wall %8.0f docs/s CPU\n", l, n / r, n / (u + s) }'
}
i=0
for p in "$W"/part.*; do
	run "merge $N new, corpus $((i * N))" "$p"
	i=$((i + 1))
done
run "merge $N duplicates, corpus $((i * N))" "$W/part.000"
ls -l "$W/corpus" | awk 'NR > 1 { printf "%12d %s\n", $5, $9 }'

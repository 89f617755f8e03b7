#!/bin/sh
# bench/run.sh [clean|split|tag|merge|fetch|pipe]...: newsfilters' speed beside
# its peers, in one run (all sections when none is named). See
# bench/README.md. `make bench` builds everything first and runs this with
# NF_BIN and NF_SHARED set; run by hand it uses build/bin and ../shared/data.
# Installs the peers it needs (bench/install-peers.sh: npm into bench/peers,
# Debian packages when root), then hands over to bench/bench.py, which
# prints the tables and writes bench/out/results.json.
cd "$(dirname "$0")/.." || exit 2
TOP=$(pwd)
NF_BIN=${NF_BIN:-$TOP/build/bin}
NF_SHARED=${NF_SHARED:-$(cd "$TOP/.." && pwd)/shared/data}
export NF_BIN NF_SHARED
LC_ALL=C.UTF-8
export LC_ALL

for s in "$@"; do
	case $s in
	clean|split|tag|merge|fetch|pipe) ;;
	*)	echo "usage: bench/run.sh [clean|split|tag|merge|fetch|pipe]..." >&2
		exit 2 ;;
	esac
done
[ -d "$NF_SHARED" ] || { echo "bench: no data in $NF_SHARED" >&2; exit 2; }
sh bench/install-peers.sh
command -v python3 >/dev/null 2>&1 || { echo "bench: needs python3" >&2; exit 2; }
exec python3 bench/bench.py "$@"

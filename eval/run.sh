#!/bin/sh
# eval/run.sh: run by `make eval` with NF_BIN (the programs) and NF_SHARED
# (../shared/data) set. Scores every stage and prints one table; extra
# arguments pick stages (clean split tag merge). See eval/README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${NF_BIN:=$here/../build/bin}"
: "${NF_SHARED:=$(cd "$here/../.." && pwd)/shared/data}"
export NF_BIN NF_SHARED
if [ ! -d "$NF_SHARED/extract" ]; then
	echo "eval: $NF_SHARED has no evaluation data (set NF_SHARED)" >&2
	exit 2
fi
PYTHON=${PYTHON:-python3}
PYTHONDONTWRITEBYTECODE=1 exec "$PYTHON" "$here/eval.py" "$@"

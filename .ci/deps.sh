#!/bin/sh
# .ci/deps.sh: install the Debian 12 packages newsfilters needs, only those
# missing (idempotent). Used by `make demo` and .ci/run.
#   sh .ci/deps.sh          build and run dependencies
#   sh .ci/deps.sh test     plus what the tests need (nginx, clang, prove)
set -eu
PKGS="build-essential pkg-config libcurl4-openssl-dev libxml2-dev
libutf8proc-dev libjansson-dev zlib1g-dev libssl-dev ca-certificates"
if [ "${1:-}" = test ]; then
	PKGS="$PKGS nginx-light perl python3 clang libclang-rt-14-dev parallel"
fi
missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	SUDO=
elif command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
else
	echo "newsfilters: please install:$missing (as root: apt-get install$missing)" >&2
	exit 2
fi
echo "newsfilters: installing$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2

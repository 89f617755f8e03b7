#!/bin/sh
# .ci/deps.sh: install the Debian 12 packages newsfilters needs, only those
# that are missing (idempotent; apt-get update first when it installs).
#   sh .ci/deps.sh          to build and run the programs
#   sh .ci/deps.sh check    plus what `make check` needs (nginx, prove, python3)
#   sh .ci/deps.sh ci       plus clang for `make check-asan` and `make fuzz`
# Used by `make demo` (check) and .ci/run (ci). Exit 2 if packages are
# missing and neither root nor sudo can install them.
set -eu
PKGS="make gcc libc6-dev pkg-config libcurl4-openssl-dev libxml2-dev
libutf8proc-dev libjansson-dev zlib1g-dev libssl-dev ca-certificates"
case ${1:-} in
"") ;;
check) PKGS="$PKGS nginx-light perl python3 jq parallel" ;;
ci) PKGS="$PKGS nginx-light perl python3 jq parallel clang libclang-rt-14-dev" ;;
*) echo "usage: sh .ci/deps.sh [check|ci]" >&2; exit 2 ;;
esac
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
	echo "newsfilters: missing packages:$missing" >&2
	echo "newsfilters: as root, run: apt-get install$missing" >&2
	exit 2
fi
echo "newsfilters: installing$missing" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends $missing >&2

#!/bin/sh
# Install the peer tools bench/run.sh compares newsfilters with.
# Idempotent: does nothing for what is already there.
#   npm packages  -> bench/peers/ (git-ignored), pinned versions below
#   Debian        -> python3-readability curl wget parallel nginx-light
#                    (apt-get, only when run as root and missing)
# A peer that cannot be installed is reported; run.sh then prints
# "not available" for it and goes on.
cd "$(dirname "$0")" || exit 2

NPM_PKGS="@mozilla/readability@0.6.0 linkedom@0.18.14 chrono-node@2.10.3 \
compromise@14.17.0 sentencex@1.0.17"

need_npm=
for p in @mozilla/readability linkedom chrono-node compromise sentencex; do
	[ -f "peers/node_modules/$p/package.json" ] || need_npm=1
done
if [ -n "$need_npm" ]; then
	if command -v npm >/dev/null 2>&1; then
		mkdir -p peers
		echo "bench: npm install --prefix bench/peers $NPM_PKGS" >&2
		# shellcheck disable=SC2086 # a list of package names
		npm install --prefix peers --no-audit --no-fund --loglevel=error \
			$NPM_PKGS >&2 ||
			echo "bench: npm install failed; node peers will be missing" >&2
	else
		echo "bench: npm not found; node peers will be missing" >&2
	fi
fi

# Debian packages: which command or file shows each one is there.
missing=
have() { command -v "$1" >/dev/null 2>&1; }
/usr/bin/python3 -c 'import readability' 2>/dev/null ||
	missing="$missing python3-readability"
have curl || missing="$missing curl"
have wget || missing="$missing wget"
have parallel || missing="$missing parallel"
have nginx || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ] && have apt-get; then
		echo "bench: apt-get install$missing" >&2
		# shellcheck disable=SC2086 # a list of package names
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing ||
		  { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q $missing; }; } >/dev/null 2>&1 ||
			echo "bench: apt-get install$missing failed" >&2
	else
		echo "bench: missing Debian packages:$missing (not root: not installed)" >&2
	fi
fi
exit 0

#!/bin/sh
# demo.sh: the offline example (`make demo`, or `sudo make demo` on a fresh
# Debian 12 machine). Installs the build dependencies that are missing,
# builds the programs, runs the whole pipeline over examples/feeds.txt into
# a fresh corpus directory and prints what the corpus received.
#
#   DEMO_DIR=corpus make demo     keep the corpus in ./corpus (git-ignored)
#                                 instead of a fresh temporary directory
#
# Exit status: 0 when every stage succeeded, 1 when a stage reported failed
# records, 2 when the dependencies cannot be installed or the build fails.

set -u

TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 2

say() { printf '%s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 2; }

# Under sudo, only apt-get needs root: build and run as the invoking user,
# so that build/ stays writable for a later `make check` without sudo.
as_user() {
	if [ "$(id -u)" = 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] &&
	    command -v sudo >/dev/null 2>&1; then
		sudo -u "$SUDO_USER" -- "$@"
	else
		"$@"
	fi
}

# ---- 1. dependencies -------------------------------------------------------
# The same list CI installs (.ci/deps.sh), with what `make check` needs, so
# that the README's second command works right after this one.
if command -v dpkg-query >/dev/null 2>&1; then
	sh "$TOP/.ci/deps.sh" check || exit 2
else
	say "demo: no dpkg-query (not Debian?): not checking packages; the build needs"
	say "      a C11 compiler, make, pkg-config and the development files of"
	say "      libcurl, libxml2, utf8proc, jansson, zlib and libcrypto."
fi

# ---- 2. build --------------------------------------------------------------
say "== building (make)"
as_user make -j2 >/dev/null || die "the build failed; run \`make\` to see why"

# ---- 3. the pipeline -------------------------------------------------------
WORK=$(as_user mktemp -d "${TMPDIR:-/tmp}/newsfilters-demo.XXXXXX") ||
	die "cannot create a temporary directory"
DIR=${DEMO_DIR:-$WORK/corpus}
ADDED=$WORK/added.jsonl
B=$TOP/build/bin

say "== newsfetch examples/feeds.txt | newsclean | newssplit | newstag | newsmerge $DIR"
# POSIX sh has no pipefail: each stage leaves its exit status in a file.
as_user sh -c '
	B=$1 W=$2 DIR=$3
	{ "$B/newsfetch" examples/feeds.txt; echo $? >"$W/st.newsfetch"; } |
	{ "$B/newsclean"; echo $? >"$W/st.newsclean"; } |
	{ "$B/newssplit"; echo $? >"$W/st.newssplit"; } |
	{ "$B/newstag"; echo $? >"$W/st.newstag"; } |
	{ "$B/newsmerge" "$DIR"; echo $? >"$W/st.newsmerge"; } >"$W/added.jsonl"
' demo "$B" "$WORK" "$DIR"

status=0
for s in newsfetch newsclean newssplit newstag newsmerge; do
	st=$(cat "$WORK/st.$s" 2>/dev/null || echo '?')
	if [ "$st" != 0 ]; then
		say "demo: $s exited with status $st (see its messages above)" >&2
		case $st in
		1) [ $status -lt 1 ] && status=1 ;;
		*) status=2 ;;
		esac
	fi
done

# ---- 4. what the corpus received ------------------------------------------
count() { cat "$@" 2>/dev/null | grep -c . ; }
kept=$(count "$DIR"/documents*.jsonl)
dups=$(count "$DIR/duplicates.jsonl")
added=$(count "$ADDED")

say ""
say "== corpus $DIR"
say "documents kept: $kept ($added added by this run), duplicates dropped: $dups"
say ""

if command -v jq >/dev/null 2>&1; then
	jq -r '
	  "* \(.title // "(no title)")",
	  "    \(.source_domain // (.url // "" | split("/") | .[-2:] | join("/")))  date \(.date // "unknown")  language \(.language // "?")",
	  "    \(.sentences // [] | length) sentences, \(.entities // [] | length) entities, \(.dates // [] | length) dates",
	  (if (.entities // [] | length) > 0 then
	     "    entities: " + ([.entities[:6][] | "\(.text) (\(.type))"] | join(", ")) else empty end),
	  (if (.dates // [] | length) > 0 then
	     "    dates:    " + ([.dates[:4][] | "\"\(.text)\" = \(.value)"] | join(", ")) else empty end)
	' "$ADDED" || status=1
	if [ "$dups" -gt 0 ]; then
		say ""
		say "duplicates:"
		jq -r '"* \(.title // .url)\n    \(.kind // "duplicate") of \(.duplicate_of), similarity \(.similarity)"' \
		    "$DIR/duplicates.jsonl" || status=1
	fi
elif command -v python3 >/dev/null 2>&1; then
	python3 - "$ADDED" "$DIR/duplicates.jsonl" <<'PY' || status=1
import json, sys
def lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return [json.loads(l) for l in f if l.strip()]
    except FileNotFoundError:
        return []
for d in lines(sys.argv[1]):
    ents, dates = d.get("entities") or [], d.get("dates") or []
    print("* %s" % (d.get("title") or "(no title)"))
    print("    %s  date %s  language %s" % (d.get("source_domain") or
          "/".join((d.get("url") or "").split("/")[-2:]),
          d.get("date") or "unknown", d.get("language") or "?"))
    print("    %d sentences, %d entities, %d dates" % (len(d.get("sentences") or []),
          len(ents), len(dates)))
    if ents:
        print("    entities: " + ", ".join("%s (%s)" % (e["text"], e["type"]) for e in ents[:6]))
    if dates:
        print("    dates:    " + ", ".join('"%s" = %s' % (t["text"], t["value"]) for t in dates[:4]))
dups = lines(sys.argv[2])
if dups:
    print("\nduplicates:")
    for d in dups:
        print("* %s\n    %s of %s, similarity %s" % (d.get("title") or d.get("url"),
              d.get("kind") or "duplicate", d.get("duplicate_of"), d.get("similarity")))
PY
else
	say "(install jq or python3 for a per-document summary; titles only:)"
	grep -o '"title":"[^"]*"' "$ADDED" | sed 's/^"title":"/* /; s/"$//'
fi

say ""
say "The documents are in $DIR/documents.jsonl, one JSON object a line;"
say "try: jq -c '{title, date, dates}' $DIR/documents.jsonl"
exit $status

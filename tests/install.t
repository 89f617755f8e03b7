#!/bin/bash
# make install puts programs, man pages and data where they belong, and an
# installed program finds its data without the build tree.
. "$(dirname "$0")/lib.sh"

BUILD=$(cd "$NF_BIN/.." && pwd)
DEST=$T_TMP/dest
make -s -C "$TOP" install DESTDIR="$DEST" PREFIX=/opt/nf BUILD="$BUILD" >"$T_TMP/log" 2>&1
ok $? "make install DESTDIR=... PREFIX=/opt/nf"
for p in newsfetch newsclean newssplit newstag newsmerge; do
	test -x "$DEST/opt/nf/bin/$p"
	ok $? "$p installed"
	test -s "$DEST/opt/nf/share/man/man1/$p.1"
	ok $? "$p.1 man page installed"
	"$DEST/opt/nf/bin/$p" --version >"$T_TMP/v" 2>&1
	like "$(cat "$T_TMP/v")" "^$p [0-9]" "$p --version"
	"$DEST/opt/nf/bin/$p" --help >"$T_TMP/h" 2>&1
	st=$?
	is "$st" 0 "$p --help exits 0"
	like "$(cat "$T_TMP/h")" "[Uu]sage" "$p --help prints usage"
	"$DEST/opt/nf/bin/$p" --no-such-option </dev/null >/dev/null 2>&1
	is "$?" 2 "$p with a bad option exits 2"
done
test -d "$DEST/opt/nf/share/newsfilters"
ok $? "data installed in share/newsfilters"
# Installed newssplit must find its abbreviation list (moved away from the
# build tree, so only the installed data can serve).
cp -R "$DEST/opt/nf" "$T_TMP/moved"
out=$(printf 'Dr. Smith arrived at 5 p.m. on Friday. He left early.\n' |
	NEWSFILTERS_DATA= "$T_TMP/moved/bin/newssplit" -t -l en)
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2 "installed newssplit uses its abbreviation data"
done_testing

# tests/fetchlib.sh: what the newsfetch tests share; source it after lib.sh.
#
#   fetch_www DIR        copy DIR to $WWW ($T_TMP/www), readable by nginx's
#                        workers (they run as nobody when the tests run as root)
#   fetch ARGS...        run newsfetch (no delay), WARC to $T_TMP/out.warc,
#                        stderr to $T_TMP/err, the records as JSON lines
#                        (tests/warccheck.py) to $T_TMP/rec; sets RC and
#                        CHECK_RC; when nginx runs, the access-log lines of
#                        this run go to $T_TMP/log
#   q JQ-FILTER          query the records of the last run (slurped)
#   err                  the last run's stderr

CHECK="python3 $TOP/tests/warccheck.py"
command -v jq >/dev/null || skip_all "jq not installed"

WWW=$T_TMP/www
fetch_www() {
	mkdir -p "$WWW"
	chmod 755 "$T_TMP"
	cp -R "$1/." "$WWW/"
}
fetch() {
	_n0=0
	[ -n "${NGINX_LOG:-}" ] && [ -f "$NGINX_LOG" ] && _n0=$(wc -l <"$NGINX_LOG")
	newsfetch --delay 0 "$@" >"$T_TMP/out.warc" 2>"$T_TMP/err"
	RC=$?
	$CHECK --json "$T_TMP/out.warc" >"$T_TMP/rec" 2>"$T_TMP/check.err"
	CHECK_RC=$?
	if [ -n "${NGINX_LOG:-}" ] && [ -f "$NGINX_LOG" ]; then
		tail -n +$((_n0 + 1)) "$NGINX_LOG" >"$T_TMP/log"
	fi
}
q() { jq -rs "$1" "$T_TMP/rec"; }
err() { cat "$T_TMP/err"; }

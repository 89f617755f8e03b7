# tests/lib.sh: shared by the TAP shell tests. Source it, then call
# plan N (or done_testing at the end), ok/not_ok through the helpers.
#
#   . "$(dirname "$0")/lib.sh"
#
# Environment (set by make check): NF_BIN (the programs), NF_SHARED
# (../shared/data), NF_ASAN (set for the sanitizer build).

set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
NF_BIN=${NF_BIN:-$TOP/build/bin}
NF_SHARED=${NF_SHARED:-$(cd "$TOP/.." && pwd)/shared/data}
PATH=$NF_BIN:$PATH
export TOP NF_BIN NF_SHARED PATH
LC_ALL=C.UTF-8
export LC_ALL

T_N=0
T_FAILED=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nftest.XXXXXX")
t_cleanup() {
	for f in "$T_TMP"/*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT
trap 'exit 1' INT TERM

plan() { echo "1..$1"; }
done_testing() { echo "1..$T_N"; [ "$T_FAILED" -eq 0 ]; }

# ok COND-STATUS NAME: pass when the previous command's status ($1) is 0.
# While T_TODO is set, tests are TAP TODO tests: behaviour a later issue
# delivers, reported by prove but not counted as failures.
ok() {
	T_N=$((T_N + 1))
	_todo=${T_TODO:+ # TODO $T_TODO}
	if [ "$1" -eq 0 ]; then
		echo "ok $T_N - $2$_todo"
	else
		echo "not ok $T_N - $2$_todo"
		[ -n "$_todo" ] || T_FAILED=$((T_FAILED + 1))
	fi
}
# t NAME CMD...: run CMD, pass if it exits 0.
t() {
	_name=$1; shift
	"$@"
	ok $? "$_name"
}
# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$1'"
		diag "want: '$2'"
	fi
}
# like GOT REGEX NAME (grep -E)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:  '$(printf '%s' "$1" | head -c 600)'"
		diag "want match: '$2'"
	fi
}
diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

# status CMD...: run CMD, print its exit status (stdout/stderr to files
# $T_TMP/out and $T_TMP/err).
status() {
	"$@" >"$T_TMP/out" 2>"$T_TMP/err"
	echo $?
}

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + $$ % 20000))
}

# nginx_start ROOT [EXTRA_SERVER_CONF]: serve ROOT on 127.0.0.1:$NGINX_PORT
# with an access log at $NGINX_LOG (one line a request: time, uri, status).
nginx_start() {
	_root=$1
	_extra=${2:-}
	NGINX=$(command -v nginx || echo /usr/sbin/nginx)
	[ -x "$NGINX" ] || skip_all "nginx not installed"
	NGINX_PORT=$(free_port)
	_d=$T_TMP/nginx
	# As root, nginx's workers run as nobody: they must reach ROOT.
	chmod 755 "$T_TMP"
	mkdir -p "$_d/tmp"
	NGINX_LOG=$_d/access.log
	cat >"$_d/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $_d/nginx.pid;
error_log $_d/error.log warn;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	client_body_temp_path $_d/tmp;
	proxy_temp_path $_d/tmp;
	fastcgi_temp_path $_d/tmp;
	uwsgi_temp_path $_d/tmp;
	scgi_temp_path $_d/tmp;
	log_format t '\$msec \$request_uri \$status \$http_user_agent';
	access_log $NGINX_LOG t;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $_root;
		$_extra
	}
}
CONF
	"$NGINX" -c "$_d/nginx.conf" -p "$_d" 2>"$_d/start.err" &
	echo $! >"$T_TMP/nginx.pid"
	for _i in $(seq 50); do
		if (exec 3<>/dev/tcp/127.0.0.1/$NGINX_PORT) 2>/dev/null; then
			NGINX_URL=http://127.0.0.1:$NGINX_PORT
			export NGINX_URL NGINX_PORT NGINX_LOG
			return 0
		fi
		sleep 0.1
	done
	cat "$_d/start.err" "$_d/error.log" >&2
	skip_all "nginx did not start"
}

/*
 * nf.c: diagnostics, exit status, data files and checked output.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>

#include "nf.h"

#ifndef NF_VERSION
#define NF_VERSION "0"
#endif
#ifndef NF_DATADIR
#define NF_DATADIR "/usr/local/share/newsfilters"
#endif

const char *nf_progname = "newsfilters";
int nf_verbose;
FILE *nf_errfp;
static int failed;

void
nf_init(const char *progname)
{
	nf_progname = progname;
	/* Diagnostics are line-buffered so that they interleave sensibly
	 * with other stages' messages in a pipeline. */
	setvbuf(stderr, NULL, _IOLBF, 0);
}

void
nf_vwarn(const char *fmt, va_list ap)
{
	FILE *fp = nf_errfp ? nf_errfp : stderr;

	fprintf(fp, "%s: ", nf_progname);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
}

void
nf_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nf_vwarn(fmt, ap);
	va_end(ap);
}

/*
 * Fatal errors flush what was written (the good records before the error
 * stay good) and leave with _exit(2): no atexit work is left that matters,
 * and the sanitizers' leak check would otherwise turn exit status 2 into
 * its own.
 */
static _Noreturn void
die_now(void)
{
	fflush(stdout);
	fflush(stderr);
	_exit(NF_EXIT_USAGE);
}

void
nf_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nf_vwarn(fmt, ap);
	va_end(ap);
	die_now();
}

void
nf_dieerr(const char *fmt, ...)
{
	va_list ap;
	int e = errno;
	FILE *fp = nf_errfp ? nf_errfp : stderr;

	fprintf(fp, "%s: ", nf_progname);
	va_start(ap, fmt);
	vfprintf(fp, fmt, ap);
	va_end(ap);
	fprintf(fp, ": %s\n", strerror(e));
	die_now();
}

void
nf_recwarn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nf_vwarn(fmt, ap);
	va_end(ap);
	failed = 1;
}

void
nf_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nf_vwarn(fmt, ap);
	va_end(ap);
}

void
nf_debug(const char *fmt, ...)
{
	va_list ap;

	if (nf_verbose <= 0)
		return;
	va_start(ap, fmt);
	nf_vwarn(fmt, ap);
	va_end(ap);
}

int
nf_status(void)
{
	return failed ? NF_EXIT_FAIL : NF_EXIT_OK;
}

void
nf_setfailed(void)
{
	failed = 1;
}

void
nf_fshut(FILE *fp, const char *name)
{
	int bad = 0;

	if (fflush(fp) == EOF)
		bad = 1;
	if (ferror(fp))
		bad = 1;
	if (bad) {
		/* errno may be stale after ferror(); say what we know. */
		nf_die("write error on %s: %s", name,
		    errno ? strerror(errno) : "unknown error");
	}
}

void
nf_version(void)
{
	printf("%s %s\n", nf_progname, NF_VERSION);
	nf_fshut(stdout, "stdout");
	exit(0);
}

static int
isfile(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *
nf_datapath(const char *rel)
{
	static char path[2 * PATH_MAX];
	char exe[PATH_MAX], *slash;
	const char *env;
	ssize_t n;

	if ((env = getenv("NEWSFILTERS_DATA")) != NULL && *env) {
		snprintf(path, sizeof path, "%s/%s", env, rel);
		if (isfile(path))
			return path;
	}
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(path, sizeof path, "%s/../data/%s", exe, rel);
		if (isfile(path))
			return path;
		snprintf(path, sizeof path, "%s/../share/newsfilters/%s", exe, rel);
		if (isfile(path))
			return path;
	}
	snprintf(path, sizeof path, "%s/%s", NF_DATADIR, rel);
	if (isfile(path))
		return path;
	return NULL;
}

void
nf_now_rfc3339(char out[32])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
nf_isatty_stderr(void)
{
	return isatty(2);
}

long long
nf_parse_size(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || v < 0)
		return -1;
	switch (*end) {
	case '\0':
		return v;
	case 'k': case 'K':
		v <<= 10;
		break;
	case 'm': case 'M':
		v <<= 20;
		break;
	case 'g': case 'G':
		v <<= 30;
		break;
	default:
		return -1;
	}
	if (end[1] != '\0' && !((end[1] == 'b' || end[1] == 'B' ||
	    end[1] == 'i') && (end[2] == '\0' || (end[2] == 'B' && end[3] == '\0'))))
		return -1;
	return v;
}

/*
 * nf.h: what every newsfilters program shares: exit codes, diagnostics,
 * the data directory, and the checked shutdown of stdout.
 *
 * Diagnostics go to stderr as "PROG: WHERE: WHAT", where WHERE names the
 * record ("record 17 (https://example.com/a)", "line 3"). Records that fail
 * are reported with nf_recwarn(), which also remembers the failure so that
 * main() can return nf_status() at the end.
 */
#ifndef NF_H
#define NF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum {
	NF_EXIT_OK = 0,		/* every record written */
	NF_EXIT_FAIL = 1,	/* some records failed, each named on stderr */
	NF_EXIT_USAGE = 2,	/* bad usage, or a fatal setup/I/O error */
};

/* Largest input record (JSON line, HTML document, WARC block) kept in
 * memory, unless a program's option says otherwise. Larger records are
 * reported and skipped without being held in memory. */
#define NF_MAX_RECORD ((size_t)32 << 20)

/* Set once from main(): the name used in every message. */
void nf_init(const char *progname);
extern const char *nf_progname;
extern int nf_verbose;
/* Where diagnostics go (stderr when NULL); the fuzzers silence them. */
extern FILE *nf_errfp;

/* "PROG: fmt\n" on stderr. */
void nf_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like nf_warn, then exit(NF_EXIT_USAGE): setup and I/O failures only. */
_Noreturn void nf_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Like nf_die, with ": strerror(errno)" appended. */
_Noreturn void nf_dieerr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A record failed: message as nf_warn, and nf_status() becomes 1. */
void nf_recwarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A note about a record that is skipped on purpose (not a failure). */
void nf_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Only with -v (nf_verbose > 0). */
void nf_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void nf_vwarn(const char *fmt, va_list ap);

/* NF_EXIT_FAIL once nf_recwarn() was called, else NF_EXIT_OK. */
int nf_status(void);
void nf_setfailed(void);

/* Flush fp and check for write errors (a full disk must not look like
 * success); dies with a message naming `name` if anything failed. */
void nf_fshut(FILE *fp, const char *name);

/* Print "PROG VERSION" on stdout and exit 0 (for --version). */
_Noreturn void nf_version(void);

/*
 * Path of a data file, relative to the data directory, e.g.
 * nf_datapath("split/abbrev/en.txt"). Looks in $NEWSFILTERS_DATA, next to
 * the binary (BIN/../data, the build tree), BIN/../share/newsfilters and
 * NF_DATADIR, in that order. Returns a static buffer, or NULL if the file
 * exists in none of them.
 */
const char *nf_datapath(const char *rel);

/* The current time as RFC 3339 UTC, "2025-11-22T10:00:00Z" (WARC-Date,
 * newsmerge's merge times). */
void nf_now_rfc3339(char out[32]);

/* Whether stderr is a terminal (progress lines go there only then). */
int nf_isatty_stderr(void);

/* Parse a size such as "32M", "512k", "100000"; -1 on error. */
long long nf_parse_size(const char *s);

#endif

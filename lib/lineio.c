/*
 * lineio.c: lines of any length, in memory up to a limit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineio.h"
#include "nf.h"

#define RBUFSZ (1 << 16)

void
line_init(struct linereader *r, FILE *fp, size_t max)
{
	memset(r, 0, sizeof *r);
	r->fp = fp;
	r->max = max ? max : NF_MAX_RECORD;
	r->rbuf = xmalloc(RBUFSZ);
	buf_grow(&r->line, 0);
}

void
line_free(struct linereader *r)
{
	buf_free(&r->line);
	free(r->rbuf);
	r->rbuf = NULL;
}

/* Refill the read-ahead; 0 at end of input, -1 on error. */
static int
fill(struct linereader *r)
{
	ssize_t n;

	if (r->eof)
		return 0;
	/*
	 * read(2), not fread: on a pipe it returns what the writer has sent
	 * so far, so a record is handled as soon as it arrives instead of
	 * waiting for a full block (newsmerge commits idle batches).
	 */
	if (fileno(r->fp) < 0) {	/* fmemopen and friends */
		n = (ssize_t)fread(r->rbuf, 1, RBUFSZ, r->fp);
		if (n == 0 && ferror(r->fp))
			n = -1;
	} else {
		do
			n = read(fileno(r->fp), r->rbuf, RBUFSZ);
		while (n < 0 && errno == EINTR);
	}
	r->rpos = 0;
	r->rlen = n > 0 ? (size_t)n : 0;
	if (n <= 0) {
		r->eof = 1;
		return n < 0 ? -1 : 0;
	}
	return 1;
}

int
line_read(struct linereader *r)
{
	int any = 0, toolong = 0, f;
	size_t skipped = 0, n;
	char *nl;

	buf_reset(&r->line);
	for (;;) {
		if (r->rpos == r->rlen) {
			f = fill(r);
			if (f < 0)
				return LINE_ERROR;
			if (f == 0)
				break;
		}
		any = 1;
		nl = memchr(r->rbuf + r->rpos, '\n', r->rlen - r->rpos);
		n = (nl ? (size_t)(nl - r->rbuf) : r->rlen) - r->rpos;
		if (!toolong && r->line.len + n > r->max) {
			/* Forget what we have: a too-long line is never held. */
			toolong = 1;
			skipped = r->line.len;
			buf_free(&r->line);
			buf_grow(&r->line, 0);
		}
		if (toolong)
			skipped += n;
		else
			buf_append(&r->line, r->rbuf + r->rpos, n);
		r->rpos += n;
		if (nl) {
			r->rpos++;
			break;
		}
	}
	if (!any)
		return LINE_EOF;
	r->lineno++;
	if (toolong) {
		r->toolong_len = skipped;
		return LINE_TOOLONG;
	}
	return LINE_OK;
}

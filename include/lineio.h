/*
 * lineio.h: read lines of any length with bounded memory.
 *
 * Lines up to `max` bytes are returned whole (without the '\n'; a final
 * line without '\n' is returned too). A longer line is consumed without
 * being stored and reported to the caller as LINE_TOOLONG, so a 50 MB line
 * costs no more memory than `max`. The reader reads fp's descriptor with
 * read(2) in large blocks: don't read fp by other means while it is in use.
 */
#ifndef NF_LINEIO_H
#define NF_LINEIO_H

#include <stdio.h>
#include "buf.h"

enum { LINE_EOF = 0, LINE_OK = 1, LINE_TOOLONG = 2, LINE_ERROR = -1 };

struct linereader {
	FILE *fp;
	size_t max;		/* 0 means NF_MAX_RECORD */
	unsigned long lineno;	/* number of the line last returned, from 1 */
	struct buf line;	/* the line; owned by the reader */
	size_t toolong_len;	/* length of the line skipped as too long */
	char *rbuf;		/* read-ahead: the reader owns fp's data */
	size_t rpos, rlen;
	int eof;
};

void line_init(struct linereader *r, FILE *fp, size_t max);
/* LINE_OK (r->line holds the line), LINE_TOOLONG, LINE_EOF, or LINE_ERROR
 * (read error; errno set). */
int line_read(struct linereader *r);
void line_free(struct linereader *r);

#endif

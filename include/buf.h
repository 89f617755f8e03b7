/*
 * buf.h: growable byte buffers.
 *
 * A struct buf owns b->p (malloc'd); b->p is always NUL-terminated after
 * any buf_ call (the NUL is not counted in len), so it can be used as a C
 * string when the contents have no NUL. Out of memory is fatal.
 * Zero-initialised (struct buf b = {0}) is an empty, valid buffer.
 */
#ifndef NF_BUF_H
#define NF_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t len;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);	/* room for extra more bytes */
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, int c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);			/* len = 0, keeps memory */
void buf_free(struct buf *b);			/* frees, back to {0} */
char *buf_detach(struct buf *b);		/* caller frees; b becomes {0} */

/* malloc/realloc/strdup that die on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif

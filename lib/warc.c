/*
 * warc.c: streaming WARC 1.1 reader and writer.
 *
 * The reader is two layers. The source layer turns the file descriptor
 * into a stream of (decompressed) bytes: plain WARC is passed through; a
 * gzip stream is inflated member by member, and a corrupt member is
 * reported and skipped by scanning for the next gzip member header, which
 * the source marks as a break in the stream. The record layer parses
 * "WARC/1.x" header blocks and Content-Length blocks from those bytes; a
 * record that is cut by a break, by the end of input or by a bad header is
 * reported and the parser resynchronises (on the break, or on the next line
 * that starts with "WARC/1.").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <zlib.h>

#include "buf.h"
#include "nf.h"
#include "sha1.h"
#include "warc.h"

#define IBUFSZ (1 << 16)
#define OBUFSZ (1 << 18)
#define MAXHDR (1 << 20)	/* a WARC header block larger than this is corrupt */

struct warc_reader {
	int fd;
	const char *name;
	size_t max;

	unsigned char *ibuf;	/* raw input */
	size_t ipos, ilen;
	int ieof;
	uint64_t ioff;		/* raw offset of ibuf[0] */

	int gz;			/* input is gzip */
	z_stream zs;
	int member_done;	/* between gzip members */

	unsigned char *obuf;	/* decompressed bytes */
	size_t opos, olen;
	uint64_t ooff;		/* stream offset of obuf[0] */
	int brk;		/* a break precedes obuf[opos] */
	int magic;		/* resync() consumed "WARC/1." */
	int started;

	unsigned long nrec, nerr;
	struct buf hdr;
	struct buf block;
	struct warc_field *fields;
	size_t nfields, capfields;
};

/* ---- source layer ---- */

static int
raw_fill(struct warc_reader *r)
{
	ssize_t n;

	if (r->ieof)
		return 0;
	if (r->ipos > 0) {
		memmove(r->ibuf, r->ibuf + r->ipos, r->ilen - r->ipos);
		r->ioff += r->ipos;
		r->ilen -= r->ipos;
		r->ipos = 0;
	}
	for (;;) {
		n = read(r->fd, r->ibuf + r->ilen, IBUFSZ - r->ilen);
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	if (n < 0)
		nf_dieerr("%s: read error", r->name);
	if (n == 0) {
		r->ieof = 1;
		return 0;
	}
	r->ilen += (size_t)n;
	return 1;
}

/* Make at least `want` raw bytes available if the input has them. */
static size_t
raw_avail(struct warc_reader *r, size_t want)
{
	while (r->ilen - r->ipos < want && raw_fill(r))
		;
	return r->ilen - r->ipos;
}

/* Skip raw input up to the next gzip member header (1f 8b 08). */
static int
gz_resync(struct warc_reader *r)
{
	for (;;) {
		if (raw_avail(r, 3) < 3) {
			r->ipos = r->ilen;
			return 0;
		}
		unsigned char *p = r->ibuf + r->ipos;
		size_t n = r->ilen - r->ipos;
		for (size_t i = 0; i + 2 < n; i++)
			if (p[i] == 0x1f && p[i + 1] == 0x8b && p[i + 2] == 8) {
				r->ipos += i;
				return 1;
			}
		r->ipos += n - 2;
	}
}

/*
 * Refill obuf (which the caller has consumed). 1 if bytes are there, 0 at
 * the end. Sets r->brk when the new bytes do not continue the old ones.
 */
static int
src_fill(struct warc_reader *r)
{
	int zr;

	r->ooff += r->olen;
	r->opos = r->olen = 0;
	if (!r->gz) {
		ssize_t n;

		for (;;) {
			n = read(r->fd, r->obuf, OBUFSZ);
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		if (n < 0)
			nf_dieerr("%s: read error", r->name);
		r->olen = (size_t)n;
		return n > 0;
	}
	while (r->olen == 0) {
		if (r->member_done) {
			if (raw_avail(r, 2) == 0)
				return 0;
			if (raw_avail(r, 2) < 2 || r->ibuf[r->ipos] != 0x1f ||
			    r->ibuf[r->ipos + 1] != 0x8b) {
				nf_recwarn("%s: garbage after gzip member at "
				    "byte %llu, skipping to the next member",
				    r->name, (unsigned long long)(r->ioff + r->ipos));
				r->nerr++;
				if (!gz_resync(r))
					return 0;
				r->brk = 1;
			}
			inflateReset(&r->zs);
			r->member_done = 0;
		}
		if (r->ipos == r->ilen && !raw_fill(r)) {
			nf_recwarn("%s: gzip stream truncated at byte %llu",
			    r->name, (unsigned long long)(r->ioff + r->ilen));
			r->nerr++;
			r->member_done = 1;
			return 0;
		}
		r->zs.next_in = r->ibuf + r->ipos;
		r->zs.avail_in = (uInt)(r->ilen - r->ipos);
		r->zs.next_out = r->obuf;
		r->zs.avail_out = OBUFSZ;
		zr = inflate(&r->zs, Z_NO_FLUSH);
		r->ipos = r->ilen - r->zs.avail_in;
		r->olen = OBUFSZ - r->zs.avail_out;
		if (zr == Z_STREAM_END) {
			r->member_done = 1;
		} else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT ||
		    zr == Z_MEM_ERROR || zr == Z_STREAM_ERROR) {
			nf_recwarn("%s: corrupt gzip data near byte %llu (%s), "
			    "skipping to the next member", r->name,
			    (unsigned long long)(r->ioff + r->ipos),
			    r->zs.msg ? r->zs.msg : "inflate error");
			r->nerr++;
			r->olen = 0;	/* don't trust the tail of a bad member */
			if (r->ipos < r->ilen)
				r->ipos++;
			if (!gz_resync(r))
				return 0;
			inflateReset(&r->zs);
			r->brk = 1;
		}
	}
	return 1;
}

/* Bytes available at obuf[opos], refilling when empty; 0 at the end. */
static size_t
avail(struct warc_reader *r)
{
	if (r->opos == r->olen && !src_fill(r))
		return 0;
	return r->olen - r->opos;
}

struct warc_reader *
warc_open(int fd, const char *name, size_t max)
{
	struct warc_reader *r = xcalloc(1, sizeof *r);

	r->fd = fd;
	r->name = name ? name : "-";
	r->max = max ? max : NF_MAX_RECORD;
	r->ibuf = xmalloc(IBUFSZ);
	r->obuf = xmalloc(OBUFSZ);
	/* Decide once: gzip (whole-file or per record) or plain. */
	if (raw_avail(r, 2) >= 2 && r->ibuf[0] == 0x1f && r->ibuf[1] == 0x8b) {
		r->gz = 1;
		if (inflateInit2(&r->zs, 15 + 16) != Z_OK)
			nf_die("zlib: inflateInit2 failed");
	} else {
		/* Hand the bytes read while sniffing to the plain path. */
		memcpy(r->obuf, r->ibuf, r->ilen);
		r->olen = r->ilen;
		r->ipos = r->ilen = 0;
	}
	return r;
}

void
warc_close(struct warc_reader *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->gz)
		inflateEnd(&r->zs);
	for (i = 0; i < r->nfields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	free(r->fields);
	buf_free(&r->hdr);
	buf_free(&r->block);
	free(r->ibuf);
	free(r->obuf);
	free(r);
}

unsigned long
warc_errors(const struct warc_reader *r)
{
	return r->nerr;
}

int
warc_sniff(struct warc_reader *r)
{
	size_t n, i;

	/* Gather up to 16 bytes without consuming them. */
	n = avail(r);
	if (n == 0)
		return -1;
	if (n < 16 && r->opos > 0) {
		memmove(r->obuf, r->obuf + r->opos, n);
		r->ooff += r->opos;
		r->olen = n;
		r->opos = 0;
	}
	while (r->olen - r->opos < 16) {
		if (r->gz)
			break;	/* first inflate call yields plenty */
		ssize_t k = read(r->fd, r->obuf + r->olen, OBUFSZ - r->olen);
		if (k <= 0)
			break;
		r->olen += (size_t)k;
	}
	n = r->olen - r->opos;
	for (i = 0; i < n && i < 8; i++)
		if (!(r->obuf[r->opos + i] == '\r' || r->obuf[r->opos + i] == '\n'))
			break;
	return n - i >= 7 && memcmp(r->obuf + r->opos + i, "WARC/1.", 7) == 0;
}

int
warc_slurp(struct warc_reader *r, struct buf *out, size_t max)
{
	size_t n, take;

	while ((n = avail(r)) > 0) {
		take = n;
		if (out->len + take > max) {
			take = max - out->len;
			buf_append(out, r->obuf + r->opos, take);
			r->opos += n;
			/* Drain the rest so a pipe writer is not blocked. */
			while ((n = avail(r)) > 0)
				r->opos += n;
			return 1;
		}
		buf_append(out, r->obuf + r->opos, take);
		r->opos += take;
	}
	return 0;
}

/* ---- record layer ---- */

/*
 * Read one header line (through '\n') into r->hdr. 1: got a line; 0: end
 * of input; -1: break in the stream; -2: line too long.
 */
static int
read_line(struct warc_reader *r, size_t *start)
{
	size_t n;
	unsigned char *nl;

	*start = r->hdr.len;
	for (;;) {
		n = avail(r);
		if (r->brk)
			return -1;
		if (n == 0)
			return 0;
		nl = memchr(r->obuf + r->opos, '\n', n);
		size_t take = nl ? (size_t)(nl - (r->obuf + r->opos)) + 1 : n;
		if (r->hdr.len + take > MAXHDR)
			return -2;
		buf_append(&r->hdr, r->obuf + r->opos, take);
		r->opos += take;
		if (nl)
			return 1;
	}
}

static void
clear_fields(struct warc_reader *r)
{
	size_t i;

	for (i = 0; i < r->nfields; i++) {
		free(r->fields[i].name);
		free(r->fields[i].value);
	}
	r->nfields = 0;
}

static void
add_field(struct warc_reader *r, const char *name, size_t nn, const char *val, size_t vn)
{
	while (vn && (val[vn - 1] == '\r' || val[vn - 1] == '\n' ||
	    val[vn - 1] == ' ' || val[vn - 1] == '\t'))
		vn--;
	while (vn && (*val == ' ' || *val == '\t'))
		val++, vn--;
	if (r->nfields == r->capfields) {
		r->capfields = r->capfields ? 2 * r->capfields : 16;
		r->fields = xrealloc(r->fields, r->capfields * sizeof *r->fields);
	}
	r->fields[r->nfields].name = xstrndup(name, nn);
	r->fields[r->nfields].value = xstrndup(val, vn);
	r->nfields++;
}

/*
 * Skip to the next line that starts with "WARC/1." (or to a break in the
 * stream), matching "\nWARC/1." byte by byte across buffer boundaries. On
 * a match the magic is consumed and r->magic set, so warc_read() knows the
 * header line has begun. 0 at the end of input.
 */
static int
resync(struct warc_reader *r)
{
	static const char pat[] = "\nWARC/1.";
	size_t n;
	int s = 1;	/* callers stop at a line end: "\n" is matched */

	for (;;) {
		n = avail(r);
		if (n == 0)
			return 0;
		if (r->brk)
			return 1;
		unsigned char *p = r->obuf + r->opos, *e = p + n;
		for (; p < e; p++) {
			if (*p == (unsigned char)pat[s])
				s++;
			else
				s = *p == '\n';
			if (s == 8) {
				r->opos = (size_t)(p + 1 - r->obuf);
				r->magic = 1;
				return 1;
			}
		}
		r->opos += n;
	}
}

static const char *
field(const struct warc_reader *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nfields; i++)
		if (strcasecmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

int
warc_read(struct warc_reader *r, struct warc_record *rec)
{
	size_t start, n;
	int st;
	unsigned long num;
	uint64_t off;
	const char *cl, *target;
	char *end;
	unsigned long long len;

again:
	clear_fields(r);
	buf_reset(&r->hdr);
	buf_reset(&r->block);
	r->brk = 0;
	if (r->magic) {
		r->magic = 0;
		num = ++r->nrec;
		off = r->ooff + r->opos - 7;
		buf_puts(&r->hdr, "WARC/1.");
		st = read_line(r, &start);
		start = 0;
		if (st <= 0)
			goto cut;
		goto header;
	}
	/* Blank lines between records (the "\r\n\r\n" trailer). */
	for (;;) {
		n = avail(r);
		r->brk = 0;
		if (n == 0)
			return 0;
		while (r->opos < r->olen && (r->obuf[r->opos] == '\r' ||
		    r->obuf[r->opos] == '\n'))
			r->opos++;
		if (r->opos < r->olen)
			break;
	}
	num = ++r->nrec;
	off = r->ooff + r->opos;
	st = read_line(r, &start);
	if (st <= 0)
		goto cut;
header:
	if (r->hdr.len < 8 || memcmp(r->hdr.p, "WARC/1.", 7) != 0) {
		nf_recwarn("%s: record %lu at byte %llu: no WARC/1.x header line, "
		    "skipping to the next record", r->name, num, (unsigned long long)off);
		r->nerr++;
		if (!resync(r))
			return 0;
		goto again;
	}
	n = r->hdr.len;
	while (n && (r->hdr.p[n - 1] == '\n' || r->hdr.p[n - 1] == '\r'))
		n--;
	snprintf(rec->version, sizeof rec->version, "%.*s", (int)(n < 15 ? n : 15), r->hdr.p);
	/* Header fields up to the empty line. */
	for (;;) {
		st = read_line(r, &start);
		if (st <= 0)
			goto cut;
		char *l = r->hdr.p + start;
		size_t ln = r->hdr.len - start;

		if (ln == 1 || (ln == 2 && l[0] == '\r'))
			break;
		if ((l[0] == ' ' || l[0] == '\t') && r->nfields > 0) {
			/* Folded continuation of the previous value. */
			struct warc_field *f = &r->fields[r->nfields - 1];
			size_t old = strlen(f->value);
			while (ln && (l[ln - 1] == '\n' || l[ln - 1] == '\r'))
				ln--;
			f->value = xrealloc(f->value, old + ln + 1);
			memcpy(f->value + old, l, ln);
			f->value[old + ln] = '\0';
			continue;
		}
		char *colon = memchr(l, ':', ln);
		if (colon == NULL) {
			nf_recwarn("%s: record %lu at byte %llu: malformed header "
			    "line, skipping to the next record", r->name, num,
			    (unsigned long long)off);
			r->nerr++;
			if (!resync(r))
				return 0;
			goto again;
		}
		add_field(r, l, (size_t)(colon - l), colon + 1, ln - (size_t)(colon - l) - 1);
	}
	target = field(r, "WARC-Target-URI");
	cl = field(r, "Content-Length");
	errno = 0;
	len = cl ? strtoull(cl, &end, 10) : 0;
	if (cl == NULL || *cl == '\0' || *end != '\0' || errno || *cl == '-') {
		nf_recwarn("%s: record %lu%s%s%s: missing or bad Content-Length, "
		    "skipping to the next record", r->name, num,
		    target ? " (" : "", target ? target : "", target ? ")" : "");
		r->nerr++;
		if (!resync(r))
			return 0;
		goto again;
	}
	/* The block: kept if it fits, else read past. */
	int keep = len <= r->max;
	if (keep)
		buf_grow(&r->block, (size_t)len);
	unsigned long long left = len;
	while (left > 0) {
		n = avail(r);
		if (r->brk || n == 0)
			goto cut;
		size_t take = n < left ? n : (size_t)left;
		if (keep)
			buf_append(&r->block, r->obuf + r->opos, take);
		r->opos += take;
		left -= take;
	}
	if (!keep) {
		nf_recwarn("%s: record %lu (%s): block of %llu bytes is larger than "
		    "the limit of %zu bytes, skipped", r->name, num,
		    target ? target : "no URI", len, r->max);
		r->nerr++;
		goto again;
	}
	memset(rec, 0, offsetof(struct warc_record, version));
	rec->num = num;
	rec->offset = off;
	rec->fields = r->fields;
	rec->nfields = r->nfields;
	rec->type = field(r, "WARC-Type");
	if (rec->type == NULL)
		rec->type = "";
	rec->target = target ? target : "";
	buf_grow(&r->block, 0);
	rec->block = r->block.p;
	rec->block_len = r->block.len;
	return 1;
cut:
	if (st == -2) {
		nf_recwarn("%s: record %lu at byte %llu: header block larger than "
		    "%d bytes, skipping to the next record", r->name, num,
		    (unsigned long long)off, MAXHDR);
		r->nerr++;
		if (!resync(r))
			return 0;
		goto again;
	}
	target = field(r, "WARC-Target-URI");
	nf_recwarn("%s: record %lu%s%s%s at byte %llu: truncated%s, skipped",
	    r->name, num, target ? " (" : "", target ? target : "",
	    target ? ")" : "", (unsigned long long)off,
	    r->brk ? " by corrupt data" : " at end of input");
	r->nerr++;
	if (r->brk) {
		r->brk = 0;
		goto again;
	}
	return 0;
}

const char *
warc_get(const struct warc_record *rec, const char *name)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (strcasecmp(rec->fields[i].name, name) == 0)
			return rec->fields[i].value;
	return NULL;
}

/* ---- HTTP messages inside response records ---- */

int
http_parse_response(const char *block, size_t len, struct http_msg *m)
{
	const char *p, *end = block + len, *eoh;
	long code;

	memset(m, 0, sizeof *m);
	if (len < 12 || memcmp(block, "HTTP/", 5) != 0)
		return -1;
	p = memchr(block, ' ', len < 32 ? len : 32);
	if (p == NULL || end - p < 4)
		return -1;
	p++;
	if (p[0] < '1' || p[0] > '5' || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9')
		return -1;
	code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	p = memchr(p, '\n', (size_t)(end - p));
	if (p == NULL) {
		m->status = (int)code;
		m->headers = end;
		m->body = end;
		return 0;
	}
	p++;
	m->headers = p;
	/* Headers end at the first empty line (CRLF or bare LF). */
	eoh = p;
	for (;;) {
		if (eoh >= end) {
			m->headers_len = (size_t)(end - p);
			m->body = end;
			break;
		}
		if (*eoh == '\n') {
			m->headers_len = (size_t)(eoh - p);
			m->body = eoh + 1;
			break;
		}
		if (*eoh == '\r' && eoh + 1 < end && eoh[1] == '\n') {
			m->headers_len = (size_t)(eoh - p);
			m->body = eoh + 2;
			break;
		}
		eoh = memchr(eoh, '\n', (size_t)(end - eoh));
		if (eoh == NULL)
			eoh = end;
		else
			eoh++;
	}
	m->status = (int)code;
	m->body_len = (size_t)(end - m->body);
	return 0;
}

int
http_header(const struct http_msg *m, const char *name, char *out, size_t outlen)
{
	const char *p = m->headers, *end = m->headers + m->headers_len, *nl, *v;
	size_t nn = strlen(name), vn;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > nn && strncasecmp(p, name, nn) == 0 && p[nn] == ':') {
			v = p + nn + 1;
			while (v < nl && (*v == ' ' || *v == '\t'))
				v++;
			vn = (size_t)(nl - v);
			while (vn && (v[vn - 1] == '\r' || v[vn - 1] == ' ' || v[vn - 1] == '\t'))
				vn--;
			if (outlen) {
				if (vn >= outlen)
					vn = outlen - 1;
				memcpy(out, v, vn);
				out[vn] = '\0';
			}
			return 1;
		}
		p = nl + 1;
	}
	return 0;
}

/* ---- writer ---- */

struct warc_writer {
	FILE *fp;
	int gzip;
	int err;
	struct buf hdr;
	unsigned char *zout;
};

struct warc_writer *
warc_writer_new(FILE *fp, int gzip)
{
	struct warc_writer *w = xcalloc(1, sizeof *w);

	w->fp = fp;
	w->gzip = gzip;
	if (gzip)
		w->zout = xmalloc(OBUFSZ);
	return w;
}

int
warc_writer_free(struct warc_writer *w)
{
	int err;

	if (w == NULL)
		return 0;
	err = w->err;
	if (fflush(w->fp) == EOF)
		err = 1;
	buf_free(&w->hdr);
	free(w->zout);
	free(w);
	return err ? -1 : 0;
}

void
warc_new_id(char out[48])
{
	unsigned char u[16];
	char hx[33];
	size_t got = 0;
	ssize_t n;

	while (got < sizeof u) {
		n = getrandom(u + got, sizeof u - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			nf_dieerr("getrandom");
		}
		got += (size_t)n;
	}
	u[6] = (u[6] & 0x0f) | 0x40;	/* version 4 */
	u[8] = (u[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	hex_encode(u, 16, hx);
	snprintf(out, 48, "<urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s>",
	    hx, hx + 8, hx + 12, hx + 16, hx + 20);
}

void
warc_digest(const void *p, size_t n, char out[40])
{
	unsigned char d[20];
	char b32[33];

	sha1(p, n, d);
	base32_20(d, b32);
	snprintf(out, 40, "sha1:%s", b32);
}

static int
has(const struct warc_field *f, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(f[i].name, name) == 0)
			return 1;
	return 0;
}

/* Header values must stay on one line. */
static void
put_field(struct buf *b, const char *name, const char *value)
{
	const char *v;

	buf_puts(b, name);
	buf_puts(b, ": ");
	for (v = value; *v; v++)
		buf_putc(b, *v == '\r' || *v == '\n' ? ' ' : *v);
	buf_puts(b, "\r\n");
}

static int
zwrite(struct warc_writer *w, z_stream *zs, const void *p, size_t n, int flush)
{
	int zr;

	zs->next_in = (Bytef *)(uintptr_t)p;
	zs->avail_in = (uInt)n;
	do {
		zs->next_out = w->zout;
		zs->avail_out = OBUFSZ;
		zr = deflate(zs, flush);
		if (zr == Z_STREAM_ERROR)
			return -1;
		size_t out = OBUFSZ - zs->avail_out;
		if (out && fwrite(w->zout, 1, out, w->fp) != out)
			return -1;
	} while (zs->avail_out == 0 || (flush == Z_FINISH && zr != Z_STREAM_END));
	return 0;
}

int
warc_write(struct warc_writer *w, const char *type,
    const struct warc_field *fields, size_t nfields,
    const void *block, size_t len, char *id_out)
{
	struct iovec iov = { (void *)(uintptr_t)block, len };

	return warc_writev(w, type, fields, nfields, &iov, 1, id_out);
}

int
warc_writev(struct warc_writer *w, const char *type,
    const struct warc_field *fields, size_t nfields,
    const struct iovec *iov, int iovcnt, char *id_out)
{
	char id[48], date[32], dig[40], num[32];
	size_t i, len = 0;
	int k, bad = 0;

	for (k = 0; k < iovcnt; k++)
		len += iov[k].iov_len;
	buf_reset(&w->hdr);
	buf_puts(&w->hdr, "WARC/1.1\r\n");
	put_field(&w->hdr, "WARC-Type", type);
	if (!has(fields, nfields, "WARC-Record-ID")) {
		warc_new_id(id);
		put_field(&w->hdr, "WARC-Record-ID", id);
	} else {
		for (i = 0; i < nfields; i++)
			if (strcasecmp(fields[i].name, "WARC-Record-ID") == 0)
				snprintf(id, sizeof id, "%s", fields[i].value);
	}
	if (!has(fields, nfields, "WARC-Date")) {
		nf_now_rfc3339(date);
		put_field(&w->hdr, "WARC-Date", date);
	}
	for (i = 0; i < nfields; i++)
		if (strcasecmp(fields[i].name, "Content-Length") != 0)
			put_field(&w->hdr, fields[i].name, fields[i].value);
	if (!has(fields, nfields, "WARC-Block-Digest")) {
		struct sha1 s;
		unsigned char d[20];
		char b32[33];

		sha1_init(&s);
		for (k = 0; k < iovcnt; k++)
			sha1_update(&s, iov[k].iov_base, iov[k].iov_len);
		sha1_final(&s, d);
		base32_20(d, b32);
		snprintf(dig, sizeof dig, "sha1:%s", b32);
		put_field(&w->hdr, "WARC-Block-Digest", dig);
	}
	snprintf(num, sizeof num, "%zu", len);
	put_field(&w->hdr, "Content-Length", num);
	buf_puts(&w->hdr, "\r\n");
	if (id_out)
		memcpy(id_out, id, strlen(id) + 1);
	if (!w->gzip) {
		if (fwrite(w->hdr.p, 1, w->hdr.len, w->fp) != w->hdr.len)
			bad = 1;
		for (k = 0; k < iovcnt && !bad; k++)
			if (iov[k].iov_len && fwrite(iov[k].iov_base, 1, iov[k].iov_len,
			    w->fp) != iov[k].iov_len)
				bad = 1;
		if (!bad && fwrite("\r\n\r\n", 1, 4, w->fp) != 4)
			bad = 1;
	} else {
		z_stream zs;

		memset(&zs, 0, sizeof zs);
		/* One gzip member per record, as Common Crawl writes them,
		 * so readers can seek to any record. */
		if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			nf_die("zlib: deflateInit2 failed");
		if (zwrite(w, &zs, w->hdr.p, w->hdr.len, Z_NO_FLUSH) < 0)
			bad = 1;
		for (k = 0; k < iovcnt && !bad; k++)
			if (zwrite(w, &zs, iov[k].iov_base, iov[k].iov_len, Z_NO_FLUSH) < 0)
				bad = 1;
		if (!bad && zwrite(w, &zs, "\r\n\r\n", 4, Z_FINISH) < 0)
			bad = 1;
		deflateEnd(&zs);
	}
	if (bad) {
		w->err = 1;
		return -1;
	}
	return 0;
}

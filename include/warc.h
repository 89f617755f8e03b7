/*
 * warc.h: a streaming WARC 1.1 reader and writer (ISO 28500).
 *
 * The reader takes plain WARC, a gzip stream of the whole file, or one
 * gzip member per record (Common Crawl's layout) on any file descriptor,
 * and returns one record at a time with bounded memory: a block larger
 * than the reader's max is skipped (reported, not stored). A truncated or
 * corrupt record is reported with nf_recwarn() and the reader resynchronises
 * on the next "WARC/1." line or gzip member; it never crashes on any input.
 *
 * The writer writes records with the mandatory fields filled in
 * (WARC-Record-ID, WARC-Date, Content-Length, WARC-Block-Digest) and
 * optionally one gzip member per record.
 */
#ifndef NF_WARC_H
#define NF_WARC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "buf.h"

struct warc_field {
	char *name;
	char *value;
};

struct warc_record {
	unsigned long num;		/* ordinal in the stream, from 1 */
	uint64_t offset;		/* offset of the record (uncompressed) */
	char version[16];		/* "WARC/1.1" */
	struct warc_field *fields;	/* header fields, in order */
	size_t nfields;
	const char *type;		/* WARC-Type, or "" */
	const char *target;		/* WARC-Target-URI, or "" */
	char *block;			/* the block, block_len bytes (+ NUL) */
	size_t block_len;
};

struct warc_reader;

/* Open a reader on fd (not closed by warc_close). `name` is used in
 * messages; `max` bounds a block in memory (0 means NF_MAX_RECORD). */
struct warc_reader *warc_open(int fd, const char *name, size_t max);
void warc_close(struct warc_reader *r);

/* After opening: 1 if the stream starts like a WARC ("WARC/1."), 0 if it
 * does not (an HTML page, say), -1 if it is empty. Does not consume. */
int warc_sniff(struct warc_reader *r);
/* Read everything left (decompressed) into out, at most max bytes; returns
 * 0, or 1 if more than max bytes were there (out holds the first max), or
 * -1 on read error. For callers that found a non-WARC stream. */
int warc_slurp(struct warc_reader *r, struct buf *out, size_t max);

/*
 * Next record: 1 and *rec filled (valid until the next call), 0 at the end
 * of the stream. Bad records are reported and skipped inside, and counted
 * in warc_errors(); the reader goes on with the next good one.
 */
int warc_read(struct warc_reader *r, struct warc_record *rec);
unsigned long warc_errors(const struct warc_reader *r);

/* Value of header field `name` (case-insensitive), or NULL. */
const char *warc_get(const struct warc_record *rec, const char *name);

/*
 * For response records: split an HTTP response block into status code,
 * headers and payload. Returns 0 and fills the fields, or -1 if the block
 * is not an HTTP response. Pointers point into rec->block.
 */
struct http_msg {
	int status;
	const char *headers;	/* raw header lines */
	size_t headers_len;
	const char *body;
	size_t body_len;
};
int http_parse_response(const char *block, size_t len, struct http_msg *m);
/* Value of an HTTP header (case-insensitive) copied into out (NUL
 * terminated, truncated to outlen-1); 1 if found. */
int http_header(const struct http_msg *m, const char *name, char *out, size_t outlen);

struct warc_writer;

/* A writer on fp; gzip != 0 writes one gzip member per record. */
struct warc_writer *warc_writer_new(FILE *fp, int gzip);
/* Returns 0, or -1 on write error (errno set). */
int warc_writer_free(struct warc_writer *w);

/*
 * Write one record of `type` with the extra header fields `fields` (may
 * include WARC-Target-URI, WARC-Concurrent-To, WARC-Payload-Digest, ...;
 * WARC-Record-ID, WARC-Date, Content-Length and WARC-Block-Digest are
 * added unless present). The new record's id ("<urn:uuid:...>") is
 * copied to id_out (at least 48 bytes) if not NULL. Returns 0 or -1.
 */
int warc_write(struct warc_writer *w, const char *type,
    const struct warc_field *fields, size_t nfields,
    const void *block, size_t len, char *id_out);

/* The same with the block in iovcnt parts (head and body of a response
 * without gluing them together first); len is their sum. */
struct iovec;
int warc_writev(struct warc_writer *w, const char *type,
    const struct warc_field *fields, size_t nfields,
    const struct iovec *iov, int iovcnt, char *id_out);
/* Helpers the writer uses, exported for newsfetch and the tests. */
void warc_new_id(char out[48]);			/* "<urn:uuid:...>" */
/* "sha1:" + base32 SHA-1 of p[0..n) into out (at least 38 bytes). */
void warc_digest(const void *p, size_t n, char out[40]);

#endif

/*
 * jsonl.h: JSON Lines in and out, on jansson.
 *
 * Every later stage reads one JSON object a line, changes the fields it
 * owns and writes the object back: fields it does not know are kept, in
 * their order, because the whole object is loaded and dumped.
 */
#ifndef NF_JSONL_H
#define NF_JSONL_H

#include <stdio.h>
#include <jansson.h>
#include "lineio.h"

struct jsonl_reader {
	struct linereader lr;
	const char *name;	/* input name for messages ("-" is stdin) */
	unsigned long records;	/* objects returned */
	unsigned long bad;	/* lines reported and skipped */
};

enum { JSONL_EOF = 0, JSONL_OK = 1, JSONL_BAD = 2 };

void jsonl_init(struct jsonl_reader *r, FILE *fp, const char *name, size_t max);
/*
 * Next object. JSONL_OK: *out is a new reference (caller json_decref()s).
 * JSONL_BAD: the line was not a JSON object, was too long or was not
 * UTF-8; it was reported with nf_recwarn() naming the line and skipped.
 * Blank lines are skipped silently. JSONL_EOF at the end; a read error is
 * fatal (nf_die).
 */
int jsonl_read(struct jsonl_reader *r, json_t **out);
void jsonl_free(struct jsonl_reader *r);
/*
 * jsonl_read() in two steps, for a reader that looks at the line's bytes
 * first (newsmerge): jsonl_next_line() reads the next non-blank line into
 * r->lr.line (JSONL_OK), or reports a too long one (JSONL_BAD), or
 * JSONL_EOF; jsonl_parse_line() parses r->lr.line as jsonl_read() does.
 */
int jsonl_next_line(struct jsonl_reader *r);
int jsonl_parse_line(struct jsonl_reader *r, json_t **out);

/* Write obj compactly as one line (UTF-8, key order kept); dies on write
 * error. */
void jsonl_write(FILE *fp, json_t *obj);

/* A short description of a record for messages: "line N (url)" using the
 * object's "url" or "id" field when it has one; static buffer. */
const char *jsonl_where(const struct jsonl_reader *r, json_t *obj);

/*
 * Put the valid UTF-8 NFC form of obj's string "text" in out (reset first)
 * and, when it differs, store it back into obj, so that offsets computed on
 * out index the text that is written. Returns 1 if obj's text was changed,
 * else 0; a missing or non-string "text" is taken as "" and left alone.
 */
int jsonl_text_nfc(json_t *obj, struct buf *out);

/* Field helpers: string value or NULL; its length, 0 if none. */
const char *json_str(json_t *obj, const char *key);
size_t json_strlen(json_t *obj, const char *key);

#endif

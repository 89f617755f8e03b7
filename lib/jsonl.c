/*
 * jsonl.c: JSON Lines records on jansson.
 */
#include <errno.h>
#include <string.h>

#include "jsonl.h"
#include "nf.h"
#include "utf8.h"

void
jsonl_init(struct jsonl_reader *r, FILE *fp, const char *name, size_t max)
{
	memset(r, 0, sizeof *r);
	line_init(&r->lr, fp, max);
	r->name = name ? name : "-";
}

void
jsonl_free(struct jsonl_reader *r)
{
	line_free(&r->lr);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* "stdin line 3" or "FILE line 3". */
static const char *
where(const struct jsonl_reader *r)
{
	static char w[512];

	if (strcmp(r->name, "-") == 0)
		snprintf(w, sizeof w, "line %lu", r->lr.lineno);
	else
		snprintf(w, sizeof w, "%s: line %lu", r->name, r->lr.lineno);
	return w;
}

int
jsonl_read(struct jsonl_reader *r, json_t **out)
{
	int st = jsonl_next_line(r);

	return st == JSONL_OK ? jsonl_parse_line(r, out) : st;
}

int
jsonl_next_line(struct jsonl_reader *r)
{
	int st;

	for (;;) {
		st = line_read(&r->lr);
		if (st == LINE_EOF)
			return JSONL_EOF;
		if (st == LINE_ERROR)
			nf_dieerr("%s: read error", r->name);
		if (st == LINE_TOOLONG) {
			nf_recwarn("%s: record of %zu bytes is larger than the "
			    "limit of %zu bytes, skipped", where(r),
			    r->lr.toolong_len, r->lr.max);
			r->bad++;
			return JSONL_BAD;
		}
		if (!blank(r->lr.line.p, r->lr.line.len))
			return JSONL_OK;
	}
}

int
jsonl_parse_line(struct jsonl_reader *r, json_t **out)
{
	json_error_t e;
	json_t *o;

	/*
	 * jansson rejects invalid UTF-8 and NUL in strings; a line with bad
	 * bytes is reported rather than repaired, since we cannot know
	 * which field they belonged to.
	 */
	o = json_loadb(r->lr.line.p, r->lr.line.len,
	    JSON_REJECT_DUPLICATES, &e);
	if (o == NULL) {
		nf_recwarn("%s: not JSON (%s at column %d), skipped",
		    where(r), e.text, e.column);
		r->bad++;
		return JSONL_BAD;
	}
	if (!json_is_object(o)) {
		nf_recwarn("%s: not a JSON object, skipped", where(r));
		json_decref(o);
		r->bad++;
		return JSONL_BAD;
	}
	r->records++;
	*out = o;
	return JSONL_OK;
}

/*
 * Dump into one reused buffer and write it with one fwrite: jansson's
 * streaming dump makes a call per token, which was most of newssplit's
 * time in JSON mode.
 */
void
jsonl_write(FILE *fp, json_t *obj)
{
	static char *b;
	static size_t cap;
	size_t n;

	n = json_dumpb(obj, b, cap, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (n == 0)
		nf_die("cannot encode a record as JSON");
	if (n + 1 > cap) {
		cap = n + 1 > 2 * cap ? n + 1 : 2 * cap;
		b = xrealloc(b, cap);
		n = json_dumpb(obj, b, cap, JSON_COMPACT | JSON_PRESERVE_ORDER);
	}
	b[n] = '\n';
	if (fwrite(b, 1, n + 1, fp) != n + 1)
		nf_dieerr("write error");
}

const char *
jsonl_where(const struct jsonl_reader *r, json_t *obj)
{
	static char w[1024];
	const char *u = NULL;

	if (obj) {
		u = json_str(obj, "url");
		if (u == NULL)
			u = json_str(obj, "id");
	}
	if (u)
		snprintf(w, sizeof w, "%s (%.900s)", where(r), u);
	else
		snprintf(w, sizeof w, "%s", where(r));
	return w;
}

int
jsonl_text_nfc(json_t *obj, struct buf *out)
{
	const char *s = json_str(obj, "text");
	size_t n = json_strlen(obj, "text");

	buf_reset(out);
	buf_grow(out, 0);
	if (s == NULL)
		return 0;
	utf8_clean(out, s, n);
	if (out->len == n && memcmp(out->p, s, n) == 0)
		return 0;
	json_object_set_new(obj, "text", json_stringn(out->p, out->len));
	return 1;
}

const char *
json_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

size_t
json_strlen(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_length(v) : 0;
}

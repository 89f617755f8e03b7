/*
 * jscan.c: read the few fields newsmerge needs straight from a line's
 * bytes, without building the document with jansson.
 *
 * Loading every document into jansson objects and dumping the changed
 * ones was two thirds of newsmerge's time (perf, bench's merge section:
 * 4,600 documents/s). A kept document is written as its input bytes, with
 * "dup_of" spliced into the sentence objects that need it; so all merge.c
 * needs is the line validated and the spans of "id", "text" and each
 * sentence's "text" (or "start"/"end") and closing brace.
 *
 * The scanner is deliberately strict: it accepts only lines that jansson
 * (with JSON_REJECT_DUPLICATES, as jsonl_parse_line() loads them) would
 * accept as the same object, and leaves anything it is not sure of (a
 * \u0000, a lone surrogate, a key with an escape, an object of many keys,
 * a huge number, deep nesting) to jansson, which then names the problem
 * or parses it. So both paths see the same documents.
 */
#include <string.h>

#include "nf.h"
#include "buf.h"
#include "utf8.h"
#include "merge.h"

/* Beyond these the line goes to jansson. */
#define MAX_DEPTH 64
#define MAX_KEYS 48

struct scan {
	const char *s;
	size_t n, i;
	struct jdoc *d;
	size_t elem;	/* index of the element of "sentences" being read */
};

static void
skip_ws(struct scan *sc)
{
	while (sc->i < sc->n && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t' ||
	    sc->s[sc->i] == '\n' || sc->s[sc->i] == '\r'))
		sc->i++;
}

static int
hex4(const char *p, unsigned *v)
{
	unsigned x = 0;
	int k;

	for (k = 0; k < 4; k++) {
		char c = p[k];
		x <<= 4;
		if (c >= '0' && c <= '9')
			x |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			x |= (unsigned)(c - 'A' + 10);
		else
			return 0;
	}
	*v = x;
	return 1;
}

/*
 * A string at sc->i (the opening quote). Decoded into out when out is
 * not NULL; *raw set if it had no escape (then its bytes are s[a..b)).
 * The line was checked to be valid UTF-8 as a whole.
 */
#define ONES 0x0101010101010101ULL

/* Whether a byte of x is below n (n <= 128; exact for "any"). */
#define HAS_LESS(x, n) ((((x) - ONES * (n)) & ~(x) & ONES * 0x80) != 0)

static int
string(struct scan *sc, struct buf *out, size_t *a, size_t *b, int *raw)
{
	const char *s = sc->s;
	size_t i = sc->i + 1, run;

	*raw = 1;
	*a = i;
	run = i;
	for (;;) {
		unsigned char c;
		uint64_t x;

		/* Eight plain bytes at a time (no quote, backslash or
		 * control): texts are long, and the byte loop was 7% of a
		 * run (perf). */
		while (sc->n - i >= 8) {
			memcpy(&x, s + i, 8);
			if (HAS_LESS(x ^ (ONES * '"'), 1) ||
			    HAS_LESS(x ^ (ONES * '\\'), 1) || HAS_LESS(x, 0x20))
				break;
			i += 8;
		}
		if (i >= sc->n)
			return 0;
		c = (unsigned char)s[i];
		if (c == '"')
			break;
		if (c < 0x20)
			return 0;
		if (c != '\\') {
			i++;
			continue;
		}
		*raw = 0;
		if (out)
			buf_append(out, s + run, i - run);
		if (i + 1 >= sc->n)
			return 0;
		c = (unsigned char)s[i + 1];
		i += 2;
		if (c == 'u') {
			unsigned v, lo;
			char enc[4];
			if (i + 4 > sc->n || !hex4(s + i, &v) || v == 0)
				return 0;
			i += 4;
			if (v >= 0xDC00 && v <= 0xDFFF)
				return 0;
			if (v >= 0xD800 && v <= 0xDBFF) {
				if (i + 6 > sc->n || s[i] != '\\' || s[i + 1] != 'u' ||
				    !hex4(s + i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return 0;
				i += 6;
				v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (out)
				buf_append(out, enc, (size_t)utf8_encode((int32_t)v, enc));
		} else {
			char e;
			switch (c) {
			case '"': e = '"'; break;
			case '\\': e = '\\'; break;
			case '/': e = '/'; break;
			case 'b': e = '\b'; break;
			case 'f': e = '\f'; break;
			case 'n': e = '\n'; break;
			case 'r': e = '\r'; break;
			case 't': e = '\t'; break;
			default: return 0;
			}
			if (out)
				buf_putc(out, e);
		}
		run = i;
	}
	if (out)
		buf_append(out, s + run, i - run);
	*b = i;
	sc->i = i + 1;
	return 1;
}

/* A number; *ival set if it is a small integer. */
static int
number(struct scan *sc, long long *ival, int *isint)
{
	const char *s = sc->s;
	size_t i = sc->i, d0;
	int neg = 0, frac = 0;
	long long v = 0;

	if (i < sc->n && s[i] == '-')
		neg = 1, i++;
	d0 = i;
	if (i < sc->n && s[i] == '0')
		i++;
	else if (i < sc->n && s[i] >= '1' && s[i] <= '9')
		while (i < sc->n && s[i] >= '0' && s[i] <= '9') {
			if (i - d0 < 18)	/* past that, refused below */
				v = v * 10 + (s[i] - '0');
			i++;
		}
	else
		return 0;
	/* jansson fails on integers past int64 and reals past DBL_MAX:
	 * leave long ones to it. */
	if (i - d0 > 18)
		return 0;
	if (i < sc->n && s[i] == '.') {
		frac = 1;
		if (++i >= sc->n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < sc->n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < sc->n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e0;
		frac = 1;
		i++;
		if (i < sc->n && (s[i] == '+' || s[i] == '-'))
			i++;
		e0 = i;
		while (i < sc->n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == e0 || i - e0 > 2)
			return 0;
	}
	*isint = !frac;
	*ival = neg ? -v : v;
	sc->i = i;
	return 1;
}

static int value(struct scan *sc, int depth, int where);

/* Where a value is, for what the scanner keeps of it. */
enum { IN_OTHER, IN_TOP, IN_SENTENCES, IN_SENTENCE };

static int
keys_unique(const struct scan *sc, const size_t *ka, const size_t *kb,
    size_t nk)
{
	size_t i;

	/* The last key against the earlier ones. */
	for (i = 0; i + 1 < nk; i++)
		if (kb[i] - ka[i] == kb[nk - 1] - ka[nk - 1] &&
		    memcmp(sc->s + ka[i], sc->s + ka[nk - 1], kb[i] - ka[i]) == 0)
			return 0;
	return 1;
}

static int
object(struct scan *sc, int depth, int where)
{
	struct jdoc *d = sc->d;
	size_t ka[MAX_KEYS], kb[MAX_KEYS], nk = 0;
	struct jsent *js = NULL;

	if (depth > MAX_DEPTH)
		return 0;
	sc->i++;	/* { */
	if (where == IN_SENTENCE) {
		if (d->ns == d->caps) {
			d->caps = d->caps ? 2 * d->caps : 64;
			d->s = xrealloc(d->s, d->caps * sizeof *d->s);
		}
		js = &d->s[d->ns];
		memset(js, 0, sizeof *js);
		js->idx = sc->elem;
		d->ns++;
		js->toff = (size_t)-1;
		js->start = js->end = -1;
	}
	skip_ws(sc);
	if (sc->i < sc->n && sc->s[sc->i] == '}') {
		sc->i++;
		if (js)
			js->close = sc->i - 1;
		return 1;
	}
	for (;;) {
		size_t a, b;
		int raw, sub = IN_OTHER, k = 0;

		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != '"' ||
		    !string(sc, NULL, &a, &b, &raw) || !raw || nk == MAX_KEYS)
			return 0;
		ka[nk] = a;
		kb[nk] = b;
		nk++;
		if (!keys_unique(sc, ka, kb, nk))
			return 0;
		skip_ws(sc);
		if (sc->i >= sc->n || sc->s[sc->i] != ':')
			return 0;
		sc->i++;
		skip_ws(sc);
		if (sc->i >= sc->n)
			return 0;
#define KEY(lit) (b - a == sizeof(lit) - 1 && memcmp(sc->s + a, lit, b - a) == 0)
		if (where == IN_TOP) {
			if (KEY("text"))
				k = 't';
			else if (KEY("id"))
				k = 'i';
			else if (KEY("url"))
				k = 'u';
			else if (KEY("version"))
				d->has_version = 1;
			else if (KEY("sentences"))
				sub = IN_SENTENCES;
		} else if (where == IN_SENTENCE) {
			if (KEY("text"))
				k = 's';
			else if (KEY("start"))
				k = 'a';
			else if (KEY("end"))
				k = 'b';
			else if (KEY("dup_of"))
				d->has_dupof = 1;
		}
#undef KEY
		if (k == 't' || k == 'i' || k == 's' || k == 'u') {
			struct buf *out = k == 't' ? &d->text : k == 'i' ? &d->id :
			    k == 'u' ? &d->url : &d->pool;
			size_t a2, b2, at = d->pool.len;
			if (sc->s[sc->i] != '"')
				goto other;
			if (k != 's')
				buf_reset(out);
			if (!string(sc, out, &a2, &b2, &raw))
				return 0;
			if (k == 't')
				d->has_text = 1;
			else if (k == 'i')
				d->has_id = 1;
			else if (k == 'u')
				d->has_url = 1;
			else {
				/* sentences get re-pointed at the end (the
				 * pool may move) */
				js->toff = at;
				js->tlen = d->pool.len - at;
			}
		} else if ((k == 'a' || k == 'b') &&
		    (sc->s[sc->i] == '-' || (sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9'))) {
			long long v;
			int isint;
			if (!number(sc, &v, &isint))
				return 0;
			if (isint && k == 'a')
				js->start = v;
			else if (isint)
				js->end = v;
		} else {
other:
			if (where == IN_TOP && sub == IN_SENTENCES &&
			    sc->s[sc->i] == '[')
				d->has_sentences = 1;
			if (!value(sc, depth + 1, sub))
				return 0;
		}
		skip_ws(sc);
		if (sc->i >= sc->n)
			return 0;
		if (sc->s[sc->i] == ',') {
			sc->i++;
			continue;
		}
		if (sc->s[sc->i] != '}')
			return 0;
		if (js)
			js->close = sc->i;
		sc->i++;
		return 1;
	}
}

static int
value(struct scan *sc, int depth, int where)
{
	const char *s = sc->s;
	size_t a, b;
	int raw;

	if (sc->i >= sc->n)
		return 0;
	switch (s[sc->i]) {
	case '{':
		return object(sc, depth, where == IN_SENTENCES ? IN_SENTENCE :
		    IN_OTHER);
	case '[':
		if (depth > MAX_DEPTH)
			return 0;
		sc->i++;
		skip_ws(sc);
		if (sc->i < sc->n && s[sc->i] == ']') {
			sc->i++;
			return 1;
		}
		for (size_t k = 0;; k++) {
			skip_ws(sc);
			sc->elem = k;
			/* Only objects in "sentences" are sentences; anything
			 * else there counts as another value. */
			if (!value(sc, depth + 1, where == IN_SENTENCES &&
			    sc->i < sc->n && s[sc->i] == '{' ? IN_SENTENCES :
			    IN_OTHER))
				return 0;
			skip_ws(sc);
			if (sc->i >= sc->n)
				return 0;
			if (s[sc->i] == ',') {
				sc->i++;
				continue;
			}
			if (s[sc->i] != ']')
				return 0;
			sc->i++;
			return 1;
		}
	case '"':
		return string(sc, NULL, &a, &b, &raw);
	case 't':
		if (sc->n - sc->i >= 4 && memcmp(s + sc->i, "true", 4) == 0) {
			sc->i += 4;
			return 1;
		}
		return 0;
	case 'f':
		if (sc->n - sc->i >= 5 && memcmp(s + sc->i, "false", 5) == 0) {
			sc->i += 5;
			return 1;
		}
		return 0;
	case 'n':
		if (sc->n - sc->i >= 4 && memcmp(s + sc->i, "null", 4) == 0) {
			sc->i += 4;
			return 1;
		}
		return 0;
	default: {
		long long v;
		int isint;
		return number(sc, &v, &isint);
	}
	}
}

int
jscan_doc(struct jdoc *d, const char *line, size_t len)
{
	struct scan sc = { line, len, 0, d, 0 };

	buf_reset(&d->text);
	buf_reset(&d->id);
	buf_reset(&d->url);
	buf_reset(&d->pool);
	d->ns = 0;
	d->has_text = d->has_id = d->has_url = d->has_version = 0;
	d->has_sentences = d->has_dupof = 0;
	/* Only a line that is one compact-ended object is written through
	 * as it is; jansson has the rest. */
	if (len < 2 || line[0] != '{' || line[len - 1] != '}' ||
	    !utf8_valid(line, len))
		return 0;
	if (!object(&sc, 1, IN_TOP))
		return 0;
	return sc.i == len;
}

void
jdoc_from_json(struct jdoc *d, json_t *doc)
{
	json_t *v, *ss;
	size_t i;

	buf_reset(&d->text);
	buf_reset(&d->id);
	buf_reset(&d->url);
	buf_reset(&d->pool);
	d->ns = 0;
	d->has_text = d->has_id = d->has_url = d->has_version = 0;
	d->has_sentences = d->has_dupof = 0;
	if (json_is_string(v = json_object_get(doc, "text"))) {
		buf_append(&d->text, json_string_value(v), json_string_length(v));
		d->has_text = 1;
	}
	if (json_is_string(v = json_object_get(doc, "id"))) {
		buf_append(&d->id, json_string_value(v), json_string_length(v));
		d->has_id = 1;
	}
	if (json_is_string(v = json_object_get(doc, "url"))) {
		buf_append(&d->url, json_string_value(v), json_string_length(v));
		d->has_url = 1;
	}
	d->has_version = json_object_get(doc, "version") != NULL;
	if (!json_is_array(ss = json_object_get(doc, "sentences")))
		return;
	d->has_sentences = 1;
	for (i = 0; i < json_array_size(ss); i++) {
		json_t *s = json_array_get(ss, i), *js, *je;
		struct jsent *e;

		if (!json_is_object(s))
			continue;
		if (d->ns == d->caps) {
			d->caps = d->caps ? 2 * d->caps : 64;
			d->s = xrealloc(d->s, d->caps * sizeof *d->s);
		}
		e = &d->s[d->ns++];
		memset(e, 0, sizeof *e);
		e->idx = i;
		e->toff = (size_t)-1;
		e->start = e->end = -1;
		if (json_object_get(s, "dup_of"))
			d->has_dupof = 1;
		if (json_is_string(v = json_object_get(s, "text"))) {
			e->toff = d->pool.len;
			e->tlen = json_string_length(v);
			buf_append(&d->pool, json_string_value(v), e->tlen);
		}
		js = json_object_get(s, "start");
		je = json_object_get(s, "end");
		if (json_is_integer(js))
			e->start = json_integer_value(js);
		if (json_is_integer(je))
			e->end = json_integer_value(je);
	}
}

void
jdoc_free(struct jdoc *d)
{
	buf_free(&d->text);
	buf_free(&d->id);
	buf_free(&d->url);
	buf_free(&d->pool);
	free(d->s);
	memset(d, 0, sizeof *d);
}

/*
 * newssplit: add sentence boundaries to JSON Lines documents, or split
 * plain text into one sentence a line.
 *
 * JSON mode reads one object a line, splits its "text" with the rules of
 * its "language" (or -l) and adds "sentences": [{"text","start","end"}]
 * with code point offsets; every other field is kept. Plain mode (-t)
 * reads text in chunks that end at a paragraph boundary, so memory stays
 * bounded however long the input or its lines are.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonl.h"
#include "nf.h"
#include "utf8.h"
#include "split.h"

#define CHUNK ((size_t)1 << 20)
#define MAX_LANGS 64

static const char *aflag;	/* -a FILE: more abbreviations */
static const char *lflag;	/* -l LANG: overrides "language" */
static size_t mflag = NF_MAX_RECORD;
static int tflag;		/* plain text in and out */
static int wflag;		/* wrapped: only blank lines end paragraphs */

static struct seg_lang langs[MAX_LANGS];
static int nlangs;

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: newssplit [-tvw] [-a file] [-l lang] "
	    "[-m size] [file ...]\n");
}

/* The rules for a language, loaded on first use and kept: they are
 * configuration, not per-record state. */
static const struct seg_lang *
lang(const char *code)
{
	char norm[16];
	int i;

	if (code == NULL || *code == '\0')
		code = "en";
	seg_lang_code(code, norm);
	for (i = 0; i < nlangs; i++)
		if (strcmp(langs[i].code, norm) == 0)
			return &langs[i];
	if (nlangs == MAX_LANGS)
		return &langs[0];
	seg_lang_load(&langs[nlangs], code, aflag);
	return &langs[nlangs++];
}

struct jctx {
	const char *s;
	struct utf8_cursor cur;
	json_t *arr;
};

static void
emit_json(void *arg, size_t start, size_t end)
{
	struct jctx *c = arg;
	size_t cs = utf8_cursor_cp(&c->cur, start);
	size_t ce = utf8_cursor_cp(&c->cur, end);
	json_t *o = json_pack("{s:s%,s:I,s:I}", "text", c->s + start,
	    end - start, "start", (json_int_t)cs, "end", (json_int_t)ce);

	if (o == NULL)
		nf_die("out of memory");
	json_array_append_new(c->arr, o);
}

static void
json_mode(FILE *fp, const char *name)
{
	struct jsonl_reader r;
	struct buf clean = {0};
	json_t *o;
	int st;

	jsonl_init(&r, fp, name, mflag);
	while ((st = jsonl_read(&r, &o)) != JSONL_EOF) {
		json_t *text;
		const char *s;
		size_t n;
		struct jctx c;

		if (st != JSONL_OK)
			continue;
		text = json_object_get(o, "text");
		if (!json_is_string(text)) {
			nf_recwarn("%s: no string \"text\" field, written "
			    "unchanged", jsonl_where(&r, o));
			jsonl_write(stdout, o);
			json_decref(o);
			continue;
		}
		/* offsets index the NFC text we write back */
		if (jsonl_text_nfc(o, &clean))
			nf_debug("%s: text normalized to NFC",
			    jsonl_where(&r, o));
		s = clean.p;
		n = clean.len;
		c.s = s;
		c.cur = (struct utf8_cursor){ s, n, 0, 0 };
		c.arr = json_array();
		seg_text(lang(lflag ? lflag : json_str(o, "language")), s, n,
		    wflag, emit_json, &c);
		json_object_set_new(o, "sentences", c.arr);
		jsonl_write(stdout, o);
		json_decref(o);
	}
	jsonl_free(&r);
	buf_free(&clean);
}

/*
 * -t output of one chunk. Sentences come in order, so where the next
 * '\n' and '\r' are is kept and searched for again only once passed:
 * the chunk is searched once, not once per sentence. Output goes to out
 * and is written once per chunk.
 */
struct text_out {
	const char *s;
	size_t n;
	size_t nl, cr;		/* next '\n', '\r' at or after; n: none */
	struct buf out;
};

static size_t
next_byte(const char *s, size_t n, size_t from, int c)
{
	const char *p = memchr(s + from, c, n - from);

	return p ? (size_t)(p - s) : n;
}

static void
emit_text(void *arg, size_t start, size_t end)
{
	struct text_out *o = arg;
	const char *s = o->s;
	size_t i, b = start;

	if (o->nl < start)
		o->nl = next_byte(s, o->n, start, '\n');
	if (o->cr < start)
		o->cr = next_byte(s, o->n, start, '\r');
	/* a line break inside a sentence and the blanks around it become
	 * one space, in this output only ("a cold \nnight") */
	if (o->nl < end || o->cr < end) {
		for (i = start; i < end; i++) {
			if (s[i] == '\n' || s[i] == '\r') {
				size_t e = i;

				while (e > b && (s[e - 1] == ' ' ||
				    s[e - 1] == '\t'))
					e--;
				buf_append(&o->out, s + b, e - b);
				buf_putc(&o->out, ' ');
				while (i + 1 < end && (s[i + 1] == ' ' ||
				    s[i + 1] == '\t' || s[i + 1] == '\n' ||
				    s[i + 1] == '\r'))
					i++;
				b = i + 1;
			}
		}
	}
	buf_grow(&o->out, end - b + 1);
	memcpy(o->out.p + o->out.len, s + b, end - b);
	o->out.len += end - b;
	o->out.p[o->out.len++] = '\n';
}

/* Whether s[0..n) is valid UTF-8: utf8_valid(), with ASCII skipped eight
 * bytes at a time (most text is mostly ASCII; utf8_valid() looked at
 * each byte and took 8% of -t's time on UD en_ewt text). */
static int
valid_text(const char *s, size_t n)
{
	uint64_t w;
	size_t i = 0;

	while (i < n) {
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80)
			i++;
		else if (utf8_next(s, n, &i) < 0)
			return 0;
	}
	return 1;
}

/* Split and print s[0..n), which ends at a paragraph boundary; line is
 * the number of its first line, for messages. */
static void
text_chunk(const struct seg_lang *L, const char *s, size_t n,
    unsigned long line, struct buf *clean, struct text_out *o)
{
	if (!valid_text(s, n)) {
		size_t b = 0;

		while (b < n) {
			const char *nl = memchr(s + b, '\n', n - b);
			size_t e = nl ? (size_t)(nl - s) : n;

			if (!utf8_valid(s + b, e - b))
				nf_note("line %lu: invalid UTF-8 replaced "
				    "by U+FFFD", line);
			line++;
			b = e + 1;
		}
		buf_reset(clean);
		utf8_repair(clean, s, n);
		s = clean->p;
		n = clean->len;
	}
	o->s = s;
	o->n = n;
	o->nl = next_byte(s, n, 0, '\n');
	o->cr = next_byte(s, n, 0, '\r');
	seg_text(L, s, n, wflag, emit_text, o);
	/* errors are seen by the flush at exit */
	fwrite(o->out.p, 1, o->out.len, stdout);
	buf_reset(&o->out);
}

/* End of the last complete paragraph in b->p[from..len), or 0. */
static size_t
last_boundary(const struct buf *b, size_t from)
{
	size_t i, last = 0;

	if (!wflag) {
		for (i = b->len; i > from; i--)
			if (b->p[i - 1] == '\n')
				return i;
		return 0;
	}
	for (i = from; i < b->len; i++) {
		const char *nl = memchr(b->p + i, '\n', b->len - i);
		size_t k;

		if (nl == NULL)
			break;
		i = (size_t)(nl - b->p);
		for (k = i + 1; k < b->len && (b->p[k] == ' ' ||
		    b->p[k] == '\t' || b->p[k] == '\r'); k++)
			;
		if (k < b->len && b->p[k] == '\n')
			last = k + 1;
	}
	return last;
}

/* Where to cut a paragraph that outgrew the limit: after the last
 * sentence-like end ". " in its final 64 KiB, else after the last space
 * there, else at a character boundary. */
static size_t
forced_cut(const struct buf *b, size_t max)
{
	size_t i, lo = max > 65536 ? max - 65536 : 0;

	for (i = max; i > lo + 1; i--)
		if ((b->p[i - 1] == ' ' || b->p[i - 1] == '\t') &&
		    (b->p[i - 2] == '.' || b->p[i - 2] == '!' ||
		    b->p[i - 2] == '?'))
			return i;
	for (i = max; i > lo; i--)
		if (b->p[i - 1] == ' ' || b->p[i - 1] == '\t')
			return i;
	/* at a character's first byte; b->p[len] is not data: the rest of
	 * that character may still be unread */
	for (i = max; i > lo && (i >= b->len ||
	    ((unsigned char)b->p[i] & 0xC0) == 0x80); i--)
		;
	return i > 0 ? i : max;
}

static void
text_mode(FILE *fp, const char *name)
{
	const struct seg_lang *L = lang(lflag);
	struct buf in = {0}, clean = {0};
	struct text_out out = {0};
	size_t scanned = 0, looked = 0, lo;
	unsigned long line = 1, noted = 0;
	int eof = 0;

	while (!eof) {
		size_t got, cut, i;

		buf_grow(&in, CHUNK);
		got = fread(in.p + in.len, 1, CHUNK, fp);
		in.len += got;
		if (got < CHUNK) {
			if (ferror(fp))
				nf_dieerr("%s: read error", name);
			eof = 1;
		}
		cut = eof ? in.len : last_boundary(&in, scanned);
		if (cut == 0 && in.len >= mflag) {
			cut = forced_cut(&in, mflag);
			if (noted != line)
				nf_note("line %lu: paragraph longer than %zu "
				    "bytes, split", line, mflag);
			noted = line;
		}
		if (cut == 0) {
			/* no boundary yet: next time look only from the last
			 * line break on (a blank line may straddle reads), and
			 * never at the same bytes twice, so that a line of
			 * many megabytes costs one look */
			if (!wflag) {
				scanned = in.len;	/* no '\n' at all */
				continue;
			}
			lo = looked > scanned ? looked : scanned;
			for (i = in.len; i > lo && in.p[i - 1] != '\n'; i--)
				;
			scanned = i > lo ? i - 1 : scanned;
			looked = in.len;
			continue;
		}
		text_chunk(L, in.p, cut, line, &clean, &out);
		for (i = 0; i < cut; i++) {
			const char *nl = memchr(in.p + i, '\n', cut - i);

			if (nl == NULL)
				break;
			line++;
			i = (size_t)(nl - in.p);
		}
		memmove(in.p, in.p + cut, in.len - cut);
		in.len -= cut;
		scanned = looked = 0;
	}
	buf_free(&in);
	buf_free(&clean);
	buf_free(&out.out);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "abbrev",	required_argument,	NULL, 'a' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "language",	required_argument,	NULL, 'l' },
		{ "max-record",	required_argument,	NULL, 'm' },
		{ "text",	no_argument,		NULL, 't' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "wrapped",	no_argument,		NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	static char *stdin_only[] = { "-", NULL };
	long long sz;
	FILE *fp;
	int ch, i;

	nf_init("newssplit");
	while ((ch = getopt_long(argc, argv, "a:hl:m:tvw", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			aflag = optarg;
			break;
		case 'h':
			usage(stdout);
			return NF_EXIT_OK;
		case 'l':
			lflag = optarg;
			break;
		case 'm':
			if ((sz = nf_parse_size(optarg)) < 4096) {
				nf_warn("-m: bad size \"%s\" (at least 4k)",
				    optarg);
				usage(stderr);
				return NF_EXIT_USAGE;
			}
			mflag = (size_t)sz;
			break;
		case 't':
			tflag = 1;
			break;
		case 'v':
			nf_verbose++;
			break;
		case 'V':
			nf_version();
		case 'w':
			wflag = 1;
			break;
		default:
			usage(stderr);
			return NF_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	if (aflag) {
		/* fail now, not at the first record */
		if ((fp = fopen(aflag, "r")) == NULL)
			nf_dieerr("%s", aflag);
		fclose(fp);
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (argc == 0) {
		argv = stdin_only;
		argc = 1;
	}
	for (i = 0; i < argc; i++) {
		const char *name = argv[i];

		if (strcmp(name, "-") == 0)
			fp = stdin;
		else if ((fp = fopen(name, "r")) == NULL)
			nf_dieerr("%s", name);
		if (tflag)
			text_mode(fp, strcmp(name, "-") ? name : "stdin");
		else
			json_mode(fp, name);
		if (fp != stdin)
			fclose(fp);
	}
	for (i = 0; i < nlangs; i++)
		seg_lang_free(&langs[i]);
	nf_fshut(stdout, "stdout");
	return nf_status();
}

/*
 * newstag: tag named entities and temporal expressions in news text.
 *
 * JSON Lines in, the same records out with "entities" and "dates" added
 * (every other field kept); or with -t, plain text in (one text a line)
 * and one JSON object of annotations a line out. Offsets are code points
 * into the record's "text".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "jsonl.h"
#include "lineio.h"
#include "nf.h"
#include "utf8.h"
#include "tag.h"

static int tflag;		/* -t: plain text mode */
static const char *dflag;	/* -d DATE: anchor when a record has none */
static const char *lflag;	/* -l LANG: language when a record has none */
static const char *mflag;	/* -m FILE: the entity model */
static size_t maxrec;		/* --max-record */
static unsigned long nrec, nent, ndate;	/* for the -v summary */

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: newstag [-tv] [-d date] [-l lang] [-m model] "
	    "[--max-record size]\n"
	    "       newstag --help | --version\n");
}

/* The entity model: -m FILE, else tag/model.bin in the data directory.
 * Without it newstag cannot tag: a usage-level error (exit 2). */
static void
load_model(void)
{
	const char *path = mflag;
	char err[512];

	if (!path && !(path = nf_datapath("tag/model.bin")))
		nf_die("tag/model.bin: entity model not found in the data "
		    "directory (build it with `make model`, or give -m FILE)");
	if (ner_load(path, err, sizeof err) < 0)
		nf_die("%s", err);
}

static struct date
today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	struct date d;

	gmtime_r(&now, &tm);
	d.y = tm.tm_year + 1900;
	d.m = tm.tm_mon + 1;
	d.d = tm.tm_mday;
	return d;
}

/* Byte offsets of the sentence starts in a record's "sentences", or NULL
 * if it has none usable. */
static size_t *
sentence_starts(json_t *obj, const char *text, size_t len, size_t *n)
{
	json_t *a = json_object_get(obj, "sentences"), *s, *st;
	struct utf8_cursor cur = {text, len, 0, 0};
	size_t i, *v, last = 0;

	*n = 0;
	if (!json_is_array(a) || json_array_size(a) == 0)
		return NULL;
	v = xmalloc(json_array_size(a) * sizeof *v);
	json_array_foreach(a, i, s) {
		st = json_object_get(s, "start");
		if (!json_is_integer(st) || json_integer_value(st) < 0) {
			free(v);
			return NULL;
		}
		v[*n] = utf8_cursor_byte(&cur, (size_t)json_integer_value(st));
		if (v[*n] < last || v[*n] > len) {
			free(v);	/* not in order: guess instead */
			*n = 0;
			return NULL;
		}
		last = v[(*n)++];
	}
	return v;
}

/* A JSON string literal of s[0..n) (valid UTF-8) appended to b. */
static void
json_quote(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;
	unsigned char ch;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		ch = (unsigned char)s[i];
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		buf_append(b, s + run, i - run);
		run = i + 1;
		switch (ch) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_printf(b, "\\u%04x", ch);
		}
	}
	buf_append(b, s + run, n - run);
	buf_putc(b, '"');
}

/* Write out to stdout once it holds more than a megabyte. */
static void
flush_some(struct buf *out, int force)
{
	if (out->len < ((size_t)1 << 20) && !force)
		return;
	if (out->len && fwrite(out->p, 1, out->len, stdout) != out->len)
		nf_dieerr("write error");
	buf_reset(out);
}

/*
 * Annotate text: write `"entities":[...],"dates":[...]` through out to
 * stdout. The arrays are written as text as they are made rather than
 * built as jansson objects: a 30 MB record has a million annotations,
 * and as objects they would take gigabytes.
 */
static void
annotate(const char *text, size_t len, const char *lang, struct date anchor,
    const size_t *sent, size_t nsent, struct buf *out)
{
	struct doc d;
	struct timex *tx = NULL;
	struct entity *en = NULL;
	struct utf8_cursor cur;
	size_t ntx, nen, i;

	doc_tokenize(&d, text, len, sent, nsent);
	d.lang = lang;
	ntx = dates_find(&d, anchor, &tx);
	nen = entities_find(&d, tx, ntx, &en);
	entities_link(&d, en, nen);
	nrec++;
	nent += nen;
	ndate += ntx;

	buf_puts(out, "\"entities\":[");
	cur = (struct utf8_cursor){text, len, 0, 0};
	for (i = 0; i < nen; i++) {
		buf_puts(out, i ? ",{\"text\":" : "{\"text\":");
		json_quote(out, text + en[i].start, en[i].end - en[i].start);
		buf_printf(out, ",\"type\":\"%s\",\"start\":%zu", en[i].type,
		    utf8_cursor_cp(&cur, en[i].start));
		buf_printf(out, ",\"end\":%zu,\"id\":",
		    utf8_cursor_cp(&cur, en[i].end));
		json_quote(out, en[i].id, strlen(en[i].id));
		buf_putc(out, '}');
		flush_some(out, 0);
	}
	buf_puts(out, "],\"dates\":[");
	cur = (struct utf8_cursor){text, len, 0, 0};
	for (i = 0; i < ntx; i++) {
		buf_puts(out, i ? ",{\"text\":" : "{\"text\":");
		json_quote(out, text + tx[i].start, tx[i].end - tx[i].start);
		buf_printf(out, ",\"type\":\"%s\",\"value\":", tx[i].type);
		json_quote(out, tx[i].value, strlen(tx[i].value));
		if (tx[i].mod)
			buf_printf(out, ",\"mod\":\"%s\"", tx[i].mod);
		buf_printf(out, ",\"start\":%zu",
		    utf8_cursor_cp(&cur, tx[i].start));
		buf_printf(out, ",\"end\":%zu}",
		    utf8_cursor_cp(&cur, tx[i].end));
		flush_some(out, 0);
	}
	buf_putc(out, ']');
	free(tx);
	entities_free(en, nen);
	doc_free(&d);
}

/* Write obj without its closing brace, ready for the annotations to
 * follow as its last fields. */
static void
write_head(json_t *obj)
{
	char *s;
	size_t l;

	json_object_del(obj, "entities");
	json_object_del(obj, "dates");
	if (!(s = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER)))
		nf_die("out of memory writing a record");
	l = strlen(s);
	if (fwrite(s, 1, l - 1, stdout) != l - 1 ||
	    (l > 2 && putchar(',') == EOF))
		nf_dieerr("write error");
	free(s);
}

/* The anchor of a record: its date, else fetched, else -d, else today. */
static struct date
record_anchor(json_t *obj, struct date dflt)
{
	struct date a;

	if (date_parse(json_str(obj, "date"), &a) ||
	    date_parse(json_str(obj, "fetched"), &a))
		return a;
	return dflt;
}

static void
run_jsonl(struct date dflt)
{
	struct jsonl_reader r;
	struct buf clean = {0}, ann = {0};
	json_t *obj;
	const char *lang;
	size_t *sent, nsent;
	char lbuf[8];
	int st;

	jsonl_init(&r, stdin, "-", maxrec);
	while ((st = jsonl_read(&r, &obj)) != JSONL_EOF) {
		if (st != JSONL_OK)
			continue;
		if (!json_str(obj, "text") && json_object_get(obj, "text") &&
		    !json_is_null(json_object_get(obj, "text")))
			nf_note("%s: \"text\" is not a string, not tagged",
			    jsonl_where(&r, obj));
		/* offsets must index the text we write: repair in place */
		if (jsonl_text_nfc(obj, &clean))
			nf_note("%s: text was not NFC, normalised",
			    jsonl_where(&r, obj));
		lang = lflag;
		if (json_str(obj, "language") && json_str(obj, "language")[0]) {
			/* "en-US" -> "en" */
			snprintf(lbuf, sizeof lbuf, "%.*s",
			    (int)strcspn(json_str(obj, "language"), "-_"),
			    json_str(obj, "language"));
			for (char *p = lbuf; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p += 'a' - 'A';
			lang = lbuf;
		}
		sent = sentence_starts(obj, clean.p ? clean.p : "", clean.len,
		    &nsent);
		write_head(obj);
		buf_reset(&ann);
		annotate(clean.p ? clean.p : "", clean.len, lang,
		    record_anchor(obj, dflt), sent, nsent, &ann);
		buf_puts(&ann, "}\n");
		flush_some(&ann, 1);
		free(sent);
		json_decref(obj);
	}
	buf_free(&clean);
	buf_free(&ann);
	jsonl_free(&r);
}

static void
run_text(struct date anchor)
{
	struct linereader lr;
	struct buf clean = {0}, ann = {0};
	int st;

	line_init(&lr, stdin, maxrec);
	while ((st = line_read(&lr)) != LINE_EOF) {
		if (st == LINE_ERROR)
			nf_dieerr("stdin: read error");
		buf_reset(&clean);
		if (st == LINE_TOOLONG) {
			/* keep output lines aligned with input lines */
			nf_recwarn("line %lu: %zu bytes, larger than the limit "
			    "of %zu bytes, not tagged", lr.lineno,
			    lr.toolong_len, lr.max);
		} else if (utf8_clean(&clean, lr.line.p, lr.line.len) > 0) {
			nf_note("line %lu: invalid UTF-8 replaced by U+FFFD",
			    lr.lineno);
		}
		buf_reset(&ann);
		buf_putc(&ann, '{');
		annotate(clean.p ? clean.p : "", clean.len, lflag, anchor,
		    NULL, 0, &ann);
		buf_puts(&ann, "}\n");
		flush_some(&ann, 1);
	}
	buf_free(&clean);
	buf_free(&ann);
	line_free(&lr);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{"lang", required_argument, NULL, 'l'},
		{"max-record", required_argument, NULL, 'M'},
		{"model", required_argument, NULL, 'm'},
		{"text", no_argument, NULL, 't'},
		{"verbose", no_argument, NULL, 'v'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct date anchor;
	long long sz;
	int ch;

	nf_init("newstag");
	while ((ch = getopt_long(argc, argv, "d:hl:m:tv", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			dflag = optarg;
			break;
		case 'h':
			usage(stdout);
			return NF_EXIT_OK;
		case 'l':
			lflag = optarg;
			break;
		case 'm':
			mflag = optarg;
			break;
		case 'M':
			if ((sz = nf_parse_size(optarg)) <= 0) {
				nf_warn("bad --max-record size: %s", optarg);
				usage(stderr);
				return NF_EXIT_USAGE;
			}
			if (sz > (1LL << 30)) {
				nf_warn("--max-record is at most 1G");
				return NF_EXIT_USAGE;
			}
			maxrec = (size_t)sz;
			break;
		case 't':
			tflag = 1;
			break;
		case 'v':
			nf_verbose++;
			break;
		case 'V':
			nf_version();
		default:
			usage(stderr);
			return NF_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		usage(stderr);
		return NF_EXIT_USAGE;
	}
	if (dflag) {
		if (!date_parse(dflag, &anchor)) {
			nf_warn("bad date for -d: %s (want YYYY-MM-DD)", dflag);
			return NF_EXIT_USAGE;
		}
	} else {
		anchor = today();
	}
	gaz_load();
	load_model();
	dates_init();
	if (tflag)
		run_text(anchor);
	else
		run_jsonl(anchor);
	gaz_free();
	ner_unload();
	nf_debug("%lu texts tagged: %lu entities, %lu temporal expressions",
	    nrec, nent, ndate);
	nf_fshut(stdout, "stdout");
	return nf_status();
}

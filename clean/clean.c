/*
 * newsclean: HTML pages or WARC captures in, one clean article a line
 * (JSON Lines) out.
 *
 * The input is sniffed: a WARC stream (plain, gzip, or one gzip member a
 * record as Common Crawl writes it) is read record by record; anything
 * else is taken as one HTML document. From a WARC, `response` records
 * with a 2xx HTML payload and `resource` records of type text/html are
 * documents; a `metadata` record that follows a response and names it in
 * WARC-Concurrent-To carries what the feed said about the item, so each
 * document is held back until the next document record (or the end)
 * arrives. Each document is decoded to UTF-8 (charset.c), parsed with
 * libxml2's HTML parser, described (meta.c) and reduced to its article
 * text (extract.c, lines.c); a document without any markup is plain text.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "nf.h"
#include "sha1.h"
#include "buf.h"
#include "jsonl.h"
#include "url.h"
#include "utf8.h"
#include "warc.h"
#include "clean.h"

static int tflag;		/* -t: plain text out */
static const char *uflag;	/* -u: the page's URL (plain HTML input) */
static size_t max_record = NF_MAX_RECORD;

static unsigned long ndocs;	/* documents written */
static int fatal;		/* an input could not be read */

/* A document waiting for a metadata record that may follow it. */
struct doc {
	int have;
	const char *input;	/* input name for messages */
	unsigned long num;	/* record number */
	char *url;
	char *record_id;
	char *ctype;		/* HTTP or WARC Content-Type, or NULL */
	char *fetched;
	struct buf body;
	struct feedmeta feed;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: newsclean [-tv] [-u url] [--max-record size] [file ...]\n");
}

/* "record 3 (https://...)", prefixed with the input name when it is a
 * file; static buffer. */
static const char *
where(const struct doc *d)
{
	static struct buf b;
	const char *u = d->url && *d->url ? d->url : "no URL";

	buf_reset(&b);
	if (strcmp(d->input, "-") != 0)
		buf_printf(&b, "%s: ", d->input);
	buf_printf(&b, "record %lu (%.200s)", d->num, u);
	return b.p;
}

static json_t *
jstr(const char *s)
{
	struct buf b = {0};
	json_t *j;

	if (s == NULL)
		return json_null();
	utf8_clean(&b, s, strlen(s));
	/* trim */
	size_t st = 0;
	while (st < b.len && (b.p[st] == ' ' || b.p[st] == '\n'))
		st++;
	while (b.len > st && (b.p[b.len - 1] == ' ' || b.p[b.len - 1] == '\n'))
		b.len--;
	j = b.len > st ? json_stringn(b.p + st, b.len - st) : json_null();
	buf_free(&b);
	return j != NULL ? j : json_null();
}

static void
write_doc(const struct doc *d, const struct meta *m, const char *url,
    const char *text, size_t len)
{
	struct buf clean = {0};
	char id[17];

	utf8_clean(&clean, text, len);
	if (tflag) {
		if (ndocs > 0)
			putchar('\n');
		fwrite(clean.p, 1, clean.len, stdout);
		putchar('\n');
		ndocs++;
		buf_free(&clean);
		return;
	}

	json_t *o = json_object(), *au = json_array();
	char *host = url ? url_host(url, 1) : NULL;

	if (url != NULL) {
		url_id(url, id);
	} else {
		/* no URL at all: an id from the text itself */
		unsigned char h[20];
		sha1(clean.p, clean.len, h);
		hex_encode(h, 8, id);
	}
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "url", jstr(url));
	json_object_set_new(o, "source_domain", jstr(host));
	json_object_set_new(o, "title", jstr(m->title));
	for (size_t i = 0; i < m->nauthors; i++) {
		json_t *a = jstr(m->authors[i]);
		if (json_is_string(a))
			json_array_append_new(au, a);
		else
			json_decref(a);
	}
	json_object_set_new(o, "authors", au);
	json_object_set_new(o, "description", jstr(m->description));
	json_object_set_new(o, "date", jstr(m->date));
	json_object_set_new(o, "fetched", jstr(d->fetched));
	json_object_set_new(o, "language", jstr(m->language));
	json_object_set_new(o, "text",
	    json_stringn(clean.p ? clean.p : "", clean.len));
	jsonl_write(stdout, o);
	json_decref(o);
	free(host);
	buf_free(&clean);
	ndocs++;
}

static int
is_html_type(const char *ctype)
{
	if (ctype == NULL || *ctype == '\0')
		return 1;	/* unknown: let the parser try */
	while (*ctype == ' ')
		ctype++;
	return strncasecmp(ctype, "text/html", 9) == 0 ||
	    strncasecmp(ctype, "application/xhtml+xml", 21) == 0;
}

/* Whether a sniffed MIME type can be a web page: text/..., or XML. */
static int
textual_type(const char *t)
{
	while (*t == ' ')
		t++;
	return strncasecmp(t, "text/", 5) == 0 ||
	    strncasecmp(t, "application/xhtml", 17) == 0 ||
	    strncasecmp(t, "application/xml", 15) == 0;
}

/* A date written in the first or the last lines of the article
 * ("18. Mai 2014", "Stand: 05.02.2020"), for pages without one in
 * their markup. */
static char *
text_date(const char *t, size_t n)
{
	char *head = xstrndup(t, n < 300 ? n : 300), *d;

	d = meta_date_scan(head);
	free(head);
	if (d == NULL && n > 300)
		d = meta_date_scan(t + n - 200);
	return d;
}

/* A document without markup: one line a paragraph (paragraphs end at
 * blank lines), white space collapsed. */
static void
plain_paragraphs(const char *p, size_t n, struct buf *out)
{
	size_t i = 0;

	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - p) : n, j = i;

		while (j < e && (p[j] == ' ' || p[j] == '\t' || p[j] == '\r'))
			j++;
		if (j == e) {
			if (out->len > 0 && out->p[out->len - 1] != '\n')
				buf_putc(out, '\n');
		} else {
			if (out->len > 0 && out->p[out->len - 1] != '\n')
				buf_putc(out, ' ');
			text_append_collapsed(out, p + j, e - j);
		}
		i = e + 1;
	}
	while (out->len > 0 && (out->p[out->len - 1] == '\n' ||
	    out->p[out->len - 1] == ' '))
		out->len--;
}

/* Process the pending document, if any, and forget it. */
static void
flush(struct doc *d)
{
	struct buf utf = {0}, text = {0};
	struct meta m = {0};
	htmlDocPtr hd;
	char cs[64];
	const char *url;

	if (!d->have)
		return;
	if (cs_decode(d->body.p ? d->body.p : "", d->body.len, d->ctype, &utf,
	    cs) < 0)
		nf_debug("%s: unknown charset, read as windows-1252", where(d));
	if (utf.len > 0 && memchr(utf.p, '<', utf.len) == NULL) {
		/* no markup at all: plain text, paragraphs at blank lines */
		const char *g;

		plain_paragraphs(utf.p, utf.len, &text);
		if ((g = meta_guess_lang(text.p ? text.p : "", text.len)) != NULL)
			m.language = xstrdup(g);
		if (text.len == 0)
			nf_recwarn("%s: no article text found, skipped", where(d));
		else
			write_doc(d, &m, d->url, text.p, text.len);
		goto out;
	}
	if (utf.len > INT_MAX) {
		nf_recwarn("%s: document too large for the HTML parser, skipped",
		    where(d));
		goto out;
	}
	hd = tree_parse(utf.p ? utf.p : "", utf.len, d->url);
	if (hd == NULL) {
		nf_recwarn("%s: not parseable as HTML, skipped", where(d));
		goto out;
	}
	meta_extract(hd, d->url, &m);
	extract_text(hd, &text);
	xmlFreeDoc(hd);

	/* what the feed said fills what the page lacks */
	if (m.title == NULL && d->feed.title != NULL)
		m.title = xstrdup(d->feed.title);
	if (m.date == NULL && d->feed.published != NULL)
		m.date = meta_date_norm(d->feed.published);
	if (m.nauthors == 0 && d->feed.author != NULL) {
		m.authors = xmalloc(sizeof *m.authors);
		m.authors[m.nauthors++] = xstrdup(d->feed.author);
	}
	if (m.description == NULL && d->feed.description != NULL)
		m.description = xstrdup(d->feed.description);
	if (m.date == NULL && text.len > 0)
		m.date = text_date(text.p, text.len);
	if (m.language == NULL) {
		const char *g = meta_guess_lang(text.p ? text.p : "", text.len);
		if (g != NULL)
			m.language = xstrdup(g);
	}
	/* the headline, byline and dateline again at the top of the text
	 * (after text_date, which may need the dateline) */
	text.len = lines_head(text.p, text.len, m.title, m.authors,
	    m.nauthors);

	url = d->url;
	if (url == NULL)
		url = m.canonical;
	if (text.len == 0)
		nf_recwarn("%s: no article text found, skipped", where(d));
	else
		write_doc(d, &m, url, text.p, text.len);
out:
	meta_free(&m);
	buf_free(&utf);
	buf_free(&text);
	free(d->url);
	free(d->record_id);
	free(d->ctype);
	free(d->fetched);
	buf_free(&d->body);
	feed_free(&d->feed);
	d->have = 0;
	d->url = d->record_id = d->ctype = d->fetched = NULL;
}

static void
pend(struct doc *d, const struct warc_record *rec, const char *ctype,
    const char *body, size_t len)
{
	const char *id = warc_get(rec, "WARC-Record-ID");
	const char *date = warc_get(rec, "WARC-Date");

	d->have = 1;
	d->num = rec->num;
	d->url = rec->target[0] ? xstrdup(rec->target) : NULL;
	d->record_id = id ? xstrdup(id) : NULL;
	d->ctype = ctype ? xstrdup(ctype) : NULL;
	d->fetched = date ? xstrdup(date) : NULL;
	buf_reset(&d->body);
	buf_append(&d->body, body, len);
}

/* Fields of an application/warc-fields block into the feed metadata. */
static void
parse_feed_fields(struct feedmeta *f, const char *p, size_t n)
{
	const char *end = p + n;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *le = eol ? eol : end, *colon, *v;
		size_t vl;

		colon = memchr(p, ':', (size_t)(le - p));
		if (colon != NULL) {
			size_t kl = (size_t)(colon - p);
			v = colon + 1;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			vl = (size_t)(le - v);
			while (vl > 0 && (v[vl - 1] == '\r' || v[vl - 1] == ' '))
				vl--;
			char **slot = NULL;
			if (kl == 8 && strncasecmp(p, "feed-url", kl) == 0)
				slot = &f->feed_url;
			else if (kl == 10 && strncasecmp(p, "item-title", kl) == 0)
				slot = &f->title;
			else if (kl == 14 && strncasecmp(p, "item-published", kl) == 0)
				slot = &f->published;
			else if (kl == 11 && strncasecmp(p, "item-author", kl) == 0)
				slot = &f->author;
			else if (kl == 16 &&
			    strncasecmp(p, "item-description", kl) == 0)
				slot = &f->description;
			if (slot != NULL && *slot == NULL && vl > 0)
				*slot = xstrndup(v, vl);
		}
		p = le + 1;
	}
}

static void
do_warc(struct warc_reader *r, const char *name)
{
	struct warc_record rec;
	struct doc d = {0};
	char ctype[256];

	d.input = name;
	while (warc_read(r, &rec) == 1) {
		const char *type = rec.type;
		struct doc w = { .input = name, .num = rec.num,
		    .url = (char *)rec.target };

		if (strcasecmp(type, "metadata") == 0) {
			const char *to = warc_get(&rec, "WARC-Concurrent-To");
			if (d.have && to != NULL && d.record_id != NULL &&
			    strcmp(to, d.record_id) == 0)
				parse_feed_fields(&d.feed, rec.block,
				    rec.block_len);
			else
				nf_debug("%s: metadata for no pending response",
				    where(&w));
			continue;
		}
		if (strcasecmp(type, "response") == 0) {
			struct http_msg m;

			flush(&d);
			if (http_parse_response(rec.block, rec.block_len, &m) < 0) {
				nf_recwarn("%s: not an HTTP response, skipped",
				    where(&w));
				continue;
			}
			if (m.status < 200 || m.status > 299) {
				nf_note("%s: HTTP status %d, skipped", where(&w),
				    m.status);
				continue;
			}
			if (!http_header(&m, "Content-Type", ctype, sizeof ctype))
				ctype[0] = '\0';
			/* Common Crawl's own sniffing of the payload: it
			 * stands in for a missing or generic Content-Type,
			 * and overrules "text/html" on a PDF or an image */
			const char *id = warc_get(&rec,
			    "WARC-Identified-Payload-Type");
			if (id != NULL && (ctype[0] == '\0' ||
			    strncasecmp(ctype, "application/octet-stream",
			    24) == 0 || (is_html_type(ctype) &&
			    !textual_type(id))))
				snprintf(ctype, sizeof ctype, "%s", id);
			if (!is_html_type(ctype)) {
				nf_note("%s: not HTML (%s), skipped", where(&w),
				    ctype);
				continue;
			}
			pend(&d, &rec, ctype[0] ? ctype : NULL, m.body,
			    m.body_len);
		} else if (strcasecmp(type, "resource") == 0) {
			const char *ct = warc_get(&rec, "Content-Type");

			flush(&d);
			if (ct == NULL || !is_html_type(ct)) {
				nf_note("%s: not HTML (%s), skipped", where(&w),
				    ct ? ct : "no Content-Type");
				continue;
			}
			pend(&d, &rec, ct, rec.block, rec.block_len);
		}
		/* warcinfo, request, revisit, conversion: nothing to do */
	}
	flush(&d);
}

static void
do_input(int fd, const char *name)
{
	struct warc_reader *r = warc_open(fd, name, max_record);
	struct doc d = {0};
	int rc;

	d.input = name;
	switch (warc_sniff(r)) {
	case -1:
		nf_warn("%s: empty input, no documents",
		    strcmp(name, "-") ? name : "stdin");
		break;
	case 1:
		do_warc(r, name);
		break;
	default:
		d.num = 1;
		d.url = uflag ? xstrdup(uflag) : NULL;
		rc = warc_slurp(r, &d.body, max_record);
		if (rc < 0) {
			nf_warn("%s: read error: %s", name, strerror(errno));
			fatal = 1;
		} else if (rc > 0) {
			nf_recwarn("%s: document larger than %zu bytes "
			    "(--max-record), skipped", where(&d), max_record);
		} else {
			d.have = 1;
			flush(&d);
		}
		free(d.url);
		buf_free(&d.body);
		break;
	}
	warc_close(r);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "max-record", required_argument, NULL, 'M' },
		{ "text", no_argument, NULL, 't' },
		{ "url", required_argument, NULL, 'u' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	long long sz;
	int c;

	nf_init("newsclean");
	while ((c = getopt_long(argc, argv, "htu:v", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return NF_EXIT_OK;
		case 'M':
			sz = nf_parse_size(optarg);
			if (sz <= 0) {
				nf_warn("bad --max-record size: %s", optarg);
				usage(stderr);
				return NF_EXIT_USAGE;
			}
			max_record = (size_t)sz;
			break;
		case 't':
			tflag = 1;
			break;
		case 'u':
			uflag = optarg;
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

	xmlInitParser();
	if (argc == 0) {
		do_input(0, "-");
	} else {
		for (int i = 0; i < argc; i++) {
			int fd = strcmp(argv[i], "-") == 0 ? 0 :
			    open(argv[i], O_RDONLY);
			if (fd < 0) {
				nf_warn("%s: %s", argv[i], strerror(errno));
				fatal = 1;
				continue;
			}
			do_input(fd, argv[i]);
			if (fd != 0)
				close(fd);
		}
	}
	xmlCleanupParser();
	nf_fshut(stdout, "stdout");
	return fatal ? NF_EXIT_USAGE : nf_status();
}

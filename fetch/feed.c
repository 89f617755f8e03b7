/*
 * feed.c: recognise and read RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom 1.0
 * feeds with libxml2's XML parser, and JSON Feed 1.0/1.1 with jansson.
 *
 * The parser runs with XML_PARSE_NONET (no DTD or entity fetched from the
 * network) and without XML_PARSE_NOENT, so external entities are never
 * expanded; errors are not printed (the caller reports the feed by URL).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>
#include <zlib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "nf.h"
#include "buf.h"
#include "url.h"
#include "utf8.h"
#include "fetch.h"

#define NS_ATOM	"http://www.w3.org/2005/Atom"
#define NS_RDF	"http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS1	"http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_DC	"http://purl.org/dc/elements/1.1/"
#define NS_SITEMAP "http://www.sitemaps.org/schemas/sitemap/0.9"
#define NS_SITEMAP084 "http://www.google.com/schemas/sitemap/0.84"
#define NS_NEWS	"http://www.google.com/schemas/sitemap-news/0.9"

/* The sitemaps protocol caps a sitemap at 50 MB uncompressed
 * (sitemaps.org); a gzip one that inflates to more is not read. */
#define SITEMAP_MAX	((size_t)50 << 20)

/* Longest item-description kept: the metadata record is a hint for
 * newsclean, not a copy of the article. */
#define DESC_MAX 2000

/* Whether tok occurs in s, ignoring ASCII case. */
static int
has_token(const char *s, const char *tok)
{
	size_t n = strlen(tok);

	if (s == NULL)
		return 0;
	for (; *s; s++)
		if (strncasecmp(s, tok, n) == 0)
			return 1;
	return 0;
}

/* Skip a UTF-8 BOM, whitespace, an XML declaration, comments and
 * processing instructions; return where the root element starts. */
static const char *
skip_prolog(const char *p, const char *end)
{
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (end - p >= 2 && p[0] == '<' && (p[1] == '?' || p[1] == '!')) {
			const char *q = memchr(p, '>', end - p);
			if (q == NULL)
				return end;
			p = q + 1;
			continue;
		}
		return p;
	}
}

static int
starts_tag(const char *p, const char *end, const char *name)
{
	size_t n = strlen(name);

	if ((size_t)(end - p) < n + 2 || p[0] != '<' || memcmp(p + 1, name, n) != 0)
		return 0;
	return isspace((unsigned char)p[n + 1]) || p[n + 1] == '>' || p[n + 1] == '/';
}

int
feed_sniff(const char *ctype, const char *body, size_t len)
{
	const char *end = body + (len > 4096 ? 4096 : len), *p;

	if (has_token(ctype, "rss+xml") || has_token(ctype, "atom+xml") ||
	    has_token(ctype, "rdf+xml") || has_token(ctype, "feed+json"))
		return FEED_YES;
	p = skip_prolog(body, end);
	if (p < end && *p == '{') {
		/* JSON Feed names its version in the first lines. */
		for (; p + 20 <= end; p++)
			if (memcmp(p, "jsonfeed.org/version", 20) == 0)
				return FEED_YES;
		return FEED_NO;
	}
	if (starts_tag(p, end, "rss") || starts_tag(p, end, "feed") ||
	    starts_tag(p, end, "rdf:RDF") || starts_tag(p, end, "urlset") ||
	    starts_tag(p, end, "sitemapindex"))
		return FEED_YES;
	/* A gzip file (sitemap.xml.gz) is worth an attempt. */
	if (len >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b)
		return FEED_MAYBE;
	if (has_token(ctype, "html"))
		return FEED_NO;
	if (has_token(ctype, "xml"))
		return FEED_MAYBE;
	/* No useful type (file: URLs, application/octet-stream): an XML
	 * declaration is worth a parse. */
	if (len >= 5 && memcmp(skip_prolog(body, body), "<?xml", 5) == 0)
		return FEED_MAYBE;
	return FEED_NO;
}

/* Element test: local name and namespace (ns NULL: no namespace, or the
 * RSS 1.0 / 0.90 namespaces, so one test fits RSS 2.0 and RDF). */
static int
is_el(const xmlNode *n, const char *name, const char *ns)
{
	const char *nsh;

	if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
		return 0;
	nsh = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
	if (ns == NULL)
		return nsh == NULL || strcmp(nsh, NS_RSS1) == 0 || strcmp(nsh, NS_RSS090) == 0;
	return nsh != NULL && strcmp(nsh, ns) == 0;
}

static xmlNode *
child(const xmlNode *n, const char *name, const char *ns)
{
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next)
		if (is_el(c, name, ns))
			return c;
	return NULL;
}

/* An HTML character reference at s ("&amp;", "&#233;", "&#xE9;"): its
 * UTF-8 into out, and its length in s; 0 if s does not start one. Only
 * the references escaped markup in feeds is made of. */
static size_t
charref(const char *s, char out[5])
{
	static const struct { const char *name; const char *text; } names[] = {
		{ "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" },
		{ "apos;", "'" }, { "nbsp;", " " },
	};
	size_t i;

	if (s[1] == '#') {
		char *end;
		long cp = s[2] == 'x' || s[2] == 'X' ? strtol(s + 3, &end, 16) :
		    strtol(s + 2, &end, 10);
		if (*end != ';' || end == s + 2 || cp <= 0 || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		out[utf8_encode((int32_t)cp, out)] = '\0';
		return (size_t)(end + 1 - s);
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strncmp(s + 1, names[i].name, strlen(names[i].name)) == 0) {
			strcpy(out, names[i].text);
			return 1 + strlen(names[i].name);
		}
	return 0;
}

/* Text of s on one line: if strip, tags dropped and character references
 * decoded (the text was escaped HTML); runs of white space and control
 * characters made one space; cut at max bytes on a character boundary.
 * NULL if nothing is left. */
static char *
oneline(const char *s, int strip, size_t max)
{
	struct buf b = {0};
	int space = 0, intag = 0;
	char ref[5];
	size_t n;

	for (; *s; s++) {
		unsigned char c = *s;
		if (strip && c == '<') {
			intag = 1;
			continue;
		}
		if (intag) {
			if (c == '>') {
				intag = 0;
				space = 1;
			}
			continue;
		}
		if (strip && c == '&' && (n = charref(s, ref)) > 0) {
			s += n - 1;
			if (strcmp(ref, " ") == 0 || (unsigned char)ref[0] < 0x20) {
				space = 1;
				continue;
			}
			if (space && b.len > 0)
				buf_putc(&b, ' ');
			space = 0;
			buf_puts(&b, ref);
			continue;
		}
		if (c < 0x20 || c == 0x7f || c == ' ') {
			space = 1;
			continue;
		}
		if (space && b.len > 0)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, c);
	}
	if (b.len > max) {
		size_t n = max;
		while (n > 0 && ((unsigned char)b.p[n] & 0xc0) == 0x80)
			n--;
		b.len = n;
		b.p[n] = '\0';
	}
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static char *
text_of(const xmlNode *n, int strip, size_t max)
{
	xmlChar *t;
	char *s;

	if (n == NULL)
		return NULL;
	t = xmlNodeGetContent(n);
	if (t == NULL)
		return NULL;
	s = oneline((const char *)t, strip, max);
	xmlFree(t);
	return s;
}

static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = oneline((const char *)v, 0, 8192);
	xmlFree(v);
	return s;
}

/* Whether an Atom text construct holds markup to drop. */
static int
atom_markup(const xmlNode *n)
{
	xmlChar *t;
	int r;

	if (n == NULL || (t = xmlGetProp(n, (const xmlChar *)"type")) == NULL)
		return 0;
	r = strcmp((char *)t, "html") == 0 || strcmp((char *)t, "xhtml") == 0;
	xmlFree(t);
	return r;
}

/* ISO 8601 UTC form of a feed's date text s (freed here), or NULL. */
static char *
iso_date(char *s)
{
	char out[32];

	if (s == NULL)
		return NULL;
	if (feed_date(s, out) != 0) {
		nf_debug("feed date not understood: %s", s);
		free(s);
		return NULL;
	}
	free(s);
	return xstrdup(out);
}

static char *
date_of(const xmlNode *n)
{
	return iso_date(text_of(n, 0, 200));
}

/* Resolve link against the item's base (xml:base, else the feed URL). */
static char *
resolve(xmlDoc *doc, xmlNode *item, const char *link)
{
	xmlChar *base = xmlNodeGetBase(doc, item);
	char *r = url_resolve(base ? (const char *)base : (const char *)doc->URL, link);

	if (base != NULL)
		xmlFree(base);
	return r;
}

static int
looks_http(const char *s)
{
	return s != NULL && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

/* An RSS 0.9x/2.0 or RSS 1.0 item. */
static char *
rss_item(xmlNode *it, struct item_meta *m)
{
	xmlNode *n;
	char *link;

	link = text_of(child(it, "link", NULL), 0, 8192);
	if (link == NULL && (n = child(it, "guid", NULL)) != NULL) {
		char *perma = attr(n, "isPermaLink");
		char *g = text_of(n, 0, 8192);
		/* A permalink guid is a full URL; a relative one is taken
		 * only when the feed says isPermaLink="true". */
		if (g != NULL && (perma == NULL ? looks_http(g) : strcmp(perma, "true") == 0))
			link = g;
		else
			free(g);
		free(perma);
	}
	if (link == NULL && (link = attr(it, "about")) != NULL && !looks_http(link)) {
		free(link);	/* rdf:about of an RSS 1.0 item */
		link = NULL;
	}
	m->title = text_of(child(it, "title", NULL), 0, 1000);
	m->published = date_of(child(it, "pubDate", NULL));
	if (m->published == NULL)
		m->published = date_of(child(it, "date", NS_DC));
	m->author = text_of(child(it, "author", NULL), 0, 500);
	if (m->author == NULL)
		m->author = text_of(child(it, "creator", NS_DC), 0, 500);
	m->description = text_of(child(it, "description", NULL), 1, DESC_MAX);
	return link;
}

static char *
atom_authors(const xmlNode *n)
{
	struct buf b = {0};
	xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		char *name;
		if (!is_el(c, "author", NS_ATOM))
			continue;
		if ((name = text_of(child(c, "name", NS_ATOM), 0, 200)) == NULL)
			continue;
		if (b.len > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, name);
		free(name);
	}
	return b.len ? buf_detach(&b) : NULL;
}

static char *
atom_entry(xmlNode *e, xmlNode *feed, struct item_meta *m)
{
	xmlNode *c, *t;
	char *link = NULL, *first = NULL;

	for (c = e->children; c != NULL && link == NULL; c = c->next) {
		char *rel, *type, *href;
		if (!is_el(c, "link", NS_ATOM) || (href = attr(c, "href")) == NULL)
			continue;
		rel = attr(c, "rel");
		type = attr(c, "type");
		if (rel == NULL || strcmp(rel, "alternate") == 0) {
			if (type == NULL || has_token(type, "html"))
				link = href;
			else if (first == NULL)
				first = href;
			else
				free(href);
		} else
			free(href);
		free(rel);
		free(type);
	}
	if (link == NULL)
		link = first;
	else
		free(first);
	if (link == NULL) {
		char *id = text_of(child(e, "id", NS_ATOM), 0, 8192);
		if (looks_http(id))
			link = id;
		else
			free(id);
	}
	t = child(e, "title", NS_ATOM);
	m->title = text_of(t, atom_markup(t), 1000);
	m->published = date_of(child(e, "published", NS_ATOM));
	if (m->published == NULL)
		m->published = date_of(child(e, "updated", NS_ATOM));
	m->author = atom_authors(e);
	if (m->author == NULL)
		m->author = atom_authors(feed);
	m->description = text_of(child(e, "summary", NS_ATOM), 1, DESC_MAX);
	return link;
}

/* ---- JSON Feed (https://jsonfeed.org/version/1.1) ---- */

static char *
json_text(json_t *o, const char *key, int strip, size_t max)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? oneline(json_string_value(v), strip, max) : NULL;
}

/* "authors": [{"name"}] (1.1), else "author": {"name"} (1.0). */
static char *
json_authors(json_t *o)
{
	struct buf b = {0};
	json_t *a = json_object_get(o, "authors"), *v;
	size_t i;

	if (json_is_array(a)) {
		json_array_foreach(a, i, v) {
			char *name = json_is_object(v) ? json_text(v, "name", 0, 200) : NULL;
			if (name == NULL)
				continue;
			if (b.len > 0)
				buf_puts(&b, ", ");
			buf_puts(&b, name);
			free(name);
		}
	} else if (json_is_object(a = json_object_get(o, "author"))) {
		char *name = json_text(a, "name", 0, 200);
		if (name != NULL) {
			buf_puts(&b, name);
			free(name);
		}
	}
	return b.len ? buf_detach(&b) : NULL;
}

static char *
json_date(json_t *o, const char *key)
{
	return iso_date(json_text(o, key, 0, 200));
}

static int
json_feed(const char *url, const char *body, size_t len, feed_item_fn fn, void *arg,
    const char **why)
{
	json_error_t err;
	json_t *doc = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err), *items, *it, *ver;
	size_t i;
	int n = 0;

	if (doc == NULL) {
		*why = "malformed feed (not valid JSON)";
		return -1;
	}
	ver = json_object_get(doc, "version");
	if (!json_is_string(ver) || strstr(json_string_value(ver), "jsonfeed.org/version") == NULL) {
		*why = "not a JSON Feed (no jsonfeed.org version)";
		json_decref(doc);
		return -1;
	}
	if (!json_is_array(items = json_object_get(doc, "items"))) {
		*why = "malformed feed (JSON Feed without items)";
		json_decref(doc);
		return -1;
	}
	json_array_foreach(items, i, it) {
		struct item_meta *m;
		char *link, *abs;

		n++;
		if (!json_is_object(it))
			continue;
		m = xcalloc(1, sizeof *m);
		if ((link = json_text(it, "url", 0, 8192)) == NULL)
			link = json_text(it, "external_url", 0, 8192);
		m->title = json_text(it, "title", 0, 1000);
		if ((m->published = json_date(it, "date_published")) == NULL)
			m->published = json_date(it, "date_modified");
		if ((m->author = json_authors(it)) == NULL)
			m->author = json_authors(doc);
		m->description = json_text(it, "summary", 0, DESC_MAX);
		if (link == NULL || (abs = url_resolve(url, link)) == NULL) {
			nf_debug("%s: item %d (%s) has no usable url, skipped", url, n,
			    m->title ? m->title : "untitled");
			meta_free(m);
			free(link);
			continue;
		}
		m->feed_url = xstrdup(url);
		fn(arg, abs, m);
		free(abs);
		free(link);
	}
	json_decref(doc);
	return n;
}

/* ---- sitemaps (https://www.sitemaps.org/protocol.html) ---- */

static int
is_sm(const xmlNode *n, const char *name)
{
	return is_el(n, name, NS_SITEMAP) || is_el(n, name, NS_SITEMAP084) ||
	    is_el(n, name, NULL);
}

/*
 * A <urlset> (pages, with Google News' news:title and
 * news:publication_date when present) or a <sitemapindex> (more
 * sitemaps, passed on with subfeed set). Returns the number of entries.
 */
static int
sitemap(xmlDoc *doc, xmlNode *root, const char *url, int index, feed_item_fn fn,
    void *arg, const char **kind)
{
	xmlNode *it, *news;
	int n = 0;

	*kind = index ? "sitemap index" : "sitemap";
	for (it = root->children; it != NULL; it = it->next) {
		struct item_meta *m;
		char *loc, *abs;

		if (!is_sm(it, index ? "sitemap" : "url"))
			continue;
		n++;
		if ((loc = text_of(child(it, "loc", NS_SITEMAP), 0, 8192)) == NULL &&
		    (loc = text_of(child(it, "loc", NS_SITEMAP084), 0, 8192)) == NULL &&
		    (loc = text_of(child(it, "loc", NULL), 0, 8192)) == NULL) {
			nf_debug("%s: entry %d has no loc, skipped", url, n);
			continue;
		}
		m = xcalloc(1, sizeof *m);
		m->subfeed = index;
		if (!index && (news = child(it, "news", NS_NEWS)) != NULL) {
			*kind = "news sitemap";
			m->title = text_of(child(news, "title", NS_NEWS), 0, 1000);
			m->published = date_of(child(news, "publication_date", NS_NEWS));
		}
		if ((abs = resolve(doc, it, loc)) == NULL) {
			nf_debug("%s: entry %d: bad loc %s, skipped", url, n, loc);
			meta_free(m);
		} else {
			m->feed_url = xstrdup(url);
			fn(arg, abs, m);
			free(abs);
		}
		free(loc);
	}
	return n;
}

/* Inflate a gzip body (a .xml.gz sitemap) into out; 0, or -1. */
static int
gunzip(const char *body, size_t len, struct buf *out)
{
	z_stream zs;
	int zr = Z_OK;

	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, 15 + 16) != Z_OK)
		return -1;
	zs.next_in = (Bytef *)(uintptr_t)body;
	zs.avail_in = len > UINT_MAX ? UINT_MAX : (uInt)len;
	while (zr != Z_STREAM_END) {
		buf_grow(out, 65536);
		zs.next_out = (Bytef *)out->p + out->len;
		zs.avail_out = 65536;
		zr = inflate(&zs, Z_NO_FLUSH);
		out->len = (size_t)((char *)zs.next_out - out->p);
		if ((zr != Z_OK && zr != Z_STREAM_END) || out->len > SITEMAP_MAX ||
		    (zr == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)) {
			inflateEnd(&zs);
			return -1;
		}
	}
	inflateEnd(&zs);
	buf_grow(out, 0);
	out->p[out->len] = '\0';
	return 0;
}

int
feed_parse(const char *url, const char *body, size_t len, feed_item_fn fn,
    void *arg, const char **kind, const char **why)
{
	xmlDoc *doc;
	xmlNode *root, *chan, *it;
	int n = 0, isatom = 0;
	const char *p;

	*kind = "";
	if (len == 0) {
		*why = "empty feed";
		return -1;
	}
	if (len >= 2 && (unsigned char)body[0] == 0x1f && (unsigned char)body[1] == 0x8b) {
		struct buf z = {0};
		if (gunzip(body, len, &z) != 0) {
			buf_free(&z);
			*why = "malformed feed (bad gzip data, or larger than 50 MB)";
			return -1;
		}
		/* No gzip inside gzip. */
		if (z.len >= 2 && (unsigned char)z.p[0] == 0x1f && (unsigned char)z.p[1] == 0x8b)
			n = -1, *why = "malformed feed (gzip inside gzip)";
		else
			n = feed_parse(url, z.p, z.len, fn, arg, kind, why);
		buf_free(&z);
		return n;
	}
	p = skip_prolog(body, body + len);
	if (p < body + len && *p == '{') {
		*kind = "json";
		return json_feed(url, body, len, fn, arg, why);
	}
	if (len > INT_MAX) {
		*why = "feed too large to parse";
		return -1;
	}
	doc = xmlReadMemory(body, (int)len, url, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		*why = "malformed feed (not well-formed XML)";
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL) {
		*why = "empty feed";
		goto bad;
	}
	if (is_el(root, "rss", NULL)) {
		*kind = "rss";
		if ((chan = child(root, "channel", NULL)) == NULL) {
			*why = "malformed feed (RSS without a channel)";
			goto bad;
		}
	} else if (is_el(root, "RDF", NS_RDF)) {
		*kind = "rdf";
		chan = root;	/* RSS 1.0 items are children of rdf:RDF */
	} else if (is_el(root, "feed", NS_ATOM)) {
		*kind = "atom";
		chan = root;
		isatom = 1;
	} else if (is_sm(root, "urlset") || is_sm(root, "sitemapindex")) {
		n = sitemap(doc, root, url, is_sm(root, "sitemapindex"), fn, arg, kind);
		xmlFreeDoc(doc);
		return n;
	} else {
		*why = "not an RSS or Atom feed or a sitemap";
		goto bad;
	}
	for (it = chan->children; it != NULL; it = it->next) {
		struct item_meta *m;
		char *link, *abs;

		if (isatom ? !is_el(it, "entry", NS_ATOM) : !is_el(it, "item", NULL))
			continue;
		m = xcalloc(1, sizeof *m);
		link = isatom ? atom_entry(it, root, m) : rss_item(it, m);
		n++;
		if (link == NULL) {
			nf_debug("%s: item %d (%s) has no link, skipped", url, n,
			    m->title ? m->title : "untitled");
			meta_free(m);
			continue;
		}
		abs = resolve(doc, it, link);
		if (abs == NULL) {
			nf_debug("%s: item %d: bad link %s, skipped", url, n, link);
			meta_free(m);
		} else {
			m->feed_url = xstrdup(url);
			fn(arg, abs, m);
			free(abs);
		}
		free(link);
	}
	xmlFreeDoc(doc);
	return n;
bad:
	xmlFreeDoc(doc);
	return -1;
}

/* ---- feed autodiscovery in HTML pages ---- */

static int
starts_ci(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && strncasecmp(p, s, n) == 0;
}

int
feed_is_html(const char *ctype, const char *body, size_t len)
{
	const char *p, *end = body + (len > 1024 ? 1024 : len);

	if (has_token(ctype, "html"))
		return 1;
	if (ctype != NULL && *ctype != '\0' && !has_token(ctype, "octet-stream") &&
	    !has_token(ctype, "text/plain"))
		return 0;
	p = skip_prolog(body, end);
	/* skip_prolog passed a doctype; what follows must be an element. */
	return starts_ci(p, end, "<html") || starts_ci(p, end, "<head") ||
	    starts_ci(p, end, "<meta") || starts_ci(p, end, "<link") ||
	    starts_ci(p, end, "<title");
}

/* Whether a space-separated token list holds tok (ASCII case ignored). */
static int
has_word(const char *list, const char *tok)
{
	size_t n = strlen(tok);
	const char *p = list;

	while (p != NULL && *p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
			p++;
		if (strncasecmp(p, tok, n) == 0 && (p[n] == '\0' || isspace((unsigned char)p[n])))
			return 1;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	return 0;
}

static int
feed_type(const char *t)
{
	static const char *const types[] = { "application/rss+xml", "application/atom+xml",
		"application/feed+json", "application/rdf+xml" };
	size_t i, n;

	if (t == NULL)
		return 0;
	while (*t == ' ')
		t++;
	for (i = 0; i < sizeof types / sizeof types[0]; i++) {
		n = strlen(types[i]);
		if (strncasecmp(t, types[i], n) == 0 && (t[n] == '\0' || t[n] == ';' || t[n] == ' '))
			return 1;
	}
	return 0;
}

struct disc {
	const char *base;
	feed_item_fn fn;
	void *arg;
	int n;
};

static void
disc_walk(xmlNode *n, struct disc *d, int depth)
{
	/* Announcements live in <head>; a bound on depth keeps a hostile
	 * page of nested elements from costing more than its size. */
	for (; n != NULL && depth < 64; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)n->name, "link") == 0) {
			char *rel = attr(n, "rel"), *type = attr(n, "type");
			char *href = attr(n, "href"), *abs;
			if (rel != NULL && has_word(rel, "alternate") && feed_type(type) &&
			    href != NULL && (abs = url_resolve(d->base, href)) != NULL) {
				struct item_meta *m = xcalloc(1, sizeof *m);
				m->subfeed = 1;
				m->feed_url = xstrdup(d->base);
				m->title = attr(n, "title");
				d->n++;
				d->fn(d->arg, abs, m);
				free(abs);
			}
			free(rel);
			free(type);
			free(href);
		} else if (strcasecmp((const char *)n->name, "body") != 0)
			disc_walk(n->children, d, depth + 1);
	}
}

int
feed_discover(const char *url, const char *body, size_t len, feed_item_fn fn, void *arg)
{
	htmlDocPtr doc;
	struct disc d = { url, fn, arg, 0 };
	xmlNode *root, *n;
	char *base = NULL;

	if (len > INT_MAX)
		return 0;
	doc = htmlReadMemory(body, (int)len, url, NULL, HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		xmlFreeDoc(doc);
		return 0;
	}
	/* <base href> in <head> changes what relative hrefs mean. */
	for (n = root->children; n != NULL && base == NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, "head") == 0) {
			xmlNode *c;
			for (c = n->children; c != NULL; c = c->next)
				if (c->type == XML_ELEMENT_NODE &&
				    strcasecmp((const char *)c->name, "base") == 0) {
					char *h = attr(c, "href");
					if (h != NULL) {
						base = url_resolve(url, h);
						free(h);
					}
					break;
				}
		}
	if (base != NULL)
		d.base = base;
	disc_walk(root, &d, 0);
	free(base);
	xmlFreeDoc(doc);
	return d.n;
}

/* ---- dates ---- */

static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec" };

static int
month_of(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncasecmp(s, months[i], 3) == 0)
			return i;
	return -1;
}

/* Zone suffix to seconds east of UTC; -1 on nonsense (sets *ok = 0). */
static long
zone_of(const char *z, int *ok)
{
	static const struct { const char *n; int h; } names[] = {
		{ "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	size_t i;

	*ok = 1;
	while (*z == ' ')
		z++;
	if (*z == '\0')
		return 0;	/* no zone: taken as UTC */
	if ((*z == '+' || *z == '-') && isdigit((unsigned char)z[1]) &&
	    isdigit((unsigned char)z[2])) {
		int sign = *z == '-' ? -1 : 1, h, m = 0;
		h = (z[1] - '0') * 10 + (z[2] - '0');
		z += 3;
		if (*z == ':')
			z++;
		if (isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1])) {
			m = (z[0] - '0') * 10 + (z[1] - '0');
			z += 2;
		}
		if (h > 14 || m > 59)
			*ok = 0;
		return sign * (h * 3600L + m * 60L);
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		size_t n = strlen(names[i].n);
		if (strncasecmp(z, names[i].n, n) == 0 && !isalpha((unsigned char)z[n]))
			return names[i].h * 3600L;
	}
	*ok = 0;
	return 0;
}

static int
emit(struct tm *tm, long off, int dateonly, char out[32])
{
	time_t t;
	struct tm g;

	if (tm->tm_year < 0 || tm->tm_year > 9999 - 1900 ||
	    tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 || tm->tm_mday > 31 ||
	    tm->tm_hour > 24 || tm->tm_min > 59 || tm->tm_sec > 60)
		return -1;
	if (dateonly) {
		snprintf(out, 32, "%04d-%02d-%02d", tm->tm_year + 1900, tm->tm_mon + 1,
		    tm->tm_mday);
		return 0;
	}
	t = timegm(tm) - off;
	if (gmtime_r(&t, &g) == NULL)
		return -1;
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &g);
	return 0;
}

/* "Sat, 22 Nov 2025 10:00:00 +0000" and the usual variants (no weekday,
 * no seconds, two-digit year, named zones, full month names). */
static int
rfc822(const char *s, char out[32])
{
	struct tm tm = {0};
	char mon[16];
	int n = 0, day, year, ok;
	long off;
	const char *p = s;

	while (*p == ' ')
		p++;
	if (isalpha((unsigned char)*p)) {	/* weekday */
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
	}
	if (sscanf(p, "%d %15s %d %n", &day, mon, &year, &n) != 3 || n == 0)
		return -1;
	if ((tm.tm_mon = month_of(mon)) < 0)
		return -1;
	p += n;
	if (sscanf(p, "%d:%d%n", &tm.tm_hour, &tm.tm_min, &n) != 2)
		return -1;
	p += n;
	if (*p == ':') {
		if (sscanf(p + 1, "%d%n", &tm.tm_sec, &n) != 1)
			return -1;
		p += 1 + n;
	}
	if (year < 50)
		year += 2000;
	else if (year < 100)
		year += 1900;
	tm.tm_year = year - 1900;
	tm.tm_mday = day;
	off = zone_of(p, &ok);
	if (!ok)
		return -1;
	return emit(&tm, off, 0, out);
}

/* "2025-11-22", "2025-11-22T10:00Z", "2025-11-22 10:00:00.123+01:00". */
static int
iso8601(const char *s, char out[32])
{
	struct tm tm = {0};
	int y, mo, d, n = 0, ok;
	long off;
	const char *p;

	while (*s == ' ')
		s++;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	p = s + n;
	if (*p == '\0' || (*p == ' ' && p[1] == '\0'))
		return emit(&tm, 0, 1, out);
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (sscanf(p, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &n) != 2)
		return -1;
	p += n;
	if (*p == ':') {
		if (sscanf(p + 1, "%2d%n", &tm.tm_sec, &n) != 1)
			return -1;
		p += 1 + n;
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	off = zone_of(p, &ok);
	if (!ok)
		return -1;
	return emit(&tm, off, 0, out);
}

int
feed_date(const char *s, char out[32])
{
	if (iso8601(s, out) == 0 || rfc822(s, out) == 0)
		return 0;
	return -1;
}

void
meta_free(struct item_meta *m)
{
	if (m == NULL)
		return;
	free(m->feed_url);
	free(m->title);
	free(m->published);
	free(m->author);
	free(m->description);
	free(m);
}

/*
 * meta.c: title, authors, publication date, description and language.
 *
 * One iterative walk over the tree gathers the evidence (meta tags,
 * JSON-LD, <title>, the first <h1>, <time>, rel=author and byline
 * elements, <html lang>); then each field takes the first source that has
 * it, in the order publishers are most careful with: Open Graph and
 * article:* tags, then JSON-LD, then the visible page, then the URL.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "nf.h"
#include "buf.h"
#include "jsonl.h"
#include "url.h"
#include "utf8.h"
#include "clean.h"

static size_t words(const char *, size_t);
static int month_word(const char *, size_t *);

/* Evidence, each a malloc'd string or NULL: the first seen is kept. */
enum {
	E_OG_TITLE, E_TW_TITLE, E_LD_HEADLINE, E_TITLE, E_H1,
	E_META_AUTHOR, E_ART_AUTHOR, E_LD_AUTHOR, E_REL_AUTHOR,
	E_PROP_AUTHOR, E_BYLINE,
	E_ART_PUB, E_PROP_PUB, E_LD_PUB, E_TIME, E_META_DATE, E_VISIBLE,
	E_DESC, E_OG_DESC, E_TW_DESC, E_LD_DESC,
	E_LANG, E_META_LANG, E_OG_LOCALE,
	E_CANONICAL, E_OG_URL, E_SITE, E_LOGO, E_KICKER, E_TAIL, E_ENTRY,
	E_N
};

#define MAXHEADS 24
#define MAXH1 8
/* Bytes of page text kept before and after the headline to find its
 * dateline in. Measured (dates right, WCXB dev / trafilatura half):
 * 300/1500 499/306, 600/3000 501/308, and no better up to 1000/6000. */
#define NEAR_BEFORE 600
#define NEAR_AFTER 3000

struct evidence {
	char *v[E_N];
	char *heads[MAXHEADS];	/* texts of h1, h2, h3 in order */
	size_t nheads;
	int nh1;		/* number of <h1>, logos and hidden ones aside */
	int nshort;		/* of which shorter than 10 bytes or 2 words */
	char *short_h1;		/* the first of those */
	char *h1v[MAXH1];	/* the texts of the first MAXH1 of them */
	size_t nh1v;
	/* The visible text around the headline: up to NEAR_BEFORE bytes
	 * before it, NEAR_AFTER from it. near[0] starts at the first <h1>
	 * taken as the headline, near[1] at the first <h1> or <h2> of any
	 * kind, for pages without one. */
	struct near {
		struct buf b;
		size_t h1;	/* where the heading starts in b */
		int state;	/* 0 before the heading, 1 after, 2 done */
	} near[2];
};

static void
ev_set(struct evidence *ev, int k, const char *s)
{
	struct buf b = {0};

	if (ev->v[k] != NULL || s == NULL)
		return;
	buf_grow(&b, 1);
	/* collapse each 0x1f-separated name on its own */
	for (const char *p = s; ; ) {
		const char *e = strchr(p, '\x1f');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		text_append_collapsed(&b, p, l);
		if (e == NULL)
			break;
		while (b.len > 0 && b.p[b.len - 1] == ' ')
			b.len--;
		buf_putc(&b, '\x1f');
		p = e + 1;
	}
	while (b.len > 0 && b.p[b.len - 1] == ' ')
		b.len--;
	b.p[b.len] = '\0';
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	ev->v[k] = buf_detach(&b);
}

static void
ev_take(struct evidence *ev, int k, char *s)
{
	ev_set(ev, k, s);
	free(s);
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((char *)v);
	xmlFree(v);
	return s;
}

static int
prop_is(xmlNodePtr n, const char *name, const char *value)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int r = 0;

	if (v != NULL) {
		/* rel="author external", property="og:title" */
		for (char *t = strtok((char *)v, " \t\n"); t != NULL && !r;
		    t = strtok(NULL, " \t\n"))
			r = strcasecmp(t, value) == 0;
		xmlFree(v);
	}
	return r;
}

static const char *
is_article_type(json_t *t)
{
	static const char *types[] = {
		"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle",
		"AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
		"BackgroundNewsArticle", "LiveBlogPosting", "TechArticle",
		"ScholarlyArticle", "SocialMediaPosting", "Report", "WebPage",
		"Blog", "Review", "VideoObject",
	};

	if (json_is_array(t)) {
		size_t i;
		json_t *v;
		json_array_foreach(t, i, v)
			if (is_article_type(v))
				return is_article_type(v);
		return NULL;
	}
	if (!json_is_string(t))
		return NULL;
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(json_string_value(t), types[i]) == 0)
			return types[i];
	return NULL;
}

static void
ld_author(struct evidence *ev, json_t *a, struct buf *names)
{
	if (json_is_string(a)) {
		if (names->len)
			buf_puts(names, "\x1f");
		buf_puts(names, json_string_value(a));
	} else if (json_is_object(a)) {
		json_t *n = json_object_get(a, "name");
		if (json_is_string(n))
			ld_author(ev, n, names);
	} else if (json_is_array(a)) {
		size_t i;
		json_t *v;
		json_array_foreach(a, i, v)
			ld_author(ev, v, names);
	}
}

/* Look for article objects in a JSON-LD value, to a depth of 6 (@graph,
 * arrays of objects, mainEntity). */
static void
ld_walk(struct evidence *ev, json_t *j, int depth)
{
	const char *type;

	if (depth > 6)
		return;
	if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v)
			ld_walk(ev, v, depth + 1);
		return;
	}
	if (!json_is_object(j))
		return;
	type = is_article_type(json_object_get(j, "@type"));
	/* WebPage and the like only count when nothing better is there */
	if (type != NULL && strcmp(type, "WebPage") != 0 &&
	    strcmp(type, "VideoObject") != 0) {
		json_t *a = json_object_get(j, "author");
		struct buf names = {0};

		ev_set(ev, E_LD_HEADLINE, json_str(j, "headline"));
		ev_set(ev, E_LD_PUB, json_str(j, "datePublished"));
		ev_set(ev, E_LD_DESC, json_str(j, "description"));
		if (a != NULL) {
			ld_author(ev, a, &names);
			if (names.len)
				ev_set(ev, E_LD_AUTHOR, names.p);
			buf_free(&names);
		}
	}
	ld_walk(ev, json_object_get(j, "@graph"), depth + 1);
	ld_walk(ev, json_object_get(j, "mainEntity"), depth + 1);
	if (type != NULL)	/* WebPage etc. as a last resort */
		ev_set(ev, E_LD_PUB, json_str(j, "datePublished"));
}

static void
ld_parse(struct evidence *ev, xmlNodePtr script)
{
	xmlChar *c = xmlNodeGetContent(script);
	json_error_t err;
	json_t *j;

	if (c == NULL)
		return;
	j = json_loads((char *)c, JSON_DECODE_ANY, &err);
	xmlFree(c);
	if (j == NULL)
		return;
	ld_walk(ev, j, 0);
	json_decref(j);
}

static void
meta_tag(struct evidence *ev, xmlNodePtr n)
{
	char *content = prop(n, "content");
	char *key = prop(n, "property");
	char *name = prop(n, "name");
	char *ip = prop(n, "itemprop");
	char *he = prop(n, "http-equiv");

	if (content == NULL)
		goto out;
	if (name != NULL && key == NULL)
		key = xstrdup(name);
	else if (key == NULL && ip != NULL)
		key = xstrdup(ip);
	if (key == NULL && he != NULL && strcasecmp(he, "content-language") == 0)
		ev_set(ev, E_META_LANG, content);
	if (key == NULL)
		goto out;
	for (char *q = key; *q; q++)
		*q = (char)tolower((unsigned char)*q);

	static const struct { const char *k; int e; } map[] = {
		{ "og:title", E_OG_TITLE }, { "twitter:title", E_TW_TITLE },
		{ "author", E_META_AUTHOR }, { "article:author", E_ART_AUTHOR },
		{ "dc.creator", E_META_AUTHOR }, { "sailthru.author", E_META_AUTHOR },
		{ "parsely-author", E_META_AUTHOR },
		{ "article:published_time", E_ART_PUB },
		{ "og:published_time", E_ART_PUB },
		{ "article:published", E_ART_PUB },
		{ "datepublished", E_PROP_PUB },
		{ "date", E_META_DATE }, { "dc.date", E_META_DATE },
		{ "dc.date.issued", E_META_DATE }, { "dcterms.date", E_META_DATE },
		{ "dcterms.created", E_META_DATE }, { "pubdate", E_META_DATE },
		{ "publishdate", E_META_DATE }, { "publish-date", E_META_DATE },
		{ "sailthru.date", E_META_DATE }, { "parsely-pub-date", E_META_DATE },
		{ "article.published", E_META_DATE },
		{ "published_time", E_META_DATE },
		{ "original-publish-date", E_META_DATE },
		{ "cxenseparse:recs:publishtime", E_META_DATE },
		{ "description", E_DESC }, { "og:description", E_OG_DESC },
		{ "twitter:description", E_TW_DESC },
		{ "og:locale", E_OG_LOCALE }, { "language", E_META_LANG },
		{ "dc.language", E_META_LANG }, { "content-language", E_META_LANG },
		{ "og:url", E_OG_URL }, { "og:site_name", E_SITE },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(key, map[i].k) == 0) {
			/* article:author is often a profile URL */
			if (map[i].e == E_ART_AUTHOR &&
			    strncmp(content, "http", 4) == 0)
				break;
			ev_set(ev, map[i].e, content);
			break;
		}
out:
	free(content);
	free(key);
	free(name);
	free(ip);
	free(he);
}

/* Whether a heading holds a link to a site's home page (a logo). */
static int
links_home(xmlNodePtr h)
{
	/* the first link inside, however deep ("<h1><span><a href=/>") */
	for (xmlNodePtr c = tree_next(h, h, 1); c != NULL;
	    c = tree_next(c, h, 1)) {
		xmlChar *href;
		const char *p;
		int r;

		if (c->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)c->name, "a") != 0)
			continue;
		href = xmlGetProp(c, (const xmlChar *)"href");
		if (href == NULL)
			continue;
		/* the last "://": an archived page links to its archived
		 * home, "/web/2016.../http://site/" */
		p = NULL;
		for (char *q = strstr((char *)href, "://"); q != NULL;
		    q = strstr(q + 3, "://"))
			p = q;
		p = p ? strchr(p + 3, '/') : (char *)href;
		r = p == NULL || strcmp(p, "/") == 0 || *p == '\0' ||
		    strcmp(p, "./") == 0 || strncmp(p, "/index.", 7) == 0;
		xmlFree(href);
		return r;
	}
	return 0;
}

/* The text of the first element inside an <h1> that holds only part of
 * its text (tl bytes): a kicker in its own <small> or <span>, if the
 * headline has one. Malloc'd or NULL. */
static char *
h1_kicker(xmlNodePtr h, size_t tl)
{
	for (xmlNodePtr c = tree_next(h, h, 1); c != NULL;
	    c = tree_next(c, h, 1)) {
		char *t;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		t = node_text(c);
		if (*t != '\0' && strlen(t) < tl)
			return t;
		free(t);
	}
	return NULL;
}

/* A heading marked as the post's title by the blog engines' microformats
 * (hAtom's "entry-title" in WordPress and Blogger themes, "post-title")
 * or by schema.org (itemprop="headline"). */
static int
entry_title(xmlNodePtr n)
{
	const char *nm = (const char *)n->name;
	xmlChar *c;
	int r;

	if (!(nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '3' && nm[2] == '\0'))
		return 0;
	if (prop_is(n, "itemprop", "headline"))
		return 1;
	c = xmlGetProp(n, (const xmlChar *)"class");
	r = c != NULL && (strstr((char *)c, "entry-title") != NULL ||
	    strstr((char *)c, "post-title") != NULL);
	xmlFree(c);
	return r;
}

/* The text of the last element child of an <h1> that holds only part
 * of its text: a dateline or category line in a <small> after the
 * headline. Malloc'd or NULL. */
static char *
h1_tail(xmlNodePtr h, size_t tl)
{
	for (xmlNodePtr c = h->last; c != NULL; c = c->prev) {
		char *t;

		if (c->type == XML_TEXT_NODE) {
			for (const xmlChar *q = c->content; q && *q; q++)
				if (!isspace(*q))
					return NULL;	/* text comes last */
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		t = node_text(c);
		if (*t != '\0' && strlen(t) < tl)
			return t;
		free(t);
		if (strcmp((const char *)c->name, "br") != 0)
			return NULL;
	}
	return NULL;
}

/* An element that is not shown, or only to screen readers: WordPress's
 * "Post navigation" <h1 class="screen-reader-text">, "aural" kickers. */
static int
hidden_el(xmlNodePtr n)
{
	static const char *words[] = { "screen-reader", "sr-only",
	    "visually-hidden", "visuallyhidden", "aural", "display:none",
	    "display: none" };
	xmlChar *v[4];
	int r = 0;

	v[0] = xmlGetProp(n, (const xmlChar *)"class");
	v[1] = xmlGetProp(n, (const xmlChar *)"id");
	v[2] = xmlGetProp(n, (const xmlChar *)"style");
	v[3] = xmlGetProp(n, (const xmlChar *)"aria-hidden");
	for (int k = 0; k < 3; k++) {
		for (xmlChar *q = v[k]; q != NULL && *q; q++)
			*q = (xmlChar)tolower(*q);
		for (size_t i = 0; i < sizeof words / sizeof words[0] && !r &&
		    v[k] != NULL; i++)
			r = strstr((char *)v[k], words[i]) != NULL;
	}
	if (v[3] != NULL && strcmp((char *)v[3], "true") == 0)
		r = 1;
	for (int k = 0; k < 4; k++)
		xmlFree(v[k]);
	return r;
}

/* Whether n is inside a <dialog> that is not open, which browsers do not
 * show: GitHub's select panels each hold an <h1> "Select an option". */
static int
in_closed_dialog(xmlNodePtr n)
{
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (xmlStrcasecmp(n->name, (const xmlChar *)"dialog") == 0 &&
		    !xmlHasProp(n, (const xmlChar *)"open"))
			return 1;
	return 0;
}

/* An element whose class or id says it holds a date (or the byline
 * line that usually does), or a <time> without datetime. */
static int
dateish(xmlNodePtr n)
{
	static const char *words[] = {
		"date", "datum", "time", "posted", "publish", "byline",
		"meta", "info", "fecha", "data",
	};
	xmlChar *c, *id;
	int r = 0;

	if (strcmp((const char *)n->name, "time") == 0)
		return 1;
	c = xmlGetProp(n, (const xmlChar *)"class");
	id = xmlGetProp(n, (const xmlChar *)"id");
	for (xmlChar *q = c; q && *q; q++)
		*q = (xmlChar)tolower(*q);
	for (xmlChar *q = id; q && *q; q++)
		*q = (xmlChar)tolower(*q);
	for (size_t i = 0; i < sizeof words / sizeof words[0] && !r; i++)
		r = (c && strstr((char *)c, words[i])) ||
		    (id && strstr((char *)id, words[i]));
	xmlFree(c);
	xmlFree(id);
	return r;
}

/* Whether the 48 bytes before s[at] label a date as an update
 * ("Updated:", "Aktualisiert am", "Mis à jour le", "Обновлено"). */
static int
update_label(const char *s, size_t at)
{
	/* lower case: the window is lowered byte by byte (ASCII), so
	 * words starting with a non-ASCII capital come in both cases */
	static const char *words[] = { "updat", "aktualisiert", "ge\xC3\xA4ndert",
	    "\xC3\xA4nderung", "\xC3\x84nderung", "modif", "actualiza",
	    "mis \xC3\xA0 jour", "aggiornat",
	    "\xD0\xBE\xD0\xB1\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBB",
	    "\xD0\x9E\xD0\xB1\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBB",
	    "\xD0\xBE\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBB",
	    "\xD0\x9E\xD0\xBD\xD0\xBE\xD0\xB2\xD0\xBB", "atnaujint",
	    "revised", "edited", "last changed", "stand:" };
	size_t from = at > 48 ? at - 48 : 0;
	char w[49];
	size_t n = 0;

	for (size_t i = from; i < at; i++)
		w[n++] = (char)tolower((unsigned char)s[i]);
	w[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *f = strstr(w, words[i]);
		/* the label, not a date further back that it belongs to:
		 * nothing but a few bytes between the label and the date */
		if (f != NULL && (size_t)(w + n - f) <= strlen(words[i]) + 16)
			return 1;
	}
	return 0;
}

/* The first date written in s[from..to) (a date may run past to); one
 * labelled as an update gives way to another written right after it
 * ("Updated Nov 23 | Published Nov 22"). With last, the last date
 * instead. Malloc'd or NULL. */
static char *
scan_dates(const char *s, size_t from, size_t to, int last)
{
	char *upd = NULL, *got = NULL;
	size_t upd_at = 0;

	for (size_t i = from; i < to && s[i] != '\0'; i++) {
		if (upd != NULL && !last && i > upd_at + 120)
			break;
		const char *p = s + i;
		char *d;

		if (i > 0 && (isalnum((unsigned char)p[-1]) ||
		    ((unsigned char)*p & 0xC0) == 0x80))
			continue;
		if (!isdigit((unsigned char)*p) && !isalpha((unsigned char)*p))
			continue;
		/* a date starts with its day, year or month: a word before
		 * it ("Updated Nov 23") is a label, not a weekday to skip */
		if (isalpha((unsigned char)*p)) {
			size_t ml;
			if (month_word(p, &ml) == 0)
				continue;
		}
		if ((d = meta_date_norm(p)) == NULL)
			continue;
		if (update_label(s, i)) {
			if (upd == NULL) {
				upd = d;
				upd_at = i;
			} else
				free(d);
			continue;
		}
		free(got);
		got = d;
		if (!last)
			break;
	}
	if (got != NULL) {
		free(upd);
		return got;
	}
	return upd;
}

/* The first date written anywhere in s ("Posted on 18. Mai 2014 by"),
 * one labelled as an update only if there is no other. */
char *
meta_date_scan(const char *s)
{
	return scan_dates(s, 0, strlen(s), 0);
}

/* Whether the class or id names a byline ("byline", "author-name",
 * "c-article__author") rather than an author's box or picture. */
static int
bylineish(xmlNodePtr n)
{
	static const char *not[] = { "bio", "box", "avatar", "image", "img",
	    "photo", "desc", "about", "comment", "more", "social", "follow" };
	xmlChar *c = xmlGetProp(n, (const xmlChar *)"class");
	int r = 0;

	if (c == NULL)
		return 0;
	for (xmlChar *q = c; *q; q++)
		*q = (xmlChar)tolower(*q);
	if (strstr((char *)c, "byline") || strstr((char *)c, "author") ||
	    strcmp((char *)c, "fn") == 0) {
		r = 1;
		for (size_t i = 0; i < sizeof not / sizeof not[0]; i++)
			if (strstr((char *)c, not[i]))
				r = 0;
	}
	xmlFree(c);
	return r;
}

/* Names in a byline: the texts of its links when it has two or more
 * ("<a>A</a><a>B</a>" is A and B, not "AB"), joined by 0x1f; else its
 * text. Malloc'd. */
static char *
byline_names(xmlNodePtr n)
{
	struct buf b = {0};
	xmlNodePtr c = n->children;
	int links = 0;

	while (c != NULL && links < 8) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "a") == 0) {
			char *t = node_text(c);
			if (*t != '\0') {
				if (b.len)
					buf_putc(&b, '\x1f');
				buf_puts(&b, t);
				links++;
			}
			free(t);
		} else if (c->type == XML_ELEMENT_NODE && c->children != NULL) {
			c = c->children;
			continue;
		}
		while (c != n && c->next == NULL)
			c = c->parent;
		if (c == n)
			break;
		c = c->next;
	}
	if (links >= 2)
		return buf_detach(&b);
	buf_free(&b);
	return node_text(n);
}

/* Gather the evidence in one walk. */
static void
gather(htmlDocPtr doc, struct evidence *ev)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n = root;

	if (root == NULL)
		return;
	ev_take(ev, E_LANG, prop(root, "lang"));
	ev_take(ev, E_LANG, prop(root, "xml:lang"));
	while (n != NULL) {
		int descend = 1;

		for (int w = 0; w < 2 && n->type == XML_TEXT_NODE &&
		    n->content != NULL; w++) {
			struct near *z = &ev->near[w];
			struct buf *b = &z->b;
			if (z->state == 2)
				continue;
			if (b->len > 0 && b->p[b->len - 1] != ' ')
				buf_putc(b, ' ');
			text_append_collapsed(b, (const char *)n->content,
			    strlen((const char *)n->content));
			if (z->state == 0 && b->len > 2 * NEAR_BEFORE) {
				memmove(b->p, b->p + b->len - NEAR_BEFORE,
				    NEAR_BEFORE);
				b->len = NEAR_BEFORE;
			} else if (z->state == 1 && b->len - z->h1 > NEAR_AFTER)
				z->state = 2;
		}
		if (n->type == XML_ELEMENT_NODE) {
			const char *nm = (const char *)n->name;

			if (strcmp(nm, "meta") == 0) {
				meta_tag(ev, n);
			} else if (strcmp(nm, "title") == 0) {
				if (ev->v[E_TITLE] == NULL)
					ev_take(ev, E_TITLE, node_text(n));
				descend = 0;
			} else if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '3' &&
			    nm[2] == '\0') {
				char *t = node_text(n);
				int skip = 0;
				if (nm[1] <= '2' && *t != '\0' &&
				    ev->near[1].state == 0) {
					ev->near[1].state = 1;
					ev->near[1].h1 = ev->near[1].b.len;
				}
				/* a logo (a link home) names the site; a
				 * hidden heading is not the headline */
				if (nm[1] == '1' && *t != '\0') {
					if (links_home(n)) {
						ev_set(ev, E_LOGO, t);
						skip = 1;
					} else if (hidden_el(n) ||
					    in_closed_dialog(n)) {
						skip = 1;
					} else if (strlen(t) < 10 ||
					    words(t, strlen(t)) < 2) {
						if (ev->nshort++ == 0)
							ev->short_h1 = xstrdup(t);
					} else {
						if (ev->v[E_H1] == NULL) {
							ev->near[0].state = 1;
							ev->near[0].h1 = ev->near[0].b.len;
							ev_take(ev, E_KICKER,
							    h1_kicker(n, strlen(t)));
							ev_take(ev, E_TAIL,
							    h1_tail(n, strlen(t)));
						}
						/* responsive themes set the
						 * headline twice (mobile and
						 * desktop): a copy of the
						 * first is not a second <h1>
						 * (titles right +2 WCXB, +1
						 * trafilatura, none lost) */
						if (ev->v[E_H1] == NULL ||
						    strcmp(ev->v[E_H1], t) != 0)
							ev->nh1++;
						if (ev->nh1v < MAXH1)
							ev->h1v[ev->nh1v++] =
							    xstrdup(t);
						ev_set(ev, E_H1, t);
					}
				}
				if (!skip && ev->nheads < MAXHEADS && *t != '\0' &&
				    strlen(t) < 400)
					ev->heads[ev->nheads++] = t;
				else
					free(t);
			} else if (strcmp(nm, "link") == 0) {
				if (prop_is(n, "rel", "canonical"))
					ev_take(ev, E_CANONICAL, prop(n, "href"));
			} else if (strcmp(nm, "script") == 0) {
				if (prop_is(n, "type", "application/ld+json"))
					ld_parse(ev, n);
				descend = 0;
			} else if (strcmp(nm, "style") == 0) {
				descend = 0;
			} else if (strcmp(nm, "time") == 0) {
				if (xmlHasProp(n, (const xmlChar *)"pubdate") ||
				    prop_is(n, "itemprop", "datePublished"))
					ev->v[E_TIME] = (free(ev->v[E_TIME]), NULL);
				ev_take(ev, E_TIME, prop(n, "datetime"));
			}
			if (n->properties == NULL) {
				/* nothing more to learn from a bare element,
				 * except a <time> with a date as its text */
				if (ev->v[E_VISIBLE] == NULL &&
				    strcmp(nm, "time") == 0) {
					char *t = node_text(n), *d = NULL;
					if (strlen(t) < 200)
						d = meta_date_scan(t);
					ev_set(ev, E_VISIBLE, d);
					free(d);
					free(t);
				}
				goto next;
			}
			if (ev->v[E_ENTRY] == NULL && entry_title(n)) {
				char *t = node_text(n);
				if (strlen(t) >= 3 && strlen(t) < 300)
					ev_set(ev, E_ENTRY, t);
				free(t);
			}
			if (prop_is(n, "itemprop", "datePublished")) {
				ev_take(ev, E_PROP_PUB, prop(n, "content"));
				ev_take(ev, E_PROP_PUB, prop(n, "datetime"));
				ev_take(ev, E_PROP_PUB, prop(n, "title"));
			}
			if (ev->v[E_VISIBLE] == NULL && dateish(n)) {
				char *t = node_text(n), *d = NULL;
				if (strlen(t) < 200)
					d = meta_date_scan(t);
				ev_set(ev, E_VISIBLE, d);
				free(d);
				free(t);
			}
			if (strcmp(nm, "a") == 0 && prop_is(n, "rel", "author"))
				ev_take(ev, E_REL_AUTHOR, node_text(n));
			if (ev->v[E_PROP_AUTHOR] == NULL &&
			    prop_is(n, "itemprop", "author") &&
			    strcmp(nm, "meta") != 0 && strcmp(nm, "link") != 0)
				ev_take(ev, E_PROP_AUTHOR, byline_names(n));
			if (ev->v[E_BYLINE] == NULL && bylineish(n)) {
				char *t = byline_names(n);
				if (strlen(t) < 120)
					ev_set(ev, E_BYLINE, t);
				free(t);
			}
		}
next:
		n = tree_next(n, root, descend);
	}
}

/* --- dates --- */

static const char *months[][12] = {
	{ "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
	  "oct", "nov", "dec" },
	/* German, French, Spanish, Italian abbreviations differing from
	 * English (first three letters, lower case) */
	{ "jän", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep",
	  "okt", "nov", "dez" },
	{ "jan", "fév", "mar", "avr", "mai", "jui", "jui", "aoû", "sep",
	  "oct", "nov", "déc" },
	{ "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep",
	  "oct", "nov", "dic" },
	{ "gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set",
	  "ott", "nov", "dic" },
};

#include "months.h"

static int
monthcmp(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

/* Month number from a word at s (1-12), its length in *len; 0 if none.
 * Any CLDR month name of 19 languages ("lapkričio", "ноября", "März"),
 * else the first three letters of an English, German, French, Spanish
 * or Italian one ("Sept", "Dez."). */
static int
month_word(const char *s, size_t *len)
{
	size_t n = 0;
	char w[16];
	struct buf low = {0};
	const void *hit;

	while (s[n] != '\0' && (isalpha((unsigned char)s[n]) ||
	    (unsigned char)s[n] >= 0x80))
		n++;
	*len = n;
	if (n < 3 || n > 40)
		return 0;
	utf8_lower(&low, s, n);
	hit = bsearch(low.p, month_names, sizeof month_names /
	    sizeof month_names[0], sizeof month_names[0], monthcmp);
	buf_free(&low);
	if (hit != NULL)
		return ((const struct month_name *)hit)->month;
	for (size_t i = 0; i < n && i < sizeof w - 1; i++)
		w[i] = (char)tolower((unsigned char)s[i]);
	w[n < sizeof w - 1 ? n : sizeof w - 1] = '\0';
	/* French juin/juillet share "jui" */
	if (strncmp(w, "juil", 4) == 0)
		return 7;
	for (size_t l = 0; l < sizeof months / sizeof months[0]; l++)
		for (int m = 0; m < 12; m++) {
			size_t ml = strlen(months[l][m]);
			if (strncmp(w, months[l][m], ml) == 0 && n >= ml &&
			    n <= 4)
				return m + 1;
		}
	return 0;
}

static int
num(const char **s, int mindig, int maxdig)
{
	int v = 0, d = 0;

	while (isdigit((unsigned char)**s) && d < maxdig) {
		v = v * 10 + (**s - '0');
		(*s)++;
		d++;
	}
	return d >= mindig ? v : -1;
}

static int
valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* Time and zone after a date: "T10:00:00.123+02:00", " 10:00 GMT". */
static void
time_part(const char *s, struct buf *out)
{
	int h, mi, se = 0;
	char zone[8] = "";

	while (*s == ' ' || *s == 'T' || *s == ',' || *s == 't')
		s++;
	if ((h = num(&s, 1, 2)) < 0 || *s != ':')
		return;
	s++;
	if ((mi = num(&s, 2, 2)) < 0)
		return;
	if (*s == ':') {
		s++;
		if ((se = num(&s, 2, 2)) < 0)
			se = 0;
		if (*s == '.' || *s == ',')
			for (s++; isdigit((unsigned char)*s); s++)
				;
	}
	if (h > 23 || mi > 59 || se > 60)
		return;
	while (*s == ' ')
		s++;
	if (*s == 'Z' || *s == 'z' || strncmp(s, "GMT", 3) == 0 ||
	    strncmp(s, "UTC", 3) == 0 || strncmp(s, "UT", 2) == 0) {
		strcpy(zone, "Z");
		if ((strncmp(s, "GMT", 3) == 0 || strncmp(s, "UTC", 3) == 0) &&
		    (s[3] == '+' || s[3] == '-'))
			s += 3, zone[0] = '\0';
	}
	if (zone[0] == '\0' && (*s == '+' || *s == '-')) {
		char sign = *s++;
		const char *t = s;
		int zh = num(&t, 2, 2), zm = 0;
		if (zh >= 0) {
			if (*t == ':')
				t++;
			if (isdigit((unsigned char)*t))
				zm = num(&t, 2, 2);
			if (zm >= 0 && zh <= 14 && zm <= 59) {
				if (zh == 0 && zm == 0)
					strcpy(zone, "Z");
				else
					snprintf(zone, sizeof zone, "%c%02d:%02d",
					    sign, zh, zm);
			}
		}
	} else if (zone[0] == '\0') {
		static const struct { const char *n; const char *z; } tz[] = {
			{ "EST", "-05:00" }, { "EDT", "-04:00" },
			{ "CST", "-06:00" }, { "CDT", "-05:00" },
			{ "MST", "-07:00" }, { "MDT", "-06:00" },
			{ "PST", "-08:00" }, { "PDT", "-07:00" },
			{ "CET", "+01:00" }, { "CEST", "+02:00" },
			{ "BST", "+01:00" },
		};
		for (size_t i = 0; i < sizeof tz / sizeof tz[0]; i++)
			if (strncmp(s, tz[i].n, strlen(tz[i].n)) == 0) {
				strcpy(zone, tz[i].z);
				break;
			}
	}
	buf_printf(out, "T%02d:%02d:%02d%s", h, mi, se, zone);
}

char *
meta_date_norm(const char *s)
{
	struct buf out = {0};
	const char *p, *rest = NULL;
	int y = -1, m = -1, d = -1;
	size_t ml;

	if (s == NULL)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	p = s;
	/* skip a weekday: "Sat, 22 Nov 2025", "Saturday 22 November" */
	if (isalpha((unsigned char)*p)) {
		const char *q = p;
		while (isalpha((unsigned char)*q))
			q++;
		if (month_word(p, &ml) == 0 && (*q == ',' || *q == ' ')) {
			while (*q == ',' || *q == ' ')
				q++;
			p = q;
		}
	}
	if (isdigit((unsigned char)p[0]) && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && isdigit((unsigned char)p[3])) {
		/* 2025-11-22, 2025/11/22, 2025.11.22, 20251122 */
		const char *q = p;
		y = num(&q, 4, 4);
		if (strncmp(q, " m. ", 4) == 0 || strncmp(q, " m ", 3) == 0) {
			/* Lithuanian: 2025 m. lapkričio 27 d. */
			q += q[2] == '.' ? 4 : 3;
			if ((m = month_word(q, &ml)) > 0) {
				q += ml;
				while (*q == ' ')
					q++;
				d = num(&q, 1, 2);
			}
			rest = NULL;
			goto done;
		}
		if (*q == '-' || *q == '/' || *q == '.') {
			char sep = *q++;
			m = num(&q, 1, 2);
			if (*q == sep) {
				q++;
				d = num(&q, 1, 2);
			}
		} else if (isdigit((unsigned char)*q)) {
			m = num(&q, 2, 2);
			d = num(&q, 2, 2);
		}
		rest = q;
	} else if (isdigit((unsigned char)*p)) {
		/* 22 Nov 2025, 22. November 2025, 22.11.2025, 22/11/2025 */
		const char *q = p;
		d = num(&q, 1, 2);
		if (*q == '.' || *q == '/' || *q == '-') {
			char sep = *q;
			if (isdigit((unsigned char)q[1])) {
				q++;
				m = num(&q, 1, 2);
				if (*q == sep) {
					q++;
					y = num(&q, 4, 4);
				}
				/* 11/22/2025 is American */
				if (sep == '/' && m > 12 && d <= 12) {
					int t = m;
					m = d;
					d = t;
				}
				rest = q;
				goto done;
			}
			q++;
		}
		if ((q[0] == 's' && q[1] == 't') || (q[0] == 'n' && q[1] == 'd') ||
		    (q[0] == 'r' && q[1] == 'd') || (q[0] == 't' && q[1] == 'h') ||
		    (q[0] == 'e' && q[1] == 'r'))
			q += 2;		/* 22nd November, 1er décembre */
		while (*q == ' ' || *q == '-')
			q++;
		if (strncmp(q, "de ", 3) == 0)
			q += 3;		/* 22 de noviembre de 2025 */
		if ((m = month_word(q, &ml)) > 0) {
			q += ml;
			while (*q == ' ' || *q == '.' || *q == ',' || *q == '-')
				q++;
			if (strncmp(q, "de ", 3) == 0)
				q += 3;
			y = num(&q, 4, 4);
			rest = q;
		}
	} else if ((m = month_word(p, &ml)) > 0) {
		/* November 22, 2025 */
		const char *q = p + ml;
		while (*q == ' ' || *q == '.')
			q++;
		d = num(&q, 1, 2);
		if (q[0] == 's' || q[0] == 'n' || q[0] == 'r' || q[0] == 't')
			q += 2;		/* 1st, 2nd, 3rd, 4th */
		while (*q == ' ' || *q == ',')
			q++;
		y = num(&q, 4, 4);
		rest = q;
	}
done:
	if (!valid_ymd(y, m, d))
		return NULL;
	buf_printf(&out, "%04d-%02d-%02d", y, m, d);
	if (rest != NULL)
		time_part(rest, &out);
	return buf_detach(&out);
}

/* /2025/11/22/ or /2025-11-22 in a URL path. */
static char *
date_from_url(const char *url)
{
	const char *p;

	if (url == NULL)
		return NULL;
	p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	for (; p != NULL && *p; p = strchr(p + 1, '/')) {
		const char *q = p + 1;
		int y, m, d;
		char sep;

		y = num(&q, 4, 4);
		if (y < 0 || (*q != '/' && *q != '-') || isdigit((unsigned char)*q))
			continue;
		sep = *q++;
		m = num(&q, 2, 2);
		if (m < 0 || *q != sep)
			continue;
		q++;
		d = num(&q, 2, 2);
		if (d < 0 || isdigit((unsigned char)*q))
			continue;
		if (valid_ymd(y, m, d)) {
			struct buf b = {0};
			buf_printf(&b, "%04d-%02d-%02d", y, m, d);
			return buf_detach(&b);
		}
	}
	return NULL;
}

/* --- titles --- */

static int
eqi(const char *a, size_t n, const char *b)
{
	return b != NULL && strlen(b) == n && strncasecmp(a, b, n) == 0;
}

static size_t
words(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			w++;
	return w;
}

static int
eq_any(const char *a, size_t n, char *const *heads, size_t nheads)
{
	for (size_t i = 0; i < nheads; i++)
		if (eqi(a, n, heads[i]))
			return 1;
	return 0;
}

/* Whether title[pos..pos+len) is bounded by the ends of the title or by
 * a separator (| - : » « · / and dashes) with spaces around. */
static int
sep_bounded(const char *title, size_t pos, size_t len)
{
	size_t n = strlen(title), a = pos, b = pos + len;

	while (a > 0 && title[a - 1] == ' ')
		a--;
	while (b < n && title[b] == ' ')
		b++;
	return (a == 0 || strchr("|-:/\xB7\xBB\xAB\x94\x93", title[a - 1])) &&
	    (b == n || strchr("|-:/\xC2\xE2", title[b]));
}

void
meta_title_trim(char *title, const char *site, char *const *heads,
    size_t nheads)
{
	static const char *seps[] = {
		" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ",
		" \xC2\xB7 ", " \xC2\xBB ", " \xC2\xAB ", " / ", " // ",
		" : ", ": ",
	};
	size_t n = strlen(title), best = 0, bestlen = 0;

	if (eq_any(title, n, heads, nheads))
		return;
	/* The longest heading of the page that is a separated part of
	 * the title ("Site: Headline", "Topic: Headline | Site"). */
	for (size_t i = 0; i < nheads; i++) {
		size_t hl = strlen(heads[i]);
		const char *at = strstr(title, heads[i]);
		if (at == NULL || hl <= bestlen || hl < 10 ||
		    words(heads[i], hl) < 2 || hl * 100 < n * 35 ||
		    eqi(heads[i], hl, site) ||
		    !sep_bounded(title, (size_t)(at - title), hl))
			continue;
		best = (size_t)(at - title);
		bestlen = hl;
	}
	if (bestlen > 0) {
		memmove(title, title + best, bestlen);
		title[bestlen] = '\0';
		return;
	}
	/* "Headline | Site | Slogan" */
	{
		char *a = strstr(title, " | ");
		if (a != NULL && strstr(a + 3, " | ") != NULL &&
		    a - title >= 10) {
			*a = '\0';
			n = strlen(title);	/* "Headline : Site" may remain */
		}
	}
	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		const char *sep = seps[i];
		size_t sl = strlen(sep);
		char *last = NULL, *first = strstr(title, sep);

		for (char *q = first; q != NULL; q = strstr(q + 1, sep))
			last = q;
		if (last == NULL)
			continue;
		/* "Headline | Site": the headline is a heading, the suffix
		 * the site's name or domain, or a short name after a long
		 * headline */
		const char *suf = last + sl;
		size_t head = (size_t)(last - title);
		if (strlen(suf) < head && (eq_any(title, head, heads, nheads) ||
		    eqi(suf, strlen(suf), site) ||
		    (strchr(suf, '.') != NULL && strchr(suf, ' ') == NULL) ||
		    (i != 1 && i != 11 && words(suf, strlen(suf)) <= 3 &&
		    words(title, head) >= 4))) {
			title[head] = '\0';
			return;
		}
		/* "Site | Headline" */
		const char *rest = first + sl;
		size_t pl = (size_t)(first - title);
		if ((pl < strlen(rest) &&
		    (eq_any(rest, strlen(rest), heads, nheads) ||
		    eqi(title, pl, site))) ||
		    (memchr(title, '.', pl) != NULL &&
		    memchr(title, ' ', pl) == NULL && words(rest,
		    strlen(rest)) >= 2)) {
			/* "example.de // » Headline" */
			while (*rest == ' ' || *rest == '|' || *rest == '-' ||
			    strncmp(rest, "\xC2\xBB", 2) == 0)
				rest += *rest == '\xC2' ? 2 : 1;
			memmove(title, rest, strlen(rest) + 1);
			return;
		}
	}
}

/* --- language --- */

static int
lang_norm(const char *s, char out[3])
{
	if (s == NULL || !isalpha((unsigned char)s[0]) ||
	    !isalpha((unsigned char)s[1]) ||
	    (s[2] != '\0' && s[2] != '-' && s[2] != '_'))
		return 0;
	out[0] = (char)tolower((unsigned char)s[0]);
	out[1] = (char)tolower((unsigned char)s[1]);
	out[2] = '\0';
	return 1;
}

/* Frequent function words; a word may serve several languages. */
static const char *const stopwords[][2] = {
	{ "en", "the of and to in is that for it with as was on are be by this have from at not but an which they has his her were their will would been" },
	{ "de", "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass sie nach wird bei einer um noch wie einem über einen so zum war haben nur oder aber vor zur bis mehr durch man sind wurde" },
	{ "fr", "le la les de des et en un une du est que qui dans pour pas sur au par plus ce il elle avec sont ont aux ses mais ou été cette leur nous vous comme" },
	{ "es", "el la los las de del y en un una que es por para con no se su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también fue han" },
	{ "it", "il la di che e è un una per in del della con non si le dei gli al sono da anche come più ma nel alla questo lo ha delle nella" },
	{ "pt", "o a os as de do da dos das e em um uma que é para com não se por no na mais ao como mas foi ele ela seu sua ou são também" },
	{ "nl", "de het een en van in is dat op te voor met zijn niet aan er om ook als bij door maar uit dan nog wordt werd naar heeft deze die" },
	{ "pl", "i w na z że do nie się to jest o jak po co ale przez od za dla jego jej są tak był była może także tylko" },
	{ "ru", "и в не на что с по как это из к для он она но был было также от который которые его их же бы при только уже так все или" },
	{ "uk", "і в не на що з по як це із до для він вона але був було також від який які його їх же б при тільки вже так та у й є" },
	{ "lt", "ir kad yra į su iš o bet per kaip jo jos tai buvo bus nuo dėl apie taip jau arba kuris kurie savo tik už" },
};
#define NLANG (sizeof stopwords / sizeof stopwords[0])

struct sw {
	char w[32];
	unsigned mask;
};
static struct sw *swtab;
static size_t nsw;

static int
swcmp(const void *a, const void *b)
{
	return strcmp(((const struct sw *)a)->w, ((const struct sw *)b)->w);
}

static void
sw_init(void)
{
	size_t cap = 0;

	for (size_t l = 0; l < NLANG; l++) {
		char *list = xstrdup(stopwords[l][1]), *save;
		for (char *t = strtok_r(list, " ", &save); t != NULL;
		    t = strtok_r(NULL, " ", &save)) {
			if (nsw == cap) {
				cap = cap ? cap * 2 : 256;
				swtab = xrealloc(swtab, cap * sizeof *swtab);
			}
			snprintf(swtab[nsw].w, sizeof swtab[nsw].w, "%s", t);
			swtab[nsw++].mask = 1u << l;
		}
		free(list);
	}
	qsort(swtab, nsw, sizeof *swtab, swcmp);
	/* merge duplicates into one entry with several languages */
	size_t w = 0;
	for (size_t r = 0; r < nsw; r++) {
		if (w > 0 && strcmp(swtab[w - 1].w, swtab[r].w) == 0)
			swtab[w - 1].mask |= swtab[r].mask;
		else
			swtab[w++] = swtab[r];
	}
	nsw = w;
}

const char *
meta_guess_lang(const char *text, size_t n)
{
	int hits[NLANG] = {0};
	size_t i = 0, words = 0;
	struct buf low = {0};
	struct sw key;

	if (swtab == NULL)
		sw_init();
	if (n > 6000)
		n = 6000;
	utf8_lower(&low, text, n);
	while (i < low.len) {
		size_t j;
		int32_t cp;

		j = i;
		cp = utf8_next(low.p, low.len, &j);
		if (!utf8_isalpha(cp)) {
			i = j;
			continue;
		}
		size_t start = i;
		while (i < low.len) {
			j = i;
			cp = utf8_next(low.p, low.len, &j);
			if (!utf8_isalpha(cp))
				break;
			i = j;
		}
		words++;
		if (i - start >= sizeof key.w)
			continue;
		memcpy(key.w, low.p + start, i - start);
		key.w[i - start] = '\0';
		struct sw *f = bsearch(&key, swtab, nsw, sizeof *swtab, swcmp);
		if (f != NULL)
			for (size_t l = 0; l < NLANG; l++)
				if (f->mask & (1u << l))
					hits[l]++;
	}
	buf_free(&low);
	size_t best = 0, second = 0;
	for (size_t l = 1; l < NLANG; l++)
		if (hits[l] > hits[best])
			best = l;
	for (size_t l = 0; l < NLANG; l++)
		if (l != best && hits[l] > hits[second == best ? l : second])
			second = l;
	if (second == best)
		second = best == 0 ? 1 : 0;
	/* at least 3 hits, 10% of the words, and a clear winner */
	if (hits[best] < 3 || (size_t)hits[best] * 10 < words ||
	    hits[best] <= hits[second] + hits[second] / 5)
		return NULL;
	return stopwords[best][0];
}

/* --- putting it together --- */

/* The letters and digits of s, lower-cased, into out. */
static void
letters(struct buf *out, const char *s)
{
	struct buf low = {0};
	size_t n = strlen(s), i = 0;

	utf8_lower(&low, s, n);
	while (i < low.len) {
		size_t j = i;
		int32_t cp = utf8_next(low.p, low.len, &j);
		if (utf8_isalpha(cp) || utf8_isdigit(cp))
			buf_append(out, low.p + i, j - i);
		i = j;
	}
	buf_free(&low);
}

static void
add_author(struct meta *m, const char *a, size_t n)
{
	struct buf b = {0};

	static const char *pre[] = { "by ", "written by ", "posted by ",
	    "von ", "par ", "por ", "di ", "door ", "author: ", "autor: ",
	    "autorius: ", "text: ", "\xD0\x90\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80: " };
	int upper = 0, space = 0;

	while (n > 0 && (*a == ' ' || *a == ',' || *a == '|'))
		a++, n--;
	for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
		if (n > strlen(pre[i]) && strncasecmp(a, pre[i], strlen(pre[i])) == 0) {
			a += strlen(pre[i]);
			n -= strlen(pre[i]);
			break;
		}
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == ',' || a[n - 1] == '|'))
		n--;
	if (n == 0 || n > 80 || m->nauthors >= 16)
		return;
	for (size_t i = 0; i < n; i++) {
		upper |= isupper((unsigned char)a[i]) || (unsigned char)a[i] >= 0x80;
		space |= a[i] == ' ';
	}
	/* a user name ("jsmith", "andrew.keaveney") or a label */
	if ((!upper && !space) || (n == 6 && strncasecmp(a, "author", 6) == 0) ||
	    (n == 5 && strncasecmp(a, "admin", 5) == 0) || strchr(a, '@') ||
	    strncmp(a, "http", 4) == 0)
		return;
	buf_append(&b, a, n);
	for (size_t i = 0; i < m->nauthors; i++)
		if (strcasecmp(m->authors[i], b.p) == 0) {
			buf_free(&b);
			return;
		}
	m->authors = xrealloc(m->authors, (m->nauthors + 1) * sizeof *m->authors);
	m->authors[m->nauthors++] = buf_detach(&b);
}

/* "A, B and C" or "A\x1fB" (JSON-LD list) into the author list. */
static void
split_authors(struct meta *m, const char *s)
{
	const char *p = s;

	while (*p) {
		const char *e = p, *next;
		size_t cut = strcspn(p, ",;|\x1f");
		const char *and = strstr(p, " and ");
		const char *amp = strstr(p, " & ");

		e = p + cut;
		next = *e ? e + 1 : e;
		if (and != NULL && and < e) {
			e = and;
			next = and + 5;
		}
		if (amp != NULL && amp < e) {
			e = amp;
			next = amp + 3;
		}
		add_author(m, p, (size_t)(e - p));
		p = next;
	}
}

/*
 * A headline taken from an <h1> may start with a kicker set in smaller
 * type ("<small>Tunesien</small><br>Große Aufgaben ...", "Local News |
 * Brothel ...", "Headline: ..."). When og:title, twitter:title, the
 * JSON-LD headline or <title> (whole, or up to one of its separators,
 * "Headline - Site") is the end of the <h1> after a space, longer than
 * what comes before it, and what comes before it is an element of its
 * own (the kicker, separators aside), that end is the headline.
 */
/* Whether title[0..n) is the kicker k, trailing separators aside. */
static int
is_kicker(const char *title, size_t n, const char *k)
{
	size_t kl;

	if (k == NULL)
		return 0;
	kl = strlen(k);
	while (n > 0 && strchr(" :|-\xE2\x80\x93\x94", title[n - 1]) != NULL)
		n--;
	while (kl > 0 && strchr(" :|-\xE2\x80\x93\x94", k[kl - 1]) != NULL)
		kl--;
	return n > 0 && n == kl && memcmp(title, k, n) == 0;
}

static void
drop_kicker(char *title, const struct evidence *ev)
{
	static const int src[] = { E_OG_TITLE, E_TW_TITLE, E_LD_HEADLINE,
	    E_TITLE };
	static const char *seps[] = { " | ", " - ", " \xE2\x80\x94 ",
	    " \xE2\x80\x93 ", " :: ", " \xC2\xB7 " };
	size_t tl = strlen(title);
	const char *k = ev->v[E_KICKER];
	char *d;

	/* a date set above the headline, "<span>27.01.2022</span>Headline" */
	if (k != NULL && strlen(k) <= 20 && strncmp(title, k, strlen(k)) == 0 &&
	    (d = meta_date_norm(k)) != NULL) {
		const char *r = title + strlen(k);
		free(d);
		while (*r == ' ' || *r == '-' || *r == '|' || *r == ':')
			r++;
		if (strlen(r) >= 10 && words(r, strlen(r)) >= 2) {
			memmove(title, r, strlen(r) + 1);
			return;
		}
	}
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++) {
		const char *s = ev->v[src[i]];
		size_t best = 0;

		if (s == NULL)
			continue;
		/* candidate lengths: the whole, and each part before a
		 * separator */
		for (const char *q = s; ; ) {
			const char *e = NULL;
			for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
				const char *f = strstr(q, seps[k]);
				if (f != NULL && (e == NULL || f < e))
					e = f;
			}
			size_t l = e ? (size_t)(e - s) : strlen(s);
			if (l < tl && l * 2 > tl && words(s, l) >= 2 &&
			    title[tl - l - 1] == ' ' &&
			    memcmp(title + tl - l, s, l) == 0 && l > best &&
			    is_kicker(title, tl - l, ev->v[E_KICKER]))
				best = l;
			if (e == NULL)
				break;
			q = e + 1;
		}
		if (best > 0) {
			memmove(title, title + tl - best, best + 1);
			return;
		}
	}
	/* the mirror case: "Headline <small>02.02.2022 • Sport</small>",
	 * the headline confirmed by another source */
	k = ev->v[E_TAIL];
	for (size_t i = 0; i < sizeof src / sizeof src[0] && k != NULL; i++) {
		const char *s = ev->v[src[i]], *r;
		size_t l;

		if (s == NULL)
			continue;
		for (l = 0; s[l] != '\0'; l++) {
			int at_sep = 0;
			for (size_t j = 0; j < sizeof seps / sizeof seps[0]; j++)
				at_sep |= strncmp(s + l, seps[j],
				    strlen(seps[j])) == 0;
			if (at_sep)
				break;
		}
		if (l >= tl || l < 10 || title[l] != ' ' ||
		    strncmp(title, s, l) != 0 || words(s, l) < 2)
			continue;
		r = title + l;
		while (*r == ' ' || *r == '|' || *r == '-' || *r == ':')
			r++;
		if (strcmp(r, k) == 0) {
			title[l] = '\0';
			return;
		}
	}
}

/*
 * UTF-8 read as Latin-1 and encoded again ("Investor\xC3\xA2\xC2\x80
 * \xC2\x99s" for "Investor\xE2\x80\x99s"), repaired in place: when every
 * code point of s is below U+0100, one is a C1 control (U+0080-U+009F,
 * which no text uses) and the bytes they stand for are valid UTF-8.
 */
static void
fix_mojibake(char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	int c1 = 0;
	char *b = xmalloc(n + 1);

	while (i < n) {
		int32_t cp = utf8_next(s, n, &i);
		if (cp < 0 || cp > 0xFF)
			goto out;
		c1 |= cp >= 0x80 && cp <= 0x9F;
		b[o++] = (char)cp;
	}
	if (c1 && utf8_valid(b, o)) {
		memcpy(s, b, o);
		s[o] = '\0';
	}
out:
	free(b);
}

/* The words of s (runs of letters and digits, lower-cased): their
 * number, and in *in how many of them are words of ref. */
static size_t
word_overlap(const char *s, const char *ref, size_t *in)
{
	struct buf a = {0}, b = {0};
	size_t n = 0, i = 0;

	*in = 0;
	utf8_lower(&a, s, strlen(s));
	utf8_lower(&b, ref, strlen(ref));
	while (i < a.len) {
		size_t st, j = i;
		int32_t cp = utf8_next(a.p, a.len, &j);
		if (!utf8_isalpha(cp) && !utf8_isdigit(cp)) {
			i = j;
			continue;
		}
		st = i;
		while (i < a.len) {
			j = i;
			cp = utf8_next(a.p, a.len, &j);
			if (!utf8_isalpha(cp) && !utf8_isdigit(cp))
				break;
			i = j;
		}
		n++;
		/* the word, whole, among ref's words */
		for (size_t k = 0; k + (i - st) <= b.len; k++) {
			size_t e = k + (i - st), z;
			if (memcmp(b.p + k, a.p + st, i - st) != 0)
				continue;
			if (k > 0) {
				z = k - 1;
				while (z > 0 &&
				    ((unsigned char)b.p[z] & 0xC0) == 0x80)
					z--;
				size_t zz = z;
				cp = utf8_next(b.p, b.len, &zz);
				if (utf8_isalpha(cp) || utf8_isdigit(cp))
					continue;
			}
			if (e < b.len) {
				z = e;
				cp = utf8_next(b.p, b.len, &z);
				if (utf8_isalpha(cp) || utf8_isdigit(cp))
					continue;
			}
			(*in)++;
			break;
		}
	}
	buf_free(&a);
	buf_free(&b);
	return n;
}

/* Whether the letters of s[0..n) are those of the page's domain name
 * ("Artlyst" for artlyst.com, "Erik Demaine" for erikdemaine.org) or of
 * its whole host ("Artlyst.com"). */
static int
names_domain(const char *s, size_t n, const char *host)
{
	struct buf a = {0}, b = {0}, h = {0};
	const char *dot = strrchr(host, '.'), *lab;
	int r = 0;
	char *c = xstrndup(s, n);

	letters(&a, c);
	free(c);
	if (dot != NULL && a.len >= 4) {
		for (lab = dot; lab > host && lab[-1] != '.'; lab--)
			;
		c = xstrndup(lab, (size_t)(dot - lab));
		letters(&b, c);
		free(c);
		letters(&h, host);
		r = (a.len == b.len && memcmp(a.p, b.p, a.len) == 0) ||
		    (a.len == h.len && memcmp(a.p, h.p, a.len) == 0);
		/* or its capitals' initials: "University of
		 * Wisconsin-Stevens Point" on uwsp.edu */
		if (!r && b.len >= 3) {
			char ini[16];
			size_t k = 0;
			for (size_t i = 0; i < n && k < sizeof ini; i++)
				if ((i == 0 || s[i - 1] == ' ' ||
				    s[i - 1] == '-') &&
				    isupper((unsigned char)s[i]))
					ini[k++] =
					    (char)tolower((unsigned char)s[i]);
			r = k == b.len && memcmp(ini, b.p, k) == 0;
		}
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&h);
	return r;
}

/*
 * The site's name left in a title that no <meta> names, recognised by
 * being the domain's name: "Headline – Artlyst" on artlyst.com,
 * "Headline (Erik Demaine)" on erikdemaine.org, "davidbau.com Headline"
 * on davidbau.com, "Coffee - University of Wisconsin-Stevens Point" on
 * uwsp.edu. Measured: titles right +4 WCXB, none lost on either set.
 */
static void
cut_domain(char *title, const char *page_url)
{
	static const char *seps[] = { " | ", " - ", " \xE2\x80\x93 ",
	    " \xE2\x80\x94 ", " \xC2\xB7 ", " \xC2\xBB ", " : ", " :: " };
	char *host = page_url ? url_host(page_url, 1) : NULL;
	size_t n = strlen(title), hl, cut = 0;

	if (host == NULL || strchr(host, '.') == NULL)
		goto out;
	if (n > 2 && title[n - 1] == ')') {
		char *o = strrchr(title, '(');
		if (o != NULL && o > title && o[-1] == ' ' &&
		    names_domain(o + 1, (size_t)(title + n - 1 - o - 1), host))
			cut = (size_t)(o - title);
	}
	for (size_t i = 0; i < sizeof seps / sizeof seps[0] && !cut; i++) {
		char *last = NULL;
		for (char *q = strstr(title, seps[i]); q != NULL;
		    q = strstr(q + 1, seps[i]))
			last = q;
		if (last != NULL && names_domain(last + strlen(seps[i]),
		    strlen(last + strlen(seps[i])), host))
			cut = (size_t)(last - title);
	}
	while (cut > 0 && title[cut - 1] == ' ')
		cut--;
	if (cut > 0 && words(title, cut) >= 1) {
		title[cut] = '\0';
		goto out;
	}
	/* "davidbau.com Headline" (with a separator, meta_title_trim()'s) */
	hl = strlen(host);
	if (n > hl + 1 && strncasecmp(title, host, hl) == 0 &&
	    title[hl] == ' ' && isalnum((unsigned char)title[hl + 1]) &&
	    words(title + hl + 1, n - hl - 1) >= 2)
		memmove(title, title + hl + 1, n - hl);
out:
	free(host);
}

/* A date set before the headline as a part of its own, "23.01.2022 -
 * Headline", is not part of it (titles right +1 trafilatura). */
static void
cut_date_prefix(char *title)
{
	static const char *seps[] = { " - ", " | ", " \xE2\x80\x93 ",
	    " \xE2\x80\x94 ", ": " };

	for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		char *s = strstr(title, seps[i]), *d, *p;
		const char *r;

		if (s == NULL || s - title > 30 ||
		    !isdigit((unsigned char)*title))
			continue;
		/* all of it a numeric date: "2024: Headline" is not */
		p = xstrndup(title, (size_t)(s - title));
		d = strspn(p, "0123456789./-") == strlen(p) &&
		    strcspn(p, "./-") < strlen(p) ? meta_date_norm(p) : NULL;
		free(p);
		if (d == NULL)
			continue;
		free(d);
		r = s + strlen(seps[i]);
		if (strlen(r) >= 10 && words(r, strlen(r)) >= 2) {
			memmove(title, r, strlen(r) + 1);
			return;
		}
	}
}

/*
 * Whether a numeric date in a <meta>, raw, read day first as date, is
 * the day shown on the page, vis, read month first: <meta
 * name="article:published_time" content="03-09-2026"> under "Published
 * March 9, 2026". Only when both readings are valid dates.
 */
static int
day_month_swapped(const char *raw, const char *date, const char *vis)
{
	while (isspace((unsigned char)*raw))
		raw++;
	if (!isdigit((unsigned char)raw[0]) || raw[1] == '\0' ||
	    (strchr("-./", raw[1]) == NULL &&
	    (!isdigit((unsigned char)raw[1]) || raw[2] == '\0' ||
	    strchr("-./", raw[2]) == NULL)) ||
	    strlen(date) < 10 || strlen(vis) < 10 || date[4] != '-' ||
	    strncmp(date, vis, 4) != 0 || strncmp(date + 8, "13", 2) >= 0)
		return 0;
	/* date is YYYY-MM-DD from D-M-Y: vis must be YYYY-DD-MM */
	return strncmp(date + 5, vis + 8, 2) == 0 &&
	    strncmp(date + 8, vis + 5, 2) == 0 &&
	    strncmp(date + 5, date + 8, 2) != 0;
}

void
meta_extract(htmlDocPtr doc, const char *page_url, struct meta *m)
{
	struct evidence ev = {0};
	char lang[3];
	static const int titles[] = { E_OG_TITLE, E_TW_TITLE, E_LD_HEADLINE,
	    E_TITLE, E_H1 };
	static const int authors[] = { E_META_AUTHOR, E_ART_AUTHOR,
	    E_LD_AUTHOR, E_REL_AUTHOR, E_PROP_AUTHOR, E_BYLINE };
	static const int dates[] = { E_ART_PUB, E_PROP_PUB, E_LD_PUB,
	    E_TIME, E_META_DATE };
	static const int descs[] = { E_DESC, E_OG_DESC, E_TW_DESC, E_LD_DESC };
	static const int langs[] = { E_LANG, E_META_LANG, E_OG_LOCALE };
	char *near = NULL;
	const char *vis, *raw = NULL;

	gather(doc, &ev);
	/* A page's only <h1>, unless it is a logo, is its headline: on
	 * the trafilatura set it beats og:title, which often carries a
	 * teaser or the site (titles right 288 -> 341 of 412; WCXB 498 ->
	 * 573 of 711; Readability's pages, whose expected title is the
	 * <title>, 99 -> 86 of 127). */
	if (ev.nh1 == 1 && ev.v[E_H1] != NULL &&
	    (ev.v[E_SITE] == NULL || strcasecmp(ev.v[E_SITE], ev.v[E_H1])) &&
	    strlen(ev.v[E_H1]) >= 10 && words(ev.v[E_H1], strlen(ev.v[E_H1])) >= 2)
	{
		m->title = xstrdup(ev.v[E_H1]);
		/* only a site name or domain is cut from an <h1> */
		char *bar = strstr(m->title, " | ");
		for (char *q = bar; q != NULL; q = strstr(q + 3, " | "))
			bar = q;
		if (bar != NULL && (eqi(bar + 3, strlen(bar + 3), ev.v[E_SITE]) ||
		    (strchr(bar + 3, '.') && !strchr(bar + 3, ' '))))
			*bar = '\0';
	}
	if (m->title != NULL)
		drop_kicker(m->title, &ev);
	/* Of several <h1>s (a section's, a newsletter box's, the
	 * headline's), the one whose words are in og:title (else <title>):
	 * at least 3 in 4 of its words, and of those the one with the most
	 * words there, so not a site name the title ends with. Measured:
	 * titles right +2 WCXB, none lost; 1 in 2 lost 1 on each set. */
	if (m->title == NULL && ev.nh1 >= 2) {
		const char *ref = ev.v[E_OG_TITLE] ? ev.v[E_OG_TITLE] :
		    ev.v[E_TITLE];
		size_t best = 0, bestnum = 0;
		for (size_t i = 0; i < ev.nh1v && ref != NULL; i++) {
			size_t num, den = word_overlap(ev.h1v[i], ref, &num);
			if (den > 0 && num * 4 >= den * 3 && num > bestnum &&
			    (ev.v[E_SITE] == NULL ||
			    strcasecmp(ev.v[E_SITE], ev.h1v[i]) != 0)) {
				best = i;
				bestnum = num;
			}
		}
		if (bestnum > 0)
			m->title = xstrdup(ev.h1v[best]);
	}
	/* A page's only <h1>, though short, names it better than a <title>
	 * that holds it among other words ("Ischgl" in "Trails! Ischgl"),
	 * unless it is a separated part of it, which is a site's name
	 * ("Mozilla - Wikipedia"). */
	if (m->title == NULL && ev.nh1 == 0 && ev.nshort == 1 &&
	    ev.v[E_TITLE] != NULL) {
		const char *t = ev.v[E_TITLE], *at = t;
		size_t hl = strlen(ev.short_h1);
		while ((at = strstr(at, ev.short_h1)) != NULL) {
			if ((at == t || at[-1] == ' ') &&
			    (at[hl] == '\0' || at[hl] == ' ') &&
			    !sep_bounded(t, (size_t)(at - t), hl)) {
				m->title = xstrdup(ev.short_h1);
				break;
			}
			at += hl;
		}
	}
	for (size_t i = 0; i < sizeof titles / sizeof titles[0] && !m->title; i++)
		if (ev.v[titles[i]] != NULL) {
			const char *e = ev.v[E_ENTRY], *at;
			/* a heading marked as the entry's title (WordPress
			 * themes that set it in an <h2>) that is a separated
			 * part of the title: "Entry - Site" */
			if (e != NULL && (at = strstr(ev.v[titles[i]], e)) !=
			    NULL && words(e, strlen(e)) >= 2 &&
			    sep_bounded(ev.v[titles[i]],
			    (size_t)(at - ev.v[titles[i]]), strlen(e))) {
				m->title = xstrdup(e);
				break;
			}
			m->title = xstrdup(ev.v[titles[i]]);
			meta_title_trim(m->title, ev.v[E_SITE] ? ev.v[E_SITE] :
			    ev.v[E_LOGO], ev.heads, ev.nheads);
			break;
		}
	/* double-encoded UTF-8 (+1 WCXB), a date before the headline,
	 * the domain's name */
	if (m->title != NULL) {
		fix_mojibake(m->title);
		cut_date_prefix(m->title);
		cut_domain(m->title, page_url);
	}
	/* The same words as a heading, in other typography ("..." and
	 * "…", ' and ’): the visible heading's spelling. */
	if (m->title != NULL) {
		struct buf a = {0}, b = {0};
		letters(&a, m->title);
		for (size_t i = 0; i < ev.nheads && a.len > 0; i++) {
			buf_reset(&b);
			letters(&b, ev.heads[i]);
			/* not a heading with markup of its own, "[> Name" */
			if (b.len == a.len && memcmp(a.p, b.p, a.len) == 0 &&
			    strchr("[<>(*#", ev.heads[i][0]) == NULL) {
				free(m->title);
				m->title = xstrdup(ev.heads[i]);
				break;
			}
		}
		buf_free(&a);
		buf_free(&b);
	}
	for (size_t i = 0; i < sizeof authors / sizeof authors[0]; i++)
		if (ev.v[authors[i]] != NULL) {
			split_authors(m, ev.v[authors[i]]);
			if (m->nauthors > 0)
				break;
		}
	for (size_t i = 0; i < sizeof dates / sizeof dates[0] && !m->date; i++)
		if ((m->date = meta_date_norm(ev.v[dates[i]])) != NULL)
			raw = ev.v[dates[i]];
	if (m->date == NULL)
		m->date = date_from_url(page_url);
	for (int w = 0; w < 2 && near == NULL; w++) {
		struct near *z = &ev.near[w];
		if (z->state == 0 || z->b.len == 0)
			continue;
		z->b.p[z->b.len] = '\0';
		/* the dateline under the headline, else one above it */
		near = scan_dates(z->b.p, z->h1, z->b.len, 0);
		if (near == NULL)
			near = scan_dates(z->b.p, 0, z->h1, 1);
		break;
	}
	vis = ev.v[E_VISIBLE] != NULL ? ev.v[E_VISIBLE] : near;
	if (m->date == NULL && vis != NULL)
		m->date = xstrdup(vis);
	else if (m->date != NULL && raw != NULL && vis != NULL &&
	    day_month_swapped(raw, m->date, vis)) {
		free(m->date);
		m->date = xstrdup(vis);
	}
	free(near);
	for (size_t i = 0; i < sizeof descs / sizeof descs[0]; i++)
		if (ev.v[descs[i]] != NULL) {
			m->description = xstrdup(ev.v[descs[i]]);
			break;
		}
	for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
		if (lang_norm(ev.v[langs[i]], lang)) {
			m->language = xstrdup(lang);
			break;
		}
	if (ev.v[E_CANONICAL] != NULL || ev.v[E_OG_URL] != NULL) {
		const char *c = ev.v[E_CANONICAL] ? ev.v[E_CANONICAL] :
		    ev.v[E_OG_URL];
		char *abs = page_url ? url_resolve(page_url, c) : NULL;
		m->canonical = abs ? abs : xstrdup(c);
	}
	if (ev.v[E_SITE] != NULL)
		m->site_name = xstrdup(ev.v[E_SITE]);
	if (ev.v[E_H1] != NULL)
		m->h1 = xstrdup(ev.v[E_H1]);
	for (int k = 0; k < E_N; k++)
		free(ev.v[k]);
	for (size_t k = 0; k < ev.nheads; k++)
		free(ev.heads[k]);
	free(ev.short_h1);
	for (size_t k = 0; k < ev.nh1v; k++)
		free(ev.h1v[k]);
	buf_free(&ev.near[0].b);
	buf_free(&ev.near[1].b);
}

void
meta_free(struct meta *m)
{
	free(m->title);
	for (size_t i = 0; i < m->nauthors; i++)
		free(m->authors[i]);
	free(m->authors);
	free(m->description);
	free(m->date);
	free(m->language);
	free(m->canonical);
	free(m->site_name);
	free(m->h1);
	memset(m, 0, sizeof *m);
}

void
feed_free(struct feedmeta *f)
{
	free(f->feed_url);
	free(f->title);
	free(f->published);
	free(f->author);
	free(f->description);
	memset(f, 0, sizeof *f);
}

/*
 * extract.c: find the main content of a page and write it as text.
 *
 * The approach is Readability's, in four passes over one array of the
 * page's elements in document order (no recursion anywhere: every walk is
 * iterative, so a page nested 100,000 levels deep costs no stack):
 *
 *  A. collect: every element with its parent, the end of its subtree,
 *     its tag, a class/id verdict, its text length, link text and commas;
 *  B. prune: mark chrome as dropped (script, nav, hidden elements,
 *     class/id boilerplate such as "sidebar" or "comment") unless it
 *     holds most of the page's paragraph text, i.e. the article itself;
 *  C. score: every paragraph (a block with 25+ characters of its own
 *     text; text cut by <br><br> counts as several) gives 1 + commas +
 *     length/100 (at most 3) to its parent, half to the grandparent, and
 *     less to three more ancestors; candidates start from a tag and
 *     class/id weight and end scaled by (1 - link density). The best
 *     candidate is widened to an ancestor when several good candidates
 *     share it, when it scores more, or when it holds twice the
 *     paragraph text with few links; with the siblings that score near
 *     it or read as prose, it is the article;
 *  D. clean and write: inside the article drop link lists, forms and
 *     negatively named blocks (Readability's "clean conditionally"), then
 *     write headings, paragraphs, list items, quotes, pre and table cells
 *     in order, one block a line; lines.c then drops boilerplate lines.
 *
 * The numbers (25 characters, 3 points, 0.2 of the top score, 80
 * characters for a sibling paragraph, link densities 0.2/0.25/0.5) are
 * Readability.js's (0.947 on ScrapingHub's AEB). With the changes noted
 * where they are made, this file and lines.c measure AEB F1 0.970, WCXB
 * dev mean F1 0.943 and trafilatura-set snippet F 0.930 (throwaway
 * scorers following DESIGN.md; `make eval` is the reference).
 */
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "nf.h"
#include "buf.h"
#include "utf8.h"
#include "clean.h"

/* Tag classes. */
enum {
	T_BLOCK = 1 << 0,	/* starts a new line in the output */
	T_DROP = 1 << 1,	/* never content */
	T_CHROME = 1 << 2,	/* nav, header, footer, aside, form, button:
				 * dropped unless they hold the article (an
				 * unclosed <button> can swallow the page) */
	T_PARA = 1 << 3,	/* can be a scored paragraph */
	T_HEAD = 1 << 4,	/* h1..h6 */
	T_LIST = 1 << 5,	/* ul, ol, dl */
	T_CELL = 1 << 6,	/* td, th */
	T_PRE = 1 << 7,
	T_LINK = 1 << 8,	/* a */
	T_CONDCLEAN = 1 << 9,	/* checked by clean-conditionally */
	T_P = 1 << 10,		/* p itself */
	T_LI = 1 << 11,
	T_BR = 1 << 12,
	T_INPUT = 1 << 13,
	T_IMG = 1 << 14,
};

struct tagdef {
	const char *name;
	int flags;
	int weight;		/* Readability's initial candidate score */
};

/* Sorted by name for bsearch. */
static const struct tagdef tags[] = {
	{ "a", T_LINK, 0 },
	{ "address", T_BLOCK, -3 },
	{ "applet", T_DROP, 0 },
	{ "area", T_DROP, 0 },
	{ "article", T_BLOCK | T_PARA | T_CONDCLEAN, 0 },
	{ "aside", T_BLOCK | T_CHROME | T_CONDCLEAN, 0 },
	{ "audio", T_DROP, 0 },
	{ "blockquote", T_BLOCK | T_PARA, 3 },
	{ "body", T_BLOCK, 0 },
	{ "br", T_BR, 0 },
	{ "button", T_CHROME, 0 },
	{ "canvas", T_DROP, 0 },
	{ "caption", T_BLOCK, 0 },
	{ "center", T_BLOCK | T_PARA, 0 },
	{ "dd", T_BLOCK | T_PARA, -3 },
	{ "details", T_BLOCK, 0 },
	{ "dialog", T_BLOCK | T_CHROME, 0 },
	{ "div", T_BLOCK | T_PARA | T_CONDCLEAN, 5 },
	{ "dl", T_BLOCK | T_LIST | T_CONDCLEAN, -3 },
	{ "dt", T_BLOCK, -3 },
	{ "embed", T_DROP, 0 },
	{ "fieldset", T_BLOCK | T_CONDCLEAN, 0 },
	{ "figcaption", T_DROP, 0 },
	{ "figure", T_BLOCK, 0 },
	{ "footer", T_BLOCK | T_CHROME | T_CONDCLEAN, 0 },
	{ "form", T_BLOCK | T_CHROME | T_CONDCLEAN, -3 },
	{ "frame", T_DROP, 0 },
	{ "frameset", T_DROP, 0 },
	{ "h1", T_BLOCK | T_HEAD, -5 },
	{ "h2", T_BLOCK | T_HEAD, -5 },
	{ "h3", T_BLOCK | T_HEAD, -5 },
	{ "h4", T_BLOCK | T_HEAD, -5 },
	{ "h5", T_BLOCK | T_HEAD, -5 },
	{ "h6", T_BLOCK | T_HEAD, -5 },
	{ "head", T_DROP, 0 },
	{ "header", T_BLOCK | T_CHROME | T_CONDCLEAN, 0 },
	{ "hr", T_BLOCK, 0 },
	{ "iframe", T_DROP, 0 },
	{ "img", T_IMG, 0 },
	{ "input", T_DROP | T_INPUT, 0 },
	{ "label", T_CHROME, 0 },
	{ "li", T_BLOCK | T_LI, -3 },
	{ "link", T_DROP, 0 },
	{ "main", T_BLOCK | T_PARA, 0 },
	{ "map", T_DROP, 0 },
	{ "math", T_DROP, 0 },
	{ "menu", T_BLOCK | T_CHROME, 0 },
	{ "meta", T_DROP, 0 },
	{ "nav", T_BLOCK | T_CHROME, 0 },
	{ "noscript", T_DROP, 0 },
	{ "object", T_DROP, 0 },
	{ "ol", T_BLOCK | T_LIST | T_CONDCLEAN, -3 },
	{ "option", T_DROP, 0 },
	{ "p", T_BLOCK | T_PARA | T_P, 0 },
	{ "picture", T_DROP, 0 },
	{ "pre", T_BLOCK | T_PARA | T_PRE, 3 },
	{ "script", T_DROP, 0 },
	{ "section", T_BLOCK | T_PARA | T_CONDCLEAN, 0 },
	{ "select", T_DROP | T_INPUT, 0 },
	{ "style", T_DROP, 0 },
	{ "summary", T_BLOCK, 0 },
	{ "svg", T_DROP, 0 },
	{ "table", T_BLOCK | T_CONDCLEAN, 0 },
	{ "tbody", T_BLOCK, 0 },
	{ "td", T_BLOCK | T_PARA | T_CELL, 3 },
	{ "template", T_DROP, 0 },
	{ "textarea", T_DROP | T_INPUT, 0 },
	{ "tfoot", T_BLOCK, 0 },
	{ "th", T_BLOCK | T_CELL, -5 },
	{ "thead", T_BLOCK, 0 },
	{ "title", T_DROP, 0 },
	{ "tr", T_BLOCK, 0 },
	{ "ul", T_BLOCK | T_LIST | T_CONDCLEAN, -3 },
	{ "video", T_DROP, 0 },
};

static int
tagcmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct tagdef *)e)->name);
}

static const struct tagdef *
tag_lookup(const char *name)
{
	return bsearch(name, tags, sizeof tags / sizeof tags[0],
	    sizeof tags[0], tagcmp);
}

/*
 * Class and id patterns. A pattern matches a component of the lower-cased
 * class/id string (components are split at anything but letters and
 * digits) exactly (M_WORD), as a prefix (M_PRE) or anywhere in the whole
 * string (M_SUB); or a whole space-separated class token as a prefix
 * (M_TOK: "widget" matches "widget_text" but not Elementor's
 * "elementor-widget-wrap", which holds the content) or exactly (M_TOKEQ:
 * "hidden" but not Bootstrap's "hidden-xs").
 */
enum { M_WORD, M_PRE, M_SUB, M_TOK, M_TOKEQ };
struct pat {
	const char *s;
	int how;
};

/* Chrome: dropped wherever it is, unless a "keep" pattern matches too. */
static const struct pat unlikely[] = {
	{ "ad", M_WORD }, { "ads", M_WORD }, { "advert", M_PRE },
	{ "advertisement", M_PRE }, { "adsense", M_PRE }, { "ad-", M_SUB },
	{ "agegate", M_SUB }, { "author-box", M_SUB }, { "authorbox", M_SUB },
	{ "author-bio", M_SUB }, { "breadcrumb", M_PRE },
	{ "byline", M_PRE }, { "comment", M_PRE }, { "comments", M_PRE },
	{ "combx", M_SUB }, { "consent", M_PRE },
	{ "cookie", M_PRE }, { "cookies", M_PRE }, { "disqus", M_PRE },
	{ "follow", M_WORD }, { "footer", M_PRE }, { "gdpr", M_PRE },
	{ "hidden", M_TOKEQ }, { "masthead", M_PRE },
	{ "menu", M_PRE }, { "modal", M_PRE }, { "nav", M_PRE },
	{ "navbar", M_PRE }, { "newsletter", M_PRE }, { "outbrain", M_PRE },
	{ "pager", M_WORD }, { "pagination", M_PRE }, { "paywall", M_PRE },
	{ "popup", M_PRE }, { "promo", M_PRE },
	{ "recommend", M_PRE }, { "related", M_PRE }, { "remark", M_PRE },
	{ "replies", M_PRE }, { "reply", M_PRE }, { "respond", M_WORD },
	{ "rss", M_WORD }, { "screen-reader", M_SUB }, { "share", M_WORD },
	{ "shares", M_WORD }, { "sharing", M_WORD }, { "sharebar", M_WORD },
	{ "sharethis", M_WORD }, { "shareaholic", M_WORD },
	{ "sharedaddy", M_WORD }, { "shoutbox", M_PRE },
	{ "sidebar", M_PRE }, { "skip-link", M_SUB }, { "skip-to", M_SUB },
	{ "skiplink", M_SUB }, { "skip-nav", M_SUB }, { "skyscraper", M_PRE },
	{ "social", M_PRE }, { "sponsor", M_PRE }, { "sr-only", M_SUB },
	{ "subscribe", M_PRE }, { "subscription", M_PRE },
	{ "taboola", M_PRE }, { "tags", M_WORD },
	{ "tagcloud", M_PRE }, { "toolbar", M_PRE }, { "tools", M_WORD },
	{ "trending", M_PRE }, { "visually-hidden", M_SUB },
	{ "yom-remote", M_SUB }, { "signup", M_PRE }, { "login", M_PRE },
	{ "copyright", M_PRE }, { "postmetadata", M_PRE },
	{ "caption", M_PRE }, { "credit", M_PRE }, { "credits", M_PRE },
	{ "post-meta", M_SUB }, { "entry-meta", M_SUB },
	{ "entry-footer", M_SUB }, { "post-footer", M_SUB },
	{ "blog-pager", M_SUB }, { "feed-links", M_SUB },
	{ "jp-relatedposts", M_SUB }, { "wpcnt", M_PRE },
};

/* Chrome, except when the box holds 400+ characters of paragraphs and
 * few links: page builders (SiteOrigin, HubSpot) put the article in
 * "widget" boxes, and some themes put it under a "header". */
static const struct pat unlikely_soft[] = {
	{ "widget", M_TOK }, { "header", M_WORD }, { "banner", M_PRE },
	{ "community", M_PRE }, { "supplemental", M_PRE },
};

/* Names of the article body itself: a block named so is never chrome. */
static const struct pat keep[] = {
	{ "article-body", M_SUB }, { "articlebody", M_SUB },
	{ "article-content", M_SUB }, { "article__body", M_SUB },
	{ "article-text", M_SUB }, { "articletext", M_SUB },
	{ "post-body", M_SUB }, { "postbody", M_SUB },
	{ "post-content", M_SUB }, { "post-text", M_SUB },
	{ "entry-content", M_SUB }, { "entry-body", M_SUB },
	{ "story-body", M_SUB }, { "storybody", M_SUB },
	{ "story-content", M_SUB }, { "main-content", M_SUB },
	{ "maincontent", M_SUB }, { "content-body", M_SUB },
	{ "page-content", M_SUB }, { "body-text", M_SUB },
	{ "blog-post", M_SUB }, { "hentry", M_WORD }, { "h-entry", M_SUB },
};
/* Generic names: they keep the element itself, but unlike the names
 * above do not protect the boxes around it ("comment" holding "content"). */
static const struct pat keep_weak[] = {
	{ "article", M_WORD }, { "main", M_WORD }, { "content", M_WORD },
	{ "embed", M_PRE },	/* an embedded tweet is quoted content */
	{ "twitter-tweet", M_SUB },
};

/* Readability's weights: -25 for a negative, +25 for a positive name. */
static const struct pat negative[] = {
	{ "hidden", M_TOKEQ }, { "hid", M_WORD }, { "banner", M_PRE },
	{ "combx", M_SUB }, { "comment", M_PRE }, { "com-", M_SUB },
	{ "contact", M_PRE }, { "foot", M_PRE }, { "footer", M_PRE },
	{ "footnote", M_PRE }, { "gdpr", M_PRE }, { "masthead", M_PRE },
	{ "media", M_PRE }, { "meta", M_PRE }, { "outbrain", M_PRE },
	{ "promo", M_PRE }, { "related", M_PRE }, { "scroll", M_PRE },
	{ "share", M_WORD }, { "sharing", M_WORD }, { "shoutbox", M_PRE },
	{ "sidebar", M_PRE },
	{ "skyscraper", M_PRE }, { "sponsor", M_PRE }, { "shopping", M_PRE },
	{ "tags", M_WORD }, { "tool", M_PRE }, { "widget", M_TOK },
	{ "byline", M_PRE }, { "author", M_PRE }, { "caption", M_PRE },
};
static const struct pat positive[] = {
	{ "article", M_PRE }, { "body", M_SUB }, { "content", M_SUB },
	{ "entry", M_PRE }, { "hentry", M_PRE }, { "h-entry", M_SUB },
	{ "main", M_PRE }, { "page", M_PRE }, { "post", M_PRE },
	{ "text", M_SUB }, { "blog", M_PRE }, { "story", M_PRE },
};

#define NPATS(a) (sizeof(a) / sizeof((a)[0]))

/* Components (split at anything but a-z0-9) and tokens (split at
 * white space) of a lower-cased class/id string. */
struct parts {
	const char *s;
	int nc, nt;
	const char *c[48];
	unsigned char cl[48];
	const char *t[16];
	unsigned char tl[16];
};

static void
parts_split(struct parts *pt, const char *s)
{
	pt->s = s;
	pt->nc = pt->nt = 0;
	for (const char *p = s; *p; ) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *q = p;
		while (isalnum((unsigned char)*q))
			q++;
		if (q > p && pt->nc < 48 && q - p < 256) {
			pt->c[pt->nc] = p;
			pt->cl[pt->nc++] = (unsigned char)(q - p);
		}
		p = q;
	}
	for (const char *p = s; *p; ) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *q = p;
		while (*q && *q != ' ' && *q != '\t' && *q != '\n')
			q++;
		if (q > p && pt->nt < 16 && q - p < 256) {
			pt->t[pt->nt] = p;
			pt->tl[pt->nt++] = (unsigned char)(q - p);
		}
		p = q;
	}
}

static int
pat_match(const struct parts *pt, const struct pat *pats, size_t npats)
{
	for (size_t i = 0; i < npats; i++) {
		const char *p = pats[i].s;
		size_t m = strlen(p);

		switch (pats[i].how) {
		case M_SUB:
			if (strstr(pt->s, p) != NULL)
				return 1;
			break;
		case M_WORD:
		case M_PRE:
			for (int k = 0; k < pt->nc; k++)
				if (pt->c[k][0] == p[0] && pt->cl[k] >= m &&
				    (pats[i].how == M_PRE || pt->cl[k] == m) &&
				    strncmp(pt->c[k], p, m) == 0)
					return 1;
			break;
		default:
			for (int k = 0; k < pt->nt; k++)
				if (pt->t[k][0] == p[0] && pt->tl[k] >= m &&
				    (pats[i].how == M_TOK || pt->tl[k] == m) &&
				    strncmp(pt->t[k], p, m) == 0)
					return 1;
			break;
		}
	}
	return 0;
}

/* Per-element facts. */
struct el {
	xmlNodePtr node;
	int parent;		/* index, -1 for the root */
	int end;		/* last index of the subtree */
	int flags;		/* T_* of the tag */
	int tagweight;
	int clsweight;		/* -25, 0, +25 (or 50 for itemprop body) */
	unsigned unlikely : 2, keep : 2, hidden : 1, dropped : 1,
	    iscand : 1, removed : 1, inlink : 1, selected : 1,
	    haskeep : 1, dropped0 : 1, soft : 1, inart : 1;
	int owner;		/* nearest block ancestor-or-self */
	size_t text;		/* characters of text in the subtree */
	size_t links;		/* of which inside <a> */
	size_t ptext;		/* of which inside <p> */
	size_t own;		/* own inline text (not in child blocks) */
	size_t ownlinks;
	int commas, owncommas;
	int ownbr;		/* <br> in its own inline text */
	int np, nli, ninput, nimg;
	double score;
};

struct ex {
	struct el *e;
	int n, cap;
	int core;		/* the best candidate before widening */
};

static int
el_index(xmlNodePtr n)
{
	return (int)(intptr_t)n->_private - 1;
}

/* Characters (code points) of s after white space is collapsed, and the
 * number of commas. */
static size_t
text_measure(const char *s, int *commas)
{
	size_t n = 0;
	int sp = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == '\f') {
			sp = 1;
			continue;
		}
		if ((*p & 0xC0) == 0x80)
			continue;
		if (sp && n > 0)
			n++;
		sp = 0;
		n++;
		if (*p == ',')
			(*commas)++;
		/* U+FF0C fullwidth comma, U+060C Arabic comma */
		else if ((p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) ||
		    (p[0] == 0xD8 && p[1] == 0x8C))
			(*commas)++;
	}
	return n;
}

/* Lower-cased value of attribute a, without spaces ("display: none"
 * becomes "display:none"), into b. */
static void
attr_value(xmlAttrPtr a, struct buf *b)
{
	buf_reset(b);
	for (xmlNodePtr t = a->children; t != NULL; t = t->next)
		if (t->content != NULL)
			for (const xmlChar *q = t->content; *q; q++)
				if (*q != ' ')
					buf_putc(b, tolower(*q));
	buf_putc(b, '\0');
	b->len--;
}

/* The element's verdicts from its attributes, read in one pass. */
static void
classify(struct el *e)
{
	static const char *roles[] = { "navigation", "menu", "menubar",
	    "complementary", "dialog", "alert", "alertdialog", "contentinfo" };
	struct buf s = {0}, v = {0};
	int react = 0;

	for (xmlAttrPtr a = e->node->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0) {
			for (xmlNodePtr t = a->children; t != NULL; t = t->next)
				if (t->content != NULL)
					buf_puts(&s, (char *)t->content);
			buf_putc(&s, ' ');
			/* React streams server-rendered content in <div
			 * hidden id="S:0"> and moves it in place */
			if (name[0] == 'i' && a->children != NULL &&
			    a->children->content != NULL &&
			    strncmp((char *)a->children->content, "S:", 2) == 0)
				react = 1;
		} else if (strcmp(name, "hidden") == 0) {
			e->hidden = 1;

		} else if (strcmp(name, "aria-hidden") == 0) {
			attr_value(a, &v);
			if (strcmp(v.p, "true") == 0)
				e->hidden = 1;
		} else if (strcmp(name, "style") == 0) {
			attr_value(a, &v);
			if (strstr(v.p, "display:none") ||
			    strstr(v.p, "visibility:hidden"))
				e->hidden = 1;
		} else if (strcmp(name, "role") == 0) {
			attr_value(a, &v);
			for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
				if (strcmp(v.p, roles[i]) == 0)
					e->unlikely = 2;
		} else if (strcmp(name, "itemprop") == 0) {
			attr_value(a, &v);
			if (strstr(v.p, "articlebody"))
				e->keep = 2;
		}
	}
	for (size_t i = 0; i < s.len; i++)
		s.p[i] = (char)tolower((unsigned char)s.p[i]);
	if (s.len > 1) {
		struct parts pt;
		parts_split(&pt, s.p);
		if (!e->keep)
			e->keep = pat_match(&pt, keep, NPATS(keep));
		if (!e->keep && !e->unlikely &&
		    !pat_match(&pt, keep_weak, NPATS(keep_weak))) {
			if (pat_match(&pt, unlikely, NPATS(unlikely)))
				e->unlikely = 1;
			else if (pat_match(&pt, unlikely_soft,
			    NPATS(unlikely_soft)))
				e->unlikely = e->soft = 1;
		}
		if (pat_match(&pt, negative, NPATS(negative)))
			e->clsweight -= 25;
		if (pat_match(&pt, positive, NPATS(positive)))
			e->clsweight += 25;
	}
	if (react)
		e->hidden = 0;
	if (e->keep == 2) {	/* itemprop=articleBody */
		e->clsweight += 50;
		e->unlikely = 0;
	}
	buf_free(&s);
	buf_free(&v);
}

/* Pass A: collect the elements under root in document order. */
static void
collect(struct ex *x, xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			const struct tagdef *td = tag_lookup((const char *)n->name);
			struct el *e;

			if (x->n == x->cap) {
				x->cap = x->cap ? x->cap * 2 : 256;
				x->e = xrealloc(x->e, (size_t)x->cap * sizeof *x->e);
			}
			e = &x->e[x->n];
			memset(e, 0, sizeof *e);
			e->node = n;
			e->parent = n == root ? -1 : el_index(n->parent);
			e->flags = td ? td->flags : 0;
			e->tagweight = td ? td->weight : 0;
			n->_private = (void *)(intptr_t)(x->n + 1);
			classify(e);
			if (e->parent >= 0 && x->e[e->parent].inlink)
				e->inlink = 1;
			if (e->flags & T_LINK)
				e->inlink = 1;
			if ((e->parent >= 0 && x->e[e->parent].inart) ||
			    strcmp((char *)n->name, "article") == 0)
				e->inart = 1;
			e->owner = (e->flags & (T_BLOCK | T_PARA)) ||
			    e->parent < 0 ? x->n : x->e[e->parent].owner;
			if ((e->flags & T_BR) && e->parent >= 0)
				x->e[x->e[e->parent].owner].ownbr++;
			x->n++;
			descend = !(e->flags & T_DROP) || e->parent < 0;
		} else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->parent != NULL &&
		    n->content != NULL) {
			int i = el_index(n->parent), c = 0;
			if (i >= 0) {
				struct el *e = &x->e[i];
				size_t len = text_measure((char *)n->content, &c);
				struct el *o = &x->e[e->owner];

				e->text += len;
				e->commas += c;
				o->own += len;
				o->owncommas += c;
				if (e->inlink) {
					e->links += len;
					o->ownlinks += len;
				}
			}
		}
		n = tree_next(n, root, descend);
	}
	/* Subtree sums, children before parents. */
	for (int i = 0; i < x->n; i++)
		x->e[i].end = i;
	for (int i = x->n - 1; i > 0; i--) {
		struct el *e = &x->e[i], *p;
		if (e->parent < 0)
			continue;
		p = &x->e[e->parent];
		if (e->end > p->end)
			p->end = e->end;
		if (e->flags & T_DROP)
			continue;
		if (e->flags & T_P)
			e->ptext = e->text;
		if (e->keep || e->haskeep)
			p->haskeep = 1;
		p->text += e->text;
		p->links += e->links;
		p->ptext += e->ptext;
		p->commas += e->commas;
		p->np += e->np + ((e->flags & T_P) != 0);
		p->nli += e->nli + ((e->flags & T_LI) != 0);
		p->ninput += e->ninput + ((e->flags & T_INPUT) != 0);
		p->nimg += e->nimg + ((e->flags & T_IMG) != 0);
	}
}

/* Subtract a dropped subtree's counts from its ancestors. */
static void
unaccount(struct ex *x, int i)
{
	struct el *d = &x->e[i];

	for (int a = d->parent; a >= 0; a = x->e[a].parent) {
		struct el *e = &x->e[a];
		e->text -= d->text;
		e->links -= d->links;
		e->ptext -= d->ptext;
		e->commas -= d->commas;
		e->np -= d->np + ((d->flags & T_P) != 0);
	}
	if (d->owner != i && d->owner >= 0) {
		/* its own text counted in its block owner's inline text */
		struct el *o = &x->e[d->owner];
		o->own = o->own > d->text ? o->own - d->text : 0;
		o->ownlinks = o->ownlinks > d->links ? o->ownlinks - d->links : 0;
	}
}

static double
link_density(const struct el *e)
{
	return e->text ? (double)e->links / (double)e->text : 0;
}

/* Pass B: mark chrome as dropped. Parents come before children, so a
 * child of a dropped element is dropped too. */
static void
prune(struct ex *x)
{
	size_t total = x->n > 0 ? x->e[0].ptext : 0;
	size_t prose = x->n > 0 ? x->e[0].text - x->e[0].links : 0;

	for (int i = 0; i < x->n; i++) {
		struct el *e = &x->e[i];
		int holds, big;

		if (e->parent >= 0 && x->e[e->parent].dropped) {
			e->dropped = 1;
			continue;
		}
		if (i == 0)
			continue;
		/* Holding more than half of the page's paragraph text, or of
		 * its text outside links, it is (or contains) the article:
		 * CNN hides most of it in a "read all" box until a click. */
		big = (e->ptext > 0 && e->ptext * 2 > total) ||
		    (e->text - e->links) * 2 > prose;
		holds = big || e->haskeep || (e->soft && e->ptext >= 400 &&
		    link_density(e) < 0.25);
		/* an article's own <header> holds its headline and lead */
		int chrome = (e->flags & T_CHROME) && !(e->inart &&
		    strcmp((char *)e->node->name, "header") == 0);
		if ((e->flags & T_DROP) || (e->hidden && !big) ||
		    ((chrome || e->unlikely) && !holds)) {
			e->dropped = 1;
			/* a <body> or <html> named "nav-open" is not chrome */
			if (strcmp((char *)e->node->name, "body") == 0 ||
			    strcmp((char *)e->node->name, "html") == 0) {
				e->dropped = 0;
				continue;
			}
			unaccount(x, i);
		}
	}
}


/* A candidate's starting score: its tag's and its name's weight. A
 * positive name ("content", "post") counts in full only on a block with
 * some text (500 characters), so a "content-title" box holding a byline
 * does not beat the article body. */
static double
init_score(const struct el *e)
{
	double w = e->clsweight;

	if (w > 0 && e->text < 500)
		w = w * (double)e->text / 500;
	return e->tagweight + w;
}

/* Pass C: score. Returns the index of the top candidate, or -1. */
static int
score(struct ex *x)
{
	int top = -1;

	for (int i = 0; i < x->n; i++) {
		struct el *e = &x->e[i];
		double s;

		if (e->dropped || !(e->flags & T_PARA) || e->own < 25)
			continue;
		/* Text split by <br><br> is several paragraphs (Readability
		 * rewrites them as <p>): count about one per two <br> and
		 * per 80 characters, whichever is fewer. */
		size_t k = (size_t)e->ownbr / 2 + 1;
		if (k > e->own / 80)
			k = e->own / 80;
		if (k < 1)
			k = 1;
		size_t per = e->own / k / 100;
		s = e->owncommas + (double)k * (1 + (per > 3 ? 3 : per));
		/* a block of links is not a paragraph */
		if (e->own > 0 && (double)e->ownlinks / (double)e->own > 0.5)
			continue;
		int a = e->parent;
		for (int level = 0; a >= 0 && level < 5; level++) {
			struct el *c = &x->e[a];
			if (!c->iscand) {
				c->iscand = 1;
				c->score = init_score(c);
			}
			c->score += level == 0 ? s : level == 1 ? s / 2 :
			    s / (level * 3);
			a = c->parent;
		}
		/* a div or p holding text itself is a candidate too, so a
		 * single-block article (Blogger's post-body) can win */
		if (!e->iscand) {
			e->iscand = 1;
			e->score = init_score(e);
		}
		e->score += s / 2;
	}
	for (int i = 0; i < x->n; i++) {
		struct el *e = &x->e[i];
		if (!e->iscand || e->dropped)
			continue;
		e->score *= 1 - link_density(e);
		if (top < 0 || e->score > x->e[top].score)
			top = i;
	}
	if (top < 0)
		return -1;

	/* Several good candidates under one ancestor: the ancestor is the
	 * article (Readability's alternative candidates). */
	int alt[5], nalt = 0;
	for (int i = 0; i < x->n && nalt < 5; i++) {
		struct el *e = &x->e[i];
		int nested = i <= x->e[top].end && i >= top;
		/* nested boxes around one paragraph count once */
		for (int j = 0; j < nalt && !nested; j++)
			nested = i <= x->e[alt[j]].end;
		if (top <= x->e[i].end && top >= i)
			nested = 1;
		if (!nested && e->iscand && !e->dropped &&
		    e->score >= 0.75 * x->e[top].score)
			alt[nalt++] = i;
	}
	if (nalt >= 3) {
		for (int a = x->e[top].parent; a > 0; a = x->e[a].parent) {
			int k = 0;
			for (int j = 0; j < nalt; j++)
				if (alt[j] > a && alt[j] <= x->e[a].end)
					k++;
			if (k >= 3) {
				top = a;
				break;
			}
		}
	}
	/* An ancestor that scores more than the best candidate gathers
	 * paragraphs from several boxes: take it (Readability's climb; it
	 * stops where the scores fall under a third of the last one). */
	{
		double last = x->e[top].score, floor = last / 3;
		for (int a = x->e[top].parent; a > 0; a = x->e[a].parent) {
			struct el *p = &x->e[a];
			if (strcmp((char *)p->node->name, "body") == 0)
				break;
			if (!p->iscand)
				continue;
			if (p->score < floor)
				break;
			if (p->score > last) {
				top = a;
				break;
			}
			last = p->score;
		}
	}
	/* Sections of one article in boxes of their own: climb to an
	 * ancestor with twice the paragraph text and under 10% of it in
	 * links. Measured: WCXB 0.934 -> 0.941, trafilatura set 0.908 ->
	 * 0.912, AEB unchanged (0.9645); 1.3x or 3x, or 15% and 25% of
	 * links, do no better. */
	for (int a = x->e[top].parent; a > 0; a = x->e[a].parent) {
		struct el *p = &x->e[a];
		if (strcmp((char *)p->node->name, "body") == 0)
			break;
		if (p->ptext < 2 * x->e[top].ptext)
			continue;
		if (link_density(p) >= 0.1)
			break;
		top = a;
	}
	/* An only child carries its parent's text: use the parent. */
	x->core = top;
	while (x->e[top].parent > 0) {
		struct el *p = &x->e[x->e[top].parent];
		if (p->text > x->e[top].text + 5 ||
		    strcmp((char *)p->node->name, "body") == 0)
			break;
		top = x->e[top].parent;
	}
	return top;
}

static void
debug_dump(struct ex *x, int top)
{
	for (int i = 0; i < x->n; i++) {
		struct el *e = &x->e[i];
		xmlChar *c = xmlGetProp(e->node, (const xmlChar *)"class");
		xmlChar *id = xmlGetProp(e->node, (const xmlChar *)"id");
		if (e->iscand || (e->dropped && e->parent >= 0 &&
		    !x->e[e->parent].dropped && e->text > 200) ||
		    (nf_verbose > 2 && e->text > 200))
			nf_debug("%s%d %s.%s#%s score %.1f text %zu ptext %zu "
			    "links %zu%s", i == top ? "TOP " : "", i,
			    (char *)e->node->name, c ? (char *)c : "",
			    id ? (char *)id : "", e->score, e->text, e->ptext,
			    e->links, e->dropped ? " DROPPED" : "");
		xmlFree(c);
		xmlFree(id);
	}
}

/* Whether sibling s of the top candidate t belongs to the article. */
static int
sibling_ok(struct ex *x, int s, int t)
{
	struct el *e = &x->e[s];
	double thr = x->e[t].score * 0.2;

	if (s == t)
		return 1;
	if (e->dropped)
		return 0;
	if (thr < 10)
		thr = 10;
	if (e->iscand && e->score >= thr)
		return 1;
	if (e->flags & (T_P | T_PARA | T_LIST | T_HEAD)) {
		double ld = link_density(e);
		if (e->text > 80 && ld < 0.25)
			return 1;
		if (e->text > 0 && e->text <= 80 && ld == 0 &&
		    (e->flags & T_P)) {
			xmlChar *t2 = xmlNodeGetContent(e->node);
			int ok = t2 != NULL && (strstr((char *)t2, ". ") ||
			    (xmlStrlen(t2) > 0 &&
			    t2[xmlStrlen(t2) - 1] == '.'));
			xmlFree(t2);
			return ok;
		}
	}
	return 0;
}

/* Pass D1: inside the selection, drop blocks that look like link lists,
 * forms or negatively named boxes (Readability's clean conditionally). */
static void
clean_conditionally(struct ex *x, int root)
{
	for (int i = root + 1; i <= x->e[root].end; i++) {
		struct el *e = &x->e[i];
		double ld;
		int w;

		if (e->dropped)
			continue;
		if (x->e[e->parent].dropped) {
			e->dropped = 1;
			continue;
		}
		/* the boxes around the best candidate stay */
		if (i <= x->core && x->core <= e->end)
			continue;
		if (e->flags & T_HEAD) {
			if (e->clsweight < 0 || link_density(e) > 0.33)
				e->dropped = 1;
			continue;
		}
		if (!(e->flags & T_CONDCLEAN) || e->keep)
			continue;
		w = e->clsweight;
		if (w + (e->iscand ? e->score : 0) < 0) {
			e->dropped = 1;
			continue;
		}
		if (e->commas >= 10)
			continue;
		ld = link_density(e);
		if ((e->flags & T_LIST) == 0 && e->nli > e->np + 3 && ld > 0.2)
			e->dropped = 1;
		else if (e->ninput > e->np / 3 + 0 && e->ninput > 0)
			e->dropped = 1;
		else if (w < 25 && ld > 0.2 && !(e->flags & T_LIST))
			e->dropped = 1;
		else if ((e->flags & T_LIST) && ld > 0.5)
			e->dropped = 1;
		else if (w >= 25 && ld > 0.5)
			e->dropped = 1;
	}
}

/* Append the text of a text node, collapsed, keeping pre's line breaks. */
static void
emit_text(struct buf *out, const char *s, int pre)
{
	if (!pre) {
		text_append_collapsed(out, s, strlen(s));
		return;
	}
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		text_append_collapsed(out, s, len);
		if (nl == NULL)
			break;
		if (out->len > 0 && out->p[out->len - 1] != '\n')
			buf_putc(out, '\n');
		s = nl + 1;
	}
}

static void
end_line(struct buf *out)
{
	while (out->len > 0 && out->p[out->len - 1] == ' ')
		out->len--;
	if (out->len > 0 && out->p[out->len - 1] != '\n')
		buf_putc(out, '\n');
	if (out->p)
		out->p[out->len] = '\0';
}

/* Pass D2: write the text of subtree i. */
static void
emit(struct ex *x, int i, struct buf *out)
{
	xmlNodePtr root = x->e[i].node, n = root;
	int pre = 0;

	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_ELEMENT_NODE) {
			struct el *e = &x->e[el_index(n)];
			if (!e->dropped) {
				descend = 1;
				if (e->flags & (T_BLOCK | T_BR))
					end_line(out);
				if (e->flags & T_PRE)
					pre++;
			}
		} else if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				emit_text(out, (char *)n->content, pre > 0);
		}
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		/* leaving n (and maybe its ancestors) */
		for (;;) {
			if (n->type == XML_ELEMENT_NODE) {
				struct el *e = &x->e[el_index(n)];
				if (!e->dropped && (e->flags & T_BLOCK))
					end_line(out);
				if (!e->dropped && (e->flags & T_PRE))
					pre--;
			}
			if (n == root || n->next != NULL)
				break;
			n = n->parent;
		}
		if (n == root)
			break;
		n = n->next;
	}
	end_line(out);
}

void
extract_text(htmlDocPtr doc, struct buf *out)
{
	struct ex x = {0};
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct buf txt = {0};
	int top;

	if (root == NULL)
		return;
	collect(&x, root);
	prune(&x);
	for (int i = 0; i < x.n; i++)
		x.e[i].dropped0 = x.e[i].dropped;
	x.core = -1;
	top = score(&x);
	if (nf_verbose > 1)
		debug_dump(&x, top);
	if (top >= 0)
		nf_debug("top %d <%s> score %.1f", top,
		    (char *)x.e[top].node->name, x.e[top].score);
	if (top < 0) {
		/* No paragraph anywhere: take the body as it is. */
		top = 0;
		for (int i = 0; i < x.n; i++)
			if (strcmp((char *)x.e[i].node->name, "body") == 0) {
				top = i;
				break;
			}
		if (x.n > 0 && !x.e[top].dropped)
			emit(&x, top, &txt);
	} else if (x.e[top].parent < 0) {
		clean_conditionally(&x, top);
		emit(&x, top, &txt);
	} else {
		int p = x.e[top].parent;
		for (int s = p + 1; s <= x.e[p].end; s = x.e[s].end + 1) {
			if (!sibling_ok(&x, s, top))
				continue;
			x.e[s].selected = 1;
			clean_conditionally(&x, s);
			emit(&x, s, &txt);
		}
	}
	if (txt.len == 0 && top >= 0 && x.core >= 0 && !x.e[x.core].dropped) {
		/* the cleaning took everything: the best candidate as it is */
		for (int i = x.core + 1; i <= x.e[x.core].end; i++)
			x.e[i].dropped = x.e[i].dropped0;
		emit(&x, x.core, &txt);
	}
	for (int i = 0; i < x.n; i++)
		x.e[i].node->_private = NULL;
	free(x.e);

	nf_debug("extracted %zu bytes before line filters", txt.len);
	txt.len = lines_filter(txt.p, txt.len);
	while (txt.len > 0 && txt.p[txt.len - 1] == '\n')
		txt.len--;
	buf_append(out, txt.p ? txt.p : "", txt.len);
	buf_free(&txt);
}

/* Collapse runs of white space (ASCII, U+00A0 and the other Zs spaces)
 * into one ' '; drop zero-width spaces and BOMs. */
void
text_append_collapsed(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int sp = out->len > 0 && out->p[out->len - 1] != '\n' &&
	    out->p[out->len - 1] != ' ' ? 0 : -1;

	/* sp: -1 = at line start (no space wanted), 1 = space pending */
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;
		int32_t cp;

		if (c < 0x80) {
			i++;
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
			    c == '\f' || c == '\v') {
				if (sp == 0)
					sp = 1;
				continue;
			}
			if (c < 0x20 || c == 0x7f)
				continue;
			if (sp == 1)
				buf_putc(out, ' ');
			sp = 0;
			buf_putc(out, (char)c);
			continue;
		}
		cp = utf8_next(s, n, &i);
		if (cp == 0x200B || cp == 0xFEFF || cp == 0x200C ||
		    cp == 0xAD || cp < 0)
			continue;
		if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
		    cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
			if (sp == 0)
				sp = 1;
			continue;
		}
		if (sp == 1)
			buf_putc(out, ' ');
		sp = 0;
		buf_append(out, s + j, i - j);
	}
	if (sp == 1)
		buf_putc(out, ' ');
}

/* Text of the subtree of n, iteratively: script and style skipped, a
 * space between block elements and <br> ("<div>A</div><div>B</div>" is
 * "A B", not "AB"). */
char *
node_text(xmlNodePtr n)
{
	struct buf b = {0};
	xmlNodePtr c = n->children;

	buf_grow(&b, 1);
	while (c != NULL) {
		int descend = 0;

		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content != NULL)
				text_append_collapsed(&b, (char *)c->content,
				    strlen((char *)c->content));
		} else if (c->type == XML_ELEMENT_NODE) {
			const struct tagdef *td = tag_lookup((const char *)c->name);
			int fl = td ? td->flags : 0;
			if (fl & (T_BLOCK | T_BR))
				text_append_collapsed(&b, " ", 1);
			descend = !(fl & T_DROP) ||
			    strcmp((const char *)c->name, "title") == 0;
		}
		if (descend && c->children != NULL) {
			c = c->children;
			continue;
		}
		while (c != n && c->next == NULL) {
			c = c->parent;
			if (c != n && c->type == XML_ELEMENT_NODE) {
				const struct tagdef *td =
				    tag_lookup((const char *)c->name);
				if (td && (td->flags & T_BLOCK))
					text_append_collapsed(&b, " ", 1);
			}
		}
		if (c == n)
			break;
		c = c->next;
	}
	while (b.len > 0 && b.p[b.len - 1] == ' ')
		b.len--;
	b.p[b.len] = '\0';
	/* a leading space from a first block child */
	if (b.len > 0 && b.p[0] == ' ') {
		memmove(b.p, b.p + 1, b.len);
		b.len--;
	}
	return buf_detach(&b);
}

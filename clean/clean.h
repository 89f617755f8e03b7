/*
 * clean.h: the parts of newsclean, shared by the files of clean/ only.
 *
 *   charset.c  bytes in any charset -> UTF-8 (cs_decode)
 *   tree.c     UTF-8 -> a whole, shallow libxml2 tree (tree_parse)
 *   meta.c     title, authors, date, description, language (meta_*)
 *   extract.c  main-content extraction over the libxml2 tree (extract_text)
 *   lines.c    line-level boilerplate filters (lines_filter)
 *   clean.c    main: input detection, WARC record loop, JSON output
 *
 * Ownership: every char * in struct meta and struct feedmeta is malloc'd
 * and owned by the struct; meta_free()/feed_free() release them.
 */
#ifndef CLEAN_H
#define CLEAN_H

#include <stddef.h>
#include <libxml/HTMLparser.h>
#include "buf.h"

/* What a feed said about an item (newsfetch's metadata record). */
struct feedmeta {
	char *feed_url;
	char *title;
	char *published;
	char *author;
	char *description;
};
void feed_free(struct feedmeta *f);

/* Metadata found in a page. */
struct meta {
	char *title;
	char **authors;
	size_t nauthors;
	char *description;
	char *date;		/* ISO 8601 */
	char *language;		/* ISO 639-1 */
	char *canonical;	/* <link rel=canonical> or og:url, as written */
	char *site_name;	/* og:site_name */
	char *h1;		/* text of the first <h1> */
};
void meta_free(struct meta *m);

/*
 * charset.c. Decode the document p[0..n) to UTF-8: charset from the HTTP
 * Content-Type value (may be NULL), a BOM, a <meta> in the first 4 KB,
 * else UTF-8 when it is (mostly) valid, else windows-1252. The result is
 * appended to out as valid UTF-8 (invalid bytes repaired). The charset
 * used is copied to cs (at least 64 bytes). Returns 0, or -1 if the
 * declared charset is unknown to iconv and windows-1252 was used instead.
 */
int cs_decode(const char *p, size_t n, const char *http_ctype,
    struct buf *out, char *cs);
/* The charset named in a Content-Type value ("text/html; charset=X")
 * into cs (csz bytes); 1 if found. */
int cs_from_ctype(const char *ctype, char *cs, size_t csz);

/*
 * tree.c. Parse the UTF-8 page utf[0..n) (url may be NULL) with libxml2's
 * HTML parser, recovering from any error, to any depth: elements nested
 * deeper than 256 levels keep their content, flattened into their
 * ancestor at that depth, so walks up the tree stay short; content after
 * a stray </html> joins the first root. NULL if libxml2 gives no tree.
 * The caller frees it with xmlFreeDoc().
 */
htmlDocPtr tree_parse(const char *utf, size_t n, const char *url);

/*
 * meta.c. Fill m from the parsed document (call before extract_text,
 * which removes <script> and friends). page_url resolves relative URLs
 * and gives a date from its path when nothing else does; may be NULL.
 */
void meta_extract(htmlDocPtr doc, const char *page_url, struct meta *m);
/* Normalise a date written in any of the usual ways (ISO 8601, RFC 822,
 * "November 22, 2025", "22.11.2025", ...) to ISO 8601; malloc'd or NULL. */
char *meta_date_norm(const char *s);
/* The first date written anywhere in the string s, normalised; malloc'd
 * or NULL. */
char *meta_date_scan(const char *s);
/* ISO 639-1 code guessed from the text's stop words, or NULL. */
const char *meta_guess_lang(const char *text, size_t n);
/* Remove a site name suffix or prefix from a title, in place, using the
 * page's h1-h3 texts (heads) and og:site_name (may be NULL). */
void meta_title_trim(char *title, const char *site_name, char *const *heads,
    size_t nheads);

/*
 * extract.c. The main text of the document, paragraphs separated by
 * '\n', appended to out (UTF-8), line filters applied. Modifies the tree.
 */
void extract_text(htmlDocPtr doc, struct buf *out);

/*
 * lines.c. Drop boilerplate lines ("Share this", "No comments:", hashtag
 * lines, copyright lines, ...) from text in place; returns new length.
 */
size_t lines_filter(char *text, size_t len);
/*
 * Drop the head of the article that repeats its metadata: leading lines
 * equal to the title or to an author (after normalisation: case,
 * punctuation, spacing), bylines ("By NAME[, role] | Posted: DATE",
 * "Von NAME", "Текст: NAME", ...), lines that are only a date, and
 * aggregator source lines ("Outlet · DATE"). Stops at the first line
 * that is none of these (at most 6 lines), so a heading further down
 * that resembles the title stays. title/authors may be NULL/0. In
 * place; returns the new length.
 */
size_t lines_head(char *text, size_t len, const char *title,
    char *const *authors, size_t nauthors);

/* Collapse white space of s[0..n) and append to out (no leading space
 * when out is empty or ends in '\n'). Used by meta.c and extract.c. */
void text_append_collapsed(struct buf *out, const char *s, size_t n);
/* Trimmed, white-space-collapsed text content of a node; malloc'd. */
char *node_text(xmlNodePtr n);

/*
 * The node after n in a pre-order walk of root's subtree: n's first child
 * if descend, else the next node after n's subtree; NULL at the end. Tree
 * walks are iterative so that a page nested 100,000 deep cannot overflow
 * the stack.
 */
static inline xmlNode *
tree_next(xmlNode *n, xmlNode *root, int descend)
{
	if (descend && n->children != NULL)
		return n->children;
	while (n != NULL && n != root && n->next == NULL)
		n = n->parent;
	if (n == NULL || n == root)
		return NULL;
	return n->next;
}

#endif

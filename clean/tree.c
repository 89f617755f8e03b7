/*
 * tree.c: a decoded page parsed into a libxml2 tree that every later
 * walk can trust: whole (no second <html> root left aside) and shallow
 * (no element deeper than MAX_DEPTH), whatever the page's markup.
 */
#include <limits.h>
#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "clean.h"

/*
 * Elements nested deeper than this keep their content but lose their
 * nesting. libxml2's HTML parser gives up at 256 levels unless it is
 * given XML_PARSE_HUGE; with it, a page nested 100,000 deep is parsed in
 * full and flattened here, so that every later walk up a node's
 * ancestors stays short. Real pages never notice: none of the AEB, WCXB
 * dev and trafilatura pages nests deeper than 55 (measured on this
 * walk).
 */
#define MAX_DEPTH 256

/* Make every descendant of x a child of x, in document order: each
 * child's children are spliced in right after it. O(nodes): each node
 * moves once. Pointer surgery instead of xmlAddNextSibling, which would
 * merge adjacent text nodes under our feet. */
static void
flatten_under(xmlNodePtr x)
{
	for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
		xmlNodePtr first = c->children, last = c->last;

		if (first == NULL || c->type != XML_ELEMENT_NODE)
			continue;
		for (xmlNodePtr k = first; k != NULL; k = k->next)
			k->parent = x;
		last->next = c->next;
		if (c->next != NULL)
			c->next->prev = last;
		else
			x->last = last;
		c->next = first;
		first->prev = c;
		c->children = c->last = NULL;
	}
}

/* Flatten every element at depth MAX_DEPTH (iterative walk). */
static void
flatten_deep(htmlDocPtr hd)
{
	xmlNodePtr root = xmlDocGetRootElement(hd), n = root;
	int depth = 0;

	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && depth >= MAX_DEPTH)
			flatten_under(n);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    depth < MAX_DEPTH) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
		n = n->next;
	}
}

/* Broken pages can make libxml2 start a second <html> element after
 * the first one closed (text after </html>); move everything into the
 * first so that no walk misses the article. */
static void
merge_roots(htmlDocPtr hd)
{
	xmlNodePtr root = xmlDocGetRootElement(hd), n, next, c, cn;

	if (root == NULL)
		return;
	for (n = root->next; n != NULL; n = next) {
		next = n->next;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (c = n->children; c != NULL; c = cn) {
			cn = c->next;
			xmlUnlinkNode(c);
			if (xmlAddChild(root, c) == NULL)
				xmlFreeNode(c);
		}
		xmlUnlinkNode(n);
		xmlFreeNode(n);
	}
}

htmlDocPtr
tree_parse(const char *utf, size_t n, const char *url)
{
	htmlDocPtr hd;

	if (n > INT_MAX)
		return NULL;
	hd = htmlReadMemory(utf, (int)n, url, "UTF-8", HTML_PARSE_RECOVER |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
	    HTML_PARSE_COMPACT | XML_PARSE_HUGE);
	if (hd == NULL)
		return NULL;
	merge_roots(hd);
	flatten_deep(hd);
	return hd;
}

/*
 * robots.c: the Robots Exclusion Protocol (RFC 9309).
 *
 * A robots.txt is read into the rules of the groups that name our product
 * token (the User-Agent up to its first '/' or space, "newsfetch"), or of
 * the "*" groups when none does; several groups for the same agent are
 * merged, as the RFC says. A path is allowed unless the longest matching
 * rule is a Disallow (Allow wins a tie); '*' in a rule matches any run of
 * characters and a final '$' anchors it at the end. Paths and rules are
 * compared in one percent-encoded form (2.2.2): %XX of an unreserved
 * character decoded, other %xx upper-cased, octets above ASCII encoded.
 * Crawl-delay is not in
 * the RFC but is what sites use to ask for a pace; it is read from the
 * same groups.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nf.h"
#include "buf.h"
#include "fetch.h"

/* RFC 9309 2.5: crawlers must parse at least 500 KiB; more is ignored. */
#define ROBOTS_PARSE_MAX	(500 * 1024)

struct rule {
	int allow;
	char *pat;
	size_t len;
};

struct robots {
	struct rule *r;
	size_t n, cap;
	double delay;		/* -1: none given */
};

static int
hexv(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The percent-encoding form paths and rules are compared in; malloc'd. */
char *
robots_norm(const char *s)
{
	static const char hx[] = "0123456789ABCDEF";
	struct buf b = {0};

	for (; *s; s++) {
		unsigned char c = *s;
		if (c == '%' && hexv(s[1]) >= 0 && hexv(s[2]) >= 0) {
			int v = hexv(s[1]) * 16 + hexv(s[2]);
			if (isalnum(v) || v == '-' || v == '.' || v == '_' || v == '~')
				buf_putc(&b, v);
			else
				buf_printf(&b, "%%%c%c", hx[v >> 4], hx[v & 15]);
			s += 2;
		} else if (c >= 0x80 || c <= ' ')
			buf_printf(&b, "%%%c%c", hx[c >> 4], hx[c & 15]);
		else
			buf_putc(&b, c);
	}
	buf_grow(&b, 0);
	b.p[b.len] = '\0';	/* empty: buf_grow alone leaves no NUL */
	return buf_detach(&b);
}

static void
add_rule(struct robots *rb, int allow, const char *pat)
{
	char *np = robots_norm(pat);

	/* Empty (a NUL byte cut it short): no rule, as an empty Disallow. */
	if (*np == '\0') {
		free(np);
		return;
	}
	if (rb->n == rb->cap) {
		rb->cap = rb->cap ? 2 * rb->cap : 16;
		rb->r = xrealloc(rb->r, rb->cap * sizeof *rb->r);
	}
	rb->r[rb->n].allow = allow;
	rb->r[rb->n].pat = np;
	rb->r[rb->n].len = strlen(rb->r[rb->n].pat);
	rb->n++;
}

/* Whether a group's user-agent value names token: the value's product
 * name (up to '/' or space) equals it, ignoring case. */
static int
agent_match(const char *v, const char *token)
{
	size_t n = strcspn(v, "/ \t");

	return n == strlen(token) && strncasecmp(v, token, n) == 0;
}

/*
 * Parse txt for token. Two passes over the groups: one for the groups
 * naming us, and if there is none, one for "*". A group is a run of
 * user-agent lines followed by rules; a user-agent line after a rule
 * starts the next group.
 */
struct robots *
robots_parse(const char *txt, size_t len, const char *token)
{
	struct robots *rb;
	int pass;

	if (len > ROBOTS_PARSE_MAX)
		len = ROBOTS_PARSE_MAX;
	for (pass = 0; pass < 2; pass++) {
		const char *p = txt, *end = txt + len;
		int ingroup = 0, inagents = 0, any = 0;

		rb = xcalloc(1, sizeof *rb);
		rb->delay = -1;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *le = nl ? nl : end, *c, *colon;
			char key[32], val[2048];
			size_t kn, vn;

			c = memchr(p, '#', (size_t)(le - p));
			if (c == NULL)
				c = le;
			colon = memchr(p, ':', (size_t)(c - p));
			if (colon == NULL)
				goto next;
			while (p < colon && isspace((unsigned char)*p))
				p++;
			kn = (size_t)(colon - p);
			while (kn > 0 && isspace((unsigned char)p[kn - 1]))
				kn--;
			if (kn >= sizeof key)
				goto next;
			memcpy(key, p, kn);
			key[kn] = '\0';
			for (colon++; colon < c && isspace((unsigned char)*colon); colon++)
				;
			vn = (size_t)(c - colon);
			while (vn > 0 && isspace((unsigned char)colon[vn - 1]))
				vn--;
			if (vn >= sizeof val)
				vn = sizeof val - 1;
			memcpy(val, colon, vn);
			val[vn] = '\0';
			if (strcasecmp(key, "user-agent") == 0) {
				int m = pass == 0 ? agent_match(val, token) : strcmp(val, "*") == 0;
				if (!inagents)
					ingroup = 0;
				inagents = 1;
				ingroup |= m;
				any |= m;
			} else if (strcasecmp(key, "allow") == 0 || strcasecmp(key, "disallow") == 0) {
				inagents = 0;
				/* An empty Disallow allows everything: no rule. */
				if (ingroup && vn > 0)
					add_rule(rb, tolower((unsigned char)key[0]) == 'a', val);
			} else if (strcasecmp(key, "crawl-delay") == 0) {
				char *e;
				double d = strtod(val, &e);
				inagents = 0;
				if (ingroup && e != val && d >= 0 && d < 1e6 && d > rb->delay)
					rb->delay = d;
			}
			/* Sitemap and unknown lines belong to no group. */
next:
			p = le + 1;
		}
		if (any || pass == 1)
			break;
		robots_free(rb);
	}
	return rb;
}

/*
 * Whether pat (a robots pattern: '*' any run, a final '$' the end) matches
 * the start of s. Greedy with a return to the last '*', so a hostile
 * "*a*a*a..." costs at most length(pat) * length(s) steps.
 */
static int
match(const char *pat, const char *pe, const char *s)
{
	const char *star = NULL, *ss = NULL;
	int anchored = pe > pat && pe[-1] == '$';

	if (anchored)
		pe--;
	for (;;) {
		if (pat == pe && !anchored)
			return 1;
		if (*s == '\0')
			break;
		if (pat < pe && *pat == '*') {
			star = ++pat;
			ss = s;
			continue;
		}
		if (pat < pe && *pat == *s) {
			pat++;
			s++;
			continue;
		}
		if (star == NULL)
			return 0;
		pat = star;
		s = ++ss;
	}
	while (pat < pe && *pat == '*')
		pat++;
	return pat == pe;
}

int
robots_allowed(const struct robots *rb, const char *path_)
{
	size_t i, best = 0;
	int allow = 1, found = 0;
	char *path;

	if (rb == NULL || strcmp(path_, "/robots.txt") == 0)
		return 1;
	path = robots_norm(path_);
	for (i = 0; i < rb->n; i++) {
		const struct rule *r = &rb->r[i];
		if (!match(r->pat, r->pat + r->len, path))
			continue;
		if (!found || r->len > best || (r->len == best && r->allow)) {
			best = r->len;
			allow = r->allow;
			found = 1;
		}
	}
	free(path);
	return allow;
}

double
robots_delay(const struct robots *rb)
{
	return rb ? rb->delay : -1;
}

size_t
robots_rules(const struct robots *rb)
{
	return rb ? rb->n : 0;
}

void
robots_free(struct robots *rb)
{
	size_t i;

	if (rb == NULL)
		return;
	for (i = 0; i < rb->n; i++)
		free(rb->r[i].pat);
	free(rb->r);
	free(rb);
}

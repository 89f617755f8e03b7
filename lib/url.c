/*
 * url.c: URL resolution (libxml2's RFC 3986 code) and normalisation.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/uri.h>

#include "buf.h"
#include "sha1.h"
#include "url.h"

struct parts {
	const char *scheme; size_t scheme_n;
	const char *host; size_t host_n;	/* without userinfo and port */
	const char *port; size_t port_n;
	const char *path; size_t path_n;
	const char *query; size_t query_n;	/* without '?' */
};

/* Split an absolute hierarchical URL; 0, or -1 if it is not one. */
static int
split(const char *u, struct parts *p)
{
	const char *s = u, *auth, *end, *at, *colon;

	memset(p, 0, sizeof *p);
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' || *s == '.')
		s++;
	if (s == u || s[0] != ':' || s[1] != '/' || s[2] != '/')
		return -1;
	p->scheme = u, p->scheme_n = (size_t)(s - u);
	auth = s + 3;
	end = auth + strcspn(auth, "/?#");
	at = NULL;
	for (const char *q = auth; q < end; q++)
		if (*q == '@')
			at = q;
	if (at)
		auth = at + 1;
	colon = NULL;
	if (*auth == '[') {		/* IPv6 literal */
		const char *rb = memchr(auth, ']', (size_t)(end - auth));

		if (rb == NULL)
			return -1;
		if (rb + 1 < end && rb[1] == ':')
			colon = rb + 1;
	} else {
		colon = memchr(auth, ':', (size_t)(end - auth));
	}
	p->host = auth;
	p->host_n = (size_t)((colon ? colon : end) - auth);
	if (colon)
		p->port = colon + 1, p->port_n = (size_t)(end - colon - 1);
	s = end;
	p->path = s;
	p->path_n = strcspn(s, "?#");
	s += p->path_n;
	if (*s == '?') {
		p->query = s + 1;
		p->query_n = strcspn(s + 1, "#");
	}
	return 0;
}

int
url_scheme_ok(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	    strncasecmp(url, "https://", 8) == 0 ||
	    strncasecmp(url, "file://", 7) == 0;
}

/*
 * Query parameters that only say where a click came from. The list is the
 * union of what the major analytics and ad tools append (Google, Facebook,
 * Microsoft, Mailchimp, HubSpot, Matomo, Yandex); a site's own "id" or
 * "page" parameters are kept since they can name the article.
 */
static int
tracking_param(const char *k, size_t n)
{
	static const char *const names[] = {
		"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid",
		"mc_cid", "mc_eid", "yclid", "igshid", "_hsenc", "_hsmi",
		"mkt_tok", "ocid", "cmpid", "ncid", "ref_src", "s_cid",
		"guccounter", "guce_referrer", "guce_referrer_sig", "_ga",
		"__twitter_impression", "at_medium", "at_campaign", "CMP",
		NULL
	};
	size_t i;

	if (n > 4 && strncasecmp(k, "utm_", 4) == 0)
		return 1;
	if (n > 3 && (strncasecmp(k, "pk_", 3) == 0 || strncasecmp(k, "mtm_", 4) == 0))
		return 1;
	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == n && strncasecmp(k, names[i], n) == 0)
			return 1;
	return 0;
}

static int
default_port(const struct parts *p)
{
	if (p->port_n == 0)
		return 1;
	if (p->scheme_n == 4 && strncasecmp(p->scheme, "http", 4) == 0)
		return p->port_n == 2 && memcmp(p->port, "80", 2) == 0;
	if (p->scheme_n == 5 && strncasecmp(p->scheme, "https", 5) == 0)
		return p->port_n == 3 && memcmp(p->port, "443", 3) == 0;
	return 0;
}

char *
url_normalize(const char *url)
{
	struct parts p;
	struct buf b = {0};
	size_t i;
	int first = 1;

	while (*url == ' ' || *url == '\t')
		url++;
	if (!url_scheme_ok(url) || split(url, &p) < 0)
		return NULL;
	for (i = 0; i < p.scheme_n; i++)
		buf_putc(&b, tolower((unsigned char)p.scheme[i]));
	buf_puts(&b, "://");
	for (i = 0; i < p.host_n; i++)
		buf_putc(&b, tolower((unsigned char)p.host[i]));
	if (b.len && b.p[b.len - 1] == '.')	/* "example.com." */
		b.len--, b.p[b.len] = '\0';
	if (!default_port(&p)) {
		buf_putc(&b, ':');
		buf_append(&b, p.port, p.port_n);
	}
	if (p.path_n == 0)
		buf_putc(&b, '/');
	else
		buf_append(&b, p.path, p.path_n);
	if (p.query) {
		const char *q = p.query, *end = p.query + p.query_n;

		while (q < end) {
			const char *amp = memchr(q, '&', (size_t)(end - q));
			const char *e = amp ? amp : end;
			size_t kn = strcspn(q, "=&");

			if (kn > (size_t)(e - q))
				kn = (size_t)(e - q);
			if (e > q && !tracking_param(q, kn)) {
				buf_putc(&b, first ? '?' : '&');
				buf_append(&b, q, (size_t)(e - q));
				first = 0;
			}
			q = amp ? amp + 1 : end;
		}
	}
	return buf_detach(&b);
}

char *
url_resolve(const char *base, const char *ref)
{
	xmlChar *r;
	char *out;

	while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
		ref++;
	r = xmlBuildURI((const xmlChar *)ref, (const xmlChar *)base);
	if (r == NULL)
		return NULL;
	out = xstrdup((const char *)r);
	xmlFree(r);
	/* Trailing white space from attribute values is not part of it. */
	for (size_t n = strlen(out); n && isspace((unsigned char)out[n - 1]); n--)
		out[n - 1] = '\0';
	return out;
}

char *
url_host(const char *url, int strip_www)
{
	struct parts p;
	char *h;
	size_t i;

	if (split(url, &p) < 0 || p.host_n == 0)
		return NULL;
	if (strip_www && p.host_n > 4 && strncasecmp(p.host, "www.", 4) == 0)
		p.host += 4, p.host_n -= 4;
	h = xstrndup(p.host, p.host_n);
	for (i = 0; h[i]; i++)
		h[i] = (char)tolower((unsigned char)h[i]);
	return h;
}

void
url_id(const char *url, char out[17])
{
	unsigned char d[20];
	char hx[41];
	char *n = url_normalize(url);
	const char *u = n ? n : url;

	sha1(u, strlen(u), d);
	hex_encode(d, 20, hx);
	memcpy(out, hx, 16);
	out[16] = '\0';
	free(n);
}

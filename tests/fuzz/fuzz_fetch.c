/*
 * libFuzzer target for newsfetch's readers of what servers send
 * (fetch/feed.c and fetch/robots.c): sniffing, RSS/RDF/Atom/JSON Feed and
 * sitemap parsing (gzip ones too), item link resolution, feed dates, feed
 * autodiscovery in HTML, and robots.txt rules and matching, on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fuzz.h"

static void
item(void *arg, const char *link, struct item_meta *m)
{
	(void)arg;
	if (strlen(link) == 0)
		abort();
	meta_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *kind, *why;
	char out[32], *s;

	(void)feed_sniff("application/xml", (const char *)data, size);
	(void)feed_parse("https://example.com/feeds/news.rss", (const char *)data, size,
	    item, NULL, &kind, &why);
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)feed_date(s, out);
	(void)feed_is_html(NULL, (const char *)data, size);
	(void)feed_discover("https://example.com/a/page.html", (const char *)data, size,
	    item, NULL);
	{
		/* The input as robots.txt, matched against paths cut from it. */
		struct robots *rb = robots_parse((const char *)data, size, "newsfetch");
		(void)robots_allowed(rb, "/");
		(void)robots_allowed(rb, s + strcspn(s, "/"));
		(void)robots_delay(rb);
		robots_free(rb);
	}
	free(s);
	return 0;
}

/*
 * libFuzzer target for newsfetch's feed reader (fetch/feed.c, linked with
 * the rest of fetch/ but its main): sniffing,
 * RSS/RDF/Atom parsing, item link resolution and feed dates, on any bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"

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
	free(s);
	return 0;
}

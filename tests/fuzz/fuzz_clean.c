/*
 * libFuzzer target: newsclean's page path on arbitrary bytes: charset
 * decoding (with and without an HTTP charset), parsing into a shallow
 * tree, metadata, main-content extraction and the line filters; and the
 * date reader on the raw bytes. The text must come out valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "buf.h"
#include "nf.h"
#include "utf8.h"
#include "clean.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf utf = {0}, text = {0};
	struct meta m = {0};
	htmlDocPtr hd;
	char cs[64], *s, *d;

	/* dates: the whole input as one string */
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	free(meta_date_norm(s));
	free(meta_date_scan(s));
	free(s);

	cs_decode((const char *)data, size,
	    size > 0 && (data[0] & 1) ? "text/html; charset=windows-1251" : NULL,
	    &utf, cs);
	if (!utf8_valid(utf.p ? utf.p : "", utf.len))
		abort();
	hd = tree_parse(utf.p ? utf.p : "", utf.len, "https://example.com/a/");
	if (hd != NULL) {
		meta_extract(hd, "https://example.com/2025/11/22/a", &m);
		extract_text(hd, &text);
		xmlFreeDoc(hd);
		text.len = lines_head(text.p, text.len, m.title, m.authors,
		    m.nauthors);
		if (text.len > 0 && !utf8_valid(text.p, text.len))
			abort();
		meta_guess_lang(text.p ? text.p : "", text.len);
		if (m.title != NULL) {
			d = strdup(m.title);
			meta_title_trim(d, m.site_name, NULL, 0);
			free(d);
		}
		meta_free(&m);
	}
	buf_free(&utf);
	buf_free(&text);
	return 0;
}

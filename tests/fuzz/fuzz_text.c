/*
 * libFuzzer target: JSON Lines reading, UTF-8 repair/NFC/offsets and URL
 * normalisation on arbitrary bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jsonl.h"
#include "nf.h"
#include "url.h"
#include "utf8.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf b = {0}, l = {0};
	struct jsonl_reader jr;
	json_t *o;
	char *s, id[17];
	FILE *fp;
	int st;

	/* UTF-8: repair then NFC must yield valid UTF-8. */
	utf8_clean(&b, (const char *)data, size);
	if (!utf8_valid(b.p, b.len))
		abort();
	struct utf8_cursor c = { b.p, b.len, 0, 0 };
	size_t cp = utf8_cursor_cp(&c, b.len);
	if (cp != utf8_cpcount(b.p, b.len))
		abort();
	struct utf8_cursor c2 = { b.p, b.len, 0, 0 };
	if (utf8_cursor_byte(&c2, cp) != b.len)
		abort();
	utf8_lower(&l, b.p, b.len);
	/* URLs from the repaired text. */
	s = url_normalize(b.p);
	free(s);
	s = url_resolve("https://example.com/a/b", b.p);
	free(s);
	url_id(b.p, id);
	buf_free(&b);
	buf_free(&l);
	/* JSON Lines. */
	fp = fmemopen((void *)data, size, "r");
	if (fp == NULL)
		return 0;
	jsonl_init(&jr, fp, "fuzz", 1 << 16);
	while ((st = jsonl_read(&jr, &o)) != JSONL_EOF)
		if (st == JSONL_OK)
			json_decref(o);
	jsonl_free(&jr);
	fclose(fp);
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	nf_init("fuzz_text");
	nf_errfp = fopen("/dev/null", "w");
	return 0;
}

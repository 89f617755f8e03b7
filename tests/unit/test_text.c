/*
 * Unit tests: buf, lineio, utf8, sha1, url.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "lineio.h"
#include "nf.h"
#include "sha1.h"
#include "url.h"
#include "utf8.h"
#include "tap.h"

static void
test_buf(void)
{
	struct buf b = {0};
	int i;

	buf_puts(&b, "abc");
	buf_putc(&b, 'd');
	buf_printf(&b, "-%d-%s", 42, "x");
	is_str(b.p, "abcd-42-x", "buf_puts/putc/printf append");
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%05d", i);
	is_int(b.len, 9 + 50000, "buf grows past many reallocations");
	ok(b.p[b.len] == '\0', "buf stays NUL-terminated");
	buf_reset(&b);
	is_int(b.len, 0, "buf_reset empties");
	char *p = buf_detach(&b);
	ok(p != NULL && b.p == NULL && b.cap == 0, "buf_detach hands over memory");
	free(p);
	is_int(nf_parse_size("32M"), 32 << 20, "nf_parse_size 32M");
	is_int(nf_parse_size("10k"), 10240, "nf_parse_size 10k");
	is_int(nf_parse_size("12x"), -1, "nf_parse_size rejects junk");
}

static void
test_lines(void)
{
	FILE *fp = tmpfile();
	struct linereader r;
	int i;

	fputs("one\n\ntwo", fp);
	fputc('\n', fp);
	for (i = 0; i < 5000; i++)
		fputc('x', fp);
	fputs("\nlast", fp);
	rewind(fp);
	line_init(&r, fp, 1000);
	ok(line_read(&r) == LINE_OK && strcmp(r.line.p, "one") == 0, "first line");
	ok(line_read(&r) == LINE_OK && r.line.len == 0, "empty line");
	ok(line_read(&r) == LINE_OK && strcmp(r.line.p, "two") == 0, "third line");
	ok(line_read(&r) == LINE_TOOLONG && r.toolong_len == 5000, "long line reported with its length");
	ok(r.line.cap <= 2048, "long line not held in memory (cap %zu)", r.line.cap);
	ok(line_read(&r) == LINE_OK && strcmp(r.line.p, "last") == 0 && r.lineno == 5,
	    "last line without newline, numbered 5");
	ok(line_read(&r) == LINE_EOF, "then EOF");
	line_free(&r);
	fclose(fp);
}

static void
test_utf8(void)
{
	struct buf b = {0};
	size_t i, n;

	ok(utf8_valid("h\xC3\xA9llo", 6), "valid 2-byte");
	ok(!utf8_valid("\xC0\xAF", 2), "overlong rejected");
	ok(!utf8_valid("\xED\xA0\x80", 3), "surrogate rejected");
	ok(!utf8_valid("\xF4\x90\x80\x80", 4), "past U+10FFFF rejected");
	ok(!utf8_valid("\xE2\x82", 2), "truncated rejected");
	ok(utf8_valid("\xF0\x9F\x98\x80", 4), "4-byte emoji valid");
	n = utf8_repair(&b, "a\xFF" "b\xE2\x82" "c\0d", 8);
	is_str(b.p, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "cd", "repair: U+FFFD for bad bytes, NUL dropped");
	is_int(n, 3, "repair counts three fixes");
	buf_reset(&b);
	/* e + combining acute -> é (U+00E9) */
	utf8_clean(&b, "Cafe\xCC\x81", 6);
	is_str(b.p, "Caf\xC3\xA9", "NFC composes e + U+0301");
	buf_reset(&b);
	utf8_nfc(&b, "plain ascii", 11);
	is_str(b.p, "plain ascii", "ASCII unchanged by NFC");
	is_int(utf8_cpcount("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", 8), 4, "Київ is 4 code points");
	const char *s = "a\xC3\xA9" "b\xF0\x9F\x98\x80" "c";
	struct utf8_cursor c = { s, strlen(s), 0, 0 };
	is_int(utf8_cursor_cp(&c, 3), 2, "cursor: byte 3 is code point 2");
	is_int(utf8_cursor_cp(&c, 8), 4, "cursor: byte 8 is code point 4");
	is_int(utf8_cursor_cp(&c, 1), 1, "cursor: going back restarts");
	struct utf8_cursor c2 = { s, strlen(s), 0, 0 };
	is_int(utf8_cursor_byte(&c2, 4), 8, "cursor: code point 4 is byte 8");
	i = 0;
	ok(utf8_next(s, strlen(s), &i) == 'a' && utf8_next(s, strlen(s), &i) == 0xE9,
	    "utf8_next decodes");
	ok(utf8_isupper(0x0416) && utf8_islower(0x0436) && utf8_isalpha(0x0416), "Cyrillic case classes");
	ok(utf8_isspace(0xA0) && utf8_isspace(0x2009) && !utf8_isspace('x'), "NBSP and thin space are space");
	buf_reset(&b);
	utf8_lower(&b, "\xC3\x84pfel KIEW \xD0\x9A", 14);
	is_str(b.p, "\xC3\xA4pfel kiew \xD0\xBA", "utf8_lower folds Latin and Cyrillic");
	buf_free(&b);
}

static void
test_sha1(void)
{
	unsigned char d[20];
	char hx[41], b32[33];

	sha1("abc", 3, d);
	hex_encode(d, 20, hx);
	is_str(hx, "a9993e364706816aba3e25717850c26c9cd0d89d", "SHA-1 of abc (FIPS 180 example)");
	sha1("", 0, d);
	hex_encode(d, 20, hx);
	is_str(hx, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "SHA-1 of empty string");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	struct sha1 s;
	sha1_init(&s);
	for (size_t i = 0; i < strlen(m); i++)
		sha1_update(&s, m + i, 1);
	sha1_final(&s, d);
	hex_encode(d, 20, hx);
	is_str(hx, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "SHA-1 two-block message fed byte by byte");
	sha1("abc", 3, d);
	base32_20(d, b32);
	is_str(b32, "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5", "base32 of SHA-1(abc)");
	ok(hash64("a", 1) != hash64("b", 1), "hash64 differs");
}

static void
test_url(void)
{
	char *n, id1[17], id2[17];

	n = url_normalize("HTTPS://Example.COM:443/a/b?utm_source=x&id=7&fbclid=zz#frag");
	is_str(n, "https://example.com/a/b?id=7", "normalize: case, port, tracking, fragment");
	free(n);
	n = url_normalize("http://example.com");
	is_str(n, "http://example.com/", "normalize: empty path is /");
	free(n);
	n = url_normalize("http://example.com:8080/x?utm_medium=a");
	is_str(n, "http://example.com:8080/x", "normalize: keeps other ports, drops only-tracking query");
	free(n);
	ok(url_normalize("mailto:a@b") == NULL, "normalize refuses mailto:");
	n = url_resolve("https://example.com/news/feed.xml", "../a/b.html");
	is_str(n, "https://example.com/a/b.html", "resolve relative path");
	free(n);
	n = url_resolve("file:///tmp/ex/feeds/wire.rss", "pages/x.html");
	is_str(n, "file:///tmp/ex/feeds/pages/x.html", "resolve against file: URL");
	free(n);
	n = url_host("https://www.Example.com:8443/x", 1);
	is_str(n, "example.com", "host without www and port");
	free(n);
	url_id("https://example.com/a?utm_source=rss", id1);
	url_id("https://EXAMPLE.com/a#top", id2);
	is_str(id1, id2, "id is stable across tracking parameters and fragments");
	is_int(strlen(id1), 16, "id has 16 hex digits");
	ok(url_scheme_ok("file:///x") && !url_scheme_ok("ftp://x/"), "scheme filter");
}

int
main(void)
{
	nf_init("test_text");
	test_buf();
	test_lines();
	test_utf8();
	test_sha1();
	test_url();
	return done_testing();
}

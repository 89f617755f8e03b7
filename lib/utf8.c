/*
 * utf8.c: validation, repair, NFC and offsets, on utf8proc.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nf.h"
#include "utf8.h"

/*
 * Decode one sequence by the table in Unicode 15, section 3.9 (table 3-7),
 * so that overlongs, surrogates and values past U+10FFFF are invalid.
 */
int32_t
utf8_next(const char *str, size_t n, size_t *i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t k = *i;
	unsigned c = s[k];
	unsigned lo = 0x80, hi = 0xBF;
	int32_t cp;
	int len, j;

	if (c < 0x80) {
		*i = k + 1;
		return (int32_t)c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, cp = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, cp = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		*i = k + 1;
		return -1;
	}
	for (j = 1; j < len; j++) {
		unsigned b;

		/* A bad sequence ends before the first byte that cannot
		 * continue it (Unicode's "maximal subpart"): one U+FFFD. */
		if (k + (size_t)j >= n || (b = s[k + j]) < lo || b > hi) {
			*i = k + (size_t)j;
			return -1;
		}
		lo = 0x80, hi = 0xBF;
		cp = cp << 6 | (int32_t)(b & 0x3F);
	}
	*i = k + (size_t)len;
	return cp;
}

int
utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	uint64_t x;

	while (i < n) {
		/* ASCII eight bytes at a time: most news text is ASCII, and the
		 * byte loop was 7% of a newsmerge run (perf) */
		if (n - i >= 8) {
			memcpy(&x, s + i, 8);
			if (!(x & (0x0101010101010101ULL * 0x80))) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (utf8_next(s, n, &i) < 0)
			return 0;
	}
	return 1;
}

size_t
utf8_repair(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0, fixes = 0, k;
	int32_t cp;

	buf_grow(out, n);
	while (i < n) {
		k = i;
		if ((unsigned char)s[i] >= 0x80) {
			cp = utf8_next(s, n, &i);
			if (cp >= 0)
				continue;
		} else if (s[i] != '\0') {
			i++;
			continue;
		} else {
			cp = 0;
			i++;
		}
		/* s[k..i) is bad: flush the good run before it. */
		buf_append(out, s + run, k - run);
		if (cp < 0)
			buf_append(out, "\xEF\xBF\xBD", 3);
		fixes++;
		run = i;
	}
	buf_append(out, s + run, n - run);
	return fixes;
}

static int
all_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/*
 * NFC only changes text that has a combining mark or a precomposable or
 * compatibility-affected character; ASCII never changes. utf8proc_map
 * allocates; its cost is only paid for non-ASCII text.
 */
void
utf8_nfc(struct buf *out, const char *s, size_t n)
{
	utf8proc_uint8_t *dst = NULL;
	utf8proc_ssize_t len;

	if (all_ascii(s, n)) {
		buf_append(out, s, n);
		return;
	}
	len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    &dst, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (len < 0) {
		/* Only for invalid input, which callers repair first. */
		buf_append(out, s, n);
		return;
	}
	buf_append(out, dst, (size_t)len);
	free(dst);
}

size_t
utf8_clean(struct buf *out, const char *s, size_t n)
{
	struct buf tmp = {0};
	size_t fixes;

	if (utf8_valid(s, n) && memchr(s, '\0', n) == NULL) {
		utf8_nfc(out, s, n);
		return 0;
	}
	fixes = utf8_repair(&tmp, s, n);
	utf8_nfc(out, tmp.p, tmp.len);
	buf_free(&tmp);
	return fixes;
}

size_t
utf8_cpcount(const char *s, size_t n)
{
	size_t i, c = 0;

	/* Count the bytes that start a sequence (not 10xxxxxx). */
	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

size_t
utf8_cursor_cp(struct utf8_cursor *c, size_t byte)
{
	if (byte > c->n)
		byte = c->n;
	if (byte < c->byte)
		c->byte = c->cp = 0;
	c->cp += utf8_cpcount(c->s + c->byte, byte - c->byte);
	c->byte = byte;
	return c->cp;
}

size_t
utf8_cursor_byte(struct utf8_cursor *c, size_t cp)
{
	if (cp < c->cp)
		c->byte = c->cp = 0;
	while (c->cp < cp && c->byte < c->n) {
		c->byte++;
		while (c->byte < c->n && ((unsigned char)c->s[c->byte] & 0xC0) == 0x80)
			c->byte++;
		c->cp++;
	}
	return c->byte;
}

int
utf8_isalpha(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

int
utf8_isupper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int
utf8_islower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int
utf8_isdigit(int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int
utf8_isspace(int32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	if (cp == 0x85)
		return 1;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		return 1;
	default:
		return 0;
	}
}

int
utf8_ispunct(int32_t cp)
{
	if (cp < 0) return 0;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
		return 1;
	default:
		return 0;
	}
}

int32_t
utf8_tolower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	return utf8proc_tolower(cp);
}

int32_t
utf8_toupper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
	return utf8proc_toupper(cp);
}

void
utf8_lower(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;
	int32_t cp;
	char enc[4];

	buf_grow(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			buf_putc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
			continue;
		}
		cp = utf8_next(s, n, &i);
		if (cp < 0)
			cp = 0xFFFD;
		buf_append(out, enc, (size_t)utf8_encode(utf8_tolower(cp), enc));
	}
}
